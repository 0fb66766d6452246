# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Policy evaluation: did the plan work? The plan period's effect on the region against a
counterfactual from municipalities outside it (synthetic difference-in-differences with a
size-aware placebo interval); see docs/evaluation.md and docs/adr/0005-policy-evaluation.md."""

from .plan_eval import (
    GoalEvaluation,
    NoDataError,
    UnknownGoalError,
    evaluate_goals,
    in_language,
    split_languages,
)
from .sdid import LEVEL, Effect, Fit, Result, estimate

__all__ = [
    "LEVEL",
    "Effect",
    "Fit",
    "GoalEvaluation",
    "NoDataError",
    "Result",
    "UnknownGoalError",
    "estimate",
    "evaluate_goals",
    "in_language",
    "split_languages",
]
