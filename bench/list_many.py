#!/usr/bin/python3
"""listAllDomains among many domains, the call alone.

    list_many.py URI NDOMAINS RUNS JSON_FILE

Defines NDOMAINS test domains named bench-list-*, times RUNS listAllDomains calls and removes the
domains again. Unlike rpc_bench.py scale, which assigns each result to the variable holding the
previous one (so every timing after the first also contains the client freeing the previous
NDOMAINS virDomain objects, about 20 ms of client CPU for 10,000), each result here is dropped
after its timing stops. The client's own CPU time per call is recorded beside the wall time.
Run it with the system python3 that python3-libvirt is installed for.
"""
import json
import statistics
import sys
import time

import libvirt

XML = """<domain type='test'>
  <name>{name}</name>
  <memory unit='KiB'>65536</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>"""
PREFIX = "bench-list-"


def main():
    uri, n, runs, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    conn = libvirt.open(uri)
    try:
        for i in range(n):
            conn.defineXML(XML.format(name=f"{PREFIX}{i:05d}"))
        conn.listAllDomains()  # one untimed call
        wall, cpu = [], []
        total = 0
        for _ in range(runs):
            w0, c0 = time.perf_counter(), time.process_time()
            doms = conn.listAllDomains()
            wall.append((time.perf_counter() - w0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
            total = len(doms)
            del doms
    finally:
        for d in conn.listAllDomains():
            if d.name().startswith(PREFIX):
                d.undefine()
        conn.close()
    res = {"ndomains": n, "total_domains": total, "runs_ms": wall, "median_ms": statistics.median(wall),
           "client_cpu_median_ms": statistics.median(cpu)}
    with open(out, "w") as f:
        json.dump(res, f, indent=1)
    print(f"listAllDomains with {total} domains, call only: median {res['median_ms']:.1f} ms "
          f"(client CPU {res['client_cpu_median_ms']:.1f} ms) runs={[round(x, 1) for x in wall]}", flush=True)


if __name__ == "__main__":
    main()
