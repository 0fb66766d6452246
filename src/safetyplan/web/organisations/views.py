# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import render

from .models import Membership, Organisation
from .permissions import can_manage_organisations


def organisation_list(request):
    """The organisations and who works for each, with their roles (administrators only)."""
    if not can_manage_organisations(request.user):
        raise PermissionDenied
    organisations = Organisation.objects.select_related("parent").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user"))
    )
    return render(
        request, "organisations/list.html", {"organisations": organisations, "nav": "organisations"}
    )
