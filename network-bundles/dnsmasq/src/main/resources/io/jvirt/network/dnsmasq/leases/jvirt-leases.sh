#!/bin/sh
# jvirt's dnsmasq lease helper (dnsmasq --dhcp-script=THIS, with --leasefile-ro): keeps BRIDGE.status
# beside this file, the lease status that libvirt's leaseshelper keeps and net-dhcp-leases reads
# (a JSON array, one lease object a line). dnsmasq calls, one call at a time:
#   add|old|del MAC-or-CLIENT-DUID IP [HOSTNAME]   a lease was granted, renewed or is gone
#                                                  (DHCPv6: DNSMASQ_IAID and DNSMASQ_MAC are set)
#   init                                           at start: print the leases dnsmasq should know
# Anything else (tftp, arp, relay-snoop) is ignored. The file is replaced by a rename.
export LC_ALL=C
dir=${0%/*}
iface=${DNSMASQ_INTERFACE:-${VIR_BRIDGE_NAME:-}}
if [ -z "$iface" ]; then
    echo "interface not set" >&2
    exit 1
fi
status=$dir/$(printf '%s' "$iface" | tr -cd 'A-Za-z0-9._-').status
action=${1:-}

# keeps only what dnsmasq writes in these fields: hex, digits, names, dots, colons
clean() { printf '%s' "$1" | tr -cd 'A-Za-z0-9._:-'; }

# the lease objects of the status file, one a line, without the separating commas
leases() {
    [ -f "$status" ] && sed -n 's/^ *\({.*}\),\{0,1\} *$/\1/p' "$status"
}
field() { printf '%s\n' "$1" | sed -n "s/.*\"$2\": *\"\\([^\"]*\\)\".*/\\1/p"; }
number() { printf '%s\n' "$1" | sed -n "s/.*\"$2\": *\\(-\\{0,1\\}[0-9]*\\).*/\\1/p"; }

# writes the lease lines of stdin as the status file
save() {
    tmp=$status.new.$$
    { echo "["; sed '$!s/$/,/; s/^/  /'; echo "]"; } > "$tmp" && chmod 644 "$tmp" && mv -f "$tmp" "$status"
}

# leases without the one of address $1
others() { leases | grep -v -F "\"ip-address\":\"$1\""; }

case $action in
add|old|del)
    [ $# -ge 3 ] || exit 1
    ip=$(clean "$3")
    if [ "$action" = del ]; then
        others "$ip" | save
        exit 0
    fi
    mac=$(clean "$2")
    clientid=$(clean "${DNSMASQ_CLIENT_ID:-}")
    iaid=$(clean "${DNSMASQ_IAID:-}")
    if [ -n "$iaid" ]; then
        # DHCPv6: the second argument is the client's DUID, the MAC comes from the environment
        clientid=$mac
        mac=$(clean "${DNSMASQ_MAC:-}")
    fi
    host=${4:-${DNSMASQ_SUPPLIED_HOSTNAME:-${DNSMASQ_OLD_HOSTNAME:-}}}
    host=$(clean "$host")
    duid=$(clean "${DNSMASQ_SERVER_DUID:-}")
    expiry=$(printf '%s' "${DNSMASQ_LEASE_EXPIRES:-0}" | tr -cd '0-9')
    # a lease of unknown MAC is not kept (as libvirt's helper)
    [ -n "$mac" ] || exit 0
    lease="{"
    [ -n "$iaid" ] && lease="$lease\"iaid\":\"$iaid\","
    lease="$lease\"ip-address\":\"$ip\",\"mac-address\":\"$mac\""
    [ -n "$host" ] && lease="$lease,\"hostname\":\"$host\""
    [ -n "$clientid" ] && lease="$lease,\"client-id\":\"$clientid\""
    [ -n "$duid" ] && lease="$lease,\"server-duid\":\"$duid\""
    lease="$lease,\"expiry-time\":${expiry:-0}}"
    { others "$ip"; printf '%s\n' "$lease"; } | save
    ;;
init)
    # dnsmasq's lease file format: IPv4 leases, then "duid SERVER-DUID" and the IPv6 leases
    duid=
    leases | while IFS= read -r l; do
        ip=$(field "$l" ip-address)
        case $ip in *:*) continue ;; esac
        h=$(field "$l" hostname)
        c=$(field "$l" client-id)
        echo "$(number "$l" expiry-time) $(field "$l" mac-address) $ip ${h:-*} ${c:-*}"
    done
    duid=$(leases | while IFS= read -r l; do field "$l" server-duid; done | sed -n 1p)
    if [ -n "$duid" ]; then
        echo "duid $duid"
        leases | while IFS= read -r l; do
            ip=$(field "$l" ip-address)
            case $ip in *:*) ;; *) continue ;; esac
            h=$(field "$l" hostname)
            c=$(field "$l" client-id)
            echo "$(number "$l" expiry-time) $(field "$l" iaid) $ip ${h:-*} ${c:-*}"
        done
    fi
    ;;
esac
exit 0
