#!/usr/bin/env bash
# Revert benchmark against the standalone sandbox (loopback only): 500 checks edited "in the UI", then one
# `revert.java --apply --yes` that puts them back. Prints one line per revert: requests it sent (writes among them),
# its wall and CPU time, plan included, and the pace memory it started with; then the median of the rounds.
# As in production, cron's drift runs come first: one after the export, one after each round's edits (untimed;
# see bench/README.md, "Revert"). Exit 0 when every revert verified, 2 when the benchmark could not run.
#
#   bench/revert.sh                     # 3 rounds, 500 drifted checks, 20 ms of latency per request
#   DRIFTED=50 LATENCY_MS=0 bench/revert.sh
#   REVERT_ARGS="--max-rps unpaced" bench/revert.sh   # extra revert.java options (here: no slow start)
#   RUNS=5 CODE_DIRS="/tmp/old ." bench/revert.sh      # 5 rounds, each drifts again and reverts once per code copy
#                                                      # (alternated, same sandbox); one line per revert, a median each
#   LOG_DIR=/tmp/logs REVERT_ARGS=--verbose bench/revert.sh   # keep each revert's stderr there
#   REVERT_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/r.jfr,settings=profile" bench/revert.sh  # the revert's JVM only
set -euo pipefail

DRIFTED=${DRIFTED:-500}
CHECKS=${CHECKS:-2000}
CONTAINERS=${CONTAINERS:-200}
LATENCY_MS=${LATENCY_MS:-20}
RUNS=${RUNS:-3}
read -r -a revert_args <<<"${REVERT_ARGS:-}"
read -r -a code_dirs <<<"${CODE_DIRS:-.}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
here=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/qdrift-revert-bench.XXXXXX")
sandbox_pid=""
# the runs' pace memory (api/PaceMemory) lives in the benchmark's folder: what the timed reverts start with comes
# from this benchmark's own runs, never from an earlier benchmark's
export XDG_STATE_HOME="$work/state"
say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 2; }
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill -TERM -- "-$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

setsid ./jbang sandbox.java --port 0 --checks "$CHECKS" --containers "$CONTAINERS" --latency-ms "$LATENCY_MS" \
  >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 600); do
  [ "$(wc -l <"$work/sandbox.out")" -ge 2 ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || die "the sandbox stopped: $(cat "$work/sandbox.err")"
  sleep 0.2
done
QUALYTICS_URL=$(sed -n 's/^QUALYTICS_URL=//p' "$work/sandbox.out")
QUALYTICS_TOKEN=$(sed -n 's/^QUALYTICS_TOKEN=//p' "$work/sandbox.out")
export QUALYTICS_URL QUALYTICS_TOKEN
api() { curl -sf --max-time 60 -H "Authorization: Bearer $QUALYTICS_TOKEN" -H 'Content-Type: application/json' "$@"; }

# the datastore with the most checks, exported and committed as the approved state
datastore=$(api "$QUALYTICS_URL/api/datastores?page=1&size=100" | jq -r '.items | max_by(.check_count) | .id')
git init -q -b main "$work/repo"
./jbang export.java --datastore-id "$datastore" --output "$work/repo/qualytics-config" --quiet
git -C "$work/repo" add -A
git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost commit -qm baseline

# cron's drift run against the instance (untimed): exit 0 here, 1 after a round's edits; it leaves the pace memory
# that the next run against this instance starts from, as every revert in production finds it
cron_drift() {
  local expect=$1 got=0
  ./jbang drift.java --repo "$work/repo" --datastore-id "$datastore" --no-pull --quiet -o "json=$work/drift.json" \
    >/dev/null 2>"$work/drift.err" || got=$?
  [ "$got" -eq "$expect" ] || die "cron's drift run exited $got, not $expect: $(tail -n 3 "$work/drift.err")"
}
pace_memory() { cat "$XDG_STATE_HOME"/qualytics-drift/pace/* 2>/dev/null | cut -d' ' -f3,4 | tr ' ' '/' || true; }

# DRIFTED active checks edited "in the UI"
# (pages of 100: the sandbox, like the API, refuses larger pages)
ids=""
for page in $(seq 1 $(( (DRIFTED + 99) / 100 ))); do
  ids="$ids $(api "$QUALYTICS_URL/api/quality-checks?datastore=$datastore&status=Active&page=$page&size=100" | jq -r '.items[].id')"
done
ids=$(echo $ids | tr ' ' '\n' | head -n "$DRIFTED")
[ "$(echo "$ids" | wc -w)" -ge "$DRIFTED" ] || die "the tenant has fewer than $DRIFTED active checks: raise CHECKS"
drift() {
  local round=$1
  export QUALYTICS_URL QUALYTICS_TOKEN round
  echo "$ids" | xargs -P 4 -n 50 sh -c 'for id; do curl -sf --max-time 60 -o /dev/null -X PATCH \
    -H "Authorization: Bearer $QUALYTICS_TOKEN" -H "Content-Type: application/json" \
    -d "{\"description\": \"edited in the UI ($round)\", \"coverage\": 0.5}" "$QUALYTICS_URL/api/quality-checks/$id" || exit 255; done' sh
}
for code in "${code_dirs[@]}"; do
  (cd "$code" && ./jbang revert.java --version >/dev/null)   # JBang builds the script once: not part of the figure
done
# cron runs drift every few minutes: each run starts at the pace the last one ended at and doubles it while the
# server does not refuse, so after a few runs the memory no longer changes (unpaced, against this sandbox). Drift
# runs until it stops changing (at most 6): the memory a revert finds in production, made by the runs that make it
previous=""
for cron_runs in $(seq 6); do
  cron_drift 0
  [ "$(pace_memory)" != "$previous" ] || break
  previous=$(pace_memory)
done
say "bench: pace memory after $cron_runs drift runs: $(pace_memory)"

worst=0
for round in $(seq 1 "$RUNS"); do
  for code in "${code_dirs[@]}"; do
    drift "$round-$code"
    cron_drift 1
    memory=$(pace_memory)
    api -X POST "$QUALYTICS_URL/_sandbox/stats/reset" >/dev/null
    load=$(cut -d' ' -f1 /proc/loadavg)
    err=/dev/stderr
    if [ -n "${LOG_DIR:-}" ]; then mkdir -p "$LOG_DIR"; err="$LOG_DIR/revert-$round-$(basename "$(cd "$code" && pwd)").err"; fi
    set +e
    (cd "$code" && { [ -z "${REVERT_JAVA_OPTS:-}" ] || export JAVA_TOOL_OPTIONS="$REVERT_JAVA_OPTS"; } && /usr/bin/time -f '%e %U %S' -o "$work/time" ./jbang revert.java --repo "$work/repo" \
      --datastore-id "$datastore" --apply --yes --quiet -o "json=$work/applied.json" \
      ${revert_args[@]+"${revert_args[@]}"}) 2>"$err"
    code_exit=$?
    set -e
    read -r wall user sys <"$work/time" || true
    stats=$(api "$QUALYTICS_URL/_sandbox/stats")
    status=$(jq -r '.apply.status' "$work/applied.json" 2>/dev/null || echo "none")
    rm -f "$work/applied.json"
    label=$([ "${#code_dirs[@]}" -gt 1 ] && echo " [$code]" || true)
    cpu=$(echo "$user + $sys" | bc)
    printf 'revert, %d drifted checks (%d checks, %d ms latency): %d requests (%d writes), %.2f s (cpu %.2f s), exit %d (%s), load %s, pace memory %s%s\n' \
      "$DRIFTED" "$CHECKS" "$LATENCY_MS" "$(jq -r '.total' <<<"$stats")" "$(jq -r '.writes' <<<"$stats")" \
      "$wall" "$cpu" "$code_exit" "$status" "$load" "${memory:-none}" "$label"
    echo "$wall $cpu" >>"$work/times-$(printf '%s' "$code" | md5sum | cut -c1-8)"
    [ "$code_exit" -eq 0 ] || worst=2
  done
done
# the median of the rounds (the middle one; of an even count, the mean of the two middle ones), per code copy
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for code in "${code_dirs[@]}"; do
  times="$work/times-$(printf '%s' "$code" | md5sum | cut -c1-8)"
  label=$([ "${#code_dirs[@]}" -gt 1 ] && echo " [$code]" || true)
  printf 'revert, median of %d: %s s (cpu %s s)%s\n' "$RUNS" "$(cut -d' ' -f1 "$times" | median)" "$(cut -d' ' -f2 "$times" | median)" "$label"
done
exit "$worst"
