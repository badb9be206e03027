#!/usr/bin/env bash
# Compile time of generated code: writes a synthetic spec of N operations (each a GET with a
# path and a query parameter and its own 8-property schema: scripts/synthetic-spec.py),
# generates the client with spec-codegen and compiles it against APIRuntime with swiftc
# alone, in debug (-Onone, one whole-module job). `user-package-rebuild.sh` measures what a
# user waits for instead: SwiftPM, the plugin and the compile, after a spec edit.
#
#   scripts/generated-compile-time.sh [N] [RUNS]         N operations (100), RUNS compiles (5)
#
# SPEC_CODEGEN and MODULES choose another generator and APIRuntime build (e.g. an older
# checkout's .build/debug/spec-codegen and .build/debug/Modules), so that two generators can
# be compared in one sitting. Prints the median wall and CPU time of the compiles (after one
# compile that warms the module cache).
set -euo pipefail

benchmarks="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$benchmarks/.." && pwd)"
count=${1:-100}
runs=${2:-5}
codegen=${SPEC_CODEGEN:-}
modules=${MODULES:-}
if [[ -z $codegen || -z $modules ]]; then
    swift build --package-path "$root" --product spec-codegen >&2
    swift build --package-path "$root" --target APIRuntime >&2
    bin="$(swift build --package-path "$root" --show-bin-path)"
    codegen=${codegen:-$bin/spec-codegen}
    modules=${modules:-$bin/Modules}
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$benchmarks/scripts/synthetic-spec.py" "$count" >"$work/synthetic.yaml"
"$codegen" generate --output "$work/generated" "$work/synthetic.yaml" >&2
lines=$(cat "$work"/generated/*.swift | wc -l)

compile() {
    swiftc -module-name Synthetic -parse-as-library -swift-version 6 -Onone -c -j1 -wmo \
        -I "$modules" -module-cache-path "$work/module-cache" -o "$work/out.o" "$work"/generated/*.swift
}
compile # warms the module cache, so the runs measure the generated code alone
for run in $(seq "$runs"); do
    /usr/bin/env time -f '%e %U' -o "$work/time.$run" bash -c "$(declare -f compile); work='$work' modules='$modules' compile"
done
python3 - "$work" "$runs" "$count" "$lines" <<'PY'
import statistics, sys
work, runs, count, lines = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
times = [tuple(map(float, open(f"{work}/time.{r}").read().split()[-2:])) for r in range(1, runs + 1)]
wall = statistics.median(t[0] for t in times)
cpu = statistics.median(t[1] for t in times)
print(f"{count} operations, {lines} generated lines: median of {runs} compiles {wall:.2f} s wall, {cpu:.2f} s CPU (user)")
PY
