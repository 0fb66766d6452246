# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Lay out a report: Jinja2 -> one self-contained HTML file -> PDF with WeasyPrint.

The HTML carries its CSS and its charts (SVG data URIs) inside, so it opens offline and
WeasyPrint never needs the network: its URL fetcher refuses everything but ``data:`` URIs.
Fonts are the system's (DejaVu Sans, Liberation Sans as fallback).

The templates' words come from the catalogues through Jinja2's i18n extension: one
environment per language, so that reports in two languages can be made at once (web threads).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from safetyplan import i18n
from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _


@cache
def environment(lang: str) -> jinja2.Environment:
    """The templates with the catalogue of *lang* installed (``{{ _("...") }}``)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("safetyplan.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def css_string(text: str) -> str:
    """Text safe inside a double-quoted CSS string within an HTML <style> element."""
    return (
        str(text).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    )


def render_html(context: dict) -> str:
    """The report as one HTML document, in the language it was built in (``context["lang"]``)."""
    lang = i18n.check_language(context["lang"])
    env = environment(lang)
    css = env.get_template("report.css.j2").render(
        footer_title=css_string(f"{context['meta']['title']} — {context['meta']['plan_title']}"),
        page_label=css_string(i18n.gettext("Page", lang)),
    )
    return env.get_template("report.html.j2").render(**context, css=Markup(css))


def offline_fetcher():
    """A WeasyPrint URL fetcher that serves only inline ``data:`` URIs (never the network,
    never a local file)."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint >= 68
        return urls.URLFetcher(allowed_protocols=["data"], fail_on_errors=False)

    def fetch(url: str, *args, **kwargs):  # older WeasyPrint: a plain function
        if not url.startswith("data:"):
            raise ValueError(f"external resource refused (offline): {url[:80]}")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def render_pdf(html: str) -> bytes:
    """PDF bytes for the HTML; the same HTML gives the same bytes (fixed identifier)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise SafetyplanError(
            _(
                "PDF output needs WeasyPrint and the Pango library (Debian: libpango-1.0-0): "
                "{error}. HTML works: use --out FILE.html meanwhile."
            ).format(error=exc)
        ) from exc
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=offline_fetcher())
    return document.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False)


def write_output(html: str, out: Path) -> Path:
    """Write HTML or PDF by the file's suffix."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise SafetyplanError(_("--out {path}: choose a .pdf or .html file name").format(path=out))
    if out.parent and not out.parent.exists():
        raise SafetyplanError(_("--out {path}: the folder does not exist").format(path=out))
    if suffix == ".pdf":
        out.write_bytes(render_pdf(html))
    else:
        out.write_text(html, encoding="utf-8")
    return out
