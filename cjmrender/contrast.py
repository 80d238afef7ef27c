"""Colour contrast as WCAG 2.x defines it, for checking themes.

https://www.w3.org/TR/WCAG22/#dfn-relative-luminance and
https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio.  The sRGB linearisation
threshold is 0.04045 (IEC 61966-2-1); WCAG 2.0's 0.03928 gives the same
result for every 8-bit channel value.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})")

LARGE_TEXT_PX = 24.0
"""18 pt: text this large (or larger) counts as large text."""
LARGE_BOLD_TEXT_PX = 18.66
"""14 pt, bold: bold text this large counts as large text."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """Relative luminance of ``#rrggbb``: 0.0 for black, 1.0 for white."""
    m = _HEX.fullmatch(color)
    if m is None:
        raise ValueError(f"'{color}' is not a #rrggbb colour")
    r, g, b = (_channel(int(h, 16)) for h in m.groups())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1.0 (same) to 21.0 (black on white); order does not matter."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def is_large_text(size_px: float, bold: bool) -> bool:
    """WCAG "large scale" text: at least 18 pt, or 14 pt bold (CSS px at 96 dpi)."""
    return size_px >= LARGE_TEXT_PX or (bold and size_px >= LARGE_BOLD_TEXT_PX)


def required_ratio(size_px: float, bold: bool, level: str = "AA") -> float:
    """Minimum text contrast for ``level`` ``"AA"`` (1.4.3) or ``"AAA"`` (1.4.6)."""
    large = is_large_text(size_px, bold)
    if level == "AA":
        return 3.0 if large else 4.5
    if level == "AAA":
        return 4.5 if large else 7.0
    raise ValueError(f"unknown WCAG level '{level}'")
