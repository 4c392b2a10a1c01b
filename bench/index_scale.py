#!/usr/bin/env python3
"""Cold start to ready with 0, 1k and 10k chunks indexed, and retrieval latency at 1k and 10k.

  python3 bench/index_scale.py [--sizes 0,1000,10000] [--queries 50]
The index files are synthesized (random unit vectors in the app's own file format and embedding
model id, learned from one real upload first), 1000 chunks per document, so the run takes
seconds instead of embedding 10k chunks. Retrieval latency is the app's own
chatbot_retrieval_seconds (question embedding + search), read from /actuator/prometheus.
"""
import argparse
import base64
import json
import os
import random
import struct
import tempfile
import time
import urllib.request
import uuid

import harness

MODEL_PORT, APP_PORT = 18131, 18132
CHUNKS_PER_DOC = 1000


def learn_format():
    data = tempfile.mkdtemp(prefix="chatbot-bench-")
    app, _, _ = harness.start_app(APP_PORT, MODEL_PORT, data_dir=data)
    try:
        harness.wait_ready(APP_PORT)
        boundary = "b" + uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n"
                f"Content-Type: text/markdown\r\n\r\nThe Danube flows through ten countries.\r\n--{boundary}--\r\n").encode()
        req = urllib.request.Request(f"http://127.0.0.1:{APP_PORT}/api/documents", body,
                                     {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        doc = json.load(urllib.request.urlopen(req))
        with open(os.path.join(data, "uploads", ".state", "index", doc["id"] + ".json")) as f:
            index = json.load(f)
        with open(os.path.join(data, "uploads", doc["id"] + ".meta.json")) as f:
            meta = json.load(f)
        return index["embeddingModel"], index["dimension"], meta
    finally:
        harness.stop(app)
        harness.cleanup(data)


def synthesize(data, chunks, model, dim, meta_template):
    uploads = os.path.join(data, "uploads")
    os.makedirs(os.path.join(uploads, ".state", "index"), exist_ok=True)
    rnd = random.Random(42)
    for d in range(chunks // CHUNKS_PER_DOC):
        doc_id = str(uuid.uuid4())
        stored = []
        for c in range(CHUNKS_PER_DOC):
            v = [rnd.gauss(0, 1) for _ in range(dim)]
            n = sum(x * x for x in v) ** 0.5
            vec = base64.b64encode(struct.pack(f">{dim}f", *(x / n for x in v))).decode()
            stored.append({"text": f"synthetic passage {d}-{c} about topic {rnd.randint(0, 999)}", "vector": vec})
        with open(os.path.join(uploads, ".state", "index", doc_id + ".json"), "w") as f:
            json.dump({"embeddingModel": model, "dimension": dim, "chunks": stored}, f)
        with open(os.path.join(uploads, doc_id + ".md"), "w") as f:
            f.write("synthetic\n")
        meta = dict(meta_template, id=doc_id, name=f"doc{d}.md", chunks=CHUNKS_PER_DOC)
        with open(os.path.join(uploads, doc_id + ".meta.json"), "w") as f:
            json.dump(meta, f)


def retrieval_stats(port):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus").read().decode()
    values = {}
    for line in text.splitlines():
        for name in ("chatbot_retrieval_seconds_sum", "chatbot_retrieval_seconds_count"):
            if line.startswith(name):
                values[name] = float(line.rsplit(" ", 1)[1])
    return values.get("chatbot_retrieval_seconds_sum", 0), values.get("chatbot_retrieval_seconds_count", 0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="0,1000,10000")
    p.add_argument("--queries", type=int, default=50)
    a = p.parse_args()
    fake = harness.start_fake(MODEL_PORT, latency_ms=1)
    out = []
    try:
        model, dim, meta = learn_format()
        for size in [int(x) for x in a.sizes.split(",")]:
            data = tempfile.mkdtemp(prefix="chatbot-bench-")
            synthesize(data, size, model, dim, meta)
            app, _, t0 = harness.start_app(APP_PORT, MODEL_PORT, data_dir=data)
            try:
                ready = harness.wait_ready(APP_PORT, 300) - t0
                line = f"{size:>6} chunks: cold start to ready {ready:5.1f} s"
                out.append(f"ready@{size}={ready:.1f}s")
                if size:
                    client = harness.Client(APP_PORT)
                    for i in range(10):  # warm-up
                        client.post("/v1/chat/completions", {"messages": [{"role": "user", "content": f"warm {i}"}]})
                    s0, c0 = retrieval_stats(APP_PORT)
                    for i in range(a.queries):
                        client.post("/v1/chat/completions", {"messages": [{"role": "user", "content": f"question number {i} about topic {i * 7}"}]})
                    s1, c1 = retrieval_stats(APP_PORT)
                    mean = (s1 - s0) / max(1, c1 - c0) * 1000
                    line += f", retrieval mean {mean:.1f} ms over {int(c1 - c0)} queries"
                    out.append(f"retrieval@{size}={mean:.1f}ms")
                print(line, flush=True)
            finally:
                harness.stop(app)
                harness.cleanup(data)
    finally:
        harness.stop(fake)
    print("SUMMARY index_scale " + " ".join(out), flush=True)


if __name__ == "__main__":
    main()
