#!/usr/bin/env bash
# Cold PDF render against its budget in DESIGN.md: <= 1.2 s wall and <= 250 MB max RSS per process.
#
# Runs `python -m cjmrender render SPEC -f pdf -o ...` RUNS times (default 5) as fresh processes under
# `/usr/bin/time -v` and prints every run (wall, user+system CPU, max RSS), then the median wall time and
# the largest max RSS.  CPU time is shown because wall time on a shared machine includes waiting for a core.
# Exits 1 when either is over budget.  Usage: bench/pdf_bench.sh [SPEC] (env: RUNS, PYTHON, ARGS).
#
# The interpreter is resolved to its real executable first, so a version-manager shim's own start-up
# (pyenv's is ~0.1 s) is not billed to cjmrender.
set -euo pipefail
cd "$(dirname "$0")/.."

spec=${1:-examples/running-shoes.yaml}
runs=${RUNS:-5}
budget_s=1.2
budget_mb=250
py=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One untimed run: compiles .pyc files and fills the OS file cache, as on any machine after the first use.
"$py" -m cjmrender render "$spec" -f pdf -o "$tmp/warm.pdf" ${ARGS:-} 2>/dev/null

printf '%-5s %10s %10s %12s\n' run wall_s cpu_s max_rss_mb
for i in $(seq "$runs"); do
  /usr/bin/time -v -o "$tmp/time.$i" "$py" -m cjmrender render "$spec" -f pdf -o "$tmp/x.pdf" ${ARGS:-} 2>/dev/null
  awk -F': ' -v run="$i" '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%-5s %10.2f %10.2f %12.1f\n", run, wall, cpu, rss }' "$tmp/time.$i" | tee -a "$tmp/rows"
done

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
sort -k2 -n "$tmp/rows" | awk -v runs="$runs" -v bs="$budget_s" -v bm="$budget_mb" -v load="$load" '
  { wall[NR] = $2; if ($4 > rss) rss = $4 }
  END {
    median = (runs % 2) ? wall[(runs + 1) / 2] : (wall[runs / 2] + wall[runs / 2 + 1]) / 2
    printf "median wall %.2f s (budget %.1f s), max RSS %.1f MB (budget %d MB); load average %s\n", median, bs, rss, bm, load
    exit (median > bs || rss > bm) ? 1 : 0
  }'
