# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Settings per environment.

- ``base``: everything shared; reads the environment (``DATABASE_URL``, ``SAFETYPLAN_HOME``,
  ``SAFETYPLAN_SECRET_KEY``, ``SAFETYPLAN_ALLOWED_HOSTS``, ``SAFETYPLAN_DEBUG``).
- ``local``: what ``safetyplan serve`` and ``safetyplan demo`` use on one machine; without
  ``SAFETYPLAN_SECRET_KEY`` it keeps a random key in ``SAFETYPLAN_HOME/secret_key``.
- ``production``: deployments (``deploy/``, several workers or machines); refuses to start
  without ``SAFETYPLAN_SECRET_KEY``. ``_server`` holds what both share (DEBUG, TLS).
- ``dev``: DEBUG on, for working on the templates.
- ``test``: in-memory SQLite, or PostgreSQL when ``SAFETYPLAN_TEST_POSTGRES=1`` and
  ``DATABASE_URL`` are set; fast password hashing.
"""
