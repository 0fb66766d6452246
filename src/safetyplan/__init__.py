# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Safetyplan: steering regional safety policy.

Layers (see docs/architecture.md): plan -> areas -> sources -> warehouse -> monitor / earlywarning
-> service -> report -> web. Everything but ``web`` is plain Python.
"""

__version__ = "0.1.0"
