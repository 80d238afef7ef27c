"""Metric values against their benchmarks: ``0.8%`` vs ``1,5%``, ``15 phút`` vs ``10 phút``.

Values are free text in a map; a comparison is made only when both hold a
number with the same unit, otherwise the metric is shown without a verdict.
"""

from __future__ import annotations

import re
from typing import Any

_NUMBER_RE = re.compile(r"[-+]?\d[\d,.\s]*")


def as_number(v: Any) -> tuple[float, str] | None:
    """(number, unit) inside metric values such as ``0.8%``, ``1,5 triệu``, ``15 phút``; None when absent."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v), ""
    text = str(v)
    match = _NUMBER_RE.search(text)
    if not match:
        return None
    digits = match.group(0).replace(" ", "").rstrip(".,")
    if "," in digits and "." not in digits and digits.count(",") == 1 and len(digits.split(",")[1]) != 3:
        digits = digits.replace(",", ".")  # decimal comma: 1,5%
    digits = digits.replace(",", "")
    unit = (text[: match.start()] + text[match.end():]).strip().casefold()
    try:
        return float(digits), unit
    except ValueError:
        return None


def below(value: Any, benchmark: Any, higher_is_better: bool) -> bool | None:
    """Whether a metric misses its benchmark; None when they cannot be compared (no number, other units)."""
    v, b = as_number(value), as_number(benchmark)
    if v is None or b is None or v[1] != b[1]:
        return None
    return v[0] < b[0] if higher_is_better else v[0] > b[0]

