#!/usr/bin/env python3
"""One thread's allocation and CPU samples per 30 s of a run, from its JFR recording: for a periodic job (the
review-trigger watch, `handoff-triggers`) whose cost may grow with the data.

Usage: bench/profile/jfr-thread.py RECORDING.jfr THREAD-NAME FIRST-DUE-UTC [SECONDS]

FIRST-DUE-UTC: the run's time zero (the start_utc of the first row of soak-latency.csv); SECONDS: bucket (30).
Reads jdk.ObjectAllocationSample (sampled weight) and jdk.ExecutionSample with `jfr print --json`, through
jfr-timeline.py's reader.
"""
import collections
import importlib.util
import os
import sys

spec = importlib.util.spec_from_file_location("timeline", os.path.join(os.path.dirname(__file__), "jfr-timeline.py"))
t = importlib.util.module_from_spec(spec)
spec.loader.exec_module(t)


def main():
    recording, name, first = sys.argv[1], sys.argv[2], t.epoch(sys.argv[3])
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    allocations = t.events(recording, "jdk.ObjectAllocationSample", lambda v: (v.get("eventThread") or {}).get("javaName") == name)
    samples = t.events(recording, "jdk.ExecutionSample", lambda v: (v.get("sampledThread") or {}).get("javaName") == name)
    per = collections.defaultdict(lambda: [0, 0, None, None])
    for x in allocations:
        per[int((x["_t"] - first) // size) * size][0] += t.amount(x.get("weight"))
    for x in samples:
        b = per[int((x["_t"] - first) // size) * size]
        b[1] += 1
        b[2] = x["_t"] if b[2] is None else min(b[2], x["_t"])
        b[3] = x["_t"] if b[3] is None else max(b[3], x["_t"])
    print(f"| {size} s from (s into the run) | {name} allocated MiB (sampled weight) | its CPU samples | first–last sample (s into the run) |")
    print("|---:|---:|---:|---|")
    for k in sorted(per):
        w, n, f, l = per[k]
        print(f"| {k} | {w / (1 << 20):.0f} | {n} | {'' if f is None else '%.1f–%.1f' % (f - first, l - first)} |")


if __name__ == "__main__":
    main()
