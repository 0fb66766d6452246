# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""publiccode.yml (Standard for Public Code, version 0.4) has the keys the standard requires
and says what pyproject.toml, LICENSE and the SPDX headers say."""

import datetime as dt
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CODE = yaml.safe_load((REPO / "publiccode.yml").read_text(encoding="utf-8"))
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def test_the_keys_the_standard_requires():
    for key in (
        "publiccodeYmlVersion",
        "name",
        "url",
        "releaseDate",
        "platforms",
        "categories",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ):
        assert key in CODE, key
    dt.date.fromisoformat(CODE["releaseDate"])
    assert CODE["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert CODE["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    if CODE["maintenance"]["type"] in {"internal", "community"}:
        assert all(c.get("name") for c in CODE["maintenance"]["contacts"])
    assert set(CODE["localisation"]["availableLanguages"]) >= {"nl", "en"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_descriptions_within_the_standards_lengths(language):
    text = CODE["description"][language]
    assert len(text["shortDescription"]) <= 150
    assert 150 <= len(text["longDescription"]) <= 10000
    assert text["features"]


def test_version_and_licence_agree_with_pyproject_license_and_headers():
    assert CODE["softwareVersion"] == PROJECT["version"]
    assert CODE["legal"]["license"] == PROJECT["license"]["text"] == "EUPL-1.2"
    licence = (REPO / "LICENSE").read_text()
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in licence  # the full text, article 5
    assert "15. Applicable Law" in licence and "Appendix" in licence
    owner = CODE["legal"]["mainCopyrightOwner"]
    assert f"Copyright (C) 2026 {owner}" in licence
    assert f"SPDX-FileCopyrightText: 2026 {owner}" in (REPO / "scripts" / "spdx.py").read_text()


@pytest.mark.xfail(
    strict=True,
    reason="the public repository's address is not decided yet "
    "(issue 20): set publiccode.yml `url`, then remove this mark",
)
def test_the_url_is_the_public_repository():
    url = urlparse(CODE["url"])
    assert url.scheme == "https" and url.hostname
    assert not url.hostname.endswith((".invalid", ".example", ".test", "localhost"))
