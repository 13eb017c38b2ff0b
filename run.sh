#!/usr/bin/env bash
# Builds jvirt if needed and runs the standalone platform in the foreground (Ctrl-C stops it).
# Options are passed to bin/jvirt: --data DIR, --console, --unix-dir DIR, --tcp HOST:PORT, --no-tcp.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/ensure-deps.sh
dist=distribution/target/jvirt
if [ ! -x "$dist/bin/jvirt" ] || [ -n "$(find . -path ./distribution/target -prune -o -newer "$dist/bin/jvirt" \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.cfg' \) -print -quit)" ]; then
  echo "[jvirt run] building the distribution (mvn -B package -DskipTests)" >&2
  mvn -B -q -ntp -Dstyle.color=never package -DskipTests
fi
echo "[jvirt run] starting $dist/bin/jvirt $*" >&2
exec "$dist/bin/jvirt" "$@"
