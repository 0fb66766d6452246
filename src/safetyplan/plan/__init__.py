# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan as data: models and the YAML loader."""

from .loader import load_plan, parse_plan
from .models import (
    Direction,
    Goal,
    Indicator,
    IndicatorKind,
    Plan,
    ServiceStandard,
    Target,
    Theme,
)

__all__ = [
    "Direction",
    "Goal",
    "Indicator",
    "IndicatorKind",
    "Plan",
    "ServiceStandard",
    "Target",
    "Theme",
    "load_plan",
    "parse_plan",
]
