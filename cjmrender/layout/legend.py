"""The legend: one entry for every mark the map draws, none for a single self-evident one."""

from __future__ import annotations

from ..i18n import t
from ..spec.journey import Journey, LaneDef
from .blocks import Ctx, flag, tag_size, text_block
from .emotion import extremes, whole_map_marks
from .emotion_marks import ring
from .emotion_personas import line_swatch, persona_series
from .model import Box, Element, Group, PathShape, Rect


def legend_entries(journey: Journey, lanes: tuple[LaneDef, ...], called: dict[int, str] | None = None) -> list[str]:
    """Keys of the marks the shown lanes draw, in legend order; ``called``: the moments the curve calls out
    (:func:`.emotion.whole_map_marks`; by default this journey's own lowest and highest)."""
    kinds = {ln.kind for ln in lanes}
    emo = [(i, c.content.emotion) for i, c in enumerate(journey.columns) if c.content.emotion]
    metrics = [mt.below for c in journey.columns for mt in c.content.metrics]
    out = []
    if "emotion" in kinds:
        out += [f"persona:{k}" for k, _ in persona_series(journey)]
    if "emotion" in kinds and len(emo) >= 2:
        out.append("emotion")
    if "emotion" in kinds and any(e.spread is not None for _, e in emo):
        out.append("spread")
    called = extremes([(i, e.score) for i, e in emo]) if called is None else called
    if "emotion" in kinds and called:
        out.append("extremes")
    if {"emotion", "pains"} <= kinds and any(c.content.pains and c.content.emotion for c in journey.columns):
        out.append("pain")
    if "metrics" in kinds and any(b is True for b in metrics):
        out.append("below")
    if "metrics" in kinds and any(b is False for b in metrics):
        out.append("ok")
    return [] if out == ["emotion"] else out  # a lone curve explains itself


def _swatch(ctx: Ctx, key: str, x: float, my: float) -> tuple[list[Element], float]:
    """The mark for ``key`` drawn from ``x``, centred on ``my``; returns it and its width."""
    g = ctx.g
    sw = g.space.legend_swatch
    if key.startswith("persona:"):
        return line_swatch(int(key[8:]), x, my, 2 * sw, g.stroke.curve, sw / 3), 2 * sw
    if key == "emotion":
        return [PathShape((("M", x, my), ("L", x + sw, my)), "emotion.curve", g.stroke.curve, cls="legend-curve")], sw
    if key == "spread":
        return [Box(Rect(x, my - sw / 2, sw, sw), "emotion.spread", sw / 2)], sw
    if key == "extremes":
        r = sw / 2 - g.emotion.callout_stroke / 2
        return [ring(x + sw / 2, my, r, "emotion.callout", g.emotion.callout_stroke, "legend-callout")], sw
    if key == "pain":
        w, h = tag_size(ctx, "P1")
        return [Box(Rect(x, my - h / 2, w, h), "pain.marker", h / 2, 0.0, "badge"),
                text_block(ctx, ("P1",), x + w / 2, my - h / 2 + g.space.badge_pad_y, g.size.small,
                           "pain.marker.text", bold=True, anchor="middle", cls="badge-text")], w
    return [flag("flag.below" if key == "below" else "flag.ok", x, my - sw / 2, sw)], sw


def layout_legend(ctx: Ctx, journey: Journey, lanes: tuple[LaneDef, ...], x: float, y: float,
                  width: float) -> tuple[Group | None, float]:
    """Explain the marks the map uses (only the ones it actually uses), flowing into rows."""
    g = ctx.g
    entries = legend_entries(journey, lanes, whole_map_marks(ctx, journey)[0])
    if not entries:
        return None, 0.0
    size = g.size.small
    lh = ctx.line_h(size)
    row_h = max(g.space.legend_swatch, tag_size(ctx, "P1")[1], lh)
    cx, cy = x, y
    kids: list[Element] = []
    names = {f"persona:{k}": p.name for k, p in persona_series(journey)}
    for key in entries:
        text = names.get(key) or t(ctx.locale, f"legend.{key}")
        marks, mw = _swatch(ctx, key, 0.0, 0.0)
        item_w = mw + g.space.icon_gap + ctx.m.width(text, size)
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy + row_h + g.space.card_gap
        my = cy + row_h / 2
        marks, mw = _swatch(ctx, key, cx, my)
        kids += marks
        kids.append(text_block(ctx, (text,), cx + mw + g.space.icon_gap, my - lh / 2, size, "legend.text"))
        cx += item_w + g.space.legend_gap
    return Group("legend", "legend", tuple(kids)), cy + row_h - y
