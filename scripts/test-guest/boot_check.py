#!/usr/bin/python3
"""Boots the jvirt test guest with bare qemu-system-x86_64 and checks what it promises.

usage: boot_check.py KERNEL INITRD CMDLINE ACCEL [--runs N] [--boot-timeout S] [--qemu PATH]
                     [--machine pc|q35] [--memory MiB] [--no-reset]

Run 1: boot -> JVIRT-GUEST-UP on the serial console; QMP system_reset -> RESET event and a second
JVIRT-GUEST-UP; 'reboot -f' typed on the console -> a guest-initiated RESET and a third UP;
QMP system_powerdown -> POWERDOWN, JVIRT-GUEST-POWEROFF, SHUTDOWN {guest: true} and QEMU exits by
itself. Runs 2..N only boot and power down, for timing. Prints each step's time from spawn and
the medians; exits non-zero naming the step that failed, with the end of the console output.
"""
import argparse, ctypes, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, \
    threading, time

UP, POWEROFF = b"JVIRT-GUEST-UP", b"JVIRT-GUEST-POWEROFF"


class Failure(Exception):
    pass


class Serial:
    """The guest's ttyS0, a unix socket chardev: collects output, can type input."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.cond = threading.Condition()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                data = b""
            with self.cond:
                if not data:
                    self.closed = True
                self.buf += data
                self.cond.notify_all()
            if not data:
                return

    def wait_for(self, needle, count, deadline, what):
        """Waits until needle occurred count times; returns the time it did."""
        with self.cond:
            while self.buf.count(needle) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Failure(f"{what}: no {needle.decode()} (#{count}) on the console in time")
                self.cond.wait(min(left, 0.05))
            return time.monotonic()

    def type(self, text):
        self.sock.sendall(text.encode())

    def tail(self):
        with self.cond:
            return self.buf[-1500:].decode(errors="replace")


class Qmp:
    def __init__(self, sock):
        self.sock = sock
        self.pending = b""
        self.events = []
        greeting = self._read()
        if "QMP" not in greeting:
            raise Failure(f"no QMP greeting: {greeting}")
        self.execute("qmp_capabilities")

    def _read(self):
        """The next message; socket.timeout if none arrives within the socket's timeout."""
        while b"\n" not in self.pending:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("QMP closed")
            self.pending += data
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)

    def execute(self, command):
        self.sock.sendall((json.dumps({"execute": command}) + "\n").encode())
        while True:
            msg = self._read()
            if "event" in msg:
                self.events.append(msg)
            elif "error" in msg:
                raise Failure(f"QMP {command}: {msg['error']}")
            else:
                return msg["return"]

    def wait_event(self, name, deadline, sock_timeout=0.2):
        """Returns the first event called name (from the backlog or the socket), or None at EOF."""
        while True:
            for i, ev in enumerate(self.events):
                if ev["event"] == name:
                    return self.events.pop(i)
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure(f"no QMP event {name} in time")
            self.sock.settimeout(min(left, sock_timeout))
            try:
                self.events.append(self._read())
            except socket.timeout:
                continue
            except EOFError:
                return None
            finally:
                self.sock.settimeout(None)


def die_with_parent():
    """In the child before exec: the kernel kills this QEMU if the check itself is killed."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def connect(path, proc, deadline):
    """Connects to a unix socket QEMU is creating (it may exist before QEMU listens on it)."""
    while True:
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.connect(path)
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
        if proc.poll() is not None:
            raise Failure(f"qemu exited at start ({proc.returncode}): {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            raise Failure(f"qemu did not listen on {path}")
        time.sleep(0.002)


def one_run(a, tmp, full):
    serial_path, qmp_path = os.path.join(tmp, "serial.sock"), os.path.join(tmp, "qmp.sock")
    for p in (serial_path, qmp_path):
        if os.path.exists(p):
            os.unlink(p)
    # The serial chardev waits for our connection, so no console output is lost.
    cmd = [a.qemu, "-accel", a.accel, "-machine", a.machine, "-m", str(a.memory), "-smp", "1",
           "-nodefaults", "-no-user-config", "-display", "none",
           "-kernel", a.kernel, "-initrd", a.initrd, "-append", a.cmdline,
           "-chardev", f"socket,id=ser0,path={serial_path},server=on,wait=on",
           "-serial", "chardev:ser0",
           "-qmp", f"unix:{qmp_path},server=on,wait=off"]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, preexec_fn=die_with_parent)
    serial = None
    times = {}
    try:
        serial = Serial(connect(serial_path, proc, t0 + 10))
        qmp = Qmp(connect(qmp_path, proc, t0 + 10))
        times["up"] = serial.wait_for(UP, 1, t0 + a.boot_timeout, "boot") - t0
        ups = 1
        if full:
            t = time.monotonic()
            qmp.execute("system_reset")
            if not qmp.wait_event("RESET", t + 5):
                raise Failure("system_reset: QEMU went away")
            ups += 1
            times["reset->up"] = serial.wait_for(UP, ups, t + a.boot_timeout, "system_reset") - t
            # Guest-initiated reboot from the console shell (give it a moment to start reading).
            time.sleep(0.5)
            t = time.monotonic()
            serial.type("reboot -f\n")
            ev = qmp.wait_event("RESET", t + 30)
            if not ev or not ev.get("data", {}).get("guest"):
                raise Failure(f"'reboot -f' on the console: expected a guest RESET event, got {ev}")
            ups += 1
            times["reboot->up"] = serial.wait_for(UP, ups, t + a.boot_timeout, "guest reboot") - t
        t = time.monotonic()
        qmp.execute("system_powerdown")
        if not qmp.wait_event("POWERDOWN", t + 5):
            raise Failure("system_powerdown: QEMU went away before POWERDOWN")
        serial.wait_for(POWEROFF, 1, t + 30, "system_powerdown")
        ev = qmp.wait_event("SHUTDOWN", t + 30)
        if not ev or ev.get("data", {}) .get("guest") is not True \
                or ev["data"].get("reason") != "guest-shutdown":
            raise Failure(f"system_powerdown: expected SHUTDOWN guest=true reason=guest-shutdown, got {ev}")
        try:
            proc.wait(timeout=max(0.1, t + 30 - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise Failure("system_powerdown: the guest shut down but QEMU did not exit")
        times["powerdown->exit"] = time.monotonic() - t
        if proc.returncode != 0:
            raise Failure(f"QEMU exited with {proc.returncode}: {proc.stderr.read().decode()}")
        return times
    except Failure as e:
        tail = serial.tail() if serial else ""
        raise Failure(f"{e}\n--- console (last 1500 bytes) ---\n{tail}\n--- end of console ---")
    finally:
        if proc.poll() is None:  # only after a failure: never leave our QEMU behind
            proc.kill()
            proc.wait()


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("kernel")
    ap.add_argument("initrd")
    ap.add_argument("cmdline")
    ap.add_argument("accel", choices=["kvm", "tcg"])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--boot-timeout", type=float, default=120.0)
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--machine", default="pc")
    ap.add_argument("--memory", type=int, default=128, help="MiB")
    ap.add_argument("--no-reset", action="store_true", help="skip the reset and reboot steps of run 1")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="jvirt-guest-check-")
    results = []
    try:
        for i in range(a.runs):
            r = one_run(a, tmp, full=(i == 0 and not a.no_reset))
            results.append(r)
            print(f"{a.accel} run {i + 1}: " + ", ".join(f"{k} {v * 1e3:.0f} ms" for k, v in r.items()),
                  flush=True)
    except Failure as e:
        print(f"FAIL ({a.accel}): {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for key in ("up", "powerdown->exit"):
        print(f"{a.accel} MEDIAN {key}: {statistics.median(r[key] for r in results) * 1e3:.0f} ms "
              f"(min {min(r[key] for r in results) * 1e3:.0f}, max {max(r[key] for r in results) * 1e3:.0f}, "
              f"{len(results)} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
