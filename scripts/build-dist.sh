#!/usr/bin/env bash
# Builds the distribution (distribution/target/jvirt) when a source changed after the last
# successful build, saying why in one line; does nothing when it is up to date.
#
#   scripts/build-dist.sh [--plan]
#     --plan  print the decision, "up to date" or "build: REASON", and build nothing
#
# The last build's start time is in distribution/target/jvirt.built: the distribution module
# writes it at the end of its package phase, whichever Maven run built it (./run.sh, ./test.sh,
# mvn package), so a build that failed leaves the previous record. A source counts as changed
# when it is newer than that start (an edit during a build counts). Sources: every pom.xml, .mvn/,
# and everything under a module's src/ but its tests, folders included (a file removed or renamed
# changes its folder). File times, not bin/jvirt's, decide: the assembly keeps bin/jvirt's source
# time, so files checked out after it looked newer and every start rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[jvirt build] %s\n' "$*" >&2; }

STAMP=distribution/target/jvirt.built
DIST=distribution/target/jvirt

# reason: why a build is needed, or nothing when the distribution is up to date.
reason() {
  if [ ! -x "$DIST/bin/jvirt" ]; then
    echo "no distribution in $DIST yet"
    return
  fi
  if [ ! -s "$STAMP" ]; then
    echo "$STAMP (the last build's record) is missing"
    return
  fi
  local started changed
  started=$(head -n 1 "$STAMP")
  if ! changed=$(find . \( -name target -o -name .git \) -prune -o \
      \( -name pom.xml -o -path './.mvn' -o -path './.mvn/*' -o \( -path '*/src/*' ! -path '*/src/test/*' \) \) \
      -newermt "$started" -print -quit 2>/dev/null); then
    echo "$STAMP holds no time find understands: '$started'"
    return
  fi
  [ -z "$changed" ] || echo "${changed#./} changed after the last build (started $started)"
}

why=$(reason)
if [ "${1:-}" = --plan ]; then
  if [ -z "$why" ]; then echo "up to date"; else echo "build: $why"; fi
  exit 0
fi
[ -n "$why" ] || exit 0
say "building the distribution: $why (mvn -B -q -ntp package -DskipTests)"
mvn -B -q -ntp package -DskipTests
