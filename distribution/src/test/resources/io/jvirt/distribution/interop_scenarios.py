#!/usr/bin/python3
"""libvirt-python scenarios for PythonInteropIT: interop_scenarios.py URI [SCENARIO...]

Runs each scenario against URI (a server serving libvirt's test driver as test:///default) and
prints a transcript: '## name' and then one line per observation. PythonInteropIT runs it against
libvirtd and against jvirtd and compares the transcripts; so only what is the same for the same
server behaviour is printed (no callback IDs, no CPU times, no URIs).
"""
import sys
import threading
import time

import libvirt

URI = sys.argv[1]
out = []


def say(*parts):
    out.append(" ".join(str(p) for p in parts))


def err(e):
    return "error code=%s domain=%s level=%s message=%s" % (
        e.get_error_code(), e.get_error_domain(), e.get_error_level(),
        e.get_error_message().replace("\n", "\\n"))


def attempt(label, fn):
    """Runs fn and prints its result or libvirt's error with its numbers."""
    try:
        say(label, "->", fn())
    except libvirt.libvirtError as e:
        say(label, "->", err(e))


# libvirt-python prints errors to stderr by default; the transcript has them already
libvirt.registerErrorHandler(lambda ctx, e: None, None)
libvirt.virEventRegisterDefaultImpl()
_loop_stop = False


def _run_loop():
    while not _loop_stop:
        libvirt.virEventRunDefaultImpl()


_loop = threading.Thread(target=_run_loop, daemon=True)
_loop.start()

DOM_XML = """<domain type='test'>
  <name>py1</name>
  <uuid>7b3bc1e3-4b6d-4c9f-8e20-1d9f3a8b2c01</uuid>
  <memory unit='KiB'>131072</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>"""
NET_XML = """<network>
  <name>pynet</name>
  <uuid>7b3bc1e3-4b6d-4c9f-8e20-1d9f3a8b2c02</uuid>
  <bridge name='pybr0'/>
  <ip address='192.168.160.1' netmask='255.255.255.0'/>
</network>"""
POOL_XML = """<pool type='dir'>
  <name>pypool</name>
  <uuid>7b3bc1e3-4b6d-4c9f-8e20-1d9f3a8b2c03</uuid>
  <target><path>/pypool</path></target>
</pool>"""
VOL_XML = """<volume>
  <name>py.img</name>
  <capacity unit='MiB'>8</capacity>
  <allocation unit='MiB'>0</allocation>
</volume>"""


def open_close(conn):
    c = libvirt.open(URI)
    say("type", c.getType())
    say("hv version", c.getVersion())
    say("lib version", c.getLibVersion())
    say("alive", c.isAlive(), "encrypted", c.isEncrypted(), "secure", c.isSecure())
    say("max vcpus", c.getMaxVcpus(None))
    say("close", c.close())
    attempt("call after close", lambda: c.getType())
    r = libvirt.openReadOnly(URI)
    say("read-only type", r.getType())
    say("close", r.close())


def lookups(conn):
    d = conn.lookupByName("test")
    say("by name", d.name(), d.ID(), d.UUIDString())
    say("by id", conn.lookupByID(d.ID()).name())
    say("by uuid", conn.lookupByUUIDString(d.UUIDString()).name())
    say("by raw uuid", conn.lookupByUUID(d.UUID()).name())
    say("os type", d.OSType(), "active", d.isActive(), "persistent", d.isPersistent(), "updated", d.isUpdated())
    say("network", conn.networkLookupByName("default").UUIDString())
    say("pool", conn.storagePoolLookupByName("default-pool").UUIDString())
    say("domains", sorted(x.name() for x in conn.listAllDomains()))
    say("ids", conn.listDomainsID(), "defined", conn.listDefinedDomains())
    say("counts", conn.numOfDomains(), conn.numOfDefinedDomains(), conn.numOfNetworks(), conn.numOfStoragePools())


def info(conn):
    d = conn.lookupByName("test")
    i = d.info()
    say("domain info", i[0], i[1], i[2], i[3])  # i[4], the CPU time, is the wall clock in the test driver
    say("state", d.state())
    say("max memory", d.maxMemory(), "max vcpus", d.maxVcpus())
    say("node info", conn.getInfo())
    say("free memory", conn.getFreeMemory())
    say("cells", conn.getCellsFreeMemory(0, 2))
    say("hostname", conn.getHostname())
    attempt("sysinfo", lambda: conn.getSysinfo(0))
    say("scheduler", d.schedulerType())
    say("vcpus", d.vcpusFlags(libvirt.VIR_DOMAIN_VCPU_MAXIMUM))
    say("autostart", d.autostart())


def xml(conn):
    d = conn.lookupByName("test")
    say(d.XMLDesc(0))
    say(d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
    say(conn.networkLookupByName("default").XMLDesc(0))
    say(conn.storagePoolLookupByName("default-pool").XMLDesc(0))
    say(conn.getCapabilities())


def define_undefine(conn):
    d = conn.defineXML(DOM_XML)
    say("defined", d.name(), d.isPersistent(), d.isActive(), d.info()[0])
    say("listed", sorted(x.name() for x in conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE)))
    attempt("define again, same uuid", lambda: conn.defineXML(DOM_XML).name())
    attempt("define same name other uuid",
            lambda: conn.defineXML(DOM_XML.replace("2c01", "2c99")).name())
    say("undefine", d.undefine())
    attempt("lookup after undefine", lambda: conn.lookupByName("py1").name())
    attempt("use stale handle", lambda: d.info())


def lifecycle(conn):
    d = conn.defineXML(DOM_XML)
    steps = [("create", d.create), ("suspend", d.suspend), ("resume", d.resume),
             ("reboot", lambda: d.reboot(0)), ("shutdown", d.shutdown), ("create", d.create),
             ("reset", lambda: d.reset(0)), ("destroy", d.destroy)]
    for name, fn in steps:
        attempt(name, fn)
        say("  state", d.state(), "id", d.ID())
    attempt("destroy inactive", d.destroy)
    attempt("resume inactive", d.resume)
    t = conn.createXML(DOM_XML.replace("py1", "pytransient").replace("2c01", "2c04"), 0)
    say("transient", t.name(), t.isPersistent(), t.state())
    say("destroy transient", t.destroy())
    attempt("transient gone", lambda: conn.lookupByName("pytransient").name())
    say("undefine", d.undefine())


def events(conn):
    seen = []
    done = threading.Event()
    listener = libvirt.open(URI)

    def on_domain(c, dom, event, detail, opaque):
        seen.append("domain %s %s %s %s" % (opaque, dom.name(), event, detail))

    def on_network(c, net, event, detail, opaque):
        seen.append("network %s %s %s" % (net.name(), event, detail))

    def on_pool(c, pool, event, detail, opaque):
        seen.append("pool %s %s %s" % (pool.name(), event, detail))

    def on_refresh(c, pool, opaque):
        seen.append("pool refresh %s" % pool.name())

    def on_reboot(c, dom, opaque):
        seen.append("reboot %s" % dom.name())

    def on_metadata(c, dom, mtype, nsuri, opaque):
        seen.append("metadata %s %s %s" % (dom.name(), mtype, nsuri))
        if dom.name() == "py1":
            done.set()

    ids = [
        listener.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, on_domain, "all"),
        listener.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT, on_reboot, None),
        listener.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, on_metadata, None),
    ]
    test_only = listener.domainEventRegisterAny(listener.lookupByName("test"),
                                                libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, on_domain, "test-only")
    net_id = listener.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, on_network, None)
    pool_id = listener.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, on_pool, None)
    refresh_id = listener.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_REFRESH, on_refresh, None)
    # caused by another connection
    d = conn.defineXML(DOM_XML)
    d.create()
    d.suspend()
    d.resume()
    d.reboot(0)
    d.destroy()
    t = conn.lookupByName("test")
    t.suspend()
    t.resume()
    n = conn.networkDefineXML(NET_XML)
    n.create()
    n.destroy()
    n.undefine()
    p = conn.storagePoolDefineXML(POOL_XML, 0)
    p.create(0)
    p.refresh(0)
    p.destroy()
    p.undefine()
    d.undefine()
    d2 = conn.defineXML(DOM_XML)
    d2.setMetadata(libvirt.VIR_DOMAIN_METADATA_TITLE, "py title", None, None, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    say("all events arrived", done.wait(10))
    arrived = list(seen)  # later events (the undefine below) may or may not arrive before deregistering
    d2.undefine()
    for cid in ids + [test_only]:
        listener.domainEventDeregisterAny(cid)
    listener.networkEventDeregisterAny(net_id)
    listener.storagePoolEventDeregisterAny(pool_id)
    listener.storagePoolEventDeregisterAny(refresh_id)
    attempt("deregister twice", lambda: listener.domainEventDeregisterAny(ids[0]))
    for s in arrived:
        say(s)
    listener.close()


def networks(conn):
    say("all", sorted((x.name(), x.isActive()) for x in conn.listAllNetworks()))
    n = conn.networkDefineXML(NET_XML)
    say("defined", n.name(), n.isActive(), n.isPersistent(), n.autostart())
    say("create", n.create(), n.isActive(), n.bridgeName())
    say("autostart", n.setAutostart(1), n.autostart())
    say(n.XMLDesc(0))
    say("names", sorted(conn.listNetworks()), sorted(conn.listDefinedNetworks()))
    attempt("create again", n.create)
    say("destroy", n.destroy())
    say("undefine", n.undefine())
    attempt("lookup gone", lambda: conn.networkLookupByName("pynet"))
    attempt("dhcp leases", lambda: conn.networkLookupByName("default").DHCPLeases())


def pools_volumes(conn):
    say("all", sorted((x.name(), x.isActive()) for x in conn.listAllStoragePools()))
    dp = conn.storagePoolLookupByName("default-pool")
    say("default info", dp.info(), dp.autostart(), dp.isPersistent())
    say("volumes", sorted(dp.listVolumes()))
    v = dp.createXML(VOL_XML, 0)
    say("volume", v.name(), v.key(), v.path(), v.info())
    say(v.XMLDesc(0))
    say("by path", conn.storageVolLookupByPath(v.path()).name())
    say("by key", conn.storageVolLookupByKey(v.key()).name())
    say("pool of vol", v.storagePoolLookupByVolume().name())
    attempt("create again", lambda: dp.createXML(VOL_XML, 0).name())
    attempt("resize", lambda: v.resize(16 * 1024 * 1024, 0))
    say("resized", v.info())
    say("clone", dp.createXMLFrom(VOL_XML.replace("py.img", "py-clone.img"), v, 0).name())
    say("volumes", sorted(dp.listVolumes()), dp.numOfVolumes())
    for name in ("py.img", "py-clone.img"):
        say("delete", name, dp.storageVolLookupByName(name).delete(0))
    p = conn.storagePoolDefineXML(POOL_XML, 0)
    say("pool", p.name(), p.isActive(), p.info()[0])
    say("build", p.build(0), "create", p.create(0), "refresh", p.refresh(0), p.info()[0])
    say(p.XMLDesc(0))
    attempt("undefine active", p.undefine)
    say("destroy", p.destroy(), "undefine", p.undefine())
    attempt("find sources", lambda: conn.findStoragePoolSources("logical", None, 0))


def interfaces_nodedevs(conn):
    say("interfaces", sorted((i.name(), i.MACString(), i.isActive()) for i in conn.listAllInterfaces()))
    say(conn.interfaceLookupByName("eth1").XMLDesc(0))
    say("by mac", conn.interfaceLookupByMACString("aa:bb:cc:dd:ee:ff").name())
    say("devices", sorted(d.name() for d in conn.listAllDevices()))
    say("device names", sorted(conn.listDevices(None, 0)), conn.numOfDevices(None, 0))
    dev = conn.nodeDeviceLookupByName("computer")
    say("computer", dev.parent(), dev.listCaps())
    say(dev.XMLDesc(0))
    attempt("no device", lambda: conn.nodeDeviceLookupByName("nosuch"))
    attempt("no interface", lambda: conn.interfaceLookupByName("nosuch"))


def errors(conn):
    attempt("no domain by name", lambda: conn.lookupByName("nosuch"))
    attempt("no domain by id", lambda: conn.lookupByID(4242))
    attempt("no domain by uuid", lambda: conn.lookupByUUIDString("00000000-0000-0000-0000-000000000001"))
    attempt("bad uuid", lambda: conn.lookupByUUIDString("not-a-uuid"))
    attempt("malformed xml", lambda: conn.defineXML("<domain type='test'><name>x</name>").name())
    attempt("no name", lambda: conn.defineXML("<domain type='test'><memory>1024</memory></domain>").name())
    attempt("start running", lambda: conn.lookupByName("test").create())
    attempt("bad flags", lambda: conn.lookupByName("test").XMLDesc(1 << 30))
    attempt("no network", lambda: conn.networkLookupByName("nosuch"))
    attempt("no pool", lambda: conn.storagePoolLookupByName("nosuch"))
    attempt("no volume", lambda: conn.storagePoolLookupByName("default-pool").storageVolLookupByName("nosuch"))
    attempt("too many vcpus", lambda: conn.lookupByName("test").setVcpus(1000))
    attempt("unsupported", lambda: conn.getSysinfo(0))
    attempt("no snapshot", lambda: conn.lookupByName("test").snapshotLookupByName("nosuch", 0))
    attempt("open bad uri", lambda: libvirt.open(URI.replace("/default", "/nosuch")))


def keepalive(conn):
    c = libvirt.open(URI)
    say("set keepalive", c.setKeepAlive(1, 3))
    # a second of idling with the event loop running: keepalive pings flow both ways
    time.sleep(1.5)
    say("alive", c.isAlive(), c.lookupByName("test").name())
    attempt("bad count", lambda: c.setKeepAlive(1, -1))
    say("close", c.close())


def mutations(conn):
    """Every kind of change; on a read-only socket each one must be denied."""
    d = conn.lookupByName("test")
    n = conn.networkLookupByName("default")
    p = conn.storagePoolLookupByName("default-pool")
    attempt("define", lambda: conn.defineXML(DOM_XML).name())
    attempt("create xml", lambda: conn.createXML(DOM_XML.replace("py1", "pyro"), 0).name())
    attempt("suspend", d.suspend)
    attempt("resume", d.resume)
    attempt("set memory", lambda: d.setMemory(1024 * 1024))
    attempt("autostart", lambda: d.setAutostart(1))
    attempt("metadata", lambda: d.setMetadata(libvirt.VIR_DOMAIN_METADATA_TITLE, "t", None, None, 0))
    attempt("snapshot", lambda: d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>", 0).getName())
    attempt("network define", lambda: conn.networkDefineXML(NET_XML).name())
    attempt("network destroy", n.destroy)
    attempt("pool define", lambda: conn.storagePoolDefineXML(POOL_XML, 0).name())
    attempt("pool refresh", lambda: p.refresh(0))
    attempt("volume create", lambda: p.createXML(VOL_XML, 0).name())
    attempt("interface destroy", lambda: conn.interfaceLookupByName("eth1").destroy(0))
    attempt("destroy", d.destroy)
    attempt("undefine py1", lambda: conn.lookupByName("py1").undefine())
    # and reads still work
    say("read", d.name(), d.state(), n.isActive(), p.info()[0])


SCENARIOS = [open_close, lookups, info, xml, define_undefine, lifecycle, events, networks, pools_volumes,
             interfaces_nodedevs, errors, keepalive, mutations]

if __name__ == "__main__":
    wanted = sys.argv[2:]
    # one connection held for the whole run: test:///default lives as long as a connection is open
    holder = libvirt.open(URI) if "sock-ro" not in URI else libvirt.openReadOnly(URI)
    for scenario in SCENARIOS:
        if wanted and scenario.__name__ not in wanted:
            continue
        say("##", scenario.__name__)
        try:
            scenario(holder)
        except libvirt.libvirtError as e:
            say("scenario stopped:", err(e))
        except Exception as e:  # noqa: BLE001 - the transcript shows what went wrong
            say("scenario failed:", type(e).__name__, e)
    _loop_stop = True
    holder.close()
    print("\n".join(out))
