#!/usr/bin/python3
"""Runs virsh in a pseudo-terminal and types a user name and a password when it asks for them,
as a person would: prints what the terminal showed. usage: sasl_prompts.py NAME PASSWORD VIRSH-ARGS..."""
import os, pty, select, sys, time

name, password, args = sys.argv[1], sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execv('/usr/bin/virsh', ['virsh'] + args)
out = b''
answers = [(b'authentication name: ', name), (b'password: ', password)]
deadline = time.time() + 60
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.5)
    if r:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if answers and out.endswith(answers[0][0]):
            time.sleep(0.1)
            os.write(fd, answers.pop(0)[1].encode() + b'\n')
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace').replace('\r\n', '\n'))
sys.stdout.write('[exit %d]\n' % os.waitstatus_to_exitcode(status))
