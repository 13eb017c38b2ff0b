#!/usr/bin/env python3
"""Records what libvirt itself does with each probes/NAME.xml, into probes/NAME.expected.

libvirt's test driver has no nwfilter support, but libvirt.so exports its nwfilter parser and
formatter (virNWFilterDefParse, virNWFilterDefFormat) as private symbols for its daemon's
drivers. This script calls them through ctypes on the installed library (Debian's libvirt0
9.0.0 here) and writes either the formatted XML or, for a rejected input,

    error CODE DOMAIN
    MESSAGE

Run it from this directory: python3 observe-libvirt.py [probes/NAME.xml ...]
"""
import ctypes
import glob
import sys


class VirError(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("domain", ctypes.c_int), ("message", ctypes.c_char_p),
                ("level", ctypes.c_int), ("conn", ctypes.c_void_p), ("dom", ctypes.c_void_p),
                ("str1", ctypes.c_char_p), ("str2", ctypes.c_char_p), ("str3", ctypes.c_char_p),
                ("int1", ctypes.c_int), ("int2", ctypes.c_int), ("net", ctypes.c_void_p)]


lib = ctypes.CDLL("libvirt.so.0")
lib.virInitialize()
lib.virNWFilterDefParse.restype = ctypes.c_void_p
lib.virNWFilterDefParse.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
lib.virNWFilterDefFormat.restype = ctypes.c_void_p
lib.virNWFilterDefFormat.argtypes = [ctypes.c_void_p]
lib.virNWFilterDefFree.argtypes = [ctypes.c_void_p]
lib.virGetLastError.restype = ctypes.POINTER(VirError)
libc = ctypes.CDLL("libc.so.6")
libc.free.argtypes = [ctypes.c_void_p]


def observe(xml):
    lib.virResetLastError()
    d = lib.virNWFilterDefParse(xml, None, 0)
    if not d:
        e = lib.virGetLastError()
        if not e:
            # libvirt failed without an error; its public API then reports this generic one
            return "error 1 0\nAn error occurred, but the cause is unknown\n"
        e = e.contents
        return "error %d %d\n%s\n" % (e.code, e.domain, e.message.decode())
    p = lib.virNWFilterDefFormat(d)
    lib.virNWFilterDefFree(d)
    s = ctypes.cast(p, ctypes.c_char_p).value.decode()
    libc.free(p)
    return s


for f in sys.argv[1:] or sorted(glob.glob("probes/*.xml")):
    with open(f, "rb") as fh:
        out = observe(fh.read())
    with open(f[:-4] + ".expected", "w") as fh:
        fh.write(out)
