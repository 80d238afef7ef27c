"""Any text gives a map or located user errors, never a crash; big and hostile files stay bounded."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from cjmrender.errors import UserError
from cjmrender.interop import load_imported
from cjmrender.interop.mermaid import import_mermaid, to_mermaid

PIECES = ["journey", "title ", "section ", "accTitle: ", "accDescr {", "accDescr: ", "}", "%%", "%%{init: {}}%%",
          "---", "\n", "\r\n", " ", "\t", ":", ";", "#", ",", "#58;", "#quot;", "Task", "Me", "5", "0", "-1", "3.5",
          "1e3", "x", "Journey", "é", "<br>", "\ufeff", "title: T", "{", "[", "\x00", "\u2028"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_gives_a_map_or_located_errors(pieces):
    text = "".join(pieces)
    try:
        yaml_text, data, _ = import_mermaid(text, "f.mmd")
    except UserError as exc:
        assert all(p.file == "f.mmd" and p.line >= 0 for p in exc.problems)
        return
    if not data["stages"]:
        return  # nothing to draw: reported when rendering, see test_mermaid_import
    journey = load_imported(yaml_text, data, "f.mmd", None)  # what the importer accepts, the loader accepts
    again = import_mermaid(to_mermaid(journey), "g.mmd")[1]
    assert again == data


def test_a_huge_file_is_bounded(tmp_path):
    lines = ["journey", "section S"] + [f"  Task {i}: 3: A" for i in range(1200)]
    t0 = time.perf_counter()
    try:
        import_mermaid("\n".join(lines), "big.mmd")
        raise AssertionError("more tasks than a map holds must be refused")
    except UserError as exc:
        assert exc.problems[0].line == 1003 and "limit" in exc.problems[0].message
    assert time.perf_counter() - t0 < 2


def test_long_names_and_many_actors_are_refused_where_they_are():
    text = "journey\nsection S\n  T: 3: " + ", ".join(f"A{i}" for i in range(150)) + "\n"
    try:
        import_mermaid(text, "a.mmd")
        raise AssertionError("expected a problem")
    except UserError as exc:
        assert exc.problems[0].line == 3
    text = "journey\nsection S\n  " + "x" * 5000 + ": 3\n"
    try:
        import_mermaid(text, "b.mmd")
        raise AssertionError("expected a problem")
    except UserError as exc:
        assert (exc.problems[0].line, exc.problems[0].col) == (3, 3) and "limit" in exc.problems[0].message
