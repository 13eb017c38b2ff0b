#!/usr/bin/python3
"""libvirt's own XML parser and formatter, timed on the same documents as jvirt's ConfBench:
the reference for docs/performance.md "XML parse and format". Calls libvirt 9.0's private
(but exported) virNetworkDefParse/virNetworkDefFormat through ctypes, in-process, so the figure
is libvirt's C code with no RPC or API layer around it.

Usage: bench/conf_reference.py [iterations]   (prints one "name us_per_op" line per benchmark)
"""
import ctypes
import ctypes.util
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


def big_network(hosts):
    # The same text as io.jvirt.bench.ConfBench.bigNetwork(hosts).
    out = ["<network>\n  <name>big</name>\n"
           "  <uuid>0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9</uuid>\n  <forward mode='nat'/>\n"
           "  <bridge name='virbr9' stp='on' delay='0'/>\n"
           "  <ip address='10.8.0.1' netmask='255.255.0.0'>\n    <dhcp>\n"
           "      <range start='10.8.100.1' end='10.8.200.254'/>\n"]
    for i in range(hosts):
        out.append("      <host mac='52:54:00:%02x:%02x:%02x' name='h%d' ip='10.8.%d.%d'/>\n"
                   % ((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, i, 1 + i // 250, 1 + i % 250))
    out.append("    </dhcp>\n  </ip>\n</network>\n")
    return "".join(out)


lib = ctypes.CDLL("libvirt.so.0")
libc = ctypes.CDLL(ctypes.util.find_library("c"))
lib.virNetworkXMLOptionNew.restype = ctypes.c_void_p
lib.virNetworkXMLOptionNew.argtypes = [ctypes.c_void_p]
lib.virNetworkDefParse.restype = ctypes.c_void_p
lib.virNetworkDefParse.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_bool]
lib.virNetworkDefFormat.restype = ctypes.c_void_p
lib.virNetworkDefFormat.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint]
lib.virNetworkDefFree.argtypes = [ctypes.c_void_p]
libc.free.argtypes = [ctypes.c_void_p]

xmlopt = lib.virNetworkXMLOptionNew(None)
doc = big_network(1000).encode()


def timed(fn, n):
    for _ in range(max(1, n // 10)):
        fn()
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n * 1e6


def parse():
    d = lib.virNetworkDefParse(doc, None, xmlopt, False)
    if not d:
        raise SystemExit("libvirt refused the benchmark network")
    lib.virNetworkDefFree(d)


parsed = lib.virNetworkDefParse(doc, None, xmlopt, False)


def fmt():
    s = lib.virNetworkDefFormat(parsed, xmlopt, 0)
    libc.free(s)


# The test driver's default domain, as io.jvirt.bench.DomainBench.DEFAULT_TEST_DOMAIN.
DOMAIN = """<domain type='test'>
  <name>test</name>
  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
  <memory unit='KiB'>8388608</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
    <boot dev='hd'/>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/diskimage1'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </disk>
    <interface type='network'>
      <mac address='aa:bb:cc:dd:ee:ff'/>
      <source network='default'/>
      <target dev='testnet0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
    </interface>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </memballoon>
  </devices>
</domain>
""".encode()
lib.virDomainXMLOptionNew.restype = ctypes.c_void_p
lib.virDomainXMLOptionNew.argtypes = [ctypes.c_void_p] * 6
lib.virDomainDefParseString.restype = ctypes.c_void_p
lib.virDomainDefParseString.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint]
lib.virDomainDefFormat.restype = ctypes.c_void_p
lib.virDomainDefFormat.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint]
lib.virDomainDefFree.argtypes = [ctypes.c_void_p]
domopt = lib.virDomainXMLOptionNew(None, None, None, None, None, None)


def parse_domain():
    d = lib.virDomainDefParseString(DOMAIN, domopt, None, 0)
    if not d:
        raise SystemExit("libvirt refused the benchmark domain")
    lib.virDomainDefFree(d)


parsed_domain = lib.virDomainDefParseString(DOMAIN, domopt, None, 0)


def format_domain():
    libc.free(lib.virDomainDefFormat(parsed_domain, domopt, 0))


print("parseDefaultTestDomain %.1f" % timed(parse_domain, N))
print("formatDefaultTestDomain %.1f" % timed(format_domain, N))
print("parseNetwork1000Hosts %.1f" % timed(parse, N // 10))
print("formatNetwork1000Hosts %.1f" % timed(fmt, N))
