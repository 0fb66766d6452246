# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "safetyplan.web.meldingen"
    label = "meldingen"
    verbose_name = _("Reports register")
