#!/usr/bin/env bash
# Export benchmark against the standalone sandbox (loopback only). Prints a table of figures and exits 0 when every
# target holds, 1 when one does not, 2 when the benchmark itself could not run. See bench/README.md.
#
#   bench/run.sh                       # the issue's scenarios: 10,000 checks / 1,000 containers, then 50,000 checks
#   CHECKS=2000 CONTAINERS=200 BIG_CHECKS=0 bench/run.sh   # a quick smoke run (BIG_CHECKS=0 skips the RSS run)
set -euo pipefail

CHECKS=${CHECKS:-10000}
CONTAINERS=${CONTAINERS:-1000}
BIG_CHECKS=${BIG_CHECKS:-50000}
BIG_CONTAINERS=${BIG_CONTAINERS:-$CONTAINERS}
LATENCY_MS=${LATENCY_MS:-20}
MAX_PAGE_SIZE=${MAX_PAGE_SIZE:-100}   # the server's clamp; the client asks for 100
DEFAULT_CONCURRENCY=8                 # ClientSettings.DEFAULT_CONCURRENCY
RSS_LIMIT_MB=${RSS_LIMIT_MB:-512}
STEP_TIMEOUT=${STEP_TIMEOUT:-900}     # seconds any one step may take before the benchmark gives up

cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/qdrift-bench.XXXXXX")
sandbox_pid=""
rows=()
failed=0

# shellcheck source=bench/common.sh
. bench/common.sh

# A real server is remote and warm: one untimed export first, so the timed runs do not pay for the sandbox's JIT
# compiling its handlers (it shares the 2 cores with the export) nor for JBang's first build of export.java.
warm_up() {
  say "bench: warming the sandbox up with one untimed export"
  timeout "$STEP_TIMEOUT" ./jbang export.java --all-datastores --output "$work/warm-up" >/dev/null 2>"$work/warm-up.err" \
    || { tail -5 "$work/warm-up.err" >&2; die "the warm-up export failed"; }
  rm -rf "$work/warm-up"
}

# Runs one export and records its row. Args: scenario concurrency output-folder minimum [must-write-nothing]
run_export() {
  local scenario=$1 concurrency=$2 out=$3 minimum=$4 nothing=${5:-} log="$work/$1.err" started ended wall rss
  curl -sf --max-time 10 -X POST "$QUALYTICS_URL/_sandbox/stats/reset" >/dev/null || die "cannot reset the sandbox stats"
  say "bench: $scenario (concurrency $concurrency)..."
  started=$(date +%s.%N)
  if ! timeout "$STEP_TIMEOUT" /usr/bin/time -f '%M' -o "$work/$scenario.rss" \
      ./jbang export.java --all-datastores --output "$out" --concurrency "$concurrency" --verbose 2>"$log" >/dev/null; then
    grep -v '^debug: GET' "$log" | tail -5 >&2
    die "$scenario: the export failed"
  fi
  ended=$(date +%s.%N)
  wall=$(echo "$ended - $started" | bc)
  rss=$(( $(tail -1 "$work/$scenario.rss") / 1024 ))
  local requests written target ratio verdicts=""
  requests=$(curl -sf --max-time 10 "$QUALYTICS_URL/_sandbox/stats" | jq -r '.total')
  written=$(sed -n 's/^Files: \([0-9]*\) written.*/\1/p' "$log")
  target=$(echo "scale=1; 1.5 * $requests * $LATENCY_MS / 1000 / $concurrency + 3" | bc)
  ratio=$(echo "scale=3; $requests / $minimum" | bc)
  verdicts+=$(check "requests" "$(echo "$requests <= $minimum * 1.1" | bc)")
  if [ "$scenario" = "rss-${BIG_CHECKS}" ]; then
    # issue #3 sets the time target for 10,000 checks only: at 50,000 the time is information, not a verdict
    verdicts+="time:info "
  else
    verdicts+=$(check "time" "$(echo "$wall <= $target" | bc)")
  fi
  if [ -n "$nothing" ]; then verdicts+=$(check "no-write" "$([ "$written" = 0 ] && echo 1 || echo 0)"); fi
  if [ "$scenario" = "rss-${BIG_CHECKS}" ]; then verdicts+=$(check "rss" "$([ "$rss" -lt "$RSS_LIMIT_MB" ] && echo 1 || echo 0)"); fi
  case "$verdicts" in *FAIL*) failed=1;; esac
  grep '^debug: timing:' "$log" | sed "s/^debug: /  $scenario /" >&2 || true
  rows+=("$(printf '%-18s %8s %8s %6s %7.1f %7.1f %7s %8s  %s' "$scenario" "$requests" "$minimum" "$ratio" "$wall" \
    "$target" "$written" "$rss" "$verdicts")")
}

check() { # name 1|0
  if [ "$2" = 1 ]; then printf '%s:pass ' "$1"; else printf '%s:FAIL ' "$1"; fi
}

command -v jq >/dev/null || die "jq is needed"
command -v bc >/dev/null || die "bc is needed"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is needed for peak RSS"

say "bench: building the scripts first (JBang's build is not timed)"
timeout "$STEP_TIMEOUT" ./jbang build sandbox.java >/dev/null
timeout "$STEP_TIMEOUT" ./jbang build export.java >/dev/null

start_sandbox "$CHECKS" "$CONTAINERS"
warm_up
minimum=$(minimum_requests)
run_export "all-c$DEFAULT_CONCURRENCY" "$DEFAULT_CONCURRENCY" "$work/export-a" "$minimum"
run_export "all-c1" 1 "$work/export-b" "$minimum"
run_export "reexport-nochange" "$DEFAULT_CONCURRENCY" "$work/export-a" "$minimum" must-write-nothing

if [ "$BIG_CHECKS" -gt 0 ]; then
  start_sandbox "$BIG_CHECKS" "$BIG_CONTAINERS"
  warm_up
  minimum=$(minimum_requests)
  run_export "rss-${BIG_CHECKS}" "$DEFAULT_CONCURRENCY" "$work/export-big" "$minimum"
fi
stop_sandbox

printf '%-18s %8s %8s %6s %7s %7s %7s %8s  %s\n' scenario requests minimum ratio wall_s target_s written rss_mb verdicts
printf '%s\n' "${rows[@]}"
exit "$failed"
