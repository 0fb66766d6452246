"""Fixtures for the security regression tests (issue 14): the events fixtures (a small region,
its users, token clients), reused so that every test here sets up in milliseconds."""

from tests.web_events.conftest import api_as, body, orgs, users  # noqa: F401
