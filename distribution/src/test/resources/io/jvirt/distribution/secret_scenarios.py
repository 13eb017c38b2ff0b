#!/usr/bin/python3
"""SecretInteropIT's libvirt-python scenario: what a client of the secret API observes, printed one
line per call (the value, or the error's code, domain and message), so that the transcripts of two
servers can be compared. Usage: secret_scenarios.py RW_URI RO_URI. Lists are sorted (libvirtd lists
in hash order); a UUID a server generated is printed as GENERATED."""
import sys
import threading
import time

import libvirt

rw_uri, ro_uri = sys.argv[1], sys.argv[2]
libvirt.registerErrorHandler(lambda ctx, err: None, None)
libvirt.virEventRegisterDefaultImpl()
stop = False


def loop():
    while not stop:
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=loop, daemon=True).start()
generated = set()


def masked(text):
    for g in generated:
        text = text.replace(g, 'GENERATED')
    return text


def show(v):
    return masked(repr(v))


def call(label, f):
    try:
        print(label, 'OK', show(f()))
    except libvirt.libvirtError as e:
        print(label, 'ERR', e.get_error_code(), e.get_error_domain(), show(e.get_error_message()))


c = libvirt.open(rw_uri)
events = []
lock = threading.Condition()


def lifecycle(conn, secret, event, detail, opaque):
    with lock:
        events.append('lifecycle %s %d %s %d %d' % (secret.UUIDString(), secret.usageType(),
                                                   secret.usageID(), event, detail))
        lock.notify_all()


def value_changed(conn, secret, opaque):
    with lock:
        events.append('value-changed %s' % secret.UUIDString())
        lock.notify_all()


lc = c.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE, lifecycle, None)
vc = c.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_VALUE_CHANGED, value_changed, None)

U1 = 'c0ffee00-0000-4000-8000-0000000000b1'
U2 = 'c0ffee00-0000-4000-8000-0000000000b2'
s1 = c.secretDefineXML("<secret><uuid>%s</uuid><usage type='ceph'><name>py-ceph</name></usage></secret>" % U1)
s2 = c.secretDefineXML("<secret private='yes' ephemeral='yes'><uuid>%s</uuid><usage type='volume'>"
                       "<volume>/py/vol.img</volume></usage></secret>" % U2)
s3 = c.secretDefineXML("<secret><description>py</description></secret>")
generated.add(s3.UUIDString())
call('define-uuid', lambda: (s1.UUIDString(), s1.usageType(), s1.usageID()))
call('define-generated', lambda: (s3.UUIDString(), s3.usageType(), s3.usageID()))
call('list-all', lambda: sorted((masked(s.UUIDString()), s.usageType(), s.usageID()) for s in c.listAllSecrets()))
for flags in (1, 2, 4, 8, 5, 16):
    call('list-flags-%d' % flags, lambda: sorted(s.UUIDString() for s in c.listAllSecrets(flags)
                                                 if s.UUIDString() != s3.UUIDString()))
call('num', lambda: c.numOfSecrets())
call('list-uuids', lambda: len(c.listSecrets()))
call('lookup-uuid', lambda: c.secretLookupByUUIDString(U1).usageID())
call('lookup-uuid-missing', lambda: c.secretLookupByUUIDString('c0ffee00-0000-4000-8000-0000000000bf'))
call('lookup-usage', lambda: c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME, '/py/vol.img').UUIDString())
call('lookup-usage-other-type', lambda: c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_ISCSI, 'py-ceph'))
call('lookup-usage-unknown-type', lambda: c.secretLookupByUsage(42, 'py-ceph'))
call('xml', lambda: s2.XMLDesc())
call('xml-flags', lambda: s2.XMLDesc(1))
call('value-none', lambda: s1.value())
call('set-value', lambda: s1.setValue(b'\x00\x01py\xff'))
call('value', lambda: s1.value())
call('value-flags', lambda: s1.value(1))
call('set-value-flags', lambda: s1.setValue(b'x', 1))
call('set-value-private', lambda: s2.setValue(b'private'))
call('value-private', lambda: s2.value())
call('define-flags', lambda: c.secretDefineXML('<secret/>', 2))
call('define-dup-usage', lambda: c.secretDefineXML(
    "<secret><uuid>c0ffee00-0000-4000-8000-0000000000b3</uuid><usage type='ceph'><name>py-ceph</name></usage></secret>"))
call('define-private-to-public', lambda: c.secretDefineXML(
    "<secret private='no' ephemeral='yes'><uuid>%s</uuid><usage type='volume'><volume>/py/vol.img</volume></usage>"
    "</secret>" % U2))

r = libvirt.open(ro_uri)  # the read-only socket: the server makes the connection read-only
ro = r.secretLookupByUUIDString(U1)
call('ro-list', lambda: sorted(masked(s.UUIDString()) for s in r.listAllSecrets()))
call('ro-xml', lambda: ro.XMLDesc())
call('ro-value', lambda: ro.value())
call('ro-value-private', lambda: r.secretLookupByUUIDString(U2).value())
call('ro-set-value', lambda: ro.setValue(b'x'))
call('ro-define', lambda: r.secretDefineXML('<secret/>'))
call('ro-undefine', lambda: ro.undefine())
call('ro-event', lambda: r.secretEventDeregisterAny(r.secretEventRegisterAny(None, 0, lifecycle, None)))
r.close()

call('undefine', lambda: s1.undefine())
call('undefine-again', lambda: s1.undefine())
call('value-stale', lambda: s1.value())
s2.undefine()
s3.undefine()
with lock:
    deadline = time.time() + 10
    while len(events) < 8 and time.time() < deadline:
        lock.wait(0.2)
for e in events:
    print('event', masked(e))
c.secretEventDeregisterAny(lc)
c.secretEventDeregisterAny(vc)
stop = True
c.close()
