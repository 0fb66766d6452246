# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Compliance with the Rotterdam plan's three service standards, over plain records."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.errors import PlanError
from safetyplan.service import (
    Event,
    ReportRecord,
    Status,
    compliance,
    compliance_by,
    coverage,
    judge,
)
from safetyplan.service.compliance import GROUPINGS
from safetyplan.service.deadlines import at_wall_clock

NOW = at_wall_clock(date(2026, 6, 1), time(12, 0))


def melding(i, received, feedback_after=None, **extra):
    events = ()
    if feedback_after is not None:
        events = (Event("feedback", received + feedback_after),)
    return ReportRecord(
        id=i, kind="melding", category="overlast", received_at=received, events=events, **extra
    )


def test_the_issue_example_200_reports_150_met_30_late_20_open(standards):
    start = NOW - timedelta(days=30)
    records = (
        [melding(i, start + timedelta(hours=i), timedelta(hours=47)) for i in range(150)]
        + [melding(i, start + timedelta(hours=i), timedelta(hours=49)) for i in range(150, 180)]
        + [melding(i, start + timedelta(hours=i)) for i in range(180, 200)]
    )
    result = compliance(standards["melding-feedback-48h"], records, NOW)
    assert (result.due, result.met, result.late, result.open_overdue) == (200, 150, 30, 20)
    assert result.percentage == 75.0
    assert result.on_target is False  # the plan promises 100%


def test_feedback_exactly_at_the_deadline_is_on_time(standards):
    received = NOW - timedelta(days=5)
    on_the_dot = judge(
        standards["melding-feedback-48h"], melding(1, received, timedelta(hours=48)), NOW
    )
    a_second_late = judge(
        standards["melding-feedback-48h"], melding(2, received, timedelta(hours=48, seconds=1)), NOW
    )
    assert on_the_dot.status is Status.met
    assert a_second_late.status is Status.late


def test_a_report_within_its_deadline_is_open_and_not_yet_due(standards):
    fresh = melding(1, NOW - timedelta(hours=3))
    result = compliance(standards["melding-feedback-48h"], [fresh], NOW)
    assert (result.due, result.open, result.percentage) == (0, 1, None)


def test_hic_standard_covers_only_hic_crime_reports_of_its_categories(standards):
    hic = standards["hic-progress-14d"]
    received = NOW - timedelta(days=20)
    burglary = ReportRecord(
        1,
        "aangifte",
        "woninginbraak",
        received,
        hic=True,
        events=(Event("progress", received + timedelta(days=13)),),
    )
    late_robbery = ReportRecord(
        2,
        "aangifte",
        "Straatroof",
        received,
        hic=True,
        events=(Event("progress", received + timedelta(days=15)),),
    )
    bike_theft = ReportRecord(3, "aangifte", "fietsdiefstal", received, hic=False)
    a_melding = ReportRecord(4, "melding", "woninginbraak", received, hic=True)
    # feedback is not a progress notice: the HIC promise is still open and overdue
    only_feedback = ReportRecord(
        5,
        "aangifte",
        "overval",
        received,
        hic=True,
        events=(Event("feedback", received + timedelta(days=1)),),
    )
    judged = {
        r.id: judge(hic, r, NOW)
        for r in (burglary, late_robbery, bike_theft, a_melding, only_feedback)
    }
    assert judged[1].status is Status.met
    assert judged[2].status is Status.late
    assert judged[3] is None and judged[4] is None
    assert judged[5].status is Status.open_overdue


def test_service_centre_share_counts_questions_closed_without_forwarding(standards):
    share = standards["servicecentre-80pct"]
    received = NOW - timedelta(days=2)

    def question(i, *events):
        return ReportRecord(
            i,
            "vraag",
            "algemeen",
            received,
            events=tuple(Event(t, received + timedelta(minutes=m)) for t, m in events),
        )

    records = [question(i, ("closed", 5)) for i in range(8)] + [
        question(8, ("forwarded", 3), ("closed", 60)),
        question(9, ("forwarded", 3), ("closed", 90)),
        question(10),  # still open
    ]
    result = compliance(share, records, NOW)
    assert (result.due, result.met, result.late, result.open, result.open_overdue) == (
        10,
        8,
        2,
        1,
        0,
    )
    assert result.percentage == 80.0 and result.on_target is True


def test_period_is_the_local_date_of_receipt(standards):
    # 31 May 2026 23:30 in Amsterdam is still May, although it is 21:30 UTC.
    late_may = at_wall_clock(date(2026, 5, 31), time(23, 30))
    record = melding(1, late_may, timedelta(hours=1))
    std = standards["melding-feedback-48h"]
    assert compliance(std, [record], NOW, start=date(2026, 5, 1), end=date(2026, 5, 31)).due == 1
    assert compliance(std, [record], NOW, start=date(2026, 6, 1)).due == 0


def test_compliance_per_base_team_and_municipality(standards):
    received = NOW - timedelta(days=10)
    records = [
        melding(1, received, timedelta(hours=1), base_team="A", municipality="GM0599"),
        melding(2, received, None, base_team="A", municipality="GM0599"),
        melding(3, received, timedelta(hours=2), base_team="B", municipality="GM0606"),
    ]
    std = standards["melding-feedback-48h"]
    by_team = compliance_by(std, records, GROUPINGS["base_team"], NOW)
    assert by_team["A"].percentage == 50.0 and by_team["A"].open_overdue == 1
    assert by_team["B"].percentage == 100.0
    by_municipality = compliance_by(std, records, GROUPINGS["municipality"], NOW)
    assert list(by_municipality) == ["GM0599", "GM0606"]


def test_an_unknown_covers_kind_is_a_plan_error(standards):
    bad = standards["melding-feedback-48h"].model_copy(update={"covers": "klacht"})
    with pytest.raises(PlanError, match="melding-feedback-48h.*klacht"):
        coverage(bad)


outcomes = st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=200)), max_size=60)


@settings(max_examples=60, deadline=None)
@given(outcomes)
def test_counts_add_up_and_percentage_is_met_over_due(standards, feedback_hours):
    received = NOW - timedelta(days=30)
    records = [
        melding(i, received, None if h is None else timedelta(hours=h))
        for i, h in enumerate(feedback_hours)
    ]
    result = compliance(standards["melding-feedback-48h"], records, NOW)
    assert result.due == result.met + result.late + result.open_overdue == len(records)
    assert result.met == sum(1 for h in feedback_hours if h is not None and h <= 48)
    if result.due:
        assert result.percentage == pytest.approx(100 * result.met / result.due, abs=0.01)
