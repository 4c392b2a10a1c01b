"""Shared pieces of the operator scale benchmarks (bench/scale_*.py): a throw-away control plane
with enough KWOK nodes, the operator jar run as the shipped Deployment runs it, CRs and their raw
render output, and waiting for Ready. Everything started here is stopped at exit or at the deadline."""

import atexit
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(__file__))
from kube import Api, parse_prometheus  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get(
    "CHATBOT_K8S_BIN",
    os.path.join(
        os.environ.get("CHATBOT_INFRA_CACHE", os.path.expanduser("~/.cache/chatbot-operator")),
        "k8s",
        os.environ.get("K8S_VERSION", "v1.37.2"),
        "bin",
    ),
)
JAR = os.path.join(REPO, "operator", "target", "chatbot-operator.jar")
OPERATOR_NS = "chatbot-system"
OPERATOR_SA = "chatbot-operator"
# The chart's memory limit (charts/chatbot-operator/values.yaml): outside a container the JVM
# would size itself from the machine's 24 GB, so it is told the limit as a container would.
MEMORY_LIMIT = "512m"
CPU_LIMIT = 1
APPLY_THREADS = 8


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def shipped_jvm_flags():
    """The operator image's JVM flags: one source, operator/pom.xml's image.jvm.flags."""
    pom = open(os.path.join(REPO, "operator", "pom.xml")).read()
    m = re.search(r"<image\.jvm\.flags>([^<]+)</image\.jvm\.flags>", pom)
    if not m:
        raise SystemExit("operator/pom.xml has no image.jvm.flags")
    return m.group(1).split(",")


_cleanups = []


def on_exit(fn):
    """Runs fn at exit, at the deadline and on SIGTERM/SIGINT (last registered first)."""
    _cleanups.append(fn)


def _run_cleanups():
    while _cleanups:
        fn = _cleanups.pop()
        try:
            fn()
        except Exception as e:  # keep stopping the rest
            log(f"cleanup failed: {e}")


atexit.register(_run_cleanups)


def _on_signal(signum, _frame):
    log(f"signal {signum}: stopping")
    _run_cleanups()
    os._exit(128 + signum)


signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGINT, _on_signal)


def deadline(seconds):
    """Self-stopping: after `seconds` everything is stopped and the process exits with 3."""

    def fire():
        log(f"deadline of {seconds}s reached: stopping everything")
        _run_cleanups()
        print(f"SUMMARY deadline exceeded after {seconds}s", flush=True)
        os._exit(3)

    t = threading.Timer(seconds, fire)
    t.daemon = True
    t.start()


class Cluster:
    """test-infra/cluster.sh up <dir> with the KWOK nodes N pods need; down at exit."""

    def __init__(self, pods, state_dir=None):
        # 250 pods and 128 CPUs per node (a CR's pod requests 500m), at least the default two.
        self.nodes = max(2, -(-int(pods * 1.2) // 250))
        self.state = state_dir or tempfile.mkdtemp(prefix="scale-cluster-")
        os.rmdir(self.state)
        env = dict(os.environ, CHATBOT_CLUSTER_OWNER_PID=str(os.getpid()))
        t0 = time.monotonic()
        out = subprocess.run(
            [
                os.path.join(REPO, "test-infra", "cluster.sh"), "up", self.state,
                "--kwok-nodes", str(self.nodes), "--kwok-node-pods", "250", "--kwok-node-cpu", "128",
            ],
            env=env, capture_output=True, text=True, timeout=300,
        )
        if out.returncode != 0:
            raise SystemExit(f"cluster.sh up failed:\n{out.stderr[-3000:]}")
        on_exit(self.down)
        log(f"cluster up in {time.monotonic() - t0:.1f}s with {self.nodes} KWOK nodes: {self.state}")
        self.kubeconfig = os.path.join(self.state, "kubeconfig")
        self.api = Api.from_kubeconfig(self.kubeconfig)

    def down(self):
        subprocess.run([os.path.join(REPO, "test-infra", "cluster.sh"), "down", self.state],
                       capture_output=True, timeout=120)

    def kubectl(self, *args, stdin=None):
        out = subprocess.run([os.path.join(BIN, "kubectl"), "--kubeconfig", self.kubeconfig, *args],
                             input=stdin, capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(f"kubectl {' '.join(args)}: {out.stderr}")
        return out.stdout

    def install_operator(self):
        """CRD and everything manifests/install.yaml creates (RBAC, ServiceAccount), as a user would."""
        self.kubectl("apply", "--server-side", "--force-conflicts",
                     "-f", os.path.join(REPO, "crds", "chatbotdeployments.chatbot.dev-v1.yml"),
                     "-f", os.path.join(REPO, "manifests", "install.yaml"))
        self.kubectl("wait", "--for=condition=Established", "--timeout=60s",
                     "crd/chatbotdeployments.chatbot.dev")

    def namespace(self, name):
        self.api.apply({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
        deadline_at = time.monotonic() + 60
        while not self.api.exists("ServiceAccount", name, "default"):
            if time.monotonic() > deadline_at:
                raise SystemExit(f"namespace {name}: no default ServiceAccount after 60s")
            time.sleep(0.2)

    def delete_namespace(self, name, timeout):
        """Deletes and waits until it is gone; False if it is still there after timeout."""
        self.api.delete("Namespace", None, name)
        end = time.monotonic() + timeout
        while self.api.exists("Namespace", None, name):
            if time.monotonic() > end:
                return False
            time.sleep(1)
        return True

    def wait_volumes_released(self, namespace, timeout):
        """Waits until no PersistentVolume is claimed from `namespace`; the count left at the end."""
        end = time.monotonic() + timeout
        while True:
            left = sum(1 for pv in self.api.items("PersistentVolume")
                       if (pv.get("spec", {}).get("claimRef") or {}).get("namespace") == namespace)
            if left == 0 or time.monotonic() > end:
                return left
            time.sleep(2)

    def apiserver_requests(self):
        """{(verb, group, resource, subresource): count} from the API server's /metrics."""
        out = {}
        for labels, value in parse_prometheus(self.api.metrics(), "apiserver_request_total"):
            key = (labels.get("verb"), labels.get("group", ""), labels.get("resource"), labels.get("subresource", ""))
            out[key] = out.get(key, 0) + value
        return out


    # The audit log cluster.sh writes (test-infra/audit-policy.yaml: ServiceAccount writes outside
    # kube-system), when this cluster.sh has one.
    def audit_offset(self):
        path = os.path.join(self.state, "logs", "audit.log")
        return os.path.getsize(path) if os.path.exists(path) else None

    def audit_writes_since(self, offset, user):
        """{(verb, resource, subresource): count} of `user`'s audited requests after `offset`."""
        out = {}
        path = os.path.join(self.state, "logs", "audit.log")
        if offset is None or not os.path.exists(path):
            return None
        with open(path) as f:
            f.seek(offset)
            for line in f:
                try:
                    e = json.loads(line)
                except ValueError:
                    continue
                if e.get("stage") != "ResponseComplete" or e.get("user", {}).get("username") != user:
                    continue
                ref = e.get("objectRef", {})
                key = (e.get("verb"), ref.get("resource", ""), ref.get("subresource", ""))
                out[key] = out.get(key, 0) + 1
        return out


OPERATOR_USER = "system:serviceaccount:chatbot-system:chatbot-operator"


class OperatorProcess:
    """`java <shipped flags> -jar chatbot-operator.jar run` beside the cluster, authenticated as the
    operator's ServiceAccount (so install.yaml's RBAC applies), configured as the chart configures it."""

    def __init__(self, cluster, jar=JAR, extra_env=None, log_path=None, jfr=None):
        self.cluster = cluster
        token = cluster.kubectl("create", "token", OPERATOR_SA, "-n", OPERATOR_NS, "--duration=6h").strip()
        self.kubeconfig = os.path.join(cluster.state, "operator.kubeconfig")
        with open(self.kubeconfig, "w") as f:
            f.write(cluster.api.with_token(token).kubeconfig_text(OPERATOR_NS))
        self.port = _free_port()
        self.log_path = log_path or os.path.join(cluster.state, "operator.log")
        # charts/chatbot-operator/templates/deployment.yaml's env with the chart's default values.
        env = dict(
            os.environ,
            KUBECONFIG=self.kubeconfig,
            POD_NAMESPACE=OPERATOR_NS,
            CHATBOT_OPERATOR_NAMESPACES="",
            CHATBOT_OPERATOR_LEADER_ELECTION="true",
            CHATBOT_OPERATOR_LEASE_NAME="chatbot-operator-leader",
            CHATBOT_OPERATOR_HTTP_PORT=str(self.port),
            CHATBOT_OPERATOR_RECONCILE_THREADS="30",
            CHATBOT_OPERATOR_FAILURE_THRESHOLD_SECONDS="60",
            CHATBOT_OPERATOR_RESYNC_SECONDS="300",
            CHATBOT_OPERATOR_LOG_LEVEL="INFO",
            MALLOC_ARENA_MAX="2",  # as the image sets it
        )
        env.update(extra_env or {})
        self.flags = shipped_jvm_flags() + [f"-XX:MaxRAM={MEMORY_LIMIT}", f"-XX:ActiveProcessorCount={CPU_LIMIT}"]
        # Profiling only (bench/scale/jfr_top.py reads the recording): not part of the shipped flags.
        profile = [f"-XX:StartFlightRecording=filename={jfr},settings=profile,dumponexit=true"] if jfr else []
        self.cmd = ["java", *self.flags, *profile, "-jar", jar, "run"]
        self.env = env
        self.proc = None

    def start(self, timeout=120):
        """Starts the process and returns once it holds the lease and its informers have synced."""
        t0 = time.monotonic()
        self.logfile = open(self.log_path, "a")
        self.proc = subprocess.Popen(self.cmd, env=self.env, stdout=self.logfile, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        on_exit(self.stop)
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"operator exited with {self.proc.returncode}; log {self.log_path}")
            if "Started event processing for controller" in open(self.log_path).read():
                break
            if time.monotonic() - t0 > timeout:
                raise SystemExit(f"operator not synced after {timeout}s; log {self.log_path}")
            time.sleep(0.2)
        log(f"operator pid {self.proc.pid} synced after {time.monotonic() - t0:.1f}s: {' '.join(self.flags)}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss_mib(self):
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def cpu_seconds(self):
        fields = open(f"/proc/{self.proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def heap_used_mib_after_gc(self):
        """Heap occupancy after a full GC (jcmd), a steadier signal than RSS; None without jcmd."""
        try:
            subprocess.run(["jcmd", str(self.proc.pid), "GC.run"], capture_output=True, timeout=60)
            out = subprocess.run(["jcmd", str(self.proc.pid), "GC.heap_info"], capture_output=True,
                                 text=True, timeout=60).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
        # Serial GC: one "... generation   total 1234K, used 567K" line per generation.
        used = [int(u) for u in re.findall(r"generation\s+total \d+K, used (\d+)K", out)]
        return sum(used) / 1024 if used else None

    def metrics(self):
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=30) as r:
            return r.read().decode()

    def reconcile_histogram(self):
        """[(le seconds, cumulative count)] of the reconcile timer, summed over its label sets."""
        buckets = {}
        for labels, value in parse_prometheus(self.metrics(), "operator_sdk_controllers_execution_reconcile_seconds_bucket"):
            le = float("inf") if labels["le"] == "+Inf" else float(labels["le"])
            buckets[le] = buckets.get(le, 0) + value
        return sorted(buckets.items())


def quantile(q, buckets, since=None):
    """histogram_quantile over cumulative buckets (minus `since`, an earlier reading), in seconds."""
    if since:
        base = dict(since)
        buckets = [(le, c - base.get(le, 0)) for le, c in buckets]
    if not buckets or buckets[-1][1] <= 0:
        return None
    total = buckets[-1][1]
    rank = q * total
    prev_le, prev_c = 0.0, 0.0
    for le, c in buckets:
        if c >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * ((rank - prev_c) / (c - prev_c) if c > prev_c else 0)
        prev_le, prev_c = le, c
    return prev_le


def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cr(name, namespace, spec=None):
    return {"apiVersion": "chatbot.dev/v1alpha1", "kind": "ChatbotDeployment",
            "metadata": {"name": name, "namespace": namespace}, "spec": spec or {}}


def names(n):
    return [f"bench-{i:05d}" for i in range(n)]


def render_raw(jar, namespace, crs, work_dir):
    """The objects `chatbot-operator.jar render -f <cr> -n <namespace>` prints for each CR."""
    files = []
    for obj in crs:
        path = os.path.join(work_dir, obj["metadata"]["name"] + ".yaml")
        with open(path, "w") as f:
            json.dump({k: v for k, v in obj.items() if k != "metadata"} | {"metadata": {"name": obj["metadata"]["name"]}}, f)
        files.append(path)
    out = os.path.join(work_dir, "raw.json")
    subprocess.run(["java", "-cp", jar, os.path.join(REPO, "bench", "scale", "RenderMany.java"), namespace, out, *files],
                   check=True, timeout=1800, env=dict(os.environ, CHATBOT_OPERATOR_LOG_LEVEL="OFF"))
    return json.load(open(out))


def apply_all(api, objects, manager):
    """Server-side applies every object, APPLY_THREADS at a time (the same client for both sides)."""
    with ThreadPoolExecutor(APPLY_THREADS) as pool:
        for _ in pool.map(lambda o: api.apply(o, manager), objects):
            pass


def deployment_ready(d):
    want = d["spec"].get("replicas", 1)
    s = d.get("status", {})
    return (s.get("observedGeneration", 0) >= d["metadata"]["generation"]
            and s.get("updatedReplicas", 0) == want and s.get("readyReplicas", 0) == want
            and s.get("availableReplicas", 0) == want)


def condition(obj, type_):
    for c in obj.get("status", {}).get("conditions", []) or []:
        if c.get("type") == type_:
            return c
    return None


def cr_ready(c):
    cond = condition(c, "Ready")
    return cond is not None and cond.get("status") == "True"


def wait_all(api, kind, namespace, n, is_ready, timeout, interval):
    """Seconds until n objects of kind in namespace are is_ready, polled every interval; None on timeout."""
    t0 = time.monotonic()
    last_log = t0
    while True:
        items = api.items(kind, namespace)
        ready = sum(1 for o in items if is_ready(o))
        now = time.monotonic()
        if ready >= n:
            return now - t0
        if now - t0 > timeout:
            log(f"{kind} in {namespace}: {ready}/{n} ready after {timeout}s: giving up")
            return None
        if now - last_log > 15:
            log(f"{kind} in {namespace}: {ready}/{n} ready after {now - t0:.0f}s")
            last_log = now
        time.sleep(interval)


def ready_run(cluster, n, jar, timeout, jfr=None, with_raw=True, reconcile_threads=None, prebound=False):
    """The raw baseline (unless with_raw is False) then the operator, N CRs each, on `cluster` (see
    bench/scale_ready.py). Returns the numbers and the operator, still running with the N CRs Ready.
    reconcile_threads overrides the chart's operator.reconcileThreads (experiments only). prebound:
    each CR mounts two claims created and bound before its side's clock starts (existingClaim), so
    neither side waits for the simulated volume provisioning."""
    cluster.install_operator()
    crs = [cr(name, "scale-op", prebound_storage(name) if prebound else None) for name in names(n)]
    interval = max(1.0, n / 500)
    raw_s, gone = None, None
    if with_raw:
        raw_s, gone = _raw_baseline(cluster, n, jar, crs, timeout, interval, prebound)
    threads = {"CHATBOT_OPERATOR_RECONCILE_THREADS": str(reconcile_threads)} if reconcile_threads else None
    op = OperatorProcess(cluster, jar=jar, jfr=jfr, extra_env=threads)
    result = _operator_run(cluster, n, op, crs, timeout, interval, prebound)
    result.update(raw=raw_s, raw_deleted=gone)
    return result, op


def timed_apply(api, objects, manager, kind, namespace, n, is_ready, timeout, interval):
    """(seconds from the first apply until n objects of kind are is_ready or None, seconds the
    applies took)."""
    t0 = time.monotonic()
    apply_all(api, objects, manager)
    applied = time.monotonic() - t0
    waited = wait_all(api, kind, namespace, n, is_ready, timeout, interval)
    return (None if waited is None else applied + waited), applied


PREBOUND_VOLUMES = ("uploads", "exports")


def prebound_claim(cr_name, volume):
    return f"{cr_name}-{volume}-pre"


def prebound_storage(name):
    return {"storage": {v: {"existingClaim": prebound_claim(name, v)} for v in PREBOUND_VOLUMES}}


def bind_claims(cluster, namespace, crs, timeout, interval):
    """Creates the existingClaims of prebound_storage for every CR and waits until all are Bound."""
    claims = [{"apiVersion": "v1", "kind": "PersistentVolumeClaim",
               "metadata": {"name": prebound_claim(c["metadata"]["name"], v), "namespace": namespace},
               "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}
              for c in crs for v in PREBOUND_VOLUMES]
    took, _ = timed_apply(cluster.api, claims, "bench-claims", "PersistentVolumeClaim", namespace,
                          len(claims), lambda c: c.get("status", {}).get("phase") == "Bound", timeout, interval)
    log(f"{len(claims)} claims in {namespace} bound after {took}s (before the clock)")


def _raw_baseline(cluster, n, jar, crs, timeout, interval, prebound=False):
    work = tempfile.mkdtemp(prefix=f"scale-{n}-", dir=cluster.state)
    raw = render_raw(jar, "scale-raw", crs, work)
    cluster.namespace("scale-raw")
    if prebound:
        bind_claims(cluster, "scale-raw", crs, timeout, interval)
    log(f"N={n}: applying {len(raw)} rendered objects (load {load_average()})")
    raw_s, applied_raw = timed_apply(cluster.api, raw, "bench-raw", "Deployment", "scale-raw", n,
                                     deployment_ready, timeout, interval)
    log(f"N={n}: raw all available after {raw_s}s (apply {applied_raw:.1f}s, load {load_average()})")
    gone = cluster.delete_namespace("scale-raw", timeout=600)
    log(f"N={n}: raw namespace deleted: {gone}")
    # The baseline's volumes are released and deleted by kube-controller-manager's PV controller
    # (20 QPS) and kwok after the namespace is gone: started earlier, the operator's claims would
    # queue behind 2N volume deletions that the raw run never had to wait for.
    left = cluster.wait_volumes_released("scale-raw", timeout=600)
    log(f"N={n}: raw volumes left: {left}")
    return raw_s, gone and left == 0


def _operator_run(cluster, n, op, crs, timeout, interval, prebound=False):
    if prebound:
        cluster.namespace("scale-op")
        bind_claims(cluster, "scale-op", crs, timeout, interval)
    op.start()
    cpu0 = op.cpu_seconds()
    cluster.namespace("scale-op")
    log(f"N={n}: applying {n} CRs (load {load_average()})")
    op_s, applied_op = timed_apply(cluster.api, crs, "bench-cr", "ChatbotDeployment", "scale-op", n,
                                   cr_ready, timeout, interval)
    rss, cpu = op.rss_mib(), op.cpu_seconds() - cpu0
    hist = op.reconcile_histogram()
    p50, p99 = quantile(0.5, hist), quantile(0.99, hist)
    count = hist[-1][1] if hist else 0
    log(f"N={n}: operator all Ready after {op_s}s (apply {applied_op:.1f}s), RSS {rss:.0f} MiB, "
        f"CPU {cpu:.1f}s, reconciles {count:.0f} p50 {p50} p99 {p99}, load {load_average()}")
    return {"n": n, "op": op_s, "rss": rss, "cpu": cpu, "p50": p50, "p99": p99, "reconciles": count}


def load_average():
    return open("/proc/loadavg").read().split()[0]
