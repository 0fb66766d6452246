# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The developers' checks are configured as issue 20 asks: pre-commit runs ruff, ruff format
and the SPDX check with scripts that exist; mypy runs with the Django plugin, whose stubs the
dev extra installs."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())


def _hooks():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_runs_ruff_ruff_format_and_the_spdx_check():
    assert {"ruff", "ruff-format", "spdx"} <= {hook["id"] for hook in _hooks()}


def test_every_script_a_hook_runs_exists():
    for hook in _hooks():
        for script in re.findall(r"scripts/\S+\.py", hook["entry"]):
            assert (REPO / script).is_file(), f"{hook['id']}: {script} missing"


def test_mypy_uses_the_django_plugin_with_its_stubs_in_the_dev_extra():
    tool = PYPROJECT["tool"]
    assert "mypy_django_plugin.main" in tool["mypy"]["plugins"]
    assert tool["django-stubs"]["django_settings_module"].startswith("safetyplan.web.config")
    dev = {
        Requirement(spec).name.lower()
        for spec in PYPROJECT["project"]["optional-dependencies"]["dev"]
    }
    assert {"mypy", "django-stubs", "pre-commit", "ruff"} <= dev


def test_ruff_format_is_configured():
    assert PYPROJECT["tool"]["ruff"]["format"]["quote-style"] == "double"
    assert PYPROJECT["tool"]["ruff"]["line-length"] == 100  # shared by check and format
