# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Start the web application from plain Python (the CLI and the demo call these).

- :func:`configure`: set up Django, by default with the single-machine settings ``local``
  (``DJANGO_SETTINGS_MODULE`` chooses others, e.g. ``production``); idempotent.
- :func:`prepare_demo`: migrate, create the organisations, the demo accounts and the plan.
- :func:`serve`: run the production server (gunicorn), blocking.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from safetyplan.errors import SafetyplanError

DEFAULT_SETTINGS = "safetyplan.web.config.settings.local"


def gettext_noop(message: str) -> str:
    """Mark *message* for Django's catalogue (makemessages knows this name); translated where
    shown. Not Django's own: that needs the settings, and this module is imported before."""
    return message


DEMO_PASSWORD = "demo"
# username, role, organisation code (None: the police unit), description
DEMO_ACCOUNTS = [
    ("rvo", "administrator", "RVO", gettext_noop("RVO secretariat, administrator")),
    ("analist", "analyst", None, gettext_noop("police unit analyst")),
    ("rotterdam", "analyst", "GM0599", gettext_noop("safety advisor Rotterdam")),
    ("schiedam", "analyst", "GM0606", gettext_noop("safety advisor Schiedam")),
]


def _(message: str) -> str:
    """*message* from Django's catalogue in Safetyplan's active language: the command line's
    ``--lang`` when the CLI calls this, the request's language in the web."""
    from django.utils import translation

    from safetyplan import i18n

    with translation.override(i18n.active()):
        return translation.gettext(message)


def configure(settings_module: str | None = None) -> None:
    """Point Django at our settings and set it up; later calls do nothing."""
    import django
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module or DEFAULT_SETTINGS)
    if not apps.ready:
        try:
            django.setup()
        except ImproperlyConfigured as exc:  # e.g. production without its secret key
            raise SafetyplanError(f"settings: {exc}") from None


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    configure()
    _ensure_home()
    try:
        call_command("migrate", interactive=False, verbosity=verbosity)
    except Exception as exc:  # database unreachable, wrong URL: a user-fixable problem
        from django.db import DatabaseError
        from django.db.utils import OperationalError

        if isinstance(exc, OperationalError | DatabaseError):
            raise SafetyplanError(
                _("database: cannot migrate ({error}). Check DATABASE_URL.").format(error=exc)
            ) from None
        raise


def _ensure_home() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and db["NAME"] != ":memory:":
        Path(db["NAME"]).parent.mkdir(mode=0o700, parents=True, exist_ok=True)


def prepare_demo(
    plan_path, warehouse_path, examples: bool = True, counts: dict | None = None
) -> list[dict]:
    """Migrate, seed organisations and the plan, create the demo accounts. Idempotent.

    With ``examples`` also the annual plans' activities from the plan and the fictitious
    example records (:mod:`safetyplan.web.examples`), replacing earlier ones; without, any
    earlier example records are removed (and nothing else). ``counts`` receives how many.

    Returns the accounts to print: ``[{"username", "password", "role", "organisation",
    "description"}]``.
    """
    configure()
    migrate()
    from safetyplan.web import examples as demo_examples
    from safetyplan.web.organisations.seeding import seed_organisations
    from safetyplan.web.plans.seeding import seed_plan

    plan = seed_plan(plan_path, warehouse_path)
    organisations = seed_organisations(plan)
    # without examples, earlier ones go (an empty register is what --no-examples promises)
    found = demo_examples.load(plan) if examples else demo_examples.remove_records()
    if counts is not None:
        counts.update(found)
    accounts = [_demo_account(spec, organisations) for spec in DEMO_ACCOUNTS]
    warm_up(plan)
    return [a for a in accounts if a]


def _demo_account(spec, organisations) -> dict | None:
    from django.contrib.auth import get_user_model

    from safetyplan.web.organisations.models import Membership, Organisation

    username, role, org_code, description = spec
    org = organisations.get(org_code) if org_code else organisations.get("POLITIE")
    if org is None:
        org = Organisation.objects.filter(code=org_code).first()
    if org is None:  # another region's plan has no Rotterdam or Schiedam
        return None
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
    user.is_staff = role == "administrator"
    user.is_superuser = role == "administrator"
    user.save()
    Membership.objects.update_or_create(user=user, defaults={"organisation": org, "role": role})
    return {
        "username": username,
        "password": DEMO_PASSWORD,
        "role": role,
        "organisation": org.name,
        "description": _(description),
    }


def warm_up(plan=None) -> None:
    """Build the chart bundle, the monitor figures and the plan evaluation (seconds of
    synthetic control for the goal pages) before the first visitor asks."""
    from django.urls import get_resolver

    from safetyplan.web.core.vega import vega_bundle
    from safetyplan.web.dashboard import monitor
    from safetyplan.web.plans.seeding import current_plan

    vega_bundle()
    # Import every URL module and its views now, before gunicorn forks: otherwise each
    # worker pays seconds of imports on its first request.
    get_resolver().url_patterns  # noqa: B018
    plan = plan or current_plan()
    if plan is not None:
        # the pages say why figures are missing; serving must not fail on it
        with contextlib.suppress(monitor.MonitorUnavailable):
            monitor.goal_results(plan, monitor.default_year(plan))
        from safetyplan.web.evaluation.services import evaluation_results, evaluation_until

        with contextlib.suppress(monitor.MonitorUnavailable):
            evaluation_results(plan, evaluation_until(plan, monitor.default_year(plan)))


def ensure_plan(plan_path=None, warehouse_path=None):
    """A plan to show: the current one, else the given or the bundled plan file."""
    from safetyplan.web.organisations.seeding import seed_organisations
    from safetyplan.web.plans.seeding import current_plan, seed_plan

    plan = current_plan()
    if plan is None or plan_path:
        if plan_path is None:
            from safetyplan.settings import bundled_plan

            plan_path = bundled_plan()
        plan = seed_plan(plan_path, warehouse_path)
        seed_organisations(plan)
    elif warehouse_path:
        plan.warehouse_path = str(Path(warehouse_path).absolute())  # the name, not a snapshot
        plan.save(update_fields=["warehouse_path", "seeded_at"])
    return plan


def default_workers() -> int:
    return max(2, min(4, (os.cpu_count() or 1) + 1))


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    threads: int = 4,
    ready=None,
) -> None:
    """Run gunicorn (threaded workers) on host:port until interrupted. Blocking."""
    configure()
    migrate()
    ensure_plan()
    warm_up()
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from safetyplan.web.config.wsgi import application

    connections.close_all()  # workers are forked: each opens its own connection
    options = {
        "bind": f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 60,
        "graceful_timeout": 10,
        "accesslog": os.environ.get("SAFETYPLAN_ACCESS_LOG") or None,
        "errorlog": "-",
        "loglevel": "warning",
        "preload_app": True,
    }
    if ready is not None:
        options["when_ready"] = lambda server: ready(server)

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            return application

    Server().run()
