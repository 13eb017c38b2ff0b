#!/bin/sh
# LIBVIRTD for the anchor kit (../shared/anchor/libvirtd-up): libvirtd 9.0 configured for SASL as a
# test asks, inside the kit's namespace (its /etc is an overlay, so nothing of the host changes):
#   AUTH_TCP, AUTH_UNIX_RW, AUTH_UNIX_RO  libvirtd.conf's auth_* (default sasl, none, none)
#   MECHS                                 Cyrus's mech_list in /etc/sasl2/libvirt.conf
#   SASL_USERS                            "name:password ..." put into the sasldb with saslpasswd2
#   ALLOWED                               sasl_allowed_username_list entries, e.g. '"alice"'
CONF=
prev=
for a in "$@"; do [ "$prev" = --config ] && CONF=$a; prev=$a; done
sed -i 's/^auth_tcp = .*//; s/^auth_unix_ro = .*//; s/^auth_unix_rw = .*//' "$CONF"
printf '%s\n' "auth_tcp = \"${AUTH_TCP:-sasl}\"" "auth_unix_rw = \"${AUTH_UNIX_RW:-none}\"" \
  "auth_unix_ro = \"${AUTH_UNIX_RO:-none}\"" >> "$CONF"
[ -n "${ALLOWED:-}" ] && printf 'sasl_allowed_username_list = [ %s ]\n' "$ALLOWED" >> "$CONF"
mkdir -p /etc/sasl2 /etc/libvirt
printf 'mech_list: %s\nsasldb_path: /etc/libvirt/passwd.db\n' "${MECHS:-scram-sha-256}" > /etc/sasl2/libvirt.conf
rm -f /etc/libvirt/passwd.db
for u in ${SASL_USERS:-}; do
  printf '%s' "${u#*:}" | saslpasswd2 -p -a libvirt -f /etc/libvirt/passwd.db "${u%%:*}" || exit 1
done
exec /usr/sbin/libvirtd "$@"
