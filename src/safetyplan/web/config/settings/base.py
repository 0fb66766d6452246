# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Settings shared by every environment. Tunables come from the environment."""

import os
import secrets
from pathlib import Path

import dj_database_url

WEB_DIR = Path(__file__).resolve().parents[2]


def data_home() -> Path:
    """Where the SQLite database and the secret key live (``SAFETYPLAN_HOME``)."""
    return Path(os.environ.get("SAFETYPLAN_HOME", "safetyplan-data")).resolve()


def _secret_key() -> str:
    """From the environment, else a random key kept next to the database (mode 0600).

    For one machine only (``local``, ``dev``); ``production`` uses :func:`_required_secret_key`.
    """
    key = os.environ.get("SAFETYPLAN_SECRET_KEY")
    if key:
        return key
    path = data_home() / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: issue 14
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _required_secret_key() -> str:
    """``SAFETYPLAN_SECRET_KEY`` or a clear refusal: several server processes or machines
    must sign sessions with the same key, so none may invent its own."""
    key = os.environ.get("SAFETYPLAN_SECRET_KEY", "").strip()
    if not key:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SAFETYPLAN_SECRET_KEY is not set: production needs one secret key shared by "
            "every server (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
            "For a single machine use safetyplan serve (settings 'local')."
        )
    return key


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def database_config(url: str | None) -> dict:
    """SQLite under SAFETYPLAN_HOME unless DATABASE_URL says otherwise."""
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_home() / "web.sqlite3"),
        # WAL lets readers run while one writer writes; IMMEDIATE avoids lock upgrades
        # failing under several server workers.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # One connection per server thread, kept: opening SQLite and running the PRAGMAs on
        # every request cost about a third of a dashboard request (benchmarks/web).
        "CONN_MAX_AGE": None,
    }


SECRET_KEY = "set-by-environment-settings"  # replaced in production/dev/test
DEBUG = _env_flag("SAFETYPLAN_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("SAFETYPLAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    # Safetyplan, one app per domain
    "safetyplan.web.core",
    "safetyplan.web.organisations",
    "safetyplan.web.history",
    "safetyplan.web.plans",
    "safetyplan.web.annualplans",
    "safetyplan.web.priorities",
    "safetyplan.web.dashboard",
    "safetyplan.web.evaluation",
    "safetyplan.web.api",
    "safetyplan.web.meldingen",
    "safetyplan.web.allocation",
    "safetyplan.web.events",
]

MIDDLEWARE = [
    "safetyplan.web.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "safetyplan.web.core.middleware.DutchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "safetyplan.web.core.middleware.DomainLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safetyplan.web.core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "safetyplan.web.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "safetyplan.web.config.urls"
WSGI_APPLICATION = "safetyplan.web.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safetyplan.web.core.context_processors.safetyplan",
            ],
        },
    }
]

DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for all server workers (and replicas): a table in the web database, created by
# core's migration 0001, so `migrate` is the only set-up step.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "safetyplan_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # the cache is the database too

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["safetyplan.web.core.auth.Backend"]  # ModelBackend, cheaper lookup
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Dutch first, English second; Dutch number and date formats come with the nl locale.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
USE_THOUSAND_SEPARATOR = False  # years stay 2018; figures group via the figure filter

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("SAFETYPLAN_STATIC_ROOT") or None  # only for collectstatic
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step
WHITENOISE_MAX_AGE = 3600
BASE_CACHE_DIR = data_home() / "cache"  # built JavaScript bundle, chart data

# Safe defaults; HTTPS-only cookies are switched on in production when behind TLS.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safetyplan API",
    "DESCRIPTION": "The regional safety plan as a measured steering cycle.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Everything through `logging`, to the console (stderr): the container's or the service
# manager's log collects it. Safetyplan's own loggers are named after their module
# (safetyplan.web.requests: one line per request, at INFO). SAFETYPLAN_LOG_LEVEL sets them all;
# by default the rest says only warnings, so CLI commands that set Django up stay quiet.
LOG_LEVEL = os.environ.get("SAFETYPLAN_LOG_LEVEL", "").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "safetyplan": {
            "handlers": ["console"],
            "level": LOG_LEVEL or "WARNING",
            "propagate": False,
        },
        "safetyplan.web.requests": {"level": LOG_LEVEL or "INFO"},
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # 5xx with traceback; 4xx are in safetyplan.web.requests already
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# --- Security hardening (issue 14; docs/security.md). Kept together at the end. ---------------
REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = (
    "safetyplan.web.api.pagination.ClampedLimitOffsetPagination"  # ?limit= at most 1000
)
# The API schema is for logged-in users and token holders only (docs/web.md).
SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] = ["rest_framework.permissions.IsAuthenticated"]
# Bad API tokens: 429 after SAFETYPLAN_LOGIN_FAILURE_LIMIT of them from one address.
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "safetyplan.web.api.authentication.ThrottledTokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
