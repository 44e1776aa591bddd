#!/usr/bin/env bash
# Container entrypoint: clone the configuration repository, run one drift check (or one shard of it), then alert.
#
# Environment:
#   CONFIG_REPO        https URL of the Git repository holding the committed export (required)
#   CONFIG_BRANCH      branch to check (default: the remote's default branch)
#   CONFIG_PATH        export folder inside it (default qualytics-config)
#   QUALYTICS_URL, QUALYTICS_TOKEN   the instance and its token (from a Secret)
#   GIT_TOKEN          token to clone, push the drift branch and open the pull request (from a Secret)
#   SHARDS             N to split the tenant into N shards (an indexed Job): shard JOB_COMPLETION_INDEX + 1 of N
#   REPORTS_DIR        where each shard writes its JSON report (a shared volume); the shard of index 0 waits for all
#                      N reports there (REPORTS_WAIT seconds at most, default 900), then sends the one alert
#   REPORTS_POLL       seconds between two looks for the other shards' reports (default 10)
#   NOTIFY_ARGS        notify.java's destinations (default --routes /etc/qualytics-drift/alert-routes.yaml, the
#                      ConfigMap qualytics-drift-alert-routes mounted there); empty: no alert
#   STATE_FILE         notify's --only-on-change memory (--state-file), on a volume that outlives the pod (a PVC):
#                      the next run reads it there and stays quiet on the same drift. Unset: every run alerts.
#   DRIFT_ARGS         more drift.java options (e.g. --open-pr)
# Exit code: 0 when the check ran and its report was written (clean, drift or partial: drift.java's 0, 1 and 8; the
# report and the alert say which), drift.java's code when it failed without a report (3 API, 4 auth, 5 git...),
# notify's 7 when alerting failed.
# Why drift's 1 and 8 become 0 here, rather than a podFailurePolicy: in the sharded (indexed) Job a pod that fails
# fails its index, and with the usual backoffLimit: 0 the Job, whose other pods Kubernetes then stops, index 0
# included, which is waiting to send the one alert. A podFailurePolicy can only Ignore an exit code (the pod is
# started again: the shard runs twice) or FailJob/FailIndex/Count it: none of them means "done, drift found". Drift
# is a result, not a failure of the pod; a real failure still fails the pod (and only its index: the sharded Job sets
# backoffLimitPerIndex: 0), and index 0 alerts for the reports that arrived.
set -uo pipefail

say() { printf 'qualytics-drift-run: %s\n' "$*" >&2; }
: "${CONFIG_REPO:?set CONFIG_REPO to the configuration repository URL}"
config_path=${CONFIG_PATH:-qualytics-config}
notify_args=${NOTIFY_ARGS---routes /etc/qualytics-drift/alert-routes.yaml}
work=$(mktemp -d)

# The token goes to git through an askpass helper reading the environment: never into the URL, .git/config or logs.
askpass="$work/askpass"
printf '#!/bin/sh\ncase "$1" in Username*) echo x-access-token ;; *) echo "$GIT_TOKEN" ;; esac\n' >"$askpass"
chmod 700 "$askpass"
branch_args=()
[ -n "${CONFIG_BRANCH:-}" ] && branch_args=(--branch "$CONFIG_BRANCH")
if ! GIT_ASKPASS="$askpass" GIT_TERMINAL_PROMPT=0 git clone --quiet "${branch_args[@]}" "$CONFIG_REPO" "$work/config"; then
  say "cannot clone $CONFIG_REPO: check CONFIG_REPO and GIT_TOKEN"
  exit 5
fi
git -C "$work/config" config user.name "qualytics-drift"
git -C "$work/config" config user.email "qualytics-drift@localhost"

shard_args=()
report="$work/drift.json"
if [ -n "${SHARDS:-}" ]; then
  index=$(( ${JOB_COMPLETION_INDEX:?an indexed Job sets JOB_COMPLETION_INDEX} + 1 ))
  shard_args=(--shard "$index/$SHARDS")   # with --open-pr, a shard proposes on drift/shard-I-of-N/... branches
  if [ -n "${REPORTS_DIR:-}" ]; then
    mkdir -p "$REPORTS_DIR/${RUN_ID:-run}" && report="$REPORTS_DIR/${RUN_ID:-run}/drift-$index.json"
  fi
fi

# shellcheck disable=SC2086 # DRIFT_ARGS is a list of options
qd-drift --repo "$work/config" --path "$config_path" --all-datastores "${shard_args[@]}" ${DRIFT_ARGS:-} \
  -o text -o "json=$report"
code=$?
if { [ "$code" -eq 1 ] || [ "$code" -eq 8 ]; } && [ -s "$report" ]; then
  say "drift.java exited $code ($( [ "$code" -eq 1 ] && echo drift || echo partial)): the report is written, the pod succeeds"
  code=0
fi

[ -n "$notify_args" ] || exit "$code"
reports=("$report")
if [ -n "${SHARDS:-}" ]; then
  # one alert for all shards: the shard of index 0 sends it, once the others' reports are in (or the wait is over)
  [ "$index" -eq 1 ] || exit "$code"
  [ -n "${REPORTS_DIR:-}" ] || { say "SHARDS without REPORTS_DIR: shard 1 alerts for its own report only"; }
  if [ -n "${REPORTS_DIR:-}" ]; then
    deadline=$(( $(date +%s) + ${REPORTS_WAIT:-900} ))
    while [ "$(find "$REPORTS_DIR/${RUN_ID:-run}" -name 'drift-*.json' | wc -l)" -lt "$SHARDS" ] && [ "$(date +%s)" -lt "$deadline" ]; do
      sleep "${REPORTS_POLL:-10}"
    done
    mapfile -t reports < <(find "$REPORTS_DIR/${RUN_ID:-run}" -name 'drift-*.json' | sort)
    # earlier runs' folders: kept a week for inspection
    find "$REPORTS_DIR" -mindepth 1 -maxdepth 1 -type d -mtime +7 -exec rm -rf {} + 2>/dev/null
    [ "${#reports[@]}" -eq "$SHARDS" ] || say "only ${#reports[@]} of $SHARDS shard reports arrived: alerting for those"
  fi
fi
[ -f "${reports[0]}" ] || exit "$code"   # the check failed before writing a report: its exit code says why
args=()
for file in "${reports[@]}"; do args+=(--report "$file"); done
if [ -n "${STATE_FILE:-}" ]; then
  mkdir -p "$(dirname "$STATE_FILE")"
  args+=(--only-on-change --state-file "$STATE_FILE")
else
  say "no STATE_FILE: --only-on-change has nowhere to remember, every run alerts"
fi
# shellcheck disable=SC2086 # NOTIFY_ARGS is a list of options
qd-notify "${args[@]}" $notify_args || exit $?
exit "$code"
