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
  python3 bench/scale_ready.py --n 100 --jfr /tmp/op && python3 bench/scale/jfr_top.py /tmp/op-100.jfr
  python3 bench/scale_ready.py --n 500 --prebound-volumes   # both sides mount claims bound beforehand
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "scale"))
import harness as h  # noqa: E402


def run_one(n, jar, per_n_timeout, jfr=None, reconcile_threads=None, prebound=False):
    cluster = h.Cluster(pods=n)
    result, op = h.ready_run(cluster, n, jar, per_n_timeout, jfr=jfr and f"{jfr}-{n}.jfr",
                             reconcile_threads=reconcile_threads, prebound=prebound)
    op.stop()
    cluster.down()
    return result


def fmt(x, unit="", digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}{unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="100,500", help="comma-separated CR counts")
    ap.add_argument("--jar", default=h.JAR)
    ap.add_argument("--timeout", type=int, default=3600, help="whole run, seconds")
    ap.add_argument("--jfr", help="record the operator with JFR into <JFR>-<n>.jfr (profiling, not timing)")
    ap.add_argument("--reconcile-threads", type=int, help="instead of the chart's default (experiments)")
    ap.add_argument("--prebound-volumes", action="store_true",
                    help="every CR mounts two claims bound before the clock (existingClaim): no volume provisioning timed")
    args = ap.parse_args()
    h.deadline(args.timeout)
    results = []
    for n in [int(x) for x in args.n.split(",")]:
        results.append(run_one(n, os.path.abspath(args.jar), per_n_timeout=args.timeout,
                               jfr=args.jfr and os.path.abspath(args.jfr),
                               reconcile_threads=args.reconcile_threads, prebound=args.prebound_volumes))
        r = results[-1]
        print(f"RESULT n={n} raw={fmt(r['raw'], 's')} operator={fmt(r['op'], 's')} "
              f"ratio={fmt(r['op'] / r['raw'] if r['raw'] and r['op'] else None, 'x', 2)} "
              f"rss={fmt(r['rss'], 'MiB', 0)} cpu={fmt(r['cpu'], 's')} reconciles={r['reconciles']:.0f} "
              f"p50={fmt(r['p50'] and r['p50'] * 1000, 'ms', 0)} p99={fmt(r['p99'] and r['p99'] * 1000, 'ms', 0)}",
              flush=True)
    parts = [f"n={r['n']}:{fmt(r['op'], 's')}/{fmt(r['raw'], 's')}="
             f"{fmt(r['op'] / r['raw'] if r['raw'] and r['op'] else None, 'x', 2)}" for r in results]
    shape = " prebound-volumes" if args.prebound_volumes else ""
    print(f"SUMMARY scale_ready{shape} operator/raw " + " ".join(parts), flush=True)


if __name__ == "__main__":
    main()
