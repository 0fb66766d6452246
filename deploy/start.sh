#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
# Start Safetyplan as a deployment runs it (the container's command; also runs without one):
# wait for the database, migrate, collect static files, then exec gunicorn with
# deploy/gunicorn.conf.py. Configuration comes from the environment: see docs/configuration.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-safetyplan.web.config.settings.production}
if [ -z "${SAFETYPLAN_SECRET_KEY:-}" ] && [[ $DJANGO_SETTINGS_MODULE == *.production ]]; then
  echo "start.sh: SAFETYPLAN_SECRET_KEY is not set. Every server must use the same secret key;" >&2
  echo "  make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'" >&2
  exit 2
fi

export SAFETYPLAN_STATIC_ROOT=${SAFETYPLAN_STATIC_ROOT:-${SAFETYPLAN_HOME:-safetyplan-data}/static}

echo "start.sh: waiting for the database" >&2
safetyplan manage wait_for_database --timeout "${SAFETYPLAN_DB_WAIT:-60}"
echo "start.sh: migrating" >&2
safetyplan manage migrate --no-input
echo "start.sh: the plan${SAFETYPLAN_PLAN:+ from $SAFETYPLAN_PLAN}" >&2
safetyplan manage ensure_plan ${SAFETYPLAN_PLAN:+--plan "$SAFETYPLAN_PLAN"}
echo "start.sh: collecting static files into $SAFETYPLAN_STATIC_ROOT" >&2
safetyplan manage collectstatic --no-input --verbosity 0
echo "start.sh: starting gunicorn" >&2
exec gunicorn --config "$here/gunicorn.conf.py" safetyplan.web.config.wsgi:application
