#!/usr/bin/env bash
# QEMU domain start/destroy benchmark (run on purpose, not in CI), all in one run on this machine:
#   - floor: bare qemu-system-x86_64 + QMP, no management layer (../shared/anchor/qmp_floor.py);
#   - libvirtd 9.0: a private instance started with ../shared/anchor/libvirtd-up in a temporary
#     directory (under its subreaper), reached at qemu+unix:///system?socket=...;
#   - optionally a second server URI_B (jvirt's: 'qemu+unix:///system?socket=<jvirtd socket>').
# Each is driven by ../shared/anchor/qemu_bench.py (define a diskless 64 MiB domain, then
# virDomainCreate/virDomainDestroy RUNS times after one warm-up) for domain types kvm and qemu
# (TCG), interleaved floor, libvirtd, B for ROUNDS rounds; medians pool all runs of all rounds.
#
#   usage: bench/qemu.sh [URI_B]      environment: RUNS (5), ROUNDS (3), TYPES ("kvm qemu"),
#                                     ANCHOR (../shared/anchor), KEEP=1 keeps the raw outputs
set -euo pipefail
URI_B=${1:-}
RUNS=${RUNS:-5}
ROUNDS=${ROUNDS:-3}
TYPES=${TYPES:-kvm qemu}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ANCHOR=${ANCHOR:-$ROOT/../shared/anchor}
[ -x "$ANCHOR/libvirtd-up" ] || ANCHOR=/work/shared/anchor
[ -x "$ANCHOR/qemu_bench.py" ] || { echo "no anchor kit at $ANCHOR (set ANCHOR)" >&2; exit 1; }
"$ROOT/scripts/ensure-deps.sh" test

WORK=$(mktemp -d /tmp/jvirt-qemu-bench.XXXXXX)
cleanup() {
  "$ANCHOR/libvirtd-down" "$WORK/anchor" >/dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "# raw outputs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), $(qemu-system-x86_64 --version | head -1)"
echo "# kvm: $( [ -d /sys/module/kvm_pvm ] && echo 'PVM (kvm_pvm)' || { [ -c /dev/kvm ] && echo /dev/kvm || echo none; })"
echo "# date: $(date -u +%FT%TZ)  RUNS=$RUNS ROUNDS=$ROUNDS TYPES=$TYPES  load: $(cut -d' ' -f1-3 /proc/loadavg)"

"$ANCHOR/libvirtd-up" "$WORK/anchor" --tcp-port 0 >&2
URI_L="qemu+unix:///system?socket=$WORK/anchor/run/libvirt-sock"

floor_accel() { [ "$1" = qemu ] && echo tcg || echo "$1"; }
for r in $(seq "$ROUNDS"); do
  echo "# round $r" >&2
  for t in $TYPES; do
    "$ANCHOR/qmp_floor.py" "$(floor_accel "$t")" "$RUNS" > "$WORK/r$r-$t-floor.txt"
    "$ANCHOR/qemu_bench.py" "$URI_L" "$t" "$RUNS" > "$WORK/r$r-$t-libvirtd.txt"
    [ -z "$URI_B" ] || "$ANCHOR/qemu_bench.py" "$URI_B" "$t" "$RUNS" > "$WORK/r$r-$t-b.txt"
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK" "$TYPES" "${URI_B:+b}" <<'PY'
import glob, os, re, statistics, sys
work, types, with_b = sys.argv[1], sys.argv[2].split(), bool(sys.argv[3])
runs = {}  # (type, server) -> {"start": [...], "destroy": [...]}
for f in glob.glob(os.path.join(work, "r*-*-*.txt")):
    _, vtype, server = os.path.basename(f)[:-4].split("-")
    d = runs.setdefault((vtype, server), {"start": [], "destroy": []})
    for line in open(f):
        m = re.match(r"run \d+: create ([0-9.]+) ms, .* destroy ([0-9.]+) ms", line)
        if m:  # qemu_bench.py, warm-up excluded
            d["start"].append(float(m.group(1))); d["destroy"].append(float(m.group(2)))
        m = re.match(r"\w+ run \d+: .*cont->running ([0-9.]+), query-status ([0-9.]+), quit\+exit ([0-9.]+) ms", line)
        if m:  # qmp_floor.py: spawn -> running; quit -> process gone
            d["start"].append(float(m.group(1)))
            d["destroy"].append(float(m.group(3)) - float(m.group(2)))
med = lambda v: statistics.median(v) if v else float("nan")
head = "| domain type | ms, median | floor (QEMU + QMP) | libvirtd 9.0 |"
head += " jvirt | jvirt / libvirtd | jvirt / floor |" if with_b else ""
print(head + " libvirtd / floor |")
print("|---|---|" + "---:|" * (head.count("|") - 2))
for t in types:
    for what in ("start", "destroy"):
        f = med(runs.get((t, "floor"), {}).get(what, []))
        l = med(runs.get((t, "libvirtd"), {}).get(what, []))
        n = len(runs.get((t, "libvirtd"), {}).get(what, []))
        row = f"| {t}{' (TCG)' if t == 'qemu' else ''} | {what} ({n} runs) | {f:.1f} | {l:.1f} |"
        if with_b:
            b = med(runs.get((t, "b"), {}).get(what, []))
            row += f" {b:.1f} | {b / l:.2f} | {b / f:.2f} |"
        print(row + f" {l / f:.1f} |")
PY
