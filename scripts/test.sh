#!/usr/bin/env bash
# Sets up everything the tests need (redis-server, chromium, LibreOffice, front-end assets) and runs all tests.
# The test fixtures start their own redis-server on free loopback ports.
# Ends with the line "N passed, N failed", counted from the TRX results, where "failed" also counts what
# did not run as it should: a build failure, a test project with no results (its test host crashed or never
# started), a test that errored, timed out or was aborted, and a crash reported by the test platform.
# Skipped tests fail the run too (", N skipped" follows then): a skipped test proves nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser || { echo "set-up failed"; echo "0 passed, 1 failed"; exit 1; }

results=TestResults
rm -rf "$results"
if ! dotnet build LiveSession.sln --nologo -v quiet; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi
dotnet test LiveSession.sln --no-build --nologo --logger "trx" --results-directory "$results" "$@"
status=$?

trx() { cat "$results"/*.trx 2>/dev/null; }
# Sum of one attribute of the <Counters> element over every TRX file.
count() { trx | grep -o '<Counters [^>]*' | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }

passed=$(count passed)
failed=$(count failed)
errored=$(( $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(count notExecuted)
crashes=$(trx | grep -c '<RunInfo [^>]*outcome="Error"')
missing=0
# With a filter (arguments given) some projects rightly run nothing; without one, each must report results.
[ $# -gt 0 ] || for project in $(dotnet sln LiveSession.sln list | grep -E '^tests/.*Tests\.csproj$'); do
  assembly=$(basename "$project" .csproj).dll
  if ! trx | grep -qi "storage=\"[^\"]*/${assembly}\""; then
    echo "no test results from $project (its test host crashed or never ran)"
    missing=$((missing + 1))
  fi
done
[ "$errored" -eq 0 ] || echo "$errored tests errored, timed out or were aborted"
[ "$crashes" -eq 0 ] || echo "$crashes errors reported by the test platform (e.g. a test host crash)"
trouble=$((failed + errored + crashes + missing))
# dotnet test failed although nothing above shows why: still a failure.
[ "$status" -eq 0 ] || [ "$trouble" -gt 0 ] || [ "$skipped" -gt 0 ] || { echo "dotnet test exited with $status"; trouble=1; }
[ "$passed" -gt 0 ] || trouble=$((trouble > 0 ? trouble : 1))

line="$passed passed, $trouble failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
[ "$trouble" -eq 0 ] && [ "$skipped" -eq 0 ]
