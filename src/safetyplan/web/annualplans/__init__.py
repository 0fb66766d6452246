# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual plan (jaarschijf): per year the activities that carry out the plan."""
