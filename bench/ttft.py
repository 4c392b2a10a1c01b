#!/usr/bin/env python3
"""Time to first token through the app vs the fake model's own (20 tokens, 50 ms apart).

  python3 bench/ttft.py [--samples 30]
Sequential streams; p50/p99 of the first token line for the fake model directly, for
/api/chat/stream and /v1/chat/completions (stream: true). Goal: app <= model + 20 ms.
"""
import argparse

import harness

MODEL_PORT, APP_PORT = 18111, 18112


def sample(port, path, body, n):
    firsts = []
    for _ in range(n):
        first, _ = harness.Client(port).stream_first_byte(path, body)
        firsts.append(first * 1000)
    return harness.pct(firsts, 50), harness.pct(firsts, 99)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--samples", type=int, default=30)
    a = p.parse_args()
    fake = harness.start_fake(MODEL_PORT, tokens=20, token_ms=50)
    app, data, _ = harness.start_app(APP_PORT, MODEL_PORT)
    out = []
    try:
        harness.wait_ready(APP_PORT)
        completion = {"model": "fake", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
        targets = [
            ("direct", MODEL_PORT, "/v1/chat/completions", completion),
            ("/api/chat/stream", APP_PORT, "/api/chat/stream", {"message": "hi"}),
            ("/v1/chat/completions", APP_PORT, "/v1/chat/completions", completion),
        ]
        for _, port, path, body in targets[1:]:
            sample(port, path, body, 10)  # warm-up
        base = None
        for name, port, path, body in targets:
            p50, p99 = sample(port, path, body, a.samples)
            extra = "" if base is None else f"  vs model p50 {p50 - base:+.1f} ms"
            base = p50 if base is None else base
            print(f"{name:<22} first token p50 {p50:6.1f} ms  p99 {p99:6.1f} ms{extra}", flush=True)
            out.append(f"{name}:p50={p50:.1f}ms")
    finally:
        harness.stop(app, fake)
        harness.cleanup(data)
    print("SUMMARY ttft " + " ".join(out), flush=True)


if __name__ == "__main__":
    main()
