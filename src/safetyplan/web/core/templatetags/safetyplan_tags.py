# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Template helpers: figures in the page's number format, status badges."""

import math

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from safetyplan import labels

register = template.Library()

# CSS class per status, as the monitor writes them ("on track"); the labels: safetyplan.labels.
STATUS_CLASSES = {
    "achieved": "status-achieved",
    "on track": "status-on-track",
    "at risk": "status-at-risk",
    "off track": "status-off-track",
    "no data": "status-no-data",
    "target pending": "status-pending",
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
    return labels.with_unit(text, unit)


@register.simple_tag
def status_label(status):
    return labels.status_label(status, lang=get_language())


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(labels.status_key(status), "status-no-data")


@register.filter
def plan_text(item, field):
    """A plan text in the page's language: ``{{ standard|plan_text:"promise" }}`` gives
    ``promise_en`` on English pages where the plan has it (plan.models.Strict.text)."""
    return item.text(field, lang=get_language())
