# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan manage wait_for_database [--timeout 60]``: wait until the web database
answers (deploy/start.sh runs it before migrating: PostgreSQL may start after the app)."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.utils import OperationalError

log = logging.getLogger("safetyplan.web.core.wait_for_database")


class Command(BaseCommand):
    help = "Wait until the web database accepts connections (exit 1 after --timeout seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60.0)

    def handle(self, *args, timeout, **options):
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                connection.ensure_connection()
                return
            except OperationalError as exc:
                connection.close()
                if time.monotonic() >= deadline:
                    raise CommandError(
                        f"the database did not answer within {timeout:.0f} s: {exc}"
                    ) from None
                if not told:
                    log.warning("waiting for the database: %s", exc)
                    told = True
                time.sleep(1)
