#!/bin/sh
# Regenerates the NAME.out files of this folder from a private libvirtd 9.0 (the anchor kit) run
# inside a network namespace made for it (its nwfilter driver then touches only that namespace).
# Needs root. Usage: record.sh [ANCHOR_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# the anchor kit: the argument, else the nearest shared/anchor beside an ancestor of this folder
anchor=${1:-}
d=$here
while [ -z "$anchor" ] && [ "$d" != / ]; do
  d=$(dirname "$d")
  [ -x "$(dirname "$d")/shared/anchor/libvirtd-up" ] && anchor=$(dirname "$d")/shared/anchor
done
[ -n "$anchor" ] || { echo "the anchor kit (shared/anchor) is missing: give its path" >&2; exit 1; }
ns=jvirt-bindrec-$$
dir=$(mktemp -d /tmp/bindrec.XXXXXX)
trap 'ip netns exec $ns "$anchor/libvirtd-down" "$dir" >/dev/null 2>&1 || true; ip netns del $ns; rm -rf "$dir"' EXIT
ip netns add $ns
ip netns exec $ns ip link set lo up
ip netns exec $ns "$anchor/libvirtd-up" "$dir" --tcp-port 0 >/dev/null
/usr/bin/python3 "$here/record.py" "nwfilter+unix:///system?socket=$dir/run/libvirt-sock"
