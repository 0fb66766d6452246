# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Item 2: every paginated API list clamps ``?limit=`` to a maximum; nonsense gives 400."""

import pytest

from safetyplan.web.api.pagination import MAX_PAGE_SIZE
from tests.web.conftest import make_user, users  # noqa: F401

# The plan's lists need the seeded plan: this module uses the web tests' fixtures (which
# override the events' ``users`` here; same names, same roles).

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/events/",
    "/api/v1/activities/",
    "/api/v1/meldingen/",
    "/api/v1/goals/",
    "/api/v1/priorities/",
]


@pytest.mark.parametrize("url", LISTS)
def test_a_huge_limit_is_clamped_to_the_maximum(api_as, url):
    response = api_as("analist").get(url, {"limit": "100000000000000000000"})
    assert response.status_code == 200
    assert len(response.json()["results"]) <= MAX_PAGE_SIZE


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"limit": "abc"},
        {"limit": "-5"},
        {"limit": "1.5"},
        {"limit": "0"},
        {"offset": "-1"},
        {"offset": "100000000000000000000"},
    ],
)
def test_nonsense_paging_gives_400(api_as, url, query):
    assert api_as("analist").get(url, query).status_code == 400


def test_the_maximum_applies_to_a_long_list(api_as, body):
    from tests.web.events.conftest import at

    client = api_as("rotterdam")
    for n in range(3):
        client.post("/api/v1/events/", body(f"e{n}", at(5, 1, 10), at(5, 1, 12)), format="json")
    from safetyplan.web.api import pagination

    old = pagination.ClampedLimitOffsetPagination.max_limit
    pagination.ClampedLimitOffsetPagination.max_limit = 2
    try:
        page = client.get("/api/v1/events/", {"limit": "50"}).json()
    finally:
        pagination.ClampedLimitOffsetPagination.max_limit = old
    assert page["count"] == 3 and len(page["results"]) == 2
