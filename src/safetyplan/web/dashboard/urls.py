# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("doelen/<slug:code>/", views.goal_page, name="goal"),
    path("gebieden/", views.area_map, name="areas"),
    path("gebieden/<str:code>/", views.municipality_profile, name="municipality"),
]
