"""Whole-process benchmarks against the budgets in DESIGN.md.

Each timing runs the real command in a fresh process (cold start included)
and takes the median of several runs; memory is the max RSS reported by
``/usr/bin/time -v``.  Prints a table of measured value vs budget and a
scaling series.  Usage: ``python bench/bench.py [--quick]``.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TIME = "/usr/bin/time"


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # cache bytecode like an install
ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
WORK = Path(tempfile.mkdtemp(prefix="cjm-bench-"))
CJM = [PY, "-c", "import sys; from cjmrender.cli import main; sys.exit(main())"]
"""The command as the installed ``cjmrender`` script runs it (see ``cjmrender/__main__.py`` for why
``python -m cjmrender`` needs care to run as fast)."""


def wall(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, check=True, capture_output=True, cwd=WORK, env=ENV)  # warm the bytecode cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=WORK, env=ENV)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def side_by_side(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    """Median wall time of ``a`` and of ``b``, run alternately so both see the same machine load."""
    for cmd in (a, b):
        subprocess.run(cmd, check=True, capture_output=True, cwd=WORK, env=ENV)
    ta, tb = [], []
    for _ in range(runs):
        for cmd, out in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=WORK, env=ENV)
            out.append(time.perf_counter() - t0)
    return statistics.median(ta), statistics.median(tb)


def max_rss_mb(cmd: list[str]) -> float:
    if not os.path.exists(TIME):
        return float("nan")
    res = subprocess.run([TIME, "-v", *cmd], capture_output=True, text=True, cwd=WORK, env=ENV)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr)
    return int(m.group(1)) / 1024 if m else float("nan")


def synthetic(columns: int, lanes: int = 15) -> str:
    """A map with ``columns`` stages and ``lanes`` lanes (8 built-in + custom text lanes)."""
    custom = [f"extra{i}" for i in range(max(0, lanes - 8))]
    lane_list = ["touchpoints", "actions", "thoughts", "emotion", "pains", "opportunities", "owners", "metrics"]
    spec = {"title": f"Synthetic map with {columns} columns", "goal": "Benchmark",
            "lanes": lane_list + [{"id": c, "title": c.title()} for c in custom], "stages": []}
    for i in range(columns):
        st = {"name": f"Stage {i + 1}", "touchpoints": [{"channel": "website", "label": f"Landing page {i}"}],
              "actions": [f"Does thing {i} and then another thing"], "thoughts": ["Is this worth it?"],
              "emotion": {"score": 1 + (i * 37 % 5), "label": "Feeling"}, "pains": [f"Pain {i}"],
              "opportunities": ["Make it easier"], "owners": ["Team"],
              "metrics": [{"name": "CTR", "value": f"{i % 3}%", "benchmark": "1%"}]}
        for c in custom:
            st[c] = [f"{c} note {i}"]
        spec["stages"].append(st)
    return json.dumps(spec)


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 3 if quick else 7
    tmp = WORK
    example = str(ROOT / "examples" / "running-shoes.yaml")
    rows = []
    base = wall([PY, "-c", "pass"], runs)
    rows.append(("python startup alone (baseline)", base, None, "s"))
    svg_cmd = [*CJM, "render", example, "-o", str(tmp / "rs.svg")]
    floor, svg_time = side_by_side([PY, "-c", "import svgwrite, yaml, click, msgspec"], svg_cmd, 2 * runs)
    rows.append(("import floor svgwrite+yaml+click+msgspec", floor, None, "s"))
    rows.append(("cold render to SVG, 6x8 example", svg_time, 1.5 * floor, "s"))
    rows.append(("  SVG / floor (budget 1.5)", svg_time / floor, 1.5, "x"))
    rows.append(("  max RSS", max_rss_mb(svg_cmd), None, "MB"))
    wheel_cmd = [*CJM, "render", example, "--layout", "wheel", "-o", str(tmp / "rs-wheel.svg")]
    wheel_time, lane_time = side_by_side(wheel_cmd, svg_cmd, 2 * runs)
    rows.append(("cold render to SVG as a wheel", wheel_time, 1.5 * floor, "s"))
    rows.append(("  wheel / swimlane, side by side", wheel_time / lane_time, None, "x"))
    png_cmd = [*CJM, "render", example, "-o", str(tmp / "rs.png")]
    rows.append(("cold render to PNG at scale 2", wall(png_cmd, max(2, runs // 2)), svg_time + 1.0, "s"))
    rows.append(("  max RSS", max_rss_mb(png_cmd), None, "MB"))
    pdf_cmd = [*CJM, "render", example, "-o", str(tmp / "rs.pdf")]
    try:
        rows.append(("cold render to PDF, same map", wall(pdf_cmd, max(2, runs // 2)), 1.2, "s"))
        rows.append(("  max RSS", max_rss_mb(pdf_cmd), 250, "MB"))
    except subprocess.CalledProcessError:
        rows.append(("cold render to PDF, same map", float("nan"), 1.2, "s"))
    deck_spec = tmp / "deck.yaml"
    deck_spec.write_text(synthetic(8, 15))  # 8 stages x 15 lanes: title, overview and 8 detail slides
    pptx_cmd = [*CJM, "render", str(deck_spec), "-o", str(tmp / "deck.pptx")]
    try:
        rows.append(("10-slide PPTX deck", wall(pptx_cmd, max(2, runs // 2)), 2.0, "s"))
    except subprocess.CalledProcessError:
        rows.append(("10-slide PPTX deck", float("nan"), 2.0, "s"))
    batch = tmp / "batch"
    batch.mkdir()
    for i in range(100):
        (batch / f"map{i:03d}.yaml").write_bytes((ROOT / "examples" / "running-shoes.yaml").read_bytes())
    files = sorted(str(p) for p in batch.glob("*.yaml"))
    rows.append(("100 maps to SVG, one process", wall([*CJM, "render", *files], 1), 5.0, "s"))
    rows.append(("lint of 100 maps, one process", wall([*CJM, "lint", *files], runs), 2.0, "s"))
    series = []
    for n in (10, 50, 200) if quick else (10, 50, 200, 1000):
        spec = tmp / f"cols{n}.yaml"
        spec.write_text(synthetic(n))
        cmd = [*CJM, "render", str(spec), "-o", str(tmp / f"cols{n}.svg")]
        series.append((n, wall(cmd, 3), max_rss_mb(cmd)))
    for n, t, mem in series:
        if n == 200:
            rows.append(("200 columns x 15 lanes to SVG", t, 1.0, "s"))
            rows.append(("  max RSS", mem, 150, "MB"))
    print(f"python: {sys.version.split()[0]}; load average: {os.getloadavg()[0]:.2f}")
    print(f"{'benchmark':<36} {'measured':>10} {'budget':>10}  ok")
    for name, value, budget, unit in rows:
        b = f"{budget:g} {unit}" if budget is not None else "-"
        ok = "" if budget is None else ("yes" if value <= budget else "NO")
        print(f"{name:<36} {value:>8.3f} {unit:<2} {b:>9}  {ok}")
    print()
    print("scaling (15 lanes):")
    print(f"{'columns':>8} {'wall s':>8} {'ms/col':>8} {'RSS MB':>8}")
    for n, t, mem in series:
        print(f"{n:>8} {t:>8.3f} {1000 * t / n:>8.2f} {mem:>8.1f}")


if __name__ == "__main__":
    main()
