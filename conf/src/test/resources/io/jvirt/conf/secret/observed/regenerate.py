#!/usr/bin/python3
"""Rewrites NAME.out for every NAME.xml here from a real libvirtd: what virSecretDefineXML then
virSecretGetXMLDesc give (a UUID libvirt generated is written as *), or, for a rejected document,
'error CODE DOMAIN' and libvirt's message. Usage: regenerate.py URI (a libvirtd's secret driver)."""
import glob, os, re, sys
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, '*.xml'))):
    xml = open(path).read()
    try:
        secret = conn.secretDefineXML(xml)
        out = secret.XMLDesc()
        secret.undefine()
        uuid = secret.UUIDString()
        if uuid not in xml.lower() and uuid.replace('-', '') not in xml.lower():
            out = out.replace('<uuid>' + uuid + '</uuid>', '<uuid>*</uuid>')
    except libvirt.libvirtError as e:
        out = 'error %d %d\n%s' % (e.get_error_code(), e.get_error_domain(), e.get_error_message())
    open(path[:-4] + '.out', 'w').write(out)
