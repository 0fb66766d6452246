# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Deployments (deploy/, several workers or machines): ``SAFETYPLAN_SECRET_KEY`` is required.

No key file on one machine's disk: every worker and replica must sign sessions with the same
key. Without the variable the settings refuse to load with a message saying what to set.
"""

from ._server import *  # noqa: F403
from .base import _required_secret_key

SECRET_KEY = _required_secret_key()
