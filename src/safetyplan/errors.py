# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""User-facing errors.

Every layer raises :class:`SafetyplanError` (or a subclass) for problems a user can fix: a broken
plan file, a malformed CSV, an unknown area code. The message names the place (file, line,
field) and the problem. The CLI prints it without a traceback and exits non-zero.
"""


class SafetyplanError(Exception):
    """A problem the user can fix; the message is shown as is."""

    exit_code = 2


class PlanError(SafetyplanError):
    """The plan file is broken (YAML, schema or cross-reference)."""


class DataError(SafetyplanError):
    """An input data file is broken or does not fit."""
