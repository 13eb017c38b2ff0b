#!/bin/sh
# qemu-start.sh: virDomainCreate / virDomainDestroy of a minimal diskless QEMU guest, jvirt's QEMU
# driver vs. libvirtd 9.0, same run, interleaved (../shared/anchor/qemu_bench.py against both), plus
# the floor: bare QEMU started and stopped over QMP (../shared/anchor/qmp_floor.py).
#
# Needs: root, /dev/kvm for kvm (TCG otherwise), Debian packages libvirt-daemon
# libvirt-daemon-driver-qemu libvirt-clients python3-libvirt qemu-system-x86, a built distribution
# (mvn -B package -DskipTests). Environment: QEMU_BENCH_RUNS (runs per round, default 10),
# QEMU_BENCH_ROUNDS (default 2), QEMU_BENCH_TYPES (default "kvm qemu"), ANCHOR.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
ANCHOR=${ANCHOR:-$ROOT/../shared/anchor}
RUNS=${QEMU_BENCH_RUNS:-10}
ROUNDS=${QEMU_BENCH_ROUNDS:-2}
TYPES=${QEMU_BENCH_TYPES:-kvm qemu}
DIST=$ROOT/distribution/target/jvirt
[ -x "$DIST/bin/jvirt" ] || { echo "build the distribution first: mvn -B package -DskipTests" >&2; exit 1; }
WORK=$(mktemp -d /tmp/qemu-bench.XXXXXX)
JPID=
cleanup() {
  [ -n "$JPID" ] && kill "$JPID" 2>/dev/null && wait "$JPID" 2>/dev/null || true
  "$ANCHOR/libvirtd-down" "$WORK/anchor" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$ANCHOR/libvirtd-up" "$WORK/anchor" --tcp-port 0
"$DIST/bin/jvirt" --data "$WORK/jvirt" --unix-dir "$WORK/run" --no-tcp >"$WORK/jvirt.out" 2>&1 &
JPID=$!
until grep -q '^jvirtd ready:' "$WORK/jvirt.out" 2>/dev/null; do
  kill -0 "$JPID" 2>/dev/null || { cat "$WORK/jvirt.out"; exit 1; }
  sleep 0.2
done
LIBVIRT="qemu+unix:///system?socket=$WORK/anchor/run/libvirt-sock"
JVIRT="qemu+unix:///system?socket=$WORK/run/libvirt-sock"
for t in $TYPES; do
  f=$t; [ "$t" = qemu ] && f=tcg
  echo "== $t: floor (bare QEMU + QMP)"
  "$ANCHOR/qmp_floor.py" "$f" "$RUNS" | grep MEDIAN
  i=1
  while [ "$i" -le "$ROUNDS" ]; do
    printf 'round %s libvirtd: ' "$i"; "$ANCHOR/qemu_bench.py" "$LIBVIRT" "$t" "$RUNS" | tail -1
    printf 'round %s jvirt:    ' "$i"; "$ANCHOR/qemu_bench.py" "$JVIRT" "$t" "$RUNS" | tail -1
    i=$((i + 1))
  done
done
