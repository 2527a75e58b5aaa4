#!/bin/bash
# Demo load for docker-compose (profile "load"): a few ZooKeeper CLI sessions, all on one member ($SERVER), each holding data
# watches and a child watch, so that the dashboards and the page at / show a skewed member and a busy client.
# Each session is one zkCli JVM kept open by a stdin that never closes.
set -u
SERVER="${SERVER:-zk1:2181}"
SESSIONS="${SESSIONS:-4}"
WATCHES="${WATCHES:-25}"
export CLIENT_JVMFLAGS="${CLIENT_JVMFLAGS:--Xmx48m}"

session() {
  {
    echo "create /demo"
    for j in $(seq 1 "$WATCHES"); do
      echo "create /demo/s$1-n$j"
      echo "get -w /demo/s$1-n$j"
    done
    echo "ls -w /demo"
    exec sleep infinity
  } | zkCli.sh -waitforconnection -server "$SERVER" > /dev/null 2>&1
}

for i in $(seq 1 "$SESSIONS"); do
  session "$i" &
done
wait
