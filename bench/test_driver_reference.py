#!/usr/bin/python3
"""libvirt's own test driver at scale: the reference for docs/performance.md "Test driver scaling".

Opens test:///default in-process through libvirt-python (no daemon, no RPC), defines domains until
the state holds N in all (its own running `test` and N - 1 shut-off `type='test'` guests, the same
documents as jvirt's TestDriverBench), then times the calls TestDriverBench times:
lookupByName of a domain half-way down, info() on it, listAllDomains(), and defineXML of one more
domain followed by its undefine (so N stays N).

Usage: bench/test_driver_reference.py [N ...]   prints "op N ops_per_second" lines.
Each op is run in batches for about `SECONDS` and the best batch rate of `ROUNDS` is kept, as the
machine is shared (the JMH side reports a mean of its measurement iterations)."""
import sys
import time

import libvirt

SECONDS = 1.0
ROUNDS = 5


def domain_xml(name, n):
    return ("<domain type='test'><name>%s</name>"
            "<uuid>6695eb01-f6a4-8304-79aa-%012x</uuid>"
            "<memory>8192</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>") % (name, n)


def name(n):
    return "bench-%05d" % n


def rate(fn):
    """Calls fn in batches sized to last about SECONDS; the best of ROUNDS batch rates."""
    batch = 1
    while True:
        t = time.perf_counter()
        for _ in range(batch):
            fn()
        dt = time.perf_counter() - t
        if dt >= 0.05:
            break
        batch *= 4
    batch = max(1, int(batch * SECONDS / dt))
    best = 0.0
    for _ in range(ROUNDS):
        t = time.perf_counter()
        for _ in range(batch):
            fn()
        best = max(best, batch / (time.perf_counter() - t))
    return best


def main(counts):
    libvirt.registerErrorHandler(lambda *args: None, None)
    for n in counts:
        conn = libvirt.open("test:///default")
        for i in range(1, n):
            conn.defineXML(domain_xml(name(i), i))
        assert len(conn.listAllDomains()) == n, "expected %d domains" % n
        middle_name = name(max(1, n // 2))
        middle = conn.lookupByName(middle_name)
        extra = domain_xml("bench-extra", 999999)

        def define():
            conn.defineXML(extra).undefine()

        ops = [("lookupByName", lambda: conn.lookupByName(middle_name)),
               ("getInfo", middle.info),
               ("listAllDomains", conn.listAllDomains),
               ("defineXML", define)]
        for op, fn in ops:
            print("%s %d %.1f" % (op, n, rate(fn)), flush=True)
        conn.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 1000, 10000])
