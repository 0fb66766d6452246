# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The scan's HTML page comes from a Jinja2 template with autoescape and the i18n extension:
the Dutch page for ordinary names is byte for byte fixtures/scan_page.html (reviewed by hand
when the page became one language at a time), the English page holds no Dutch, and names
with markup characters are escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetyplan import i18n
from safetyplan.incidents.area_scan_map import scan_html
from tests.i18n.language_check import assert_only

FIXTURE = Path(__file__).parent / "fixtures" / "scan_page.html"
SVG = '<svg><path d="M0 0"/></svg>'


def synthetic(name="Rotterdam", crime="burglary", source="police"):
    trend = {"pct_per_year": -3.25, "low": -8.0, "high": 1.5, "p": 0.21}
    return {
        "name": name,
        "area": "GM0599",
        "source": source,
        "from": "2018-01-01",
        "to": "2018-12-31",
        "incidents": 1234,
        "population": 651157.0,
        "crime_types": [
            {
                "crime_type": crime,
                "count": 1000,
                "rate_per_1000": 1.5357,
                "trend": trend,
                "comparison": [
                    {"name": name + " region", "rate_per_1000": 1.2},
                    {"name": "Nederland", "rate_per_1000": None},
                ],
                "clearance_pct": 12.5,
            },
            {
                "crime_type": "theft",
                "count": 234,
                "rate_per_1000": None,
                "trend": {"pct_per_year": None, "low": None, "high": None, "p": None},
                "comparison": [],
                "clearance_pct": None,
            },
        ],
        "alarms": {
            "method": "nb-cusum",
            "alarms": [{"crime_type": crime, "period": "2018-05", "count": 40, "expected": 21.456}],
        },
        "hotspots": {"note": "Gi* z >= 1.96 & p < 0.05"},
    }


@pytest.fixture(autouse=True)
def language(monkeypatch):
    """Dutch unless a test asks for English; nothing leaks into other tests."""
    for name in ("SAFETYPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.activate(None)
    yield monkeypatch
    i18n.activate(None)


def test_dutch_page_for_ordinary_names():
    assert scan_html(synthetic(), SVG) == FIXTURE.read_text(encoding="utf-8")


def test_english_page(language):
    language.setenv("SAFETYPLAN_LANG", "en")
    page = scan_html(synthetic(), SVG)
    assert '<html lang="en">' in page and "<h1>Area scan: Rotterdam (GM0599)</h1>" in page
    assert "1,234 incidents; population: 651,157." in page
    assert "<th>cleared %</th>" in page and "(expected 21.5)" in page
    for dutch in ("Gebiedsscan", "incidenten", "inwoners", "verwacht", "geen gegevens", "soort"):
        assert dutch not in page
    assert_only("en", page, "English scan page")


def test_no_map_and_no_alarms(language):
    result = synthetic()
    result["alarms"]["alarms"] = []
    page = scan_html(result, None)
    assert "<li>geen</li>" in page
    assert "<p>geen kaart: geen gegevens</p>" in page
    assert "no data" not in page and "none" not in page
    language.setenv("SAFETYPLAN_LANG", "en")
    page = scan_html(result, None)
    assert "<li>none</li>" in page and "<p>no map: no data</p>" in page
    assert "geen" not in page


def test_names_with_markup_are_escaped():
    page = scan_html(synthetic(name="A<b>&\"q'", crime="<i>x</i>", source="s&t"), SVG)
    assert "<b>" not in page and "<i>" not in page
    assert "A&lt;b&gt;&amp;&#34;q&#39;" in page
    assert "<td>&lt;i&gt;x&lt;/i&gt;</td>" in page
    assert "Bron: s&amp;t;" in page
    assert SVG in page  # the map is vl-convert's SVG, inserted as it is
