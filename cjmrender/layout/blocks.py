"""Text blocks and cards: the small building pieces every pass uses."""

from __future__ import annotations

import msgspec

from ..text.measure import TextMeasurer
from ..text.wrap import content_widths, wrap
from ..geometry import Geometry
from .model import Box, Element, Group, Icon, PathShape, Rect, TextBlock
from .shapes import frame, outline, pads

PIECE_GAP = 2.0
"""Vertical gap between two text pieces of one card (value and its target, text and its source)."""


class Ctx(msgspec.Struct, frozen=True):
    """What every pass needs: geometry, the measurer and the locale (passed, never global).

    The locale is also the text's language for line breaking: it decides hyphenation.
    """

    g: Geometry
    m: TextMeasurer
    locale: str
    images: dict = msgspec.field(default_factory=dict)
    """Loaded images by the spec's reference (``cjmrender.images.Image``); read by the pipeline, not here."""
    run: tuple | None = None
    """(whole journey, index of its first column) when laying out a run of its stages: pain numbers
    and the lowest and highest moments are the whole map's."""
    wraps: dict = msgspec.field(default_factory=dict)
    """Wrapped lines per (text, width, size, bold) for this layout run: each label is wrapped to
    size its column, to size its lane and to draw it."""

    def line_h(self, size: float) -> float:
        return size * self.g.line_height


class Piece(msgspec.Struct, frozen=True):
    text: str
    size: float
    role: str
    bold: bool = False


class CardSpec(msgspec.Struct, frozen=True):
    """One card before placement: text pieces plus an optional icon slot and accent bar."""

    kind: str
    pieces: tuple[Piece, ...]
    icon: str | None = None  # channel icon name, or "flag.below"/"flag.ok" for metrics
    accent: str | None = None  # paint role of a bar along the left edge
    role: str = ""  # paint role of the card box
    label: str = ""
    tag: str | None = None  # badge text before the pieces: "P1" on pains, "+" on opportunities
    shape: str = "card"  # outline: card, chip, bubble or stack (see .shapes)
    dashed: bool = False  # a dashed outline (chips only)


def text_block(ctx: Ctx, lines: tuple[str, ...], x: float, y: float, size: float, role: str, *,
               bold: bool = False, anchor: str = "start", cls: str = "") -> TextBlock:
    """Place wrapped ``lines`` with the top of the first line box at ``y``.

    ``x`` is the left edge, centre or right edge as ``anchor`` says.  The
    glyph cell (ascent + descent) is centred in each line box, as browsers do.
    """
    lh = ctx.line_h(size)
    asc, desc = ctx.m.ascent(size), ctx.m.descent(size)
    half = (lh - (asc + desc)) / 2
    baselines = tuple(y + i * lh + half + asc for i in range(len(lines)))
    width = max((ctx.m.width(ln, size, bold) for ln in lines), default=0.0)
    left = x if anchor == "start" else (x - width / 2 if anchor == "middle" else x - width)
    family = ctx.g.fallback_font_family if any(ctx.m.missing(ln) for ln in lines) else ""
    return TextBlock(Rect(left, y, width, lh * len(lines)), lines, baselines, x, size, role, bold,
                     False, anchor, cls, family)


def wrapped(ctx: Ctx, text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    key = (text, width, size, bold)
    lines = ctx.wraps.get(key)
    if lines is None:
        lines = ctx.wraps[key] = wrap(text, max(width, 1.0), ctx.m, size, bold, ctx.locale) or ("",)
    return lines


def piece_height(ctx: Ctx, piece: Piece, width: float) -> float:
    return len(wrapped(ctx, piece.text, width, piece.size, piece.bold)) * ctx.line_h(piece.size)


def tag_size(ctx: Ctx, tag: str) -> tuple[float, float]:
    """(width, height) of a card's badge: a pill, or a circle for a single glyph."""
    g = ctx.g
    h = ctx.line_h(g.size.small) + 2 * g.space.badge_pad_y
    return max(h, ctx.m.width(tag, g.size.small, True) + 2 * g.space.badge_pad_x), h


def _inset(ctx: Ctx, card: CardSpec) -> float:
    """Horizontal room taken by the icon slot, the badge and the accent bar."""
    g = ctx.g
    left = g.icon + g.space.icon_gap if card.icon else 0.0
    if card.tag:
        left += tag_size(ctx, card.tag)[0] + g.space.icon_gap
    return left + (2 * g.stroke.accent if card.accent else 0.0)


def card_widths(ctx: Ctx, card: CardSpec) -> tuple[float, float]:
    """(min-content, max-content) outer width of a card, its outline's frame included."""
    extra = 2 * pads(ctx.g, card.shape)[0] + _inset(ctx, card) + frame(ctx.g, card.shape)[0]
    lo = hi = 0.0
    for p in card.pieces:
        a, b = content_widths(p.text, ctx.m, p.size, p.bold)
        lo, hi = max(lo, a), max(hi, b)
    return lo + extra, hi + extra


def card_height(ctx: Ctx, card: CardSpec, width: float) -> float:
    """Height of the box of a card ``width`` wide (its outline's frame not included)."""
    g = ctx.g
    pad_x, pad_y = pads(g, card.shape)
    inner = width - 2 * pad_x - _inset(ctx, card)
    text_h = sum(piece_height(ctx, p, inner) for p in card.pieces) + PIECE_GAP * (len(card.pieces) - 1)
    mark_h = max(g.icon if card.icon else 0.0, tag_size(ctx, card.tag)[1] if card.tag else 0.0)
    return 2 * pad_y + max(text_h, mark_h)


def place_card(ctx: Ctx, card: CardSpec, x: float, y: float, width: float, ident: str) -> tuple[Group, float]:
    """Draw ``card`` at (x, y), ``width`` wide with its outline's frame; return the group and its full height."""
    g = ctx.g
    frame_x, frame_y = frame(g, card.shape)
    pad_x, pad_y = pads(g, card.shape)
    width -= frame_x
    h = card_height(ctx, card, width)
    role = card.role or f"card.{card.kind}"
    kids: list[Element] = outline(g, card.shape, role, Rect(x, y, width, h), ctx.line_h(g.size.body), card.dashed)
    left = x + pad_x
    if card.accent:
        a = g.stroke.accent
        kids.append(Box(Rect(x + a, y + a, a, h - 2 * a), card.accent, a / 2, 0.0, "accent"))
        left += 2 * a
    if card.icon:
        top = y + pad_y
        if card.icon.startswith("flag."):
            kids.append(flag(card.icon, left, top, g.icon))
        else:
            kids.append(Icon(left, top, g.icon, card.icon, "icon"))
        left += g.icon + g.space.icon_gap
    if card.tag:
        tw, th = tag_size(ctx, card.tag)
        top = y + pad_y
        kids.append(Box(Rect(left, top, tw, th), f"card.{card.kind}.badge", th / 2, 0.0, "badge"))
        kids.append(text_block(ctx, (card.tag,), left + tw / 2, top + g.space.badge_pad_y, g.size.small,
                               "card.badge.text", bold=True, anchor="middle", cls="badge-text"))
        left += tw + g.space.icon_gap
    inner = x + width - pad_x - left
    ty = y + pad_y
    for p in card.pieces:
        lines = wrapped(ctx, p.text, inner, p.size, p.bold)
        tb = text_block(ctx, lines, left, ty, p.size, p.role, bold=p.bold)
        kids.append(tb)
        ty += tb.box.h + PIECE_GAP
    return Group(ident, f"card {card.kind}", tuple(kids), card.label), h + frame_y


def flag(name: str, x: float, y: float, size: float) -> PathShape:
    """Metric flag: a downward triangle below benchmark, an upward one at or above it.

    Direction carries the meaning, so it survives black-and-white printing.
    """
    s = size
    if name == "flag.below":
        cmds = (("M", x + s * 0.1, y + s * 0.25), ("L", x + s * 0.9, y + s * 0.25), ("L", x + s * 0.5, y + s * 0.9), ("Z",))
        return PathShape(cmds, "metric.below", cls="flag below")
    cmds = (("M", x + s * 0.1, y + s * 0.8), ("L", x + s * 0.9, y + s * 0.8), ("L", x + s * 0.5, y + s * 0.15), ("Z",))
    return PathShape(cmds, "metric.ok", cls="flag ok")
