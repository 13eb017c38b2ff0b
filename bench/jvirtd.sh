#!/usr/bin/env bash
# jvirtd vs libvirtd over libvirt's RPC protocol (run on purpose, not in CI), one self-contained run:
#
#   bench/jvirtd.sh [--quick]
#
# It builds nothing: it starts the built distribution (distribution/target/jvirt/bin/jvirt, build it
# with `mvn -B -ntp -o -q verify -pl distribution -am -DskipTests`) with its own data and socket
# directories and a free TCP port, and private libvirtd 9.0 instances through ../shared/anchor, and
# runs the same python client (anchor/rpc_bench.py, libvirt-python) against both:
#
#   1. single + concurrency: anchor/side-by-side.sh against jvirtd, over unix and over TCP
#      (libvirtd and jvirtd interleaved A B A B for JB_ROUNDS rounds);
#   2. scale: rpc_bench scale --ndomains JB_NDOMAINS (define, listAllDomains, lookups, undefine),
#      then bench/list_many.py (listAllDomains among as many domains, timing the call alone),
#      libvirtd and jvirtd interleaved for JB_SCALE_ROUNDS rounds;
#   3. idle connections: an active client (rpc_bench concurrency --procs 1: lookupByName + info in
#      a loop) alone, then again while JB_IDLE other connections are open and idle
#      (bench/idle_clients.py), for each server, interleaved, JB_IDLE_ROUNDS rounds.
#
# Before measuring, jvirtd gets a warm-up run of the same client (a JVM compiles its hot paths in
# the first seconds; libvirtd, compiled C, has nothing to warm up), and the scale phase starts with
# one unmeasured scale run against each server. At the end it prints one table
# with the ratios jvirtd / libvirtd (and with / without idle connections) next to issue 5's goals.
# Everything it started is stopped at exit, also on Ctrl-C, and its temporary directory removed.
#
# Environment (defaults; --quick uses the values in brackets, for a first look in ~3 minutes):
#   JB_N=5000 [1000] JB_RUNS=3 [2] JB_SECS=10 [3] JB_ROUNDS=3 [1]    side-by-side (--n --runs --secs)
#   JB_TRANSPORTS="unix tcp"                                          transports for side-by-side
#   JB_NDOMAINS=10000 JB_SCALE_ROUNDS=2 [1]                           scale
#   JB_IDLE=1000 JB_IDLE_SECS=5 [3] JB_IDLE_ROUNDS=3 [1]              idle connections
#   JB_RESULTS=DIR   keep every raw result (JSON, text) and the final table in DIR
#   ANCHOR=DIR       the anchor kit (default ../shared/anchor beside the repository, else /work/shared/anchor)
#   JAVA_OPTS        extra JVM options for jvirtd (bin/jvirt passes them on)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
ME=bench/jvirtd.sh
die() { echo "$ME: $*" >&2; exit 1; }

if [ "${1:-}" = --quick ]; then
  : "${JB_N:=1000}" "${JB_RUNS:=2}" "${JB_SECS:=3}" "${JB_ROUNDS:=1}" "${JB_SCALE_ROUNDS:=1}"
  : "${JB_IDLE_SECS:=3}" "${JB_IDLE_ROUNDS:=1}"
elif [ -n "${1:-}" ]; then
  sed -n '2,33s/^# \{0,1\}//p' "$0"; exit 2
fi
N=${JB_N:-5000} RUNS=${JB_RUNS:-3} SECS=${JB_SECS:-10} ROUNDS=${JB_ROUNDS:-3}
TRANSPORTS=${JB_TRANSPORTS:-unix tcp}
NDOMAINS=${JB_NDOMAINS:-10000} SCALE_ROUNDS=${JB_SCALE_ROUNDS:-2}
IDLE=${JB_IDLE:-1000} IDLE_SECS=${JB_IDLE_SECS:-5} IDLE_ROUNDS=${JB_IDLE_ROUNDS:-3}

ANCHOR=${ANCHOR:-$ROOT/../shared/anchor}
[ -x "$ANCHOR/libvirtd-up" ] || ANCHOR=/work/shared/anchor
[ -x "$ANCHOR/libvirtd-up" ] || die "no anchor kit (libvirtd-up) in ../shared/anchor or /work/shared/anchor; set ANCHOR"
JVIRT=$ROOT/distribution/target/jvirt/bin/jvirt
[ -x "$JVIRT" ] || die "$JVIRT is missing: build it first (mvn -B -ntp -o -q verify -pl distribution -am -DskipTests)"
PY=/usr/bin/python3
"$PY" -c 'import libvirt' 2>/dev/null || die "python3-libvirt is missing (apt-get install python3-libvirt)"
# the idle phase holds JB_IDLE sockets in one client process and one server process each
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((IDLE + 256)) ]; then
  ulimit -n $((IDLE + 256)) 2>/dev/null || die "ulimit -n is $(ulimit -n) and cannot be raised to $((IDLE + 256)) for $IDLE idle connections"
fi

W=$(mktemp -d /tmp/jvirtd-bench.XXXXXX)
mkdir -p "$W/res"
JPID='' IDLE_PID='' LV_UP=0
stop_idle() {
  if [ -n "$IDLE_PID" ]; then
    kill "$IDLE_PID" 2>/dev/null || true
    wait "$IDLE_PID" 2>/dev/null || true
    IDLE_PID=''
  fi
}
cleanup() {
  trap - EXIT INT TERM
  stop_idle
  if [ -n "$JPID" ]; then
    kill "$JPID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$JPID" 2>/dev/null || true
  fi
  [ "$LV_UP" = 1 ] && { "$ANCHOR/libvirtd-down" "$W/libvirtd" >/dev/null 2>&1 || echo "$ME: libvirtd-down failed" >&2; }
  if [ -n "${JB_RESULTS:-}" ]; then
    mkdir -p "$JB_RESULTS" && cp -r "$W/res/." "$JB_RESULTS/" 2>/dev/null || true
  fi
  rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
threads() { awk '/^Threads/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

{
  echo "# machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem/ {print $2}') GiB RAM, Linux $(uname -r)"
  echo "# java: $(java -version 2>&1 | head -1)  libvirtd: $(libvirtd --version 2>/dev/null | awk '{print $NF}')  JAVA_OPTS: ${JAVA_OPTS:-(none)}"
  echo "# date: $(date -u +%FT%TZ)  load at start: $(load)"
  echo "# settings: --n $N --runs $RUNS --secs $SECS rounds $ROUNDS transports '$TRANSPORTS'; scale $NDOMAINS x $SCALE_ROUNDS; idle $IDLE, active $IDLE_SECS s x $IDLE_ROUNDS"
} | tee "$W/res/header.txt"

# ---------------------------------------------------------------- jvirtd
JPORT=$(free_port)
"$JVIRT" --data "$W/jvirt-data" --unix-dir "$W/jvirt-run" --tcp "127.0.0.1:$JPORT" > "$W/jvirt.out" 2>&1 &
JPID=$!
for _ in $(seq 1200); do
  grep -q 'jvirtd ready' "$W/jvirt.out" && break
  kill -0 "$JPID" 2>/dev/null || { cat "$W/jvirt.out" >&2; die "jvirt exited before it was ready"; }
  sleep 0.1
done
grep 'jvirtd ready' "$W/jvirt.out" || { cat "$W/jvirt.out" >&2; die "jvirtd not ready after 120 s"; }
J_UNIX="test+unix:///default?socket=$W/jvirt-run/libvirt-sock"
J_TCP="test+tcp://127.0.0.1:$JPORT/default"
echo "# warming jvirtd up (same client, not measured)"
"$ANCHOR/rpc_bench.py" "$J_UNIX" single --n 3000 --runs 1 > "$W/res/warmup-single.txt"
"$ANCHOR/rpc_bench.py" "$J_UNIX" concurrency --procs 8 --secs 3 --runs 1 > "$W/res/warmup-concurrency.txt"
"$ANCHOR/rpc_bench.py" "$J_TCP" single --n 1000 --runs 1 > "$W/res/warmup-tcp.txt"

# ---------------------------------------------------------------- 1. side-by-side
for t in $TRANSPORTS; do
  case $t in unix) B=$J_UNIX ;; tcp) B=$J_TCP ;; *) die "JB_TRANSPORTS: unknown transport $t" ;; esac
  echo "# side-by-side over $t (load $(load))"
  SBS_ROUNDS=$ROUNDS SBS_TRANSPORT=$t SBS_RESULTS="$W/res/sbs-$t" \
    "$ANCHOR/side-by-side.sh" "$B" --n "$N" --runs "$RUNS" --secs "$SECS" > "$W/res/sbs-$t.txt" 2>&1 ||
    { tail -20 "$W/res/sbs-$t.txt" >&2; die "side-by-side over $t failed"; }
  sed -n '/^medians over/,$p' "$W/res/sbs-$t.txt"
done

# ---------------------------------------------------------------- a libvirtd of our own for 2 and 3
"$ANCHOR/libvirtd-up" "$W/libvirtd" --tcp-port 0 > "$W/res/libvirtd-up.txt" || die "libvirtd-up failed"
LV_UP=1
LVPID=$(cat "$W/libvirtd/run/libvirtd.pid")
L_UNIX="test+unix:///default?socket=$W/libvirtd/run/libvirt-sock"
grep -q '^max_clients = [0-9]*' "$W/libvirtd/conf/libvirtd.conf" &&
  [ "$(sed -n 's/^max_clients = //p' "$W/libvirtd/conf/libvirtd.conf")" -ge $((IDLE + 10)) ] ||
  die "the anchor's libvirtd.conf allows fewer than $((IDLE + 10)) clients (max_clients)"

# ---------------------------------------------------------------- 2. scale
# one unmeasured run against each server first: jvirtd's JIT compiles the loops over thousands of
# domains (define, list, undefine), and both daemons' allocators have grown to the working set
for s in libvirtd jvirtd; do
  u=$L_UNIX; [ $s = jvirtd ] && u=$J_UNIX
  echo "# scale warm-up: $s (not measured)"
  "$ANCHOR/rpc_bench.py" "$u" scale --ndomains "$NDOMAINS" --runs 5 > "$W/res/scale-$s-warmup.txt" ||
    die "rpc_bench scale against $s failed"
done
for r in $(seq "$SCALE_ROUNDS"); do
  for s in libvirtd jvirtd; do
    u=$L_UNIX; [ $s = jvirtd ] && u=$J_UNIX
    echo "# scale round $r: $s, $NDOMAINS domains (load $(load))"
    "$ANCHOR/rpc_bench.py" "$u" scale --ndomains "$NDOMAINS" --runs 5 --json "$W/res/scale-$s-r$r.json" \
      > "$W/res/scale-$s-r$r.txt" || die "rpc_bench scale against $s failed"
    grep 'listAllDomains with' "$W/res/scale-$s-r$r.txt"
    "$PY" "$ROOT/bench/list_many.py" "$u" "$NDOMAINS" 10 "$W/res/list-$s-r$r.json" || die "list_many.py against $s failed"
  done
done

# ---------------------------------------------------------------- 3. idle connections
active() { # server label round
  "$ANCHOR/rpc_bench.py" "$1" concurrency --procs 1 --secs "$IDLE_SECS" --runs 1 --json "$W/res/idle-$2-r$3.json" \
    > "$W/res/idle-$2-r$3.txt" || die "active client against $2 failed"
}
for r in $(seq "$IDLE_ROUNDS"); do
  for s in libvirtd jvirtd; do
    u=$L_UNIX pid=$LVPID; [ $s = jvirtd ] && u=$J_UNIX pid=$JPID
    echo "# idle round $r: $s alone, then with $IDLE idle connections (load $(load))"
    echo "$(rss_kib "$pid") $(threads "$pid")" > "$W/res/idle-$s-without-r$r.proc"
    active "$u" "$s-without" "$r"
    rm -f "$W/idle.ready"
    "$PY" "$ROOT/bench/idle_clients.py" "$u" "$IDLE" "$W/idle.ready" &
    IDLE_PID=$!
    for _ in $(seq 1200); do
      [ -s "$W/idle.ready" ] && break
      kill -0 "$IDLE_PID" 2>/dev/null || die "idle_clients.py failed against $s"
      sleep 0.1
    done
    [ -s "$W/idle.ready" ] || die "$IDLE idle connections to $s not open after 120 s"
    cp "$W/idle.ready" "$W/res/idle-$s-open-r$r.txt"
    sleep 2 # the opens are done: let the server settle before measuring beside them
    echo "$(rss_kib "$pid") $(threads "$pid")" > "$W/res/idle-$s-with-r$r.proc"
    active "$u" "$s-with" "$r"
    stop_idle
    sleep 1 # let the server see the idle clients go before the next measurement
  done
done
echo "# load at the end: $(load)" | tee -a "$W/res/header.txt"

# ---------------------------------------------------------------- table
"$PY" - "$W/res" "$TRANSPORTS" "$SCALE_ROUNDS" "$IDLE_ROUNDS" "$IDLE" <<'PY' | tee "$W/res/table.md"
import json, statistics, sys
res, transports, scale_rounds, idle_rounds, idle = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
med = statistics.median
rows = []  # (what, metric, libvirtd, jvirtd, ratio, goal, met)

def row(what, metric, a, b, goal=None, ok=None):
    rows.append((what, metric, a, b, b / a if a else float("nan"), goal or "", ok))

for t in transports:
    for r in json.load(open(f"{res}/sbs-{t}/summary.json")):
        op, metric = r["operation"], r["metric"]
        goal = ok = None
        ratio = r["ratio"]
        if op.startswith("single") and "getLibVersion" not in op:
            goal, ok = ">= 1.3", ratio >= 1.3
        elif op.startswith("concurrency") and metric == "calls/s":
            goal, ok = ">= 1.5", ratio >= 1.5
        elif op.startswith("concurrency") and "p99" in metric:
            goal, ok = "<= 1.0", ratio <= 1.0
        row(f"{t}: {op}", metric, r["libvirtd"], r["second"], goal, ok)

def scale(server, key):
    return med(json.load(open(f"{res}/scale-{server}-r{r}.json"))["scale"][key] for r in range(1, scale_rounds + 1))
for key, metric, goal in (("listAllDomains_big_median_ms", "ms", "<= 0.5"),
                          ("listDefinedDomains_big_median_ms", "ms", None),
                          ("lookupByName_with_many_per_s", "calls/s", None),
                          ("defines_per_s", "defines/s", None),
                          ("undefines_per_s", "undefines/s", None)):
    a, b = scale("libvirtd", key), scale("jvirtd", key)
    n = json.load(open(f"{res}/scale-jvirtd-r1.json"))["scale"]["total_domains"]
    name = {"listAllDomains_big_median_ms": "listAllDomains", "listDefinedDomains_big_median_ms": "listDefinedDomains",
            "lookupByName_with_many_per_s": "lookupByName", "defines_per_s": "defineXML",
            "undefines_per_s": "undefine"}[key]
    row(f"unix: scale {name} ({n} domains)", metric, a, b, goal, (b / a <= 0.5) if goal else None)

a = med(json.load(open(f"{res}/list-libvirtd-r{r}.json"))["median_ms"] for r in range(1, scale_rounds + 1))
b = med(json.load(open(f"{res}/list-jvirtd-r{r}.json"))["median_ms"] for r in range(1, scale_rounds + 1))
row(f"unix: listAllDomains ({n} domains), the call alone (list_many.py)", "ms", a, b, "<= 0.5", b / a <= 0.5)

def idle_runs(server, when):
    runs = [json.load(open(f"{res}/idle-{server}-{when}-r{r}.json"))["concurrency"]["runs"][0] for r in range(1, idle_rounds + 1)]
    return med(x["calls_per_s"] for x in runs), med(x["call_p99_us"] for x in runs)
def proc(server, when):
    xs = [open(f"{res}/idle-{server}-{when}-r{r}.proc").read().split() for r in range(1, idle_rounds + 1)]
    return med(int(x[0]) for x in xs) / 1024, med(int(x[1]) for x in xs)
idle_rows = []
for s in ("libvirtd", "jvirtd"):
    (c0, p0), (c1, p1) = idle_runs(s, "without"), idle_runs(s, "with")
    idle_rows.append((s, c0, c1, p0, p1, proc(s, "without"), proc(s, "with")))
lv, jv = idle_rows
row(f"unix: 1 active client beside {idle} idle", "calls/s", lv[2], jv[2])
row(f"unix: 1 active client beside {idle} idle", "call p99 us", lv[4], jv[4])
print()
print("| what | metric | libvirtd | jvirtd | jvirtd / libvirtd | goal | met |")
print("|---|---|---:|---:|---:|---|---|")
for what, metric, a, b, ratio, goal, ok in rows:
    print(f"| {what} | {metric} | {a:.1f} | {b:.1f} | {ratio:.2f} | {goal} | {'' if ok is None else ('yes' if ok else 'NO')} |")
print()
print(f"Idle connections: the active client (lookupByName + info on one connection) alone and beside {idle} idle ones.")
print()
print("Goal (jvirtd): beside idle / alone calls/s >= 0.9, i.e. within this machine's run-to-run noise.")
print()
print("| server | calls/s alone | calls/s beside idle | beside / alone | p99 us alone | p99 us beside idle | beside / alone | RSS MiB alone / beside idle | threads alone / beside idle |")
print("|---|---:|---:|---:|---:|---:|---:|---|---|")
for (s, c0, c1, p0, p1, m0, m1) in idle_rows:
    print(f"| {s} | {c0:.0f} | {c1:.0f} | {c1 / c0:.2f} | {p0:.0f} | {p1:.0f} | {p1 / p0:.2f} | {m0[0]:.0f} / {m1[0]:.0f} | {m0[1]:.0f} / {m1[1]:.0f} |")
PY
