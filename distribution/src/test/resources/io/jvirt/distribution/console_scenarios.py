#!/usr/bin/python3
# Consoles and channels of a booted test guest through libvirt-python, against any daemon:
#   console_scenarios.py URI NAME TYPE KERNEL INITRD CMDLINE DIR
# Prints one transcript line per step (no pty paths, no timings), so that two daemons can be
# compared line by line. Exits non-zero only when the script itself cannot go on.
import os, sys, threading, time
import libvirt

# non-blocking streams need libvirt's event loop, run by a thread of its own
libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()
# a daemon that stalls must fail the test, not hang it
import faulthandler
faulthandler.dump_traceback_later(360, exit=True)

uri, name, vtype, kernel, initrd, cmdline, workdir = sys.argv[1:8]
libvirt.registerErrorHandler(lambda ctx, err: None, None)
c = libvirt.open(uri)
xml = f"""<domain type='{vtype}'><name>{name}</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>{kernel}</kernel><initrd>{initrd}</initrd>
<cmdline>{cmdline}</cmdline></os><features><acpi/></features><devices>
<serial type='pty'/><console type='pty'/>
<serial type='file'><source path='{workdir}/{name}-serial1.log'/></serial>
<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
<channel type='pty'><target type='virtio' name='org.example.pty'/></channel>
<memballoon model='none'/></devices></domain>"""


def say(*words):
    print(*words, flush=True)


def attempt(label, call):
    try:
        call()
        say(label, "-> ok")
    except libvirt.libvirtError as e:
        say(label, "-> error code=%d domain=%d message=%s" % (e.get_error_code(), e.get_error_domain(),
                                                             e.get_error_message()))


class Reader:
    """Polls a non-blocking stream from the calling thread, so every wait has a deadline. (Blocking
    recv in one thread while another sends on the same stream can stall libvirt's client.)"""

    def __init__(self, st):
        self.st, self.data, self.end = st, b"", None

    def pump(self):
        if self.end is not None:
            return False
        try:
            b = self.st.recv(4096)
        except libvirt.libvirtError as e:
            self.end = "error code=%d domain=%d message=%s" % (e.get_error_code(), e.get_error_domain(),
                                                               e.get_error_message())
            return False
        if isinstance(b, int):  # -2: nothing yet
            return False
        if not b:
            self.end = "end of stream"
            return False
        self.data += b
        return True

    def _wait(self, done, timeout):
        deadline = time.time() + timeout
        while not done() and self.end is None and time.time() < deadline:
            if not self.pump():
                time.sleep(0.02)
        return done()

    def wait_for(self, needle, timeout):
        return self._wait(lambda: needle in self.data, timeout)

    def wait_end(self, timeout):
        self._wait(lambda: self.end is not None, timeout)
        return self.end


def send(st, data):
    deadline = time.time() + 30
    while data and time.time() < deadline:
        n = st.send(data)
        if n == -2:
            time.sleep(0.02)
            continue
        data = data[n:]


def stream():
    return c.newStream(libvirt.VIR_STREAM_NONBLOCK)


for old in c.listAllDomains():
    if old.name() == name:
        if old.isActive():
            old.destroy()
        old.undefine()
d = c.defineXML(xml)
say("## inactive")
attempt("console of a defined guest", lambda: d.openConsole(None, c.newStream(0), 0))
attempt("channel of a defined guest", lambda: d.openChannel(None, c.newStream(0), 0))
d.create()
say("## errors")
attempt("console nosuch", lambda: d.openConsole("nosuch", c.newStream(0), 0))
attempt("console serial1 (a file)", lambda: d.openConsole("serial1", c.newStream(0), 0))
attempt("console flags 0x4", lambda: d.openConsole(None, c.newStream(0), 4))
attempt("channel nosuch", lambda: d.openChannel("nosuch", c.newStream(0), 0))
attempt("channel channel1 (a pty)", lambda: d.openChannel("channel1", c.newStream(0), 0))
attempt("channel flags 0x2", lambda: d.openChannel(None, c.newStream(0), 2))
say("## console")
first = stream()
attempt("console default, SAFE", lambda: d.openConsole(None, first, libvirt.VIR_DOMAIN_CONSOLE_SAFE))
r1 = Reader(first)
for dev in (None, "serial0", "console0"):
    attempt("console %s while held" % dev, lambda: d.openConsole(dev, c.newStream(0), 0))
say("guest up:", r1.wait_for(b"JVIRT-GUEST-UP", 180))
send(first, b"echo jvirt-$((6*7))\n")
say("shell answered:", r1.wait_for(b"jvirt-42\r\n", 60))
say("## force")
second = stream()
attempt("console serial0 FORCE", lambda: d.openConsole("serial0", second, libvirt.VIR_DOMAIN_CONSOLE_FORCE))
say("first stream:", r1.wait_end(30))
attempt("send on the first stream", lambda: first.send(b"x"))
r2 = Reader(second)
send(second, b"echo jvirt-$((7*7))\n")
say("second stream answered:", r2.wait_for(b"jvirt-49\r\n", 60))
say("## channel")
agent = stream()
attempt("channel org.qemu.guest_agent.0", lambda: d.openChannel("org.qemu.guest_agent.0", agent, 0))
attempt("channel channel0 while held", lambda: d.openChannel("channel0", c.newStream(0), 0))
agent2 = stream()
attempt("channel default FORCE", lambda: d.openChannel(None, agent2, libvirt.VIR_DOMAIN_CHANNEL_FORCE))
say("## guest stops")
d.destroy()
say("second stream:", r2.wait_end(30))
attempt("finish the second stream", lambda: second.finish())
attempt("abort the channel stream", lambda: agent2.abort())
d.undefine()
say("## other guests")
# no boot needed: the firmware alone runs; a serial port on a file, then no character device at all
bare = f"<domain type='{vtype}'><name>{name}-bare</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>" \
       "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>%s<memballoon model='none'/></devices></domain>"
b = c.createXML(bare % f"<serial type='file'><source path='{workdir}/{name}-bare.log'/></serial>", 0)
for dev in (None, "console0", "serial0"):
    attempt("file serial: console %s" % dev, lambda: b.openConsole(dev, stream(), 0))
b.destroy()
b = c.createXML(bare % "", 0)
attempt("no devices: console", lambda: b.openConsole(None, stream(), 0))
attempt("no devices: channel", lambda: b.openChannel(None, stream(), 0))
b.destroy()
say("## done")
sys.stdout.flush()
os._exit(0)
