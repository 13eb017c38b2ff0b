#!/bin/sh
# swap-pause.sh: the pause a client sees when a driver is replaced, jvirt vs. libvirt, same run.
#
#   jvirt:   bundle.update() of the example vendor driver inside Felix while one thread calls
#            Domain.getInfo in a tight loop on a connection opened through it
#            (itest SwapPauseBench, run by `mvn -Pbench`); the connection rides over the swap.
#   libvirt: the reference, restarting the daemon that holds the driver (libvirtd-down + libvirtd-up
#            of ../shared/anchor) while one client calls virDomainGetInfo in a tight loop and
#            reconnects when the daemon goes away (bench/libvirtd_restart_gap.py).
#
# For each swap/restart: the longest gap between two completed calls (the pause the client sees)
# and how long the swap itself took. Prints the machine, medians and maxima, and the ratios
# libvirt / jvirt (above 1: jvirt's client is cut off for less time).
#
# Needs: root (libvirtd-up), Debian packages libvirt-daemon libvirt-daemon-driver-qemu
# libvirt-clients python3-libvirt qemu-system-x86, JDK 17 + Maven. Builds with `verify`, never
# `install`.
#
# Environment: SWAP_UPDATES (jvirt updates measured, default 20), SWAP_RESTARTS (libvirtd restarts
# measured, default 10), ANCHOR (the anchor kit, default ../shared/anchor next to the repository),
# SWAP_RESULTS (directory for the raw figures, default a new temporary directory).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
UPDATES=${SWAP_UPDATES:-20}
RESTARTS=${SWAP_RESTARTS:-10}
ANCHOR=${ANCHOR:-$ROOT/../shared/anchor}
RESULTS=${SWAP_RESULTS:-$(mktemp -d /tmp/swap-pause.XXXXXX)}
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd -P)

die() { echo "swap-pause: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (libvirtd-up needs it)"
[ -x "$ANCHOR/libvirtd-up" ] || die "no anchor kit at $ANCHOR (set ANCHOR=/path/to/shared/anchor)"
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || die "python3-libvirt missing for /usr/bin/python3"
command -v mvn >/dev/null || die "mvn not found"

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
{
  echo "machine.nproc=$(nproc)"
  echo "machine.cpu=$cpu"
  echo "machine.memory=$mem"
  echo "machine.kernel=$(uname -r)"
  echo "machine.java=$(java -version 2>&1 | head -1)"
  echo "machine.libvirtd=$(/usr/sbin/libvirtd --version 2>/dev/null)"
  echo "machine.loadavg.before=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RESULTS/machine.properties"
echo "machine: $(nproc) CPUs ($cpu), $mem RAM, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== jvirt: $UPDATES bundle updates of the vendor driver (mvn -Pbench) =="
(cd "$ROOT" && mvn -B -q verify -pl itest -am -Pbench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.updates="$UPDATES" -Dbench.out="$RESULTS/jvirt.properties") > "$RESULTS/mvn.log" 2>&1 \
  || { tail -40 "$RESULTS/mvn.log"; die "the jvirt benchmark failed (log: $RESULTS/mvn.log)"; }

echo "== libvirt: $RESTARTS restarts of libvirtd (anchor kit) =="
ADIR=$(mktemp -d /tmp/swap-pause-anchor.XXXXXX)
trap '"$ANCHOR/libvirtd-down" "$ADIR" >/dev/null 2>&1 || true; rm -rf "$ADIR"' EXIT INT TERM
"$ROOT/bench/libvirtd_restart_gap.py" "$ANCHOR" "$ADIR" "$RESTARTS" "$RESULTS/libvirt.properties"

get() { sed -n "s/^$2=//p" "$RESULTS/$1.properties"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
row() { # label jvirt-key libvirt-key
  j=$(get jvirt "$2"); l=$(get libvirt "$3")
  printf '%-38s %12s %12s %10s\n' "$1" "$j" "$l" "$(ratio "$l" "$j")"
}
echo
printf '%-38s %12s %12s %10s\n' "(ms)" "jvirt" "libvirt" "libvirt/jvirt"
row "client pause, median"                jvirt.pause.ms.median  libvirt.gap.ms.median
row "client pause, max"                   jvirt.pause.ms.max     libvirt.gap.ms.max
row "swap (update / restart), median"     jvirt.update.ms.median libvirt.restart.ms.median
row "swap (update / restart), max"        jvirt.update.ms.max    libvirt.restart.ms.max
row "longest gap without swap, median"    jvirt.steady.maxgap.ms.median libvirt.steady.maxgap.ms.median
echo
echo "failed calls: jvirt $(get jvirt jvirt.failures) (the connection rides over the swap);" \
     "libvirt $(get libvirt libvirt.failed.calls) (the client had to reconnect $(get libvirt libvirt.reconnects) times)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates both sides)"
echo "raw figures: $RESULTS"
