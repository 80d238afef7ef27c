"""Hostile and broken input: exit 1 with a located message, no traceback, nothing written, bounded cost.

Cases run in-process through the CLI entry point (fast); a few run as real
processes to prove the exit status and the absence of tracebacks end to end.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from cjmrender.cli import main


def cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["cjmrender", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def alias_bomb() -> str:
    lines = ["title: T", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append("stages: [{name: A}]")
    return "\n".join(lines) + "\n"


CASES: dict[str, tuple[bytes, str | tuple[str, ...]]] = {
    "empty": (b"", ":1:1: the file is empty"),
    "only-comments": (b"# nothing\n# here\n", ":1:1: the file is empty"),
    "top-level-list": (b"- title: T\n", ":1:1: the top level must be a mapping"),
    "top-level-scalar": (b"just text\n", ":1:1: the top level must be a mapping"),
    "wrong-type-title": (b"title: [1, 2]\nstages: [{name: A}]\n", (":1:8: ", "(at title)")),
    "wrong-type-stages": (b"title: T\nstages: yes\n", (":2:9: ", "(at stages)")),
    "wrong-type-deep": (b"title: T\nstages: [{name: A, metrics: [{name: x, value: [1]}]}]\n",
                        (":2:", "(at stages[0].metrics[0].value)")),
    "unknown-key": (b"title: T\nsatges: []\n", ":2:1: unknown key 'satges' in journey; did you mean 'stages'?"),
    "duplicate-key": (b"title: T\nstages: []\ntitle: U\n", ":3:1: duplicate key 'title'"),
    "duplicate-id": (b"title: T\nstages: [{id: x, name: A}, {id: x, name: B}]\n", "duplicate id 'x'"),
    "no-stages": (b"title: T\n", "needs 'stages'"),
    "alias-bomb": (alias_bomb().encode(), "alias bomb"),
    "deep-nesting": (b"title: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested deeper than 40 levels"),
    "invalid-utf8": (b"title: \xff\xfe\nstages: []\n", ":1:8: invalid UTF-8"),
    "nul-byte": (b"title: a\x00b\nstages: []\n", ":1:9: character U+0000 is not allowed"),
    "control-char": (b'title: "a\\x07b"\nstages: [{name: A}]\n', "control characters"),
    "nan-score": (b"title: T\nstages: [{name: A, emotion: .nan}]\n", "must be finite"),
    "inf-score": (b"title: T\nstages: [{name: A, emotion: .inf}]\n", "must be finite"),
    "huge-score": (b"title: T\nstages: [{name: A, emotion: 1e400}]\n", (":2:", "stages[0].emotion")),
    "score-outside": (b"title: T\nstages: [{name: A, emotion: 6}]\n", "outside the scale 1..5"),
    "huge-int": (b"title: T\nstages: [{name: A, emotion: 99999999999999999999999999}]\n", "outside the scale"),
    "10k-stages": (("title: T\nstages:\n" + "  - {name: s}\n" * 10_000).encode(), "10,000 columns; the limit is 1000"),
    "100k-label": (b"title: " + b"x" * 100_000 + b"\nstages: [{name: A}]\n", "the limit is 2,000"),
    "10mb-file": (b"title: T\n" + b"# pad\n" * (10 * 1024 * 1024 // 6), "the limit is 4,194,304 bytes"),
    "image-outside": (b"title: T\nstages: [{name: A, image: ../../etc/passwd}]\n", "outside the map's folder"),
    "image-url": (b"title: T\nstages: [{name: A, image: 'http://example.com/x.png'}]\n", "is a URL"),
    "image-absolute": (b"title: T\nstages: [{name: A, image: /etc/passwd}]\n", "absolute path"),
    "photo-url": (b"title: T\npersona: {name: P, photo: 'file:///etc/passwd'}\nstages: [{name: A}]\n", "is a URL"),
    "merge-key": (b"base: &b {name: A}\ntitle: T\nstages: [{<<: *b}]\n", "merge keys"),
    "bad-lane": (b"title: T\nlanes: [emotoins]\nstages: [{name: A}]\n", "unknown lane 'emotoins'"),
    "bad-channel": (b"title: T\nstages: [{name: A, touchpoints: [{channel: fax2000, label: x}]}]\n", "unknown channel"),
    "bad-scale": (b"title: T\nemotion_scale: {min: 5, max: 1}\nstages: [{name: A}]\n", "must be below max"),
    "bad-locale": (b"title: T\nlocale: fr\nstages: [{name: A}]\n", "invalid value 'fr'; expected one of en, vi"),
    "python-tag": (b"title: !!python/object/apply:os.system ['echo hi']\nstages: []\n", "is not supported"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name, tmp_path, monkeypatch, capsys):
    data, expected = CASES[name]
    spec = tmp_path / "map.yaml"
    spec.write_bytes(data)
    t0 = time.process_time()  # CPU time: what the input costs, not how busy the machine is
    code, out, err = cli(monkeypatch, capsys, "render", str(spec), "-f", "svg")
    elapsed = time.process_time() - t0
    assert code == 1, (out, err)
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(str(spec)), err
    for part in (expected,) if isinstance(expected, str) else expected:
        assert part in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"], "nothing may be written"
    assert elapsed < 5, f"took {elapsed:.1f} s of CPU"


@pytest.mark.parametrize("label", [
    "<script>alert(1)</script>", "</text><text>x", "]]>", "&entity; &amp;", "{{ 7*7 }}", "url(http://x)",
    "\u202eRTL override\u202c", "e\u0301" * 300, "👩🏽‍💻 emoji", "ﷺ Arabic", "tab\tinside",
])
def test_odd_labels_render(label, tmp_path, monkeypatch, capsys):
    import json
    import xml.etree.ElementTree as ET

    spec = tmp_path / "map.yaml"
    doc = {"title": label, "stages": [{"name": label, "actions": [label], "emotion": 3}]}
    spec.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli(monkeypatch, capsys, "render", str(spec))
    assert code == 0, err
    root = ET.parse(tmp_path / "map.svg").getroot()
    texts = "".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    import unicodedata

    texts = unicodedata.normalize("NFC", texts)
    core = unicodedata.normalize("NFC", label.replace("\t", " "))[:20]
    assert any(part in texts for part in core.split()), texts[:200]


def test_memory_stays_bounded_for_the_alias_bomb(tmp_path):
    import subprocess

    spec = tmp_path / "bomb.yaml"
    spec.write_text(alias_bomb())
    # The child reports the peak of its own address space (VmHWM). ru_maxrss would not do: Linux carries
    # it across fork and exec, so it starts at the size of this test process.
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("needs /proc")
    code = ("import re\n"
            "from cjmrender.cli import main\n"
            "try:\n    main()\n"
            "finally:\n"
            "    print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n")
    res = subprocess.run([sys.executable, "-c", code, "render", str(spec)], capture_output=True, timeout=60)
    assert res.returncode == 1 and b"alias bomb" in res.stderr and b"Traceback" not in res.stderr
    peak_mb = int(res.stdout.split()[-1]) / 1024
    assert peak_mb < 150


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    from cjmrender import pipeline

    target = tmp_path / "map.svg"
    target.write_text("old")

    def boom(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        pipeline.write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_broken_spec_in_batch_does_not_touch_existing_output(tmp_path, monkeypatch, capsys):
    spec = tmp_path / "map.yaml"
    spec.write_text("title: T\nstages: [{name: A}]\n")
    assert cli(monkeypatch, capsys, "render", str(spec))[0] == 0
    before = (tmp_path / "map.svg").read_bytes()
    spec.write_text("title: T\nstages: [{name: A, emotion: 11}]\n")
    assert cli(monkeypatch, capsys, "render", str(spec))[0] == 1
    assert (tmp_path / "map.svg").read_bytes() == before


def test_output_path_is_the_only_write(tmp_path, monkeypatch, capsys):
    spec = tmp_path / "in" / "map.yaml"
    spec.parent.mkdir()
    spec.write_text("title: T\nstages: [{name: A}]\n")
    out = tmp_path / "out" / "x.svg"
    assert cli(monkeypatch, capsys, "render", str(spec), "-o", str(out))[0] == 0
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "in", "in/map.yaml", "out", "out/x.svg"]


def test_spec_path_is_a_directory(tmp_path, monkeypatch, capsys):
    code, _, err = cli(monkeypatch, capsys, "render", str(tmp_path))
    assert code == 1 and "cannot read" in err and "Traceback" not in err


def test_missing_theme_file(tmp_path, monkeypatch, capsys):
    spec = Path(tmp_path / "map.yaml")
    spec.write_text("title: T\nstages: [{name: A}]\n")
    code, _, err = cli(monkeypatch, capsys, "render", str(spec), "--theme", "nope")
    assert code == 1 and "no such theme" in err
