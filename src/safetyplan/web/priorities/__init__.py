# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The municipal priority matrix: each municipality's weight for each regional theme, and its
own local priorities. Each municipality edits only its own row."""
