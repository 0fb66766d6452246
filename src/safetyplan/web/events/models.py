# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Events of the regional calendar, the police capacity per area and day, and the expected
police demand per risk class."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from safetyplan.events import PERMIT_STATUSES, EventRecord, permit_label
from safetyplan.web.organisations.models import Organisation


class RiskClass(models.TextChoices):
    A = "A", _("A (regular)")
    B = "B", _("B (attention)")
    C = "C", _("C (high risk)")


# The domain's labels, translated when shown (the request's language, DomainLanguageMiddleware).
def _permit_choice_label(code: str) -> str:
    """The label in the request's language; with translation switched off (makemigrations)
    the English source text, so that the migrations do not depend on who runs them."""
    from django.utils.translation import get_language

    return permit_label(code, lang=(get_language() or "en").split("-")[0])


PERMIT_CHOICES = [(code, lazy(_permit_choice_label, str)(code)) for code in PERMIT_STATUSES]


class Event(models.Model):
    external_id = models.CharField(
        _("external id"),
        max_length=200,
        unique=True,
        help_text=_("the event's id in the municipality's system (UID in iCalendar)"),
    )
    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="events",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), db_index=True)
    visitors_at_once = models.PositiveIntegerField(_("visitors at once"), null=True, blank=True)
    visitors_total = models.PositiveIntegerField(_("visitors in total"), null=True, blank=True)
    activity_type = models.CharField(_("type of activity"), max_length=40, blank=True)
    age_profile = models.CharField(_("age profile"), max_length=40, blank=True)
    risk_groups = models.JSONField(_("known risk groups"), default=list, blank=True)
    alcohol_drugs = models.CharField(_("alcohol and drugs"), max_length=40, blank=True)
    setting = models.CharField(_("indoors or outdoors"), max_length=40, blank=True)
    permit_status = models.CharField(
        _("permit status"), max_length=20, choices=PERMIT_CHOICES, default="requested"
    )
    answers = models.JSONField(_("other answers of the risk scan"), default=dict, blank=True)
    # The scan's result, kept so that lists and clashes need not re-run it.
    computed_class = models.CharField(
        _("class by the scan"), max_length=1, choices=RiskClass.choices, default=RiskClass.A
    )
    score = models.FloatField(_("score"), default=0)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    class_override = models.CharField(
        _("class set by hand"), max_length=1, choices=RiskClass.choices, blank=True
    )
    override_reason = models.TextField(_("reason for the class set by hand"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    police_demand = models.FloatField(
        _("expected police demand (officers per day)"),
        null=True,
        blank=True,
        help_text=_("leave empty to use the expected demand of the event's class"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Fictitious records of `safetyplan demo` (safetyplan.web.examples): pages say so.
    is_example = models.BooleanField(_("fictitious example"), default=False, db_index=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_end_after_start"),
            models.CheckConstraint(
                condition=Q(police_demand__isnull=True) | Q(police_demand__gte=0),
                name="event_demand_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def risk_class(self) -> str:
        return self.class_override or self.computed_class

    @property
    def area(self) -> Organisation:
        """The district the municipality belongs to, else the municipality itself."""
        parent = self.municipality.parent
        if parent is not None and parent.kind == Organisation.Kind.DISTRICT:
            return parent
        return self.municipality

    def to_record(self) -> EventRecord:
        return EventRecord(
            external_id=self.external_id,
            name=self.name,
            municipality=self.municipality.code,
            start=self.start,
            end=self.end,
            organiser=self.organiser,
            location=self.location,
            visitors_at_once=self.visitors_at_once,
            visitors_total=self.visitors_total,
            activity_type=self.activity_type,
            age_profile=self.age_profile,
            risk_groups=tuple(self.risk_groups or ()),
            alcohol_drugs=self.alcohol_drugs,
            setting=self.setting,
            permit_status=self.permit_status,
            answers=dict(self.answers or {}),
            police_demand=self.police_demand,
            class_override=self.class_override,
            override_reason=self.override_reason,
        )


class Capacity(models.Model):
    """Police capacity of a district (or a municipality without districts) on one day."""

    area = models.ForeignKey(
        Organisation,
        verbose_name=_("district or municipality"),
        on_delete=models.CASCADE,
        related_name="event_capacity",
    )
    day = models.DateField(_("day"))
    officers = models.FloatField(_("officers available"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["day", "area__name"]
        verbose_name = _("police capacity")
        verbose_name_plural = _("police capacity")
        constraints = [
            models.UniqueConstraint(fields=["area", "day"], name="capacity_one_per_area_day"),
            models.CheckConstraint(condition=Q(officers__gte=0), name="capacity_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.day}: {self.officers:g}"


class ClassDemand(models.Model):
    """The expected police demand of an event of a class, in officers per day it touches."""

    risk_class = models.CharField(_("class"), max_length=1, choices=RiskClass.choices, unique=True)
    officers = models.FloatField(_("officers per day"), null=True, blank=True)

    class Meta:
        ordering = ["risk_class"]
        verbose_name = _("expected police demand per class")
        verbose_name_plural = _("expected police demand per class")
        constraints = [
            models.CheckConstraint(
                condition=Q(officers__isnull=True) | Q(officers__gte=0),
                name="class_demand_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risk_class}: {self.officers}"
