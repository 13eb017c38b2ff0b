#!/usr/bin/env bash
# Checks the QEMU test guest for real: builds it (build.sh), boots it with bare qemu-system-x86_64,
# QMP on a unix socket and the serial console on a unix socket chardev, and asserts (boot_check.py)
# that it announces itself, resets on system_reset, reboots on a console 'reboot -f', and powers
# itself off on system_powerdown (QEMU exits after a guest-initiated SHUTDOWN event). Prints the
# accelerator used and how long each step took.
#
#   usage: check.sh [--accel auto|kvm|tcg|both] [--runs N] [--boot-timeout SECONDS] [OUTDIR]
#   auto (default): KVM when /dev/kvm is usable, else TCG.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
say() { printf '[jvirt test-guest] %s\n' "$*" >&2; }

ACCEL=auto RUNS=1 BOOT_TIMEOUT=120 OUTDIR=
while [ $# -gt 0 ]; do
  case $1 in
    --accel) ACCEL=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --boot-timeout) BOOT_TIMEOUT=$2; shift 2 ;;
    -*) say "unknown option $1"; exit 2 ;;
    *) OUTDIR=$1; shift ;;
  esac
done

command -v qemu-system-x86_64 >/dev/null \
  || { say "qemu-system-x86_64 is missing: apt-get install qemu-system-x86 (scripts/ensure-deps.sh does)"; exit 1; }
[ -x /usr/bin/python3 ] || { say "/usr/bin/python3 is missing"; exit 1; }

KVM_WHY_NOT=$("$HERE/accel.sh" --why-not)  # e.g. PVM, on which Debian's kernel does not boot
case $ACCEL in
  auto) if [ -z "$KVM_WHY_NOT" ]; then ACCELS=kvm; else ACCELS=tcg; say "using TCG: $KVM_WHY_NOT"; fi ;;
  both) [ -z "$KVM_WHY_NOT" ] || { say "--accel both needs KVM: $KVM_WHY_NOT"; exit 1; }; ACCELS="kvm tcg" ;;
  kvm) [ -z "$KVM_WHY_NOT" ] || { say "KVM cannot boot the guest: $KVM_WHY_NOT"; exit 1; }; ACCELS=kvm ;;
  tcg) ACCELS=tcg ;;
  *) say "--accel must be auto, kvm, tcg or both"; exit 2 ;;
esac

GUEST=$("$HERE/build.sh" ${OUTDIR:+"$OUTDIR"})
KERNEL=$(sed -n 's/^kernel=\([^ ]*\) .*/\1/p' <<<"$GUEST")
INITRD=$(sed -n 's/.* initrd=\(.*\)$/\1/p' <<<"$GUEST")
CMDLINE=$(sed -n 's/^cmdline=//p' <<<"$GUEST")

for accel in $ACCELS; do
  say "booting the test guest with $(tr a-z A-Z <<<"$accel") ($RUNS run(s), cmdline: $CMDLINE)"
  /usr/bin/python3 "$HERE/boot_check.py" "$KERNEL" "$INITRD" "$CMDLINE" "$accel" \
    --runs "$RUNS" --boot-timeout "$BOOT_TIMEOUT"
done
say "test guest OK ($ACCELS)"
