# Shared by the benchmark scripts in bench/: a temporary work dir, the processes to stop on exit,
# free loopback ports, and waiting for an HTTP listener. Source it, then call bench_setup NAME.

# bench_setup NAME: TMP is a fresh directory, PIDS the processes to stop; both go on exit.
bench_setup() {
  TMP="$(mktemp -d -t "tollgate-$1.XXXXXX")"
  PIDS=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  for pid in "${PIDS[@]}"; do pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_http() { # URL SECONDS: true once anything answers there
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  return 1
}
