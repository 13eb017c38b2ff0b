#!/bin/sh
# fuzz-jvirtd.sh [INPUTS] [SEED]: the network fuzzer of daemon's PacketFuzzTest at scale (default
# 10^6 mutated packets) against an in-process jvirtd on a unix socket, a good client calling
# throughout. Prints "fuzz: seed S, N inputs in T s (R/s), good client C calls, worst W ms";
# fails on a crash (any uncaught throwable), a hang (a good call unanswered 10 s) or the good
# client refused. Re-run a failure with its seed.
set -eu
cd "$(dirname "$0")/.."
INPUTS=${1:-1000000}
SEED=${2:-}
exec mvn -B -q -ntp -o verify -pl daemon -am -Dtest=PacketFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -DskipITs -Dfuzz.inputs="$INPUTS" ${SEED:+-Dfuzz.seed="$SEED"}
