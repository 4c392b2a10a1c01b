"""Just enough of a Kubernetes API client for the scale benchmarks: Python standard library only
(bench/ convention), bearer-token kubeconfigs as test-infra/cluster.sh writes them."""

import base64
import json
import re
import ssl
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request

# kind -> (API path prefix, plural); all namespaced except Namespace and PersistentVolume.
RESOURCES = {
    "Namespace": ("/api/v1", "namespaces"),
    "ServiceAccount": ("/api/v1", "serviceaccounts"),
    "ConfigMap": ("/api/v1", "configmaps"),
    "Secret": ("/api/v1", "secrets"),
    "Service": ("/api/v1", "services"),
    "PersistentVolumeClaim": ("/api/v1", "persistentvolumeclaims"),
    "PersistentVolume": ("/api/v1", "persistentvolumes"),
    "Pod": ("/api/v1", "pods"),
    "Deployment": ("/apis/apps/v1", "deployments"),
    "NetworkPolicy": ("/apis/networking.k8s.io/v1", "networkpolicies"),
    "PodDisruptionBudget": ("/apis/policy/v1", "poddisruptionbudgets"),
    "ChatbotDeployment": ("/apis/chatbot.dev/v1alpha1", "chatbotdeployments"),
}


def _kubeconfig_value(text, key):
    m = re.search(r"^\s*" + re.escape(key) + r":\s*(\S+)\s*$", text, re.M)
    if not m:
        raise ValueError(f"kubeconfig has no {key}")
    return m.group(1)


class Api:
    """One API server, one bearer token; thread-safe (one connection per request)."""

    def __init__(self, server, token, ca_pem):
        self.server = server
        self.token = token
        self._ca_file = tempfile.NamedTemporaryFile("w", suffix=".crt", delete=False)
        self._ca_file.write(ca_pem)
        self._ca_file.flush()
        self._ctx = ssl.create_default_context(cafile=self._ca_file.name)
        self._local = threading.local()

    @classmethod
    def from_kubeconfig(cls, path):
        text = open(path).read()
        ca = base64.b64decode(_kubeconfig_value(text, "certificate-authority-data")).decode()
        return cls(_kubeconfig_value(text, "server"), _kubeconfig_value(text, "token"), ca)

    def with_token(self, token):
        return Api(self.server, token, open(self._ca_file.name).read())

    def kubeconfig_text(self, namespace="default"):
        ca = base64.b64encode(open(self._ca_file.name, "rb").read()).decode()
        return (
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
            f"    server: {self.server}\n    certificate-authority-data: {ca}\n"
            f"users:\n- name: u\n  user:\n    token: {self.token}\n"
            f"contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: {namespace}\n"
            "current-context: c\n"
        )

    def request(self, method, path, body=None, content_type="application/json", raw=False, timeout=60):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(self.server + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self.token)
        req.add_header("Accept", "application/json" if not raw else "text/plain")
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, context=self._ctx, timeout=timeout) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: HTTP {e.code}: {e.read()[:500].decode(errors='replace')}") from None
        return payload.decode() if raw else (json.loads(payload) if payload else None)

    def path(self, kind, namespace=None, name=None, subresource=None):
        prefix, plural = RESOURCES[kind]
        p = prefix + (f"/namespaces/{namespace}" if namespace and kind != "Namespace" else "") + "/" + plural
        if name:
            p += "/" + name
        if subresource:
            p += "/" + subresource
        return p

    def apply(self, obj, manager="bench"):
        """Server-side apply, as `kubectl apply --server-side --force-conflicts` does."""
        md = obj["metadata"]
        p = self.path(obj["kind"], md.get("namespace"), md["name"])
        return self.request(
            "PATCH", p + f"?fieldManager={manager}&force=true", obj, "application/apply-patch+yaml"
        )

    def items(self, kind, namespace=None, selector=None):
        """Every object of a kind (paged list), as dicts."""
        out, cont = [], ""
        while True:
            q = "?limit=500" + (f"&continue={cont}" if cont else "")
            if selector:
                q += "&labelSelector=" + urllib.parse.quote(selector)
            page = self.request("GET", self.path(kind, namespace) + q)
            out.extend(page["items"])
            cont = page["metadata"].get("continue")
            if not cont:
                return out

    def delete(self, kind, namespace, name):
        try:
            self.request("DELETE", self.path(kind, namespace, name))
        except RuntimeError as e:
            if "HTTP 404" not in str(e):
                raise

    def exists(self, kind, namespace, name):
        try:
            self.request("GET", self.path(kind, namespace, name))
            return True
        except RuntimeError as e:
            if "HTTP 404" in str(e):
                return False
            raise

    def metrics(self):
        return self.request("GET", "/metrics", raw=True)


def parse_prometheus(text, name):
    """[(labels dict, value)] of every sample of metric `name` in Prometheus text format."""
    out = []
    for line in text.splitlines():
        if not line.startswith(name):
            continue
        m = re.match(r"^" + re.escape(name) + r"(\{(.*)\})?\s+(\S+)", line)
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
        out.append((labels, float(m.group(3))))
    return out
