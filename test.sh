#!/usr/bin/env bash
# Runs every CniBot test. On a fresh Debian machine with the .NET SDK it first installs what the tests need.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Search"]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 2
fi

# The scale-out tests start their own redis-server on 127.0.0.1 (never the system one): install it when missing.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server for the scale-out tests"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq redis-server >/dev/null
fi

# The chat page's browser test drives Debian's Chromium (never a downloaded browser): install it when missing.
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium for the chat page's browser test"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
fi

# The chat page's browser libraries come from the npm registry at build time (npm ci with the lock file).
if ! command -v npm >/dev/null 2>&1; then
  echo "installing nodejs and npm for the chat page's build"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq nodejs npm >/dev/null
fi

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
