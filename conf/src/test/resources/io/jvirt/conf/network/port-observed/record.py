#!/usr/bin/python3
"""Records what libvirtd does with each NAME.xml here: NAME.out is the XML that
virNetworkPortGetXMLDesc returned after virNetworkPortCreateXML, or the error.
Run by record.sh (a private libvirtd 9.0 in a network namespace); argv[1] is its URI.
A document with a <plug> is created with VIR_NETWORK_PORT_CREATE_RECLAIM (libvirt refuses
a plug without it), on network 'pdir' when the plug is direct, else on 'pnet'."""
import glob, os, sys
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "*.xml"))):
    xml = open(path).read()
    flags = libvirt.VIR_NETWORK_PORT_CREATE_RECLAIM if "<plug" in xml else 0
    net = conn.networkLookupByName("pdir" if "type='direct'" in xml else "pnet")
    try:
        port = net.portCreateXML(xml, flags)
        out = port.XMLDesc()
        port.delete()
    except libvirt.libvirtError as e:
        out = "error: code=%d domain=%d\n%s\n" % (e.get_error_code(), e.get_error_domain(), e.get_error_message())
    with open(path[:-4] + ".out", "w") as f:
        f.write(out)
