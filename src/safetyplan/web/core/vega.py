# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The Vega / Vega-Lite / vega-embed JavaScript, served from this host.

vl-convert ships the exact Vega versions that Altair's specs are written for; its bundle is
built once per version and kept on disk, so the browser never loads a script elsewhere.
"""

import hashlib
import logging
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

_lock = threading.Lock()
_SNIPPET = "window.vegaEmbed = vegaEmbed;"


def _cache_dir() -> Path:
    return Path(getattr(settings, "SAFETYPLAN_CACHE_DIR", settings.BASE_CACHE_DIR))


def bundle_version() -> str:
    import vl_convert as vlc

    return f"vega{vlc.get_vega_version()}-embed{vlc.get_vega_embed_version()}"


@lru_cache(maxsize=1)
def vega_bundle() -> bytes:
    """The bundle's bytes; built by vl-convert on first use (about two seconds)."""
    import vl_convert as vlc

    path = _cache_dir() / f"vega-bundle-{bundle_version()}.js"
    with _lock:
        if path.exists():
            return path.read_bytes()
        code = vlc.javascript_bundle(snippet=_SNIPPET).encode()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(code)
            tmp.replace(path)
        except OSError as exc:  # a read-only home still serves the bundle from memory
            log.warning("chart bundle not cached at %s: %s", path, exc)
        return code


@lru_cache(maxsize=1)
def bundle_etag() -> str:
    return hashlib.sha256(vega_bundle()).hexdigest()[:16]


@lru_cache(maxsize=4)
def format_locale(locale: str = "nl-NL") -> dict:
    """d3 number format locale (decimal comma, thousands dot) for vega-embed."""
    import vl_convert as vlc

    return vlc.get_format_locale(locale)


@lru_cache(maxsize=4)
def time_format_locale(locale: str = "nl-NL") -> dict:
    import vl_convert as vlc

    return vlc.get_time_format_locale(locale)
