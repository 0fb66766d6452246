# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A party to the plan. Municipalities carry their CBS code (GMxxxx) as their code."""

    class Kind(models.TextChoices):
        RVO = "rvo", _("Regional safety council (RVO)")
        POLICE_UNIT = "police_unit", _("Police unit")
        DISTRICT = "district", _("Police district")
        BASE_TEAM = "base_team", _("Base team")
        MUNICIPALITY = "municipality", _("Municipality")
        PROSECUTOR = "prosecutor", _("Public prosecutor")
        PARTNER = "partner", _("Partner")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipality(self) -> bool:
        return self.kind == self.Kind.MUNICIPALITY

    @property
    def is_police(self) -> bool:
        return self.kind in {self.Kind.POLICE_UNIT, self.Kind.DISTRICT, self.Kind.BASE_TEAM}


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALYST = "analyst", _("Analyst")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """The one organisation a user works for, and his role there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"
