"""Printed type sizes of every PDF target, read back from the PDF with ``pdftotext -bbox``.

For each swimlane example and each page/template: pages, the most common word size
(in a map, the card text; in the smaller type of persona lists it can be lower), the smallest word, and how much of the printable
area the text spans on its fullest page.  Usage: ``python bench/print_sizes.py``.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EM_BOX = 0.905 + 0.212  # Arimo's ascent + descent per em: the height of a pdftotext word box
TARGETS = [
    ("poster A3", ["--page", "A3"]),
    ("poster A2", ["--page", "A2"]),
    ("handout A4 portrait", ["--template", "handout", "--page", "A4", "--orientation", "portrait"]),
    ("handout Letter portrait", ["--template", "handout", "--page", "Letter", "--orientation", "portrait"]),
    ("report A3", ["--template", "report", "--page", "A3"]),
    ("report A4 portrait", ["--template", "report", "--page", "A4", "--orientation", "portrait"]),
]


def measure(pdf: Path) -> dict:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S)
    sizes: collections.Counter = collections.Counter()
    fill = 0.0
    for w, h, body in pages:
        words = [tuple(map(float, m)) for m in
                 re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', body)]
        if not words:
            continue
        sizes.update(round((y1 - y0) / EM_BOX, 1) for _, y0, _, y1 in words)
        margin = 10 * 72 / 25.4
        area = (float(w) - 2 * margin) * (float(h) - 2 * margin)
        span = (max(x[2] for x in words) - min(x[0] for x in words)) * (max(x[3] for x in words) - min(x[1] for x in words))
        fill = max(fill, span / area)
    return {"pages": len(pages), "body": sizes.most_common(1)[0][0], "smallest": min(sizes), "fill": fill}


def main() -> None:
    examples = [p for p in sorted((ROOT / "examples").glob("*.yaml")) if "layout: wheel" not in p.read_text()]
    print(f"{'example':18} {'target':26} {'pages':>5} {'common pt':>9} {'min pt':>7} {'fill':>6} {'wall s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for spec in examples:
            for name, args in TARGETS:
                pdf = Path(tmp) / "x.pdf"
                t0 = time.perf_counter()
                res = subprocess.run([sys.executable, "-m", "cjmrender", "render", str(spec), "-f", "pdf", "-o", str(pdf),
                                      *args], capture_output=True, text=True, cwd=ROOT)
                wall = time.perf_counter() - t0
                if res.returncode:
                    print(f"{spec.stem:18} {name:26} refused: {res.stderr.strip().splitlines()[-1][:60]}")
                    continue
                m = measure(pdf)
                print(f"{spec.stem:18} {name:26} {m['pages']:5d} {m['body']:9.1f} {m['smallest']:7.1f} "
                      f"{m['fill']:6.0%} {wall:7.2f}")


if __name__ == "__main__":
    main()
