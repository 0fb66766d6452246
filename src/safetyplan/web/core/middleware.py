"""A Content-Security-Policy header on every response: no script, style or data from
another host can load, which also enforces the rule that the app works offline."""

from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired

from . import app_settings


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
    every page opens in Dutch and the language switch (a cookie) is the only way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
