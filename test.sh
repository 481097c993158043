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
    echo
    echo "=== 测试汇总 / test summary ==="
    local failed=0 project line stopped
    # A test host stopped by the hang guard (or crashed) still prints "Passed!" for the tests it
    # finished; the test it was running is named on the line after this one.
    stopped=$(grep -A1 "The test running when the crash occurred" "$log" | grep -v -e "The test running" -e "^--" | sed -E 's/^ +//' || true)
    for project in $(ls tests/*/*.Tests.csproj | xargs -n1 basename | sed 's/\.csproj$//' | sort); do
      line=$(grep -E "^(Passed|Failed)! .* - ${project}\.dll" "$log" | tail -1 | sed -E 's/ +/ /g' || true)
      hung=$(grep -E "^${project}\." <<<"$stopped" | head -1 || true)
      if [ -n "$hung" ]; then
        echo "中止 / STOPPED (hung or crashed): $project — in $hung"
        failed=1
      elif [ -z "$line" ] && grep -qE "No test matches .*${project}\.dll" "$log"; then
        echo "无匹配测试 / no test matched the filter: $project"
      elif [ -z "$line" ]; then
        echo "未完成 / DID NOT FINISH: $project"
        failed=1
      elif [[ "$line" == Failed!* ]]; then
        echo "失败 / FAILED: $project — ${line#Failed! - }"
        failed=1
      else
        echo "通过 / passed: $project — ${line#Passed! - }"
      fi
    done
    if [ "${status:-1}" = 0 ] && [ "$failed" = 0 ]; then
      echo "全部通过 / all tests passed"
    else
      echo "有测试失败或未完成 / some tests failed or did not finish (exit ${status:-$code})"
      [ "$code" = 0 ] && code=1
    fi
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
