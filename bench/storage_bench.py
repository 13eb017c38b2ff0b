#!/usr/bin/python3
"""Storage driver benchmark against one server (run by bench/storage.sh, libvirtd and jvirtd alike).

  storage_bench.py URI DIR refresh|create|list [runs]

refresh: a dir pool over DIR/refresh holding 1,000 qcow2 images (half with a backing file), made by
         qemu-img beforehand: virStoragePoolRefresh, RUNS times.
create:  virStorageVolCreateXML of 1,000 raw volumes of 1 MiB (fully allocated, as vol-create-as
         without --allocation) in a dir pool over DIR/create: one run = the 1,000 calls, RUNS times
         (the volumes are deleted between runs, not timed).
list:    a dir pool over DIR/list holding 10,000 empty files: virStoragePoolListAllVolumes, RUNS times
         (libvirt-python makes a virStorageVol of each of the 10,000: much of the time is the client's).
create-floor: what one create cannot do without, in this process with no server: open, ftruncate,
         posix_fallocate and fsync of 1,000 new 1 MiB files in DIR/floor (uri unused).
list-rpc: the same call as raw RPC over the server's socket, timed from the call to the last byte
         of the reply, unparsed: the server's share of it.
Prints one line per run: "<what> run N: X ms".
"""
import os, subprocess, sys, time
import libvirt

uri, base, what = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
libvirt.registerErrorHandler(lambda *a: None, None)
conn = libvirt.open(uri) if what != "create-floor" else None

def pool(name, path):
    os.makedirs(path, exist_ok=True)
    try:
        p = conn.storagePoolLookupByName(name)
        if p.isActive():
            p.destroy()
        p.undefine()
    except libvirt.libvirtError:
        pass
    return conn.storagePoolCreateXML(
        "<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>" % (name, path), 0)

def ms(t0):
    return (time.perf_counter() - t0) * 1000

if what == "refresh":
    d = os.path.join(base, "refresh")
    if not os.path.exists(os.path.join(d, "img-0999.qcow2")):
        os.makedirs(d, exist_ok=True)
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", os.path.join(d, "base.qcow2"), "64M"], check=True)
        for i in range(1000):
            argv = ["qemu-img", "create", "-q", "-f", "qcow2"]
            if i % 2:
                argv += ["-b", "base.qcow2", "-F", "qcow2"]
            subprocess.run(argv + [os.path.join(d, "img-%04d.qcow2" % i), "64M"], check=True)
    p = pool("bench-refresh", d)
    p.refresh(0)  # warm-up
    for r in range(runs):
        t0 = time.perf_counter()
        p.refresh(0)
        print("refresh run %d: %.1f ms (%d volumes)" % (r, ms(t0), p.numOfVolumes()), flush=True)
    p.destroy()
elif what == "create":
    d = os.path.join(base, "create")
    p = pool("bench-create", d)
    xml = "<volume><name>v%04d.raw</name><capacity unit='M'>1</capacity></volume>"
    for r in range(runs):
        t0 = time.perf_counter()
        for i in range(1000):
            p.createXML(xml % i, 0)
        print("create run %d: %.1f ms (1000 volumes)" % (r, ms(t0)), flush=True)
        for v in p.listAllVolumes(0):
            v.delete(0)
    p.destroy()
elif what == "list":
    d = os.path.join(base, "list")
    if not os.path.exists(os.path.join(d, "f09999")):
        os.makedirs(d, exist_ok=True)
        for i in range(10000):
            open(os.path.join(d, "f%05d" % i), "w").close()
    p = pool("bench-list", d)
    p.listAllVolumes(0)  # warm-up
    for r in range(runs):
        t0 = time.perf_counter()
        n = len(p.listAllVolumes(0))
        print("list run %d: %.1f ms (%d volumes)" % (r, ms(t0), n), flush=True)
    p.destroy()
elif what == "create-floor":
    d = os.path.join(base, "floor")
    os.makedirs(d, exist_ok=True)
    for r in range(runs):
        t0 = time.perf_counter()
        for i in range(1000):
            fd = os.open(os.path.join(d, "v%04d.raw" % i), os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            os.ftruncate(fd, 1 << 20)
            os.posix_fallocate(fd, 0, 1 << 20)
            os.fsync(fd)
            os.close(fd)
        print("create-floor run %d: %.1f ms (1000 files)" % (r, ms(t0)), flush=True)
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
elif what == "list-rpc":
    import socket, struct
    d = os.path.join(base, "list")
    p = pool("bench-list", d)
    sock_path = uri.split("socket=", 1)[1]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    serial = [0]

    def xdr_string(v):
        b = v.encode()
        return struct.pack(">I", len(b)) + b + b"\0" * ((4 - len(b) % 4) % 4)

    def call(proc, body):
        serial[0] += 1
        hdr = struct.pack(">IIiiIi", 0x20008086, 1, proc, 0, serial[0], 0)
        s.sendall(struct.pack(">I", 4 + len(hdr) + len(body)) + hdr + body)
        (length,) = struct.unpack(">I", recvn(4))
        reply = recvn(length - 4)
        status = struct.unpack(">i", reply[20:24])[0]
        if status != 0:
            sys.exit("RPC %d failed" % proc)
        return reply[24:]

    def recvn(n):
        chunks, got = [], 0
        while got < n:
            c = s.recv(min(n - got, 1 << 20))
            if not c:
                sys.exit("connection closed")
            chunks.append(c)
            got += len(c)
        return b"".join(chunks)

    call(1, struct.pack(">I", 1) + xdr_string("storage:///system") + struct.pack(">I", 0))  # CONNECT_OPEN
    ret = call(84, xdr_string("bench-list"))  # STORAGE_POOL_LOOKUP_BY_NAME -> remote_nonnull_storage_pool
    args = ret + struct.pack(">iI", 1, 0)
    call(282, args)  # warm-up
    for r in range(runs):
        t0 = time.perf_counter()
        body = call(282, args)  # STORAGE_POOL_LIST_ALL_VOLUMES
        n = struct.unpack(">I", body[0:4])[0]
        print("list-rpc run %d: %.1f ms (%d volumes, %d bytes)" % (r, ms(t0), n, len(body)), flush=True)
    call(2, b"")
    s.close()
    p.destroy()
else:
    sys.exit("unknown benchmark " + what)
