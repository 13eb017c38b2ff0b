#!/usr/bin/python3
"""Network port parameters and port/binding errors through libvirt-python (virsh has no command
for virNetworkPortGetParameters/SetParameters). Prints one line per step: the result, or the
error's code, domain and message. Run against a server whose network 'pnet' is active and has no
ports, and which has no filter binding: argv[1] is its URI."""
import sys
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open(sys.argv[1])

PORT = """<networkport>
  <uuid>%s</uuid>
  <owner>
    <name>memtest</name>
    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
  </owner>
  <mac address='52:54:00:7b:35:93'/>
  %s
</networkport>"""


def step(name, f):
    try:
        r = f()
        if isinstance(r, libvirt.virNetworkPort):
            r = "port " + r.UUIDString()
        elif isinstance(r, libvirt.virNWFilterBinding):
            r = "binding " + r.portDev()
    except libvirt.libvirtError as e:
        r = "error %d %d %s" % (e.get_error_code(), e.get_error_domain(), e.get_error_message())
    except LookupError as e:  # libvirt-python's own refusals (before any call)
        r = "LookupError %s" % e
    print("%s: %s" % (name, r))
    return r


net = conn.networkLookupByName("pnet")
bw = "<bandwidth><inbound average='1000' peak='4000' burst='1024'/><outbound average='128'/></bandwidth>"
port = net.portCreateXML(PORT % ("9d744f21-ba4a-4d6e-bdb2-30a35ff3207d", bw))
step("uuid", port.UUIDString)
step("network", lambda: port.network().name())
step("params", lambda: sorted(port.parameters().items()))
step("set", lambda: port.setParameters({"inbound.average": 2000, "outbound.peak": 800}))
step("params2", lambda: sorted(port.parameters().items()))
step("xml2", port.XMLDesc)
step("set-unknown", lambda: port.setParameters({"outbound.average": 5}))
step("set-floor", lambda: port.setParameters({"inbound.floor": 100}))
step("params3", lambda: sorted(port.parameters().items()))
plain = net.portCreateXML(PORT % ("8d744f21-ba4a-4d6e-bdb2-30a35ff3207d", ""))
step("params-plain", lambda: plain.parameters())
step("set-plain", lambda: plain.setParameters({"inbound.average": 1}))
step("reclaim-none", lambda: net.portCreateXML(PORT % ("7d744f21-ba4a-4d6e-bdb2-30a35ff3207d", ""), 1))
step("reclaim", lambda: net.portCreateXML(PORT % ("7d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
                                                  "<plug type='bridge' bridge='pbr0'/>"), 1).XMLDesc())
step("validate", lambda: net.portCreateXML(PORT % ("6d744f21-ba4a-4d6e-bdb2-30a35ff3207d", ""), 2).UUIDString())
step("floor", lambda: net.portCreateXML(PORT % ("5d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
                                                "<bandwidth><inbound floor='10'/></bandwidth>")))
step("vport", lambda: net.portCreateXML(PORT % ("5d744f21-ba4a-4d6e-bdb2-30a35ff3207d",
                                                "<virtualport type='openvswitch'/>")))
step("list", lambda: sorted(p.UUIDString() for p in net.listAllPorts()))
step("lookup-missing", lambda: net.portLookupByUUIDString("00000000-0000-0000-0000-000000000001"))
step("delete", port.delete)
step("delete-again", port.delete)
step("params-deleted", port.parameters)
for p in net.listAllPorts():
    p.delete()
step("connections", lambda: "connections" in net.XMLDesc())

BINDING = """<filterbinding>
  <owner>
    <name>memtest</name>
    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
  </owner>
  <portdev name='%s'/>
  <mac address='52:54:00:7b:35:93'/>
  <filterref filter='%s'/>
</filterbinding>"""
b = conn.nwfilterBindingCreateXML(BINDING % ("vnet0", "clean-traffic"))
step("bind-names", lambda: (b.portDev(), b.filterName()))
step("bind-xml", b.XMLDesc)
step("bind-validate", lambda: conn.nwfilterBindingCreateXML(BINDING % ("vnet1", "clean-traffic"), 1).portDev())
# a filter no host has (libvirtd loads Debian's stock filters when libvirt-daemon-config-nwfilter is installed)
step("bind-up-unknown", lambda: conn.nwfilterBindingCreateXML(BINDING % ("eth1", "ports-no-such-filter")))
step("bind-list", lambda: sorted((x.portDev(), x.filterName()) for x in conn.listAllNWFilterBindings()))
step("bind-lookup", lambda: conn.nwfilterBindingLookupByPortDev("vnet1").filterName())
for x in conn.listAllNWFilterBindings():
    x.delete()
step("bind-delete-again", b.delete)
