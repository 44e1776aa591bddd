# Shared by bench/run.sh and bench/speed.sh: the sandbox in its own process group, API reads, and the minimum
# number of requests an --all-datastores export can make (formula: bench/README.md). Needs $work, $LATENCY_MS,
# $MAX_PAGE_SIZE and $STEP_TIMEOUT, and sandbox_pid="" set by the caller.

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 2; }

stop_sandbox() {
  if [ -n "$sandbox_pid" ]; then
    kill -TERM -- "-$sandbox_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$sandbox_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$sandbox_pid" 2>/dev/null || true
    sandbox_pid=""
  fi
}
cleanup() { stop_sandbox; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 2' INT TERM

# Starts the sandbox in its own process group (so the trap can stop the JVM behind the launcher) and reads its first
# two stdout lines: QUALYTICS_URL=... and QUALYTICS_TOKEN=...
start_sandbox() { # checks containers [more sandbox.java options]
  stop_sandbox
  : >"$work/sandbox.out"
  local checks=$1 containers=$2
  shift 2
  # a current server serves pages of up to 100 and answers 422 above (no clamp): MAX_PAGE_SIZE is what the scripts ask
  setsid ./jbang sandbox.java --port 0 --checks "$checks" --containers "$containers" --latency-ms "$LATENCY_MS" \
    "$@" >"$work/sandbox.out" 2>"$work/sandbox.err" &
  sandbox_pid=$!
  for _ in $(seq $((STEP_TIMEOUT * 5))); do
    [ "$(wc -l <"$work/sandbox.out")" -ge 2 ] && break
    kill -0 "$sandbox_pid" 2>/dev/null || die "the sandbox stopped: $(cat "$work/sandbox.err")"
    sleep 0.2
  done
  QUALYTICS_URL=$(sed -n 's/^QUALYTICS_URL=//p' "$work/sandbox.out")
  QUALYTICS_TOKEN=$(sed -n 's/^QUALYTICS_TOKEN=//p' "$work/sandbox.out")
  case "$QUALYTICS_URL" in http://127.0.0.1:*) ;; *) die "the sandbox did not print a loopback URL in time";; esac
  export QUALYTICS_URL QUALYTICS_TOKEN
  say "bench: sandbox with $checks checks, $containers containers${*:+ ($*)} at $QUALYTICS_URL"
}

api() { curl -sf --max-time 60 -H "Authorization: Bearer $QUALYTICS_TOKEN" "$QUALYTICS_URL/api/$1"; }
total() { api "$1" | jq -r '.total'; }
pages() { # items page-size: a list costs ceil(items / size) pages, and one page even when empty
  local n=$1 size=$2
  if [ "$n" -le 0 ]; then echo 1; else echo $(((n + size - 1) / size)); fi
}

# The fewest requests an --all-datastores export can make, from the tenant's counts (formula: bench/README.md).
minimum_requests() {
  local size=$MAX_PAGE_SIZE ids id datastores containers=0 n sum=0
  datastores=$(total "datastores?page=1&size=1")
  ids=$(api "datastores?page=1&size=$size" | jq -r '.items[].id')
  [ "$(echo "$ids" | wc -w)" -eq "$datastores" ] || die "more datastores than one page: extend minimum_requests"
  sum=$(( $(pages "$datastores" "$size") + datastores ))
  for id in $ids; do
    n=$(total "containers?datastore=$id&page=1&size=1")
    containers=$((containers + n))
    sum=$((sum + $(pages "$n" "$size")))
    n=$(total "quality-checks?datastore=$id&page=1&size=1")
    sum=$((sum + $(pages "$n" "$size")))
  done
  n=$(total "connections?page=1&size=1")
  sum=$((sum + containers + $(pages "$n" "$size")))
  echo "$sum"
}

