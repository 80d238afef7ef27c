"""Shared test helpers: paths, external tools and optional modules, and the golden-file flag."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SVGCHECK = ROOT.parent / "shared" / "tools" / "svgcheck"
REQUIRE_TOOLS = os.environ.get("CJMRENDER_REQUIRE_TOOLS") == "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def syntax_error_at(text: str, name: str, source: str) -> tuple[int, int]:
    """Line and column of the first ``name:LINE:COL: message`` in ``text``, checked to lie inside ``source``.

    For YAML syntax errors, whose exact position and wording come from libyaml and change between
    releases: what we promise is a location inside the file, in our format, and a message.
    """
    import re

    match = re.search(re.escape(str(name)) + r":(\d+):(\d+): \S", text)
    assert match, f"no located message for {name} in: {text}"
    line, col = int(match.group(1)), int(match.group(2))
    lines = source.split("\n")
    assert 1 <= line <= len(lines) + 1 and col >= 1, (line, col, source)
    return line, col


def need_module(name: str):
    """Import an optional test dependency: skip without it, except under CI where it is mandatory.

    Used at module level in place of ``pytest.importorskip``, which would silently skip a whole
    file even when ``CJMRENDER_REQUIRE_TOOLS=1`` says every check must run.
    """
    if not REQUIRE_TOOLS:
        return pytest.importorskip(name)
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        pytest.fail(f"{name} is required (CJMRENDER_REQUIRE_TOOLS=1) but cannot be imported: {exc}")


def need_tool(name: str) -> None:
    """Skip when an external tool is missing, except under CI where tools are mandatory."""
    have = (SVGCHECK.is_file() and shutil.which("chromium") is not None) if name == "svgcheck" else shutil.which(name)
    if not have:
        if REQUIRE_TOOLS:
            pytest.fail(f"{name} is required (CJMRENDER_REQUIRE_TOOLS=1) but not available")
        pytest.skip(f"{name} not available")
