# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``python -m safetyplan``: the same as the ``safetyplan`` command."""

from safetyplan.cli import main

main()
