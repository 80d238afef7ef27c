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


def font_path(file: str) -> Path:
    return _PKG / "fonts" / file
