#!/usr/bin/env bash
# Soak run: a real 3-member ZooKeeper ensemble (child JVMs), the real zkwatch (child JVM) polling it with short
# intervals, client sessions churning with watches, and one member flapping (SIGSTOP/SIGCONT, kill/restart)
# every 20 s. Samples zkwatch's heap after a full GC, thread count and open file descriptors; prints a table
# and a verdict (first quarter against last quarter). Results: target/soak/soak.md and soak.csv.
#
#   bench/soak-run.sh                 10 minutes
#   bench/soak-run.sh --quick         2 minutes
#   bench/soak-run.sh --minutes 30    any length; also --sample-seconds S, --flap-seconds F, --out DIR
#
# Needs a JDK 17 (java, jcmd), Maven, and Linux (/proc). See bench/README.md, section "Soak run".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench/classpath.sh target/soak-classpath.txt
exec java -Xmx256m -Dzkwatch.test.workDir="$root/target/zk-test" \
  -cp "target/classes:target/test-classes:$(cat target/soak-classpath.txt)" \
  io.zkwatch.bench.SoakRun "$@"
