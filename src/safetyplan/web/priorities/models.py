# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from safetyplan.web.organisations.models import Organisation
from safetyplan.web.plans.models import Plan, Theme


class Level(models.TextChoices):
    HIGH = "high", _("High priority")
    MEDIUM = "medium", _("Priority")
    LOW = "low", _("Low priority")
    NONE = "none", _("Not a priority")


class ThemePriority(models.Model):
    """How much a regional theme weighs in one municipality's local safety policy."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="theme_priorities")
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="theme_priorities",
        limit_choices_to={"kind": "municipality"},
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="priorities"
    )
    level = models.CharField(_("priority"), max_length=10, choices=Level.choices, blank=True)
    note = models.CharField(_("explanation"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["municipality__name", "theme__order"]
        unique_together = [("plan", "municipality", "theme")]
        verbose_name = _("theme priority")
        verbose_name_plural = _("theme priorities")

    def __str__(self) -> str:
        return f"{self.municipality} - {self.theme}: {self.get_level_display() or '-'}"


class LocalPriority(models.Model):
    """A priority of the municipality's own, beside the regional themes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="local_priorities")
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="local_priorities",
        limit_choices_to={"kind": "municipality"},
    )
    title = models.CharField(_("priority"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "created_at"]
        verbose_name = _("local priority")
        verbose_name_plural = _("local priorities")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"
