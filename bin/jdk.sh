# Sourced by ./homing and ./run-tests: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if new enough, then the newest JDK under /usr/lib/jvm, then java on PATH.
homing_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
homing_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(homing_java_major "$candidate")
    major=${major%%.*}
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "homing: no JDK 21 or newer found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
  return 1
}

# JVM options every Homing process runs with (the launcher and the benchmarks), in the array HOMING_JVM.
# A delivery run keeps both cores busy with sessions; the JIT compiler and GC threads then get a fair
# share like any other thread, so the hottest methods (render, sign, SMTP) wait many seconds in the
# profiling tier for a compiler slot. With ThreadPriorityPolicy=1 the JVM gives its compiler, GC and VM
# threads a higher priority (nice -4) than the application's; measured on a 2-core machine, a 60,000-
# recipient signed campaign ran 3-19% faster (9-23% in steady state). Raising a priority needs
# CAP_SYS_NICE (root has it unless a container drops it): without it the JVM would only warn and ignore
# the option, so it is passed only when the process holds that capability.
homing_jvm_options() {
  HOMING_JVM=()
  local capeff
  capeff=$(awk '/^CapEff:/ {print $2}' /proc/self/status 2>/dev/null || true)
  if [ -n "$capeff" ] && (( (16#$capeff >> 23) & 1 )); then   # bit 23: CAP_SYS_NICE
    HOMING_JVM+=(-XX:ThreadPriorityPolicy=1)
  fi
}
