# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Mounted at /evenementen/ in the project's urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("maand/", views.event_month, name="event_month_current"),
    path("maand/<int:year>/<int:month>/", views.event_month, name="event_month"),
    path("nieuw/", views.event_new, name="event_new"),
    path("conflicten/", views.clash_list, name="event_clashes"),
    path("capaciteit/", views.capacity, name="event_capacity"),
    path("importeren/", views.import_events, name="event_import"),
    path("export.ics", views.export, {"fmt": "ics"}, name="event_export_ics"),
    path("export.csv", views.export, {"fmt": "csv"}, name="event_export_csv"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/bewerken/", views.event_edit, name="event_edit"),
    path("<int:pk>/klasse/", views.event_override, name="event_override"),
]
