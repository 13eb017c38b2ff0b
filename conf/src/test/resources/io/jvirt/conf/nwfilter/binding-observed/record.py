#!/usr/bin/python3
"""Records what libvirtd's nwfilter driver does with each NAME.xml here: NAME.out is the XML
virNWFilterBindingGetXMLDesc returned after virNWFilterBindingCreateXML (then deleted), or the
error. Run by record.sh (a private libvirtd 9.0 in a network namespace, where no port device
named in these documents exists, so no filter is instantiated); argv[1] is its URI."""
import glob, os, sys
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "*.xml"))):
    xml = open(path).read()
    try:
        binding = conn.nwfilterBindingCreateXML(xml, 0)
        out = binding.XMLDesc()
        binding.delete()
    except libvirt.libvirtError as e:
        out = "error: code=%d domain=%d\n%s\n" % (e.get_error_code(), e.get_error_domain(), e.get_error_message())
    with open(path[:-4] + ".out", "w") as f:
        f.write(out)
