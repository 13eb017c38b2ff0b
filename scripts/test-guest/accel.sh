#!/usr/bin/env bash
# Prints the accelerator that boots the test guest on this machine: "kvm" or "tcg" (stdout), and
# on stderr why KVM is not used when it is not. KVM boots it when /dev/kvm opens read-write and is
# not PVM: PVM (kvm_pvm, nested virtualisation without VMX/SVM) runs only PVM-enabled guest kernels,
# and Debian's kernel hangs in its first instructions there (QEMU itself starts fine).
#   usage: accel.sh [--why-not]   --why-not: print only the reason KVM cannot be used (empty if it can)
set -euo pipefail
why_not=
if [ ! -c /dev/kvm ]; then why_not="/dev/kvm is missing"
elif ! { : <>/dev/kvm; } 2>/dev/null; then why_not="/dev/kvm cannot be opened read-write"
elif [ -d /sys/module/kvm_pvm ]; then why_not="KVM here is PVM (kvm_pvm), which boots only PVM guest kernels, not Debian's"
fi
if [ "${1:-}" = --why-not ]; then [ -z "$why_not" ] || echo "$why_not"; exit 0; fi
if [ -z "$why_not" ]; then echo kvm; else echo "[jvirt test-guest] TCG: $why_not" >&2; echo tcg; fi
