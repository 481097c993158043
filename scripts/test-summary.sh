#!/usr/bin/env bash
# Prints how every test project ended, read from the output of one `dotnet test` run:
#   scripts/test-summary.sh LOG STATUS [PROJECT...]
# LOG is the run's console output, STATUS its exit code (empty when the run was cut short),
# PROJECT the test projects expected (default: every tests/*/*.Tests.csproj). Each project is
# passed, FAILED, STOPPED (the hang guard or a crash ended its host; the test it was in is named),
# DID NOT FINISH (no result line: the run was interrupted or killed), or had no test matching
# the filter. Exits 0 only when the run exited 0 and every project passed or matched nothing.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log=$1
status=${2:-}
shift 2 || shift $#
if [ $# -gt 0 ]; then
  projects=("$@")
else
  mapfile -t projects < <(ls tests/*/*.Tests.csproj | xargs -n1 basename | sed 's/\.csproj$//' | sort)
fi

echo
echo "=== 测试汇总 / test summary ==="
failed=0
# A test host stopped by the hang guard (or crashed) still prints "Passed!" for the tests it
# finished; the test it was running is named on the line after this one.
stopped=$(grep -A1 "The test running when the crash occurred" "$log" | grep -v -e "The test running" -e "^--" | sed -E 's/^ +//' || true)
for project in "${projects[@]}"; do
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
if [ "$status" = 0 ] && [ "$failed" = 0 ]; then
  echo "全部通过 / all tests passed"
  exit 0
fi
echo "有测试失败或未完成 / some tests failed or did not finish (exit ${status:-none})"
exit 1
