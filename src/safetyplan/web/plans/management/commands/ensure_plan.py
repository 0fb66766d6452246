# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan manage ensure_plan [--plan FILE]``: make sure the pages have a plan, as
``safetyplan serve`` does on start (deploy/start.sh runs it after migrating).

Without ``--plan``: keep the current plan, else seed the bundled one. With ``--plan``: seed
(or update) that plan file; targets edited on the pages are kept.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Seed the plan the pages show (the current one, the given file or the bundled plan)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", default=None, help="plan file (YAML)")

    def handle(self, *args, plan=None, **options):
        from safetyplan.web.runner import ensure_plan

        row = ensure_plan(plan or None)
        self.stdout.write(f"plan: {row.code} ({row.title})")
