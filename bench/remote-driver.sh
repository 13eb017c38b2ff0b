#!/usr/bin/env bash
# Remote driver benchmark (run on purpose, not in CI): calls/s of jvirt's Java remote driver and of
# libvirt-python (../shared/anchor/rpc_bench.py single) for lookupByName, info, listAllDomains,
# XMLDesc, against jvirtd (vendor driver, with a running domain "test") and against a real libvirtd
# (test:///default, started by ../shared/anchor/libvirtd-up), over unix sockets and TCP, all in one
# run on this machine, interleaved (Java, python, per target) for ROUNDS rounds; the summary is the
# median over all rounds. Usage: bench/remote-driver.sh [N] [RUNS] [ROUNDS]   (defaults 5000 3 3)
set -euo pipefail
N=${1:-5000}
RUNS=${2:-3}
ROUNDS=${3:-3}
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
echo "# date: $(date -u +%FT%TZ)  N=$N RUNS=$RUNS ROUNDS=$ROUNDS  load: $(cut -d' ' -f1-3 /proc/loadavg)"

java -cp "$CP" $MAIN serve "$WORK/jvirtd" > "$WORK/jvirtd.out" 2>&1 &
JVIRTD_PID=$!
for _ in $(seq 100); do grep -q 'jvirtd ready' "$WORK/jvirtd.out" && break; sleep 0.1; done
READY=$(grep 'jvirtd ready' "$WORK/jvirtd.out")
J_SOCK=$(sed 's/.*unix=\([^ ]*\).*/\1/' <<<"$READY")
J_TCP=$(sed 's/.*tcp=\([^ ]*\).*/\1/' <<<"$READY")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ANCHOR/libvirtd-up" "$WORK/anchor" --tcp-port "$PORT" >&2
L_SOCK=$WORK/anchor/run/libvirt-sock

run() { # round label uri
  java -cp "$CP" $MAIN client "$3" "$N" "$RUNS" > "$WORK/r$1-$2-java.txt"
  "$ANCHOR/rpc_bench.py" "$3" single --n "$N" --runs "$RUNS" > "$WORK/r$1-$2-python.txt"
}
for r in $(seq "$ROUNDS"); do
  echo "# round $r" >&2
  run "$r" jvirtd-unix   "vendor+unix:///default?socket=$J_SOCK"
  run "$r" jvirtd-tcp    "vendor+tcp://$J_TCP/default"
  run "$r" libvirtd-unix "test+unix:///default?socket=$L_SOCK"
  run "$r" libvirtd-tcp  "test+tcp://127.0.0.1:$PORT/default"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK" <<'PY'
import glob, os, re, statistics, sys
work = sys.argv[1]
data = {}
for f in glob.glob(os.path.join(work, "r*-*-*.txt")):
    _, target, client = os.path.basename(f)[:-4].split("-", 1)[0], *os.path.basename(f)[:-4].split("-", 1)[1].rsplit("-", 1)
    for line in open(f):
        m = re.match(r"(?:single\s+)?(lookupByName|info|listAllDomains|XMLDesc)\s.*?(?:median\s+)?([0-9]+) calls/s", line)
        if m:
            data.setdefault((target, m.group(1)), {}).setdefault(client, []).append(float(m.group(2)))
print("| server, transport | operation | Java remote driver calls/s | libvirt-python calls/s | Java / python |")
print("|---|---|---:|---:|---:|")
for target in ("jvirtd-unix", "jvirtd-tcp", "libvirtd-unix", "libvirtd-tcp"):
    for op in ("lookupByName", "info", "listAllDomains", "XMLDesc"):
        d = data.get((target, op), {})
        j = statistics.median(d.get("java", [float("nan")]))
        p = statistics.median(d.get("python", [float("nan")]))
        print(f"| {target.replace('-', ', ')} | {op} | {j:.0f} | {p:.0f} | {j / p:.2f} |")
PY
