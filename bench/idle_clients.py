#!/usr/bin/python3
"""Holds N idle libvirt connections to URI open until it gets SIGTERM or SIGINT.

    idle_clients.py URI N READY_FILE

Each connection is a full libvirt-python open (the AUTH_LIST / CONNECT_OPEN handshake a real
client does), then nothing: no event loop, so no keepalive either. Once all are open it writes
"N SECONDS" (how long the opens took) to READY_FILE. It raises its own open-files limit to what
N connections need, and fails with a message naming the limit when the hard limit is too low.
Run it with the system python3 that python3-libvirt is installed for.
"""
import resource
import signal
import sys
import time

import libvirt


def main():
    uri, n, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    need = n + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            sys.exit(f"idle_clients: {n} connections need {need} open files; the hard limit (ulimit -Hn) is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    conns = []
    t0 = time.perf_counter()
    try:
        for _ in range(n):
            conns.append(libvirt.open(uri))
    except libvirt.libvirtError as e:
        sys.exit(f"idle_clients: connection {len(conns) + 1} of {n} to {uri} failed: {e}")
    with open(ready, "w") as f:
        f.write(f"{len(conns)} {time.perf_counter() - t0:.3f}\n")
    while True:
        signal.pause()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
