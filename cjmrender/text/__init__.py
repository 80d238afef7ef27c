"""Text measurement and line breaking: the only place that knows about fonts and line breaks."""

from __future__ import annotations

from .measure import FontMeasurer, MonoMeasurer, TextMeasurer, default_measurer
from .wrap import content_widths, wrap

__all__ = ["FontMeasurer", "MonoMeasurer", "TextMeasurer", "content_widths", "default_measurer", "wrap"]
