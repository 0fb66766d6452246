"""Settings per environment.

- ``base``: everything shared; reads the environment (``DATABASE_URL``, ``SAFETYPLAN_HOME``,
  ``SAFETYPLAN_SECRET_KEY``, ``SAFETYPLAN_ALLOWED_HOSTS``, ``SAFETYPLAN_DEBUG``).
- ``production``: what ``safetyplan serve`` and ``safetyplan demo`` use.
- ``dev``: DEBUG on, for working on the templates.
- ``test``: in-memory SQLite, or PostgreSQL when ``SAFETYPLAN_TEST_POSTGRES=1`` and
  ``DATABASE_URL`` are set; fast password hashing.
"""
