# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Properties of clash detection on random calendars (hypothesis)."""

from datetime import datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.events import LOCAL_TZ, PlannedEvent, days_touched, detect
from safetyplan.events.risk_scan import ClashRules

BASE = datetime(2016, 3, 20, tzinfo=LOCAL_TZ)  # a week before the switch to summer time


@st.composite
def events(draw, max_size=12):
    out = []
    for n in range(draw(st.integers(0, max_size))):
        start = BASE + timedelta(minutes=draw(st.integers(0, 14 * 24 * 60)))
        length = timedelta(minutes=draw(st.integers(1, 4 * 24 * 60)))
        out.append(
            PlannedEvent(
                str(n),
                f"e{n}",
                draw(st.sampled_from(["D1", "D2"])),
                start,
                start + length,
                draw(st.sampled_from("ABC")),
                draw(st.one_of(st.none(), st.integers(0, 50))),
            )
        )
    return out


@given(events(max_size=1))
def test_the_days_touched_are_exactly_those_the_event_overlaps(evs):
    for e in evs:
        days = days_touched(e.start, e.end)
        assert days == [days[0] + timedelta(days=i) for i in range(len(days))]
        for day in days:  # each day overlaps [start, end)
            day_start = datetime.combine(day, time(0), LOCAL_TZ)
            assert day_start < e.end and day_start + timedelta(days=1) > e.start
        before = datetime.combine(days[0], time(0), LOCAL_TZ)
        after = datetime.combine(days[-1] + timedelta(days=1), time(0), LOCAL_TZ)
        assert before <= e.start and e.end <= after


@settings(max_examples=200)
@given(
    events(),
    st.dictionaries(
        st.tuples(
            st.sampled_from(["D1", "D2"]), st.dates(BASE.date(), BASE.date() + timedelta(20))
        ),
        st.integers(0, 80),
    ),
    st.randoms(),
)
def test_clashes_follow_the_rules_whatever_the_order(evs, capacity, rnd):
    rules = ClashRules(c_events=2, b_events=3)
    found = detect(evs, capacity, rules)
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert [c.as_dict() for c in detect(shuffled, capacity, rules)] == [c.as_dict() for c in found]
    for clash in found:
        on_day = [
            e for e in evs if e.area == clash.area and clash.day in days_touched(e.start, e.end)
        ]
        assert sorted(e.id for e in clash.events) == sorted(e.id for e in on_day)
        demand = sum(e.police_demand or 0 for e in on_day)
        assert ("over_capacity" in clash.kinds) == (
            (clash.area, clash.day) in capacity and demand > capacity[(clash.area, clash.day)]
        )
        assert ("c_events" in clash.kinds) == (sum(e.risk_class == "C" for e in on_day) >= 2)
        assert ("b_events" in clash.kinds) == (sum(e.risk_class == "B" for e in on_day) >= 3)
    reported = {(c.area, c.day) for c in found}
    for e in evs:  # a day with two C events in one area is always reported
        for day in days_touched(e.start, e.end):
            same = [x for x in evs if x.area == e.area and day in days_touched(x.start, x.end)]
            if sum(x.risk_class == "C" for x in same) >= 2:
                assert (e.area, day) in reported
