# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The single-machine default: what ``safetyplan serve`` and ``safetyplan demo`` run with.

Like production, but without ``SAFETYPLAN_SECRET_KEY`` a random key is made once and kept in
``SAFETYPLAN_HOME/secret_key``, so a fresh machine starts without any set-up.
"""

from ._server import *  # noqa: F403
from .base import _secret_key

SECRET_KEY = _secret_key()
