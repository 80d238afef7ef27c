"""``python -m cjmrender.text``: rebuild ``cjmrender/fonts/arimo-metrics.json`` from the bundled TTFs."""

from __future__ import annotations

import sys

from .measure import write_metrics_table

if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_metrics_table()}\n")
