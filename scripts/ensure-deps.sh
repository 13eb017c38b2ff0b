#!/usr/bin/env bash
# Installs what building and testing jvirt needs on a Debian machine, saying what it does.
# Sourced by run.sh and test.sh; safe to run again (installs only what is missing).
set -euo pipefail

say() { printf '[jvirt setup] %s\n' "$*" >&2; }

# Debian packages, by the command or file that shows each is present.
#   java/mvn: the build; libvirt-dev: libvirt's headers, the reference for error and flag numbers;
#   libvirt-clients/python3-libvirt: real virsh and libvirt-python for interop tests;
#   libvirt-daemon(+qemu driver), qemu: the reference libvirtd the tests start with ../shared/anchor,
#   and the guests of driver-qemu's tests (qemu-utils: qemu-img for their disk images);
#   openssh-server: sshd on loopback for the remote driver's ssh test; openssl: its TLS tests' CA;
#   openssh-client: ssh to Karaf's console in itest-karaf.
#   xz-utils: scripts/test-guest/build.sh unpacks the QEMU test guest's kernel with it (the guest's
#   own packages, linux-image-amd64 and busybox-static, are downloaded there, not installed).
#   iproute2: driver-qemu puts guest taps on bridges with `ip`; its tests use network namespaces.
#   bsdutils: `script`, the pseudo-terminal distribution's ConsoleIT runs `virsh console` in.
declare -A JVIRT_PACKAGES=(
  [openjdk-17-jdk-headless]=/usr/bin/javac
  [maven]=/usr/bin/mvn
  [libvirt-dev]=/usr/include/libvirt/virterror.h
  [libvirt-clients]=/usr/bin/virsh
  [python3-libvirt]=/usr/lib/python3/dist-packages/libvirt.py
  [libvirt-daemon]=/usr/sbin/libvirtd
  [libvirt-daemon-driver-qemu]=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so
  [qemu-system-x86]=/usr/bin/qemu-system-x86_64
  [qemu-utils]=/usr/bin/qemu-img
  [openssh-server]=/usr/sbin/sshd
  [openssh-client]=/usr/bin/ssh
  [openssl]=/usr/bin/openssl
  [xz-utils]=/usr/bin/xz
  [iproute2]=/usr/sbin/ip
  [bsdutils]=/usr/bin/script
)

ensure_packages() {
  local missing=()
  for pkg in "${!JVIRT_PACKAGES[@]}"; do
    local probe=${JVIRT_PACKAGES[$pkg]}
    if [ "$pkg" = openjdk-17-jdk-headless ] && command -v javac >/dev/null 2>&1; then continue; fi
    if [ "$pkg" = maven ] && command -v mvn >/dev/null 2>&1; then continue; fi
    [ -e "$probe" ] || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages present: ${!JVIRT_PACKAGES[*]}"
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: ${missing[*]} (run as root, or install them, then retry)"
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_packages
