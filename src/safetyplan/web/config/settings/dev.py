# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Working on the application: DEBUG on, any local host."""

from .base import *  # noqa: F403
from .base import _secret_key

SECRET_KEY = _secret_key()
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
