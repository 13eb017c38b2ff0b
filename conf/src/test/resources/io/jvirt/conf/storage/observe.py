#!/usr/bin/python3
# observe.py OUT p|v DOCS... : runs every document (documents separated by "----" lines) through
# libvirt 9.0's test driver behind a libvirtd (../shared/anchor/libvirtd-up /tmp/anchor-storage) and
# writes the "==== case / ==== expect" file StorageObservedTest reads. Inputs are our own.
import sys, libvirt
libvirt.registerErrorHandler(lambda *a: None, None)
U = 'test+unix:///default?socket=/tmp/anchor-storage/run/libvirt-sock'
out, kind = sys.argv[1], sys.argv[2]
cases = []
for f in sys.argv[3:]:
    for d in open(f).read().split('----\n'):
        if not d.strip():
            continue
        c = libvirt.open(U)
        try:
            if kind == 'p':
                p = c.storagePoolDefineXML(d, 0)
                res = p.XMLDesc(0)
                p.undefine(); del p
            else:
                pool = c.storagePoolLookupByName('default-pool')
                v = pool.createXML(d, 0)
                res = v.XMLDesc(0)
                v.delete(0); del v; del pool
        except libvirt.libvirtError as e:
            res = 'ERR %d %d %s\n' % (e.get_error_code(), e.get_error_domain(), e.get_error_message())
        c.close()
        if res.startswith('ERR 35 '):
            res = ' '.join(res.split(' ')[:3]) + ' (libxml2 message)\n'
        if 'Not enough free space' in res:
            continue
        cases.append(d.rstrip('\n') + '\n==== expect\n' + res)
open(out, 'w').write('==== case\n' + '==== case\n'.join(cases))
