"""Spreadsheets in and out: the journey-map grid as CSV and XLSX."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import msgspec
import pytest
import yaml

from cjmrender.interop import export, load_any
from cjmrender.spec.loader import load_spec
from tests.conftest import EXAMPLES, ROOT

openpyxl = pytest.importorskip("openpyxl")


def same_map(a, b) -> bool:
    strip = dict(source_name="", base_dir=None)
    return msgspec.structs.replace(a, **strip) == msgspec.structs.replace(b, **strip)


MAPS = [*EXAMPLES, ROOT / "examples" / "mermaid-journey.mmd", ROOT / "examples" / "spreadsheet-journey.csv"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_map_to_spreadsheet_and_back_is_lossless(path, fmt, tmp_path):
    original = load_any(path)
    sheet = tmp_path / f"map.{fmt}"
    sheet.write_bytes(export(original, fmt))
    assert same_map(load_any(sheet), original)


def test_import_writes_yaml_that_loads_to_the_same_map(tmp_path, cli):
    src = ROOT / "examples" / "spreadsheet-journey.csv"
    out = tmp_path / "map.yaml"
    code, _, err = cli("import", str(src), "-o", str(out))
    assert code == 0, err
    assert same_map(load_spec(out), load_any(src))


VI = """Tiêu đề,Mua bàn ghế văn phòng
Chân dung,Anh Tuấn,Chị Mai
Tuổi,35,29
Mục tiêu,"Ghế tốt cho lưng
Giao nhanh",Giá hợp lý
,,,
Pha,Trước mua,,Mua
Giai đoạn,Nhận biết,Cân nhắc,Mua hàng
Điểm chạm,facebook: Quảng cáo video,website: Trang sản phẩm,Cửa hàng
Cảm xúc,4: Tò mò,2,3.5: Yên tâm
Điểm đau,,Giá không rõ ràng,
Hệ thống [systems],CRM,,POS
"""


def test_vietnamese_lane_names_persona_block_and_phase_row(tmp_path):
    path = tmp_path / "vi.csv"
    path.write_text(VI, encoding="utf-8")
    j = load_any(path)
    assert j.locale == "vi" and j.title == "Mua bàn ghế văn phòng"
    assert [(ln.id, ln.kind) for ln in j.lanes] == [
        ("touchpoints", "touchpoints"), ("emotion", "emotion"), ("pains", "pains"), ("systems", "text")]
    assert [p.name for p in j.personas] == ["Anh Tuấn", "Chị Mai"]
    assert j.personas[0].goals == ("Ghế tốt cho lưng", "Giao nhanh") and dict(j.personas[1].facts)["age"] == "29"
    assert [(p.name, p.count) for p in j.phases] == [("Trước mua", 2), ("Mua", 1)]
    assert [c.content.emotion.score for c in j.columns] == [4, 2, 3.5]
    assert [c.content.emotion.label for c in j.columns] == ["Tò mò", None, "Yên tâm"]
    tps = j.columns[0].content.touchpoints + j.columns[2].content.touchpoints
    assert [(t.channel, t.label) for t in tps] == [("social", "Quảng cáo video"), ("store", "Cửa hàng")]


@pytest.mark.parametrize("text, where, words", [
    ("Stage,A,B\nEmotions,4,lots\n", "2:3", "number"),
    ("Emotions,4\nStage,A\n", "1:1", "before"),
    ("Stage,A,,B\nActions,x,y,z\n", "1:2", "spans"),
    ("Stage,,A\nActions,x,y\n", "1:2", "no stage"),
    ("Stage,A\nActions,x\nActions,y\n", "3:1", "twice"),
    ("Title,T\nStage,A\n\"Metrics\",no value here\n", "3:2", "Name: value"),
    ('Stage,A\nActions,"one\ntwo"\nEmotions,x\n', "4:2", "number"),
])
def test_csv_problems_are_located_by_line_and_column(text, where, words, tmp_path, cli):
    path = tmp_path / "map.csv"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert code == 1 and out == "" and "Traceback" not in err
    assert err.startswith(f"{path}:{where}: ") and words in err.splitlines()[0], err


def _xlsx(rows: list[list[object]], path: Path, title: str = "Sheet1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_xlsx_problems_are_located_by_sheet_and_cell(tmp_path, cli):
    path = _xlsx([["Stage", "A", "B", "C"], ["Actions", "x", "y", "z"], ["Emotions", 4, 3, "meh"]],
                 tmp_path / "map.xlsx", "Hành trình")
    code, out, err = cli("import", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"{path}:Hành trình!D3: "), err


def test_xlsx_numbers_dates_and_formulas_are_data_never_evaluated(tmp_path):
    path = _xlsx([["Stage", "A", "B"], ["Actions", "=1+1", "=HYPERLINK(\"http://x\")"], ["Emotions", 4, 2.5]],
                 tmp_path / "map.xlsx")
    j = load_any(path)
    assert [c.content.emotion.score for c in j.columns] == [4, 2.5]
    assert all(not c.content.actions for c in j.columns)  # a formula without a saved value reads as empty


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("Stage,A\nActions,=cmd|' /C calc'!A0\n", encoding="utf-8")
    j = load_any(path)
    assert j.columns[0].content.actions[0].text == "=cmd|' /C calc'!A0"
    wb = openpyxl.load_workbook(io.BytesIO(export(j, "xlsx")))
    cell = wb.active["B" + str(next(r for r in range(1, 20) if wb.active[f"A{r}"].value == "Actions"))]
    assert cell.data_type == "s" and cell.value.startswith("=")
    assert b"'=cmd" in export(j, "csv")
    back = tmp_path / "back.csv"
    back.write_bytes(export(j, "csv"))
    assert load_any(back).columns[0].content.actions[0].text == "=cmd|' /C calc'!A0"


def test_zip_bomb_is_refused_before_any_xml_is_parsed(tmp_path, cli):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    t0 = time.perf_counter()
    code, _, err = cli("import", str(path))
    assert code == 1 and err.startswith(f"{path}: ") and "expands to" in err
    assert time.perf_counter() - t0 < 5


def test_damaged_workbook_and_oversized_csv_are_user_errors(tmp_path, cli):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = cli("import", str(bad))
    assert code == 1 and err.startswith(f"{bad}: ") and "Traceback" not in err
    big = tmp_path / "big.csv"
    big.write_bytes(b"Stage,A\n" + b"Actions," + b"x" * (5 * 1024 * 1024) + b"\n")
    code, _, err = cli("import", str(big))
    assert code == 1 and err.startswith(f"{big}: ") and "limit" in err


def test_render_reads_spreadsheets_and_writes_them(tmp_path, cli):
    src = ROOT / "examples" / "spreadsheet-journey.csv"
    code, _, err = cli("render", str(src), "-o", str(tmp_path / "a.svg"))
    assert code == 0, err
    code, _, err = cli("render", str(ROOT / "examples" / "minimal.yaml"), "-f", "csv,xlsx",
                       "-o", str(tmp_path) + "/")
    assert code == 0, err
    assert (tmp_path / "minimal.csv").read_bytes().startswith(b"\xef\xbb\xbfTitle,")
    assert zipfile.is_zipfile(tmp_path / "minimal.xlsx")
    data = yaml.safe_load(cli("import", str(tmp_path / "minimal.xlsx"))[1])
    assert [s["name"] for s in data["stages"]] == ["Find a salon", "Book", "Visit"]
