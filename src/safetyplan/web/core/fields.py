# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Serializer fields shared by the apps' APIs."""

import math

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class FiniteFloatField(serializers.FloatField):
    """A float that is a real number: "nan", "inf" and 1e999 are invalid, not stored."""

    default_error_messages = {"not_finite": _("Must be a finite number.")}

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            self.fail("not_finite")
        return value
