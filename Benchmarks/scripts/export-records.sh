#!/usr/bin/env bash
# Client CPU per record and peak memory of a Microsoft Graph billing export read end to end:
# `partner-center billing reconciliation --invoice G016907411 --format F` against
# `stub serve --export-lines N` in another process (so the CPU is the client's alone): the
# export asked for, its operation read until it succeeds, its manifest, then every gzip JSON
# Lines file streamed, decompressed, split, each line parsed and validated against the record
# schema and written out (ndjson: the line's bytes as received).
#
#   scripts/export-records.sh [N...]     export sizes (1000000: about 1.1 GB of JSON)
#
# FORMATS ("ndjson") are the formats measured, RUNS (3) the runs of each, of which the median
# is printed: user + system CPU seconds and peak resident memory, from /usr/bin/time, and the
# CPU per record. The output goes to a file, checked to hold N lines (ndjson). LINES_PER_FILE
# (50000) is the records per blob. PARTNER_CENTER_BIN measures a given binary instead of
# building this checkout's (release, in .build-release).
set -euo pipefail

source "$(dirname "$0")/lib/stub.sh"
runs=${RUNS:-3}
read -r -a formats <<<"${FORMATS:-ndjson}"
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(1000000)
bin=${PARTNER_CENTER_BIN:-$(build_partner_center)}
export XDG_CONFIG_HOME="$work/config" PARTNER_CENTER_TOKEN=benchmark PARTNER_CENTER_GRAPH_TOKEN=benchmark

# One export in format $1 of $2 records: prints "cpu-seconds peak-MB wall-seconds".
export_once() {
    /usr/bin/time -f '%U %S %M %e' -o "$work/time" "$bin" billing reconciliation --invoice G016907411 --format "$1" --output "$work/out" \
        2>"$work/err" || { cat "$work/err" >&2; return 1; }
    if [[ $1 == ndjson ]]; then
        local records
        records=$(wc -l <"$work/out")
        [[ $records -eq $2 ]] || { echo "export-records.sh: $records records, not $2" >&2; return 1; }
    fi
    rm -f "$work/out"
    awk '{ printf "%.2f %d %.2f\n", $1 + $2, $3 / 1024, $4 }' "$work/time"
}

median() { sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'; }

echo "measured: $bin; median of $runs runs"
printf '%9s %-8s %9s %9s %9s %10s\n' records format "CPU s" "peak MB" "wall s" "µs/record"
for count in "${counts[@]}"; do
    : >"$work/stub.url"
    "$bin" stub serve --token benchmark --customers 100 --export-lines "$count" --export-lines-per-file "${LINES_PER_FILE:-50000}" \
        >"$work/stub.url" 2>"$work/stub.err" &
    stub_pid=$!
    until [[ -s $work/stub.url ]]; do
        kill -0 "$stub_pid" 2>/dev/null || { cat "$work/stub.err" >&2; exit 1; }
        sleep 0.02
    done
    export PARTNER_CENTER_BASE_URL=$(head -1 "$work/stub.url") PARTNER_CENTER_GRAPH_BASE_URL=$(head -1 "$work/stub.url")
    for format in "${formats[@]}"; do
        for run in $(seq "$runs"); do export_once "$format" "$count" >>"$work/runs.$format.$count"; done
        cpu=$(cut -d' ' -f1 "$work/runs.$format.$count" | median)
        peak=$(cut -d' ' -f2 "$work/runs.$format.$count" | median)
        wall=$(cut -d' ' -f3 "$work/runs.$format.$count" | median)
        printf '%9s %-8s %9s %9s %9s %10s\n' "$count" "$format" "$cpu" "$peak" "$wall" "$(python3 -c "print(round($cpu * 1e6 / $count, 2))")"
    done
    stop_stub
done
