#!/usr/bin/env bash
# Soak and fault test: the host as deploy/kubernetes runs it (Redis for state, Slack on) under 32 connections of
# mixed traffic for 180 s while its Redis is killed and restarted; exits non-zero on any unexpected status, lost
# rating, unanswered Slack event or memory that does not stay flat. Everything runs on 127.0.0.1.
# Needs redis-server and redis-cli (./test.sh installs them). Usage: benchmarks/soak.sh [--seconds 180] [--concurrency 32] ...
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/CniBot.Host benchmarks/CniBot.Soak; do dotnet build "$project" -c Release -nologo -v quiet >/dev/null; done
questions=$(mktemp)
trap 'rm -f "$questions"' EXIT
python3 benchmarks/real-questions.py "$questions"
dotnet benchmarks/CniBot.Soak/bin/Release/net10.0/CniBot.Soak.dll --repository . --questions "$questions" "$@"
