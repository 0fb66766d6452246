# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""WSGI entry point for gunicorn (``safetyplan serve``) or any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

from safetyplan.settings import private_files

private_files()  # the database, sessions and cache files: owner only

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyplan.web.config.settings.production")

application = get_wsgi_application()
