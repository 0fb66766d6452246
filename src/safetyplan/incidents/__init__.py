# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Incident-level data: streaming ingest of CSV/Parquet exports, assignment to buurt / wijk /
municipality, aggregation into facts, the area scan (gebiedsscan) and hot spots.

See ``docs/incidents.md``.
"""

from .ingest import IngestResult, TooManyRejects, ingest_incidents
from .mapping import Mapping, load_mapping_file

__all__ = ["IngestResult", "Mapping", "TooManyRejects", "ingest_incidents", "load_mapping_file"]
