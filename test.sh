#!/usr/bin/env bash
# Runs jvirt's whole test suite: unit tests, conformance against libvirt's headers and fixtures,
# Pax Exam integration tests in Felix, and the distribution's end-to-end tests; first, the QEMU
# test guest that the QEMU driver's tests boot (scripts/test-guest) is built and checked.
# Arguments go to mvn (e.g. -pl MODULE -am, -Dtest=...).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-deps.sh test
echo "[jvirt test] scripts/test-guest/check.sh (the QEMU test guest boots, resets and powers off)" >&2
scripts/test-guest/check.sh
echo "[jvirt test] mvn -B -ntp verify (unit, integration and distribution tests)" >&2
mvn -B -ntp verify "$@"
echo "[jvirt test] scripts/check-baseline.sh (semantic versioning of io.jvirt.api and io.jvirt.spi)" >&2
scripts/check-baseline.sh
