#!/usr/bin/env bash
# Runs every CniBot test. On a fresh Debian machine with the .NET SDK it first installs what the tests need.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Search"]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 2
fi

# What the tests and the build need beyond the SDK, installed with apt when missing (through sudo when not root):
# redis-server for the scale-out tests (they start their own on 127.0.0.1, never the system one), Debian's chromium
# for the chat page's browser test (never a downloaded browser), npm for the chat page's libraries (npm ci).
need() { # command package...
  command -v "$1" >/dev/null 2>&1 && return 0
  shift
  echo "installing $* for the tests"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >/dev/null
}
need redis-server redis-server
need chromium chromium
need npm nodejs npm

results="artifacts/test-results"
rm -rf "$results"
dotnet build CniBot.sln -c Release -nologo -v quiet
# The container image's publish command (deploy/docker/Dockerfile), into a throwaway folder, so that a publish that
# breaks fails here rather than in the image build. DeploymentTests holds the two commands to the same text up to -o.
rm -rf artifacts/publish
dotnet publish src/CniBot.Host -c Release -o artifacts/publish -nologo -v quiet
dotnet test CniBot.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" "$@"

# One closing line over all test projects; a run that executed no test is a failure, never a pass.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "error: no test ran" >&2
  exit 1
fi
