#!/usr/bin/env bash
# Remote driver benchmark (run on purpose, not in CI): calls/s of jvirt's Java remote driver and of
# libvirt-python (../shared/anchor/rpc_bench.py single) for lookupByName, info, listAllDomains,
# XMLDesc, against jvirtd (vendor driver, with a running domain "test") and against a real libvirtd
# (test:///default, started by ../shared/anchor/libvirtd-up), over unix sockets and TCP, all in one
# run on this machine. Usage: bench/remote-driver.sh [N] [RUNS]   (defaults 5000 3)
set -euo pipefail
N=${1:-5000}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ANCHOR=${ANCHOR:-$ROOT/../shared/anchor}
[ -x "$ANCHOR/libvirtd-up" ] || ANCHOR=/work/shared/anchor
WORK=$(mktemp -d /tmp/jvirt-remote-bench.XXXXXX)
JVIRTD_PID=
cleanup() {
  [ -n "$JVIRTD_PID" ] && kill "$JVIRTD_PID" 2>/dev/null || true
  "$ANCHOR/libvirtd-down" "$WORK/anchor" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
echo "# building (offline)" >&2
mvn -B -o -q test-compile dependency:build-classpath -pl driver-remote -am \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >&2
CP="$ROOT/driver-remote/target/test-classes:$ROOT/driver-remote/target/classes:$(cat "$WORK/cp.txt")"
MAIN=io.jvirt.driver.remote.RemoteDriverBench

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
echo "# date: $(date -u +%FT%TZ)  N=$N RUNS=$RUNS"

java -cp "$CP" $MAIN serve "$WORK/jvirtd" > "$WORK/jvirtd.out" 2>&1 &
JVIRTD_PID=$!
for _ in $(seq 100); do grep -q 'jvirtd ready' "$WORK/jvirtd.out" && break; sleep 0.1; done
READY=$(grep 'jvirtd ready' "$WORK/jvirtd.out")
J_SOCK=$(sed 's/.*unix=\([^ ]*\).*/\1/' <<<"$READY")
J_TCP=$(sed 's/.*tcp=\([^ ]*\).*/\1/' <<<"$READY")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ANCHOR/libvirtd-up" "$WORK/anchor" --tcp-port "$PORT" >&2
L_SOCK=$WORK/anchor/run/libvirt-sock

run() { # label uri-for-java uri-for-python
  echo
  echo "## $1"
  java -cp "$CP" $MAIN client "$2" "$N" "$RUNS"
  "$ANCHOR/rpc_bench.py" "$3" single --n "$N" --runs "$RUNS"
}
run "jvirtd, unix"  "vendor+unix:///default?socket=$J_SOCK" "vendor+unix:///default?socket=$J_SOCK"
run "jvirtd, tcp"   "vendor+tcp://$J_TCP/default"           "vendor+tcp://$J_TCP/default"
run "libvirtd, unix" "test+unix:///default?socket=$L_SOCK"  "test+unix:///default?socket=$L_SOCK"
run "libvirtd, tcp"  "test+tcp://127.0.0.1:$PORT/default"   "test+tcp://127.0.0.1:$PORT/default"
