#!/usr/bin/env bash
# XML parse/format benchmark (issue 3): jvirt's conf (JMH) against libvirt's own C parser and
# formatter on the same documents (bench/conf_reference.py), interleaved in one run, as ratios.
# Usage: bench/conf.sh            (builds the JMH jar with -Pbench when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/jmh/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "[bench] building the JMH benchmarks (mvn -Pbench package -pl bench/jmh -am)" >&2
  mvn -B -q -ntp -Pbench package -pl bench/jmh -am -DskipTests
fi
out=$(mktemp -d)
echo "[bench] machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in 1 2; do
  bench/conf_reference.py 2000 > "$out/ref-$round.txt"
  java -jar "$jar" 'ConfBench|DomainBench' -rf json -rff "$out/jmh-$round.json" > "$out/jmh-$round.log" 2>&1
done
python3 - "$out" <<'PY'
import json, sys, glob, statistics, os
out = sys.argv[1]
ref, jv = {}, {}
for f in glob.glob(os.path.join(out, 'ref-*.txt')):
    for line in open(f):
        name, us = line.split()
        ref.setdefault(name, []).append(float(us))
for f in glob.glob(os.path.join(out, 'jmh-*.json')):
    for r in json.load(open(f)):
        name = r['benchmark'].rsplit('.', 1)[1]
        jv.setdefault(name, []).append(r['primaryMetric']['score'])
print('| benchmark | jvirt (µs/op) | libvirt 9.0 C (µs/op) | jvirt / libvirt |')
print('|---|---:|---:|---:|')
for name in sorted(set(ref) | set(jv)):
    j = statistics.median(jv[name]) if name in jv else float('nan')
    l = statistics.median(ref[name]) if name in ref else float('nan')
    print('| %s | %.1f | %.1f | %.2f |' % (name, j, l, j / l if l == l and l else float('nan')))
PY
