#!/usr/bin/env bash
# A real S3 server for the tests: a single-node Ceph cluster (one monitor, one OSD on memstore,
# so nothing is written to disk but the state folder) with a radosgw S3 gateway on loopback.
#
#   scripts/s3-server.sh start <state-dir>          start everything, write <state-dir>/env
#   scripts/s3-server.sh stop <state-dir>           stop every daemon, remove <state-dir>
#   scripts/s3-server.sh stop-gateway <state-dir>   stop only radosgw (fault tests)
#   scripts/s3-server.sh start-gateway <state-dir>  start radosgw again on the same port
#
# Installs nothing: the Debian packages ceph-mon, ceph-osd and radosgw must be there
# (build.sh test installs them).
#
# <state-dir> afterwards holds:
#   ceph.conf  the cluster's only configuration (no file outside <state-dir> is read or written)
#   env        PROMPTWATCH_TEST_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY, _STATE_DIR (KEY=value lines)
#   pids       one "<daemon> <pid>" line per running daemon (mon.a, osd.0, client.rgw.a)
#   ports      "<monitor port> <gateway port>"
#   log/       the daemons' logs
set -euo pipefail

# Seconds to wait for each stage (monitor answering, gateway answering HTTP 200).
readonly WAIT_SECONDS=${S3_SERVER_WAIT_SECONDS:-60}
# Seconds a stopped daemon gets to exit after SIGTERM before it is sent SIGKILL.
readonly STOP_SECONDS=20

usage() {
  echo "usage: $0 start|stop|stop-gateway|start-gateway <state-dir>" >&2
  exit 2
}

[ $# -eq 2 ] || usage
command=$1
[ "$command" != stop ] || [ -d "$2" ] || exit 0
# An absolute path: the daemons change their working folder.
[ "$command" != start ] || mkdir -p "$2"
[ -d "$2" ] || { echo "s3-server: no folder $2" >&2; exit 1; }
state=$(cd "$2" && pwd)
conf="$state/ceph.conf"

SERVICE=s3-server
# shellcheck source=service-lib.sh
. "$(dirname "$0")/service-lib.sh"

# Prints the last lines of every log, so that a failure says why.
show_logs() {
  local log
  for log in "$state"/log/*.log; do
    [ -s "$log" ] || continue
    echo "--- last lines of $log" >&2
    tail -n 25 "$log" >&2
  done
}

# Prints n random bytes as upper-case hex (2n characters).
random_hex() {
  od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n' | tr 'a-f' 'A-F'
}

# True when pid is alive and is a daemon of this state folder (its command line names our
# ceph.conf), so that a reused pid of another process is never signalled.
is_ours() {
  local cmdline
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ "$cmdline" == *" $conf "* ]]
}

# Records the pid of a daemon that has just started, read from the pid file it writes once it
# has forked into the background.
record_pid() {
  local name=$1 pidfile="$state/run/$1.pid" waited=0 pid
  until [ -s "$pidfile" ] && pid=$(<"$pidfile") && is_ours "$pid"; do
    waited=$((waited + 1))
    [ $waited -le $((WAIT_SECONDS * 10)) ] || { show_logs; fail "$name wrote no pid file within ${WAIT_SECONDS}s"; }
    sleep 0.1
  done
  forget_pid "$name"
  echo "$name $pid" >>"$state/pids"
}

# Removes a daemon's line from the pids file.
forget_pid() {
  [ -f "$state/pids" ] || return 0
  local rest
  rest=$(grep -v "^$1 " "$state/pids" || true)
  if [ -n "$rest" ]; then echo "$rest" >"$state/pids"; else : >"$state/pids"; fi
}

# Stops the recorded daemons whose names match the pattern, newest first (the gateway, then the
# OSD, then the monitor: each shuts down in well under a second while the ones it talks to are
# still there, but waits for time-outs when they are gone). Each gets SIGTERM, then SIGKILL if it
# is still alive after STOP_SECONDS.
kill_daemons() {
  local pattern=$1 lines i name pid
  [ -f "$state/pids" ] || return 0
  mapfile -t lines <"$state/pids"
  for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
    read -r name pid <<<"${lines[i]}"
    [[ "$name" =~ $pattern ]] || continue
    # A daemon that survives SIGKILL is left behind with a message; the others are still stopped.
    terminate "$pid" "$STOP_SECONDS" "$name" || true
    forget_pid "$name"
  done
}

# Runs the ceph command line against this cluster, giving up after 30 s.
ceph_cli() {
  timeout 30 ceph -c "$conf" --connect-timeout 20 "$@"
}

# Runs one setup step with its output in log/setup.log; on failure shows the logs and stops.
step() {
  local what=$1
  shift
  echo "\$ $*" >>"$state/log/setup.log"
  "$@" </dev/null >>"$state/log/setup.log" 2>&1 || { show_logs; fail "$what failed"; }
}

# Like step, for a monitor command that may be refused while the cluster settles: on a busy machine the monitor
# sometimes answers a fresh client's command with "handle_command on fsid 00000000-..." (the client sent it before
# it had the monitor map). The commands retried are idempotent.
retried_step() {
  local what=$1 attempt
  shift
  for attempt in 1 2 3 4 5; do
    echo "\$ $* (attempt $attempt)" >>"$state/log/setup.log"
    "$@" </dev/null >>"$state/log/setup.log" 2>&1 && return 0
    sleep 1
  done
  show_logs
  fail "$what failed five times"
}

# Starts radosgw on the port recorded in the ports file and waits until it answers HTTP 200.
start_gateway() {
  local rgw_port
  read -r _ rgw_port <"$state/ports"
  if [ -n "$(ss -Hltn "sport = :$rgw_port")" ]; then
    fail "port $rgw_port is already taken: is the gateway still running?"
  fi
  step "starting radosgw" radosgw -c "$conf" -n client.rgw.a
  record_pid client.rgw.a
  # The first start creates the gateway's pools, which takes a few seconds.
  local deadline=$((SECONDS + WAIT_SECONDS)) code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$rgw_port/" || true)
    [ "$code" = 200 ] && break
    if [ $SECONDS -ge $deadline ]; then
      show_logs
      fail "radosgw did not answer HTTP 200 on 127.0.0.1:$rgw_port within ${WAIT_SECONDS}s (last answer: $code)"
    fi
    sleep 0.5
  done
}

start() {
  for tool in monmaptool ceph-mon ceph-osd radosgw radosgw-admin ceph curl ss; do
    command -v "$tool" >/dev/null || fail "$tool is missing (Debian packages ceph-mon ceph-osd radosgw curl iproute2)"
  done
  [ ! -e "$conf" ] || fail "$state already holds a cluster; stop it first"
  mkdir -p "$state/mon" "$state/osd" "$state/run" "$state/log" "$state/rgw"
  : >"$state/pids"

  local mon_port rgw_port fsid
  mon_port=$(free_port)
  rgw_port=$(free_port "$mon_port")
  echo "$mon_port $rgw_port" >"$state/ports"
  fsid=$(cat /proc/sys/kernel/random/uuid)

  # On a failure past this point, stop what was started but keep the logs for a look.
  trap '[ -f "$state/env" ] || kill_daemons "."' EXIT

  # v1 (legacy) messenger only, no authentication, one copy of every object, everything that
  # Ceph would otherwise put under /var or /etc inside the state folder.
  cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon allow pool delete = true
osd crush chooseleaf type = 0
run dir = $state/run
pid file = $state/run/\$name.pid
admin socket = $state/run/\$name.asok
log file = $state/log/\$name.log
mon cluster log file = $state/log/cluster.log
keyring = $state/keyring
crash dir = $state/crash

[mon.a]
mon data = $state/mon

[osd.0]
osd data = $state/osd
osd objectstore = memstore
memstore device bytes = 1073741824
osd max object name len = 256
osd max object namespace len = 64
# At start the OSD would set its device class and crush location with monitor commands; sent
# before it has the monitor map, they carry a zero fsid and the monitor refuses them ("wrong
# fsid"), which stops the OSD. The location is set below instead.
osd class update on start = false
osd crush update on start = false

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $state/rgw
EOF

  # The monitor map must carry a v1 address: a plain --add makes a v2 one, unreachable here.
  step "monmaptool" monmaptool --create --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$state/monmap"
  step "creating the monitor" ceph-mon -c "$conf" --mkfs -i a --monmap "$state/monmap"
  step "starting the monitor" ceph-mon -c "$conf" -i a
  record_pid mon.a

  local deadline=$((SECONDS + WAIT_SECONDS))
  until timeout 10 ceph -c "$conf" --connect-timeout 5 mon stat </dev/null >>"$state/log/setup.log" 2>&1; do
    [ $SECONDS -lt $deadline ] || { show_logs; fail "the monitor did not answer within ${WAIT_SECONDS}s"; }
    sleep 0.5
  done

  # A monitor that has just won its election may still refuse a command ("Error EPERM: problem getting command
  # descriptions from mon"): such a refusal creates nothing, so it is tried again; a number other than 0 is not.
  local osd_id attempt
  for attempt in 1 2 3 4 5; do
    osd_id=$(ceph_cli osd create 2>>"$state/log/setup.log" </dev/null) || osd_id="(failed)"
    [ "$osd_id" = "(failed)" ] || break
    sleep 1
  done
  [ "$osd_id" = 0 ] || { show_logs; fail "ceph osd create gave '$osd_id', expected 0"; }
  step "creating the OSD" ceph-osd -c "$conf" -i 0 --mkfs
  step "starting the OSD" ceph-osd -c "$conf" -i 0
  record_pid osd.0
  retried_step "adding the OSD to the crush map" ceph_cli osd crush add osd.0 1.0 host=localhost
  retried_step "moving its host under the crush root" ceph_cli osd crush move localhost root=default

  start_gateway

  # A user with keys made for this run only.
  local access_key secret_key
  access_key=$(random_hex 10)
  secret_key=$(random_hex 20)
  step "creating the S3 user" timeout 60 radosgw-admin -c "$conf" user create --uid=promptwatch-tests \
    --display-name="PromptWatch tests" --access-key="$access_key" --secret="$secret_key"

  cat >"$state/env" <<EOF
PROMPTWATCH_TEST_S3_ENDPOINT=http://127.0.0.1:$rgw_port
PROMPTWATCH_TEST_S3_ACCESS_KEY=$access_key
PROMPTWATCH_TEST_S3_SECRET_KEY=$secret_key
PROMPTWATCH_TEST_S3_STATE_DIR=$state
EOF
}

case "$command" in
  start)
    start
    echo "S3 server on http://127.0.0.1:$(cut -d' ' -f2 "$state/ports") (state in $state)"
    ;;
  stop)
    kill_daemons "."
    # Only a folder that start made (or an empty one) is removed.
    if [ -f "$state/ports" ] || [ -z "$(ls -A "$state")" ]; then
      rm -rf "$state"
    else
      fail "$state is no state folder of this script; left as it is"
    fi
    ;;
  stop-gateway)
    kill_daemons "^client\.rgw\."
    ;;
  start-gateway)
    [ -f "$state/ports" ] || fail "$state holds no cluster: run start first"
    start_gateway
    ;;
  *) usage ;;
esac
