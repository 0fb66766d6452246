# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.urls import path

from . import views

urlpatterns = [
    path("<slug:code>/bewerken/", views.goal_edit, name="goal_edit"),
    path("<slug:code>/historie/", views.goal_history, name="goal_history"),
]
