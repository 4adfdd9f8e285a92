#!/usr/bin/env bash
# Sets up everything the tests need (redis-server, chromium, front-end assets) and runs all tests.
# The test fixtures start their own redis-server on free loopback ports.
# Ends with the line "N passed, N failed" counted from the TRX results.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser || exit 1

results=TestResults
rm -rf "$results"
dotnet test LiveSession.sln --nologo --logger "trx" --results-directory "$results" "$@"
status=$?

read -r passed failed < <(cat "$results"/*.trx 2>/dev/null \
  | grep -o '<Counters [^>]*' \
  | sed -E 's/.* passed="([0-9]+)".* failed="([0-9]+)".*/\1 \2/' \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then exit 1; fi
