# Helpers for the scripts that measure `partner-center` against its stub (sourced, not run).
# Sourcing it sets benchmarks (the Benchmarks folder), root (the package), work (a temporary
# folder, removed at exit with the stub stopped) and stub_pid.
#
# build_partner_center   builds the CLI in release mode into $root/.build-release (its own
#                        scratch path, apart from the debug .build) and prints its path
# start_stub BIN N       starts `BIN stub serve --customers N --token benchmark`; sets
#                        stub_url, stub_pid and stub_start_seconds (launch to listening)
# stop_stub              stops the stub started last
# process_cpu_seconds PID   user + system CPU time of a running process, in seconds
# process_rss_mb PID        its resident memory now, and its peak (VmHWM), in MB: "now peak"

build_partner_center() {
    swift build --package-path "$root" -c release --product partner-center --scratch-path "$root/.build-release" >&2
    echo "$(swift build --package-path "$root" -c release --scratch-path "$root/.build-release" --show-bin-path)/partner-center"
}

start_stub() {
    local bin=$1 count=$2 started
    : >"$work/stub.url"
    started=$(date +%s.%N)
    "$bin" stub serve --customers "$count" --token benchmark >"$work/stub.url" 2>"$work/stub.err" &
    stub_pid=$!
    until [[ -s $work/stub.url ]]; do
        kill -0 "$stub_pid" 2>/dev/null || { cat "$work/stub.err" >&2; return 1; }
        sleep 0.02
    done
    stub_start_seconds=$(echo "$(date +%s.%N) - $started" | bc)
    stub_url=$(head -1 "$work/stub.url")
}

stop_stub() {
    kill "$stub_pid" 2>/dev/null || true
    wait "$stub_pid" 2>/dev/null || true
}

process_cpu_seconds() {
    # Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime and stime, in ticks.
    local ticks
    ticks=$(sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }')
    echo "scale=3; $ticks / $(getconf CLK_TCK)" | bc
}

process_rss_mb() {
    awk '/^VmRSS/ { now = $2 } /^VmHWM/ { peak = $2 } END { printf "%d %d\n", now / 1024, peak / 1024 }' "/proc/$1/status"
}

benchmarks="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
root="$(cd "$benchmarks/.." && pwd)"
work="$(mktemp -d)"
trap 'stop_stub; rm -rf "$work"' EXIT
stub_pid=
