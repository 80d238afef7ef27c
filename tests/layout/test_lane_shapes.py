"""Each lane's items look like what they are: chips flow in rows, thoughts are bubbles, every lane has its shape.

Shapes are read back from the laid-out diagram, never from a table of what
each lane should look like: if two lanes came to be drawn alike, the
signature test fails.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from typing import get_args

from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import Box, Group, Icon, PathShape, Rect, TextBlock, walk
from cjmrender.pipeline import RenderOptions, render_svg_text
from cjmrender.spec.journey import OWNER_LANES
from cjmrender.spec.loader import load_spec
from cjmrender.spec.model import LaneKind
from cjmrender.text.measure import default_measurer
from cjmrender.theme import builtin_themes, load_theme
from tests.conftest import ROOT, SVGCHECK, need_tool

STRESS = ROOT / "tests" / "stress" / "lanes-chips.yaml"
M = default_measurer()
EPS = 0.01


def laid_out(theme: str = "default"):
    g = load_theme(theme).geometry
    return load_spec(STRESS), g, layout(load_spec(STRESS), g, M, Options())


def children(el: Group, cls: str) -> list[Group]:
    return [k for k in walk(el) if isinstance(k, Group) and cls in k.cls.split()]


def column_edges(root: Group) -> list[float]:
    """Column boundaries from the drawing: the lane-title column's right edge, the rules, the bands' right edge."""
    band = next(el for el in walk(root) if isinstance(el, Box) and el.cls == "band")
    title = next(el for el in walk(root) if isinstance(el, Box) and el.cls == "lane-title")
    rules = {el.commands[0][1] for el in walk(root) if isinstance(el, PathShape) and "rule" in el.cls.split()}
    return sorted({title.rect.right, *rules, band.rect.right})


def cell_span(edges: list[float], box: Rect, pad: float) -> tuple[float, float]:
    """The inner x range of the column ``box`` sits in."""
    i = max(k for k, x in enumerate(edges[:-1]) if x <= box.x + EPS)
    return edges[i] + pad, edges[i + 1] - pad


def chip_cells(root: Group) -> list[list[Box]]:
    return [[c.children[0] for c in children(cell, "card")] for cell in children(root, "cell")
            if all(isinstance(c.children[0], Box) and c.children[0].cls == "chip-box" for c in children(cell, "card"))]


def test_short_chips_share_rows_and_no_chip_leaves_its_cell():
    journey, g, d = laid_out()
    edges = column_edges(d.root)
    cells = chip_cells(d.root)
    assert cells
    crowded = max(cells, key=len)
    assert len(crowded) >= 8
    rows = sorted({round(b.rect.y, 3) for b in crowded})
    assert len(rows) <= len(crowded) // 2, "short chips should share rows"
    for chips in cells:
        lo, hi = cell_span(edges, chips[0].rect, g.space.cell_pad)
        for k, b in enumerate(chips):
            assert lo - EPS <= b.rect.x and b.rect.right <= hi + EPS, b
            for other in chips[k + 1:]:  # chips never overlap, across or down
                r = other.rect
                assert (r.x >= b.rect.right + g.space.chip_gap - EPS or r.y >= b.rect.bottom + g.space.chip_gap - EPS)
        for prev, b in zip(chips, chips[1:]):
            if b.rect.y > prev.rect.y + EPS:  # a new row starts only when the chip does not fit beside the last
                assert prev.rect.right + g.space.chip_gap + b.rect.w > hi - EPS, (prev, b)
            else:
                assert abs(b.rect.x - (prev.rect.right + g.space.chip_gap)) < EPS


def test_chips_are_pills_and_long_labels_wrap_at_the_full_width():
    _, g, d = laid_out()
    edges = column_edges(d.root)
    wrapped = 0
    for cell in children(d.root, "cell"):
        for chip in children(cell, "card"):
            box = chip.children[0]
            if not (isinstance(box, Box) and box.cls == "chip-box"):
                continue
            texts = [el for el in chip.children if isinstance(el, TextBlock)]
            if sum(len(t.lines) for t in texts) == 1:
                assert abs(box.radius - box.rect.h / 2) < EPS, chip.id  # fully rounded ends
            else:
                lo, hi = cell_span(edges, box.rect, g.space.cell_pad)
                assert abs(box.rect.w - (hi - lo)) < EPS, chip.id
                wrapped += 1
    assert wrapped >= 1


def test_thought_tails_stay_clear_of_what_is_around_them():
    _, g, d = laid_out()
    lane = next(ln for ln in children(d.root, "lane") if "lane-thoughts" in ln.cls.split())
    title = next(el for el in lane.children if isinstance(el, Box) and el.cls == "lane-title")  # as tall as the lane
    tails = 0
    for cell in children(lane, "cell"):
        cards = children(cell, "card")
        for k, card in enumerate(cards):
            box = card.children[0]
            for el in card.children:
                if isinstance(el, PathShape):
                    pts = [(c[-2], c[-1]) for c in el.commands if len(c) > 2]
                    assert all(box.rect.x - EPS <= x <= box.rect.right + EPS for x, _ in pts)
                    assert max(y for _, y in pts) > box.rect.bottom  # it hangs below the bubble
                    below = cards[k + 1].children[0].rect.y if k + 1 < len(cards) else title.rect.bottom
                    assert all(y <= below - EPS for _, y in pts), card.id
                    tails += 1
    assert tails >= 4


def corner(box: Box) -> str:
    return "square" if box.radius == 0 else "pill" if box.radius >= box.rect.h / 2 - EPS else "rounded"


def glyphs(text: str) -> str:
    """A badge's text by character class: ``P1`` -> ``LN``, ``+`` -> ``S``."""
    return "".join(sorted({unicodedata.category(c)[0] for c in text}))


def item_signature(card: Group) -> tuple:
    """How one item is drawn: its outline, marks and what reaches outside its box, not its colours."""
    box = card.children[0]
    assert isinstance(box, Box)
    r = box.rect
    marks: list[tuple] = []
    for el in card.children[1:]:
        if isinstance(el, Icon):
            marks.append(("icon",))
        elif isinstance(el, PathShape):
            pts = [(c[-2], c[-1]) for c in el.commands if len(c) > 2]
            outside = (max(x for x, _ in pts) > r.right + EPS, max(y for _, y in pts) > r.bottom + EPS)
            marks.append(("path", bool(el.dash), el.stroke > 0, outside))
        elif isinstance(el, Box):
            inside = [t for t in card.children if isinstance(t, TextBlock) and el.rect.contains(t.box)]
            marks.append(("badge", corner(el), glyphs("".join(inside[0].lines))) if inside else ("bar",))
        elif isinstance(el, TextBlock) and el.bold and not any(
                isinstance(b, Box) and b is not box and b.rect.contains(el.box) for b in card.children):
            marks.append(("bold text",))
    return ("Box", corner(box), box.stroke > 0, tuple(sorted(set(marks))))


def lane_signature(lane: Group) -> frozenset:
    cards = children(lane, "card")
    if not cards:  # a plot, not items: the kinds of element it is drawn with
        return frozenset({("plot", *sorted({type(el).__name__ for el in walk(lane)}))})
    return frozenset(item_signature(c) for c in cards)


def test_every_lane_kind_has_a_shape_of_its_own_in_print_mono():
    journey, _, d = laid_out("print-mono")
    lanes = {ln.id.removeprefix("lane-"): ln for ln in children(d.root, "lane")}
    by_kind = {lane.kind: lane_signature(lanes[lane.id]) for lane in journey.lanes if lane.id not in OWNER_LANES}
    assert set(by_kind) == set(get_args(LaneKind)), "the stress map shows every lane kind"
    kinds = sorted(by_kind)
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            assert by_kind[a] != by_kind[b], f"{a} and {b} are drawn alike: {by_kind[a]}"
    # a custom lane named like the owners lane (the seeds' word for it) is drawn as one
    for lid in OWNER_LANES:
        assert lane_signature(lanes[lid]) <= by_kind["owners"]


def test_svgcheck_reports_zero_defects_on_the_stress_map_in_every_theme(tmp_path):
    need_tool("svgcheck")
    files = []
    for theme in builtin_themes():
        out = tmp_path / f"lanes-{theme}.svg"
        out.write_text(render_svg_text(load_spec(STRESS), RenderOptions(theme=theme)), encoding="utf-8")
        files.append(out)
    res = subprocess.run([sys.executable, str(SVGCHECK), *map(str, files)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]


def test_dashed_outline_and_tail_follow_the_theme():
    """The dash pattern and the tail size are theme geometry: zero draws a solid outline and no overhang."""
    flat = load_theme("print-mono", ["geometry.stroke.owner_dash=0", "geometry.space.bubble_tail=0"]).geometry
    d = layout(load_spec(STRESS), flat, M, Options())
    owners = next(ln for ln in children(d.root, "lane") if "lane-owners" in ln.cls.split())
    assert not any(isinstance(el, PathShape) and el.dash for el in walk(owners))
    thoughts = next(ln for ln in children(d.root, "lane") if "lane-thoughts" in ln.cls.split())
    for card in children(thoughts, "card"):
        bottom = card.children[0].rect.bottom
        assert all(c[-1] <= bottom + EPS for el in card.children if isinstance(el, PathShape)
                   for c in el.commands if len(c) > 2)
