#!/bin/sh
# nwfilter-bindings.sh: creating and deleting N bindings of clean-traffic, jvirt's nwfilter driver and
# libvirtd 9.0's in the same run (issue 17's benchmark). Each side runs in a network namespace of its
# own with N veths standing in for guest taps; jvirt is called in process, libvirtd through one virsh
# session per phase. The tables both leave are compared after each phase. Figures on stdout.
#
# Needs: root, ../shared/anchor (libvirtd-up), Debian's libvirt-daemon-config-nwfilter, ebtables,
# iptables, libvirt-clients; JDK 17 + Maven (builds with verify, never install).
# Environment: BENCH_BINDINGS (N, default 100), BENCH_ROUNDS (default 3).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
[ "$(id -u)" = 0 ] || { echo "nwfilter-bindings: must run as root" >&2; exit 1; }
echo "machine: $(nproc) CPUs, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -q -ntp -o verify -pl network-bundles/nwfilter -am -Dtest=BindingsBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.bindings="${BENCH_BINDINGS:-100}" \
  -Dbench.rounds="${BENCH_ROUNDS:-3}" -DtrimStackTrace=false
grep -h -A4 "nwfilter bindings bench\|^round " network-bundles/nwfilter/target/surefire-reports/io.jvirt.network.nwfilter.BindingsBench-output.txt 2>/dev/null || true
