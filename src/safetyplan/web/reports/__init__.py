# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The annual report and quarterly monitor for download (the same ``safetyplan report``
makes on the command line), and the annual plan's activities for the report. App-less: it has
no models; its page lives at ``/verslag/``."""
