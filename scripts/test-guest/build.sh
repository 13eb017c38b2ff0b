#!/usr/bin/env bash
# Builds the tiny QEMU test guest from Debian packages: Debian's kernel (linux-image-amd64) and an
# initramfs made of busybox-static whose /init prints JVIRT-GUEST-UP on the serial console and
# powers off on the ACPI power button (see README.md next to this script for the contract).
#
#   usage: build.sh [--refresh] [OUTDIR]
#   stdout: kernel=OUTDIR/vmlinux initrd=OUTDIR/initrd.img
#           cmdline=<the kernel command line to boot it with>
#
# The packages are fetched with `apt-get download` and unpacked with `dpkg-deb` into a cache, never
# installed: the host's /boot, modules and busybox stay untouched. OUTDIR/stamp records the package
# versions and this script's checksum; when they match, a run only prints the paths. Versions are
# resolved with apt once and then pinned in the stamp (apt-cache alone takes seconds here);
# --refresh asks apt again and rebuilds if a newer kernel or busybox is available.
set -euo pipefail

say() { printf '[jvirt test-guest] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

REFRESH=0
if [ "${1:-}" = --refresh ]; then REFRESH=1; shift; fi
SELF=$(readlink -f "$0")

# Debian packages live in a cache shared by every checkout (a 70 MB kernel is not downloaded per
# worktree or after `mvn clean`): /var/cache/jvirt-test-guest as root, else the user's cache.
if [ -n "${JVIRT_TEST_GUEST_CACHE:-}" ]; then CACHE=$JVIRT_TEST_GUEST_CACHE
elif [ "$(id -u)" -eq 0 ]; then CACHE=/var/cache/jvirt-test-guest
else CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/jvirt-test-guest
fi
OUT=${1:-$CACHE/guest}
mkdir -p "$OUT" "$CACHE/debs"
OUT=$(cd "$OUT" && pwd)

# The kernel command line the guest is made for: output on ttyS0, no boot chatter (printing on
# an emulated UART is slow, most of all under TCG).
CMDLINE="console=ttyS0 quiet"
RECIPE=$(sha256sum "$SELF" | cut -c1-16)

print_result() {
  printf 'kernel=%s initrd=%s\n' "$OUT/vmlinux" "$OUT/initrd.img"
  printf 'cmdline=%s\n' "$CMDLINE"
}

stamp_ok() { # stamp matches recipe (and the versions given, if any) and the files are there
  [ -f "$OUT/stamp" ] && [ -f "$OUT/vmlinux" ] && [ -f "$OUT/vmlinuz" ] && [ -f "$OUT/initrd.img" ] || return 1
  grep -qx "recipe=$RECIPE" "$OUT/stamp" || return 1
  [ -z "${1:-}" ] || grep -qx "packages=$1" "$OUT/stamp"
}

# Fast path without any lock or apt call: a finished build is never modified in place.
if [ "$REFRESH" = 0 ] && stamp_ok; then print_result; exit 0; fi

# One builder at a time per cache (tests of several modules may ask at once; builds share the
# downloaded packages and prune them).
exec 9>"$CACHE/.lock"
flock 9
if [ "$REFRESH" = 0 ] && stamp_ok; then print_result; exit 0; fi

for tool in apt-get apt-cache dpkg-deb tar gzip sha256sum flock; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: this script needs Debian's apt and dpkg"
done
if ! command -v xz >/dev/null; then  # unpacks the kernel image (busybox's unxz lacks the x86 BCJ filter)
  [ "$(id -u)" -eq 0 ] || die "'xz' is missing: apt-get install xz-utils (as root)"
  say "installing xz-utils (apt-get install xz-utils) to unpack the kernel image"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xz-utils >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xz-utils >/dev/null; } \
    || die "could not install xz-utils"
fi

# Versions: linux-image-amd64 is a metapackage; its Depends names the real kernel package.
resolve_versions() {
  apt-cache show --no-all-versions linux-image-amd64 busybox-static 2>/dev/null | awk '
    /^Package:/ { pkg = $2 }
    /^Version:/ && pkg == "busybox-static" { bb = $2 }
    /^Depends:/ && pkg == "linux-image-amd64" { for (i = 2; i <= NF; i++) if ($i ~ /^linux-image-/) { k = $i; kv = $(i + 2); sub(/\)$/, "", kv); break } }
    END { if (k != "" && bb != "") print k "=" kv " busybox-static=" bb }'
}
APT_UPDATED=0
apt_update() { # once per run, as root only: stale or missing package lists
  [ "$APT_UPDATED" = 0 ] && [ "$(id -u)" -eq 0 ] || return 1
  say "apt-get update ($1)"
  apt-get update -qq || die "apt-get update failed"
  APT_UPDATED=1
}
PACKAGES=$(resolve_versions)
if [ -z "$PACKAGES" ]; then
  apt_update "apt knows no linux-image-amd64 or busybox-static yet" \
    || die "apt knows no linux-image-amd64/busybox-static: run 'apt-get update' as root"
  PACKAGES=$(resolve_versions)
  [ -n "$PACKAGES" ] || die "apt has no candidate for linux-image-amd64 or busybox-static (check /etc/apt/sources.list)"
fi
if stamp_ok "$PACKAGES"; then print_result; exit 0; fi
say "building the test guest in $OUT from $PACKAGES"
rm -rf "$OUT"/.build.*  # left by a killed build (we hold the lock: no build is running)

# apt's file names encode ':' of epochs as %3a.
deb_path() { local p=${1%%=*} v=${1#*=}; printf '%s/debs/%s_%s_amd64.deb' "$CACHE" "$p" "${v//:/%3a}"; }
download_all() {
  local pv deb
  for pv in $PACKAGES; do
    deb=$(deb_path "$pv")
    [ -f "$deb" ] && continue
    say "downloading $pv (apt-get download, not installed)"
    # As root without apt's _apt sandbox user, which cannot write to our cache dir.
    (cd "$CACHE/debs" && apt-get download -q -o APT::Sandbox::User=root "$pv" >/dev/null) && [ -f "$deb" ] \
      || { say "apt-get download $pv failed"; return 1; }
  done
}
if ! download_all; then
  # Stale package lists name versions the mirror no longer has: refresh them and resolve again.
  apt_update "to download the current versions" || die "could not download $PACKAGES (network? run 'apt-get update' as root)"
  PACKAGES=$(resolve_versions)
  download_all || die "could not download $PACKAGES (network? /etc/apt/sources.list?)"
fi
set -- $PACKAGES
KDEB=$(deb_path "$1")
BDEB=$(deb_path "$2")

WORK=$(mktemp -d "$OUT/.build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
KX=$WORK/kernel
mkdir -p "$KX" "$ROOTFS"/{bin,dev,proc,sys,run,lib/modules,etc}

# The kernel package, unpacked once (one pass over its 70 MB of xz; rebuilds are rare).
dpkg-deb -x "$KDEB" "$KX"
KERNEL=$(ls "$KX"/boot/vmlinuz-*)
KVER=${KERNEL##*/vmlinuz-}
MODDIR=$KX/lib/modules/$KVER/kernel

# Modules the guest needs that Debian builds as modules: 'button' (ACPI power button, an input
# device) and 'evdev' (/dev/input/event* to read it). Their dependencies come from each module's
# own modinfo 'depends=' (the package ships no modules.dep: depmod runs at install); they are
# loaded dependencies first.
CONFIG=$(cat "$KX/boot/config-$KVER")
LOAD_ORDER=()
declare -A SEEN=()
add_module() {
  local name=$1 sym=$2
  [ -n "${SEEN[$name]:-}" ] && return
  SEEN[$name]=1
  if [ -n "$sym" ] && grep -qx "CONFIG_$sym=y" <<<"$CONFIG"; then return; fi  # built in
  local path
  path=$(find "$MODDIR" -regex ".*/${name//[-_]/[-_]}\.ko" -print -quit)
  [ -n "$path" ] || die "kernel $KVER has no module $name"
  local dep
  for dep in $(tr '\0' '\n' < "$path" | sed -n 's/^depends=//p' | tr ',' ' '); do
    add_module "$dep" ""
  done
  cp "$path" "$ROOTFS/lib/modules/$name.ko"
  LOAD_ORDER+=("$name")
}
add_module button ACPI_BUTTON
add_module evdev INPUT_EVDEV
# pvpanic: the guest side of QEMU's panic devices (libvirt's <panic model='isa'/> is ACPI QEMU0001,
# driven by pvpanic-mmio; model='pvpanic' is the PCI one): the kernel's panic notifier tells QEMU,
# which emits GUEST_PANICKED. Without the device they load and sit idle.
add_module pvpanic-mmio PVPANIC_MMIO
add_module pvpanic-pci PVPANIC_PCI
# virtio-blk: a disk the guest can write to (jvirt.disk=DEV below), e.g. a storage pool's volume
add_module virtio_pci VIRTIO_PCI
add_module virtio_blk VIRTIO_BLK
printf '%s\n' "${LOAD_ORDER[@]}" > "$ROOTFS/etc/modules"

dpkg-deb --fsys-tarfile "$BDEB" | tar -x -C "$WORK" ./bin/busybox
cp "$WORK/bin/busybox" "$ROOTFS/bin/busybox"
for applet in sh mount insmod cat echo dd mkfifo sleep poweroff reboot setsid cttyhack ls; do
  ln -s busybox "$ROOTFS/bin/$applet"
done

cat > "$ROOTFS/init" <<'INIT'
#!/bin/sh
# jvirt test guest: announce on the console, then power off on the ACPI power button.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
for m in $(cat /etc/modules); do insmod /lib/modules/$m.ko || echo "JVIRT-GUEST-ERROR insmod $m"; done

# Every input device named "Power Button" (ACPI's fixed-feature button, and a PNP0C0C one if the
# machine has it) is opened here, before JVIRT-GUEST-UP, so a press right after the line is
# queued and not lost; one reader each, the first event on any of them is the press.
mkfifo /run/button
fd=3 buttons=
for dev in /sys/class/input/input*; do
  [ "$(cat "$dev/name")" = "Power Button" ] || continue
  for ev in "$dev"/event*; do
    [ -e "$ev" ] || continue
    eval "exec $fd</dev/input/${ev##*/}"
    (dd of=/dev/null bs=24 count=1 2>/dev/null <&$fd; echo "$ev" > /run/button) &
    buttons="$buttons ${ev##*/}" fd=$((fd + 1))
  done
done

[ -n "$buttons" ] || echo "JVIRT-GUEST-ERROR no ACPI power button"
echo "JVIRT-GUEST-UP"

# jvirt.panic=SECONDS on the kernel command line: a real kernel panic that long after UP (sysrq 'c'
# calls panic(); the pvpanic driver reports it to QEMU). panic=0 in the kernel's default: it then
# hangs, so what happens next is up to the host (libvirt's on_crash).
for arg in $(cat /proc/cmdline); do
  case $arg in
    jvirt.panic=*)
      (sleep "${arg#jvirt.panic=}"; echo "JVIRT-GUEST-PANIC"; echo c > /proc/sysrq-trigger) & ;;
  esac
done

# jvirt.disk=DEV on the kernel command line: write a marker to the first sector of that disk (a
# volume a test gave the guest) and say so; the test reads the marker from the image afterwards.
for arg in $(cat /proc/cmdline); do
  case $arg in
    jvirt.disk=*)
      d=${arg#jvirt.disk=} n=0
      while [ ! -b "$d" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
      if echo "JVIRT-DISK-WRITTEN" | dd of="$d" bs=512 conv=sync,fsync 2>/dev/null; then
        echo "JVIRT-GUEST-WROTE $d"
      else
        echo "JVIRT-GUEST-ERROR write $d"
      fi ;;
  esac
done

# An interactive shell on the console for whoever is attached to it (e.g. 'reboot -f' for a
# guest-initiated reset); a console without input just leaves it waiting.
(while :; do setsid cttyhack sh; sleep 1; done) &

read pressed < /run/button
echo "JVIRT-GUEST-POWEROFF"
poweroff -f
INIT
chmod 755 "$ROOTFS/init"

# Archive with busybox's own cpio (newc, owned by root): no cpio package needed on the host.
(cd "$ROOTFS" && find . | sort | "$ROOTFS/bin/busybox" cpio -o -H newc -R 0:0 2>/dev/null) \
  | gzip -9n > "$WORK/initrd.img"
cp "$KERNEL" "$WORK/vmlinuz"

# The same kernel uncompressed: an ELF with a PVH entry note, which QEMU's -kernel boots directly.
# Under TCG the bzImage's own xz decompressor takes 5-15 s of a ~20 s boot on this machine; the
# host's xz does it once here in a second.
grep -qx 'CONFIG_PVH=y' <<<"$CONFIG" || die "kernel $KVER has no PVH entry (CONFIG_PVH): QEMU cannot boot its ELF"
XZ_AT=$(LC_ALL=C grep -aobUP '\xfd7zXZ\x00' "$KERNEL" | awk -F: 'NR == 1 { print $1 }')
[ -n "$XZ_AT" ] || die "$KERNEL holds no xz stream (Debian's amd64 kernels are xz-compressed)"
tail -c +$((XZ_AT + 1)) "$KERNEL" | xz -dc > "$WORK/vmlinux" 2>/dev/null || true  # trailing data after the stream
[ "$(head -c 4 "$WORK/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ] || die "could not unpack the ELF kernel from $KERNEL"

# Publish: files first, stamp last, each by rename, so a reader never sees a half-written guest.
rm -f "$OUT/stamp"
mv -f "$WORK/vmlinuz" "$OUT/vmlinuz"
mv -f "$WORK/vmlinux" "$OUT/vmlinux"
mv -f "$WORK/initrd.img" "$OUT/initrd.img"
printf 'packages=%s\nrecipe=%s\nkernel-release=%s\nmodules=%s\n' \
  "$PACKAGES" "$RECIPE" "$KVER" "${LOAD_ORDER[*]}" > "$WORK/stamp"
mv -f "$WORK/stamp" "$OUT/stamp"

# Keep only the packages of this build in the shared cache (a kernel package is 70 MB).
for deb in "$CACHE"/debs/*.deb; do
  [ "$deb" = "$KDEB" ] || [ "$deb" = "$BDEB" ] || rm -f "$deb"
done
say "test guest ready: kernel $KVER, modules: ${LOAD_ORDER[*]:-none}"
print_result
