"""What ``safetyplan serve`` and ``safetyplan demo`` run with."""

import os

from .base import *  # noqa: F403
from .base import _env_flag, _secret_key

SECRET_KEY = _secret_key()
DEBUG = _env_flag("SAFETYPLAN_DEBUG")

if _env_flag("SAFETYPLAN_HTTPS"):  # behind a TLS-terminating proxy
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SAFETYPLAN_HSTS_SECONDS", "31536000"))
