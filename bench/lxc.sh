#!/usr/bin/env bash
# LXC container start/destroy benchmark (run on purpose, not in CI), all in one run on this machine:
#   - jvirt: jvirtd serving driver-lxc's lxc:///system (driver-lxc's LxcDaemon, state in a temp dir);
#   - libvirtd 9.0's LXC driver: two private instances (../shared/anchor/libvirtd-up), one as it is
#     (it fails on this machine's hybrid cgroup hierarchy: its error is printed) and one with
#     --hide-cgroup2 (the cgroup2 mount hidden from it, so it uses the v1 controllers);
#   - floor: bare `unshare --fork --pid --mount --uts --ipc --mount-proc` + exec of busybox true.
# Each server is driven by bench/lxc_bench.py (libvirt-python over the unix socket: define a
# busybox container, then virDomainCreate/virDomainDestroy RUNS times after one warm-up),
# interleaved for ROUNDS rounds; medians pool all runs of all rounds.
#
#   usage: bench/lxc.sh        environment: RUNS (10), ROUNDS (3), ANCHOR (../shared/anchor), KEEP=1
# Needs the build: mvn -B -q -o test-compile -pl driver-lxc -am (the script runs it).
set -euo pipefail
RUNS=${RUNS:-10}
ROUNDS=${ROUNDS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ANCHOR=${ANCHOR:-$ROOT/../shared/anchor}
[ -x "$ANCHOR/libvirtd-up" ] || ANCHOR=/work/shared/anchor
[ "$(id -u)" = 0 ] || { echo "bench/lxc.sh: containers need root" >&2; exit 1; }

WORK=$(mktemp -d /tmp/jvirt-lxc-bench.XXXXXX)
JPID=
cleanup() {
  [ -z "$JPID" ] || { exec 3>&-; wait "$JPID" 2>/dev/null || true; }
  "$ANCHOR/libvirtd-down" "$WORK/plain" >/dev/null 2>&1 || true
  "$ANCHOR/libvirtd-down" "$WORK/hide" >/dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "# raw outputs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

(cd "$ROOT" && mvn -B -q -ntp -o test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
  -Dmdep.includeScope=test -pl driver-lxc -am >&2)
CP="$ROOT/driver-lxc/target/test-classes:$ROOT/driver-lxc/target/classes:$(cat "$WORK/cp.txt")"

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
echo "# date: $(date -u +%FT%TZ)  RUNS=$RUNS ROUNDS=$ROUNDS  load: $(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p "$WORK/rootfs/bin" "$WORK/rootfs/proc" "$WORK/rootfs/sys" "$WORK/rootfs/dev" "$WORK/rootfs/tmp"
"$ANCHOR/libvirtd-up" "$WORK/plain" --tcp-port 0 >&2
"$ANCHOR/libvirtd-up" "$WORK/hide" --tcp-port 0 --hide-cgroup2 >&2
URI_P="lxc+unix:///system?socket=$WORK/plain/run/libvirt-sock"
URI_H="lxc+unix:///system?socket=$WORK/hide/run/libvirt-sock"

# jvirtd with the LXC driver; its stdin is fd 3 (closing it stops the daemon)
mkfifo "$WORK/jin"
java -cp "$CP" io.jvirt.driver.lxc.LxcDaemon "$WORK/jvirt" < "$WORK/jin" > "$WORK/jvirt.out" 2>"$WORK/jvirt.err" &
JPID=$!
exec 3>"$WORK/jin"
for _ in $(seq 300); do grep -q '^ready ' "$WORK/jvirt.out" 2>/dev/null && break; sleep 0.1; done
URI_J=$(sed -n 's/^ready //p' "$WORK/jvirt.out")
[ -n "$URI_J" ] || { cat "$WORK/jvirt.err" >&2; exit 1; }

echo "# libvirtd 9.0 LXC as it is, on this hybrid hierarchy:"
/usr/bin/python3 "$ROOT/bench/lxc_bench.py" "$URI_P" "$WORK/rootfs" 1 | sed 's/^/#   /'

floor() {
  for i in $(seq 0 "$RUNS"); do
    s=$(date +%s%N); unshare --fork --pid --mount --uts --ipc --mount-proc /bin/busybox true; e=$(date +%s%N)
    [ "$i" = 0 ] || echo "run $i: create $(( (e - s) / 1000 )).0 us"
  done
}
for r in $(seq "$ROUNDS"); do
  echo "# round $r" >&2
  /usr/bin/python3 "$ROOT/bench/lxc_bench.py" "$URI_J" "$WORK/rootfs" "$RUNS" > "$WORK/r$r-jvirt.txt"
  /usr/bin/python3 "$ROOT/bench/lxc_bench.py" "$URI_H" "$WORK/rootfs" "$RUNS" > "$WORK/r$r-libvirtd.txt"
  floor > "$WORK/r$r-floor.txt"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$WORK" <<'PY'
import glob, os, re, statistics, sys
work = sys.argv[1]
res = {}
for f in sorted(glob.glob(os.path.join(work, "r*-*.txt"))):
    server = os.path.basename(f)[:-4].split("-", 1)[1]
    d = res.setdefault(server, {"start": [], "destroy": []})
    for line in open(f):
        m = re.match(r"run \d+: create ([0-9.]+) ms, destroy ([0-9.]+) ms", line)
        if m:
            d["start"].append(float(m.group(1))); d["destroy"].append(float(m.group(2)))
        m = re.match(r"run \d+: create ([0-9.]+) us", line)
        if m:
            d["start"].append(float(m.group(1)) / 1000)
        if line.startswith("error"):
            print(f"{server}: {line.strip()}")
def q(v):
    v = sorted(v)
    return f"median {statistics.median(v):7.2f}  min {v[0]:7.2f}  max {v[-1]:7.2f}  (n={len(v)})" if v else "-"
print(f"{'server':<22} {'start ms':<48} destroy ms")
for s, label in (("jvirt", "jvirt (jvirtd)"), ("libvirtd", "libvirtd 9.0 (hidden v2)"), ("floor", "unshare+exec floor")):
    if s in res:
        print(f"{label:<22} {q(res[s]['start']):<48} {q(res[s]['destroy'])}")
j, l = res.get("jvirt"), res.get("libvirtd")
if j and l and j["start"] and l["start"]:
    print(f"ratio jvirt/libvirtd: start {statistics.median(j['start']) / statistics.median(l['start']):.2f}, "
          f"destroy {statistics.median(j['destroy']) / statistics.median(l['destroy']):.2f}")
PY
