#!/usr/bin/env bash
# A gateway as a new user starts it (`./tollgate start`, the launcher's defaults) under load:
# its peak RSS, its requests/s and its GC pauses (docs/benchmarks.md, "Memory and the launcher's
# defaults"). Starts the mock LLM and the gateway on free loopback ports with a temporary data
# dir, configures the AI chain of the suite's scenario 4 (key-auth, rate-limiting,
# ai-prompt-decorator, ai-sanitizer, ai-proxy; usage records on) and a plain route, then runs wrk
# for the given time while sampling the JVM's RSS every half second.
#   bench/start-memory.sh [--seconds 120] [--route ai|plain] [--connections 32]
# Extra JVM flags to compare (a collector, another heap) go in TOLLGATE_JAVA_OPTS or
# TOLLGATE_HEAP, as for ./tollgate start. Everything it starts is stopped on exit. Needs wrk.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_LOAD=120 ROUTE=ai CONNECTIONS=32
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_LOAD="$2"; shift 2 ;;
    --route) ROUTE="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    *) echo "start-memory.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "start-memory.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }

. "$ROOT/bench/lib.sh"
bench_setup start-memory

admin() { # PATH JSON
  curl -sf -X POST "http://127.0.0.1:$ADMIN_PORT$1" -H 'Content-Type: application/json' -d "$2" >/dev/null \
    || { echo "start-memory.sh: admin POST $1 failed" >&2; tail -20 "$TMP/gateway.log" >&2; exit 1; }
}

MOCK_PORT=$(free_port); PROXY_PORT=$(free_port); ADMIN_PORT=$(free_port)
mkdir -p "$TMP/data" "$TMP/plugins"
(cd "$TMP" && exec "$ROOT/tollgate" mock-llm --host 127.0.0.1 --port "$MOCK_PORT" --token-delay-ms 0) >"$TMP/mock.log" 2>&1 &
PIDS+=($!)
export TOLLGATE_JAVA_OPTS="${TOLLGATE_JAVA_OPTS:-} -Xlog:gc:file=$TMP/gc.log"
(cd "$TMP" && exec "$ROOT/tollgate" start --proxy.host=127.0.0.1 --proxy.port="$PROXY_PORT" --admin.port="$ADMIN_PORT" \
  --status.port=off --ui.port=off --data-dir="$TMP/data" --plugins-dir="$TMP/plugins") >"$TMP/gateway.log" 2>&1 &
GATEWAY=$!
PIDS+=($GATEWAY)
wait_http "http://127.0.0.1:$ADMIN_PORT/status" 120 || { echo "start-memory.sh: gateway did not start" >&2; tail -20 "$TMP/gateway.log" >&2; exit 1; }
wait_http "http://127.0.0.1:$MOCK_PORT/v1/models" 60 || { echo "start-memory.sh: mock LLM did not start" >&2; exit 1; }
CHAT="http://127.0.0.1:$MOCK_PORT/v1/chat/completions"
admin /services "{\"name\":\"mock\",\"url\":\"$CHAT\"}"
admin /services/mock/routes '{"name":"plain","paths":["/plain"]}'
admin /services/mock/routes '{"name":"ai","paths":["/ai"]}'
admin /consumers '{"username":"app"}'
admin /consumers/app/key-auth '{"key":"start-memory-key"}'
admin /routes/ai/plugins '{"name":"key-auth"}'
admin /routes/ai/plugins '{"name":"rate-limiting","config":{"minute":1000000000,"policy":"local"}}'
admin /routes/ai/plugins '{"name":"ai-prompt-decorator","config":{"prompts":{"prepend":[{"role":"system","content":"Answer as the help desk."}]}}}'
admin /routes/ai/plugins '{"name":"ai-sanitizer"}'
admin /routes/ai/plugins "{\"name\":\"ai-proxy\",\"config\":{\"route_type\":\"llm/v1/chat\",\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o-mini\",\"options\":{\"upstream_url\":\"$CHAT\"}}}}"
sleep 1.5 # the configuration reaches the proxy within the poll interval

JVM=$(pgrep -P "$GATEWAY" java || echo "$GATEWAY")
cat >"$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["apikey"] = "start-memory-key"
wrk.body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"My laptop does not connect to the VPN since this morning; what should I try?"}],"mock_tokens":300}'
LUA
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" -s "$TMP/post.lua" "http://127.0.0.1:$PROXY_PORT/$ROUTE" >"$TMP/wrk.txt" &
WRK=$!
peak=0
while kill -0 "$WRK" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$JVM/status" 2>/dev/null || echo 0)
  (( rss > peak )) && peak=$rss
  sleep 0.5
done
wait "$WRK" || true
flags=$("$ROOT/tollgate" jvm-flags | cut -d' ' -f1-2)
# Stop-the-world pauses as -Xlog:gc names them (G1, Parallel, Serial: "Pause ..."); ZGC logs its
# (sub-millisecond) pauses only under -Xlog:gc+phases, so it shows none here.
pauses=$( { grep 'Pause' "$TMP/gc.log" || true; } | grep -oE '[0-9.]+ms$' | tr -d 'ms' | sort -n \
  | awk '{a[NR]=$1} END {if (NR) printf "%d pauses, p50 %.1f ms, p99 %.1f ms, max %.1f ms", NR, a[int(NR*0.5)+0], a[int((NR-1)*0.99)+1], a[NR]; else printf "no pauses logged"}') || true
echo "route /$ROUTE, $CONNECTIONS connections, ${SECONDS_LOAD} s; launcher flags: $flags ${TOLLGATE_JAVA_OPTS% -Xlog*}"
echo "  $(grep -E 'Requests/sec' "$TMP/wrk.txt" | tr -s ' ')$(grep -E 'Non-2xx|Socket errors' "$TMP/wrk.txt" | tr -s ' ' | sed 's/^/; /' | tr -d '\n')"
echo "  peak RSS $((peak / 1024)) MB; GC: $pauses"
