# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Organisations (RVO, police unit, districts, base teams, municipalities, prosecutor) and
the role each user has in one of them."""
