# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.urls import path

from . import views

urlpatterns = [
    path("", views.allocation_page, name="allocation"),
]
