#!/usr/bin/env bash
# What a user waits for after editing their spec: a throwaway package whose target holds a
# synthetic spec of N operations (scripts/synthetic-spec.py) and applies SpecCodegenPlugin
# (as README.md's "Your own spec in your own package", `traits: []` included), built once in debug, then rebuilt
# after each of RUNS edits that add a property to one schema: SwiftPM's planning, the
# plugin's generation, the compile of the generated module (the models, the methods that
# return them and the compiled spec all change) and the link of a small executable using it.
#
#   scripts/user-package-rebuild.sh [N] [RUNS]        N operations (100), RUNS edits (3)
#   scripts/user-package-rebuild.sh spec [RUNS]       the repository's spec/ instead; each
#                                                     edit adds a property to `Customer`
#   FROM=10 scripts/user-package-rebuild.sh [N] [RUNS]
#                                                     the edit is the spec growing from FROM
#                                                     operations to N (built at FROM first,
#                                                     untimed, before each timed run)
#
# PACKAGE_PATH builds against another checkout of partner-center-swift (default: this one),
# so that two versions can be compared in one sitting. Prints the median wall time, CPU time
# (user + sys, all processes) and peak resident memory of one process (the compiler's) of
# the rebuilds.
set -euo pipefail

benchmarks="$(cd "$(dirname "$0")/.." && pwd)"
root="${PACKAGE_PATH:-$(cd "$benchmarks/.." && pwd)}"
count=${1:-100}
runs=${2:-3}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/SyntheticAPI" "$work/Sources/synthetic"
cat >"$work/Package.swift" <<SWIFT
// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "SyntheticUser",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "partner-center-swift", path: "$root", traits: [])],
    targets: [
        .target(
            name: "SyntheticAPI",
            dependencies: [.product(name: "APIRuntime", package: "partner-center-swift")],
            plugins: [.plugin(name: "SpecCodegenPlugin", package: "partner-center-swift")]
        ),
        .executableTarget(name: "synthetic", dependencies: ["SyntheticAPI"]),
    ]
)
SWIFT
echo '@_exported import APIRuntime' >"$work/Sources/SyntheticAPI/SyntheticAPI.swift"
spec="$work/Sources/SyntheticAPI"
if [[ $count == spec ]]; then
    client=PartnerCenterClient
    cp "$root"/spec/*.yaml "$spec/"
    # Adds a property to the Customer schema of the copy (after `commerceId`).
    edit() { sed -i "s/^      commerceId: { type: string }\$/&\n      edit$1: { type: string }/" "$spec/partner-center.yaml"; }
else
    client=SyntheticClient
    "$benchmarks/scripts/synthetic-spec.py" "$count" >"$spec/synthetic.yaml"
    edit() { "$benchmarks/scripts/synthetic-spec.py" "$count" "edit$1" >"$spec/synthetic.yaml"; }
fi
printf 'import SyntheticAPI\n\nprint(%s.self)\n' "$client" >"$work/Sources/synthetic/main.swift"
swift build --package-path "$work" >&2 # the first build: dependencies, plugin, generator

for run in $(seq "$runs"); do
    if [[ -n ${FROM:-} ]]; then
        "$benchmarks/scripts/synthetic-spec.py" "$FROM" >"$spec/synthetic.yaml"
        swift build --package-path "$work" >"$work/build.from.$run.log" 2>&1 || { cat "$work/build.from.$run.log" >&2; exit 1; }
        "$benchmarks/scripts/synthetic-spec.py" "$count" >"$spec/synthetic.yaml"
    else
        edit "$run"
    fi
    /usr/bin/env time -f '%e %U %S %M' -o "$work/time.$run" swift build --package-path "$work" >"$work/build.$run.log" 2>&1 \
        || { cat "$work/build.$run.log" >&2; exit 1; }
done
python3 - "$work" "$runs" "$count" <<'PY'
import os, statistics, sys
work, runs, count = sys.argv[1], int(sys.argv[2]), sys.argv[3]
times = [tuple(map(float, open(f"{work}/time.{r}").read().split()[-4:])) for r in range(1, runs + 1)]
wall = statistics.median(t[0] for t in times)
cpu = statistics.median(t[1] + t[2] for t in times)
peak = max(t[3] for t in times) / 1024
label = "spec/" if count == "spec" else f"{count} operations"
if os.environ.get("FROM"): label = f"{os.environ['FROM']} → {count} operations"
print(f"{label}: rebuild after a spec edit, median of {runs}: {wall:.2f} s wall, {cpu:.2f} s CPU; peak RSS of one process {peak:.0f} MB")
PY
