# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""``python scripts/prepare_datasets [--raw DIR] [--out DIR] [--only STEP ...]``"""

import sys
from pathlib import Path

# Run as a folder, Python puts only this folder on the path: add scripts/ (for the package)
# and src/ (for safetyplan, when it is not installed).
_HERE = Path(__file__).resolve().parent
for _path in (_HERE.parent, _HERE.parents[1] / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from prepare_datasets.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
