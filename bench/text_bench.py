"""Text measurement and wrapping costs.

Cold numbers come from fresh interpreter processes (median of several runs):
importing ``cjmrender.text`` after ``cjmrender`` itself, then the first
``width()`` call, which loads the bundled metrics table.  The fontTools path
that the table replaces is timed the same way, for comparison.  Warm numbers
are per call in one process, with the measurer's memo filled as it would be
after the first map; a 200-character label must wrap in under
:data:`WRAP_BUDGET`.  Hyphenation is timed cold too: the first English word too
long for its line imports Pyphen and parses its pattern file, once per process.
Usage: ``python bench/text_bench.py [--quick]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cjmrender.text import FontMeasurer, content_widths, wrap  # after ROOT is on sys.path

COLD = """
import time
t0 = time.perf_counter()
import cjmrender, msgspec
t1 = time.perf_counter()
import cjmrender.text
t2 = time.perf_counter()
m = cjmrender.text.default_measurer()
m.width("x", 12.0)
m.width("x", 12.0, True)
t3 = time.perf_counter()
print(t2 - t1, t3 - t2)
"""

HYPHENATE = """
import time
import cjmrender.text
from cjmrender.text import MonoMeasurer, wrap
m = MonoMeasurer()
t0 = time.perf_counter()
wrap("internationalization", 60.0, m, 10.0, lang="{lang}")
t1 = time.perf_counter()
wrap("responsibilities", 60.0, m, 10.0, lang="{lang}")
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""

WRAP_BUDGET = 1e-3
"""Seconds per warm ``wrap`` of a 200-character label (typically ~0.1 ms)."""

FONTTOOLS = """
import time
t0 = time.perf_counter()
from fontTools.ttLib import TTFont
f = TTFont({path!r}, lazy=True)
cmap = f.getBestCmap()
adv = {{cp: f["hmtx"].metrics[g][0] for cp, g in cmap.items()}}
print(time.perf_counter() - t0)
"""

LABELS = {
    "latin 200": ("The customer reads the entire sizing guide, then compares it with the chart of another brand, "
                  "then measures her foot with a ruler at home, then writes to support asking which size to choose."),
    "vietnamese 200": ("Khách hàng đọc toàn bộ hướng dẫn chọn cỡ, so sánh với bảng cỡ của hãng khác, đo chân bằng "
                       "thước ở nhà, rồi nhắn tin hỏi bộ phận hỗ trợ nên chọn cỡ nào và chờ đợi câu trả lời."),
    "url 130": ("https://shop.example.com/collections/running/shoes/wide-fit?utm_source=newsletter"
                "&utm_medium=email&utm_campaign=spring-sale-2024"),
    "cjk 60": "日本語のテキストは、スペースなしで折り返す必要があります。「引用」も正しく扱います。東京から大阪まで新幹線で行きます。",
}


def median_cold(code: str, runs: int, env: dict[str, str] | None = None) -> list[float]:
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT,
                             env=env)
        rows.append([float(x) for x in out.stdout.split()])
    return [statistics.median(col) for col in zip(*rows)]


def bytecode_env(cache: str) -> dict[str, str]:
    """Like an installed wheel: compiled modules cached (in a temporary folder, not beside the sources)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def per_call(fn: Callable[[], object], n: int) -> float:
    fn()
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n


def wrap_fresh(text: str, m: FontMeasurer) -> tuple[str, ...]:
    """Wrap with a new measurer: empty memo, so every segment is measured character by character."""
    return wrap(text, 180.0, FontMeasurer.from_faces(*m.faces), 12.0)


def main() -> None:
    quick = "--quick" in sys.argv
    runs, n = (3, 200) if quick else (9, 2000)
    fonttools = FONTTOOLS.format(path=str(ROOT / "cjmrender" / "fonts" / "Arimo-Regular.ttf"))
    with tempfile.TemporaryDirectory() as cache:
        env = bytecode_env(cache)
        median_cold(COLD, 1, env)  # fill the bytecode cache
        median_cold(fonttools, 1, env)
        imp, load = median_cold(COLD, runs, env)
        (ft,) = median_cold(fonttools, runs, env)
    with tempfile.TemporaryDirectory() as empty:  # an empty cache that is never written: always compile
        src_imp, _ = median_cold(COLD, runs, {**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
                                              "PYTHONPYCACHEPREFIX": empty})
    print(f"cold import cjmrender.text            {imp * 1e3:7.2f} ms ({src_imp * 1e3:.2f} ms compiling from source)")
    print(f"cold load of the metrics table         {load * 1e3:7.2f} ms (regular and bold)")
    print(f"  fontTools import + cmap/hmtx instead {ft * 1e3:7.2f} ms (regular only)")
    for lang in ("en", "de"):
        first, later = median_cold(HYPHENATE.format(lang=lang), runs)
        print(f"first hyphenated word, {lang:<2}             {first * 1e3:7.2f} ms (later words {later * 1e3:.2f} ms)")
    print()
    m = FontMeasurer()
    print(f"{'label':<16}{'chars':>6}{'lines':>6}{'wrap warm':>12}{'wrap cold':>12}{'content_widths':>16}")
    for name, text in LABELS.items():
        lines = wrap(text, 180.0, m, 12.0)
        warm = per_call(partial(wrap, text, 180.0, m, 12.0), n)
        cw = per_call(partial(content_widths, text, m, 12.0), n)
        cold_t = per_call(partial(wrap_fresh, text, m), max(20, n // 20))
        verdict = "ok" if warm < WRAP_BUDGET else "OVER"
        print(f"{name:<16}{len(text):>6}{len(lines):>6}{warm * 1e6:>10.1f}us{cold_t * 1e6:>10.1f}us{cw * 1e6:>14.1f}us"
              f"  {verdict} (budget {WRAP_BUDGET * 1e6:.0f}us warm)")


if __name__ == "__main__":
    main()
