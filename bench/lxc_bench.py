#!/usr/bin/python3
"""LXC container start/destroy through libvirt-python: lxc_bench.py URI ROOTFS RUNS

Defines a container running busybox sh (init) on ROOTFS with the host's /bin/busybox bound
read-only, then times virDomainCreate (returns once init runs) and virDomainDestroy RUNS times
after one warm-up. Prints "run N: create X ms, destroy Y ms", or "error CODE DOMAIN MESSAGE"
when the server cannot start the container at all.
"""
import sys, time, uuid
import libvirt

uri, rootfs, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
libvirt.registerErrorHandler(lambda ctx, err: None, None)
name = "bench-" + uuid.uuid4().hex[:8]
xml = f"""<domain type='lxc'><name>{name}</name><memory unit='MiB'>64</memory>
<os><type>exe</type><init>/bin/busybox</init><initarg>sh</initarg></os>
<devices><filesystem type='mount'><source dir='{rootfs}'/><target dir='/'/></filesystem>
<filesystem type='mount'><source dir='/bin/busybox'/><target dir='/bin/busybox'/><readonly/></filesystem>
<console type='pty'/></devices></domain>"""
c = libvirt.open(uri)
d = c.defineXML(xml)
try:
    for i in range(runs + 1):
        t0 = time.perf_counter()
        try:
            d.create()
        except libvirt.libvirtError as e:
            print(f"error {e.get_error_code()} {e.get_error_domain()} {e.get_error_message().strip()}")
            break
        t1 = time.perf_counter()
        d.destroy()
        t2 = time.perf_counter()
        if i > 0:
            print(f"run {i}: create {(t1 - t0) * 1e3:.2f} ms, destroy {(t2 - t1) * 1e3:.2f} ms", flush=True)
finally:
    if d.isActive():
        d.destroy()
    d.undefine()
    c.close()
