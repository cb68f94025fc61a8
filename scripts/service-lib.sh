# Helpers shared by the test-service scripts (s3-server.sh, git-server.sh, redis-server.sh), sourced
# after they set SERVICE (the name in messages) and define is_ours <pid> (true when the pid is alive
# and is a process of that script's state folder, so that a reused pid is never signalled).

fail() {
  echo "$SERVICE: $*" >&2
  exit 1
}

# Prints a free TCP port on 127.0.0.1 below the kernel's ephemeral range (so that no outgoing
# connection takes it in the meantime), other than the ports given as arguments.
free_port() {
  local port tries
  for tries in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    [[ " $* " == *" $port "* ]] && continue
    if [ -z "$(ss -Hltn "sport = :$port")" ]; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port found on 127.0.0.1"
}

# True while a background child this script started is alive. Used while waiting for a service that
# was just started: between fork and exec the child still carries this script's command line (so
# is_ours says no) and its log file may not exist yet, which is no reason to report it dead.
child_alive() {
  kill -0 "$1" 2>/dev/null
}

# Stops a process of ours: SIGTERM, SIGKILL if it is still there after <seconds>, and waits until it is
# gone. Fails (status 1, with a message) when it survives SIGKILL as long again.
terminate() {
  local pid=$1 seconds=$2 label=$3 waited=0
  is_ours "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while is_ours "$pid"; do
    if [ $waited -eq $((seconds * 10)) ]; then
      echo "$SERVICE: $label (pid $pid) did not stop within ${seconds}s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    elif [ $waited -eq $((seconds * 20)) ]; then
      echo "$SERVICE: $label (pid $pid) survives SIGKILL" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}
