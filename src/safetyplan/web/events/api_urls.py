# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Mounted at /api/v1/events/ in the project's urls (before the general API routes)."""

from django.urls import path

from . import api

events = api.EventViewSet.as_view({"get": "list", "post": "create"})
event = api.EventViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)
override = api.EventViewSet.as_view({"post": "override"})

urlpatterns = [
    path("", events, name="api-events"),
    path("conflicts/", api.ConflictsView.as_view(), name="api-event-conflicts"),
    path("capacity/", api.CapacityView.as_view(), name="api-event-capacity"),
    path("import/", api.ImportView.as_view(), name="api-event-import"),
    path("export/", api.ExportView.as_view(), name="api-event-export"),
    path("<int:pk>/", event, name="api-event"),
    path("<int:pk>/override/", override, name="api-event-override"),
]
