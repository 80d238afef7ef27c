"""Office outputs are byte-identical for the same map, whenever they are written."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from cjmrender.pipeline import RenderOptions, render_outputs
from cjmrender.spec.loader import load_spec, load_text
from tests.conftest import EXAMPLES, need_module

MINIMAL = next(p for p in EXAMPLES if p.stem == "minimal")


def written(fmt: str, journey, now: float, monkeypatch) -> bytes:
    """``fmt`` bytes as written with the clock at ``now`` (every writer reads the time through ``time``)."""
    monkeypatch.setattr(time, "time", lambda: now)
    monkeypatch.setattr(time, "localtime", lambda t=None: time.gmtime(now if t is None else t))
    return render_outputs(journey, [fmt], RenderOptions())[0][0][1]


@pytest.mark.parametrize("fmt,module", [("pptx", "pptx"), ("xlsx", "openpyxl")])
def test_the_same_map_gives_the_same_bytes_a_day_later(fmt, module, monkeypatch):
    need_module(module)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    journey = load_spec(MINIMAL)
    first = written(fmt, journey, 1_800_000_000.0, monkeypatch)
    later = written(fmt, journey, 1_800_086_400.0 + 17, monkeypatch)
    assert first == later
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("1980-01-01T00:00:00Z") == 2, core


@pytest.mark.parametrize("fmt,module", [("pptx", "pptx"), ("xlsx", "openpyxl")])
def test_the_time_written_is_source_date_epoch_else_the_maps_date(fmt, module, monkeypatch):
    need_module(module)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    dated = load_text("title: Dated\ndate: 2026-03-14\nstages: [{name: A}, {name: B}]\n", "dated.yaml")
    with zipfile.ZipFile(io.BytesIO(render_outputs(dated, [fmt])[0][0][1])) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 3, 14, 0, 0, 0)}
        assert "2026-03-14T00:00:00Z" in z.read("docProps/core.xml").decode()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    with zipfile.ZipFile(io.BytesIO(render_outputs(dated, [fmt])[0][0][1])) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = z.read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" in core and "Steve" not in core


def test_a_deck_and_the_map_formats_come_from_one_command(tmp_path):
    need_module("pptx")
    from click.testing import CliRunner

    from cjmrender.cli import cli

    res = CliRunner().invoke(cli, ["render", str(MINIMAL), "-f", "svg,pptx", "-o", f"{tmp_path}/"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "minimal.svg").read_text().startswith("<?xml")
    assert zipfile.is_zipfile(tmp_path / "minimal.pptx")
