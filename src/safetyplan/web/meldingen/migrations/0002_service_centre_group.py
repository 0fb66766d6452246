# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The service centre is a Django group: its members see every reporter's contact details."""

from django.conf import settings
from django.db import migrations


def group_name():
    return getattr(settings, "SAFETYPLAN_SERVICE_CENTRE_GROUP", "servicecentrum")


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=group_name())


class Migration(migrations.Migration):
    dependencies = [
        ("meldingen", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
