# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Fixtures for the security regression tests (issue 14): the events fixtures (a small region,
its users, token clients), so that most tests set up in milliseconds, and the web tests'
seeded plan for the plan's API and pages (``plan``; do not combine it with ``orgs``)."""

from tests.web.conftest import plan, warehouse_path  # noqa: F401
from tests.web.events.conftest import api_as, body, orgs, users  # noqa: F401
