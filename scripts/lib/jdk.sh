# Sourced by the launchers: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm (or $HYBENCH_JVM_DIR).

hybench_java_major() { # $1 = java binary; prints the feature version (17, 21, 25 ...)
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

hybench_pick_jdk() {
  local need=21 best="" best_major=0 dir major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(hybench_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$need" ] 2>/dev/null; then return 0; fi
    echo "hybench: JAVA_HOME=$JAVA_HOME is Java ${major:-unknown}; looking for a JDK >= $need instead" >&2
  fi
  for dir in "${HYBENCH_JVM_DIR:-/usr/lib/jvm}"/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] || continue
    major=$(hybench_java_major "$dir/bin/java")
    if [ "${major:-0}" -gt "$best_major" ] 2>/dev/null; then best=$dir; best_major=$major; fi
  done
  if [ "$best_major" -lt "$need" ]; then
    echo "hybench: no JDK >= $need found (checked JAVA_HOME and ${HYBENCH_JVM_DIR:-/usr/lib/jvm}/*)." >&2
    echo "hybench: install one (e.g. Temurin 21 or 25) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
