#!/usr/bin/env bash
# Builds jvirt if a source changed since the last build and runs the standalone platform in the
# foreground (Ctrl-C stops it). Options are passed to bin/jvirt: --data DIR, --console,
# --unix-dir DIR, --tcp HOST:PORT, --no-tcp, --help.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh run
scripts/build-dist.sh
dist=distribution/target/jvirt
echo "[jvirt run] starting $dist/bin/jvirt $*" >&2
exec "$dist/bin/jvirt" "$@"
