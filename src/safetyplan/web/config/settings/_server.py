# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""What every server runs with, ``local`` and ``production`` alike: base plus DEBUG and TLS
from the environment. Not a settings module of its own: each of the two sets ``SECRET_KEY``."""

import os

from .base import *  # noqa: F403
from .base import _env_flag

DEBUG = _env_flag("SAFETYPLAN_DEBUG")

if _env_flag("SAFETYPLAN_HTTPS"):  # behind a TLS-terminating proxy
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SAFETYPLAN_HSTS_SECONDS", "31536000"))
