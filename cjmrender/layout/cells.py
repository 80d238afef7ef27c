"""Cell content -> card specs, one function per lane kind."""

from __future__ import annotations

from ..i18n import t
from ..spec.journey import OWNER_LANES, Content, LaneDef, MetricItem, Text, TouchpointItem
from .blocks import CardSpec, Ctx, Piece

_SHAPES = {"owners": "chip", "thoughts": "bubble", "text": "stack"}
"""Outline per lane kind (see :mod:`.shapes`); touchpoints are chips too, every other lane plain cards.
A custom lane named like an owners lane (``backstage``) is drawn as one."""


def _evidence(ctx: Ctx, source: str | None, note: str | None) -> tuple[Piece, ...]:
    g = ctx.g
    out = []
    if note:
        out.append(Piece(note, g.size.small, "card.muted"))
    if source:
        out.append(Piece(f"— {source}", g.size.small, "card.muted"))
    return tuple(out)


def _text_card(ctx: Ctx, kind: str, item: Text, *, accent: str | None = None, quote: bool = False,
               tag: str | None = None) -> CardSpec:
    text = f"“{item.text}”" if quote else item.text
    role = f"card.{kind}.text" if kind in ("thoughts",) else "card.text"
    pieces = (Piece(text, ctx.g.size.body, role), *_evidence(ctx, item.source, item.note))
    return CardSpec(kind, pieces, accent=accent, label=f"{tag} {item.text}" if tag and tag != "+" else item.text,
                    tag=tag, shape=_SHAPES.get(kind, "card"), dashed=kind == "owners")


def _touchpoint(ctx: Ctx, tp: TouchpointItem) -> CardSpec:
    pieces = (Piece(tp.label, ctx.g.size.body, "card.text"), *_evidence(ctx, tp.source, tp.note))
    return CardSpec("touchpoints", pieces, icon=tp.channel, label=f"{tp.channel}: {tp.label}", shape="chip")


def _metric(ctx: Ctx, mt: MetricItem) -> CardSpec:
    g = ctx.g
    value_role = "metric.below" if mt.below else "card.text"
    pieces = [Piece(mt.name, g.size.small, "card.muted"), Piece(mt.value, g.size.metric_value, value_role, bold=True)]
    refs = [f"{t(ctx.locale, key)}: {v}" for key, v in (("metric.target", mt.benchmark), ("metric.goal", mt.target))
            if v is not None]
    if refs:  # benchmark and goal share a line (it wraps when the column is narrow)
        pieces.append(Piece(" · ".join(refs), g.size.small, "card.muted"))
    pieces += _evidence(ctx, mt.source, None)
    icon = None if mt.below is None else ("flag.below" if mt.below else "flag.ok")
    return CardSpec("metrics", tuple(pieces), icon=icon, accent="metric.below" if mt.below else None,
                    label=f"{mt.name}: {mt.value}")


def cards_for(ctx: Ctx, lane: LaneDef, content: Content, numbers: tuple[int, ...] = ()) -> tuple[CardSpec, ...]:
    """The cards one cell shows; the emotion lane has none (it draws a curve).

    ``numbers`` are the cell's pain numbers (P1, P2, ...), shown as badges on pain cards.
    """
    kind = "owners" if lane.kind == "text" and lane.id in OWNER_LANES else lane.kind
    if kind == "emotion":
        return ()
    if kind == "touchpoints":
        return tuple(_touchpoint(ctx, tp) for tp in content.touchpoints)
    if kind == "metrics":
        return tuple(_metric(ctx, mt) for mt in content.metrics)
    items: tuple[Text, ...] = content.items(lane)  # type: ignore[assignment]
    if kind == "pains":
        return tuple(_text_card(ctx, kind, it, accent="card.pains.accent", tag=f"P{numbers[k]}" if k < len(numbers) else None)
                     for k, it in enumerate(items))
    if kind == "opportunities":
        return tuple(_text_card(ctx, kind, it, accent="card.opportunities.accent", tag="+") for it in items)
    if kind == "thoughts":
        return tuple(_text_card(ctx, kind, it, quote=True) for it in items)
    return tuple(_text_card(ctx, kind, it) for it in items)
