# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Connectors that turn the outside world into tidy facts for the warehouse.

- :mod:`.facts_csv`: the ``ingest facts`` file format (any aggregated figures);
- :mod:`.bundled`: the datasets shipped inside the package;
- :mod:`.statline`: live CBS StatLine tables (optional, needs ``cbsodata``).
"""

from .bundled import bundled_sources, load_bundled
from .facts_csv import FactsFile, read_facts_csv, write_rejects

__all__ = ["FactsFile", "bundled_sources", "load_bundled", "read_facts_csv", "write_rejects"]
