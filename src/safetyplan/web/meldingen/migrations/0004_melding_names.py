# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Names (issue 20 item 3): the register's record is a Melding, not a Report (which also
meant the annual report). Rows, ids and grants stay; only tables, columns and codenames
change."""

from django.db import migrations, models

# The content type is renamed by Django itself; the permissions on it keep their old
# codenames unless renamed here, and grants hang on those rows.
RENAMED = {"report": "melding", "reportevent": "meldingevent"}


def rename_permissions(apps, schema_editor, forward=True):
    Permission = apps.get_model("auth", "Permission")
    for old, new in RENAMED.items():
        src, dst = (old, new) if forward else (new, old)
        for action in ("add", "change", "delete", "view"):
            Permission.objects.filter(
                content_type__app_label="meldingen", codename=f"{action}_{src}"
            ).update(codename=f"{action}_{dst}")


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("meldingen", "0003_examples"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel("Report", "Melding"),
        migrations.RenameModel("ReportEvent", "MeldingEvent"),
        # the index on (report, type) goes before its field is renamed (SQLite rebuilds the
        # table per operation), and comes back under its new name below
        migrations.RemoveIndex("meldingevent", "meldingen_r_report__52d66a_idx"),
        migrations.RenameField("meldingevent", "report", "melding"),
        migrations.RenameField("reportercontact", "report", "melding"),
        migrations.RenameField("contactview", "report", "melding"),
        migrations.RenameField("contactview", "report_ref", "melding_ref"),
        # index names derive from table and fields
        migrations.RenameIndex(
            "melding",
            new_name="meldingen_m_kind_da4a63_idx",
            old_name="meldingen_r_kind_7f1270_idx",
        ),
        migrations.AddIndex(
            "meldingevent",
            models.Index(fields=["melding", "type"], name="meldingen_m_melding_43cdf7_idx"),
        ),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
