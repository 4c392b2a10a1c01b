#!/usr/bin/env python3
"""A fake OpenAI-compatible model on loopback, for benchmarks and measurements.

POST /v1/chat/completions answers after --latency-ms (plain) or streams --tokens tokens, one every
--token-ms (stream: true), with usage in the last chunk when stream_options.include_usage is set.
GET /v1/models lists one model. Stops by itself after --max-seconds.

  python3 bench/fake_model.py --port 18000 --tokens 20 --token-ms 250
"""
import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=18000)
    p.add_argument("--tokens", type=int, default=20)
    p.add_argument("--token-ms", type=float, default=250)
    p.add_argument("--latency-ms", type=float, default=50)
    p.add_argument("--max-seconds", type=float, default=1800)
    a = p.parse_args()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body are separate writes: without this, Nagle + delayed ACK add 40 ms.
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def _json(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path.rstrip("/").endswith("/models"):
                self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model", "created": 0, "owned_by": "bench"}]})
            else:
                self._json(404, {"error": {"message": "not found", "type": "invalid_request_error", "param": None, "code": None}})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            req = json.loads(self.rfile.read(length) or b"{}")
            base = {"id": "fake-1", "created": int(time.time()), "model": req.get("model", "fake")}
            usage = {"prompt_tokens": 10, "completion_tokens": a.tokens, "total_tokens": 10 + a.tokens}
            if not req.get("stream"):
                time.sleep(a.latency_ms / 1000)
                text = " ".join(f"t{i}" for i in range(a.tokens))
                self._json(200, dict(base, object="chat.completion", usage=usage, choices=[
                    {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}]))
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for i in range(a.tokens):
                    time.sleep(a.token_ms / 1000)
                    self._event(dict(base, object="chat.completion.chunk", choices=[
                        {"index": 0, "delta": {"content": f"t{i} "}, "finish_reason": None}]))
                self._event(dict(base, object="chat.completion.chunk", choices=[
                    {"index": 0, "delta": {}, "finish_reason": "stop"}]))
                if (req.get("stream_options") or {}).get("include_usage"):
                    self._event(dict(base, object="chat.completion.chunk", choices=[], usage=usage))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def _event(self, body):
            self.wfile.write(b"data: " + json.dumps(body).encode() + b"\n\n")
            self.wfile.flush()

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 1024  # the default 5 drops SYNs at 64 clients (1 s retransmits)

    server = Server(("127.0.0.1", a.port), Handler)
    threading.Timer(a.max_seconds, server.shutdown).start()
    print(f"fake model on http://127.0.0.1:{a.port}/v1 ({a.tokens} tokens x {a.token_ms} ms, plain {a.latency_ms} ms)", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
