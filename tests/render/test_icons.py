"""Channel icons: one per canonical channel, valid compact path data, inside the 24 x 24 grid."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cjmrender.channels import CHANNELS
from cjmrender.render.icons import ICONS, icon_paths

LICENSE = Path(__file__).resolve().parents[2] / "cjmrender" / "render" / "ICONS-LICENSE.txt"

ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
NUMBER = r"-?(?:\d+(?:\.\d{1,2})?|\.\d{1,2})"
TOKEN = re.compile(rf"([MmLlHhVvCcSsQqTtAaZz])|({NUMBER})|([\s,]+)")
Point = tuple[float, float]


def tokens(d: str) -> list[str | float]:
    """Command letters and numbers; anything else (or a number with more than two decimals) fails."""
    out: list[str | float] = []
    pos = 0
    while pos < len(d):
        m = TOKEN.match(d, pos)
        assert m and m.end() > pos, f"unexpected {d[pos:pos + 12]!r} in {d!r}"
        if m.group(1):
            out.append(m.group(1))
        elif m.group(2):
            out.append(float(m.group(2)))
        pos = m.end()
    return out


def segments(d: str) -> Iterator[tuple[str, list[float]]]:
    """(command, arguments) pairs with implicit repeats expanded; checks argument counts."""
    toks = tokens(d)
    assert toks and toks[0] in ("M", "m"), f"path must start with a move: {d!r}"
    i, cmd = 0, ""
    while i < len(toks):
        if isinstance(toks[i], str):
            cmd = str(toks[i])
            i += 1
            if cmd in "Zz":
                yield cmd, []
                continue
        n = ARGS[cmd.upper()]
        args = toks[i:i + n]
        assert len(args) == n and all(isinstance(a, float) for a in args), f"bad arguments for {cmd} in {d!r}"
        if cmd in "Aa":
            assert args[3] in (0, 1) and args[4] in (0, 1), f"bad arc flags in {d!r}"
        yield cmd, [float(a) for a in args]
        i += n
        cmd = {"M": "L", "m": "l"}.get(cmd, cmd)


def arc_points(p0: Point, rx: float, ry: float, phi: float, large: bool, sweep: bool, p1: Point) -> list[Point]:
    """Sample an SVG elliptical arc (endpoint parameterisation, SVG 1.1 appendix F.6)."""
    if rx == 0 or ry == 0 or p0 == p1:
        return [p1]
    rx, ry, cp, sp = abs(rx), abs(ry), math.cos(math.radians(phi)), math.sin(math.radians(phi))
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1, y1 = cp * dx + sp * dy, -sp * dx + cp * dy
    lam = (x1 / rx) ** 2 + (y1 / ry) ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1
    den = rx * rx * y1 * y1 + ry * ry * x1 * x1
    k = math.sqrt(max(0.0, num / den)) * (-1 if large == sweep else 1)
    cx1, cy1 = k * rx * y1 / ry, -k * ry * x1 / rx
    cx, cy = cp * cx1 - sp * cy1 + (p0[0] + p1[0]) / 2, sp * cx1 + cp * cy1 + (p0[1] + p1[1]) / 2
    t0 = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    t1 = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx)
    dt = t1 - t0
    if sweep and dt < 0:
        dt += 2 * math.pi
    elif not sweep and dt > 0:
        dt -= 2 * math.pi
    pts = []
    for j in range(1, 33):
        t = t0 + dt * j / 32
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        pts.append((cp * ex - sp * ey + cx, sp * ex + cp * ey + cy))
    return pts


def points(d: str) -> list[Point]:
    """Every end and control point of a path, plus samples along its arcs, in absolute coordinates."""
    cur: Point = (0.0, 0.0)
    start: Point = cur
    out: list[Point] = []
    for cmd, a in segments(d):
        up, rel = cmd.upper(), cmd.islower()
        ox, oy = cur if rel else (0.0, 0.0)
        if up == "Z":
            cur = start
            continue
        if up == "H":
            cur = (a[0] + ox, cur[1])
            out.append(cur)
        elif up == "V":
            cur = (cur[0], a[0] + oy)
            out.append(cur)
        elif up == "A":
            end = (a[5] + ox, a[6] + oy)
            out += arc_points(cur, a[0], a[1], a[2], bool(a[3]), bool(a[4]), end)
            cur = end
        else:
            pts = [(a[j] + ox, a[j + 1] + oy) for j in range(0, len(a), 2)]
            out += pts
            cur = pts[-1]
        if up == "M":
            start = cur
    return out


def test_every_channel_has_an_icon() -> None:
    assert set(ICONS) == set(CHANNELS)
    for name in CHANNELS:
        assert ICONS[name], name
        assert icon_paths(name) == ICONS[name]


def test_icons_are_distinct() -> None:
    assert len({paths for paths in ICONS.values()}) == len(ICONS)


def test_icon_paths_fallbacks() -> None:
    assert icon_paths("carrier_pigeon") == ICONS["other"]
    assert icon_paths("") == ICONS["other"]
    assert icon_paths("zalo") == ICONS["chat"]
    assert icon_paths("Facebook") == ICONS["social"]


@pytest.mark.parametrize("name", sorted(ICONS))
def test_paths_parse_and_stay_on_the_grid(name: str) -> None:
    for d in ICONS[name]:
        assert d == d.strip() and "  " not in d, d
        pts = points(d)
        assert pts, d
        for x, y in pts:
            assert -1e-6 <= x <= 24 + 1e-6 and -1e-6 <= y <= 24 + 1e-6, f"{name}: ({x:.2f}, {y:.2f}) off grid in {d!r}"


def test_tokenizer_rejects_garbage() -> None:
    for bad in ("M1 1 L2 2 X3", "M1.234 2", "M1 1e3", "L1 2", "M1 1a1 1 0 2 0 3 3"):
        with pytest.raises(AssertionError):
            list(segments(bad))


def test_arc_sampling_finds_the_bulge() -> None:
    ys = [y for _, y in points("M4 12a8 8 0 0 1 16 0")]
    assert min(ys) == pytest.approx(4, abs=0.05)


def test_licence_names_the_set_and_every_icon() -> None:
    text = LICENSE.read_text(encoding="utf-8")
    assert "Lucide" in text and "ISC License" in text and "lucide-static version" in text
    for name in CHANNELS:
        assert re.search(rf"^\s+{re.escape(name)}\s+[a-z0-9-]+$", text, re.M), name
