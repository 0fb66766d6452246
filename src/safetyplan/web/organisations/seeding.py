# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The parties to a plan as organisations: the RVO, the police unit (with its districts and
base teams where the area registry knows them), the municipalities, the public prosecutor."""

import logging

from django.db import transaction

from .models import Organisation

log = logging.getLogger(__name__)

Kind = Organisation.Kind


def _registry():
    try:
        from safetyplan.areas import load_registry
    except ImportError:  # the areas layer is optional for the web layer's own tests
        return None
    try:
        return load_registry()
    except Exception:  # a broken registry must not stop seeding: names fall back to codes
        log.exception("area registry unavailable: organisations are named by their codes")
        return None


def municipality_name(code: str, registry=None) -> str:
    registry = registry if registry is not None else _registry()
    name = None
    if registry is not None:
        try:
            name = registry.name(code)
        except Exception:
            name = None
    return name or code


@transaction.atomic
def seed_organisations(plan) -> dict[str, Organisation]:
    """Create or update the organisations of ``plan`` (a plans.Plan row); keyed by code."""
    registry = _registry()
    region = plan.region
    orgs: dict[str, Organisation] = {}

    def upsert(code, name, kind, parent=None):
        org, _ = Organisation.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": parent}
        )
        orgs[code] = org
        return org

    upsert("RVO", f"Regionaal Veiligheidsoverleg ({region})", Kind.RVO)
    unit = upsert("POLITIE", region, Kind.POLICE_UNIT)
    upsert("OM", "Openbaar Ministerie (arrondissementsparket)", Kind.PROSECUTOR)
    for district in _police_parts(registry, plan):
        parent = orgs.get(district.get("parent")) or unit
        upsert(district["code"], district["name"], district["kind"], parent)
    for code in plan.municipality_codes:
        upsert(code, municipality_name(code, registry), Kind.MUNICIPALITY)
    return orgs


def _police_parts(registry, plan) -> list[dict]:
    """Districts and base teams, only when the registry has them from a public source."""
    if registry is None:
        return []
    parts = []
    for attr, kind in (("districts", Kind.DISTRICT), ("base_teams", Kind.BASE_TEAM)):
        items = getattr(registry, attr, None)
        if callable(items):
            try:
                items = items()
            except TypeError:
                items = None
        for item in items or []:
            code = getattr(item, "code", None) or (
                item.get("code") if isinstance(item, dict) else None
            )
            name = getattr(item, "name", None) or (
                item.get("name") if isinstance(item, dict) else None
            )
            parent = getattr(item, "parent", None) or (
                item.get("parent") if isinstance(item, dict) else None
            )
            if code and name:
                parts.append({"code": code, "name": name, "kind": kind, "parent": parent})
    return parts
