"""A wheel sector's label: stage name, touchpoint icons, top actions and numbered badges, centred.

A label is measured for a wrap width first (:func:`measure_label`), so the
wheel can try several widths and amounts of content until one fits its
sector or the free wedge outside the rim; :func:`draw_label` then places it.
Badges number the map's pains and opportunities; their text lives in the
list under the wheel, which :func:`badge` also draws.
"""

from __future__ import annotations

import msgspec

from .blocks import PIECE_GAP, Ctx, text_block, wrapped
from .model import Box, Circle, Element, Group, Icon, Rect

ROW_GAP = 4.0
"""Vertical gap between the rows of one label (name, icons, actions, badges)."""
BADGE_GAP = 4.0
"""Gap between two badges or two icons in a row."""
BADGE_PAD = 3.0
"""Horizontal room around a badge's number."""
STEP_JOIN = " → "
"""Between the step names listed under a stage's name, in journey order."""


class Badge(msgspec.Struct, frozen=True):
    kind: str  # "pain" | "opportunity"
    number: int


class Content(msgspec.Struct, frozen=True):
    """What one sector's label may show; the wheel drops actions first when room is short."""

    name: str
    icons: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    badges: tuple[Badge, ...] = ()
    steps: tuple[str, ...] = ()  # the stage's step names, in order: always shown

class Row(msgspec.Struct, frozen=True):
    kind: str  # "text" | "icons" | "badges"
    w: float
    h: float
    lines: tuple[str, ...] = ()
    size: float = 0.0
    bold: bool = False
    role: str = ""
    icons: tuple[str, ...] = ()
    badges: tuple[Badge, ...] = ()


class Label(msgspec.Struct, frozen=True):
    rows: tuple[tuple[Row, ...], ...]  # rows of one kind may wrap into several lines
    w: float
    h: float


def badge_size(ctx: Ctx, number: int) -> tuple[float, float]:
    g = ctx.g
    d = ctx.line_h(g.size.small) + 2
    return max(d, ctx.m.width(str(number), g.size.small, True) + 2 * BADGE_PAD), d


def _flow(widths: list[float], limit: float) -> list[list[int]]:
    """Indices split into lines no wider than ``limit`` (at least one item a line)."""
    lines: list[list[int]] = []
    used = 0.0
    for i, w in enumerate(widths):
        if lines and used + BADGE_GAP + w <= limit:
            lines[-1].append(i)
            used += BADGE_GAP + w
        else:
            lines.append([i])
            used = w
    return lines


def measure_label(ctx: Ctx, content: Content, width: float, text_role: str, muted_role: str) -> Label:
    """Rows of ``content`` wrapped to ``width``; the label is as wide as its widest row."""
    g = ctx.g
    groups: list[tuple[Row, ...]] = []
    name = wrapped(ctx, content.name, width, g.size.stage, True)
    groups.append((Row("text", max(ctx.m.width(ln, g.size.stage, True) for ln in name),
                       len(name) * ctx.line_h(g.size.stage), name, g.size.stage, True, text_role),))
    if content.steps:
        lines = wrapped(ctx, STEP_JOIN.join(content.steps), width, g.size.small, True)
        groups.append((Row("text", max(ctx.m.width(ln, g.size.small, True) for ln in lines),
                           len(lines) * ctx.line_h(g.size.small), lines, g.size.small, True, muted_role),))
    if content.icons:
        lines = _flow([g.icon] * len(content.icons), width)
        groups.append(tuple(Row("icons", len(ix) * g.icon + (len(ix) - 1) * BADGE_GAP, g.icon,
                                icons=tuple(content.icons[i] for i in ix)) for ix in lines))
    rows = []
    for act in content.actions:
        lines = wrapped(ctx, f"• {act}", width, g.size.small)
        rows.append(Row("text", max(ctx.m.width(ln, g.size.small) for ln in lines),
                        len(lines) * ctx.line_h(g.size.small), lines, g.size.small, False, muted_role))
    if rows:
        groups.append(tuple(rows))
    if content.badges:
        sizes = [badge_size(ctx, b.number) for b in content.badges]
        lines = _flow([w for w, _ in sizes], width)
        groups.append(tuple(Row("badges", sum(sizes[i][0] for i in ix) + (len(ix) - 1) * BADGE_GAP, sizes[0][1],
                                badges=tuple(content.badges[i] for i in ix)) for ix in lines))
    w = max(r.w for grp in groups for r in grp)
    h = sum(sum(r.h for r in grp) + PIECE_GAP * (len(grp) - 1) for grp in groups) + ROW_GAP * (len(groups) - 1)
    return Label(tuple(groups), w, h)


def badge(ctx: Ctx, b: Badge, x: float, y: float, ident: str) -> Group:
    """A numbered badge with its top-left at (x, y): a disc for a pain, a rounded square for an opportunity."""
    g = ctx.g
    w, h = badge_size(ctx, b.number)
    if b.kind == "pain":
        shape: Element = (Circle(x + w / 2, y + h / 2, h / 2, "pain.marker", 0.0, "badge-shape")
                          if w <= h else Box(Rect(x, y, w, h), "pain.marker", h / 2, 0.0, "badge-shape"))
    else:
        shape = Box(Rect(x, y, w, h), "card.opportunities.accent", 3.0, 0.0, "badge-shape")
    num = text_block(ctx, (str(b.number),), x + w / 2, y + (h - ctx.line_h(g.size.small)) / 2, g.size.small,
                     "badge.text", bold=True, anchor="middle", cls="badge-number")
    return Group(ident, f"badge-{b.kind}", (shape, num), str(b.number))


def draw_label(ctx: Ctx, label: Label, left: float, top: float, ident: str) -> list[Element]:
    """The label's rows, each centred on the label's middle, from ``top`` down."""
    g = ctx.g
    mid = left + label.w / 2
    out: list[Element] = []
    y = top
    for grp in label.rows:
        for k, row in enumerate(grp):
            if row.kind == "text":
                cls = "action" if not row.bold else "stage-name" if row.size == ctx.g.size.stage else "step-names"
                out.append(text_block(ctx, row.lines, mid, y, row.size, row.role, bold=row.bold, anchor="middle",
                                      cls=cls))
            elif row.kind == "icons":
                x = mid - row.w / 2
                for name in row.icons:
                    out.append(Icon(x, y, g.icon, name, "icon"))
                    x += g.icon + BADGE_GAP
            else:
                x = mid - row.w / 2
                for b in row.badges:
                    out.append(badge(ctx, b, x, y, f"{ident}-{b.kind}-{b.number}"))
                    x += badge_size(ctx, b.number)[0] + BADGE_GAP
            y += row.h + (PIECE_GAP if k < len(grp) - 1 else 0.0)
        y += ROW_GAP
    return out
