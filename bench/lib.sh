#!/usr/bin/env bash
# Sourced by the proxy's measuring scripts (bench-proxy, proxy-cpu, proxy-instructions): the
# set-up they all need, written once. Each script picks free ports, starts the server-profile
# sandbox and the proxy, the bare forwarder or nginx on 127.0.0.1, waits for them, fetches the
# credentials or the browser cookie its load needs, and stops everything on exit.
#
# Sourcing it builds nothing and starts nothing; it sets `work` (a fresh temporary directory)
# and `pids` (what to stop), and traps EXIT to stop them and remove `work` (copied first to
# KEEP_WORK when that is set, e.g. to read proxy-instructions' callgrind dumps afterwards).

ADDRESS=${ADDRESS:-"1 Calle Sol, San Juan"}

work=$(mktemp -d)
pids=()
bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${KEEP_WORK:-}" ]; then
    rm -rf "$KEEP_WORK" && cp -r "$work" "$KEEP_WORK"
  fi
  rm -rf "$work"
}
trap bench_cleanup EXIT INT TERM

# The server-profile binaries in BIN_DIR, built first when BIN_DIR is not given.
bench_binaries() {
  if [ -z "${BIN_DIR:-}" ]; then
    cargo build --locked --quiet --profile server -p checkout-proxy -p checkout-sandbox --bins \
      -p bare-forward
    BIN_DIR=${CARGO_TARGET_DIR:-target}/server
  fi
}

free_ports() { # count: that many free 127.0.0.1 ports, on one line
  python3 - "$1" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
EOF
}

wait_for() { # url, log[, tries of 0.1 s (default 100)]
  for _ in $(seq 1 "${3:-100}"); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "not answering: $1" >&2
  tail -20 "$2" >&2
  return 1
}

# The sandbox on a port, with a fresh database in `work`; sets sandbox_pid.
start_sandbox() { # port
  SANDBOX_ADDR=127.0.0.1:$1 SANDBOX_DB=$work/sandbox.sqlite \
    "$BIN_DIR/checkout-sandbox" >"$work/sandbox.log" 2>&1 &
  sandbox_pid=$!
  pids+=("$sandbox_pid")
  wait_for "http://127.0.0.1:$1/healthz" "$work/sandbox.log"
}

# Our proxy on a port in front of the sandbox at a URL, optionally run under a wrapper command
# (valgrind); sets proxy_pid. The rate limit is per client IP and a load generator is one
# client: it is taken out of the way.
start_proxy() { # port, upstream url[, wrapper…]
  local port=$1 upstream=$2
  shift 2
  PROXY_ADDR=127.0.0.1:$port UPSTREAM_URL=$upstream DIST_DIR=$work/dist \
    RATE_LIMIT_BURST=1000000000 RATE_LIMIT_PERIOD_MS=1 \
    "$@" "$BIN_DIR/checkout-proxy" >"$work/proxy.log" 2>&1 &
  proxy_pid=$!
  pids+=("$proxy_pid")
  wait_for "http://127.0.0.1:$port/readyz" "$work/proxy.log" 300
}

# bench/bare-forward on a port in front of a URL, optionally under a wrapper; sets bare_pid.
start_bare() { # port, upstream url[, wrapper…]
  local port=$1 upstream=$2
  shift 2
  BARE_ADDR=127.0.0.1:$port UPSTREAM_URL=$upstream \
    "$@" "$BIN_DIR/bare-forward" >"$work/bare.log" 2>&1 &
  bare_pid=$!
  pids+=("$bare_pid")
  wait_for "http://127.0.0.1:$port/healthz" "$work/bare.log" 300
}

# What our proxy holds for a browser, fetched straight from the sandbox for the loads that
# bypass the proxy: sets token and session_id.
upstream_credentials() { # sandbox url
  token=$(curl -fsS "$1/oauth2/token" -d grant_type=client_credentials \
    -d client_id=checkout-dev -d client_secret=sandbox-dev-secret |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  session_id=$(curl -fsS -o /dev/null -D - -X POST "$1/session" \
    -H "authorization: Bearer $token" -H "client-id: checkout-dev" -H "correlationId: bench" |
    tr -d '\r' | sed -n 's/^session-id: //Ip')
  [ -n "$token" ] && [ -n "$session_id" ] || { echo "could not get a token and session" >&2; return 1; }
}

# One browser session on the proxy: the first eligibility call starts it (and its upstream
# session), so every measured request reuses one session and makes one upstream call.
proxy_cookie() { # proxy base url: prints the cookie
  local cookie
  cookie=$(curl -fsS -o /dev/null -D - "$1/api/v1/eligibility" -H "x-checkout-csrf: 1" \
    -H "content-type: application/json" -d "{\"address\":\"$ADDRESS\"}" |
    tr -d '\r' | sed -n 's/^set-cookie: \([^;]*\).*/\1/Ip')
  [ -n "$cookie" ] || { echo "the proxy gave no session cookie" >&2; return 1; }
  echo "$cookie"
}

# nginx as anyone would put it in front of an HTTP/1.1 service: upstream keep-alive on, no
# access log (our proxy writes none per request either); sets nginx_pid. The first argument is
# its process model: "auto" (a master and one worker per core) or "single" (one process, no
# master, as valgrind needs it).
start_nginx() { # auto|single, port, sandbox port[, wrapper…]
  local model=$1 port=$2 upstream_port=$3 processes="worker_processes auto;"
  shift 3
  [ "$model" = single ] && processes="master_process off; worker_processes 1;"
  mkdir -p "$work/nginx"
  sed -e "s#@PROCESSES@#$processes#" -e "s#@WORK@#$work#g" -e "s#@PORT@#$port#g" \
    -e "s#@UPSTREAM_PORT@#$upstream_port#g" bench/nginx.conf >"$work/nginx/nginx.conf"
  "$@" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" \
    >"$work/nginx.log" 2>&1 &
  nginx_pid=$!
  pids+=("$nginx_pid")
  wait_for "http://127.0.0.1:$port/healthz" "$work/nginx/error.log" 300
}

# CPU time (user + system, clock ticks) the processes have used so far, threads included.
ticks() { # pid…
  local pid
  for pid in "$@"; do awk '{ print $14 + $15 }' "/proc/$pid/stat"; done | awk '{ s += $1 } END { print s + 0 }'
}

post_lua() { # body[, more lua]: a wrk script POSTing the body; prints its path
  local f
  f=$(mktemp "$work/wrk-XXXX.lua")
  printf 'wrk.method = "POST"\nwrk.body = %s\n%s\n' "'$1'" "${2:-}" >"$f"
  echo "$f"
}
