# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The goal monitor: actual vs trajectory vs target, forecast and status per goal."""

from .evaluate import (
    STATUSES,
    GoalResult,
    evaluate_plan,
    judge,
)
from .forecast import Forecast, forecast_count, forecast_ratio, forecast_share

__all__ = [
    "STATUSES",
    "Forecast",
    "GoalResult",
    "evaluate_plan",
    "forecast_count",
    "forecast_ratio",
    "forecast_share",
    "judge",
]
