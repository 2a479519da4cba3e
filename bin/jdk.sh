# Sourced by bin/mvn and ./mlab: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: MLAB_JAVA_HOME, JAVA_HOME, the `java` on PATH, then the newest JDK under /usr/lib/jvm and /opt.

mlab_java_major() { # prints the feature version of the java binary $1, or 0
  # the JDK's release file says it without starting a JVM (each start costs about 0.15 s)
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -x "$1" ] && [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$release" | sed 's/^1\.//' | cut -d. -f1)
    if [ -n "$v" ]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; f=1} END {if (!f) print 0}' | sed 's/^1\.//'
}

mlab_select_jdk() {
  local cand best="" best_v=0 v
  for cand in "${MLAB_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$cand" ] && [ -x "$cand/bin/javac" ]; then
      v=$(mlab_java_major "$cand/bin/java")
      if [ "$v" -ge 21 ]; then export JAVA_HOME="$cand"; return 0; fi
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(mlab_java_major "$cand/bin/java")
    if [ "$v" -ge 21 ]; then export JAVA_HOME="$cand"; return 0; fi
  fi
  for cand in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    [ -x "$cand/bin/javac" ] || continue
    v=$(mlab_java_major "$cand/bin/java")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v=$v; fi
  done
  if [ -n "$best" ]; then export JAVA_HOME="$best"; return 0; fi
  echo "mlab: no JDK 21 or newer found (looked at MLAB_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm, /opt); install one and set JAVA_HOME" >&2
  return 2
}
