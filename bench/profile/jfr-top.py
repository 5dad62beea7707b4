#!/usr/bin/env python3
"""Summarise a JFR recording's CPU samples by top frames.

Usage: bench/profile/jfr-top.py RECORDING.jfr [N] [--thread SUBSTRING] [--filter PACKAGE_PREFIX]

Prints three tables from `jfr print --json --stack-depth 64 --events jdk.ExecutionSample`:
  self   - the frame on top of the stack (where the CPU was),
  total  - every method on the stack (inclusive time, counted once per sample),
  first  - the first frame whose class starts with --filter (default dev.handoff.), i.e. which of our
           methods the time was spent under.
"""
import collections
import json
import subprocess
import sys


def frame_name(frame):
    method = frame["method"]
    return (method["type"]["name"] + "." + method["name"]).replace("/", ".")


def main():
    args = [a for a in sys.argv[1:]]
    thread = None
    prefix = "dev.handoff."
    if "--thread" in args:
        i = args.index("--thread")
        thread = args[i + 1]
        del args[i:i + 2]
    if "--filter" in args:
        i = args.index("--filter")
        prefix = args[i + 1]
        del args[i:i + 2]
    recording = args[0]
    top = int(args[1]) if len(args) > 1 else 20
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    self_counts = collections.Counter()
    total_counts = collections.Counter()
    first_counts = collections.Counter()
    n = 0
    for event in events:
        values = event["values"]
        name = (values.get("sampledThread") or {}).get("javaName") or ""
        if thread and thread not in name:
            continue
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        n += 1
        names = [frame_name(f) for f in frames]
        self_counts[names[0]] += 1
        for m in set(names):
            total_counts[m] += 1
        ours = next((m for m in names if m.startswith(prefix)), "(none of " + prefix + ")")
        first_counts[ours] += 1
    print(f"{n} samples" + (f" on threads matching '{thread}'" if thread else ""))
    for title, counts in (("self (top frame)", self_counts), ("total (on the stack)", total_counts),
                          (f"first {prefix} frame", first_counts)):
        print(f"\n{title}:")
        for method, count in counts.most_common(top):
            print(f"  {100.0 * count / max(n, 1):5.1f}%  {count:6d}  {method}")


if __name__ == "__main__":
    main()
