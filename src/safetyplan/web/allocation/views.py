# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from . import charts, services


def allocation_page(request):
    """One scenario's division, or with ``?b=`` the shift from scenario A to B."""
    files = services.scenario_files()
    by_name = {f.name: f for f in files}
    usable = [f for f in files if not f.problem]
    a_name = request.GET.get("a") or (usable[0].name if usable else None)
    b_name = request.GET.get("b") or None
    context = {
        "nav": "allocation",
        "files": files,
        "a_name": a_name,
        "b_name": b_name,
        "broken": [f for f in files if f.problem],
    }
    if a_name not in by_name or (b_name is not None and b_name not in by_name):
        context["unavailable"] = (
            _("No scenario file found with that name.")
            if files
            else _("No scenario files found (folder scenarios/ or SAFETYPLAN_SCENARIOS).")
        )
        return render(request, "allocation/page.html", context, status=404 if files else 200)
    chosen = [by_name[a_name]] + ([by_name[b_name]] if b_name else [])
    try:
        results = services.divisions(chosen)
    except services.AllocationUnavailable as exc:
        context["unavailable"] = str(exc)
        return render(request, "allocation/page.html", context)
    context.update(_division_context(results[0]))
    if len(results) == 2:
        context.update(_comparison_context(results[0], results[1]))
    else:
        context["map_chart"] = charts.unit_map(
            _map_features(results[0], {u.id: u.fte for u in results[0].units}), _("FTE"), False
        )
    return render(request, "allocation/page.html", context)


def _division_context(allocation) -> dict:
    from safetyplan.allocation import assumption_lines, sensitivity

    names = {d.id: d.shown("name") for d in allocation.scenario.drivers}
    rows = []
    for u in allocation.units:
        top = sorted(u.drivers.items(), key=lambda kv: -kv[1])[:2]
        rows.append({"unit": u, "drivers": [(names[d], v) for d, v in top if v > 0]})
    sens = sensitivity(allocation)
    unit_names = {u.id: u.name for u in allocation.units}
    return {
        "allocation": allocation,
        "scenario": allocation.scenario,
        "decimals": 0 if allocation.scenario.step == 1 else 1,
        "unit_rows": rows,
        "allocated": sum(u.fte for u in allocation.units),
        "total_basis": {
            "assumption": _("assumption, not a fact"),
            "fact": _("fact"),
            "decision": _("decision"),
        }[allocation.scenario.total_fte.basis.value],
        "assumptions": assumption_lines(allocation.scenario),
        "notes": list(allocation.notes),
        "division_chart": charts.division_chart(allocation),
        "sensitivity": [
            {
                "s": s,
                "gain": _named(s.largest(1), unit_names),
                "loss": _named(s.largest(-1), unit_names),
            }
            for s in sens
        ],
    }


def _comparison_context(a, b) -> dict:
    from safetyplan.allocation import compare

    comparison = compare(a, b)
    labels = comparison.labels()
    shifts = {r.unit: r.shift for r in comparison.rows if r.shift is not None}
    return {
        "comparison": comparison,
        "scenario_b": b.scenario,
        "shift_rows": [{"row": r, "reason": r.reason(labels)} for r in comparison.rows],
        "shift_chart": charts.shift_chart(comparison),
        "map_chart": charts.unit_map(_map_features(b, shifts), _("Shift in FTE"), True),
    }


def _named(pair, names):
    return None if pair is None else {"name": names[pair[0]], "fte": pair[1]}


def _map_features(allocation, values: dict) -> list[dict]:
    """GeoJSON features of the units' municipalities, carrying the unit's value."""
    # The dashboard's bundled, rewound boundaries (d3 winding); nothing is fetched.
    from safetyplan.web.dashboard.areas import _features_for

    codes = {code for u in allocation.units for code, _share in u.areas if code.startswith("GM")}
    features = _features_for(codes)
    out = []
    for u in allocation.units:
        for code, share in u.areas:
            if code not in features:
                continue
            feature = features[code]
            name = feature["properties"]["name"] or code
            if share < 1:
                name = _("%(name)s (partly, %(share)s%%)") % {
                    "name": name,
                    "share": round(share * 100),
                }
            out.append(
                {
                    "type": "Feature",
                    "geometry": feature["geometry"],
                    "properties": {
                        "code": code,
                        "name": name,
                        "unit": u.name,
                        "value": values.get(u.id),
                    },
                }
            )
    return out
