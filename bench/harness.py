"""Shared pieces of the benchmarks: start the fake model and the app jar, time, sample RSS, stop.

Everything listens on 127.0.0.1 and is stopped at the end (and by a hard deadline).
"""
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# CHATBOT_BENCH_JAR: another build's jar, for an A/B run against this one on the same load.
JAR = os.environ.get("CHATBOT_BENCH_JAR") or os.path.join(ROOT, "chatbot-app", "target", "chatbot-app.jar")
FAKE = os.path.join(ROOT, "bench", "fake_model.py")


def require_jar():
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: ./mvnw -B -pl chatbot-app package -DskipTests")


def start_fake(port, tokens=20, token_ms=50, latency_ms=50, max_seconds=900):
    proc = subprocess.Popen(
        [sys.executable, FAKE, "--port", str(port), "--tokens", str(tokens), "--token-ms", str(token_ms),
         "--latency-ms", str(latency_ms), "--max-seconds", str(max_seconds)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/v1/models", 20)
    return proc


def image_jvm_flags(limit="1g"):
    """The image's JVM flags (chatbot-app/pom.xml image.jvm.flags, the one source) as under a
    memory limit of `limit` (-XX:MaxRAM stands in for the container's cgroup limit)."""
    with open(os.path.join(ROOT, "chatbot-app", "pom.xml")) as f:
        flags = re.search(r"<image.jvm.flags>([^<]+)</image.jvm.flags>", f.read()).group(1)
    return flags.split(",") + [f"-XX:MaxRAM={limit}"]


def start_app(port, model_port, data_dir=None, env=None, jvm=None, max_seconds=900):
    """Starts the jar (openai provider -> the fake model) with the image's JVM flags and env under
    a 1 GiB limit unless `jvm` is given; returns (process, data dir, t0)."""
    require_jar()
    data = data_dir or tempfile.mkdtemp(prefix="chatbot-bench-")
    full_env = dict(os.environ)
    full_env.update({
        "SERVER_PORT": str(port),
        "CHATBOT_UPLOADS_DIR": os.path.join(data, "uploads"),
        "CHATBOT_EXPORTS_DIR": os.path.join(data, "exports"),
        "CHATBOT_MODEL_PROVIDER": "openai",
        "CHATBOT_MODEL_BASE_URL": f"http://127.0.0.1:{model_port}/v1",
        "CHATBOT_MODEL_NAME": "fake",
        "MALLOC_ARENA_MAX": "2",  # as the image sets it
    })
    full_env.update(env or {})
    t0 = time.monotonic()
    proc = subprocess.Popen(
        ["timeout", str(max_seconds), "java", *(jvm or image_jvm_flags()), "-jar", JAR],
        env=full_env, stdout=open(os.path.join(data, "app.log"), "w"), stderr=subprocess.STDOUT)
    return proc, data, t0


def wait_http(url, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return time.monotonic()
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} not ready after {seconds} s")


def wait_ready(port, seconds=180):
    return wait_http(f"http://127.0.0.1:{port}/actuator/health/readiness", seconds)


def java_pid(proc):
    """The java child of `timeout`."""
    out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else proc.pid


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid):
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(*procs):
    for p in procs:
        if p and p.poll() is None:
            p.terminate()
    for p in procs:
        if p:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


def cleanup(data):
    shutil.rmtree(data, ignore_errors=True)


class Client:
    """One keep-alive HTTP/1.1 connection (one per worker thread)."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def post(self, path, body):
        data = json.dumps(body).encode()
        self.conn.request("POST", path, data, {"Content-Type": "application/json"})
        r = self.conn.getresponse()
        payload = r.read()
        return r.status, payload

    def stream_first_byte(self, path, body, marker=b'"t'):
        """Seconds to the first line containing a token, and to the end."""
        data = json.dumps(body).encode()
        t0 = time.monotonic()
        self.conn.request("POST", path, data, {"Content-Type": "application/json"})
        r = self.conn.getresponse()
        first = None
        while True:
            line = r.fp.readline()
            if not line:
                break
            if first is None and marker in line:
                first = time.monotonic() - t0
            if line.startswith(b"data:") and b"[DONE]" in line:
                break
            if line.startswith(b"event:done") or line.startswith(b"event: done"):
                r.fp.readline()
                break
        self.conn.close()
        return first, time.monotonic() - t0


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def median(values):
    return statistics.median(values) if values else float("nan")
