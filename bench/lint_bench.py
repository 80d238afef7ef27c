"""Lint of 100 maps in one process against its budget (2 s), side by side with rendering them.

The maps are copies of the examples and of the lint test map seeded with
faults, so every rule runs and reports.  Whole-process wall time, median of
several runs, cold start included.  Usage: ``python bench/lint_bench.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import resource  # noqa: E402
import subprocess  # noqa: E402

from bench import ENV, PY, ROOT, WORK, wall  # noqa: E402

BUDGET = 2.0


def maps(n: int = 100) -> list[str]:
    sources = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests" / "lint" / "maps" / "faults.yaml"]
    folder = WORK / "lint-maps"
    folder.mkdir(exist_ok=True)
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        target = folder / f"map{i:03d}.yaml"
        target.write_bytes(src.read_bytes())
        out.append(str(target))
    return out


def cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one run: steadier than wall time on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, capture_output=True, cwd=WORK, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    files = maps()
    lint = wall([PY, "-m", "cjmrender", "lint", *files], 5)
    sarif = wall([PY, "-m", "cjmrender", "lint", "--format", "sarif", *files], 5)
    validate = wall([PY, "-m", "cjmrender", "validate", "-q", *files], 5)
    render = wall([PY, "-m", "cjmrender", "render", "-o", str(WORK / "out") + "/", *files], 1)
    one = wall([PY, "-m", "cjmrender", "lint", files[0]], 5)
    lint_cpu = min(cpu([PY, "-m", "cjmrender", "lint", *files]) for _ in range(3))
    render_cpu = cpu([PY, "-m", "cjmrender", "render", "-o", str(WORK / "out") + "/", *files])
    print(f"load average {os.getloadavg()[0]:.2f}; CPU seconds: lint of 100 maps {lint_cpu:.3f}, "
          f"render of 100 maps {render_cpu:.3f}")
    print(f"{'benchmark':<40} {'measured':>9} {'budget':>7}")
    print(f"{'lint, 1 map (cold process)':<40} {one:>7.3f} s {'-':>7}")
    print(f"{'lint, 100 maps, one process':<40} {lint:>7.3f} s {BUDGET:>5.1f} s  {'ok' if lint <= BUDGET else 'OVER'}")
    print(f"{'lint --format sarif, 100 maps':<40} {sarif:>7.3f} s {BUDGET:>5.1f} s  {'ok' if sarif <= BUDGET else 'OVER'}")
    print(f"{'validate, 100 maps (load only)':<40} {validate:>7.3f} s {'-':>7}")
    print(f"{'render to SVG, 100 maps':<40} {render:>7.3f} s {5.0:>5.1f} s")


if __name__ == "__main__":
    main()
