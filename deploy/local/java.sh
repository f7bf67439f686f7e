# Which JDK runs the suite's applications, and their start-up cache (sourced by ./esscard and benchmarks/run.sh).
#
#   esscard_java               the java binary: $ESSCARD_JAVA_HOME/bin/java when set, else the newest JDK 25+ under
#                              /usr/lib/jvm (Temurin's sits beside the default JDK on these machines), else `java` on
#                              the PATH (JDK 17). The jars are built with --release 17, so any of them runs them.
#   esscard_java_feature JAVA  its feature version (17, 25, ...)
#   esscard_cache_file APP_DIR JAVA CACHE_ROOT
#                              where the start-up cache of the packaged app in APP_DIR (target/quarkus-app) lives for
#                              that JDK: CACHE_ROOT/<app>/<key>/app.aot (JDK 25+: AOT cache, JEP 483/514) or app.jsa
#                              (older: a dynamic AppCDS archive). The key is a digest of every file of the packaged
#                              app (path, size, mtime) and of the JDK's version, so a rebuilt jar or another JDK gets a
#                              cache of its own and a stale one is never used.
#   esscard_cache_use_opts JAVA FILE    JVM options that start from the cache FILE
#   esscard_cache_train_opts JAVA FILE  JVM options of the training run, one a line: JDK 25 records what it
#                              loaded into FILE.conf (-XX:AOTMode=record), JDK 17 dumps FILE.part at exit
#   esscard_cache_assemble JAVA FILE JAR [JVM options...]
#                              after the training run has exited: JDK 25 creates the cache from FILE.conf
#                              (-XX:AOTMode=create, which runs no application code), then FILE.part becomes FILE.
#                              Written under another name and renamed only when whole, so a run killed half-way
#                              leaves no cache. (The one-step -XX:AOTCacheOutput forks that step from the exiting
#                              JVM; done here, the script waits for it and sees whether it worked.)
#
# A cache that does not match (another jar, another JDK, a damaged file) never stops a start: the JVM prints a warning
# and runs without it (StartupCacheIT... see docs/STARTUP.md for the check); -Xshare:auto, the default, is kept.
# ESSCARD_AOT=off starts without any cache and trains none.

esscard_java() {
  if [[ -n ${ESSCARD_JAVA_HOME:-} ]]; then
    [[ -x $ESSCARD_JAVA_HOME/bin/java ]] || { echo "ESSCARD_JAVA_HOME=$ESSCARD_JAVA_HOME has no bin/java" >&2; return 1; }
    printf '%s\n' "$ESSCARD_JAVA_HOME/bin/java"
    return 0
  fi
  local best='' best_v=0 j v
  for j in /usr/lib/jvm/*/bin/java; do
    [[ -x $j && ! -L $(dirname "$(dirname "$j")") ]] || continue
    v=$(esscard_java_feature "$j") || continue
    if ((v >= 25 && v > best_v)); then best=$j best_v=$v; fi
  done
  if [[ -n $best ]]; then
    printf '%s\n' "$best"
  else
    command -v java
  fi
}

# the feature version of a java binary, from its `release` file (no JVM start), else from -version
esscard_java_feature() {
  local java=$1 home v
  home=$(dirname "$(dirname "$(readlink -f "$java")")")
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
  if [[ -z $v ]]; then
    v=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    v=${v%%.*}
  fi
  [[ $v =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$v"
}

esscard_java_version() {
  local home
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p; s/^IMPLEMENTOR="\(.*\)"/\1/p' "$home/release" 2>/dev/null | tr '\n' ' '
}

esscard_cache_file() {
  local app_dir=$1 java=$2 root=$3 app key ext=jsa
  app=$(basename "$(dirname "$(dirname "$app_dir")")")
  key=$({
    (cd "$app_dir" && find . -type f ! -name '*.aot' ! -name '*.jsa' -printf '%P %s %T@\n' | sort)
    readlink -f "$java"
    esscard_java_version "$java"
  } | sha256sum | cut -c1-16)
  if (($(esscard_java_feature "$java") >= 25)); then ext=aot; fi
  printf '%s/%s/%s/app.%s\n' "$root" "$app" "$key" "$ext"
}

esscard_cache_use_opts() {
  if [[ $2 == *.aot ]]; then
    printf '%s\n' "-XX:AOTCache=$2"
  else
    printf '%s\n' "-XX:SharedArchiveFile=$2"
  fi
}

esscard_cache_train_opts() {
  if [[ $2 == *.aot ]]; then
    printf '%s\n' -XX:AOTMode=record "-XX:AOTConfiguration=$2.conf"
  else
    printf '%s\n' "-XX:ArchiveClassesAtExit=$2.part"
  fi
}

esscard_cache_assemble() {
  local java=$1 file=$2 jar=$3
  shift 3
  if [[ $file == *.aot ]]; then
    [[ -s $file.conf ]] || return 1
    "$java" "$@" -XX:AOTMode=create "-XX:AOTConfiguration=$file.conf" "-XX:AOTCache=$file.part" -jar "$jar" || return 1
    rm -f "$file.conf"
  fi
  [[ -s $file.part ]] || return 1
  mv -f "$file.part" "$file"
}
