#!/bin/sh
# Builds the controller (jvirt-lxc) from the C files beside this script: build.sh OUTPUT
# Static, so it starts without the dynamic loader and runs whatever the host's libc layout is.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$(dirname "$out")"
command -v "${CC:-gcc}" >/dev/null 2>&1 || {
  echo "driver-lxc: no C compiler (${CC:-gcc}): the LXC driver's controller is built from src/main/c; install gcc and libc6-dev" >&2
  exit 1
}
"${CC:-gcc}" -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$out.tmp" "$here"/*.c
mv -f "$out.tmp" "$out"
