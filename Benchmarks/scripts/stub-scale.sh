#!/usr/bin/env bash
# The stub at scale: how long `partner-center stub serve --customers N` takes to start, its
# memory, and the CPU it spends per page, for N = 120,000, 600,000 and 1,000,000, beside a
# stub of 2,400 customers (the default) in the same run: a page should cost the same however
# many customers the stub holds.
#
#   scripts/stub-scale.sh [N...]         customer counts (120000 600000 1000000)
#
# Per page: the stub's user + system CPU time (from /proc) over PAGES pages (50) of SIZE (100)
# customers, read by lib/pages.py following links.next and MS-ContinuationToken, for two
# queries: the demo reseller's customers (IndirectReseller, what `partner-center customers`
# asks; a sixth of the customers) and a CompanyName prefix ("Contoso", about a twentieth).
# Memory: resident now and at its peak (VmHWM) once it listens. PARTNER_CENTER_BIN measures
# another build instead of this checkout's (e.g. an older commit's: `git archive COMMIT | tar
# -x -C DIR`, then `swift build -c release --product partner-center` there).
set -euo pipefail

source "$(dirname "$0")/lib/stub.sh"
pages=${PAGES:-50}
size=${SIZE:-100}
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(120000 600000 1000000)
bin=${PARTNER_CENTER_BIN:-$(build_partner_center)}
reseller='{"Field":"IndirectReseller","Value":"484e548c-f5f3-4528-93a9-c16c6373cb59","Operator":"starts_with"}'
name='{"Field":"CompanyName","Value":"Contoso","Operator":"starts_with"}'

# The stub's CPU milliseconds per page for one query (the filter in $1).
cpu_per_page() {
    local before after
    before=$(process_cpu_seconds "$stub_pid")
    python3 "$benchmarks/scripts/lib/pages.py" "$stub_url" "$size" "$pages" "$1" 2>/dev/null
    after=$(process_cpu_seconds "$stub_pid")
    echo "scale=2; ($after - $before) * 1000 / $pages" | bc
}

echo "$(basename "$bin") at $bin; $pages pages of $size per query"
printf '%10s %9s %9s %10s %16s %16s\n' customers "start s" "RSS MB" "peak MB" "reseller ms/page" "name ms/page"
baseline=
for count in 2400 "${counts[@]}"; do
    start_stub "$bin" "$count"
    read -r rss peak < <(process_rss_mb "$stub_pid")
    by_reseller=$(cpu_per_page "$reseller")
    by_name=$(cpu_per_page "$name")
    stop_stub
    baseline=${baseline:-$by_reseller}
    ratio=$(python3 -c "print(f'{$by_reseller / $baseline:.1f}' if $baseline > 0 else '-')")
    printf '%10s %9.2f %9s %10s %16s %16s   (reseller page: %s× the 2,400 stub'"'"'s)\n' \
        "$count" "$stub_start_seconds" "$rss" "$peak" "$by_reseller" "$by_name" "$ratio"
done
