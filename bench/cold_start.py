#!/usr/bin/env python3
"""Cold start of jvirt (bin/jvirt -> "jvirt ready:") and of libvirtd (libvirtd-up -> "libvirtd
ready:"), interleaved, each run from a fresh data directory. Run through bench/cold-start.sh."""
import argparse
import os
import platform
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

READY_TIMEOUT = 120.0
TICK = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    """user+sys CPU time a process has used so far (ms), from /proc/PID/stat; None if gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / TICK
    except (OSError, IndexError, ValueError):
        return None


def jvirt_once(dist):
    """Seconds from spawn to the ready line; the process is then stopped with SIGTERM."""
    data = tempfile.mkdtemp(prefix="jvirt-cold.")
    try:
        with open(os.path.join(data, "stderr"), "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen([os.path.join(dist, "bin", "jvirt"), "--data", os.path.join(data, "d"),
                                  "--no-tcp"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
            line = read_line(p.stdout, READY_TIMEOUT)
            t = time.perf_counter() - t0
            cpu = cpu_ms(p.pid)  # bin/jvirt execs java: same pid
            p.terminate()
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if not line.startswith("jvirt ready:"):
            sys.exit("jvirt did not print its ready line (got %r); stderr: %s"
                     % (line, open(os.path.join(data, "stderr")).read()))
        return t, cpu, line
    finally:
        shutil.rmtree(data, ignore_errors=True)


def read_line(stream, timeout):
    sel = selectors.DefaultSelector()
    sel.register(stream, selectors.EVENT_READ)
    buf = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or not sel.select(left):
            return buf.decode(errors="replace")
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
    return buf.split(b"\n", 1)[0].decode(errors="replace")


def libvirtd_once(anchor):
    """Seconds from spawning libvirtd-up to its ready line (printed once the socket answers RPC)."""
    d = tempfile.mkdtemp(prefix="anchor-cold.", dir="/tmp")
    try:
        t0 = time.perf_counter()
        r = subprocess.run([os.path.join(anchor, "libvirtd-up"), d, "--tcp-port", "0"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=READY_TIMEOUT)
        t = time.perf_counter() - t0
        out = r.stdout.decode(errors="replace")
        if r.returncode != 0 or "libvirtd ready:" not in out:
            sys.exit("libvirtd-up failed (%d): %s %s" % (r.returncode, out, r.stderr.decode(errors="replace")))
        line = out.strip().splitlines()[-1]
        pid = [w for w in line.split() if w.startswith("pid=")]
        cpu = cpu_ms(int(pid[0][4:])) if pid else None
        return t, cpu, line
    finally:
        subprocess.run([os.path.join(anchor, "libvirtd-down"), d], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        shutil.rmtree(d, ignore_errors=True)


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for l in f:
            if l.startswith("model name"):
                cpu = l.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for l in f:
            if l.startswith("MemTotal:"):
                mem_kb = int(l.split()[1])
    java = subprocess.run(["java", "-version"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL).stderr.decode()
    libvirtd = subprocess.run(["/usr/sbin/libvirtd", "--version"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode().strip() if os.path.exists(
        "/usr/sbin/libvirtd") else "n/a"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem": "%.1f GiB" % (mem_kb / 1024 / 1024),
        "kernel": platform.release(),
        "java": java.splitlines()[0] if java else "?",
        "libvirtd": libvirtd,
    }


def stats(xs):
    return statistics.median(xs), min(xs), max(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--dist", required=True)
    ap.add_argument("--anchor", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "anchor"))
    ap.add_argument("--no-libvirtd", action="store_true")
    a = ap.parse_args()

    m = machine()
    load_before = open("/proc/loadavg").read().split()[:3]
    print("machine: %(nproc)s CPUs (%(cpu)s), %(mem)s RAM, Linux %(kernel)s; %(java)s; %(libvirtd)s" % m)
    # One warm-up of each, not counted: it pays for reading jars and binaries from disk.
    t, cpu, line = jvirt_once(a.dist)
    print("warm-up jvirt     %7.0f ms  (%s)" % (t * 1000, line))
    if not a.no_libvirtd:
        t, cpu, line = libvirtd_once(a.anchor)
        print("warm-up libvirtd  %7.0f ms  (%s)" % (t * 1000, line))

    jv, lv, jc, lc = [], [], [], []
    for i in range(a.runs):
        t, cpu, _ = jvirt_once(a.dist)
        jv.append(t * 1000)
        if cpu is not None:
            jc.append(cpu)
        msg = "run %2d  jvirt %6.0f ms (cpu %5s ms)" % (i + 1, jv[-1], "%.0f" % cpu if cpu is not None else "?")
        if not a.no_libvirtd:
            t, cpu, _ = libvirtd_once(a.anchor)
            lv.append(t * 1000)
            if cpu is not None:
                lc.append(cpu)
            msg += "   libvirtd %6.0f ms (cpu %5s ms)" % (lv[-1], "%.0f" % cpu if cpu is not None else "?")
        print(msg, flush=True)

    print()
    rows = [("jvirt: bin/jvirt spawn -> `jvirt ready:`", stats(jv)),
            ("jvirt: CPU time (user+sys) of the java process at ready", stats(jc) if jc else None)]
    if lv:
        rows.append(("libvirtd 9.0.0: libvirtd-up spawn -> `libvirtd ready:`", stats(lv)))
        rows.append(("libvirtd 9.0.0: CPU time (user+sys) of the libvirtd process at ready", stats(lc) if lc else None))
    print("| | median | min | max |")
    print("|---|---:|---:|---:|")
    for name, st in rows:
        if st:
            print("| %s | %.0f ms | %.0f ms | %.0f ms |" % ((name,) + st))
    if lv:
        print("\nratio jvirt/libvirtd, wall clock (medians): %.2f" % (statistics.median(jv) / statistics.median(lv)))
        if jc and lc:
            print("ratio jvirt/libvirtd, CPU time (medians): %.2f" % (statistics.median(jc) / statistics.median(lc)))
    load_after = open("/proc/loadavg").read().split()[:3]
    print("\n%d runs each, interleaved, %s; load average (1/5/15 min) before %s, after %s"
          % (a.runs, time.strftime("%Y-%m-%d"), "/".join(load_before), "/".join(load_after)))


if __name__ == "__main__":
    main()
