# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Template helpers: figures in the page's number format, status badges."""

import math

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

# Keys as the monitor writes them ("on track"); underscores are accepted too.
STATUS_LABELS = {
    "achieved": (gettext_noop("Achieved"), "status-achieved"),
    "on track": (gettext_noop("On track"), "status-on-track"),
    "at risk": (gettext_noop("At risk"), "status-at-risk"),
    "off track": (gettext_noop("Off track"), "status-off-track"),
    "no data": (gettext_noop("No data"), "status-no-data"),
    "target pending": (gettext_noop("Target pending"), "status-pending"),
}


def _is_missing(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


@register.filter
def figure(value, decimals=None):
    """1234.5 -> '1.234,5' (nl) or '1,234.5' (en); missing -> 'no data' in the page language."""
    if _is_missing(value):
        return _("no data")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    if decimals in (None, ""):
        decimals = 0 if number.is_integer() or abs(number) >= 100 else 1
    return number_format(
        round(number, int(decimals)), int(decimals), use_l10n=True, force_grouping=True
    )


@register.filter
def with_unit(value, unit):
    text = figure(value)
    if _is_missing(value) or not unit:
        return text
    if unit in {"%", "percent", "percentage"}:
        return f"{text}%"
    return text


def _status_key(status) -> str:
    return (status or "no data").replace("_", " ")


@register.simple_tag
def status_label(status):
    label, _css = STATUS_LABELS.get(_status_key(status), (status, "status-no-data"))
    return _(label)


@register.filter
def status_class(status):
    return STATUS_LABELS.get(_status_key(status), ("", "status-no-data"))[1]
