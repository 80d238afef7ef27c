"""Themes are data: YAML files in ``themes/`` that override the base theme.

Geometry (fonts, sizes, spacing) is kept apart from paint (palette and the
role -> colour map), so recolouring never moves a box: layout only ever sees
:class:`Geometry`.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import Any

import msgspec

from .errors import Problem, UserError
from .resources import builtin_themes, data_dir, is_theme_file
from .spec.validate import explain, hint as _hint, unknown_keys
from .safeio import read_capped
from .spec.yamlnodes import MAX_BYTES, Document, decode, parse
from .geometry import _O, Sizes, Space, ColumnWidths, Radii, Strokes, EmotionGeometry, PersonaGeometry, SparkGeometry, Geometry  # noqa: F401 - re-exported: themes are read here


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
_FONT_FAMILY = re.compile(r"[\w\s,.'\"-]+")
"""A CSS font-family list and nothing else: it ends up in SVG attributes and PDF stylesheets."""
_POSITIVE = ("line_height", "size")
MAX_GEOMETRY = 10_000
"""Largest geometry number (px, or a multiple for line height): keeps every coordinate finite."""
_MIN_POSITIVE = 0.1
"""Geometry keys that must be above zero; every other geometry number may be zero (square corners, no gap)."""


class Paint(msgspec.Struct, frozen=True):
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
        """``fill``/``stroke`` of a box role: exact ``role.part``, exact ``role``, then the fallbacks.

        Exact matches come first so that ``card.pains.accent`` (a role of its own)
        is not mistaken for ``card.pains`` + ``fill`` by dropping its middle part.
        """
        for exact in (f"{role}.{part}", role):
            if exact in self.colors:
                return self.colors[exact]
        try:
            return self(f"{role}.{part}")
        except KeyError:
            return self(role)


class Theme(msgspec.Struct, frozen=True):
    name: str
    description: str
    geometry: Geometry
    paint: Paint


# --------------------------------------------------------------------------- loading

Key = tuple[str, ...]
Source = Document | str
"""Where a value came from: a theme file, or the text of one ``--set`` option."""
Origins = dict[Key, Source]
_SHAPE = "a theme must be a mapping of keys (extends: ..., geometry: ..., paint: ...)"


def load_theme(name_or_path: str | Path = "default", overrides: list[str] | tuple[str, ...] = ()) -> Theme:
    """A built-in theme by name, or a theme file; ``overrides`` are ``key.path=value`` strings.

    Each file is checked on its own (unknown keys, roles the base theme does
    not define), then merged over the theme it extends; every problem names
    the file, line and column (or the ``--set`` option) the value came from.
    """
    themes = builtin_themes()
    path = themes.get(str(name_or_path)) or Path(name_or_path)
    if not is_theme_file(path) or not path.is_file():
        raise UserError(Problem(str(name_or_path), 0, 0, f"no such theme; built-in themes are {', '.join(themes)}, "
                                                        "or name a theme file ending in .yaml"))
    data, origins = _resolve(path, ())
    for item in overrides:
        data = _apply_override(data, origins, item)
    try:
        spec = msgspec.convert(data, ThemeSpec, strict=True)
    except msgspec.ValidationError as exc:
        keys, message = explain(exc, ThemeSpec)
        raise UserError(_problem(origins, tuple(map(str, keys)), message)) from None
    problems = _check_geometry(data["geometry"], origins)
    try:
        paint = _paint(spec, origins)
    except UserError as exc:
        problems += exc.problems
    if problems:
        raise UserError(problems)
    return Theme(spec.name, spec.description, spec.geometry, paint)


def _read(path: Path) -> Document:
    raw = read_capped(path, MAX_BYTES, what="theme")
    try:
        return parse(decode(raw, str(path)), str(path))
    except UserError as exc:  # the parser words its shape errors for journey maps
        p = exc.problems[0]
        if len(exc.problems) == 1 and p.message.startswith(("the top level must be", "the file is empty")):
            raise UserError(Problem(p.file, p.line, p.col, _SHAPE)) from None
        raise


def _is_default(path: Path) -> bool:
    return path.resolve() == (data_dir("themes") / "default.yaml").resolve()


def _resolve(path: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], Origins]:
    """The theme at ``path`` merged over its bases, and the source of every key."""
    doc = _read(path)
    if not isinstance(doc.data, dict):
        raise UserError(doc.problem((), _SHAPE))
    if not set(doc.data) & set(ThemeSpec.__struct_fields__):  # say so without listing another file's keys
        raise UserError(doc.problem((), f"not a theme: it has none of the keys {', '.join(ThemeSpec.__struct_fields__)}"))
    if _is_default(path):  # the package's own file: load_theme's strict convert still checks it
        return doc.data, _origins_of(doc, doc.data, ())
    data = dict(doc.data)
    parent = data.pop("extends", "default")
    if not isinstance(parent, str):
        raise UserError(doc.problem(("extends",), "extends must name a theme"))
    ppath = builtin_themes().get(parent) or (path.parent / parent)
    if parent not in builtin_themes() and is_theme_file(parent) and not _inside(ppath, path.parent):
        raise UserError(doc.problem(("extends",), f"cannot extend '{parent}': a theme file must be in the folder "
                                                  "of the theme that extends it"))
    if not is_theme_file(ppath) or not ppath.is_file():
        raise UserError(doc.problem(("extends",), f"cannot extend '{parent}': no such theme; built-in themes are "
                                                  f"{', '.join(builtin_themes())}, or give a .yaml file"))
    if ppath.resolve() in seen or ppath.resolve() == path.resolve():
        raise UserError(doc.problem(("extends",), f"cannot extend '{parent}': themes extend each other in a loop"))
    base, origins = _resolve(ppath, (*seen, path.resolve()))
    problems = unknown_keys(doc, data, _theme_info(), (), _in_theme)
    problems += _unknown_roles(doc, data, base)
    if problems:
        raise UserError(problems)
    merged = _merge(base, data)
    # Name and description describe one file; they are not inherited.
    merged["name"] = data.get("name", path.stem)
    merged["description"] = data.get("description", "")
    return merged, {**origins, **_origins_of(doc, data, ())}


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is inside ``folder`` once symlinks are resolved."""
    return path.resolve().is_relative_to(folder.resolve())


def _origins_of(src: Source, value: Any, key: Key) -> Origins:
    out: Origins = {key: src}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(_origins_of(src, v, (*key, str(k))))
    return out


def _problem(origins: Origins, key: Key, message: str) -> Problem:
    """Locate ``key`` in the file (or ``--set`` option) that last set it or its nearest parent."""
    for n in range(len(key), -1, -1):
        src = origins.get(key[:n])
        if isinstance(src, Document):
            return src.problem(key, message)
        if isinstance(src, str):
            return Problem(src, 0, 0, message)
    return Problem("theme", 0, 0, message)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@functools.lru_cache(maxsize=1)
def _theme_info() -> Any:
    """msgspec's description of the theme model (~10 ms): once per process, not once per theme."""
    return msgspec.inspect.type_info(ThemeSpec)


def _in_theme(_info: Any, key: tuple[str | int, ...]) -> str:
    return ".".join(map(str, key)) or "the theme"


def _unknown_roles(doc: Document, data: dict[str, Any], base: dict[str, Any]) -> list[Problem]:
    """A theme recolours the base's roles; a new role would be read by nothing."""
    roles = (data.get("paint") or {}).get("roles") if isinstance(data.get("paint"), dict) else None
    if not isinstance(roles, dict):
        return []
    known = base["paint"]["roles"]
    return [doc.problem(("paint", "roles", str(r)), f"unknown role '{r}'{_hint(str(r), known)}", key=True)
            for r in roles if r not in known]


def _apply_override(data: dict[str, Any], origins: Origins, item: str) -> dict[str, Any]:
    """Apply one ``--set key.path=value`` and record it in ``origins`` so later checks can name it.

    Only keys the theme already has can be set; numbers stay numbers, the rest are strings.
    """
    key, eq, raw = item.partition("=")
    where = f"--set {item}"
    if not eq or not key:
        raise UserError(Problem(where, 0, 0, "expected key.path=value, e.g. geometry.size.body=13"))
    parts = key.split(".")
    if parts[:2] == ["paint", "roles"] and len(parts) > 2:  # role names contain dots
        parts = ["paint", "roles", ".".join(parts[2:])]
    node: Any = data
    for p in parts:
        if not isinstance(node, dict) or p not in node:
            leaves = [".".join(k) for k in _origins_of(where, data, ()) if k]
            hint = _hint(key, leaves) or "; keys look like geometry.size.body or paint.roles.card.fill"
            raise UserError(Problem(where, 0, 0, f"unknown theme key '{key}'{hint}"))
        node = node[p]
    if isinstance(node, dict):
        raise UserError(Problem(where, 0, 0, f"'{key}' is a group of keys; set one of {', '.join(node)}"))
    value: Any = raw
    if isinstance(node, (int, float)) and not isinstance(node, bool):
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
    origins[tuple(parts)] = where
    return out


def _check_geometry(geometry: dict[str, Any], origins: Origins) -> list[Problem]:
    """Numbers that layout can use (finite, not negative) and a font list that is only a font list."""
    out: list[Problem] = []

    def walk(value: Any, key: Key) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*key, k))
        elif isinstance(value, (int, float)):
            low = _MIN_POSITIVE if key[1] in _POSITIVE else 0
            if not (math.isfinite(value) and low <= value <= MAX_GEOMETRY):
                out.append(_problem(origins, key, f"'{'.'.join(key)}' must be a number from {low:g} to "
                                                  f"{MAX_GEOMETRY:,}, got {value:g}"))

    walk(geometry, ("geometry",))
    for name in ("font_family", "fallback_font_family"):
        if not _FONT_FAMILY.fullmatch(geometry[name]):
            out.append(_problem(origins, ("geometry", name),
                                f"{name} must be a CSS font list (letters, digits, spaces, quotes, commas, hyphens)"))
    return out


def _paint(spec: ThemeSpec, origins: Origins) -> Paint:
    problems: list[Problem] = []
    palette = spec.paint.palette
    for k, v in palette.items():
        if not _HEX.fullmatch(v):
            problems.append(_problem(origins, ("paint", "palette", k), f"palette colour '{v}' must be #rrggbb"))
    colors: dict[str, str] = {}
    for role, v in spec.paint.roles.items():
        c = palette.get(v, v)
        if not _HEX.fullmatch(c) and v not in palette:  # a bad palette colour is reported once, above
            hint = _hint(v, palette) if not v.startswith("#") else ""
            problems.append(_problem(origins, ("paint", "roles", role),
                                     f"role '{role}': '{v}' is neither a palette name nor #rrggbb{hint}"))
        colors[role] = c.lower()
    if problems:
        raise UserError(problems)
    return Paint(colors)
