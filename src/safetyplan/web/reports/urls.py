# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_page, name="reports"),
    path("download/", views.report_download, name="report_download"),
]
