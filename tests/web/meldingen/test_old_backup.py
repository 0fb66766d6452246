# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""A backup made before the register's renames (Report -> Melding, issue 20 item 3) restores:
its fixture is brought up to today's model, field and permission names before loaddata."""

import json

from django.core.management import call_command

from safetyplan.web.backup import _renamed_meldingen

OLD_ROWS = [
    {
        "model": "auth.group",
        "fields": {"name": "lezers", "permissions": [["view_report", "meldingen", "report"]]},
    },
    {
        "model": "meldingen.report",
        "pk": 7,
        "fields": {
            "source": "default",
            "external_id": "OUD-1",
            "kind": "melding",
            "category": "overlast",
            "channel": "",
            "received_at": "2026-01-05T10:00:00Z",
            "municipality": "GM0599",
            "base_team": "",
            "hic": False,
            "created_at": "2026-01-05T10:01:00Z",
            "created_by": None,
            "contact_purged_at": None,
            "is_example": False,
        },
    },
    {
        "model": "meldingen.reportevent",
        "pk": 3,
        "fields": {
            "report": 7,
            "type": "feedback",
            "at": "2026-01-05T12:00:00Z",
            "note": "",
            "recorded_by": None,
            "recorded_at": "2026-01-05T12:00:00Z",
        },
    },
    {
        "model": "meldingen.reportercontact",
        "pk": 2,
        "fields": {"report": 7, "name": "Test", "email": "", "phone": ""},
    },
    {
        "model": "meldingen.contactview",
        "pk": 1,
        "fields": {
            "report": 7,
            "report_ref": "default:OUD-1",
            "user": None,
            "username": "psc",
            "at": "2026-01-06T09:00:00Z",
            "channel": "web",
            "granted": True,
        },
    },
]


def test_an_old_backup_loads_under_the_new_names(db, tmp_path):
    from django.contrib.auth.models import Group

    from safetyplan.web.meldingen.models import ContactView, Melding, MeldingEvent

    old = tmp_path / "web.json"
    old.write_text(json.dumps(OLD_ROWS), encoding="utf-8")
    folder = tmp_path / "renamed"
    folder.mkdir()
    call_command("loaddata", str(_renamed_meldingen(old, folder)), verbosity=0)

    melding = Melding.objects.get(pk=7)
    assert melding.external_id == "OUD-1"
    assert MeldingEvent.objects.get(pk=3).melding_id == 7
    assert melding.contact.name == "Test"
    assert ContactView.objects.get(pk=1).melding_ref == "default:OUD-1"
    codenames = Group.objects.get(name="lezers").permissions.values_list("codename", flat=True)
    assert list(codenames) == ["view_melding"]
