from django.contrib import admin

from .models import LocalPriority, ThemePriority


@admin.register(ThemePriority)
class ThemePriorityAdmin(admin.ModelAdmin):
    list_display = ("municipality", "theme", "level", "updated_at")
    list_filter = ("level", "theme")


@admin.register(LocalPriority)
class LocalPriorityAdmin(admin.ModelAdmin):
    list_display = ("municipality", "title")
