#!/usr/bin/env bash
# A real Git smart-HTTP server for the tests: git http-backend as CGI behind lighttpd on loopback,
# with HTTP basic authentication from an htpasswd file (apr1 hashes) and an access log.
#
#   scripts/git-server.sh start <state-dir>          start the server, write <state-dir>/env
#   scripts/git-server.sh stop <state-dir>           stop it, remove <state-dir>
#   scripts/git-server.sh add-user <state-dir> <user> <password>   add or replace a user
#   scripts/git-server.sh stop-server <state-dir>    stop lighttpd only, keep port, users and repositories (fault tests)
#   scripts/git-server.sh start-server <state-dir>   start it again on the same port
#
# Installs nothing: the Debian packages git and lighttpd must be there (build.sh test installs them).
# Tests add users (add-user, or an "<user>:<apr1 hash>" line appended to the htpasswd file: the
# server reads it on every request) and bare repositories under the repository root at run time.
#
# <state-dir> afterwards holds:
#   lighttpd.conf  the server's only configuration
#   env            PROMPTWATCH_TEST_GIT_HTTP_URL (base URL: <url>/<path under the root>),
#                  PROMPTWATCH_TEST_GIT_REPO_ROOT, PROMPTWATCH_TEST_GIT_HTPASSWD,
#                  PROMPTWATCH_TEST_GIT_ACCESS_LOG, PROMPTWATCH_TEST_GIT_STATE_DIR (KEY=value lines)
#   repos/         the repository root (GIT_PROJECT_ROOT)
#   htpasswd       the users
#   log/           access.log and error.log
#   pid            the server's pid
set -euo pipefail

readonly WAIT_SECONDS=${GIT_SERVER_WAIT_SECONDS:-30}
readonly BACKEND=/usr/lib/git-core/git-http-backend

usage() {
  echo "usage: $0 start|stop|stop-server|start-server <state-dir> | add-user <state-dir> <user> <password>" >&2
  exit 2
}

[ $# -ge 2 ] || usage
command=$1
[ "$command" != stop ] || [ -d "$2" ] || exit 0
[ "$command" != start ] || mkdir -p "$2"
[ -d "$2" ] || { echo "git-server: no folder $2" >&2; exit 1; }
state=$(cd "$2" && pwd)
conf="$state/lighttpd.conf"

SERVICE=git-server
# shellcheck source=service-lib.sh
. "$(dirname "$0")/service-lib.sh"

# True when pid is alive and is the lighttpd of this state folder.
is_ours() {
  local cmdline
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ "$cmdline" == *" $conf"* ]]
}

add_user() {
  local user=$1 password=$2 hash
  [[ "$user" =~ ^[A-Za-z0-9._-]+$ ]] || fail "invalid user name"
  hash=$(printf '%s' "$password" | openssl passwd -apr1 -stdin)
  touch "$state/htpasswd"
  grep -v "^$user:" "$state/htpasswd" >"$state/htpasswd.new" || true
  echo "$user:$hash" >>"$state/htpasswd.new"
  mv "$state/htpasswd.new" "$state/htpasswd"
}

# Starts lighttpd with the configuration start wrote and waits until it answers.
start_server() {
  [ -f "$conf" ] || fail "$state holds no server: run start first"
  local port
  port=$(sed -n 's/^server.port = //p' "$conf")
  [ -z "$(ss -Hltn "sport = :$port")" ] || fail "port $port is already taken: is the server still running?"
  touch "$state/log/error.log"
  lighttpd -D -f "$conf" >>"$state/log/error.log" 2>&1 &
  echo $! >"$state/pid"
  local waited=0
  until curl -s -o /dev/null "http://127.0.0.1:$port/git/"; do
    child_alive "$(<"$state/pid")" || { tail -n 20 "$state/log/error.log" >&2; fail "lighttpd exited"; }
    waited=$((waited + 1))
    [ $waited -le $((WAIT_SECONDS * 10)) ] || fail "lighttpd did not answer on port $port"
    sleep 0.1
  done
}

# Stops lighttpd and waits until it is gone; the state folder stays.
stop_server() {
  if [ -s "$state/pid" ]; then terminate "$(<"$state/pid")" 10 lighttpd || exit 1; fi
  rm -f "$state/pid"
}

start() {
  command -v lighttpd >/dev/null || fail "lighttpd is not installed (Debian package lighttpd)"
  [ -x "$BACKEND" ] || fail "$BACKEND is missing (Debian package git)"
  mkdir -p "$state/repos" "$state/log"
  touch "$state/htpasswd" "$state/log/access.log"
  local port
  port=$(free_port)
  cat >"$conf" <<EOF
server.modules = ("mod_access", "mod_alias", "mod_auth", "mod_authn_file", "mod_setenv", "mod_cgi", "mod_accesslog")
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$state/repos"
server.errorlog = "$state/log/error.log"
server.max-connections = 1024
accesslog.filename = "$state/log/access.log"
accesslog.format = "%h %u %t \"%r\" %>s %b"
alias.url = ("/git" => "$BACKEND")
\$HTTP["url"] =~ "^/git" {
  cgi.assign = ("" => "")
  setenv.set-environment = ("GIT_PROJECT_ROOT" => "$state/repos", "GIT_HTTP_EXPORT_ALL" => "1")
  auth.backend = "htpasswd"
  auth.backend.htpasswd.userfile = "$state/htpasswd"
  auth.require = ("" => ("method" => "basic", "realm" => "git", "require" => "valid-user"))
}
EOF
  lighttpd -t -f "$conf" >/dev/null || fail "invalid configuration $conf"
  start_server
  cat >"$state/env" <<EOF
PROMPTWATCH_TEST_GIT_HTTP_URL=http://127.0.0.1:$port/git
PROMPTWATCH_TEST_GIT_REPO_ROOT=$state/repos
PROMPTWATCH_TEST_GIT_HTPASSWD=$state/htpasswd
PROMPTWATCH_TEST_GIT_ACCESS_LOG=$state/log/access.log
PROMPTWATCH_TEST_GIT_STATE_DIR=$state
EOF
}

stop() {
  if [ -s "$state/pid" ]; then terminate "$(<"$state/pid")" 10 lighttpd || true; fi
  # Only a folder that start made (or an empty one) is removed.
  if [ -f "$conf" ] || [ -z "$(ls -A "$state")" ]; then
    rm -rf "$state"
  else
    fail "$state is no state folder of this script; left as it is"
  fi
}

case "$command" in
  start)
    start
    echo "Git server on $(sed -n 's/^PROMPTWATCH_TEST_GIT_HTTP_URL=//p' "$state/env") (state in $state)"
    ;;
  stop) stop ;;
  stop-server) stop_server ;;
  start-server) start_server ;;
  add-user)
    [ $# -eq 4 ] || usage
    add_user "$3" "$4"
    ;;
  *) usage ;;
esac
