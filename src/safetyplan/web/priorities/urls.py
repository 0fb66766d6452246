# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.urls import path

from . import views

urlpatterns = [
    path("", views.matrix, name="priorities"),
    path("<str:code>/", views.edit, name="priorities_edit"),
    path("<str:code>/eigen/", views.add_local, name="priorities_add_local"),
    path(
        "<str:code>/eigen/<int:pk>/verwijderen/", views.delete_local, name="priorities_delete_local"
    ),
    path("<str:code>/historie/", views.history, name="priorities_history"),
]
