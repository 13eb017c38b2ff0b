#!/usr/bin/env bash
# Runs jvirt's whole test suite: unit tests, conformance against libvirt's headers and fixtures,
# Pax Exam integration tests in Felix, and the distribution's end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/ensure-deps.sh
echo "[jvirt test] mvn -B verify (unit, integration and distribution tests)" >&2
mvn -B -ntp -Dstyle.color=never verify "$@"
echo "[jvirt test] scripts/check-baseline.sh (semantic versioning of io.jvirt.api and io.jvirt.spi)" >&2
scripts/check-baseline.sh
