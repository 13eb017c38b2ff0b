#!/usr/bin/env bash
# Test driver scaling (issue 4): jvirt's test driver (JMH TestDriverBench, through the registry's
# connection) against libvirt 9.0's own test driver in-process (bench/test_driver_reference.py, via
# libvirt-python) with 10, 1,000 and 10,000 domains: lookupByName, getInfo, listAllDomains and
# defineXML (+ undefine). The two sides alternate, ROUNDS times, in one run; the table takes the
# median of each side's rounds. Usage: bench/test-driver.sh [ROUNDS]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
jar=bench/jmh/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "[bench] building the JMH benchmarks (mvn -Pbench package -pl bench/jmh -am -DskipTests)" >&2
  mvn -B -q -ntp -Pbench package -pl bench/jmh -am -DskipTests
fi
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || {
  echo "[bench] missing: libvirt-python for /usr/bin/python3 (apt-get install python3-libvirt; scripts/ensure-deps.sh)" >&2
  exit 1
}
out=$(mktemp -d /tmp/jvirt-test-driver-bench.XXXXXX)
echo "[bench] machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$rounds"); do
  echo "[bench] round $round/$rounds: libvirt's test driver" >&2
  bench/test_driver_reference.py 10 1000 10000 > "$out/ref-$round.txt"
  echo "[bench] round $round/$rounds: jvirt (JMH: 3 warm-up + 5 measured iterations of 1 s, 1 fork)" >&2
  java -jar "$jar" 'TestDriverBench' -prof gc -rf json -rff "$out/jmh-$round.json" > "$out/jmh-$round.log" 2>&1
done
echo "[bench] load after: $(cut -d' ' -f1-3 /proc/loadavg); raw results in $out" >&2
python3 - "$out" <<'PY'
import glob, json, os, statistics, sys
out = sys.argv[1]
ref, jv, jb = {}, {}, {}
for f in glob.glob(os.path.join(out, 'ref-*.txt')):
    for line in open(f):
        op, n, rate = line.split()
        ref.setdefault((op, int(n)), []).append(float(rate))
for f in glob.glob(os.path.join(out, 'jmh-*.json')):
    for r in json.load(open(f)):
        op = r['benchmark'].rsplit('.', 1)[1]
        n = int(r['params']['domains'])
        jv.setdefault((op, n), []).append(r['primaryMetric']['score'])
        alloc = r.get('secondaryMetrics', {}).get('gc.alloc.rate.norm')
        if alloc:
            jb.setdefault((op, n), []).append(alloc['score'])
ops = ['lookupByName', 'getInfo', 'listAllDomains', 'defineXML']
print('| operation | domains | jvirt (ops/s) | libvirt 9.0 (ops/s) | jvirt / libvirt |')
print('|---|---:|---:|---:|---:|')
for op in ops:
    for n in (10, 1000, 10000):
        j = statistics.median(jv[(op, n)]) if (op, n) in jv else float('nan')
        l = statistics.median(ref[(op, n)]) if (op, n) in ref else float('nan')
        print('| %s | %d | %s | %s | %.1f |' % (op, n, format(round(j), ','), format(round(l), ','), j / l))
print()
print('Per listed domain: time (1e6 / (ops/s × domains)) and, for jvirt, bytes allocated per call (JMH -prof gc);')
print('bytes allocated per operation of each benchmark:')
print()
print('| domains | listAllDomains jvirt (µs/domain) | listAllDomains libvirt 9.0 (µs/domain) | listAllDomains jvirt (B/domain) | lookupByName jvirt (B/op) | getInfo jvirt (B/op) | defineXML jvirt (B/op) |')
print('|---:|---:|---:|---:|---:|---:|---:|')
def b(op, n):
    return statistics.median(jb[(op, n)]) if (op, n) in jb else float('nan')
for n in (10, 1000, 10000):
    j = statistics.median(jv[('listAllDomains', n)])
    l = statistics.median(ref[('listAllDomains', n)])
    print('| %d | %.3f | %.3f | %.0f | %.0f | %.0f | %.0f |' % (n, 1e6 / (j * n), 1e6 / (l * n),
          b('listAllDomains', n) / n, b('lookupByName', n), b('getInfo', n), b('defineXML', n)))
PY
