#!/usr/bin/env bash
# A real Redis server for the tests: Debian's redis-server on a free loopback port, with a password
# made for this run (so authentication is exercised), nothing saved to disk.
#
#   scripts/redis-server.sh start <state-dir>          start it, write <state-dir>/env
#   scripts/redis-server.sh stop <state-dir>           stop it, remove <state-dir>
#   scripts/redis-server.sh stop-server <state-dir>    stop it, keep port and password (fault tests)
#   scripts/redis-server.sh start-server <state-dir>   start it again on the same port with the same password
#   scripts/redis-server.sh restart <state-dir>        stop-server, then start-server
#
# Nothing is saved (--save "" --appendonly no): a server started again holds no data.
# Installs nothing: the Debian package redis-server must be there (build.sh test installs it).
#
# <state-dir> afterwards holds:
#   env             PROMPTWATCH_TEST_REDIS (host:port), PROMPTWATCH_TEST_REDIS_PASSWORD and
#                   PROMPTWATCH_TEST_REDIS_STATE_DIR (KEY=value lines)
#   settings        "<port> <password>", kept while the folder lives
#   redis.conf      the server's configuration (holds the password; the folder is private)
#   redis.pid       the running server's pid
#   redis.log       its log
set -euo pipefail

# Seconds to wait for the server to answer PING, and for a stopped server to exit.
readonly WAIT_SECONDS=${REDIS_SERVER_WAIT_SECONDS:-20}

usage() {
  echo "usage: $0 start|stop|stop-server|start-server|restart <state-dir>" >&2
  exit 2
}

[ $# -eq 2 ] || usage
command=$1
[ "$command" != stop ] || [ -d "$2" ] || exit 0
if [ "$command" = start ]; then
  mkdir -p "$2"
  chmod 700 "$2"
fi
[ -d "$2" ] || { echo "redis-server: no folder $2" >&2; exit 1; }
state=$(cd "$2" && pwd)

SERVICE=redis-server
# shellcheck source=service-lib.sh
. "$(dirname "$0")/service-lib.sh"

# True when pid is alive and is the server of this state folder (its command line names our
# redis.conf), so that a reused pid of another process is never signalled.
is_ours() {
  local cmdline
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ "$cmdline" == *"$state/redis.conf"* ]] || [[ "$cmdline" == *"redis-server 127.0.0.1:$port"* ]]
}

read_settings() {
  [ -f "$state/settings" ] || fail "$state holds no server: run start first"
  read -r port password <"$state/settings"
}

# Starts the server on the recorded port and waits until it answers PING.
start_server() {
  read_settings
  if [ -n "$(ss -Hltn "sport = :$port")" ]; then
    fail "port $port is already taken: is the server still running?"
  fi
  # The password goes into the configuration file, not onto the command line where any user
  # could read it.
  cat >"$state/redis.conf" <<CONF
port $port
bind 127.0.0.1
save ""
appendonly no
daemonize yes
pidfile $state/redis.pid
logfile $state/redis.log
dir $state
requirepass $password
CONF
  chmod 600 "$state/redis.conf"
  rm -f "$state/redis.pid"
  redis-server "$state/redis.conf" >>"$state/redis.log" 2>&1 || { tail -n 20 "$state/redis.log" >&2; fail "redis-server did not start"; }
  local deadline=$((SECONDS + WAIT_SECONDS)) answer
  while :; do
    answer=$(REDISCLI_AUTH="$password" timeout 2 redis-cli -h 127.0.0.1 -p "$port" --no-auth-warning ping 2>/dev/null || true)
    [ "$answer" = PONG ] && break
    if [ $SECONDS -ge $deadline ]; then
      tail -n 20 "$state/redis.log" >&2 || true
      fail "redis-server did not answer PING on 127.0.0.1:$port within ${WAIT_SECONDS}s (last answer: ${answer:-none})"
    fi
    sleep 0.1
  done
}

# Stops the server (SIGTERM, then SIGKILL after WAIT_SECONDS) and waits until it is gone.
stop_server() {
  read_settings
  [ -s "$state/redis.pid" ] || return 0
  terminate "$(<"$state/redis.pid")" "$WAIT_SECONDS" redis-server || exit 1
  rm -f "$state/redis.pid"
}

start() {
  for tool in redis-server redis-cli ss od; do
    command -v "$tool" >/dev/null || fail "$tool is missing (Debian packages redis-server iproute2)"
  done
  [ ! -f "$state/settings" ] || fail "$state already holds a server; stop it first"
  local password
  password=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
  echo "$(free_port) $password" >"$state/settings"
  chmod 600 "$state/settings"
  start_server
  cat >"$state/env" <<ENV
PROMPTWATCH_TEST_REDIS=127.0.0.1:$port
PROMPTWATCH_TEST_REDIS_PASSWORD=$password
PROMPTWATCH_TEST_REDIS_STATE_DIR=$state
ENV
}

case "$command" in
  start)
    start
    echo "Redis on 127.0.0.1:$port (state in $state)"
    ;;
  stop)
    if [ -f "$state/settings" ]; then
      stop_server
      rm -rf "$state"
    elif [ -z "$(ls -A "$state")" ]; then
      rmdir "$state"
    else
      fail "$state is no state folder of this script; left as it is"
    fi
    ;;
  stop-server) stop_server ;;
  start-server) start_server ;;
  restart)
    stop_server
    start_server
    ;;
  *) usage ;;
esac
