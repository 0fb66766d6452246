# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The container files, read as text: Docker cannot run on the test machines (no engine, no
image pulls), so these checks guard what a build would need."""

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"


def test_the_image_builds_in_two_stages_from_the_lock_and_runs_unprivileged():
    text = (DEPLOY / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", text, re.M)) == 2
    assert "--require-hashes -r requirements/deploy.lock" in text
    assert "COPY --from=build" in text
    user = re.findall(r"^USER (\S+)", text, re.M)
    assert user and user[-1] not in {"root", "0"}
    assert 'CMD ["/app/deploy/start.sh"]' in text
    for copied in re.findall(r"^COPY (?!--from)(.+) \S+$", text, re.M):
        for source in copied.split():
            assert (REPO / source).exists(), source  # the build context holds it


def test_compose_runs_the_app_beside_postgresql_15_with_health_checks():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    db, web = compose["services"]["db"], compose["services"]["web"]
    assert db["image"].startswith("postgres:15")
    assert "healthcheck" in db and "healthcheck" in web
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    home = web["environment"]["SAFETYPLAN_HOME"]
    assert any(v.split(":")[1] == home for v in web["volumes"])  # SAFETYPLAN_HOME on a volume
    assert web["build"]["dockerfile"] == "deploy/Dockerfile"


def test_the_example_environment_names_the_required_secret():
    text = (DEPLOY / "env.example").read_text()
    assert re.search(r"^SAFETYPLAN_SECRET_KEY=$", text, re.M)  # empty: never a shared default
