from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_page, name="reports"),
    path("download/", views.report_download, name="report_download"),
]
