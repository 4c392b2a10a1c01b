#!/usr/bin/env python3
"""Time from apply to all Ready: N ChatbotDeployments through the operator against the same objects
applied raw from `chatbot-operator.jar render` output, in the same run and cluster.

Per N, on a fresh control plane (test-infra/cluster.sh up --kwok-nodes ...):
  1. the raw baseline: render output of the N CRs (namespace scale-raw) server-side applied by 8
     threads; clock from the first apply to every Deployment available; then the namespace is deleted
     (and gone) before the operator starts;
  2. the operator (shipped JVM flags, chart env, its ServiceAccount's RBAC) started and synced before
     the clock starts; the N CRs (namespace scale-op) applied by the same 8 threads; clock to every CR
     Ready=True. Also: reconcile latency p50/p99 from its histogram, its RSS and CPU seconds.
Prints one SUMMARY line: ratio operator/raw per N.

  python3 bench/scale_ready.py --n 100,500 [--jar operator/target/chatbot-operator.jar] [--timeout 3600]
"""

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "scale"))
import harness as h  # noqa: E402


def run_one(n, jar, per_n_timeout):
    cluster = h.Cluster(pods=n)
    cluster.install_operator()
    work = tempfile.mkdtemp(prefix=f"scale-{n}-", dir=cluster.state)
    crs = [h.cr(name, "scale-op") for name in h.names(n)]
    raw = h.render_raw(jar, "scale-raw", crs, work)
    interval = max(1.0, n / 500)

    cluster.namespace("scale-raw")
    h.log(f"N={n}: applying {len(raw)} rendered objects (load {h.load_average()})")
    t0 = time.monotonic()
    h.apply_all(cluster.api, raw, "bench-raw")
    applied_raw = time.monotonic() - t0
    waited = h.wait_all(cluster.api, "Deployment", "scale-raw", n, h.deployment_ready, per_n_timeout, interval)
    raw_s = None if waited is None else applied_raw + waited
    h.log(f"N={n}: raw all available after {raw_s}s (apply {applied_raw:.1f}s, load {h.load_average()})")
    gone = cluster.delete_namespace("scale-raw", timeout=600)
    h.log(f"N={n}: raw namespace deleted: {gone}")

    op = h.OperatorProcess(cluster, jar=jar)
    op.start()
    cpu0 = op.cpu_seconds()
    cluster.namespace("scale-op")
    h.log(f"N={n}: applying {n} CRs (load {h.load_average()})")
    t0 = time.monotonic()
    h.apply_all(cluster.api, crs, "bench-cr")
    applied_op = time.monotonic() - t0
    waited = h.wait_all(cluster.api, "ChatbotDeployment", "scale-op", n, h.cr_ready, per_n_timeout, interval)
    op_s = None if waited is None else applied_op + waited
    rss, cpu = op.rss_mib(), op.cpu_seconds() - cpu0
    hist = op.reconcile_histogram()
    p50, p99 = h.quantile(0.5, hist), h.quantile(0.99, hist)
    count = hist[-1][1] if hist else 0
    h.log(f"N={n}: operator all Ready after {op_s}s (apply {applied_op:.1f}s), RSS {rss:.0f} MiB, "
          f"CPU {cpu:.1f}s, reconciles {count:.0f} p50 {p50} p99 {p99}, load {h.load_average()}")
    op.stop()
    cluster.down()
    return {"n": n, "raw": raw_s, "op": op_s, "rss": rss, "cpu": cpu, "p50": p50, "p99": p99,
            "reconciles": count, "raw_deleted": gone}


def fmt(x, unit="", digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}{unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="100,500", help="comma-separated CR counts")
    ap.add_argument("--jar", default=h.JAR)
    ap.add_argument("--timeout", type=int, default=3600, help="whole run, seconds")
    args = ap.parse_args()
    h.deadline(args.timeout)
    results = []
    for n in [int(x) for x in args.n.split(",")]:
        results.append(run_one(n, os.path.abspath(args.jar), per_n_timeout=args.timeout))
        r = results[-1]
        print(f"RESULT n={n} raw={fmt(r['raw'], 's')} operator={fmt(r['op'], 's')} "
              f"ratio={fmt(r['op'] / r['raw'] if r['raw'] and r['op'] else None, 'x', 2)} "
              f"rss={fmt(r['rss'], 'MiB', 0)} cpu={fmt(r['cpu'], 's')} reconciles={r['reconciles']:.0f} "
              f"p50={fmt(r['p50'] and r['p50'] * 1000, 'ms', 0)} p99={fmt(r['p99'] and r['p99'] * 1000, 'ms', 0)}",
              flush=True)
    parts = [f"n={r['n']}:{fmt(r['op'], 's')}/{fmt(r['raw'], 's')}="
             f"{fmt(r['op'] / r['raw'] if r['raw'] and r['op'] else None, 'x', 2)}" for r in results]
    print("SUMMARY scale_ready operator/raw " + " ".join(parts), flush=True)


if __name__ == "__main__":
    main()
