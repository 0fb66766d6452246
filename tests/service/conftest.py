# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
import pytest

from safetyplan.plan import load_plan
from safetyplan.settings import bundled_plan


@pytest.fixture(scope="session")
def rotterdam_plan():
    return load_plan(bundled_plan())


@pytest.fixture(scope="session")
def standards(rotterdam_plan):
    return {s.id: s for s in rotterdam_plan.service_standards}
