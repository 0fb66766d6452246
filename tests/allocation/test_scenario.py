# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The scenario file: sound files load; broken ones fail with file, line, field and problem."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyplan.allocation import ScenarioError, load_scenario, parse_scenario
from safetyplan.allocation.scenario import Basis, Model
from safetyplan.errors import SafetyplanError

from .allocation_cases import ROOT, SMALL

# These tests read the messages in English, the source language (test_language.py: Dutch).
pytestmark = pytest.mark.usefixtures("english")


def test_the_small_scenario_loads_with_its_figures_and_bases():
    s = parse_scenario(SMALL, "small.yaml")
    assert s.total_fte.value == 100 and s.total_fte.basis is Basis.assumption
    assert s.available_fte == 90
    assert s.model is Model.hours and s.step == 1
    assert [u.id for u in s.units] == ["a", "b", "c"]
    assert s.unit("b").min_fte == 25 and s.unit("c").max_fte == 10
    assert s.themes() == ["hic"]


def test_scenario_errors_are_safetyplan_errors():
    assert issubclass(ScenarioError, SafetyplanError)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a minimum above the maximum
        (
            "{id: c, name: C, max_fte: 10}",
            "{id: c, name: C, min_fte: 12, max_fte: 10}",
            "line 20 (units[2]): minimum 12 is above the maximum 10",
        ),
        # minimums that together exceed what there is to divide
        (
            "min_fte: 25}",
            "min_fte: 95}",
            "line 17 (units): the minimums add up to 95 FTE, more than the 90 FTE to divide",
        ),
        # the fixed parts exceed the total
        ("fte: 10, basis", "fte: 110, basis", "(fixed): the fixed parts (110 FTE) exceed"),
        # an unknown unit in a driver's values
        (
            "{a: 30, b: 10, c: 0}",
            "{a: 30, b: 10, c: 0, d: 4}",
            "(drivers[0].items[0].values.d): unknown unit 'd'",
        ),
        # a unit without a value
        (
            "{a: 30, b: 10, c: 0}",
            "{a: 30, b: 10}",
            "(drivers[0].items[0].values): no value for unit(s) c",
        ),
        # a priority for a theme no item has
        (
            "priorities: {hic: 2}",
            "priorities: {hic: 2, jeugd: 3}",
            "line 16 (priorities.jeugd): unknown theme 'jeugd'",
        ),
        # not a multiple of the step
        ("min_fte: 25}", "min_fte: 25.5}", "(units[1].min_fte): 25.5 is not a multiple"),
        # duplicates and typos
        ("{id: c, name: C,", "{id: b, name: C,", "line 20 (units[2].id): duplicate id 'b'"),
        (
            "title: Klein voorbeeld",
            "title: Klein voorbeeld\ntitel: typo",
            "line 3 (titel): unknown field (not part of the format of a scenario file)",
        ),
        (
            "total_fte: {value: 100,",
            "total_fte: {value: -5,",
            "(total_fte.value): must be at least 0.0",
        ),
        (
            "basis: assumption, note: illustratief}\nfixed",
            "basis: guess, note: x}\nfixed",
            "(total_fte.basis)",
        ),
        (
            "hours: 100, per_unit: true",
            "hours: 100",
            "(drivers[1].items[0]): give exactly one of 'measure', 'values' or 'per_unit: true'",
        ),
        (
            "values: {a: 30, b: 10, c: 0}, source: test figures",
            "values: {a: 30, b: 10, c: 0}",
            "'values' need a 'source'",
        ),
        ("id: small\n", "id: small\nstep: 0.5\n", "(step)"),
    ],
)
def test_broken_scenarios_name_file_place_and_problem(old, new, expected):
    assert old in SMALL
    with pytest.raises(ScenarioError) as err:
        parse_scenario(SMALL.replace(old, new), "s.yaml")
    message = str(err.value)
    assert message.startswith("s.yaml")
    assert expected in message


def test_shares_weights_must_add_up_to_100():
    text = SMALL.replace("id: small\n", "id: small\nmodel: shares\n")
    text = text.replace("name: Criminaliteit\n", "name: Criminaliteit\n    weight: 60\n")
    text = text.replace("name: Basis\n", "name: Basis\n    weight: 30\n")
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "s.yaml")
    assert (
        "line 7 (drivers): in a 'shares' scenario the driver weights must add up to 100; "
        "they add up to 90 (crime 60 + base 30)" in str(err.value)
    )
    parse_scenario(text.replace("weight: 30", "weight: 40"), "s.yaml")  # 60 + 40 loads


def test_maximums_that_cannot_hold_the_total_are_refused():
    text = SMALL.replace("{id: a, name: A}", "{id: a, name: A, max_fte: 40}").replace(
        "{id: b, name: B, min_fte: 25}", "{id: b, name: B, min_fte: 25, max_fte: 30}"
    )
    with pytest.raises(ScenarioError, match=r"the maximums add up to 80 FTE, less than the 90"):
        parse_scenario(text, "s.yaml")


def test_tenths_are_accepted_with_step_0_1():
    text = SMALL.replace("id: small\n", "id: small\nstep: 0.1\n").replace(
        "min_fte: 25}", "min_fte: 25.5}"
    )
    assert parse_scenario(text, "s.yaml").unit("b").min_fte == 25.5


def test_a_municipality_cannot_be_given_out_twice():
    text = SMALL.replace("{id: a, name: A}", "{id: a, name: A, areas: [GM0599]}").replace(
        "{id: b, name: B,", "{id: b, name: B, areas: [{code: GM0599, share: 0.5, note: x}],"
    )
    with pytest.raises(
        ScenarioError,
        match=r"\(units\[1\]\.areas\[0\]\): area GM0599 is given "
        r"out more than once",
    ):
        parse_scenario(text, "s.yaml")


def test_priorities_are_checked_against_the_plan_themes(write):
    plan = ROOT / "plans" / "rotterdam-2015-2018.yaml"
    text = SMALL.replace("id: small\n", f"id: small\nplan: {plan}\n")
    assert parse_scenario(text, "s.yaml").plan == str(plan)
    with pytest.raises(
        ScenarioError,
        match=r"\(drivers\[0\]\.items\[0\]\.theme\): unknown "
        r"theme 'hik' \(not in the plan\)",
    ):
        parse_scenario(text.replace("theme: hic", "theme: hik").replace("{hic: 2}", "{}"), "s.yaml")
    with pytest.raises(ScenarioError, match=r"\(plan\): the plan cannot be read"):
        parse_scenario(SMALL.replace("id: small\n", "id: small\nplan: nope.yaml\n"), "s.yaml")


def test_a_variant_extends_a_base_and_changes_only_what_it_names(write):
    write("base.yaml", SMALL)
    variant = write(
        "variant.yaml",
        "extends: base.yaml\nid: variant\ntitle: Meer HIC\n"
        "priorities: {hic: 3}\nweights: {base: 2}\n",
    )
    s = load_scenario(variant)
    assert s.id == "variant" and s.extends == "base.yaml"
    assert s.priorities == {"hic": 3}
    assert [d.weight for d in s.drivers] == [1.0, 2.0]
    assert [u.id for u in s.units] == ["a", "b", "c"]  # from the base


def test_a_variant_names_its_own_file_for_its_own_mistakes(write):
    write("base.yaml", SMALL)
    variant = write("variant.yaml", "extends: base.yaml\nid: variant\n\nweights: {crim: 2}\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(variant)
    assert str(err.value).startswith(f"{variant}, line 4 (weights.crim): unknown driver 'crim'")
    missing = write("orphan.yaml", "extends: nope.yaml\nid: orphan\n")
    with pytest.raises(ScenarioError, match=r"orphan.yaml, line 1 \(extends\): base scenario"):
        load_scenario(missing)
    loop = write("loop.yaml", "extends: loop.yaml\nid: loop\n")
    with pytest.raises(ScenarioError, match="a loop"):
        load_scenario(loop)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(ScenarioError, match="scenario file not found"):
        load_scenario(tmp_path / "nope.yaml")
    with pytest.raises(ScenarioError, match="is a folder, not a scenario file"):
        load_scenario(tmp_path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_either_loads_or_raises_a_located_scenario_error(text):
    try:
        parse_scenario(text, "fuzz.yaml")
    except ScenarioError as exc:
        assert str(exc).startswith("fuzz.yaml")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(-10, 1e4) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        [
            "id",
            "title",
            "total_fte",
            "step",
            "fixed",
            "model",
            "drivers",
            "priorities",
            "weights",
            "units",
            "data",
            "extends",
        ]
    ),
    yaml_values,
)
def test_any_field_replaced_by_junk_gives_a_located_error_or_loads(field, junk):
    data = yaml.safe_load(SMALL)
    data[field] = junk
    try:
        parse_scenario(yaml.safe_dump(data), "fuzz.yaml")
    except ScenarioError as exc:
        assert str(exc).startswith(("fuzz.yaml", "fuzz.yaml"))
        assert "Traceback" not in str(exc)
