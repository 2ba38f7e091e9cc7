#!/usr/bin/env bash
# End-to-end benchmark: CniBot's /api/messages against a stock Bot Framework echo bot, same load, same machine,
# one after the other so that each has the machine to itself. Everything runs on 127.0.0.1.
# Usage: benchmarks/e2e.sh [--concurrency 32] [--seconds 20] [--warmup 20]
set -euo pipefail
cd "$(dirname "$0")/.."
# Warm-up: with both cores saturated, the tiered JIT needs well over 5 s to bring a real search's code to its
# optimised tier (CniBot uncached measured about 40 % lower after 5 s than after 20 s); a server runs for days, so
# every server here is measured warm, after the same warm-up.
concurrency=32 seconds=20 warmup=20
while [ $# -gt 0 ]; do case "$1" in --concurrency) concurrency=$2; shift 2;; --seconds) seconds=$2; shift 2;; --warmup) warmup=$2; shift 2;; *) echo "unknown option $1" >&2; exit 2;; esac; done

for project in src/CniBot.Host benchmarks/EchoBot benchmarks/CniBot.LoadTest benchmarks/CniBot.Benchmarks; do dotnet build "$project" -c Release -nologo -v quiet >/dev/null; done
free_port() { python3 - 2>/dev/null <<'PY' || echo $((20000 + RANDOM % 20000))
import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])
PY
}
wait_ready() { for _ in $(seq 1 300); do curl -sf "$1/readyz" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "error: $1 never became ready" >&2; return 1; }
# The development set's real questions (long, symptom-first, in both languages), rotated by every run, so that with
# the answer cache off each request is a real search of the kind the bot gets.
questions=$(mktemp)
python3 benchmarks/real-questions.py "$questions"
echo "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$questions") real questions rotated" >&2
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

run() { # name project-dll [VAR=value for the server]
  local name=$1 dll=$2 extra=${3:-} port; port=$(free_port)
  local started; started=$(date +%s%N)
  # The load generator is one user in one conversation: turn limits off, or they would be what is measured.
  # No Bot Framework tokens (allowed on purpose), and the load generator's serviceUrl on 127.0.0.1 (expectReplies:
  # nothing is posted there).
  env $extra Data__Path="$(mktemp -d)" RateLimits__UserTurnsPerWindow=0 RateLimits__ConversationTurnsPerWindow=0 \
    BotFramework__AllowAnonymous=true BotFramework__AllowedServiceUrlHosts__0=127.0.0.1 dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  local pid=$!; pids+=("$pid")
  wait_ready "http://127.0.0.1:$port"
  local ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  echo "$name ready ${ready_ms} ms after start; RSS $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB" >&2
  # Captured, then shown on stderr: "tee /dev/stderr" would reopen a redirected stderr at offset 0 and overwrite it.
  local out; out=$(dotnet benchmarks/CniBot.LoadTest/bin/Release/net10.0/CniBot.LoadTest.dll "http://127.0.0.1:$port/api/messages" \
    --concurrency "$concurrency" --seconds "$seconds" --warmup "$warmup" --label "$name" --questions "$questions")
  echo "$out" >&2
  grep '^RESULT' <<<"$out"
  echo "$name RSS after load $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB" >&2
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo_result=$(run echo-bot benchmarks/EchoBot/bin/Release/net10.0/EchoBot.dll)
# CniBot's host runs the workstation GC (see src/CniBot.Host/CniBot.Host.csproj); the stock echo bot, ASP.NET's
# default server GC. The echo bot with the same GC is the second reference, so no ratio comes from the GC alone.
echo_wks_result=$(run echo-bot-workstation-gc benchmarks/EchoBot/bin/Release/net10.0/EchoBot.dll DOTNET_gcServer=0)
cnibot_result=$(run cnibot src/CniBot.Host/bin/Release/net10.0/CniBot.Host.dll)
# The same questions with the answer cache off: every request searches.
uncached_result=$(run cnibot-uncached src/CniBot.Host/bin/Release/net10.0/CniBot.Host.dll Search__AnswerCacheEntries=0)
for reference in "$echo_result" "$echo_wks_result"; do
  read -r _ echo_name echo_rps _ echo_p99 _ <<<"$reference"
  for result in "$cnibot_result" "$uncached_result"; do
    read -r _ name rps _ p99 _ <<<"$result"
    awk -v n="$name" -v e="$echo_name" -v a="$rps" -v b="$echo_rps" -v c="$p99" -v d="$echo_p99" 'BEGIN {
      printf "%s vs %s: throughput %.0f req/s = %.1f %% (target >= 90 %%); p99 %.2f ms = %.2fx (target <= 1.5x)\n", n, e, a, 100*a/b, c, c/d }'
  done
done

# Memory and start-up with 10,000 generated sections (half English, half Chinese): start, wait for /readyz, read RSS.
corpus=$(mktemp -d)
dotnet benchmarks/CniBot.Benchmarks/bin/Release/net10.0/CniBot.Benchmarks.dll corpus 10000 "$corpus/knowledge" >/dev/null
port=$(free_port); started=$(date +%s%N)
env Knowledge__Path="$corpus/knowledge" Data__Path="$corpus/data" BotFramework__AllowAnonymous=true dotnet src/CniBot.Host/bin/Release/net10.0/CniBot.Host.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!; pids+=("$pid")
wait_ready "http://127.0.0.1:$port"
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
sleep 1 # let the first collection after the build settle
echo "cnibot with 10,000 sections: ready ${ready_ms} ms after start; RSS $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB (target < 300 MB)"
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$corpus"
