#!/usr/bin/env python3
"""256 concurrent open streams (each 40 tokens x 250 ms = 10 s) through the app: all get their
first token while all are open, and the app's RSS stays within a 1 GiB container limit.

  python3 bench/open_streams.py [--streams 256]
The JVM runs with the image's flags as under a 1 GiB limit (harness.image_jvm_flags).
"""
import argparse
import threading
import time

import harness

MODEL_PORT, APP_PORT = 18121, 18122


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--streams", type=int, default=256)
    a = p.parse_args()
    fake = harness.start_fake(MODEL_PORT, tokens=40, token_ms=250)
    app, data, _ = harness.start_app(APP_PORT, MODEL_PORT)
    results, rss = {}, []
    try:
        harness.wait_ready(APP_PORT)
        pid = harness.java_pid(app)
        body = {"model": "fake", "stream": True, "messages": [{"role": "user", "content": "hi"}]}

        def one(i):
            try:
                results[i] = harness.Client(APP_PORT).stream_first_byte("/v1/chat/completions", body)
            except Exception as e:  # noqa: BLE001 - counted as a failed stream
                results[i] = (None, str(e))

        t0 = time.monotonic()
        threads = [threading.Thread(target=one, args=(i,)) for i in range(a.streams)]
        [t.start() for t in threads]
        while any(t.is_alive() for t in threads) and time.monotonic() - t0 < 120:
            rss.append(harness.rss_mib(pid))
            time.sleep(0.25)
        [t.join(5) for t in threads]
        wall = time.monotonic() - t0
        firsts = sorted(r[0] for r in results.values() if r[0] is not None)
        failed = a.streams - len(firsts)
        print(f"{a.streams} streams: wall {wall:.1f} s, failed {failed}, first token p50 "
              f"{harness.pct(firsts, 50):.2f} s max {firsts[-1] if firsts else float('nan'):.2f} s, "
              f"RSS max {max(rss):.0f} MiB", flush=True)
    finally:
        harness.stop(app, fake)
        harness.cleanup(data)
    print(f"SUMMARY open_streams streams={a.streams} failed={failed} wall_s={wall:.1f} "
          f"first_token_max_s={firsts[-1]:.2f} rss_max_mib={max(rss):.0f}", flush=True)


if __name__ == "__main__":
    main()
