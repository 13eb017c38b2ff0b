#!/usr/bin/env bash
# Platform cold start: spawn of bin/jvirt -> its "jvirt ready:" line, over N runs, each with a
# fresh data directory (empty OSGi cache), interleaved with the cold start of the real libvirtd
# (../shared/anchor/libvirtd-up -> its "libvirtd ready:" line, fresh state directory) measured
# in the same run for reference. Prints median/min/max of both, the ratio, and a Markdown block
# for docs/performance.md. Measures; asserts nothing.
#
#   bench/cold-start.sh [-n RUNS] [--dist DIR] [--anchor DIR] [--no-libvirtd]
#
# Needs root for libvirtd-up (mount namespace, overlayfs). Installs the Debian packages the
# reference needs if they are missing, saying so.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
runs=10 dist=$root/distribution/target/jvirt anchor=${ANCHOR:-/work/shared/anchor} libvirtd=1
while [ $# -gt 0 ]; do
  case $1 in
    -n|--runs) runs=$2; shift 2 ;;
    --dist) dist=$2; shift 2 ;;
    --anchor) anchor=$2; shift 2 ;;
    --no-libvirtd) libvirtd=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "cold-start: unknown argument: $1" >&2; exit 2 ;;
  esac
done
say() { printf '[cold-start] %s\n' "$*" >&2; }

if [ ! -x "$dist/bin/jvirt" ]; then
  say "no distribution at $dist: building it (mvn -B -q package -DskipTests)"
  (cd "$root" && mvn -B -q package -DskipTests)
fi

if [ "$libvirtd" = 1 ]; then
  pkgs=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients python3-libvirt qemu-system-x86)
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing the reference's Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [ -x "$anchor/libvirtd-up" ] || { say "no $anchor/libvirtd-up (use --anchor DIR or --no-libvirtd)"; exit 1; }
fi

args=(--runs "$runs" --dist "$dist" --anchor "$anchor")
[ "$libvirtd" = 1 ] || args+=(--no-libvirtd)
exec python3 "$here/cold_start.py" "${args[@]}"
