#!/usr/bin/env bash
# How generation scales: for synthetic specs of N operations (scripts/synthetic-spec.py; by
# default N = 10, 100, 1,000 and 10,000), the wall time and peak resident memory of a whole
# `spec-codegen generate` process into an empty folder (release build), the median of RUNS,
# and its time per operation; beside the same binary's `--help` (process start), measured
# in the same run as the baseline.
#
#   scripts/generation-scale.sh [RUNS] [N...]         RUNS per size (5)
set -euo pipefail

benchmarks="$(cd "$(dirname "$0")/.." && pwd)"
runs=${1:-5}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100 1000 10000)

swift build --package-path "$benchmarks" -c release --product spec-codegen >&2
tool="$(swift build --package-path "$benchmarks" -c release --show-bin-path)/spec-codegen"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
measure() { # name, command...: median wall (s) and peak RSS (MB) of RUNS runs
    local name=$1
    shift
    for run in $(seq "$runs"); do
        rm -rf "$work/out"
        /usr/bin/env time -f '%e %M' -o "$work/time.$run" "$@" >/dev/null
    done
    python3 - "$work" "$runs" "$name" <<'PY'
import statistics, sys
work, runs, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
times = [tuple(map(float, open(f"{work}/time.{r}").read().split()[-2:])) for r in range(1, runs + 1)]
print(f"{name}\t{statistics.median(t[0] for t in times):.3f}\t{max(t[1] for t in times) / 1024:.0f}")
PY
}

{
    measure "--help (baseline)" "$tool" --help
    for n in "${sizes[@]}"; do
        "$benchmarks/scripts/synthetic-spec.py" "$n" >"$work/spec-$n.yaml"
        measure "$n" "$tool" generate --output "$work/out" "$work/spec-$n.yaml"
    done
} >"$work/results.tsv"
python3 - "$work/results.tsv" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
baseline = float(rows[0][1])
print(f"{'operations':>12} {'wall (s)':>9} {'over --help':>12} {'per operation':>14} {'peak RSS':>9}")
print(f"{'--help':>12} {baseline:9.3f} {'':>12} {'':>14} {rows[0][2]:>6} MB")
for name, wall, peak in rows[1:]:
    n, wall = int(name), float(wall)
    print(f"{n:>12,} {wall:9.3f} {wall - baseline:11.3f}s {(wall - baseline) / n * 1e6:11.0f} µs {peak:>6} MB")
PY
