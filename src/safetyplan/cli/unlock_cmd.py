# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan unlock USER``: lift a login lock-out before it expires (docs/security.md)."""

import typer

from safetyplan.i18n import _

from . import app
from ._common import console, web_database


@app.command("unlock", help=_("Unlock an account after failed logins."))
def unlock(username: str = typer.Argument(..., help=_("User name."))) -> None:
    """Unlock an account after failed logins."""
    web_database()
    from safetyplan.web.core import lockout

    lockout.unlock(username)
    console.print(_("{user}: unlocked").format(user=username))
