# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog, set_language

from safetyplan.web.core import views as core_views
from safetyplan.web.core.forms import LoginForm

admin.site.site_header = "Safetyplan"
admin.site.site_title = "Safetyplan"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    # No e-mail is configured: the anonymous password-reset pages are off (issue 14).
    re_path(r"^accounts/(password_reset|reset)/", core_views.not_available),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", core_views.login_not_required_view(set_language), name="set_language"),
    path("jsi18n/", core_views.login_not_required_view(JavaScriptCatalog.as_view()), name="jsi18n"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("toegankelijkheid/", core_views.accessibility, name="accessibility"),
    path("static-js/vega-bundle.js", core_views.vega_bundle, name="vega_bundle"),
    path("static-js/chart-locale.js", core_views.chart_locale, name="chart_locale"),
    path("api/v1/events/", include("safetyplan.web.events.api_urls")),  # events calendar
    path("api/v1/", include("safetyplan.web.meldingen.api_urls")),  # meldingen register
    path("api/", include("safetyplan.web.api.urls")),
    path("meldingen/", include("safetyplan.web.meldingen.urls")),
    path("organisaties/", include("safetyplan.web.organisations.urls")),
    path("jaarplan/", include("safetyplan.web.annualplans.urls")),
    path("prioriteiten/", include("safetyplan.web.priorities.urls")),
    path("doelen/", include("safetyplan.web.plans.urls")),
    path("sterkte/", include("safetyplan.web.allocation.urls")),
    path("verslag/", include("safetyplan.web.reports.urls")),  # annual report download
    path("evenementen/", include("safetyplan.web.events.urls")),
    path("", include("safetyplan.web.dashboard.urls")),
]

handler403 = "safetyplan.web.core.views.permission_denied"
