# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The register: reports, their events, the reporter's contact details and who viewed them.

The reporter's contact details live in their own table (:class:`ReporterContact`) so that
reading them is a deliberate, audited act and purging them leaves the report (and thereby
every count) intact.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from safetyplan.service import EventType, Kind

# The source a report belongs to when the sender names none (API and CSV import alike, so
# that the same external id is the same report whichever way it arrives).
DEFAULT_SOURCE = "default"

municipality_code = RegexValidator(r"^GM\d{4}$", _("a CBS municipality code such as GM0599"))


class Channel(models.TextChoices):
    PHONE = "telefoon", _("phone")
    INTERNET = "internet", _("internet")
    DESK = "balie", _("front desk")
    APP = "app", _("app")
    EMAIL = "email", _("e-mail")
    STREET = "straat", _("on the street")
    OTHER = "anders", _("other")


class Melding(models.Model):
    """A melding (report), aangifte (crime report) or vraag (question) as police systems send it."""

    class Kinds(models.TextChoices):
        MELDING = Kind.melding.value, _("report (melding)")
        AANGIFTE = Kind.aangifte.value, _("crime report (aangifte)")
        VRAAG = Kind.vraag.value, _("question (vraag)")

    source = models.CharField(
        _("source system"),
        max_length=40,
        default=DEFAULT_SOURCE,
        help_text=_("the system the report comes from; external ids are unique per source"),
    )
    external_id = models.CharField(_("external id"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kinds.choices, default=Kind.melding.value
    )
    category = models.CharField(_("category"), max_length=80)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    municipality = models.CharField(
        _("municipality"), max_length=6, validators=[municipality_code], db_index=True
    )
    base_team = models.CharField(
        _("base team"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("the code of the base team (organisation) that handles it"),
    )
    hic = models.BooleanField(
        _("high impact crime"),
        default=False,
        help_text=_("robbery, street robbery or burglary (overval, straatroof, woninginbraak)"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_purged_at = models.DateTimeField(
        _("personal data purged at"),
        null=True,
        blank=True,
    )
    # Fictitious records of `safetyplan demo` (safetyplan.web.examples): pages say so.
    is_example = models.BooleanField(_("fictitious example"), default=False, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="report_unique_per_source"
            ),
        ]
        indexes = [models.Index(fields=["kind", "received_at"])]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source}:{self.external_id}"


class MeldingEvent(models.Model):
    class Types(models.TextChoices):
        FEEDBACK = EventType.feedback.value, _("feedback to the reporter")
        PROGRESS = EventType.progress.value, _("progress notice to the victim")
        FORWARDED = EventType.forwarded.value, _("forwarded by the service centre")
        CLOSED = EventType.closed.value, _("closed")

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(_("type"), max_length=10, choices=Types.choices)
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["melding", "type"])]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.at:%Y-%m-%d %H:%M}"


class ReporterContact(models.Model):
    """Personal data: who reported and how to reach them. Purged after the retention period."""

    melding = models.OneToOneField(Melding, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("reporter's contact details")
        verbose_name_plural = _("reporters' contact details")

    def __str__(self) -> str:
        return f"contact #{self.pk}"


class ContactView(models.Model):
    """The audit log: every look at a reporter's contact details, and every refused one."""

    # The log outlives the report: deleting a report keeps who looked, and at what.
    melding = models.ForeignKey(
        Melding, null=True, on_delete=models.SET_NULL, related_name="contact_views"
    )
    melding_ref = models.CharField(_("report"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    channel = models.CharField(_("via"), max_length=10)  # api, web
    granted = models.BooleanField(_("granted"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("view of contact details")
        verbose_name_plural = _("views of contact details (audit log)")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {self.melding_ref}"
