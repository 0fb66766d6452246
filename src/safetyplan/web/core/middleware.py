# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A Content-Security-Policy header on every response: no script, style or data from
another host can load, which also enforces the rule that the app works offline."""

import logging
import time

from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.utils.functional import empty

from . import app_settings

request_log = logging.getLogger("safetyplan.web.requests")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", app_settings.CONTENT_SECURITY_POLICY)
        return response


class LoginRequiredMiddleware(_DjangoLoginRequired):
    """Django's login-required default, except for the API: DRF authenticates API requests
    itself (token or session) and answers 401/403 instead of redirecting to a login page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class DutchFirstMiddleware:
    """Dutch unless the user chose English: the browser's Accept-Language is ignored, so
    every page opens in Dutch and the language switch (a cookie) is the only way out.

    The API is the exception: a program has no language switch, so there the request's
    Accept-Language chooses (Dutch when it names neither language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class DomainLanguageMiddleware:
    """Texts made outside Django's templates (status labels, error messages of the plan and
    the monitor, numbers) in the page's language: after LocaleMiddleware, the request's
    language becomes :mod:`safetyplan.i18n`'s for the rest of the request, in this thread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.translation import get_language

        from safetyplan import i18n

        with i18n.override(get_language() or i18n.DEFAULT_LANGUAGE):
            return self.get_response(request)


class RequestLogMiddleware:
    """One log line per request: method, path, status, milliseconds, user. First in the
    chain, so the time covers every other middleware too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        ms = (time.perf_counter() - started) * 1000
        request_log.log(
            _level(request, response.status_code),
            "%s %s %s %.0fms user=%s",
            request.method,
            request.get_full_path(),
            response.status_code,
            ms,
            _username(request),
        )
        return response


def _level(request, status: int) -> int:
    if status >= 500:
        return logging.ERROR
    if status >= 400:
        return logging.WARNING
    if request.path_info == "/healthz":  # polled every few seconds: only when asked for
        return logging.DEBUG
    return logging.INFO


def _username(request) -> str:
    """Only a user the request already looked up: logging must not query the database (it
    may be the very thing that is down, see /healthz)."""
    user = getattr(request, "user", None)  # absent when a middleware before auth answered
    if user is None or getattr(user, "_wrapped", None) is empty or not user.is_authenticated:
        return "-"
    return user.get_username()
