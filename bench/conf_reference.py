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

import libvirt

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


# The test driver's default domain, as libvirt's own test driver holds it (jvirt's DomainBench
# parses its test driver's copy, io.jvirt.driver.test.state.DefaultState.DOMAIN: the same text).
_conn = libvirt.open("test:///default")
DOMAIN = _conn.lookupByName("test").XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE).encode()
_conn.close()
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
