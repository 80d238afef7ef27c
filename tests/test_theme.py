"""Themes: built-ins load, every key is read, recolouring moves nothing, mistakes are located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from click.testing import CliRunner

from cjmrender.cli import cli
from cjmrender.errors import UserError
from cjmrender.layout.engine import Options, layout
from cjmrender.layout.model import to_dict
from cjmrender.layout.sparkline import layout_sparkline
from cjmrender.pipeline import RenderOptions, diagram_for
from cjmrender.render.svg import render_svg
from cjmrender.spec.loader import load_spec, load_text
from cjmrender.text.measure import default_measurer
from cjmrender.theme import Paint, Theme, builtin_themes, load_theme

from tests.conftest import EXAMPLES, ROOT

GOLDEN_SPECS = sorted((ROOT / "tests" / "golden").glob("*/journey.yaml"))
ALL_SPECS = [*EXAMPLES, *GOLDEN_SPECS]
DEFAULT_YAML = ROOT / "themes" / "default.yaml"
BUILTINS = ("brand-example", "dark", "default", "high-contrast", "print-mono")
PALETTE_ONLY = ("dark", "high-contrast", "print-mono")
"""Themes that only recolour: their layout must equal the default's, box for box."""


def _errors(exc: pytest.ExceptionInfo[UserError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def _theme_file(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- built-ins


def test_builtin_themes_are_the_expected_files() -> None:
    assert tuple(builtin_themes()) == BUILTINS


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_theme_loads_with_a_description(name: str) -> None:
    theme = load_theme(name)
    assert theme.name == name
    assert theme.description and "\n" not in theme.description and len(theme.description) <= 90
    assert theme.paint.colors.keys() == load_theme("default").paint.colors.keys()


@pytest.mark.parametrize("name", [n for n in BUILTINS if n != "default"])
def test_builtin_theme_only_overrides(name: str) -> None:
    """A theme file repeats nothing the default already says."""
    base = yaml.safe_load(DEFAULT_YAML.read_text(encoding="utf-8"))
    over = yaml.safe_load((ROOT / "themes" / f"{name}.yaml").read_text(encoding="utf-8"))

    def same(a: dict[str, Any], b: dict[str, Any], path: str) -> list[str]:
        out = []
        for k, v in b.items():
            if isinstance(v, dict) and isinstance(a.get(k), dict):
                out += same(a[k], v, f"{path}{k}.")
            elif k not in ("name", "description") and a.get(k) == v:
                out.append(path + k)
        return out

    assert same(base, over, "") == []


def test_themes_command_lists_descriptions() -> None:
    result = CliRunner().invoke(cli, ["themes"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [ln.split()[0] for ln in lines] == list(BUILTINS)
    for name, line in zip(BUILTINS, lines):
        assert load_theme(name).description in line


# --------------------------------------------------------------------------- every key is read


class _Reads:
    """Stands in for a geometry Struct and records the fields layout reads."""

    def __init__(self, obj: msgspec.Struct, path: str, seen: set[str]) -> None:
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._obj, name)
        key = self._path + name
        self._seen.add(key)
        return _Reads(value, key + ".", self._seen) if isinstance(value, msgspec.Struct) else value


class _Recorder(dict[str, str]):
    """Role -> colour that records the roles the renderer resolved."""

    def __init__(self, colors: dict[str, str], seen: set[str]) -> None:
        super().__init__(colors)
        self.seen = seen

    def __getitem__(self, role: str) -> str:
        self.seen.add(role)
        return super().__getitem__(role)


def _leaves(value: Any, path: str = "") -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_leaves(v, f"{path}{k}.") for k, v in value.items()))
    return {path.rstrip(".")}


@pytest.fixture(scope="module")
def default_yaml() -> dict[str, Any]:
    return yaml.safe_load(DEFAULT_YAML.read_text(encoding="utf-8"))


STAGE_DESCRIPTION = """\
title: Stage descriptions
stages:
  - name: Find
    description: Looks for a salon nearby
    actions: [Searches]
"""
"""No example describes a stage without steps, the one place ``size.stage_description`` is used."""


def _images(journey: Any) -> dict:
    from cjmrender.pipeline import _images as load_images

    return load_images(journey)


def test_every_geometry_key_is_read_by_layout(default_yaml: dict[str, Any]) -> None:
    theme = load_theme("default")
    seen: set[str] = set()
    journeys = [*(load_spec(spec) for spec in ALL_SPECS), load_text(STAGE_DESCRIPTION, "described.yaml")]
    for journey in journeys:
        opts = Options(images=_images(journey))  # pictures, as the pipeline loads them (storyboard_height)
        layout(journey, _Reads(theme.geometry, "", seen), default_measurer(), opts)  # type: ignore[arg-type]
        layout_sparkline(journey, _Reads(theme.geometry, "", seen), default_measurer(), 0)  # type: ignore[arg-type]
    assert _leaves(default_yaml["geometry"]) - seen == set()


def test_every_paint_role_is_used_by_the_renderer(default_yaml: dict[str, Any]) -> None:
    theme = load_theme("default")
    seen: set[str] = set()
    recording = Theme(theme.name, theme.description, theme.geometry, Paint(_Recorder(theme.paint.colors, seen)))
    for spec in ALL_SPECS:
        diagram, _ = diagram_for(load_spec(spec))
        render_svg(diagram, recording)
    assert set(default_yaml["paint"]["roles"]) - seen == set()


def test_every_palette_colour_is_used_by_a_role(default_yaml: dict[str, Any]) -> None:
    used = set(default_yaml["paint"]["roles"].values())
    assert set(default_yaml["paint"]["palette"]) - used == set()


# --------------------------------------------------------------------------- recolouring moves nothing


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_recolouring_moves_no_box(spec: Path) -> None:
    journey = load_spec(spec)
    base = to_dict(diagram_for(journey, RenderOptions(theme="default"))[0])
    for name in PALETTE_ONLY:
        assert to_dict(diagram_for(journey, RenderOptions(theme=name))[0]) == base, name
    recoloured = RenderOptions(theme="default", overrides=("paint.roles.card.fill=#ff0000",))
    assert to_dict(diagram_for(journey, recoloured)[0]) == base


def test_palette_only_themes_keep_the_default_geometry() -> None:
    base = load_theme("default").geometry
    for name in PALETTE_ONLY:
        assert load_theme(name).geometry == base, name


# --------------------------------------------------------------------------- overrides


def test_set_paint_role_and_geometry() -> None:
    theme = load_theme("dark", ["paint.roles.card.fill=#FF0000", "geometry.size.body=13"])
    assert theme.paint("card.fill") == "#ff0000"
    assert theme.paint.part("card.touchpoints", "fill") == "#ff0000"  # cards without their own fill follow
    assert theme.geometry.size.body == 13


def test_set_palette_colour_recolours_its_roles() -> None:
    theme = load_theme("default", ["paint.palette.accent=#123456"])
    assert theme.paint("icon") == theme.paint("emotion.curve") == "#123456"


@pytest.mark.parametrize(("item", "message"), [
    ("nope=1", "--set nope=1: unknown theme key 'nope'"),
    ("geometry.size.body=big", "'geometry.size.body' takes a number, got 'big'"),
    ("geometry.size.bdy=13", "did you mean 'geometry.size.body'?"),
    ("geometry.size.body=0", "'geometry.size.body' must be a number from 0.1 to 10,000"),
    ("geometry.space.margin=-1", "'geometry.space.margin' must be a number from 0 to 10,000"),
    ("geometry.size.body=nan", "must be a number from 0.1 to 10,000, got nan"),
    ("geometry.size=13", "'geometry.size' is a group of keys"),
    ("paint.roles.card.fill=red", "role 'card.fill': 'red' is neither a palette name nor #rrggbb"),
    ("paint.roles.card.fil=#ff0000", "did you mean 'paint.roles.card.fill'?"),
    ("paint.palette.ink=#12345", "--set paint.palette.ink=#12345: palette colour '#12345' must be #rrggbb"),
    ("geometry.font_family=x;}", "font_family must be a CSS font list"),
    ("geometry.size.body", "expected key.path=value"),
])
def test_bad_set_is_a_clear_error(item: str, message: str) -> None:
    with pytest.raises(UserError) as exc:
        load_theme("default", [item])
    assert any(message in e for e in _errors(exc)), _errors(exc)


def test_set_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    ok = CliRunner().invoke(cli, ["render", str(EXAMPLES[0]), "--theme", "dark", "-o", str(out),
                                  "--set", "paint.roles.card.fill=#ff0000", "--set", "geometry.size.body=13"])
    assert ok.exit_code == 0, ok.output
    assert 'fill="#ff0000"' in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["render", str(EXAMPLES[0]), "-o", str(out), "--set", "geometry.size.body=big"])
    assert bad.exit_code != 0


# --------------------------------------------------------------------------- theme files


def test_user_theme_extends_builtin_and_names_itself(tmp_path: Path) -> None:
    path = _theme_file(tmp_path, "extends: dark\npaint:\n  roles:\n    title: '#ffcc00'\n", "slides.yaml")
    theme = load_theme(str(path))
    assert theme.name == "slides" and theme.description == ""
    assert theme.paint("title") == "#ffcc00"
    assert theme.paint("canvas") == load_theme("dark").paint("canvas")


def test_user_theme_extends_a_file_next_to_it(tmp_path: Path) -> None:
    _theme_file(tmp_path, "paint:\n  palette:\n    ink: '#111111'\n", "base.yaml")
    path = _theme_file(tmp_path, "extends: base.yaml\npaint:\n  palette:\n    paper: '#fafafa'\n")
    theme = load_theme(path)
    assert (theme.paint("title"), theme.paint("canvas")) == ("#111111", "#fafafa")


def test_unknown_keys_are_located_with_hints(tmp_path: Path) -> None:
    path = _theme_file(tmp_path, "name: mine\ngeometry:\n  size:\n    bdy: 13\n  spacing: {}\npaint:\n  rolez: {}\n")
    with pytest.raises(UserError) as exc:
        load_theme(path)
    assert _errors(exc) == [
        f"{path}:4:5: unknown key 'bdy' in geometry.size; did you mean 'body'?",
        f"{path}:5:3: unknown key 'spacing' in geometry; did you mean 'space'?",
        f"{path}:7:3: unknown key 'rolez' in paint; did you mean 'roles'?",
    ]


def test_unknown_role_is_refused(tmp_path: Path) -> None:
    path = _theme_file(tmp_path, "paint:\n  roles:\n    card.fil: '#ffffff'\n    sparkle: '#ffffff'\n")
    with pytest.raises(UserError) as exc:
        load_theme(path)
    assert _errors(exc) == [f"{path}:3:5: unknown role 'card.fil'; did you mean 'card.fill'?",
                            f"{path}:4:5: unknown role 'sparkle'"]


def test_bad_colours_are_located_in_the_file_that_set_them(tmp_path: Path) -> None:
    _theme_file(tmp_path, "paint:\n  palette:\n    ink: blue\n", "base.yaml")
    path = _theme_file(tmp_path, "extends: base.yaml\npaint:\n  roles:\n    title: inc\n")
    with pytest.raises(UserError) as exc:
        load_theme(path)
    assert _errors(exc) == [
        f"{tmp_path / 'base.yaml'}:3:10: palette colour 'blue' must be #rrggbb",
        f"{path}:4:12: role 'title': 'inc' is neither a palette name nor #rrggbb; did you mean 'ink'?",
    ]


def test_wrong_type_is_located(tmp_path: Path) -> None:
    path = _theme_file(tmp_path, "geometry:\n  size:\n    body: big\n")
    with pytest.raises(UserError) as exc:
        load_theme(path)
    (err,) = _errors(exc)
    assert err.startswith(f"{path}:3:11: ") and err.endswith("(at geometry.size.body)") and "str" in err


@pytest.mark.parametrize(("text", "message"), [
    ("extends: nowhere\n", "cannot extend 'nowhere': no such theme"),
    ("extends: mine.yaml\n", "themes extend each other in a loop"),
    ("extends: [dark]\n", "extends must name a theme"),
    ("- just\n- a list\n", "a theme must be a mapping of keys"),
])
def test_bad_extends_and_shape(tmp_path: Path, text: str, message: str) -> None:
    path = _theme_file(tmp_path, text)
    with pytest.raises(UserError) as exc:
        load_theme(path)
    assert message in _errors(exc)[0], _errors(exc)
    assert _errors(exc)[0].startswith(f"{path}:1:")


def test_missing_theme_names_the_builtins() -> None:
    with pytest.raises(UserError) as exc:
        load_theme("neon")
    assert "built-in themes are brand-example, dark, default" in _errors(exc)[0]


def test_paint_part_prefers_exact_roles() -> None:
    """``card.pains.accent`` is a role of its own, not ``card.pains`` + ``fill`` with a part dropped."""
    paint = Paint({"card.fill": "#ffffff", "card.pains.fill": "#fdeced", "card.pains.accent": "#c62f3c",
                   "lane.band": "#f6f8fb"})
    assert paint.part("card.pains.accent", "fill") == "#c62f3c"
    assert paint.part("card.pains", "fill") == "#fdeced"
    assert paint.part("card.touchpoints", "fill") == "#ffffff"
    assert paint.part("lane.band", "fill") == "#f6f8fb"
    with pytest.raises(KeyError):
        paint.part("nothing", "fill")
