#!/usr/bin/env bash
# Storage driver benchmark (run on purpose, not in CI): libvirtd 9.0 (a private instance of
# ../shared/anchor/libvirtd-up) and jvirtd (bin/jvirt of this checkout's distribution) in the same
# run, each with its own directories under one temporary directory, driven by bench/storage_bench.py
# through libvirt-python over the servers' unix sockets (storage+unix:///system):
#   - refresh of a dir pool holding 1,000 qcow2 volumes, half with backing files;
#   - vol-create of 1,000 raw volumes (1 MiB, fully allocated);
#   - listAllVolumes of a pool with 10,000 volumes, through libvirt-python and as raw RPC (the server's share).
# The servers alternate for ROUNDS rounds of RUNS runs each; medians pool all runs.
#
#   usage: bench/storage.sh        environment: RUNS (5), ROUNDS (3), ANCHOR (../shared/anchor), KEEP=1
set -euo pipefail
RUNS=${RUNS:-5}
ROUNDS=${ROUNDS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ANCHOR=${ANCHOR:-$ROOT/../shared/anchor}
[ -x "$ANCHOR/libvirtd-up" ] || ANCHOR=/work/shared/anchor
"$ROOT/scripts/ensure-deps.sh" test
"$ROOT/scripts/build-dist.sh"

WORK=$(mktemp -d /tmp/jvirt-storage-bench.XXXXXX)
JPID=
cleanup() {
  [ -z "$JPID" ] || kill "$JPID" 2>/dev/null || true
  "$ANCHOR/libvirtd-down" "$WORK/anchor" >/dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "# raw outputs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), $(df -T /tmp | awk 'NR==2 {print $2}') /tmp"
echo "# date: $(date -u +%FT%TZ)  RUNS=$RUNS ROUNDS=$ROUNDS  load: $(cut -d' ' -f1-3 /proc/loadavg)"

"$ANCHOR/libvirtd-up" "$WORK/anchor" --tcp-port 0 >&2
"$ROOT/distribution/target/jvirt/bin/jvirt" --data "$WORK/jvirt" --unix-dir "$WORK/js" --no-tcp > "$WORK/jvirt.out" 2>&1 &
JPID=$!
for _ in $(seq 120); do grep -q '^jvirtd ready' "$WORK/jvirt.out" && break; sleep 0.5; done
grep -q '^jvirtd ready' "$WORK/jvirt.out" || { cat "$WORK/jvirt.out" >&2; exit 1; }
URI_L="storage+unix:///system?socket=$WORK/anchor/run/libvirt-sock"
URI_J="storage+unix:///system?socket=$WORK/js/libvirt-sock"
mkdir -p "$WORK/lv" "$WORK/jv"

for r in $(seq "$ROUNDS"); do
  echo "# round $r" >&2
  "$ROOT/bench/storage_bench.py" - "$WORK/floor" create-floor "$RUNS" > "$WORK/r$r-create-floor.txt"
  for b in refresh create list list-rpc; do
    "$ROOT/bench/storage_bench.py" "$URI_L" "$WORK/lv" "$b" "$RUNS" > "$WORK/r$r-$b-libvirtd.txt"
    "$ROOT/bench/storage_bench.py" "$URI_J" "$WORK/jv" "$b" "$RUNS" > "$WORK/r$r-$b-jvirt.txt"
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK" <<'PY'
import glob, os, re, statistics, sys
work = sys.argv[1]
runs = {}
for f in glob.glob(os.path.join(work, "r*-*-*.txt")):
    _, rest = os.path.basename(f)[:-4].split("-", 1)
    if rest == "create-floor":
        what, server = "create", "floor"
    else:
        what, server = rest.rsplit("-", 1)
    for line in open(f):
        m = re.match(r"[\w-]+ run \d+: ([0-9.]+) ms", line)
        if m:
            runs.setdefault((what, server), []).append(float(m.group(1)))
names = {"refresh": "pool refresh, 1,000 qcow2 (half with backing)",
         "create": "1,000 x vol-create (raw, 1 MiB)",
         "list": "listAllVolumes, 10,000 volumes (libvirt-python)",
         "list-rpc": "listAllVolumes, 10,000 volumes (raw RPC, reply unparsed)"}
print("| benchmark | ms, median | libvirtd 9.0 | jvirt | jvirt / libvirtd |")
print("|---|---|---:|---:|---:|")
for what in ("refresh", "create", "list", "list-rpc"):
    l, j = runs.get((what, "libvirtd"), []), runs.get((what, "jvirt"), [])
    ml, mj = statistics.median(l), statistics.median(j)
    print(f"| {names[what]} | {len(l)} runs each | {ml:.1f} | {mj:.1f} | {mj / ml:.2f} |")
fl = runs.get(("create", "floor"), [])
if fl:
    print(f"| floor of the create: open + ftruncate + posix_fallocate + fsync of 1,000 files, no server "
          f"| {len(fl)} runs | {statistics.median(fl):.1f} | | |")
PY
