# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``safetyplan backup``, ``restore``, ``unlock`` and ``serve`` speak one language: Dutch
with SAFETYPLAN_LANG=nl, English with SAFETYPLAN_LANG=en, in what they print and in their
errors (raised in web/backup.py and web/runner.py, from Django's catalogue; issue 15)."""

from __future__ import annotations

import re

import pytest

from tests.i18n.language_terms import assert_only
from tests.web.own_home import home_env, safetyplan

# Click's own frame: "Usage:", "Show this message and exit.", "[default: 0]", "<file>"
CLICK = re.compile(r"Usage:.*|Options|Show this message and exit\.|\[default: [^\]]*\]|<\w+>")
EXPECTED = {
    "backup done": {"nl": ("back", "up", "klaar"), "en": ("backup", "done")},
    "not empty": {"nl": ("bestaat", "niet", "leeg"), "en": ("exists", "not", "empty")},
    "not a backup": {"nl": ("geen", "back", "up"), "en": ("not", "backup")},
    "restored": {"nl": ("hersteld", "gemaakt"), "en": ("restored", "made")},
    "unlocked": {"nl": ("vrijgegeven",), "en": ("unlocked",)},
    "cannot migrate": {
        "nl": ("kan", "niet", "migreren", "controleer"),
        "en": ("cannot", "migrate", "check"),
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_backup_restore_unlock_serve(tmp_path, lang):
    first, second = tmp_path / "first", tmp_path / "second"
    env_a, env_b = home_env(first, None), home_env(second, None)
    for env in (env_a, env_b):
        env["SAFETYPLAN_LANG"] = lang
    backup = tmp_path / "backup"

    done = safetyplan(["backup", str(backup)], env_a)
    assert_only(lang, done.stdout.splitlines()[-1], *EXPECTED["backup done"][lang])

    again = safetyplan(["backup", str(backup)], env_a, check=False)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert_only(lang, again.stderr, *EXPECTED["not empty"][lang])

    nothing = tmp_path / "nothing"
    nothing.mkdir()
    refused = safetyplan(["restore", str(nothing)], env_b, check=False)
    assert refused.returncode == 2
    assert_only(lang, refused.stderr, *EXPECTED["not a backup"][lang])

    restored = safetyplan(["restore", str(backup)], env_b)
    assert_only(lang, restored.stdout, *EXPECTED["restored"][lang])

    unlocked = safetyplan(["unlock", "rvo"], env_b)
    assert_only(lang, unlocked.stdout, *EXPECTED["unlocked"][lang])

    # an unreachable database: refused at once (port 9, discard), before anything is served
    env_b["DATABASE_URL"] = "postgres://nobody@127.0.0.1:9/none"
    failed = safetyplan(["serve"], env_b, check=False)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    # the driver's own error, in brackets, is the database's text (English): ours is around it
    ours = re.sub(r"\(.*\)", " ", failed.stderr, flags=re.S)
    assert_only(lang, ours, *EXPECTED["cannot migrate"][lang])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_of_the_web_commands(tmp_path, lang):
    env = home_env(tmp_path, None)
    env["SAFETYPLAN_LANG"] = lang
    expected = {
        "serve": {"nl": ("webapplicatie", "starten", "poort"), "en": ("serve", "web", "port")},
        "backup": {"nl": ("maken", "terwijl", "lege", "map"), "en": ("while", "empty", "folder")},
    }
    for command, words in expected.items():
        shown = safetyplan([command, "--help"], env)
        ours = CLICK.sub(" ", shown.stdout)  # not ours to translate
        assert_only(lang, ours, *words[lang])
