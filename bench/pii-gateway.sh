#!/usr/bin/env bash
# Gateway throughput with the JS PII masker vs the same logic as a Java plugin (docs/benchmarks.md).
# Starts the mock LLM (no token delay) and a gateway on free loopback ports, with a temporary data
# dir and a plugins dir holding the bench jar (pii-masker-java) and pii-masker.js; routes /js and
# /java to the mock's chat endpoint with one masker each; then alternates wrk runs on the two
# routes with the same ~2 KB chat body (bench Prompts #0) and prints requests/s and the ratio.
#   bench/pii-gateway.sh [--rounds 5] [--duration 5s] [--warmup 20s] [--threads 2] [--connections 32]
# Everything it starts is stopped on exit. Needs wrk (installed with apt-get when missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=5 DURATION=5s THREADS=2 CONNECTIONS=32 WARMUP=20s
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    *) echo "pii-gateway.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

BENCH_JAR="$ROOT/bench/target/tollgate-bench.jar"
if [[ ! -f "$BENCH_JAR" || ! -f "$ROOT/host/target/tollgate-host.jar" || ! -f "$ROOT/mock-llm/target/tollgate-mock-llm.jar" ]]; then
  "$ROOT/tollgate" build
fi
if ! command -v wrk >/dev/null; then
  echo "pii-gateway.sh: installing wrk" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
fi
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

. "$ROOT/bench/lib.sh"
bench_setup pii-bench

admin() { # METHOD PATH ARGS...
  local m="$1" p="$2"; shift 2
  curl -sf -X "$m" "http://127.0.0.1:$ADMIN_PORT$p" "$@" >/dev/null \
    || { echo "pii-gateway.sh: admin $m $p failed" >&2; tail -20 "$TMP/gateway.log" >&2; exit 1; }
}

MOCK_PORT=$(free_port); PROXY_PORT=$(free_port); ADMIN_PORT=$(free_port)
mkdir -p "$TMP/data" "$TMP/plugins"
cp "$BENCH_JAR" "$TMP/plugins/"
cp "$ROOT/script-plugins/examples/pii-masker.js" "$TMP/plugins/"

(cd "$TMP" && exec "$ROOT/tollgate" mock-llm --host 127.0.0.1 --port "$MOCK_PORT" --token-delay-ms 0) >"$TMP/mock.log" 2>&1 &
PIDS+=($!)
(cd "$TMP" && exec "$ROOT/tollgate" start --proxy.host=127.0.0.1 --proxy.port="$PROXY_PORT" --admin.port="$ADMIN_PORT" --status.port=off \
  --data-dir="$TMP/data" --plugins-dir="$TMP/plugins") >"$TMP/gateway.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$ADMIN_PORT/status" 60 || { echo "pii-gateway.sh: gateway did not start" >&2; tail -20 "$TMP/gateway.log" >&2; exit 1; }
wait_http "http://127.0.0.1:$MOCK_PORT/v1/models" 30 || { echo "pii-gateway.sh: mock LLM did not start" >&2; tail -20 "$TMP/mock.log" >&2; exit 1; }
for ((i = 0; i < 100; i++)); do
  enabled=$(curl -sf "http://127.0.0.1:$ADMIN_PORT/plugins/enabled" || true)
  [[ "$enabled" == *'"pii-masker"'* && "$enabled" == *'"pii-masker-java"'* ]] && break
  sleep 0.1
done
[[ "$enabled" == *'"pii-masker-java"'* && "$enabled" == *'"pii-masker"'* ]] || { echo "pii-gateway.sh: plugins not loaded: $enabled" >&2; exit 1; }

admin POST /services --data name=mock-llm --data "url=http://127.0.0.1:$MOCK_PORT/v1/chat/completions"
admin POST /services/mock-llm/routes --data name=js --data "paths[]=/js"
admin POST /services/mock-llm/routes --data name=java --data "paths[]=/java"
admin POST /routes/js/plugins --data name=pii-masker
admin POST /routes/java/plugins --data name=pii-masker-java

"$JAVA" -cp "$BENCH_JAR" dev.tollgate.bench.pii.Prompts 0 >"$TMP/body.json"
{
  echo 'wrk.method = "POST"'
  echo 'wrk.headers["Content-Type"] = "application/json"'
  printf 'wrk.body = [==[%s]==]\n' "$(cat "$TMP/body.json")"
} >"$TMP/post.lua"

# Both routes must answer 200 and send the mock a masked prompt before anything is measured.
for path in js java; do
  for ((i = 0; i < 50; i++)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$TMP/body.json" \
      "http://127.0.0.1:$PROXY_PORT/$path")
    [[ "$code" == 200 ]] && break
    sleep 0.1
  done
  [[ "$code" == 200 ]] || { echo "pii-gateway.sh: /$path answered $code" >&2; tail -20 "$TMP/gateway.log" >&2; exit 1; }
  seen=$(curl -sf "http://127.0.0.1:$MOCK_PORT/__mock/requests")
  [[ "$seen" == *'[EMAIL]'* && "$seen" == *'[PHONE]'* ]] \
    || { echo "pii-gateway.sh: the mock got an unmasked prompt through /$path" >&2; exit 1; }
  curl -sf -X DELETE "http://127.0.0.1:$MOCK_PORT/__mock/requests" >/dev/null
done

run_wrk() { # PATH DURATION -> requests/s
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" -s "$TMP/post.lua" "http://127.0.0.1:$PROXY_PORT/$1")
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "pii-gateway.sh: /$1: $(grep 'Non-2xx' <<<"$out" | xargs); the gateway said:" >&2
    grep -E 'WARN|SEVERE|ERROR' "$TMP/gateway.log" | tail -5 >&2 || true
  fi
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "pii-gateway.sh: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, POST $(wc -c <"$TMP/body.json") bytes; warm-up $WARMUP per route"
# GraalJS and C2 keep compiling for a minute or two under load on 2 shared cores (throughput
# rose 4x between the 1st and the 10th 5 s run): warm both routes, alternating, at least
# --warmup, then until each route's last two runs agree within 15% (at most 180 s in all).
stable() { awk -v a="$1" -v b="$2" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(a > 0 && d / a < 0.15)}'; }
warm=${WARMUP%s} spent=0 pj=0 pv=0
while :; do
  j=$(run_wrk js 5s); v=$(run_wrk java 5s); spent=$((spent + 10))
  echo "pii-gateway.sh: warm-up ${spent}s: /js $j, /java $v req/s" >&2
  if ((spent >= warm)) && stable "$j" "$pj" && stable "$v" "$pv"; then break; fi
  if ((spent >= 180)); then echo "pii-gateway.sh: still not stable after ${spent}s of warm-up; measuring anyway" >&2; break; fi
  pj=$j pv=$v
done
JS=() JV=() RT=()
echo
echo "| round | /js (pii-masker) req/s | /java (pii-masker-java) req/s | JS/Java |"
echo "|---:|---:|---:|---:|"
for ((r = 1; r <= ROUNDS; r++)); do
  js=$(run_wrk js "$DURATION"); jv=$(run_wrk java "$DURATION")
  JS+=("$js"); JV+=("$jv"); RT+=("$(awk -v a="$js" -v b="$jv" 'BEGIN {printf "%.2f", a / b}')")
  echo "| $r | $js | $jv | ${RT[-1]} |"
done
mj=$(median "${JS[@]}"); mv=$(median "${JV[@]}")
ratio=$(awk -v a="$mj" -v b="$mv" 'BEGIN {printf "%.2f", a / b}')
echo "| median | $mj | $mv | $ratio |"
echo
rr=$(median "${RT[@]}")
echo "JS/Java throughput: ratio of the medians $ratio, median of the rounds' ratios $rr;" \
  "target >= 0.80: $(awk -v a="$ratio" -v b="$rr" 'BEGIN {print (a >= 0.8 && b >= 0.8) ? "met" : (a >= 0.8 || b >= 0.8) ? "inconclusive" : "NOT met"}')"
