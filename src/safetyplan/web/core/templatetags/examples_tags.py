# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The "fictief voorbeeld" marks of the demo's example records (safetyplan.web.examples)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _has_examples(kind: str) -> bool:
    if kind == "reports":
        from safetyplan.web.meldingen.models import Melding

        return Melding.objects.filter(is_example=True).exists()
    from safetyplan.web.events.models import Event

    return Event.objects.filter(is_example=True).exists()


@register.simple_tag
def examples_banner(kind: str) -> str:
    """A banner when the register ("reports") or the calendar ("events") holds examples."""
    if not _has_examples(kind):
        return ""
    text = (
        _(
            "This register holds fictitious example records (fictief voorbeeld) made by "
            "the demo; they are not real reports and feed no published figure."
        )
        if kind == "reports"
        else _(
            "This calendar holds fictitious example events (fictief voorbeeld) made by the "
            "demo, with an example capacity; they are not real events."
        )
    )
    return format_html(
        '<p class="notice example-banner" role="note"><strong>{}</strong> {}</p>',
        _("Fictitious example"),
        text,
    )


@register.filter
def example_badge(record) -> str:
    """A badge beside a record that is a fictitious example."""
    if not getattr(record, "is_example", False):
        return ""
    return format_html(' <span class="badge status-no-data">{}</span>', _("fictitious example"))


@register.filter
def example_status_badge(activity) -> str:
    """A badge beside an activity's status when the status is an example value."""
    if not getattr(activity, "example_status", False):
        return ""
    return format_html(
        ' <span class="badge status-no-data" title="{}">{}</span>',
        _("the demo's status and progress are example values"),
        _("example status"),
    )
