# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Clash detection on crafted calendars: midnight-crossing and multi-day events count on every
day they touch; demand beyond capacity; two C events; several B events."""

from datetime import date, datetime

from safetyplan.events import LOCAL_TZ, PlannedEvent, days_touched, detect
from safetyplan.events.risk_scan import ClashRules

RULES = ClashRules(c_events=2, b_events=3)


def at(day, hour=0, minute=0):
    return datetime(2016, 7, day, hour, minute, tzinfo=LOCAL_TZ)


def ev(eid, start, end, risk_class="A", demand=None, area="D1"):
    return PlannedEvent(eid, f"event {eid}", area, start, end, risk_class, demand)


def test_an_event_crossing_midnight_touches_both_days():
    assert days_touched(at(1, 22), at(2, 2)) == [date(2016, 7, 1), date(2016, 7, 2)]


def test_an_event_ending_at_midnight_touches_only_its_day():
    assert days_touched(at(1, 20), at(2, 0)) == [date(2016, 7, 1)]


def test_a_three_day_festival_touches_three_days():
    assert days_touched(at(1, 12), at(3, 23)) == [date(2016, 7, d) for d in (1, 2, 3)]


def test_days_are_dutch_local_days_even_for_utc_input():
    from zoneinfo import ZoneInfo

    utc = ZoneInfo("UTC")  # 22:30 UTC on 1 July is 00:30 on 2 July in Amsterdam (CEST)
    start = datetime(2016, 7, 1, 22, 30, tzinfo=utc)
    assert days_touched(start, datetime(2016, 7, 1, 23, 30, tzinfo=utc)) == [date(2016, 7, 2)]


def test_a_night_event_and_an_event_the_next_day_are_two_c_events_on_that_day():
    night = ev("night", at(1, 22), at(2, 3), "C")
    match = ev("match", at(2, 14), at(2, 17), "C")
    other_area = ev("elsewhere", at(2, 14), at(2, 17), "C", area="D2")
    clashes = detect([night, match, other_area], {}, RULES)
    assert [(c.area, c.day, c.kinds) for c in clashes] == [("D1", date(2016, 7, 2), ["c_events"])]
    assert [e.id for e in clashes[0].events] == ["night", "match"]


def test_a_multi_day_festival_clashes_on_each_day_another_c_event_falls():
    festival = ev("fest", at(1, 12), at(3, 23), "C")
    first = ev("x", at(1, 19), at(1, 22), "C")
    third = ev("y", at(3, 10), at(3, 12), "C")
    days = [c.day for c in detect([festival, first, third], {}, RULES)]
    assert days == [date(2016, 7, 1), date(2016, 7, 3)]


def test_demand_beyond_capacity_is_a_clash_and_names_the_figures():
    a = ev("a", at(1, 10), at(1, 18), "B", demand=30)
    b = ev("b", at(1, 20), at(2, 2), "A", demand=15)  # also counts on the 2nd
    capacity = {("D1", date(2016, 7, 1)): 40, ("D1", date(2016, 7, 2)): 10}
    clashes = detect([a, b], capacity, RULES)
    assert [(c.day, c.kinds, c.demand, c.capacity) for c in clashes] == [
        (date(2016, 7, 1), ["over_capacity"], 45, 40),
        (date(2016, 7, 2), ["over_capacity"], 15, 10),
    ]


def test_demand_equal_to_capacity_is_no_clash():
    a = ev("a", at(1, 10), at(1, 18), "B", demand=40)
    assert detect([a], {("D1", date(2016, 7, 1)): 40}, RULES) == []


def test_no_capacity_entered_means_no_capacity_clash_and_unknown_demand_is_named():
    a = ev("a", at(1, 10), at(1, 18), "C", demand=500)
    b = ev("b", at(1, 12), at(1, 14), "C")
    clashes = detect([a, b], {}, RULES)
    assert clashes[0].kinds == ["c_events"] and clashes[0].capacity is None
    assert clashes[0].demand_unknown == ["b"]


def test_two_b_events_are_not_several_but_three_are():
    two = [ev(str(n), at(5, 10 + n), at(5, 11 + n), "B") for n in range(2)]
    assert detect(two, {}, RULES) == []
    three = two + [ev("late", at(4, 23), at(5, 1), "B")]  # crosses into the 5th
    clashes = detect(three, {}, RULES)
    found = [(c.day, c.kinds, len(c.events)) for c in clashes]
    assert found == [(date(2016, 7, 5), ["b_events"], 3)]


def test_the_window_limits_the_days_reported():
    festival = ev("fest", at(1, 12), at(3, 23), "C")
    other = ev("other", at(1, 0), at(4, 0), "C")
    clashes = detect([festival, other], {}, RULES, first=date(2016, 7, 2), last=date(2016, 7, 2))
    assert [c.day for c in clashes] == [date(2016, 7, 2)]
    assert clashes[0].as_dict()["events"][0]["id"] == "other"
