# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Brute-force protection: failed logins per user name and bad API tokens per address.

After ``SAFETYPLAN_LOGIN_FAILURE_LIMIT`` (default 5) failed logins an account is locked for
``SAFETYPLAN_LOGIN_LOCKOUT_SECONDS`` (default 900): even the right password is refused until
then, or until an administrator runs ``safetyplan unlock USER``. The counters live in
Django's cache (shared by all workers when the cache is; docs/security.md).
"""

from __future__ import annotations

import hashlib
import logging
import os

from django.core.cache import cache

log = logging.getLogger(__name__)


def _setting(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def failure_limit() -> int:
    return _setting("SAFETYPLAN_LOGIN_FAILURE_LIMIT", 5)


def lockout_seconds() -> int:
    return _setting("SAFETYPLAN_LOGIN_LOCKOUT_SECONDS", 900)


def _key(kind: str, who: str) -> str:
    return f"lockout:{kind}:" + hashlib.sha256(who.lower().encode()).hexdigest()


def locked(kind: str, who: str) -> bool:
    return (cache.get(_key(kind, who)) or 0) >= failure_limit()


def failed(kind: str, who: str) -> None:
    key = _key(kind, who)
    count = (cache.get(key) or 0) + 1
    cache.set(key, count, lockout_seconds())
    if count == failure_limit():
        log.warning("lockout: %s %r locked after %d failures", kind, who, count)


def succeeded(kind: str, who: str) -> None:
    cache.delete(_key(kind, who))


def unlock(username: str) -> None:
    succeeded("login", username)
