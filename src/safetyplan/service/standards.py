# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Which reports a service standard covers, and which event keeps its promise.

A standard's ``covers`` is ``<kind>`` or ``<kind>:hic`` with kind ``melding``, ``aangifte`` or
``vraag``; ``categories`` (when not empty) narrows it to those report categories.

The promise is kept by:

- ``melding``: feedback to the reporter (event ``feedback``);
- ``aangifte``: a progress notice to the victim (event ``progress``);
- ``vraag``: the service centre closing the question itself (event ``closed`` without an
  earlier ``forwarded``). Such a standard has no deadline; it is a share of handled questions.
"""

from __future__ import annotations

from dataclasses import dataclass

from safetyplan.errors import PlanError
from safetyplan.i18n import _

from .records import EventType, Kind, ReportRecord

KEPT_BY = {
    Kind.melding: EventType.feedback,
    Kind.aangifte: EventType.progress,
    Kind.vraag: EventType.closed,
}


@dataclass(frozen=True)
class Coverage:
    kind: Kind
    hic_only: bool
    categories: frozenset[str]

    def includes(self, record: ReportRecord) -> bool:
        if record.kind != self.kind:
            return False
        if self.hic_only and not record.hic:
            return False
        return not self.categories or record.category.lower() in self.categories


def coverage(standard) -> Coverage:
    """Parse ``standard.covers`` and ``standard.categories``; a bad value is a plan error."""
    kind_text, _sep, qualifier = standard.covers.partition(":")
    try:
        kind = Kind(kind_text.strip().lower())
    except ValueError:
        raise PlanError(
            _("service_standards '{id}' covers: unknown kind '{kind}' (known: {known})").format(
                id=standard.id, kind=kind_text, known=", ".join(k.value for k in Kind)
            )
        ) from None
    if qualifier not in ("", "hic"):
        raise PlanError(
            _(
                "service_standards '{id}' covers: unknown qualifier '{qualifier}' (known: hic)"
            ).format(id=standard.id, qualifier=qualifier)
        )
    return Coverage(kind, qualifier == "hic", frozenset(c.lower() for c in standard.categories))


def kept_by(standard) -> EventType:
    return KEPT_BY[coverage(standard).kind]


def is_share_standard(standard) -> bool:
    """A standard without a deadline measures a share (the service centre's 80%)."""
    return standard.deadline is None
