#!/usr/bin/env bash
# The scale run of issue #6: a real ZooKeeper 3.9.5 server (child JVM) loaded with N watches, its dumps read by
# nc, by zkwatch (-Xmx256m, separate JVM), by zkwatch with a 2 s parse pause and by a 4 MB/s reader, while a
# getData probe on another session measures the server's stall. See bench/README.md.
#
#   bench/scale-run.sh 1000000 5000000     the figures of docs/performance.md (about 15 minutes)
#   bench/scale-run.sh --quick             a smoke run: 20,000 watches, under 2 minutes
#
# Other options (before or between the counts): --sessions N (default 20), --out DIR (default target/bench),
# --slow-rate BYTES_PER_S (default 4000000), --no-slow.
# Results: target/bench/scale-run.json and scale-run.md; the table is printed at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ $# -eq 0 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

if ! command -v nc >/dev/null; then
  echo "scale-run: installing netcat-openbsd (nc)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q netcat-openbsd >&2; else sudo apt-get install -y -q netcat-openbsd >&2; fi
fi

bench/classpath.sh target/bench/classpath.txt
cp="target/test-classes:target/classes:$(cat target/bench/classpath.txt)"

# The driver holds every session's watch registrations (about 200 bytes per watch on the client side).
exec java -Xmx6g -XX:+UseParallelGC -cp "$cp" io.zkwatch.bench.ScaleRun "$@"
