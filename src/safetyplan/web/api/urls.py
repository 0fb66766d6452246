# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""API routes. Other apps register their viewsets on ``router`` (e.g. the meldingen register)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("goals", views.GoalViewSet, basename="goal")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("priorities", views.ThemePriorityViewSet, basename="priority")

urlpatterns = [
    path("v1/monitor/", views.MonitorView.as_view(), name="api-monitor"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
