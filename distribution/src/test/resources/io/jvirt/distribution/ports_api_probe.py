#!/usr/bin/python3
"""Calls one public API of the test driver surface table (argv[2]) on argv[1] and prints 'ok' or
the error code (3 is VIR_ERR_NO_SUPPORT); what it creates it deletes again. argv[3] and argv[4]: the table's port.xml, binding.xml."""
import sys
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])
net = lambda: conn.networkLookupByName("default")
CALLS = {
    "virNetworkListAllPorts": lambda: net().listAllPorts(),
    "virNetworkPortCreateXML": lambda: net().portCreateXML(open(sys.argv[3]).read()),
    "virNetworkPortLookupByUUID": lambda: net().portLookupByUUIDString("11111111-2222-3333-4444-555555555555"),
    "virNWFilterBindingCreateXML": lambda: conn.nwfilterBindingCreateXML(open(sys.argv[4]).read()),
    "virNWFilterBindingLookupByPortDev": lambda: conn.nwfilterBindingLookupByPortDev("testnet0"),
    "virConnectListAllNWFilterBindings": lambda: conn.listAllNWFilterBindings(),
}
try:
    made = CALLS[sys.argv[2]]()
    if isinstance(made, (libvirt.virNetworkPort, libvirt.virNWFilterBinding)):
        made.delete()  # leave the server as it was
    print("ok")
except libvirt.libvirtError as e:
    print(e.get_error_code())
