#!/usr/bin/env bash
# Sets up what is missing (ffmpeg, CJK fonts, PostgreSQL, Chromium), starts PostgreSQL on
# loopback for this run, builds, and runs every test project on SQLite and PostgreSQL.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Ledger).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scripts/ensure-deps.sh test

log=$(mktemp)
status=""
# The summary names every test project and how it ended, also when the run is interrupted or
# killed part-way: a project with no result line did not finish.
summary() {
  local code=$?
  trap - EXIT INT TERM
  # A test process the hang guard gave up on, or one left by an interrupted run, must not outlive
  # the run (it would hold the terminal, or CI's pipes, open).
  pkill -f "$PWD/tests/[^ ]*/bin/" 2>/dev/null || true
  [ -n "${REELRIGHTS_TEST_PG_DIR:-}" ] && scripts/test-postgres.sh stop "$REELRIGHTS_TEST_PG_DIR" || true
  if [ -s "$log" ]; then
    scripts/test-summary.sh "$log" "${status:-}" || { [ "$code" = 0 ] && code=1; }
  fi
  rm -f "$log"
  exit "$code"
}
trap summary EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

eval "$(scripts/test-postgres.sh start)"
echo "PostgreSQL for tests: $REELRIGHTS_TEST_POSTGRES"

dotnet build ReelRights.slnx -c Release --nologo -v q -clp:NoSummary
set +e
# A test that hangs is stopped after 15 minutes and named (every wait inside the tests has a
# deadline of its own; this is the net under them).
dotnet test ReelRights.slnx -c Release --no-build --nologo --logger "console;verbosity=minimal" \
  --blame-hang-timeout "${REELRIGHTS_TEST_HANG_TIMEOUT:-15m}" --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
exit "$status"
