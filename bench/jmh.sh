#!/usr/bin/env bash
# JMH benchmarks of zkwatch's parsers and /metrics rendering against the naive approach.
#
#   bench/jmh.sh quick [regex] [extra JMH args...]   short run, 100k and 1M watches (a few minutes)
#   bench/jmh.sh full  [regex] [extra JMH args...]   the run for docs/performance.md, 100k, 1M and 10M watches
#   bench/jmh.sh custom [regex] JMH args...           only the given JMH options (JMH refuses repeated ones)
#
# The regex selects benchmarks (default: all of io.zkwatch.bench.jmh, and the parse-only DumpReadBenchmark that
# lives in the parsers' package). Prints a markdown table at the end;
# the raw JMH results stay in target/jmh/<mode>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-quick}"
shift || true
regex="${1:-(io.zkwatch.bench.jmh|io.zkwatch.collectors.command).*Benchmark}"
shift || true

case "$mode" in
  quick) args=(-p watches=100000,1000000 -wi 1 -w 2s -i 3 -r 2s -f 1) heap=3g ;;
  full)  args=(-p watches=100000,1000000,10000000 -wi 3 -w 5s -i 5 -r 5s -f 2) heap=8g ;;
  custom) args=() heap="${JMH_HEAP:-3g}" ;;
  *) echo "usage: $0 quick|full|custom [regex] [JMH args...]" >&2; exit 2 ;;
esac

cpfile=target/jmh/classpath.txt
bench/classpath.sh "$cpfile"
# Run from a copy of the classes, so that building again while the forks run cannot change what they load.
rm -rf target/jmh/classes target/jmh/test-classes
cp -r target/classes target/jmh/classes
cp -r target/test-classes target/jmh/test-classes
cp="target/jmh/test-classes:target/jmh/classes:$(cat "$cpfile")"
result="target/jmh/$mode.json"

java -cp "$cp" org.openjdk.jmh.Main "$regex" ${args[@]+"${args[@]}"} -prof gc -jvmArgs "-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch" \
  -rf json -rff "$result" "$@"

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), \
$(java -version 2>&1 | head -1)"
echo "Command: bench/jmh.sh $mode"
echo
python3 bench/jmh-table.py "$result"
