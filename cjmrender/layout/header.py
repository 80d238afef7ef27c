"""Title, goal, state badge, persona cards and sources."""

from __future__ import annotations

from ..i18n import t
from ..spec.journey import Journey, PersonaDef
from ..text.wrap import content_widths
from .blocks import PIECE_GAP, Ctx, text_block, wrapped
from .emotion_personas import persona_series, role as series_role
from .model import Box, Circle, Element, Group, Picture, Rect


def layout_title(ctx: Ctx, journey: Journey, x: float, y: float, width: float) -> tuple[Group, float]:
    """Title (wrapping; a title that needs more than one line steps down to the long-title size),
    the state badge on its right when the map sets ``state``, then goal and scenario lines."""
    g = ctx.g
    badge_text = t(ctx.locale, f"state.{journey.state}") if journey.state else ""
    bw = ctx.m.width(badge_text, g.size.badge, True) + 2 * g.space.card_pad_x + g.space.section_gap if badge_text else 0.0
    size = g.size.title
    title_lines = wrapped(ctx, journey.title, width - bw, size, True)
    if len(title_lines) > 1:
        size = g.size.title_long
        title_lines = wrapped(ctx, journey.title, width - bw, size, True)
    title = text_block(ctx, title_lines, x, y, size, "title", bold=True, cls="title")
    kids: list[Element] = [title]
    bottom = title.box.bottom
    if badge_text:
        bw -= g.space.section_gap
        bh = ctx.line_h(g.size.badge) + 2 * g.space.badge_pad_y
        badge_y = y + (ctx.line_h(size) - bh) / 2
        badge_rect = Rect(x + width - bw, badge_y, bw, bh)
        kids.append(Group("state", f"badge state-{journey.state}", (
            Box(badge_rect, "badge", g.radius.badge),
            text_block(ctx, (badge_text,), badge_rect.x + bw / 2, badge_y + g.space.badge_pad_y, g.size.badge,
                       "badge.text", bold=True, anchor="middle"),
        )))
        bottom = max(bottom, badge_rect.bottom)
    for key, text in (("goal", journey.goal), ("scenario", journey.scenario)):
        if not text:
            continue
        label = f"{t(ctx.locale, 'goal')}: {text}" if key == "goal" else text
        lines = wrapped(ctx, label, width, g.size.subtitle)
        tb = text_block(ctx, lines, x, bottom + g.space.title_gap, g.size.subtitle, "subtitle", cls=key)
        kids.append(tb)
        bottom = tb.box.bottom
    return Group("header", "header", tuple(kids)), bottom - y


def _initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p]
    letters = (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")) if parts else "?"
    return letters.upper()


def _section(ctx: Ctx, title: str | None, lines: list[tuple[str, str]], x: float, y: float,
             w: float) -> tuple[list[Element], float]:
    """A titled list of small text blocks; returns elements and bottom y."""
    g = ctx.g
    out: list[Element] = []
    if title:
        tb = text_block(ctx, wrapped(ctx, title, w, g.size.small, True), x, y, g.size.small, "persona.name", bold=True)
        out.append(tb)
        y = tb.box.bottom + PIECE_GAP
    for text, role in lines:
        tb = text_block(ctx, wrapped(ctx, text, w, g.size.small), x, y, g.size.small, role)
        out.append(tb)
        y = tb.box.bottom + PIECE_GAP
    return out, y - PIECE_GAP


def _persona(ctx: Ctx, p: PersonaDef, x: float, y: float, w: float, colour: str | None = None
             ) -> tuple[list[Element], float]:
    """A persona card's content and its height: identity (avatar, name, facts, quote) on the left,
    goals and frustrations as columns beside it, or stacked when the card is too narrow for columns."""
    g = ctx.g
    pad = g.persona.pad
    gap = g.space.section_gap
    av = g.persona.avatar
    kids: list[Element] = []
    inner_w = w - 2 * pad
    lists = [(t(ctx.locale, key), [(f"• {it}", "persona.text") for it in items])
             for key, items in (("goals", p.goals), ("pains", p.pains)) if items]
    ident_w = min(inner_w, g.persona.width)
    cols_fit = lists and (inner_w - ident_w - gap * len(lists)) / len(lists) >= g.persona.column_min
    # identity
    cx, cy = x + pad + av / 2, y + pad + av / 2
    if p.photo and p.photo in ctx.images:
        kids.append(Picture(Rect(cx - av / 2, cy - av / 2, av, av), ctx.images[p.photo].uri, True, "photo"))
    else:
        kids.append(Circle(cx, cy, av / 2, colour or "persona.avatar", 0.0, "avatar"))
        isz = g.size.initials
        kids.append(text_block(ctx, (_initials(p.name),), cx, cy - ctx.line_h(isz) / 2, isz,
                               f"{colour}.on" if colour else "persona.avatar.text",
                               bold=True, anchor="middle", cls="initials"))
    tx = x + pad + av + g.persona.text_gap
    tw = x + pad + ident_w - tx
    name_lines = wrapped(ctx, p.name, tw, g.size.persona_name, True)
    facts = " · ".join(v for _, v in p.facts)
    fact_lines = wrapped(ctx, facts, tw, g.size.small) if facts else ()
    text_h = len(name_lines) * ctx.line_h(g.size.persona_name) + (
        PIECE_GAP + len(fact_lines) * ctx.line_h(g.size.small) if fact_lines else 0.0)
    ty = y + pad + max(0.0, (av - text_h) / 2)  # name and facts centred on the avatar when shorter than it
    name = text_block(ctx, name_lines, tx, ty, g.size.persona_name, "persona.name", bold=True, cls="persona-name")
    kids.append(name)
    ty = name.box.bottom + PIECE_GAP
    if fact_lines:
        tb = text_block(ctx, fact_lines, tx, ty, g.size.small, "persona.muted", cls="facts")
        kids.append(tb)
        ty = tb.box.bottom
    ty = max(ty, y + pad + av) + g.space.card_gap
    extra: list[tuple[str, str]] = []
    if p.description:
        extra.append((p.description, "persona.text"))
    if p.quote:  # the most human line of the card: larger, in the ink colour
        tb = text_block(ctx, wrapped(ctx, f"“{p.quote}”", ident_w, g.size.quote), x + pad, ty, g.size.quote,
                        "persona.quote", cls="quote")
        kids.append(tb)
        ty = tb.box.bottom + PIECE_GAP
    els, bottom = _section(ctx, None, extra, x + pad, ty, ident_w)
    kids += els
    bottom = max(bottom, ty - PIECE_GAP if p.quote else ty - g.space.card_gap)
    if cols_fit:
        col_w = (inner_w - ident_w - gap * len(lists)) / len(lists)
        cx0 = x + pad + ident_w + gap
        for title, items in lists:
            els, b = _section(ctx, title, items, cx0, y + pad, min(col_w, g.persona.width))
            kids += els
            bottom = max(bottom, b)
            cx0 += col_w + gap
    else:
        for title, items in lists:
            els, bottom = _section(ctx, title, items, x + pad, bottom + g.space.card_gap, inner_w)
            kids += els
    return kids, bottom - y + pad


def _natural_width(ctx: Ctx, p: PersonaDef) -> float | None:
    """The width a card without goals or frustrations needs: its identity, and its quote and
    description up to the identity column's width.  None for a card with lists, which takes its
    share of the row."""
    if p.goals or p.pains:
        return None
    g = ctx.g
    facts = " · ".join(v for _, v in p.facts)
    ident = g.persona.avatar + g.persona.text_gap + max(
        content_widths(p.name, ctx.m, g.size.persona_name, True)[1], content_widths(facts, ctx.m, g.size.small)[1])
    ident = min(ident, g.persona.width)
    prose = max([content_widths(f"“{p.quote}”", ctx.m, g.size.quote)[1] if p.quote else 0.0,
                 content_widths(p.description, ctx.m, g.size.small)[1] if p.description else 0.0])
    return float(int(2 * g.persona.pad + max(ident, min(prose, g.persona.width))) + 1)


def layout_personas(ctx: Ctx, journey: Journey, x: float, y: float, width: float) -> tuple[Group | None, float]:
    """Persona cards side by side (two per row when there is room); a row shares its tallest height."""
    if not journey.personas:
        return None, 0.0
    g = ctx.g
    n = len(journey.personas)
    natural = [_natural_width(ctx, p) for p in journey.personas]
    compact = None if None in natural else min(max(natural), width)  # cards with no lists: as wide as needed
    per_row = max(1, min(n, int((width + g.persona.gap) // ((compact or g.persona.width) + g.persona.gap))))
    per_row = -(-n // -(-n // per_row))  # as many rows as needed, filled evenly: 5 on 3 columns -> 3 + 2
    w = compact or (width - g.persona.gap * (per_row - 1)) / per_row
    groups: list[Element] = []
    top = y
    people = list(journey.personas)
    colours = {p.id: series_role(k) for k, p in persona_series(journey)}
    for start in range(0, n, per_row):
        row = people[start:start + per_row]
        built = [_persona(ctx, p, x + i * (w + g.persona.gap), top, w, colours.get(p.id)) for i, p in enumerate(row)]
        tallest = max(h for _, h in built)
        for i, (p, (kids, _)) in enumerate(zip(row, built)):
            box = Box(Rect(x + i * (w + g.persona.gap), top, w, tallest), "persona", g.radius.card, g.stroke.card,
                      "persona-box")
            if p.id in colours:  # the colour of this persona's emotion curve
                r = box.rect
                band = g.persona.colour_band
                kids = [Box(Rect(r.x + g.radius.card, r.y + band / 2, r.w - 2 * g.radius.card, band),
                            colours[p.id], band / 2, 0.0, "persona-colour"), *kids]
            groups.append(Group(f"persona-{p.id}", "persona", (box, *kids), p.name))
        top += tallest + g.persona.gap
    return Group("personas", "personas", tuple(groups)), top - g.persona.gap - y


def layout_sources(ctx: Ctx, journey: Journey, x: float, y: float, width: float) -> tuple[Element | None, float]:
    if not journey.sources:
        return None, 0.0
    text = "; ".join(journey.sources)
    label = t(ctx.locale, "sources")
    tb = text_block(ctx, wrapped(ctx, f"{label}: {text}", width, ctx.g.size.small), x, y, ctx.g.size.small,
                    "footer.text", cls="sources")
    return tb, tb.box.h


__all__ = ["layout_title", "layout_personas", "layout_sources"]


def layout_top(ctx: Ctx, journey: Journey, m: float, width: float, persona_cards: bool = True
               ) -> tuple[list[Element], float]:
    """Title block and persona cards (unless left out) from the top margin down; the elements and the y where
    the map starts."""
    gap = ctx.g.space.section_gap
    header, hh = layout_title(ctx, journey, m, m, width)
    parts: list[Element] = [header]
    y = m + hh + gap
    personas, ph = layout_personas(ctx, journey, m, y, width) if persona_cards else (None, 0.0)
    if personas is not None:
        parts.append(personas)
        y += ph + gap
    return parts, y
