# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Token authentication with a brake: an address that sends too many bad tokens gets 429."""

from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled

from safetyplan.web.core import lockout


class ThrottledTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        address = request.META.get("REMOTE_ADDR", "")
        if lockout.locked("token", address):
            raise Throttled(wait=lockout.lockout_seconds())
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            lockout.failed("token", address)
            raise
