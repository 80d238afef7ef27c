"""The one place that finds packaged data (themes, templates, fonts).

In a wheel, ``templates/`` and ``themes/`` are installed as
``cjmrender/_data/``; in a source checkout they sit beside the package.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """Folder of packaged data ``name`` (``themes`` or ``templates``)."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cjmrender is installed without its {name!r} data folder")


def is_theme_file(name: str | Path) -> bool:
    """Whether a theme reference names a YAML file rather than a built-in theme."""
    return str(name).lower().endswith((".yaml", ".yml"))


def builtin_themes() -> dict[str, Path]:
    """Built-in theme name -> file, sorted by name."""
    return {p.stem: p for p in sorted(data_dir("themes").glob("*.yaml"))}


ARIMO_FILES = {False: "Arimo-Regular.ttf", True: "Arimo-Bold.ttf"}
"""The bundled default font's files, regular and bold (keyed by ``bold``)."""

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/croscore")
"""Debian's ``fonts-croscore``: where Arimo is found when the package's own copy is missing."""


def font_path(file: str) -> Path:
    """A file of the package's bundled fonts (``Arimo-Regular.ttf``, the metrics file, ...)."""
    return _PKG / "fonts" / file


def arimo(bold: bool) -> Path | None:
    """Arimo's regular or bold file: the package's copy, else the system's, else None."""
    for path in (font_path(ARIMO_FILES[bold]), SYSTEM_FONT_DIR / ARIMO_FILES[bold]):
        if path.is_file():
            return path
    return None
