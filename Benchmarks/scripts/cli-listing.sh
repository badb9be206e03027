#!/usr/bin/env bash
# Client CPU and peak memory of `partner-center customers --reseller R --format F` listing
# N customers from a stub in another process (so the CPU is the client's alone), for N =
# 2,000, 20,000 and 100,000: the stub holds 6·N customers, a sixth of them the demo reseller's,
# and serves its default page of 100.
#
#   scripts/cli-listing.sh [N...]        listing sizes (2000 20000 100000)
#
# FORMATS ("ndjson csv") are the formats measured, RUNS (3) the runs of each, of which the
# median is printed: user + system CPU seconds and peak resident memory, from /usr/bin/time.
# BASELINE_BIN is another partner-center binary (e.g. an older commit's: `git archive COMMIT |
# tar -x -C DIR`, then `swift build -c release --product partner-center` there) measured in
# the same run against the same stub, runs alternating, with the ratio of the CPU times;
# PARTNER_CENTER_BIN measures a given binary instead of building this checkout's. Each
# listing's output is checked to hold N customers: ndjson lines, CSV records after the header
# (read as CSV: some names hold a quoted line break), JSON array elements.
set -euo pipefail

source "$(dirname "$0")/lib/stub.sh"
runs=${RUNS:-3}
read -r -a formats <<<"${FORMATS:-ndjson csv}"
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(2000 20000 100000)
bin=${PARTNER_CENTER_BIN:-$(build_partner_center)}
baseline=${BASELINE_BIN:-}
binaries=("$bin")
[[ -z $baseline ]] || binaries+=("$baseline")
reseller=484e548c-f5f3-4528-93a9-c16c6373cb59
export XDG_CONFIG_HOME="$work/config" PARTNER_CENTER_TOKEN=benchmark

# One listing by binary $1 in format $2 of $3 customers: prints "cpu-seconds peak-MB".
listing() {
    local records
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$1" customers --reseller "$reseller" --format "$2" >"$work/out" 2>"$work/err" ||
        { cat "$work/err" >&2; return 1; }
    case $2 in
        ndjson) records=$(wc -l <"$work/out") ;;
        csv | csv-raw) records=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$work/out") ;;
        json) records=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$work/out") ;;
        *) records=$3 ;;
    esac
    [[ $records -eq $3 ]] || { echo "cli-listing.sh: $2 listed $records customers, not $3" >&2; return 1; }
    awk '{ printf "%.2f %d\n", $1 + $2, $3 / 1024 }' "$work/time"
}

median() { sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'; }

echo "measured: $bin${baseline:+; baseline: $baseline}; median of $runs runs"
printf '%9s %-8s %-9s %12s %9s %12s\n' customers format binary "CPU s" "peak MB" "µs/customer"
for count in "${counts[@]}"; do
    start_stub "$bin" $((count * 6))
    export PARTNER_CENTER_BASE_URL=$stub_url
    for format in "${formats[@]}"; do
        # Runs alternate between the binaries, so that a busy moment of the machine hits both.
        for run in $(seq "$runs"); do
            for index in "${!binaries[@]}"; do
                listing "${binaries[$index]}" "$format" "$count" >>"$work/runs.$format.$count.$index"
            done
        done
        cpus=()
        for index in "${!binaries[@]}"; do
            cpu=$(cut -d' ' -f1 "$work/runs.$format.$count.$index" | median)
            peak=$(cut -d' ' -f2 "$work/runs.$format.$count.$index" | median)
            cpus+=("$cpu")
            printf '%9s %-8s %-9s %12s %9s %12s\n' "$count" "$format" "$([[ $index -eq 0 ]] && echo measured || echo baseline)" \
                "$cpu" "$peak" "$(python3 -c "print(round($cpu * 1e6 / $count))")"
        done
        [[ ${#cpus[@]} -lt 2 ]] || echo "          $format: measured / baseline CPU = $(python3 -c "print(f'{${cpus[0]} / ${cpus[1]}:.2f}')")"
    done
    stop_stub
done
