"""Themes are data: YAML files in ``themes/`` that override the base theme.

Geometry (fonts, sizes, spacing) is kept apart from paint (palette and the
role -> colour map), so recolouring never moves a box: layout only ever sees
:class:`Geometry`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from .errors import Problem, UserError
from .resources import data_dir
from .spec.yamlnodes import Document, decode, parse

_O = dict(frozen=True, forbid_unknown_fields=True, kw_only=True)


class Sizes(msgspec.Struct, **_O):
    title: float
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


class ColumnWidths(msgspec.Struct, **_O):
    min: float
    preferred: float
    max: float


class Radii(msgspec.Struct, **_O):
    card: float
    header: float
    badge: float


class Strokes(msgspec.Struct, **_O):
    card: float
    accent: float
    grid: float
    curve: float


class EmotionGeometry(msgspec.Struct, **_O):
    plot_height: float
    face_radius: float
    marker_radius: float


class PersonaGeometry(msgspec.Struct, **_O):
    width: float
    gap: float
    avatar: float


class Geometry(msgspec.Struct, **_O):
    font_family: str
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


class PaintSpec(msgspec.Struct, **_O):
    palette: dict[str, str]
    roles: dict[str, str]


class ThemeSpec(msgspec.Struct, **_O):
    name: str
    description: str
    geometry: Geometry
    paint: PaintSpec
    extends: str | None = None


_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, slots=True)
class Paint:
    """Role -> ``#rrggbb``; the renderer's only source of colour."""

    colors: dict[str, str]

    def __call__(self, role: str) -> str:
        """Exact role, else the role with middle parts dropped: ``card.pains.fill`` -> ``card.fill``."""
        if role in self.colors:
            return self.colors[role]
        parts = role.split(".")
        while len(parts) > 2:
            parts.pop(-2)
            candidate = ".".join(parts)
            if candidate in self.colors:
                return self.colors[candidate]
        raise KeyError(f"theme has no colour for role '{role}'")

    def part(self, role: str, part: str) -> str:
        """``fill``/``stroke`` of a box role: ``role.part``, else the role's own colour."""
        try:
            return self(f"{role}.{part}")
        except KeyError:
            return self(role)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    description: str
    geometry: Geometry
    paint: Paint


def builtin_themes() -> dict[str, Path]:
    return {p.stem: p for p in sorted(data_dir("themes").glob("*.yaml"))}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _read(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(Problem(str(path), 0, 0, f"cannot read theme: {exc.strerror or exc}")) from None
    doc = parse(decode(raw, str(path)), str(path))
    return doc


def _resolve_doc(doc: Document, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    data = doc.data
    parent = data.get("extends", None if Path(doc.name).stem == "default" and not seen else "default")
    if Path(doc.name).resolve() == (data_dir("themes") / "default.yaml").resolve():
        return data
    if not isinstance(parent, str):
        raise UserError(doc.problem(("extends",), "extends must name a theme"))
    themes = builtin_themes()
    ppath = themes.get(parent) or (Path(doc.name).parent / parent)
    if parent in seen or not Path(ppath).is_file():
        raise UserError(doc.problem(("extends",), f"cannot extend '{parent}'"))
    base = _resolve_doc(_read(Path(ppath)), (*seen, parent))
    return _merge(base, data)


def load_theme(name_or_path: str | Path = "default", overrides: list[str] | tuple[str, ...] = ()) -> Theme:
    """A built-in theme by name, or a theme file; ``overrides`` are ``key.path=value`` strings."""
    themes = builtin_themes()
    path = themes.get(str(name_or_path)) or Path(name_or_path)
    if not path.is_file():
        raise UserError(Problem(str(name_or_path), 0, 0,
                                f"no such theme; built-in themes are {', '.join(themes)}"))
    doc = _read(path)
    data = _resolve_doc(doc)
    for i, item in enumerate(overrides):
        data = _apply_override(data, item, i)
    try:
        spec = msgspec.convert(data, ThemeSpec, strict=False)
    except msgspec.ValidationError as exc:
        msg, _, where = str(exc).partition(" - at `")
        keys = tuple(re.findall(r"[\w-]+", where.rstrip("`")[1:]))
        raise UserError(doc.problem(keys, f"{msg} (at {'.'.join(keys) or 'top level'})")) from None
    return Theme(spec.name, spec.description, spec.geometry, _paint(spec, doc))


def _apply_override(data: dict[str, Any], item: str, index: int) -> dict[str, Any]:
    key, eq, raw = item.partition("=")
    where = f"--set {item}"
    if not eq or not key:
        raise UserError(Problem(where, 0, 0, "expected key.path=value"))
    parts = key.split(".")
    if parts[:2] == ["paint", "roles"] and len(parts) > 2:
        parts = ["paint", "roles", ".".join(parts[2:])]
    node: Any = data
    for p in parts[:-1]:
        if not isinstance(node, dict) or p not in node:
            raise UserError(Problem(where, 0, 0, f"unknown theme key '{key}'"))
        node = node[p]
    if not isinstance(node, dict) or parts[-1] not in node:
        raise UserError(Problem(where, 0, 0, f"unknown theme key '{key}'"))
    old = node[parts[-1]]
    value: Any = raw
    if isinstance(old, (int, float)) and not isinstance(old, bool):
        try:
            value = float(raw)
        except ValueError:
            raise UserError(Problem(where, 0, 0, f"'{key}' takes a number, got '{raw}'")) from None
    out = _merge(data, {})
    target = out
    for p in parts[:-1]:
        target[p] = dict(target[p])
        target = target[p]
    target[parts[-1]] = value
    return out


def _paint(spec: ThemeSpec, doc: Document) -> Paint:
    problems: list[Problem] = []
    palette = spec.paint.palette
    for k, v in palette.items():
        if not _HEX.fullmatch(v):
            problems.append(doc.problem(("paint", "palette", k), f"palette colour '{v}' must be #rrggbb"))
    colors: dict[str, str] = {}
    for role, v in spec.paint.roles.items():
        c = palette.get(v, v)
        if not _HEX.fullmatch(c):
            problems.append(doc.problem(("paint", "roles", role),
                                        f"role '{role}': '{v}' is neither a palette name nor #rrggbb"))
        colors[role] = c.lower()
    if problems:
        raise UserError(problems)
    return Paint(colors)
