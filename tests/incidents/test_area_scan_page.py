# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The scan's HTML page comes from a Jinja2 template with autoescape: the page for ordinary
names is byte for byte the one the earlier f-string code wrote (fixtures/scan_page.html was
written by that code), and names with markup characters are escaped."""

from __future__ import annotations

from pathlib import Path

from safetyplan.incidents.area_scan_map import scan_html

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


def test_page_is_unchanged_for_ordinary_names():
    assert scan_html(synthetic(), SVG) == FIXTURE.read_text(encoding="utf-8")


def test_no_map_and_no_alarms():
    result = synthetic()
    result["alarms"]["alarms"] = []
    page = scan_html(result, None)
    assert "<li>geen / none</li>" in page
    assert "<p>geen kaart / no map: geen gegevens / no data</p>" in page


def test_names_with_markup_are_escaped():
    page = scan_html(synthetic(name="A<b>&\"q'", crime="<i>x</i>", source="s&t"), SVG)
    assert "<b>" not in page and "<i>" not in page
    assert "A&lt;b&gt;&amp;&#34;q&#39;" in page
    assert "<td>&lt;i&gt;x&lt;/i&gt;</td>" in page
    assert "Bron / source: s&amp;t;" in page
    assert SVG in page  # the map is vl-convert's SVG, inserted as it is
