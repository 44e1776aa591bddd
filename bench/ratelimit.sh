#!/usr/bin/env bash
# Rate-limit benchmark (issue 15 item 4) against the standalone sandbox, loopback only. Two parts:
#  1. a 5,000-check --all-datastores export behind the sandbox's ingress at 10 requests/s, burst 2 (the older
#     self-hosted chart): requests sent, how many were answered 429 (target: at most 2%), wall time (target: at most
#     1.2 x requests / 10 s, JVM start included);
#  2. the same export against an unlimited sandbox (20 ms per request), with the default adaptive pacing and with
#     pacing off (the hidden `--max-rps unpaced`), PAIRS times each, alternating which goes first: the median with
#     pacing must be no slower than without (5% of slack). Runs of the same code differ by 10% on 2 cores shared with
#     the sandbox, so 3 pairs gave a verdict by chance (bench/RESULTS.md); 7 pairs are the default.
# Prints one line per figure with its verdict; exit 0 when all hold, 1 when one does not, 2 when it could not run.
#
#   bench/ratelimit.sh                      # about 70 s for part 1, then 2 x PAIRS exports (about 70 s)
#   UNLIMITED=0 bench/ratelimit.sh          # part 1 only
set -euo pipefail

CHECKS=${CHECKS:-5000}
CONTAINERS=${CONTAINERS:-500}
RPS=${RPS:-10}
BURST=${BURST:-2}
LATENCY_MS=${LATENCY_MS:-20}
UNLIMITED=${UNLIMITED:-1}
PAIRS=${PAIRS:-7}
MAX_PAGE_SIZE=100
STEP_TIMEOUT=${STEP_TIMEOUT:-600}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/qdrift-ratelimit.XXXXXX")
sandbox_pid=""
failed=0
# shellcheck source=bench/common.sh
. bench/common.sh
command -v bc >/dev/null || die "bc is needed"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
verdict() { # holds(1|0) text
  if [ "$1" = 1 ]; then printf '%s  pass\n' "$2"; else printf '%s  FAIL\n' "$2"; failed=1; fi
}
export_once() { # folder [export.java options]: the wall seconds of one export, its --verbose log in $work/err
  local out=$1 started code
  shift
  rm -rf "$out"
  started=$(now)
  set +e
  timeout "$STEP_TIMEOUT" ./jbang export.java --all-datastores --output "$out" --verbose "$@" >/dev/null 2>"$work/err"
  code=$?
  set -e
  [ "$code" -le 1 ] || { tail -5 "$work/err" >&2; die "the export failed (exit $code)"; }
  echo "$(now) - $started" | bc
}

./jbang export.java --version >/dev/null   # JBang builds the script once: not part of any figure
say "bench: load average before: $(cat /proc/loadavg)"

# 1. behind the ingress; no added latency: the limit is the bottleneck
LATENCY_MS=0 start_sandbox "$CHECKS" "$CONTAINERS" --ingress-rps "$RPS" --ingress-burst "$BURST"
wall=$(export_once "$work/limited")
requests=$(grep -c ' -> ' "$work/err" || true)
refused=$(grep -c ' -> 429' "$work/err" || true)
target=$(echo "scale=1; 1.2 * $requests / $RPS" | bc)
share=$(echo "scale=2; 100 * $refused / $requests" | bc)
verdict "$(echo "$refused * 50 <= $requests" | bc)" \
  "$(printf 'limited %s/s burst %s, %s checks: %d requests, %d answered 429 (%s%%, target <= 2%%)' "$RPS" "$BURST" "$CHECKS" "$requests" "$refused" "$share")"
verdict "$(echo "$wall <= $target" | bc)" \
  "$(printf 'limited %s/s burst %s, %s checks: %.1f s wall (target <= 1.2 x %d / %s = %s s)' "$RPS" "$BURST" "$CHECKS" "$wall" "$requests" "$RPS" "$target")"
grep -o 'pacing requests.*' "$work/err" | head -1 | sed 's/^/bench: /' >&2 || true

# 2. unlimited: pacing on (default) against pacing off
if [ "$UNLIMITED" = 1 ]; then
  start_sandbox "$CHECKS" "$CONTAINERS"
  export_once "$work/warm" >/dev/null   # warms the sandbox's JIT, as bench/run.sh does
  paced=() unpaced=()
  for i in $(seq "$PAIRS"); do
    if [ $((i % 2)) = 1 ]; then
      paced+=("$(export_once "$work/paced")")
      unpaced+=("$(export_once "$work/unpaced" --max-rps unpaced)")
    else
      unpaced+=("$(export_once "$work/unpaced" --max-rps unpaced)")
      paced+=("$(export_once "$work/paced")")
    fi
  done
  p=$(printf '%s\n' "${paced[@]}" | median)
  u=$(printf '%s\n' "${unpaced[@]}" | median)
  verdict "$(echo "$p <= 1.05 * $u" | bc)" \
    "$(printf 'unlimited, %s checks, %d ms per request: %.2f s with adaptive pacing vs %.2f s unpaced (median of %d: %s / %s)' \
      "$CHECKS" "$LATENCY_MS" "$p" "$u" "$PAIRS" "${paced[*]}" "${unpaced[*]}")"
fi
say "bench: load average after: $(cat /proc/loadavg)"
exit "$failed"
