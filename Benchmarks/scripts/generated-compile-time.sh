#!/usr/bin/env bash
# Compile time of generated code: writes a synthetic spec of N operations (each a GET with a
# path and a query parameter and its own 8-property schema, the shape of
# Tests/CodeGenTests/LargeSpecTests.swift), generates the client with spec-codegen and
# compiles it against APIRuntime, in debug (-Onone), as a user's `swift build` does.
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
python3 - "$count" >"$work/synthetic.yaml" <<'PY'
import sys
count = int(sys.argv[1])
lines = ["api: Synthetic", "servers:", "  default: https://api.example.com", "auth: bearer", "operations:"]
for i in range(count):
    lines += [
        f"  getThing{i}:", f"    summary: Get thing {i}", "    method: GET", f"    path: /v1/things{i}/{{thing-id}}",
        "    parameters:", "      path:", "        thing-id: { argument: thingId, schema: { type: string, format: uuid } }",
        "      query:", "        size: { schema: { type: integer, minimum: 1, maximum: 500 } }",
        "    responses:", f"      200: {{ $ref: '#/schemas/Thing{i}' }}",
    ]
lines.append("schemas:")
for i in range(count):
    lines += [
        f"  Thing{i}:", "    type: object", "    required: [id]", "    properties:",
        "      id: { type: string, format: uuid }", "      name: { type: string, maxLength: 200 }",
        "      count: { type: integer, minimum: 0 }", "      ratio: { type: number }", "      active: { type: boolean }",
        "      createdAt: { type: string, format: date-time }", "      tags: { type: array, items: { type: string } }",
        "      notes: { type: [string, 'null'] }",
    ]
print("\n".join(lines))
PY
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
