"""Whole-process timing of Mermaid import and export (budget: import of a 500-task file <= 0.3 s).

Usage: ``python bench/interop_bench.py [TASKS]``.  Writes a generated Mermaid
journey with TASKS tasks (default 500) in 50 sections, then times
``cjmrender import`` (YAML to stdout), ``cjmrender validate`` on the .mmd, and
``-f mermaid`` export, each as a fresh process (median of 7 runs).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))


def mermaid(tasks: int) -> str:
    lines = ["journey", "    title A generated journey"]
    for i in range(tasks):
        if i % 10 == 0:
            lines.append(f"    section Section {i // 10 + 1}")
        lines.append(f"      Task number {i + 1} with a longer name: {i % 5 + 1}: Actor {i % 7}, Actor {i % 3}")
    return "\n".join(lines) + "\n"


def wall(cmd: list[str], runs: int = 7) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a fresh process."""
    subprocess.run(cmd, check=True, capture_output=True, env=ENV)
    times, cpus = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - t0)
        cpus.append(usage.ru_utime + usage.ru_stime)
        assert os.waitstatus_to_exitcode(status) == 0, cmd
        proc.returncode = 0
    return statistics.median(times), statistics.median(cpus)


def main() -> None:
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    work = Path(tempfile.mkdtemp(prefix="cjm-interop-"))
    src = work / "big.mmd"
    src.write_text(mermaid(tasks), encoding="utf-8")
    yml = work / "big.yaml"
    cli = [sys.executable, "-m", "cjmrender"]
    subprocess.run([*cli, "import", str(src), "-o", str(yml)], check=True, capture_output=True, env=ENV)
    rows = [
        (f"import {tasks}-task .mmd -> YAML", wall([*cli, "import", str(src)]), 0.3),
        (f"validate {tasks}-task .mmd", wall([*cli, "validate", str(src)]), None),
        (f"export {tasks}-step map -f mermaid", wall([*cli, "render", str(yml), "-f", "mermaid", "-o", "-"]), None),
        ("python -c pass (interpreter start)", wall([sys.executable, "-c", "pass"]), None),
    ]
    print(f"{'':<40} {'wall':>8} {'cpu':>8}   (cpu = user + system; wall suffers when other jobs share the cores)")
    for name, (secs, cpu), budget in rows:
        verdict = "" if budget is None else ("  ok" if secs <= budget else "  OVER")
        print(f"{name:<40} {secs:6.3f} s {cpu:6.3f} s" + (f"  budget {budget} s wall{verdict}" if budget else ""))


if __name__ == "__main__":
    main()
