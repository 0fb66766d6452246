# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""scripts/spdx.py: which files need the SPDX header, in which comment syntax, and that
--check finds a missing one and --fix adds it without breaking the file."""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import spdx  # noqa: E402


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("src/safetyplan/cli/__init__.py", ("# ", "")),
        (".ci/run", ("# ", "")),
        ("deploy/Dockerfile", ("# ", "")),
        ("src/safetyplan/web/templates/base.html", ("{# ", " #}")),
        ("src/safetyplan/report/templates/report.html.j2", ("{# ", " #}")),
        ("src/safetyplan/web/static/safetyplan/css/safetyplan.css", ("/* ", " */")),
        ("src/safetyplan/web/static/safetyplan/js/charts.js", ("// ", "")),
        ("src/safetyplan/datasets/boundaries/mergers.csv", None),  # data
        ("src/safetyplan/datasets/regions/regions.yaml", None),  # data, own provenance
        ("src/safetyplan/web/static/safetyplan/vendor/htmx/htmx.min.js", None),  # third party
        ("plans/rotterdam-2015-2018.yaml", None),  # plan content
        ("requirements/ci.lock", None),
        ("docs/cli.md", None),
    ],
)
def test_which_files_and_which_comment(path, expected):
    assert spdx.style(path) == expected


def test_the_header_names_the_licence_and_copyright_of_license_and_publiccode():
    text = spdx.header("# ", "")
    assert text == (
        "# SPDX-License-Identifier: EUPL-1.2\n"
        "# SPDX-FileCopyrightText: 2026 Safetyplan contributors\n"
    )
    assert "Copyright (C) 2026 Safetyplan contributors" in (REPO / "LICENSE").read_text()
    assert "license: EUPL-1.2" in (REPO / "publiccode.yml").read_text()


def test_the_header_goes_after_a_shebang_and_only_once():
    script = "#!/usr/bin/env bash\nset -e\n"
    fixed = spdx.with_header(script, "# ", "")
    assert fixed.splitlines()[0] == "#!/usr/bin/env bash"
    assert fixed.splitlines()[1] == "# SPDX-License-Identifier: EUPL-1.2"
    assert fixed.endswith("set -e\n")
    assert spdx.with_header(fixed, "# ", "") == fixed


def test_a_header_below_the_docstring_is_not_enough():
    text = '"""Doc.\n\nMore.\n\nEven more.\n"""\n' + spdx.header("# ", "")
    assert not spdx.has_header(text)


def test_check_lists_a_file_without_and_fix_adds_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(spdx, "REPO", tmp_path)
    bare = tmp_path / "tool.py"
    bare.write_text('"""A tool."""\nprint("hi")\n')
    done = tmp_path / "done.py"
    done.write_text(spdx.header("# ", "") + "x = 1\n")
    data = tmp_path / "table.csv"
    data.write_text("a,b\n")
    files = [str(bare), str(done), str(data)]
    assert spdx.main(["--check", *files]) == 1
    err = capsys.readouterr().err
    assert "tool.py" in err and "done.py" not in err and "table.csv" not in err
    assert spdx.main(["--fix", *files]) == 0
    assert bare.read_text().startswith("# SPDX-License-Identifier: EUPL-1.2\n")
    assert data.read_text() == "a,b\n"
    assert spdx.main(["--check", *files]) == 0


def test_a_template_renders_exactly_as_before_with_the_header():
    from django.template import Context, Engine

    page = '{% extends "base.html" %}{% block body %}ok{% endblock %}\n'
    fragment = "{% load i18n %}<div>{{ x }}</div>\n"
    templates = {
        "base.html": "<p>{% block body %}{% endblock %}</p>\n",
        "page.html": page,
        "fragment.html": fragment,
    }
    with_headers = {
        **templates,
        "page.html": spdx.with_header(page, "{# ", " #}"),
        "fragment.html": spdx.with_header(fragment, "{# ", " #}"),
    }
    assert with_headers["fragment.html"].startswith(
        "{# SPDX-License-Identifier: EUPL-1.2 #}{# SPDX-FileCopyrightText: 2026 Safetyplan "
        "contributors #}{% load i18n %}"
    )

    def render(sources, name):
        engine = Engine(
            loaders=[("django.template.loaders.locmem.Loader", sources)],
            libraries={"i18n": "django.templatetags.i18n"},
        )
        return engine.get_template(name).render(Context({"x": 1}))

    for name in ("page.html", "fragment.html"):  # extends stays the first tag; no new output
        assert render(with_headers, name) == render(templates, name)
    assert render(with_headers, "page.html") == "<p>ok</p>\n"


def test_the_files_of_this_change_carry_the_header():
    ours = [
        REPO / "scripts" / "spdx.py",
        REPO / "scripts" / "cli_reference.py",
        *(REPO / "scripts" / "prepare_datasets").glob("*.py"),
        REPO / "tests" / "scripts" / "test_spdx.py",
        REPO / "tests" / "scripts" / "test_prepare_datasets.py",
    ]
    assert spdx.main(["--check", *map(str, ours)]) == 0


def test_a_jinja_template_renders_exactly_as_before_with_the_header():
    import jinja2

    source = "body { color: {{ colour }}; }\n{% if x %}x{% endif %}\n"
    fixed = spdx.with_header(source, *spdx.style("src/safetyplan/report/templates/r.css.j2"))
    env = jinja2.Environment(autoescape=False, trim_blocks=True)
    assert env.from_string(fixed).render(colour="red", x=1) == env.from_string(source).render(
        colour="red", x=1
    )
