#!/usr/bin/env python3
"""What the service was doing, interval by interval and around the slowest seconds of a run, from its JFR recording.

Usage: bench/profile/jfr-timeline.py RECORDING.jfr LATENCY.csv [N] [--skip SECONDS]

LATENCY.csv is the run's soak-latency.csv (time to 202 by due time per interval, with each interval's UTC start);
its sibling soak-latency-seconds.csv holds each second's slowest message, of which the N slowest seconds (default 5)
are looked at from 1 s before to 1 s + their slowest answer after (--skip: only seconds from then on, e.g. past a
soak's first, still cold, minute). Events are read with the JDK's own tool
(`jfr print --json --events ...`), one event type at a time, never by parsing the binary:

  jdk.GarbageCollection   every collection: name, cause, sum of pauses, longest pause
  jdk.SafepointBegin      every safepoint; its duration is the time to reach it (threads running to a poll)
  jdk.ExecuteVMOperation  what each safepoint did, and for how long
  jdk.JavaMonitorEnter    blocked on a synchronized lock over 10 ms (settings=profile's threshold)
  jdk.ThreadPark          parked (LockSupport: j.u.c. locks, queues, pools) over 10 ms; idle pool threads park
                          too, so they are grouped by thread and by what they parked on
  jdk.CompilerStatistics  once a second: JIT compilations so far and their time (deltas per interval)
  jdk.Compilation         single compilations over 100 ms (settings=profile's threshold)
  jdk.CPULoad             once a second: the JVM's user+system share of the machine and the machine's total
  jdk.ThreadCPULoad       every 10 s: each Java thread's share
  jdk.ExecutionSample     in the slowest seconds' windows: CPU samples per thread pool and top frames
  jdk.ObjectAllocationSample  in those windows: what was allocated, by thread pool and by class (sampled weight)
"""
import bisect
import collections
import csv
import datetime
import json
import os
import re
import subprocess
import sys

JFR = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr") if os.environ.get("JAVA_HOME") else "jfr"


def epoch(text):
    """'2026-12-06T22:08:30.818104761Z' (or with an offset) -> seconds since the epoch, to the microsecond."""
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$", text)
    base = datetime.datetime.fromisoformat(m.group(1))
    zone = m.group(3) or "Z"
    if zone == "Z":
        base = base.replace(tzinfo=datetime.timezone.utc)
    else:
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        base = base.replace(tzinfo=datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))))
    return base.timestamp() + (float("0." + m.group(2)) if m.group(2) else 0.0)


def millis(duration):
    """'PT0.000105086S', 'PT1M2.5S' -> milliseconds."""
    if duration is None:
        return 0.0
    m = re.match(r"-?PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$", duration)
    if not m:
        return 0.0
    h, mi, s = m.groups()
    return ((int(h or 0) * 60 + int(mi or 0)) * 60 + float(s or 0)) * 1000.0


def events(recording, name, keep=None):
    """Every event of one type, read as `jfr print --json` writes it, one event at a time: a 10-minute recording holds
    hundreds of thousands of parks, too many to load as one JSON document. keep(values) drops those not wanted."""
    proc = subprocess.Popen([JFR, "print", "--json", "--stack-depth", "1", "--events", name, recording],
                            stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    out = []
    lines = None

    def done(body):
        v = json.loads("{" + "".join(body) + "}")["values"]
        if keep is None or keep(v):
            v["_t"] = epoch(v["startTime"])
            v["_ms"] = millis(v.get("duration"))
            out.append(v)

    # the layout of jfr's JSON: '    "events": [{', each event's fields, '    }, {' between events, '    }]' after the last
    for line in proc.stdout:
        if lines is None:
            if line.rstrip() == '"events": [{'.rjust(len('"events": [{') + 4):
                lines = []
            continue
        if line.rstrip() == "    }, {":
            done(lines)
            lines = []
        elif line.rstrip() == "    }]":
            if lines:
                done(lines)
            break
        else:
            lines.append(line)
    proc.stdout.close()
    if proc.wait() != 0:
        raise SystemExit(f"jfr print --events {name} {recording} failed")
    out.sort(key=lambda v: v["_t"])
    return out


def thread(v, key="eventThread"):
    t = v.get(key) or {}
    return t.get("javaName") or t.get("osName") or "?"


def pattern(name):
    """'http-nio-8080-exec-12' -> 'http-nio-#-exec-#': threads of one pool together."""
    return re.sub(r"\d+", "#", name)


def klass(v, key):
    c = v.get(key) or {}
    return (c.get("name") or "?").replace("/", ".")


def between(evs, start, end):
    keys = [v["_t"] for v in evs]
    return evs[bisect.bisect_left(keys, start):bisect.bisect_left(keys, end)]


def utc(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%H:%M:%S.%f")[:-3]


def main():
    args = sys.argv[1:]
    skip = 0
    if "--skip" in args:
        i = args.index("--skip")
        skip = int(args[i + 1])
        del args[i:i + 2]
    recording, latency = args[0], args[1]
    slowest = int(args[2]) if len(args) > 2 else 5
    with open(latency) as f:
        rows = list(csv.DictReader(f))
    seconds_file = latency[:-4] + "-seconds.csv"
    seconds = []
    if os.path.exists(seconds_file):
        with open(seconds_file) as f:
            seconds = [r for r in csv.DictReader(f) if int(r["count"]) > 0 and int(r["second"]) >= skip]

    gc = events(recording, "jdk.GarbageCollection")
    sp = events(recording, "jdk.SafepointBegin")
    ops = events(recording, "jdk.ExecuteVMOperation")
    mon = events(recording, "jdk.JavaMonitorEnter")
    # parks: the ones that are not a wait for work, and in the slowest seconds' windows all of them
    windows = [(epoch(r["start_utc"]) - 1.0, epoch(r["start_utc"]) + 1.0 + float(r["max_ms"]) / 1000)
               for r in sorted(seconds, key=lambda r: -float(r["max_ms"]))[:slowest]]
    park = events(recording, "jdk.ThreadPark",
                  lambda v: busy(v) or any(a <= epoch(v["startTime"]) < b for a, b in windows))
    stats = events(recording, "jdk.CompilerStatistics")
    comp = events(recording, "jdk.Compilation")
    cpu = events(recording, "jdk.CPULoad")
    tcpu = events(recording, "jdk.ThreadCPULoad")

    def in_windows(v):
        return any(a <= epoch(v["startTime"]) < b for a, b in windows)

    samples_cpu = events(recording, "jdk.ExecutionSample", in_windows)
    allocs = events(recording, "jdk.ObjectAllocationSample", in_windows)
    print(f"{recording}: {len(gc)} GCs, {len(sp)} safepoints, {len(mon)} monitor waits > 10 ms, {len(park)} parks > 10 ms, "
          f"{len(comp)} compilations > 100 ms")

    def compiled(start, end):
        before = [s for s in stats if s["_t"] <= start] or stats[:1]
        upto = [s for s in stats if s["_t"] <= end] or stats[:1]
        if not before or not upto:
            return 0, 0.0
        a, b = before[-1], upto[-1]
        return b["compileCount"] - a["compileCount"], millis(b["totalTimeSpent"]) - millis(a["totalTimeSpent"])

    def load(start, end):
        c = between(cpu, start, end)
        if not c:
            return float("nan"), float("nan")
        return (100 * sum(x["machineTotal"] for x in c) / len(c),
                100 * sum(x["jvmUser"] + x["jvmSystem"] for x in c) / len(c))

    print("\nper interval of the run (by due time; events that began in it):\n")
    print("| due in s | p99 ms | max ms | GCs | GC pause total ms | longest pause ms | safepoints | at safepoint ms "
          "| longest VM op ms | monitor waits > 10 ms | parks > 10 ms (non-idle) | JIT compilations | JIT ms "
          "| machine CPU % | service CPU % |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        start = epoch(r["start_utc"])
        end = start + int(r["to_s"]) - int(r["from_s"])
        g = between(gc, start, end)
        s = between(sp, start, end)
        o = [x for x in between(ops, start, end) if x.get("safepoint")]
        longest_op = max(o, key=lambda x: x["_ms"], default=None)
        m = between(mon, start, end)
        p = [x for x in between(park, start, end) if busy(x)]
        n, jit = compiled(start, end)
        machine, jvm = load(start, end)
        print(f"| {r['from_s']}–{r['to_s']} | {float(r['p99_ms']):.1f} | {float(r['max_ms']):.1f} | {len(g)} "
              f"| {sum(millis(x['sumOfPauses']) for x in g):.1f} | {max((millis(x['longestPause']) for x in g), default=0):.1f} "
              f"| {len(s)} | {sum(x['_ms'] for x in o):.1f} "
              f"| {'' if not longest_op else '%.1f %s' % (longest_op['_ms'], longest_op['operation'])} "
              f"| {len(m)} | {len(p)} | {n} | {jit:.0f} | {machine:.0f} | {jvm:.0f} |")

    if not seconds:
        return
    seconds.sort(key=lambda r: -float(r["max_ms"]))
    for r in seconds[:slowest]:
        t0 = epoch(r["start_utc"])
        start, end = t0 - 1.0, t0 + 1.0 + float(r["max_ms"]) / 1000
        print(f"\n### second {r['second']} (due from {utc(t0)} UTC, uptime {r['service_uptime_s']} s): slowest answer "
              f"{float(r['max_ms']):.1f} ms; events {utc(start)}–{utc(end)}\n")
        for x in between(gc, start, end):
            print(f"  GC        {utc(x['_t'])}  {x['name']} ({x['cause']}): pauses {millis(x['sumOfPauses']):.1f} ms, "
                  f"longest {millis(x['longestPause']):.1f} ms, whole {x['_ms']:.1f} ms")
        for x in between(ops, start, end):
            if x["_ms"] >= 5:
                print(f"  VM op     {utc(x['_t'])}  {x['operation']} {x['_ms']:.1f} ms (safepoint {x['safepoint']}, "
                      f"asked by {thread(x, 'caller')})")
        for x in between(sp, start, end):
            if x["_ms"] >= 5:
                print(f"  safepoint {utc(x['_t'])}  {x['_ms']:.1f} ms to reach it ({x['totalThreadCount']} threads)")
        for x in between(mon, start, end):
            print(f"  monitor   {utc(x['_t'])}  {thread(x)} waited {x['_ms']:.1f} ms for {klass(x, 'monitorClass')} "
                  f"(held by {thread(x, 'previousOwner')})")
        groups = collections.defaultdict(list)
        for x in between(park, start, end):
            groups[(pattern(thread(x)), klass(x, "parkedClass"))].append(x["_ms"])
        for (who, what), d in sorted(groups.items(), key=lambda kv: -max(kv[1]))[:10]:
            print(f"  parked    {who} on {what}: {len(d)} times, longest {max(d):.1f} ms{'' if busy_class(what) else ' (a wait for work)'}")
        for x in between(comp, start, end):
            print(f"  compiled  {utc(x['_t'])}  {method(x)} level {x.get('compileLevel')} {x['_ms']:.0f} ms")
        n, jit = compiled(start, end)
        machine, jvm = load(start, end)
        print(f"  JIT       {n} compilations, {jit:.0f} ms of compiler time in the window")
        print(f"  CPU       machine {machine:.0f} %, service {jvm:.0f} % (jdk.CPULoad, both cores = 100 %)")
        cpu_by = collections.Counter(pattern(thread(x, "sampledThread")) for x in between(samples_cpu, start, end))
        if cpu_by:
            total = sum(cpu_by.values())
            print("  sampled   " + ", ".join(f"{k} {100 * v / total:.0f} %" for k, v in cpu_by.most_common(8))
                  + f" of {total} CPU samples")
            frames = collections.Counter(top_frame(x) for x in between(samples_cpu, start, end))
            print("  top       " + "; ".join(f"{k} {v}" for k, v in frames.most_common(6)))
        alloc_by = collections.Counter()
        alloc_class = collections.Counter()
        for x in between(allocs, start, end):
            alloc_by[pattern(thread(x))] += amount(x.get("weight"))
            alloc_class[klass(x, "objectClass")] += amount(x.get("weight"))
        if alloc_by:
            mib = sum(alloc_by.values()) / (1 << 20)
            print(f"  allocated ~{mib:.0f} MiB (sampled weight): " + ", ".join(f"{k} {v / (1 << 20):.0f}" for k, v in alloc_by.most_common(6))
                  + "; by class: " + ", ".join(f"{k} {v / (1 << 20):.0f}" for k, v in alloc_class.most_common(6)))
        # each thread's mean over its samples within 10 s, summed per pool
        samples = collections.defaultdict(list)
        for x in between(tcpu, t0 - 10, t0 + 10):
            samples[thread(x)].append(x["user"] + x["system"])
        per = collections.Counter()
        for name, loads in samples.items():
            per[pattern(name)] += sum(loads) / len(loads)
        if per:
            top = ", ".join(f"{k} {100 * v:.0f} %" for k, v in per.most_common(6))
            print(f"  threads   (jdk.ThreadCPULoad within 10 s, per pool, JFR's share of the machine) {top}")


def amount(value):
    """Bytes, whether jfr wrote a number or a text such as '1.2 MB'."""
    if isinstance(value, (int, float)):
        return value
    m = re.match(r"([\d.]+)\s*(bytes|kB|MB|GB)?", str(value or "0"))
    return float(m.group(1)) * {"kB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}.get(m.group(2), 1) if m else 0


def top_frame(x):
    frames = (x.get("stackTrace") or {}).get("frames") or []
    return method(frames[0]) if frames else "?"


def method(x):
    m = x.get("method") or {}
    return (((m.get("type") or {}).get("name") or "?") + "." + (m.get("name") or "?")).replace("/", ".")


# parks that are a thread waiting for work (a pool's idle worker, a scheduler's timer), not one held up in its work
IDLE = ("SynchronousQueue", "LinkedBlockingQueue", "LinkedTransferQueue", "ScheduledThreadPoolExecutor", "ArrayBlockingQueue",
        "ForkJoinPool", "DelayedWorkQueue", "ConditionObject")


def busy(v):
    return busy_class(klass(v, "parkedClass"))


def busy_class(c):
    return not any(i in c for i in IDLE)


if __name__ == "__main__":
    main()
