# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""gunicorn settings for deployments (deploy/start.sh). Tunables from the environment, see
docs/configuration.md. Logs go to stderr, like Django's (settings LOGGING)."""

import logging
import os

from safetyplan.web.runner import default_workers

bind = os.environ.get("SAFETYPLAN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("SAFETYPLAN_WORKERS") or default_workers())
worker_class = "gthread"
threads = int(os.environ.get("SAFETYPLAN_THREADS", "4"))
timeout = 60
graceful_timeout = 10
errorlog = "-"
loglevel = "info"
# Django's middleware logs every request (safetyplan.web.requests); gunicorn's own access
# log only when asked for, e.g. SAFETYPLAN_ACCESS_LOG=- (stdout)
accesslog = os.environ.get("SAFETYPLAN_ACCESS_LOG") or None
# Load Django once before forking: workers share the imported code and the first request
# does not pay for it. The warehouse is opened per request, never before the fork.
preload_app = True
# gunicorn >= 25's control socket sits at one path per user ($HOME/.gunicorn): two servers on
# one machine would fight over it, and nothing here uses it
control_socket_disable = True


def when_ready(server):
    """Build the chart bundle and the monitor figures before the first visitor asks; a
    database that is down now must not stop the server (/healthz says so)."""
    from django.db import connections

    from safetyplan.web import runner

    try:
        runner.warm_up()
    except Exception:  # logged; the pages compute what they need on demand
        logging.getLogger("safetyplan.deploy").exception("warm-up failed")
    finally:
        connections.close_all()  # workers are forked: each opens its own connection
