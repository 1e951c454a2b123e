#!/usr/bin/env bash
# Runs every test project of ChatOpsIR and ends with one line "N passed, N failed".
# It starts what the tests need: a throwaway PostgreSQL cluster on a free port (installed with apt-get when
# missing) unless CHATOPSIR_TEST_POSTGRES already names a server, Debian's Chromium for the browser tests, and the
# OpenID Connect provider the sign-in tests run (tests/oidc-provider, installed with npm ci; Node.js 18 or later).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq >&2 || { log "apt-get update failed"; return 1; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >&2
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_dir=""
pg_ctl_cmd=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -n "$pg_ctl_cmd" ]; then
    $pg_ctl_cmd -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT

start_postgres() {
  local bin
  bin=$(pg_bin)
  if [ -z "$bin" ]; then
    log "installing PostgreSQL"
    apt_install postgresql
    bin=$(pg_bin)
  fi
  [ -n "$bin" ] || { log "PostgreSQL is not available"; exit 1; }

  local port
  for port in $(shuf -i 15432-25432 -n 20); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done

  pg_dir=$(mktemp -d /tmp/chatopsir-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$pg_dir"
    run=(runuser -u postgres --)
  fi
  chmod 700 "$pg_dir"
  "${run[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; exit 1; }
  pg_ctl_cmd="${run[*]} $bin/pg_ctl"
  "${run[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; exit 1; }
  export CHATOPSIR_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Timeout=30"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
}

if [ -z "${CHATOPSIR_TEST_POSTGRES:-}" ]; then
  start_postgres
fi

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium for the browser tests"
  apt_install chromium || log "Chromium could not be installed; the browser tests will fail"
fi

if ! command -v npm >/dev/null 2>&1; then
  log "installing Node.js and npm for the sign-in tests' OpenID Connect provider"
  apt_install nodejs npm || true
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  log "npm and node are missing and could not be installed: the sign-in tests need them (tests/oidc-provider). Install Node.js 18 or later."
  exit 1
fi
log "installing the test OpenID Connect provider (npm ci, Node $(node --version))"
npm ci --prefix tests/oidc-provider --no-audit --no-fund --loglevel=error >&2

log "building"
dotnet build ChatOpsIR.sln -nologo -v:q -clp:ErrorsOnly

status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  log "testing $name"
  dotnet test "$project" --no-build -nologo -v:q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  log "a test project failed to run"
fi

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
