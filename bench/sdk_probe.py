#!/usr/bin/env python3
"""What an OpenAI SDK user sees: first-token time, concurrent streams, /v1 compatibility.

Needs the `openai` package (see .ci/run) and an app started against bench/fake_model.py.
  python3 bench/sdk_probe.py --base http://127.0.0.1:8080 [--api-key KEY]
Prints one line per check and a final summary line.
"""
import argparse
import json
import threading
import time
import urllib.request

import openai


def timed_stream(client, results, i):
    t0 = time.monotonic()
    first = None
    for chunk in client.chat.completions.create(
            model="chatbot", stream=True, messages=[{"role": "user", "content": "hi"}]):
        if chunk.choices and chunk.choices[0].delta.content and first is None:
            first = time.monotonic() - t0
    results[i] = (first, time.monotonic() - t0)


def check(name, fn):
    try:
        out = fn()
    except Exception as e:  # noqa: BLE001 - a probe reports, it does not fail
        out = f"{type(e).__name__}: {str(e)[:160]}"
    print(f"{name}: {out}", flush=True)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="http://127.0.0.1:8080")
    p.add_argument("--api-key", default="none")
    p.add_argument("--concurrency", default="16,32")
    a = p.parse_args()
    client = openai.OpenAI(base_url=a.base + "/v1", api_key=a.api_key, max_retries=0, timeout=120)

    res = {}
    timed_stream(client, res, 0)
    first, total = res[0]
    print(f"single stream: first token {first:.2f} s, last {total:.2f} s", flush=True)

    for n in [int(x) for x in a.concurrency.split(",")]:
        res = {}
        t0 = time.monotonic()
        threads = [threading.Thread(target=timed_stream, args=(client, res, i)) for i in range(n)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        firsts = sorted(r[0] or 99 for r in res.values())
        print(f"{n} concurrent streams: wall {time.monotonic() - t0:.2f} s, first token min {firsts[0]:.2f} s max {firsts[-1]:.2f} s", flush=True)

    check("models.list()", lambda: [m.id for m in client.models.list()])

    def bad():
        try:
            client.chat.completions.create(model="chatbot", messages=[{"role": "assistant", "content": "x"}])
        except openai.APIStatusError as e:
            return f"{e.status_code} body={json.dumps(e.body)[:200]}"
    check("error envelope", bad)
    check("content-part array", lambda: client.chat.completions.create(
        model="chatbot", messages=[{"role": "user", "content": [{"type": "text", "text": "hi"}]}]).choices[0].finish_reason)

    def usage_chunk():
        chunks = list(client.chat.completions.create(
            model="chatbot", stream=True, stream_options={"include_usage": True},
            messages=[{"role": "user", "content": "hi"}]))
        return [c.usage.model_dump() for c in chunks if c.usage] or "no usage chunk"
    check("stream_options.include_usage", usage_chunk)
    check("plain usage", lambda: client.chat.completions.create(
        model="chatbot", messages=[{"role": "user", "content": "hi"}]).usage)

    def bearer():
        req = urllib.request.Request(a.base + "/v1/models", headers={"Authorization": "Bearer " + a.api_key})
        try:
            return urllib.request.urlopen(req).status
        except urllib.error.HTTPError as e:
            return e.code
    check("GET /v1/models with Bearer", bearer)
    print(f"SUMMARY first_token_s={first:.2f} last_token_s={total:.2f}", flush=True)


if __name__ == "__main__":
    main()
