#!/usr/bin/env bash
# One command per benchmark; run from anywhere, works in the repository root. See bench/README.md.
#   bench/run.sh build | jmh | scaling | load | soak | cold-start | cost | kafka | rejects | fsync | profile-guard | profile-accept | plots | machine
# Every run writes its figures under bench/results/<name>/ and the load average at its start and end in loadavg.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
jmh=bench/jmh/target/benchmarks.jar
load=bench/load/target/load.jar

loadavg() { echo "$1 $(date -u +%FT%TZ) $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$2/loadavg.txt"; }
need() { [ -f "$1" ] || { echo "missing $1: run bench/run.sh build first" >&2; exit 2; }; }
# after a soak or a cold start: the GC log by kind and by interval, the JFR recording interval by interval and around the
# slowest seconds (bench/profile/jfr-timeline.py), and jfr summary; the .jfr itself stays out of git (bench/results/.gitignore)
after_run() {
  local out=$1
  if [ -f "$out/gc.log" ]; then
    java -cp "$load" dev.handoff.bench.load.GcLog "$out/gc.log" "$out/soak-latency.csv" | tee "$out/gc-summary.md"
  fi
  if [ -f "$out/service.jfr" ]; then
    jfr summary "$out/service.jfr" > "$out/jfr-summary.txt"
    bench/profile/jfr-timeline.py "$out/service.jfr" "$out/soak-latency.csv" 5 | tee "$out/jfr-timeline.md"
    # top frames: for the cold start only (a 10-minute recording's stacks take minutes and gigabytes to print as JSON;
    # run it by hand on the soak's service.jfr when wanted)
    [ "${2:-}" = no-top ] || bench/profile/jfr-top.py "$out/service.jfr" 25 > "$out/jfr-top.txt"
  fi
}

case "${1:-}" in
  build)
    # the service (target/handoff.jar and its classes), then the two bench modules built against them
    ./mvnw -q -DskipTests package
    (cd bench/jmh && mvn -q -DskipTests package)
    (cd bench/load && mvn -q -DskipTests package)
    ;;
  jmh)
    need "$jmh"; out=$results/jmh; mkdir -p "$out"; loadavg start "$out"
    java -jar "$jmh" GuardBench -rf json -rff "$out/guard.json" | tee "$out/guard.log"
    loadavg end "$out"
    java -cp "$jmh" dev.handoff.bench.jmh.Report "$out" "$out/guard.json" | tee "$out/guard-report.md"
    ;;
  scaling)
    need "$jmh"; out=$results/jmh; mkdir -p "$out"; loadavg start "$out"
    java -jar "$jmh" 'ContractCountBench|SchemaSizeBench|MessageSizeBench' -rf json -rff "$out/scaling.json" | tee "$out/scaling.log"
    java -Xmx2g -cp "$jmh" dev.handoff.bench.jmh.ContractLoadScaling "$out/contract-load.csv" | tee "$out/contract-load.md"
    loadavg end "$out"
    java -cp "$jmh" dev.handoff.bench.jmh.Report "$out" "$out/scaling.json" | tee "$out/scaling-report.md"
    ;;
  load)
    need "$load"; need target/handoff.jar; out=$results/load; mkdir -p "$out"; loadavg start "$out"
    java -jar "$load" --out "$out" "${@:2}" | tee "$out/load.md"
    loadavg end "$out"
    ;;
  soak)
    # 600 s at 500 msg/s after a 20 s warm-up; time to 202 per minute, GC log and JFR (settings=profile) of the service
    # (--label no-full-gc writes under load/soak-no-full-gc/ instead, e.g. with --full-gc 0; --no-jfr: no recording)
    need "$load"; out=$results/load; args=()
    set -- "${@:2}"
    while [ $# -gt 0 ]; do
      case "$1" in
        --label) out=$results/load/soak-$2; shift 2 ;;
        --no-jfr) jfr=no; shift ;;
        *) args+=("$1"); shift ;;
      esac
    done
    mkdir -p "$out"; loadavg soak-start "$out"
    rm -f "$out/gc.log" "$out/service.jfr"
    [ "${jfr:-}" = no ] || args+=(--jfr "$(pwd)/$out/service.jfr")
    java -jar "$load" --soak 600 --soak-rate 500 --out "$out" "${args[@]}" | tee "$out/soak.md"
    loadavg soak-end "$out"
    after_run "$out" no-top | tee -a "$out/soak.md"
    ;;
  cold-start)
    # the first two minutes at 500 msg/s with no warm-up, per 10 s; no full GC asked for (a real start has none);
    # --fast-start: the extracted jar with a CDS archive (made once under bench/load/target/fast-start/);
    # --label names a further pass (cold-start/plain-run2); --no-jfr starts the service without its recording
    need "$load"; kind=plain; label=; args=()
    set -- "${@:2}"
    while [ $# -gt 0 ]; do
      case "$1" in
        --fast-start) kind=fast-start; args+=(--fast-start true); shift ;;
        --label) label="-$2"; shift 2 ;;
        --no-jfr) jfr=no; shift ;;
        *) args+=("$1"); shift ;;
      esac
    done
    out=$results/cold-start/$kind$label; mkdir -p "$out"; loadavg start "$out"
    rm -f "$out/gc.log" "$out/service.jfr"
    [ "${jfr:-}" = no ] || args+=(--jfr "$(pwd)/$out/service.jfr")
    java -jar "$load" --soak 120 --soak-rate 500 --warmup 0 --interval 10 --full-gc 0 --out "$out" \
      "${args[@]}" | tee "$out/cold-start.md"
    loadavg end "$out"
    after_run "$out" | tee -a "$out/cold-start.md"
    ;;
  cost)
    # CPU, commits and statements per delivered message (issue 17), on H2 or (--db postgres) PostgreSQL; --label names the
    # folder (cost/h2-before), --jar measures another build of the service; --instances 2 (PostgreSQL only) measures one
    # instance, then two on the same database (cost/postgres-instances-2); --smoke: a short pass to see that it runs and
    # what it writes (cost/smoke-…), not figures
    need "$load"; db=h2; label=; instances=1; smoke=; args=()
    set -- "${@:2}"
    while [ $# -gt 0 ]; do
      case "$1" in
        --label) label="-$2"; shift 2 ;;
        --db) db=$2; args+=("$1" "$2"); shift 2 ;;
        --instances) instances=$2; args+=("$1" "$2"); shift 2 ;;
        --smoke) smoke=smoke-; args+=(--cost 5 --warmup 2 --saturate 5 --idle 2); shift ;;
        --) args+=("$@"); break ;;
        *) args+=("$1"); shift ;;
      esac
    done
    if [ "$instances" -gt 1 ] && [ "$db" != postgres ]; then
      echo "--instances $instances needs --db postgres: the H2 default is a file that one process holds; no second instance can share it" >&2
      exit 2
    fi
    inst=; [ "$instances" -gt 1 ] && inst=-instances-$instances
    out=$results/cost/$smoke$db$inst$label; mkdir -p "$out"; loadavg start "$out"
    java -jar "$load" --cost 60 --out "$out" "${args[@]}" | tee "$out/cost.md"
    loadavg end "$out"
    ;;
  kafka)
    # the Kafka edge (guard, then the output topic, then the offset commit) against a bare Camel Kafka-to-Kafka route, events/s
    # and service CPU per event, back to back on a broker in the load tool's JVM (issue 17, item 5); --events per pass,
    # --passes per route; --smoke: a short pass (kafka/smoke-…), not figures
    need "$load"; need target/handoff.jar; db=h2; label=; smoke=; args=()
    set -- "${@:2}"
    while [ $# -gt 0 ]; do
      case "$1" in
        --label) label="-$2"; shift 2 ;;
        --db) db=$2; args+=("$1" "$2"); shift 2 ;;
        --events) args+=(--kafka "$2"); shift 2 ;;
        --passes) args+=(--kafka-passes "$2"); shift 2 ;;
        --smoke) smoke=smoke-; args+=(--kafka 3000 --kafka-warmup 1000 --kafka-passes 2); shift ;;
        --) args+=("$@"); break ;;
        *) args+=("$1"); shift ;;
      esac
    done
    out=$results/kafka/$smoke$db$label; mkdir -p "$out"; loadavg start "$out"
    java -jar "$load" --kafka 20000 --kafka-warmup 5000 --kafka-passes 3 --out "$out" "${args[@]}" | tee "$out/kafka.md"
    loadavg end "$out"
    ;;
  rejects)
    need "$load"; out=$results/rejects; mkdir -p "$out"; loadavg start "$out"
    java -cp "$load" dev.handoff.bench.load.RejectsBench --out "$out" "${@:2}" | tee "$out/rejects.md"
    loadavg end "$out"
    ;;
  fsync)
    need "$load"; out=$results/machine; mkdir -p "$out"; loadavg fsync-start "$out"
    java -cp "$load" dev.handoff.bench.load.FsyncRate "${TMPDIR:-/tmp}" 10 | tee "$out/fsync.txt"
    dd if=/dev/zero of="${TMPDIR:-/tmp}/handoff-dd-fsync" bs=4k count=2000 oflag=dsync 2>&1 | tail -1 | sed 's/^/dd 4 KiB oflag=dsync x2000: /' | tee -a "$out/fsync.txt"
    rm -f "${TMPDIR:-/tmp}/handoff-dd-fsync"
    loadavg fsync-end "$out"
    ;;
  profile-guard)
    need "$jmh"; out=$results/profile; mkdir -p "$out"
    for m in email-campaign tracking-event email-campaign-200k; do
      java -jar "$jmh" 'GuardBench.guard$' -p message=$m -wi 5 -w 1 -i 1 -r 15 -bm avgt \
        -jvmArgsAppend "-XX:StartFlightRecording=filename=$out/guard-$m.jfr,settings=profile" | grep -E '^GuardBench'
      bench/profile/jfr-top.py "$out/guard-$m.jfr" 20 --thread jmh > "$out/guard-$m.txt"
    done
    ;;
  profile-accept)
    need "$load"; out=$results/profile; mkdir -p "$out"
    java -jar "$load" --routes guarded --rates 1000 --duration 20 --warmup 10 --saturate 20 --jfr "$(pwd)/$out/accept.jfr" --out "$out/load"
    bench/profile/jfr-top.py "$out/accept.jfr" 25 > "$out/accept-all-threads.txt"
    bench/profile/jfr-top.py "$out/accept.jfr" 25 --thread task- > "$out/accept-request-threads.txt"
    bench/profile/jfr-top.py "$out/accept.jfr" 25 --thread handoff-dispatcher > "$out/accept-dispatcher.txt"
    ;;
  plots)
    # the soak's and the cold start's charts in Java (load.jar, JFreeChart), always; the older ones with gnuplot where
    # it is installed (plot.sh says so when it is not); one failing does not stop the other
    need "$load"; status=0
    java -cp "$load" dev.handoff.bench.load.Plots "$results" bench/plots || status=$?
    bench/plots/plot.sh "$results" || status=$?
    exit $status
    ;;
  machine)
    out=$results/machine; mkdir -p "$out"
    { echo "nproc: $(nproc)"; grep -m1 'model name' /proc/cpuinfo; grep MemTotal /proc/meminfo; java -version 2>&1 | head -1;
      df -h "${TMPDIR:-/tmp}" | tail -1; lsblk -d -o NAME,ROTA,SIZE,MODEL 2>/dev/null || true; uname -r; } | tee "$out/machine.txt"
    ;;
  *)
    echo "usage: bench/run.sh build|jmh|scaling|load|soak|cold-start|cost|kafka|rejects|fsync|profile-guard|profile-accept|plots|machine" >&2; exit 2 ;;
esac
