#!/usr/bin/env bash
# Compiles the main and test classes and writes the test classpath (the jars, not the class folders) to the file
# given as $1. Offline first; when that build lacks something (on a fresh machine the dependency plugin is not yet
# downloaded), it builds again online. Maven's messages go to stderr, so a failure is never silent.
#
#   bench/classpath.sh target/jmh/classpath.txt
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/classpath.sh OUTPUT_FILE}"
mkdir -p "$(dirname "$out")"

build() {
  mvn -q -B "$@" test-compile >&2 &&
    mvn -q -B "$@" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out" >&2
}

if ! build -o; then
  echo "bench/classpath.sh: the offline build failed; building online" >&2
  build
fi
