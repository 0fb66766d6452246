# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A figure source that cannot be read for a moment (a damaged or vanished warehouse file)
never gives a 500: every page that shows figures answers with a plain message."""

from __future__ import annotations

import pytest
from django.urls import reverse

FIGURE_PAGES = [
    ("dashboard", {}),
    ("goal", {"code": "woninginbraak"}),
    ("areas", {}),
    ("municipality", {"code": "GM0606"}),
]


@pytest.fixture
def damaged_warehouse(plan, tmp_path):
    damaged = tmp_path / "warehouse.duckdb"
    damaged.write_bytes(b"not a DuckDB file\n" * 1000)
    plan.warehouse_path = str(damaged)
    plan.save(update_fields=["warehouse_path"])
    return damaged


@pytest.mark.parametrize(("name", "kwargs"), FIGURE_PAGES)
def test_a_page_with_figures_degrades_with_a_message(damaged_warehouse, client_for, name, kwargs):
    response = client_for("schiedam").get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De cijfers zijn nu niet te lezen; probeer het zo opnieuw." in html
    assert str(damaged_warehouse) not in html and "DuckDB" not in html  # details: the log


def test_the_area_page_keeps_its_heading_and_says_why_there_are_no_figures(
    damaged_warehouse, client_for
):
    html = (
        client_for("schiedam")
        .get(reverse("municipality", kwargs={"code": "GM0606"}))
        .content.decode()
    )
    assert "Schiedam" in html
    assert "De cijfers zijn nu niet te lezen" in html
