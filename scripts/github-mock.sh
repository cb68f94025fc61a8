#!/usr/bin/env bash
# GitHub's REST API, offline, for the tests: Stoplight Prism serving GitHub's own OpenAPI description
# (npm @octokit/openapi, generated/api.github.com.json) on a free loopback port. Prism validates every
# request against the description (an undocumented parameter or a bad value is a 422) and answers with
# GitHub's documented examples.
#
#   scripts/github-mock.sh start <state-dir>    start it, write <state-dir>/env
#   scripts/github-mock.sh stop <state-dir>     stop it, remove <state-dir>
#
# The npm packages are installed on first use into artifacts/github-mock/ (or $GITHUB_MOCK_NPM_DIR) and
# kept there; Debian's nodejs (with its npm) must be there (build.sh test installs it).
#
# <state-dir> afterwards holds:
#   env         GITHUB_MOCK_URL (http://127.0.0.1:<port>), GITHUB_MOCK_STATE_DIR (KEY=value lines)
#   prism.pid   the running server's pid
#   prism.log   its log
set -euo pipefail

# Seconds to wait for Prism to answer (it reads a 13 MB description first: about 8 s on an idle machine).
readonly WAIT_SECONDS=${GITHUB_MOCK_WAIT_SECONDS:-180}
root=$(cd "$(dirname "$0")/.." && pwd)
readonly NPM_DIR=${GITHUB_MOCK_NPM_DIR:-$root/artifacts/github-mock}
readonly PRISM_VERSION=5.14.2
readonly OPENAPI_VERSION=23.0.2

usage() {
  echo "usage: $0 start|stop <state-dir>" >&2
  exit 2
}

[ $# -eq 2 ] || usage
command=$1
[ "$command" != stop ] || [ -d "$2" ] || exit 0
[ "$command" != start ] || mkdir -p "$2"
[ -d "$2" ] || { echo "github-mock: no folder $2" >&2; exit 1; }
state=$(cd "$2" && pwd)

SERVICE=github-mock
# shellcheck source=service-lib.sh
. "$(dirname "$0")/service-lib.sh"

prism="$NPM_DIR/node_modules/@stoplight/prism-cli/dist/index.js"
description="$NPM_DIR/node_modules/@octokit/openapi/generated/api.github.com.json"

# True when pid is alive and is the Prism of this state folder (its command line names our marker).
is_ours() {
  local cmdline
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ "$cmdline" == *"$prism"* ]] && [[ "$cmdline" == *"-p $(<"$state/port")"* ]]
}

install_packages() {
  [ -f "$prism" ] && [ -f "$description" ] && return 0
  command -v npm >/dev/null || fail "npm is missing (Debian package nodejs)"
  mkdir -p "$NPM_DIR"
  echo "Installing @stoplight/prism-cli and @octokit/openapi into $NPM_DIR..."
  (cd "$NPM_DIR" && npm install --no-audit --no-fund --loglevel=error \
    "@stoplight/prism-cli@$PRISM_VERSION" "@octokit/openapi@$OPENAPI_VERSION" >"$NPM_DIR/npm.log" 2>&1) \
    || { tail -n 20 "$NPM_DIR/npm.log" >&2; fail "npm install failed"; }
  [ -f "$prism" ] && [ -f "$description" ] || fail "npm installed no Prism or no description"
}

start() {
  for tool in node curl ss; do
    command -v "$tool" >/dev/null || fail "$tool is missing (Debian packages nodejs curl iproute2)"
  done
  [ ! -f "$state/prism.pid" ] || fail "$state already holds a server; stop it first"
  install_packages
  local port
  port=$(free_port)
  echo "$port" >"$state/port"
  # Request validation is on by default: a request the description does not allow is answered 422.
  : >"$state/prism.log"
  node "$prism" mock "$description" -h 127.0.0.1 -p "$port" >"$state/prism.log" 2>&1 &
  echo $! >"$state/prism.pid"
  local deadline=$((SECONDS + WAIT_SECONDS)) code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: application/json' "http://127.0.0.1:$port/rate_limit" || true)
    [ "$code" = 200 ] && break
    child_alive "$(<"$state/prism.pid")" || { tail -n 20 "$state/prism.log" >&2; fail "prism exited"; }
    if [ $SECONDS -ge $deadline ]; then
      tail -n 20 "$state/prism.log" >&2 || true
      fail "prism did not answer on 127.0.0.1:$port within ${WAIT_SECONDS}s (last status: ${code:-none})"
    fi
    sleep 0.2
  done
  cat >"$state/env" <<ENV
GITHUB_MOCK_URL=http://127.0.0.1:$port
GITHUB_MOCK_STATE_DIR=$state
ENV
}

case "$command" in
  start)
    start
    echo "GitHub API mock on 127.0.0.1:$(<"$state/port") (state in $state)"
    ;;
  stop)
    if [ -f "$state/prism.pid" ]; then
      terminate "$(<"$state/prism.pid")" 20 prism || exit 1
      rm -rf "$state"
    elif [ -z "$(ls -A "$state")" ]; then
      rmdir "$state"
    else
      fail "$state is no state folder of this script; left as it is"
    fi
    ;;
  *) usage ;;
esac
