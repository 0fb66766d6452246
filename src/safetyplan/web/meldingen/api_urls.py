# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Mounted at /api/v1/ in the project's urls (before the general API routes)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("meldingen", api.MeldingViewSet, basename="melding")

urlpatterns = [
    path("compliance/", api.ComplianceView.as_view(), name="api-compliance"),
    path("", include(router.urls)),
]
