# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The models and the migrations agree, in either language: a model change without its
migration fails here, not on a server."""

import pytest
from django.core.management import call_command

from safetyplan import i18n


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_model_change_without_a_migration(lang):
    with i18n.override(lang):
        # exits with status 1 (SystemExit) when a migration is missing
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
