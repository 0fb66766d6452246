# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Mounted at /meldingen/ in the project's urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.work_queue, name="melding_queue"),
    path("naleving/", views.compliance, name="melding_compliance"),
    path("<int:pk>/", views.melding_detail, name="melding_detail"),
    path("<int:pk>/gebeurtenis/", views.add_event, name="melding_add_event"),
    path("<int:pk>/contact/", views.contact, name="melding_contact"),
]
