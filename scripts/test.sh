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

# (No "grep -q" after a pipe: under pipefail the writer's SIGPIPE would turn a match into a failure.)
trx() { cat "$results"/*.trx 2>/dev/null; }
# Sum of one attribute of the <Counters> element over the given TRX text.
counter() { grep -o '<Counters [^>]*' | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
count() { trx | counter "$1"; }

passed=$(count passed)
failed=$(count failed)
errored=$(( $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(count notExecuted)
# A run that did not complete although none of its tests failed: the test host crashed or the run was aborted.
crashes=0
for file in "$results"/*.trx; do
  [ -e "$file" ] || continue
  grep -o '<ResultSummary [^>]*' "$file" | grep -o 'outcome="Completed"' > /dev/null && continue
  bad=$(( $(counter failed < "$file") + $(counter error < "$file") + $(counter timeout < "$file") + $(counter aborted < "$file") ))
  [ "$bad" -gt 0 ] || crashes=$((crashes + 1))
done
missing=0
# With a filter (arguments given) some projects rightly run nothing; without one, each must report results.
[ $# -gt 0 ] || for project in $(dotnet sln LiveSession.sln list | grep -E '^tests/.*Tests\.csproj$'); do
  assembly=$(basename "$project" .csproj).dll
  if [ -z "$(grep -li "storage=\"[^\"]*/${assembly}\"" "$results"/*.trx 2>/dev/null)" ]; then
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
