#!/usr/bin/env bash
# Sets up what is missing (ffmpeg, CJK fonts, PostgreSQL, Chromium), starts PostgreSQL on
# loopback for this run, builds, and runs every test project on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scripts/ensure-deps.sh test

eval "$(scripts/test-postgres.sh start)"
trap 'scripts/test-postgres.sh stop "$REELRIGHTS_TEST_PG_DIR"' EXIT
echo "PostgreSQL for tests: $REELRIGHTS_TEST_POSTGRES"

dotnet build ReelRights.slnx -c Release --nologo -v q -clp:NoSummary
log=$(mktemp)
set +e
dotnet test ReelRights.slnx -c Release --no-build --nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

echo
echo "=== 测试汇总 / test summary ==="
grep -E "^(Passed|Failed)!" "$log" | sed -E 's/ +/ /g' || true
rm -f "$log"
if [ "$status" -eq 0 ]; then echo "全部通过 / all tests passed"; else echo "有测试失败 / some tests failed (exit $status)"; fi
exit "$status"
