# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Small scenarios whose divisions can be computed by hand (shared by the tests)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Three units, 100 FTE of which 10 fixed. Workload (hours model):
#   a: burglary 30 x 10 h x priority 2 = 600, plus base 100 -> 700
#   b: 10 x 10 x 2 = 200 + 100 -> 300;  c: 0 + 100 -> 100;  region 1100
# 90 FTE proportional: a 57.27, b 24.55, c 8.18. b's minimum 25 binds, so a and c share 65
# as 7:1 -> a 56.875, c 8.125 -> whole FTE: a 57, b 25, c 8.
SMALL = """\
id: small
title: Klein voorbeeld
total_fte: {value: 100, basis: assumption, note: illustratief}
fixed:
  - {id: staf, name: Staf, fte: 10, basis: assumption, note: illustratief}
drivers:
  - id: crime
    name: Criminaliteit
    items:
      - {id: inbraak, label: Inbraak, hours: 10, theme: hic,
         values: {a: 30, b: 10, c: 0}, source: test figures}
  - id: base
    name: Basis
    items:
      - {id: basis, label: Basislast, hours: 100, per_unit: true}
priorities: {hic: 2}
units:
  - {id: a, name: A}
  - {id: b, name: B, min_fte: 25}
  - {id: c, name: C, max_fte: 10}
"""
