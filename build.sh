#!/usr/bin/env bash
# PromptWatch build script.
#   ./build.sh test    install what the tests need when missing, then build and run every test
#   ./build.sh run     run the sample web host (dashboard on http://localhost:5001)
#   ./build.sh bench   run the benchmarks (see README, "Performance")
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Installs Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]}..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Services the tests talk to. Each scripts/<name>.sh takes "start <state-dir>" (writes
# <state-dir>/env, KEY=value lines exported to the tests) and "stop <state-dir>". Every service
# started here is stopped when this script exits, however it exits.
started_services=()
stop_services() {
  local entry
  for entry in "${started_services[@]}"; do
    "$root/scripts/${entry%%:*}.sh" stop "${entry#*:}" || true
  done
}
trap stop_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts scripts/<name>.sh and exports the variables it writes.
start_service() {
  local name=$1 state
  state=$(mktemp -d)
  started_services+=("$name:$state")
  echo "Starting $name..."
  "$root/scripts/$name.sh" start "$state" \
    || { echo "build.sh: $name for the tests did not start (see above)" >&2; exit 1; }
  set -a
  # shellcheck source=/dev/null
  . "$state/env"
  set +a
}

run_tests() {
  # git: the reference the scanner is compared with; chromium: the dashboard's browser tests;
  # ceph-mon ceph-osd radosgw: the S3 server of the S3 tests; lighttpd: the Git smart-HTTP server
  # of the workspace tests; redis-server: the Redis counter store's tests; prometheus: the server (and promtool) that
  # the OpenTelemetry tests scrape with; prometheus-alertmanager python3-aiosmtpd: the Alertmanager and SMTP servers
  # the alert channel tests start and stop themselves; nodejs (with its npm): Prism serving GitHub's OpenAPI description
  # for the GitHub Actions provider's tests (scripts/github-mock.sh installs Prism and the description with npm).
  ensure_packages git chromium ceph-mon ceph-osd radosgw lighttpd redis-server prometheus prometheus-alertmanager python3-aiosmtpd nodejs
  dotnet build PromptWatch.sln -c Release -warnaserror
  start_service s3-server
  start_service git-server
  start_service redis-server
  start_service github-mock
  local results="$root/artifacts/test-results"
  rm -rf "$results"
  local status=0
  dotnet test PromptWatch.sln -c Release --no-build --logger "trx" --results-directory "$results" || status=$?
  # The benchmarks once each on the smallest history, so that they never rot.
  dotnet run -c Release --no-build --project benchmarks/PromptWatch.Benchmarks -- --smoke > "$root/artifacts/benchmark-smoke.log" 2>&1 \
    || { echo "benchmark smoke run failed:"; tail -n 40 "$root/artifacts/benchmark-smoke.log"; status=1; }
  summarize "$results"
  return $status
}

# Prints one closing line with the totals of every test project.
summarize() {
  local passed=0 failed=0 skipped=0
  for trx in "$1"/*.trx; do
    [ -f "$trx" ] || continue
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    skipped=$((skipped + $(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")))
  done
  echo "tests: $passed passed, $failed failed, $skipped skipped"
}

# The Redis and workspace benchmarks need their servers; the others run without.
run_benchmarks() {
  ensure_packages git lighttpd redis-server
  start_service git-server
  start_service redis-server
  dotnet run -c Release --project benchmarks/PromptWatch.Benchmarks -- "$@"
}

run_sample() {
  exec dotnet run --project samples/PromptWatch.Sample.WebHost -c Release -- "$@"
}

case "${1:-test}" in
  test) run_tests ;;
  run) shift; run_sample "$@" ;;
  bench) shift; run_benchmarks "$@" ;;
  *) echo "usage: ./build.sh test | run | bench" >&2; exit 2 ;;
esac
