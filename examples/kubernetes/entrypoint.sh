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
#   NOTIFY_ARGS        notify.java's destinations (default --slack --pagerduty); empty: no alert
#   DRIFT_ARGS         more drift.java options (e.g. --open-pr)
# Exit code: drift.java's (0 clean, 1 drift, 8 partial, others: the check failed); notify's 7 when alerting failed.
set -uo pipefail

say() { printf 'qualytics-drift-run: %s\n' "$*" >&2; }
: "${CONFIG_REPO:?set CONFIG_REPO to the configuration repository URL}"
config_path=${CONFIG_PATH:-qualytics-config}
notify_args=${NOTIFY_ARGS---slack --pagerduty}
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

[ -n "$notify_args" ] || exit "$code"
reports=("$report")
if [ -n "${SHARDS:-}" ]; then
  # one alert for all shards: the shard of index 0 sends it, once the others' reports are in (or the wait is over)
  [ "$index" -eq 1 ] || exit "$code"
  [ -n "${REPORTS_DIR:-}" ] || { say "SHARDS without REPORTS_DIR: shard 1 alerts for its own report only"; }
  if [ -n "${REPORTS_DIR:-}" ]; then
    deadline=$(( $(date +%s) + ${REPORTS_WAIT:-900} ))
    while [ "$(find "$REPORTS_DIR/${RUN_ID:-run}" -name 'drift-*.json' | wc -l)" -lt "$SHARDS" ] && [ "$(date +%s)" -lt "$deadline" ]; do
      sleep 10
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
# shellcheck disable=SC2086 # NOTIFY_ARGS is a list of options
qd-notify "${args[@]}" $notify_args || exit $?
exit "$code"
