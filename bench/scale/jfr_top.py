#!/usr/bin/env python3
"""Where the operator's CPU went: JFR execution samples (`jfr print --json --events
jdk.ExecutionSample`) aggregated by top frame, by the first dev.chatbot / io.javaoperatorsdk frame,
and by a few subsystems (JSON, YAML, TLS, HTTP client, GC is not sampled here). Prints tables.

  python3 bench/scale/jfr_top.py <recording.jfr> [--top 25]
"""

import argparse
import collections
import json
import subprocess

SUBSYSTEMS = [
    ("JSON (Jackson)", "com.fasterxml.jackson"),
    ("YAML (SnakeYAML)", "org.yaml.snakeyaml"),
    ("TLS", "sun.security.ssl"),
    ("crypto", "sun.security"),
    ("HTTP client (JDK/vert.x/okhttp)", ("jdk.internal.net.http", "io.vertx", "okhttp3", "io.netty")),
    ("fabric8 client", "io.fabric8.kubernetes.client"),
    ("fabric8 model", "io.fabric8.kubernetes.api"),
    ("JOSDK", "io.javaoperatorsdk"),
    ("operator code", "dev.chatbot"),
    ("logging", ("ch.qos.logback", "org.slf4j", "net.logstash")),
]


def frame_name(f):
    m = f["method"]
    return f"{m['type']['name']}.{m['name']}".replace("/", ".")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          args.recording], capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    top = collections.Counter()
    ours = collections.Counter()
    subsystems = collections.Counter()
    threads = collections.Counter()
    inclusive = collections.Counter()
    for e in events:
        frames = [frame_name(f) for f in e["values"]["stackTrace"]["frames"]]
        if not frames:
            continue
        top[frames[0]] += 1
        thread = e["values"]["sampledThread"]["javaName"] or "?"
        threads["".join(c for c in thread if not c.isdigit()).strip(" -#")] += 1
        for f in set(frames):
            if f.startswith(("dev.chatbot", "io.javaoperatorsdk", "io.fabric8")) and "$$Lambda" not in f and ".lambda$" not in f:
                inclusive[f] += 1
        first = next((f for f in frames if f.startswith("dev.chatbot") and "$$Lambda" not in f), None)
        ours[first or "(no dev.chatbot frame)"] += 1
        seen = set()
        for label, prefix in SUBSYSTEMS:
            if label not in seen and any(f.startswith(prefix) for f in frames):
                subsystems[label] += 1
                seen.add(label)
    total = len(events)
    print(f"{total} execution samples")
    for title, counter in [("threads", threads), ("subsystems on the stack (inclusive)", subsystems),
                           ("top frame", top), ("innermost dev.chatbot frame", ours),
                           ("operator, JOSDK and fabric8 methods (inclusive)", inclusive)]:
        print(f"\n## {title}")
        for name, c in counter.most_common(args.top):
            print(f"{100 * c / total:5.1f}%  {c:6d}  {name}")


if __name__ == "__main__":
    main()
