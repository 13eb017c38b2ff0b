#!/bin/sh
# Regenerates the NAME.out files of this folder from a private libvirtd 9.0 (the anchor kit) run
# inside a network namespace made for it: networks 'pnet' (isolated, bridge pbr0) and 'pdir'
# (macvtap 'vepa' on eth0, which need not exist). Needs root. Usage: record.sh [ANCHOR_DIR]
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
ns=jvirt-portrec-$$
dir=$(mktemp -d /tmp/portrec.XXXXXX)
trap 'ip netns exec $ns "$anchor/libvirtd-down" "$dir" >/dev/null 2>&1 || true; ip netns del $ns; rm -rf "$dir"' EXIT
ip netns add $ns
ip netns exec $ns ip link set lo up
ip netns exec $ns "$anchor/libvirtd-up" "$dir" --tcp-port 0 >/dev/null
uri="network+unix:///system?socket=$dir/run/libvirt-sock"
cat > "$dir/pnet.xml" <<XML
<network><name>pnet</name><bridge name='pbr0'/><ip address='192.168.200.1' netmask='255.255.255.0'/></network>
XML
cat > "$dir/pdir.xml" <<XML
<network><name>pdir</name><forward mode='vepa'><interface dev='eth0'/></forward></network>
XML
virsh -q -c "$uri" net-create "$dir/pnet.xml" >/dev/null
virsh -q -c "$uri" net-create "$dir/pdir.xml" >/dev/null
/usr/bin/python3 "$here/record.py" "$uri"
