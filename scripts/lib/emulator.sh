# Sourced by the scripts that start `hybench emulate ... > LOG &` and then load it.

# hybench_await_emulator WHO PID LOG LIMIT_S: returns 0 once LOG has the emulator's "Emulating" line; else
# prints one line to stderr (WHO: the emulator exited first, or did not start within LIMIT_S s) and returns 1.
# Start-up may include a first build or a cold JVM on a busy machine, hence the callers' 120 s.
hybench_await_emulator() {
  local who=$1 pid=$2 log=$3 limit_s=$4 _
  for _ in $(seq 1 $((limit_s * 10))); do
    grep -q "^Emulating" "$log" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      grep -q "^Emulating" "$log" && return 0
      echo "$who: the emulator exited before it started (its log: $log)" >&2
      return 1
    fi
    sleep 0.1
  done
  grep -q "^Emulating" "$log" && return 0
  echo "$who: the emulator did not start within $limit_s s of being launched (its log: $log)" >&2
  return 1
}
