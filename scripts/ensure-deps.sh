#!/usr/bin/env bash
# Installs the Debian packages that one use of jvirt needs, when they are missing, saying in one
# line what it installs (apt's own output goes to a log that is shown only when apt fails).
#
#   scripts/ensure-deps.sh [--plan] run|test
#     run    what ./run.sh needs: build the distribution and run the platform with its drivers
#     test   run's packages plus what ./test.sh's tests use (reference libvirtd, virsh, sshd, ...)
#     --plan print the missing packages, one a line, and install nothing
#
# Environment: JVIRT_DEPS_ROOT=DIR looks for each package's probe file under DIR instead of /, so
# a test can show the decision on a made-up machine (with --plan, nothing is installed).
set -euo pipefail

# Each line: package, probe (an absolute path, or a command looked up in $JAVA_HOME/bin, PATH and
# the sbin directories), why.
RUN_PACKAGES=(
  'openjdk-17-jdk-headless javac     builds the distribution and runs the platform (java)'
  'maven                   mvn       builds the distribution (./run.sh rebuilds when a source changed)'
  'qemu-system-x86         /usr/bin/qemu-system-x86_64  qemu:/// guests and their capability probe (brings seabios, ipxe-qemu)'
  'qemu-utils              /usr/bin/qemu-img            qemu-img info: block info and statistics of shut-off guests'
  'iproute2                ip        puts a guest tap on its bridge and brings it up (ip link)'
  'lvm2                    /usr/sbin/pvcreate  the logical storage backend: pvcreate, vgcreate, vgchange, lvs, vgs, lvcreate'
  'parted                  /usr/sbin/parted    the disk storage backend: mklabel, mkpart, rm (libparted, which it brings, reads the table)'
  'scrub                   /usr/bin/scrub      vol-wipe --algorithm nnsa|dod|bsi|gutmann|...: scrub, as libvirt runs it'
  'dnsmasq-base            /usr/sbin/dnsmasq            DHCP and DNS of virtual networks (network-bundles/dnsmasq)'
  'iptables                /usr/sbin/iptables-nft       the default firewall backend of virtual networks (network-bundles/firewall)'
  'gcc                     /usr/bin/gcc                 builds driver-lxc'"'"'s container controller (driver-lxc/src/main/c)'
  'libc6-dev               /usr/lib/x86_64-linux-gnu/libc.a  the static libc the controller is linked with'
)
TEST_PACKAGES=(
  'libvirt-dev             /usr/include/libvirt/virterror.h  libvirt headers: the reference for error, flag and procedure numbers'
  'libvirt-clients         /usr/bin/virsh                    real virsh, compared with libvirt and driven against jvirtd'
  'python3-libvirt         /usr/lib/python3/dist-packages/libvirt.py  libvirt-python interop; python3 for ../shared/anchor'
  'libvirt-daemon          /usr/sbin/libvirtd                the reference libvirtd that ../shared/anchor/libvirtd-up starts'
  'libvirt-daemon-driver-qemu /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so  its QEMU driver'
  'libvirt-daemon-driver-lxc /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_lxc.so  its LXC driver (driver-lxc'"'"'s differential test, bench/lxc.sh)'
  'openssh-server          /usr/sbin/sshd    sshd on loopback for the remote driver ssh transport test'
  'openssh-client          ssh       the ssh transport test and the Karaf console in itest-karaf (ssh, ssh-keygen)'
  'netcat-openbsd          /usr/bin/nc       the remote end of the ssh transport, and the ext transport test'
  'openssl                 openssl   the CA and certificates of the TLS tests'
  'xz-utils                xz        scripts/test-guest/build.sh unpacks the test guest kernel'
  'bsdutils                script    the pseudo-terminal that ConsoleIT runs virsh console in'
  'nftables                /usr/sbin/nft                the nftables firewall backend, tested on the real nft in namespaces'
  'ebtables                /usr/sbin/ebtables-legacy    ebtables for the nwfilter driver and libvirtd 9.0 in the network tests'
  'busybox-static          /bin/busybox                 busybox udhcpc: the DHCP client of the dnsmasq tests in a namespace; the init of driver-lxc'"'"'s test containers'
  'sasl2-bin               /usr/sbin/saslpasswd2        the SASL user database of libvirtd 9.0 in SaslLoginTest'
  'libsasl2-modules        /usr/lib/x86_64-linux-gnu/sasl2/libscram.so  the SCRAM and DIGEST-MD5 mechanisms virsh and libvirtd negotiate'
  'libvirt-daemon-config-nwfilter /usr/share/libvirt/nwfilter/clean-traffic.xml  libvirt'"'"'s stock filters (clean-traffic, ...) that the nwfilter driver imports and its tests bind'
)

say() { printf '[jvirt setup] %s\n' "$*" >&2; }

# present PROBE: whether the probe exists on the machine (under JVIRT_DEPS_ROOT if set).
present() {
  local probe=$1 root=${JVIRT_DEPS_ROOT:-} dir
  if [[ $probe == /* ]]; then
    [ -e "$root$probe" ]
    return
  fi
  local IFS=:
  for dir in ${JAVA_HOME:+$JAVA_HOME/bin} $PATH /usr/sbin /sbin /usr/bin /bin; do
    [ -n "$dir" ] && [ -x "$root$dir/$probe" ] && return 0
  done
  return 1
}

# missing PROFILE: the packages of the profile that are not there, one a line.
missing() {
  local lines=("${RUN_PACKAGES[@]}") line pkg probe rest
  [ "$1" = test ] && lines+=("${TEST_PACKAGES[@]}")
  for line in "${lines[@]}"; do
    read -r pkg probe rest <<<"$line"
    present "$probe" || printf '%s\n' "$pkg"
  done
}

main() {
  local plan=0 profile=
  while [ $# -gt 0 ]; do
    case $1 in
      --plan) plan=1 ;;
      run|test) profile=$1 ;;
      *) say "usage: scripts/ensure-deps.sh [--plan] run|test"; return 2 ;;
    esac
    shift
  done
  [ -n "$profile" ] || { say "usage: scripts/ensure-deps.sh [--plan] run|test"; return 2; }
  local pkgs
  mapfile -t pkgs < <(missing "$profile")
  if [ "$plan" = 1 ]; then
    [ ${#pkgs[@]} -eq 0 ] || printf '%s\n' "${pkgs[@]}"
    return 0
  fi
  [ ${#pkgs[@]} -gt 0 ] || return 0
  local what="Debian packages for $( [ "$profile" = run ] && echo running || echo testing ) jvirt"
  if [ "$(id -u)" -ne 0 ]; then
    say "missing $what: ${pkgs[*]} (run as root, or install them, then retry)"
    return 1
  fi
  local log
  log=$(mktemp /tmp/jvirt-apt.XXXXXX.log)
  say "installing $what: ${pkgs[*]} (apt-get; log $log)"
  # noninteractive: no prompts; apt-get's and debconf's chatter ("delaying package configuration")
  # goes to the log.
  if DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1 \
     && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}" >>"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  say "apt-get failed (log $log):"
  tail -n 20 "$log" >&2
  return 1
}

main "$@"
