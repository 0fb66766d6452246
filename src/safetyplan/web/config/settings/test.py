# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Tests: SQLite in memory by default; PostgreSQL 15 when SAFETYPLAN_TEST_POSTGRES=1.

CI runs the web tests twice, once on each database (see ``.ci/run``).
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import database_config

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

if os.environ.get("SAFETYPLAN_TEST_POSTGRES") == "1" and os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_config(os.environ["DATABASE_URL"])}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, tests only
WHITENOISE_AUTOREFRESH = True
BASE_CACHE_DIR = Path(tempfile.mkdtemp(prefix="safetyplan-test-cache-"))
