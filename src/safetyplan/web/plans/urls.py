from django.urls import path

from . import views

urlpatterns = [
    path("<slug:code>/bewerken/", views.goal_edit, name="goal_edit"),
    path("<slug:code>/historie/", views.goal_history, name="goal_history"),
]
