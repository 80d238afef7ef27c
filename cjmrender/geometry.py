"""The theme's geometry: fonts, type sizes, spacing, corner radii and strokes, in CSS px.

Layout sees only these numbers (never colours), so recolouring a map never
moves a box.  :mod:`cjmrender.theme` reads them from the theme files.
"""

from __future__ import annotations

import msgspec

PT_PER_PX = 0.75
"""Points per CSS px (72 / 96): layout measures in CSS px, paper and type sizes speak points."""

_O = dict(frozen=True, forbid_unknown_fields=True, kw_only=True)


class Sizes(msgspec.Struct, **_O):
    title: float
    title_long: float
    """A title that needs more than one line steps down to this size."""
    subtitle: float
    badge: float
    phase: float
    stage: float
    stage_description: float
    step: float
    lane_title: float
    body: float
    small: float
    persona_name: float
    quote: float
    initials: float
    metric_value: float


class Space(msgspec.Struct, **_O):
    margin: float
    title_gap: float
    section_gap: float
    header_gap: float
    lane_gap: float
    cell_pad: float
    card_pad_x: float
    card_pad_y: float
    card_gap: float
    icon_gap: float
    lane_title_pad: float
    legend_gap: float
    legend_swatch: float
    badge_pad_y: float
    badge_pad_x: float
    badge_gap: float
    """Between neighbouring badges, and between a badge and the face it belongs to."""
    band_pad_y: float
    """Vertical padding of the slim header rows (phases, steps)."""
    chip_pad_x: float
    """Padding of the pill-shaped chips of the touchpoints and owners lanes."""
    chip_pad_y: float
    chip_gap: float
    """Between neighbouring chips of one cell, across and down."""
    bubble_tail: float
    """How far the tail of a thought bubble reaches below the bubble."""
    stack_offset: float
    """How far the sheet behind a custom lane's card shows below and to the right of it."""


class ColumnWidths(msgspec.Struct, **_O):
    """Width of a plain stage: never below ``min``; ``preferred`` unless content or a target asks for more."""

    min: float
    preferred: float


class Radii(msgspec.Struct, **_O):
    card: float
    header: float
    badge: float
    bubble: float
    """Corners of a thought bubble."""


class Strokes(msgspec.Struct, **_O):
    card: float
    accent: float
    grid: float
    curve: float
    phase_rule: float
    """Rules between phases, through the headers and every lane."""
    step_dash: float
    """Dash and gap length of the rules between the steps of one stage."""
    owner_dash: float
    """Dash and gap length of the outline of an owner (backstage) chip; 0 draws it solid."""


class EmotionGeometry(msgspec.Struct, **_O):
    plot_height: float
    plot_min: float
    """The lowest the plot goes, also when a print layout trades its height for larger type."""
    face_radius: float
    plot_pad: float
    """Room between the faces at the ends of the scale and the plot's edges."""
    callout_gap: float
    """Between a face and the ring that calls out the lowest or highest moment."""
    callout_stroke: float


class PersonaGeometry(msgspec.Struct, **_O):
    width: float
    gap: float
    avatar: float
    pad: float
    text_gap: float
    """Between the avatar and the name."""
    column_min: float
    """Narrowest goals or frustrations column beside the identity."""
    colour_band: float
    """Height of the bar in the colour of the persona's emotion curve, along the card's top."""


class SparkGeometry(msgspec.Struct, **_O):
    """The small whole-journey emotion curve that opens each stage of a report."""

    width: float = 264.0
    """About 70 mm printed at 96 px to the inch."""
    height: float = 84.0
    pad: float = 6.0
    """Room round the plot for the emphasised points."""
    point: float = 2.5
    """Radius of the dots on the curve; the stage's own points are twice as large."""


class Geometry(msgspec.Struct, **_O):
    font_family: str
    fallback_font_family: str
    """For text with characters the main font lacks (CJK, Korean, ...): fonts that have them."""
    line_height: float
    size: Sizes
    space: Space
    lane_title_width: float
    column: ColumnWidths
    radius: Radii
    stroke: Strokes
    icon: float
    emotion: EmotionGeometry
    persona: PersonaGeometry
    storyboard_height: float
    """Height of the row of stage pictures (drawn only when a stage has an ``image``)."""
    spark: SparkGeometry = msgspec.field(default_factory=SparkGeometry)
