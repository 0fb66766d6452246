# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The mapping file: how an export's own columns and codes become canonical incident columns.

Canonical columns (``DESIGN.md``): ``id``, ``occurred_at``, ``crime_type``, a location as
``x,y`` (RD New) or ``lat,lon`` (WGS84) or ``buurt`` (BU code) or ``municipality`` (GM code),
optional ``solved`` and ``attempt``. A file that already uses these names needs no mapping.
Otherwise a small YAML file says where each one is::

    columns:                 # canonical name: the file's column
      id: voorval_nr
      occurred_at: pleeg_begindatum
      occurred_time: pleeg_begintijd   # optional: a separate time-of-day column
      crime_type: mk_code
      municipality: plaats
      solved: opgelost
    date_formats: ["%d-%m-%Y"]         # strptime-style; default: ISO 8601 and Dutch day-first
    values:                            # recode values per canonical column before checking
      crime_type: {B70: "1.4.6"}
      municipality: {ROTTERDAM: GM0599, SCHIEDAM: GM0606}
      solved: {D: ""}                  # "" = unknown
    constants: {attempt: "nee"}        # a column the file lacks, one value for every row
    classification: pol                # measure names: incidents:pol:1.4.6
    resolution: day                    # day (default) | month: dates known to the month only
    missing_id: reject                 # reject (default) | line: number rows without an id
    outside_boundaries: reject         # reject (default) | keep: points outside the boundaries
    crs: EPSG:28992                    # of x,y (default RD New)
    csv: {delimiter: ";", encoding: latin-1}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from safetyplan.errors import DataError
from safetyplan.i18n import _
from safetyplan.yamlfile import FileKind, load_mapping, read_text, validate_model

CANONICAL = (
    "id",
    "occurred_at",
    "crime_type",
    "x",
    "y",
    "lat",
    "lon",
    "buurt",
    "municipality",
    "solved",
    "attempt",
)
MAPPABLE = (*CANONICAL, "occurred_time")
REQUIRED = ("id", "occurred_at", "crime_type")
LOCATIONS = (("x", "y"), ("lat", "lon"), ("buurt",), ("municipality",))
SUPPORTED_DIRECTIVES = set("YmdHMSyz%")

KIND = FileKind("mapping", "mappingbestand", DataError)


class CsvOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    delimiter: str | None = Field(None, min_length=1, max_length=1)
    encoding: str = "utf-8"


class Mapping(BaseModel):
    """A parsed mapping file (or the identity mapping: :meth:`identity`)."""

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str] = Field(default_factory=dict)
    date_formats: list[str] = Field(default_factory=list)
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    constants: dict[str, str] = Field(default_factory=dict)
    classification: str = "src"
    resolution: Literal["day", "month"] = "day"
    missing_id: Literal["reject", "line"] = "reject"
    outside_boundaries: Literal["reject", "keep"] = "reject"
    crs: str = "EPSG:28992"
    csv: CsvOptions = Field(default_factory=CsvOptions)
    origin: str | None = Field(None, exclude=True)

    @field_validator("columns", "values", "constants")
    @classmethod
    def _canonical_keys(cls, value: dict) -> dict:
        unknown = [k for k in value if k not in MAPPABLE]
        if unknown:
            raise ValueError(
                _("unknown canonical column(s) {columns}; expected one of {expected}").format(
                    columns=", ".join(unknown), expected=", ".join(MAPPABLE)
                )
            )
        return value

    @field_validator("values")
    @classmethod
    def _values_as_text(cls, value: dict) -> dict:
        return {
            col: {str(k): "" if v is None else str(v) for k, v in codes.items()}
            for col, codes in value.items()
        }

    @field_validator("date_formats")
    @classmethod
    def _known_directives(cls, formats: list[str]) -> list[str]:
        for fmt in formats:
            bad = {d for d in re.findall(r"%(.)", fmt) if d not in SUPPORTED_DIRECTIVES}
            if bad:
                raise ValueError(
                    _(
                        "date format {format}: unsupported directive(s) {directives} "
                        "(use %Y %y %m %d %H %M %S %z)"
                    ).format(format=repr(fmt), directives=", ".join("%" + d for d in sorted(bad)))
                )
        return formats

    @field_validator("classification")
    @classmethod
    def _simple_word(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9_]{1,20}", value):
            raise ValueError(_("classification: lower-case letters, digits and '_' only"))
        return value

    @classmethod
    def identity(cls) -> Mapping:
        return cls()

    def column_for(self, canonical: str) -> str:
        """The file's column name holding a canonical column (itself when not mapped)."""
        return self.columns.get(canonical, canonical)


def load_mapping_file(path: str | Path | None) -> Mapping:
    """Read a mapping YAML file; ``None`` gives the identity mapping."""
    if path is None:
        return Mapping.identity()
    text = read_text(path, KIND)
    data, lines = load_mapping(text, str(path), KIND)
    mapping = validate_model(Mapping, data, str(path), lines, KIND)
    mapping.origin = str(path)
    return mapping
