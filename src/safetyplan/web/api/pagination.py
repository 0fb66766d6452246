# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Pagination of every API list: ``?limit=`` clamped to a documented maximum."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

MAX_PAGE_SIZE = 1000  # docs/security.md, docs/web.md
MAX_OFFSET = 10**9  # beyond any real list; keeps the number inside the database's integer


def _whole_number(request, name: str, default: int | None) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not raw.isascii():
        raise ValidationError({name: _("A whole number of 0 or more.")})
    return int(raw)


class ClampedLimitOffsetPagination(LimitOffsetPagination):
    """A ``limit`` above the maximum gives the maximum; text, negatives and fractions give
    400 (DRF's own class passes huge numbers on to the database, which then fails)."""

    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request):
        limit = _whole_number(request, self.limit_query_param, self.default_limit)
        if limit == 0:
            raise ValidationError({self.limit_query_param: _("At least 1.")})
        return min(limit, self.max_limit)

    def get_offset(self, request):
        offset = _whole_number(request, self.offset_query_param, 0)
        if offset > MAX_OFFSET:
            raise ValidationError(
                {self.offset_query_param: _("At most %(max)s.") % {"max": MAX_OFFSET}}
            )
        return offset
