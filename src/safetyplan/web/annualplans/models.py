# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from safetyplan.web.organisations.models import Organisation
from safetyplan.web.plans.models import Goal, Plan, Strategy, Theme, Translated


class AnnualPlan(models.Model):
    """One year's annual plan (jaarschijf) of the regional plan."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="annual_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["plan", "year"]
        unique_together = [("plan", "year")]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")

    def __str__(self) -> str:
        return f"{_('Annual plan')} {self.year}"


class Activity(Translated, models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DELAYED = "delayed", _("Delayed")
        CANCELLED = "cancelled", _("Cancelled")

    annual_plan = models.ForeignKey(
        AnnualPlan,
        verbose_name=_("annual plan"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    title = models.CharField(_("title"), max_length=200)
    # the English text for the English pages (the plan's activities file gives it); empty:
    # the pages show the title as written
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="activities"
    )
    strategies = models.ManyToManyField(
        Strategy, verbose_name=_("strategies"), blank=True, related_name="activities"
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals"), blank=True, related_name="activities"
    )
    owner = models.ForeignKey(
        Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="activities"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    due = models.DateField(_("due"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where the plan names the activity ("Beleidsplan §3.1"); seeded activities cite it.
    source = models.CharField(_("source in the plan"), max_length=200, blank=True)
    # The demo's status and progress are example values, not the region's real progress.
    example_status = models.BooleanField(_("example status"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    # The fields people edit: the form, the API and the change history all use this list.
    TRACKED_FIELDS = (
        "title",
        "title_en",
        "description",
        "description_en",
        "owner",
        "status",
        "progress",
        "due",
        "themes",
        "strategies",
        "goals",
    )

    class Meta:
        ordering = ["annual_plan", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.in_language("title")

    @property
    def display_description(self) -> str:
        return self.in_language("description")


class ProgressNote(models.Model):
    """A dated progress note on an activity (voortgangsnotitie)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    text = models.TextField(_("progress note"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.activity}: {self.text[:40]}"
