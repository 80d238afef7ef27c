"""Compare two journey maps (current and future state, or a map and its own past version).

``diff_journeys`` finds what changed; ``summary_text`` prints it for code
review; ``compare_outputs`` draws the future map with the changes marked and
the current emotion curve behind the future one.
"""

from __future__ import annotations

from msgspec.structs import replace

from ..spec.journey import Journey
from .diff import JourneyDiff, diff_journeys, word_diff
from .text import summary_text

__all__ = ["JourneyDiff", "compare_outputs", "diff_journeys", "summary_text", "word_diff"]


def compare_outputs(current: Journey, future: Journey, formats: list[str], opts=None
                    ) -> tuple[list[tuple[str, bytes]], list[str]]:
    """SVG/PDF/PNG bytes of the comparison (nothing written), plus warnings."""
    from ..pipeline import RenderOptions, diagram_for, render_outputs
    from .merge import before_journey, merged_journey
    from .overlay import with_before_curve

    opts = replace(opts or RenderOptions(), layout="swimlane")
    diff = diff_journeys(current, future)
    merged = merged_journey(diff)
    diagram, theme = diagram_for(merged, opts)
    before, _ = diagram_for(before_journey(merged, diff), opts)
    return render_outputs(merged, formats, opts, prepared=(with_before_curve(diagram, before), theme))
