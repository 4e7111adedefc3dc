#!/usr/bin/env python3
"""Compares two async-profiler collapsed-stack files (SDK and raw side of one benchmark).

Usage: collapsed_diff.py SDK.collapsed RAW.collapsed [--thread SUBSTRING] [--top N] [--calls-sdk N --calls-raw N]

Each line of a collapsed file is "frame;frame;...;frame COUNT" (samples, or bytes with event=alloc). With
--thread only stacks whose first frame (async-profiler's "threads" option puts the thread there) contains the
substring are counted. Prints, for each side, its total and its top frames by inclusive share (a frame counts
once per stack however often it recurs), then the frames whose inclusive count grew most from raw to SDK.
When --calls-sdk/--calls-raw are given (operations measured while profiling, e.g. from JMH's score), counts are
also shown per call, which is the only fair comparison when the two sides ran a different number of calls.
"""
import argparse
import collections
import re
import sys


def load(path, thread):
    total = 0
    owners = collections.Counter()
    inclusive = collections.Counter()
    self_counts = collections.Counter()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            stack, _, count = line.rpartition(" ")
            try:
                n = int(count)
            except ValueError:
                continue
            frames = stack.split(";")
            if thread is not None:
                if not frames or thread not in frames[0]:
                    continue
            total += n
            seen = set()
            for fr in frames:
                name = simplify(fr)
                if name not in seen:
                    seen.add(name)
                    inclusive[name] += n
            self_counts[simplify(frames[-1])] += n
            owners[owner(frames)] += n
    return total, inclusive, self_counts, owners


def simplify(frame):
    # async-profiler suffixes: _[j] JIT, _[i] inlined, _[k] kernel, _[0] interpreted, _[1] C1; lambdas' names
    # carry an address that differs between JVMs
    frame = re.sub(r"_\[[a-z0-9]\]$", "", frame)
    return re.sub(r"\$\$Lambda\$[0-9]+(\.0x[0-9a-f]+)?", "$$Lambda", frame)


def owner(frames):
    """The code a sample is charged to: the package (3 levels) of the deepest Java frame, or the JVM's own."""
    for fr in reversed(frames):
        name = simplify(fr)
        if "/" in name and "." in name and not name.startswith("["):
            parts = name.split("/")
            return "/".join(parts[:3]) if len(parts) > 3 else "/".join(parts[:-1])
    return "(JVM, GC, kernel with no Java frame)"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("sdk")
    p.add_argument("raw")
    p.add_argument("--thread")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--calls-sdk", type=float)
    p.add_argument("--calls-raw", type=float)
    a = p.parse_args()
    st, si, ss, so = load(a.sdk, a.thread)
    rt, ri, rs, ro = load(a.raw, a.thread)
    if st == 0 or rt == 0:
        print("no samples (check --thread)", file=sys.stderr)
        return 1
    per_sdk = a.calls_sdk or 1.0
    per_raw = a.calls_raw or 1.0
    unit = "per call" if a.calls_sdk and a.calls_raw else "total"
    print(f"sdk total {st} ({st / per_sdk:.1f} {unit}), raw total {rt} ({rt / per_raw:.1f} {unit}), "
          f"ratio {(st / per_sdk) / (rt / per_raw):.3f}")
    for label, tot, inc, slf in (("sdk", st, si, ss), ("raw", rt, ri, rs)):
        print(f"\n== {label}: top self frames")
        for name, n in slf.most_common(a.top):
            print(f"  {100.0 * n / tot:6.2f}%  {name}")
    print("\n== by package of the deepest Java frame: sdk, raw, difference (per call when calls are given)")
    rows = sorted(((so.get(k, 0) / per_sdk - ro.get(k, 0) / per_raw, k) for k in set(so) | set(ro)), reverse=True)
    for d, k in rows:
        s_, r_ = so.get(k, 0) / per_sdk, ro.get(k, 0) / per_raw
        if max(s_, r_) * per_sdk >= 0.005 * st:
            print(f"  sdk {s_:9.4f}  raw {r_:9.4f}  diff {d:+9.4f} ({100.0 * d / (st / per_sdk):+6.1f}% of sdk)  {k}")
    print("\n== inclusive growth, sdk minus raw (share of the sdk total; per call when calls are given)")
    rows = []
    for name in set(si) | set(ri):
        s = si.get(name, 0) / per_sdk
        r = ri.get(name, 0) / per_raw
        rows.append((s - r, s, r, name))
    rows.sort(reverse=True)
    sdk_total = st / per_sdk
    for d, s, r, name in rows[: a.top]:
        print(f"  {100.0 * d / sdk_total:+7.2f}%  sdk {100.0 * s / sdk_total:6.2f}%  raw {100.0 * r / sdk_total:6.2f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
