# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The lock files stay true to pyproject.toml: every dependency (and CI's extras) is pinned
there at a version its requirement allows. Fails after a dependency is added or raised
without re-locking: run scripts/lock.sh."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
CI_EXTRAS = ("dev", "live", "spark")


def _pins(lock: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", lock.read_text(), re.M)
    return {canonicalize_name(name): version for name, version in found}


def _requirements(extras=()) -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    return [Requirement(spec) for spec in specs]


@pytest.mark.parametrize(("lock", "extras"), [("ci.lock", CI_EXTRAS), ("deploy.lock", ())])
def test_every_dependency_is_pinned_at_an_allowed_version(lock, extras):
    pins = _pins(REPO / "requirements" / lock)
    for requirement in _requirements(extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements/{lock}: run scripts/lock.sh"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={pins[name]}, pyproject.toml wants "
            f"{requirement}: run scripts/lock.sh"
        )


def test_the_image_installs_no_test_tools():
    pins = _pins(REPO / "requirements" / "deploy.lock")
    assert not {"pytest", "playwright", "ruff", "pyspark"} & set(pins)


def test_ci_installs_from_the_lock():
    ci = (REPO / ".ci" / "run").read_text()
    assert "pip install -q -r requirements/ci.lock" in ci
    assert "pip install -q --no-deps -e ." in ci
