#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
# Re-lock the dependencies after editing pyproject.toml: one command, two lock files.
#   requirements/ci.lock      everything CI and the benchmarks run with (extras dev, live, spark)
#   requirements/deploy.lock  what the server image installs (no test tools)
# Both for Python 3.11 on Linux, the version the image and CI use. Needs uv
# (`pip install uv`); set UV=/path/to/uv to use another one. Extra arguments go to
# `uv pip compile`, e.g. `scripts/lock.sh --upgrade` or `--upgrade-package django`.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-$(command -v uv || echo uv)}
compile() {
  local out=$1
  shift
  "$uv" pip compile pyproject.toml --python-version 3.11 --python-platform linux \
    --generate-hashes --no-header --quiet "$@" -o "$out"
  echo "locked $out ($(grep -c '^[a-z0-9]' "$out") packages)"
}
compile requirements/ci.lock --extra dev --extra live --extra spark "$@"
compile requirements/deploy.lock "$@"
