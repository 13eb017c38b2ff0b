#!/usr/bin/python3
"""The reference for bench/swap-pause.sh: how long a libvirt client is cut off when libvirt
"updates a driver", i.e. when the daemon that holds the driver is restarted.

A client thread calls virDomainGetInfo on domain 'test' of test:///default (through the private
libvirtd of ../shared/anchor) in a tight loop; when a call fails it closes the connection and
reconnects until it works again (libvirt clients must reconnect themselves after a daemon
restart). For each of N restarts (libvirtd-down DIR; libvirtd-up DIR) we record the longest gap
between two successful calls and how long the restart took. Prints one line of key=value pairs
per restart and writes all figures as a Java-style properties file.

usage: libvirtd_restart_gap.py ANCHOR_KIT DIR N OUT.properties
"""
import os
import statistics
import subprocess
import sys
import threading
import time

import libvirt

RETRY_SLEEP = 0.002  # between reconnect attempts: 2 ms, so the client does not starve the daemon


def silence(_ctx, _err):
    pass


class Caller(threading.Thread):
    def __init__(self, uri):
        super().__init__(daemon=True)
        self.uri = uri
        self.running = True
        self.lock = threading.Lock()
        self.last_ok = time.monotonic()
        self.max_gap = 0.0
        self.calls = 0
        self.failures = 0
        self.opens = 0

    def reset(self):
        with self.lock:
            self.last_ok = time.monotonic()
            self.max_gap = 0.0

    def run(self):
        conn = None
        dom = None
        while self.running:
            try:
                if conn is None:
                    conn = libvirt.open(self.uri)
                    dom = conn.lookupByName("test")
                    self.opens += 1
                dom.info()
            except libvirt.libvirtError:
                self.failures += 1
                if conn is not None:
                    try:
                        conn.close()
                    except libvirt.libvirtError:
                        pass
                conn = None
                time.sleep(RETRY_SLEEP)
                continue
            now = time.monotonic()
            with self.lock:
                gap = now - self.last_ok
                self.last_ok = now
                if gap > self.max_gap:
                    self.max_gap = gap
                self.calls += 1
        if conn is not None:
            conn.close()


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    kit, d, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    libvirt.registerErrorHandler(silence, None)
    up = [os.path.join(kit, "libvirtd-up"), d, "--tcp-port", "0"]
    down = [os.path.join(kit, "libvirtd-down"), d]
    run(up)
    uri = "test+unix:///default?socket=%s/run/libvirt-sock" % d
    caller = Caller(uri)
    caller.start()
    gaps, restarts, steady = [], [], []
    warmup = 1
    try:
        for i in range(warmup + n):
            caller.reset()
            time.sleep(0.3)
            steady_gap = caller.max_gap
            before = caller.calls
            caller.reset()
            t0 = time.monotonic()
            run(down)
            run(up)
            t1 = time.monotonic()
            # wait until the client is calling again, then close the window
            target = caller.calls + 200
            deadline = time.monotonic() + 60
            while caller.calls < target:
                if time.monotonic() > deadline:
                    sys.exit("the client did not get back within 60 s after restart %d" % i)
                time.sleep(0.01)
            if caller.calls <= before:
                sys.exit("no calls before restart %d" % i)
            if i >= warmup:
                gaps.append(caller.max_gap * 1000)
                restarts.append((t1 - t0) * 1000)
                steady.append(steady_gap * 1000)
                print("libvirtd restart %d: client gap %.1f ms, restart %.1f ms" % (i - warmup, gaps[-1], restarts[-1]))
    finally:
        caller.running = False
        caller.join(10)
        subprocess.run(down, stdout=subprocess.DEVNULL)

    def put(f, key, values):
        f.write("%s.median=%.3f\n" % (key, statistics.median(values)))
        f.write("%s.max=%.3f\n" % (key, max(values)))
        f.write("%s.min=%.3f\n" % (key, min(values)))
        f.write("%s.all=%s\n" % (key, ",".join("%.3f" % v for v in values)))

    with open(out, "w") as f:
        f.write("# libvirtd restart gap (libvirtd_restart_gap.py)\n")
        f.write("libvirt.restarts=%d\n" % n)
        f.write("libvirt.calls=%d\n" % caller.calls)
        f.write("libvirt.failed.calls=%d\n" % caller.failures)
        f.write("libvirt.reconnects=%d\n" % (caller.opens - 1))
        put(f, "libvirt.gap.ms", gaps)
        put(f, "libvirt.restart.ms", restarts)
        put(f, "libvirt.steady.maxgap.ms", steady)


if __name__ == "__main__":
    main()
