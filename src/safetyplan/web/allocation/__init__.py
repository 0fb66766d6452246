# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Web page for the distribution of police strength: division, comparison, map of the shift.

The figures come from :mod:`safetyplan.allocation` (plain Python); this app only picks the
scenario files, caches the results and renders them.
"""
