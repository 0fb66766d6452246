# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The plan as people edit it.

The plan file stays the source of the plan's structure (themes, indicators, how a goal is
measured). The database keeps what the RVO and the analysts change afterwards: baselines and
targets with their history, and the yearly values the annual plans set.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Translated:
    """``display_name``: the English name when the page is in English and the plan has one.

    The plan's texts are stored as the file gives them: the Dutch text in ``name``, the
    English in ``name_en`` (seeding maps a plan written in English, with ``name_nl``, onto
    the same two columns)."""

    def _pick(self, dutch: str, english: str) -> str:
        language = get_language() or "nl"
        return english if language.startswith("en") and english else dutch

    def in_language(self, field: str) -> str:
        """*field* in the page's language: ``<field>_en`` on an English page where given."""
        return self._pick(getattr(self, field), getattr(self, f"{field}_en", ""))

    @property
    def display_name(self) -> str:
        return self.in_language("name")


class Plan(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    region = models.CharField(_("region"), max_length=200)
    region_en = models.CharField(_("region (English)"), max_length=200, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    reference_year = models.PositiveSmallIntegerField(_("reference year"))
    source_path = models.CharField(_("plan file"), max_length=500, blank=True)
    warehouse_path = models.CharField(_("warehouse"), max_length=500, blank=True)
    document = models.JSONField(_("plan document"), help_text=_("the plan file as loaded"))
    is_current = models.BooleanField(_("current plan"), default=True)
    seeded_at = models.DateTimeField(_("seeded at"), auto_now=True)

    class Meta:
        ordering = ["-is_current", "-period_start"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        language = get_language() or "nl"
        return self.title_en if language.startswith("en") and self.title_en else self.title

    @property
    def display_region(self) -> str:
        language = get_language() or "nl"
        return self.region_en if language.startswith("en") and self.region_en else self.region

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start, self.period_end + 1))

    @property
    def municipality_codes(self) -> list[str]:
        return list(self.document.get("region", {}).get("municipalities", []))


class PlanPart(Translated, models.Model):
    """A named part of the plan file (theme, strategy, objective): its code is unique within
    the plan. Each subclass declares ``plan`` for its own ``related_name``."""

    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["plan", "order"]
        # %(class)s keeps the constraint names apart per table
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"], name="%(app_label)s_%(class)s_plan_code"
            )
        ]

    def __str__(self) -> str:
        return self.display_name


class Theme(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    @property
    def display_description(self) -> str:
        return self.in_language("description")

    class Meta(PlanPart.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Strategy(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategies")

    class Meta(PlanPart.Meta):
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")


class Objective(PlanPart):
    """One of the plan's overall objectives (the three on top of the dashboard)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")


class Goal(Translated, models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
    )
    indicator = models.CharField(_("indicator"), max_length=80)
    unit = models.CharField(_("unit"), max_length=20)
    direction = models.CharField(_("direction"), max_length=10)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target = models.FloatField(_("target"), null=True, blank=True)
    target_pending = models.TextField(
        _("why the target is open"),
        blank=True,
        help_text=_("Only when the plan gives no figure yet."),
    )
    target_pending_en = models.TextField(
        _("why the target is open (English)"),
        blank=True,
        help_text=_("The same reason for the English pages; empty: the text above."),
    )
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    EDITABLE_FIELDS = (
        "baseline_year",
        "baseline",
        "target_year",
        "target",
        "target_pending",
        "target_pending_en",
        "note",
    )

    class Meta:
        ordering = ["plan", "order"]
        unique_together = [("plan", "code")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_target_pending(self) -> str:
        return self.in_language("target_pending")

    @property
    def is_percentage(self) -> bool:
        return self.unit == "percent"


class GoalYearTarget(models.Model):
    """A yearly value an annual plan sets for a goal; it replaces the linear trajectory."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="year_targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))

    class Meta:
        ordering = ["goal", "year"]
        unique_together = [("goal", "year")]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")

    def __str__(self) -> str:
        return f"{self.goal} {self.year}: {self.value}"
