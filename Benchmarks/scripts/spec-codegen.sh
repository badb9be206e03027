#!/usr/bin/env bash
# Times the spec loader and generator on the real spec, through the spec-codegen executable
# (SpecKit and CodeGen are not products of the main package, so the benchmark targets
# cannot call them in-process). Needs hyperfine (Debian: apt-get install hyperfine).
#
#   scripts/spec-codegen.sh [extra hyperfine options, e.g. --export-markdown out.md]
#
# Three commands, each a fresh process: `--help` is the baseline (process start, argument
# parsing); `check` adds loading and validating spec/partner-center.yaml (and the files it
# references); `generate` adds generating the Swift files. Differences from the baseline are
# what SpecLoader and Generator cost; a run takes about 15 seconds.
set -euo pipefail

benchmarks="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$benchmarks/.." && pwd)"
command -v hyperfine >/dev/null || { echo "spec-codegen.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }

# Built from this package (in its own .build), in release mode, as the benchmarks are.
swift build --package-path "$benchmarks" -c release --product spec-codegen >&2
tool="$(swift build --package-path "$benchmarks" -c release --show-bin-path)/spec-codegen"

output="$(mktemp -d)"
trap 'rm -rf "$output" "$output.json"' EXIT
spec="$root/spec/partner-center.yaml"

# `generate` leaves files whose contents are unchanged alone, so after the warm-up runs it
# measures load + generate + compare, not disk writes.
hyperfine --warmup 5 --min-runs 30 --max-runs 100 -N --export-json "$output.json" "$@" \
    --command-name "spec-codegen --help (baseline)" "$tool --help" \
    --command-name "spec-codegen check (load)" "$tool check $spec" \
    --command-name "spec-codegen generate (load + generate)" "$tool generate --output $output $spec"

# hyperfine's summary gives means; the README quotes medians, and their excess over the baseline.
python3 - "$output.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
baseline = results[0]["median"]
print("\nMedians:")
for result in results:
    median = result["median"]
    print(f"  {result['command']:<42} {median * 1000:6.1f} ms  (+{(median - baseline) * 1000:5.1f} ms over baseline)")
PY
