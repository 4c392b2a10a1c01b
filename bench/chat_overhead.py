#!/usr/bin/env python3
"""Chat overhead: the app's /api/chat and /v1/chat/completions vs calling the same fake model
(50 ms fixed latency) directly, at concurrency 1, 16 and 64; RSS of the app at 64.

  python3 bench/chat_overhead.py [--requests 200] [--levels 1,16,64]
Bounded: each level sends --requests requests per target; everything stops at the end.
The index is empty, so no question is embedded: this is the chat service's own cost
(HTTP, JSON, LangChain4j client, limits, metrics, conversation file for /api/chat).
Per target it also prints the app's CPU time per request (user + system of the JVM), which says
whether a level is CPU-bound on this machine.
"""
import argparse
import os
import threading
import time

import harness

MODEL_PORT, APP_PORT = 18101, 18102


def run(port, path, body, n, concurrency):
    latencies, errors = [], []
    lock = threading.Lock()
    per_worker = max(1, n // concurrency)

    def worker():
        client = harness.Client(port)
        for _ in range(per_worker):
            t0 = time.monotonic()
            status, _ = client.post(path, body)
            dt = time.monotonic() - t0
            with lock:
                (latencies if status == 200 else errors).append(dt)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return latencies, errors


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--requests", type=int, default=256)
    p.add_argument("--levels", default="1,16,64")
    a = p.parse_args()
    fake = harness.start_fake(MODEL_PORT, latency_ms=50)
    app, data, _ = harness.start_app(APP_PORT, MODEL_PORT)
    pid = None
    summary = [f"load={os.getloadavg()[0]:.1f}"]
    try:
        harness.wait_ready(APP_PORT)
        pid = harness.java_pid(app)
        completion = {"model": "fake", "messages": [{"role": "user", "content": "hi"}]}
        targets = [
            ("direct", MODEL_PORT, "/v1/chat/completions", completion),
            ("/api/chat", APP_PORT, "/api/chat", {"message": "hi"}),
            ("/v1/chat/completions", APP_PORT, "/v1/chat/completions", completion),
        ]
        for _, port, path, body in targets[1:]:  # warm up the JIT (C2) and connections
            run(port, path, body, 1600, 16)
        for c in [int(x) for x in a.levels.split(",")]:
            base = None
            rss = []
            sampler_stop = threading.Event()

            def sample():
                while not sampler_stop.is_set():
                    rss.append(harness.rss_mib(pid))
                    time.sleep(0.2)

            sampler = threading.Thread(target=sample)
            sampler.start()
            for name, port, path, body in targets:
                cpu0 = harness.cpu_seconds(pid)
                lat, err = run(port, path, body, a.requests, c)
                cpu_ms = (harness.cpu_seconds(pid) - cpu0) * 1000 / max(1, len(lat) + len(err))
                p50, p99 = harness.pct(lat, 50) * 1000, harness.pct(lat, 99) * 1000
                if base is None:
                    base = (p50, p99)
                    print(f"c={c:<3} {name:<22} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  errors {len(err)}", flush=True)
                else:
                    o50, o99 = p50 - base[0], p99 - base[1]
                    print(f"c={c:<3} {name:<22} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  overhead p50 {o50:+7.2f} ms p99 {o99:+7.2f} ms  app CPU {cpu_ms:.2f} ms/request  errors {len(err)}", flush=True)
                    summary.append(f"{name}@{c}:p50{o50:+.1f}/p99{o99:+.1f}ms/cpu{cpu_ms:.2f}ms")
            sampler_stop.set()
            sampler.join()
            print(f"c={c:<3} app RSS max {max(rss):.0f} MiB", flush=True)
            summary.append(f"rss@{c}:{max(rss):.0f}MiB")
    finally:
        harness.stop(app, fake)
        harness.cleanup(data)
    print("SUMMARY chat_overhead " + " ".join(summary), flush=True)


if __name__ == "__main__":
    main()
