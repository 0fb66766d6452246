# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.urls import path

from . import views

urlpatterns = [
    path("", views.current_year, name="annualplan_current"),
    path("<int:year>/", views.annual_plan, name="annualplan"),
    path("<int:year>/instellingen/", views.annual_plan_settings, name="annualplan_settings"),
    path("<int:year>/jaardoelen/", views.set_goal_targets, name="annualplan_targets"),
    path("<int:year>/nieuw/", views.activity_create, name="activity_create"),
    path("activiteit/<int:pk>/", views.activity_detail, name="activity"),
    path("activiteit/<int:pk>/bewerken/", views.activity_edit, name="activity_edit"),
    path("activiteit/<int:pk>/notitie/", views.activity_note, name="activity_note"),
]
