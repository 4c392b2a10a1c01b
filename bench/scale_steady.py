#!/usr/bin/env python3
"""The operator holding N ChatbotDeployments (default 1000): one control plane, phases in order,
each a benchmark of docs/benchmarks.md ("Operator at scale"):

  ready     the raw baseline and the N CRs to Ready (as bench/scale_ready.py), reconcile p50/p99
  idle      all CRs stabilized (phase Ready), then --idle-minutes (10) without any client of ours:
            operator RSS/CPU before and after, API server requests per minute by verb/resource
            (apiserver_request_total), the resyncs inside the window
  rollback  a bad digest (kwok crash-loops images whose digest starts with `dead`) applied to one
            CR: seconds to phase RolledBack with the known-good pods ready again
  churn     --secrets (1000) unrelated Secrets of 4 KiB created in the CRs' namespace: operator RSS
            (and heap after a full GC) before and 60 s after
  baseline  the operator stopped: --baseline-minutes (3) of API requests of everything else, so
            the operator's share is running minus stopped

Prints a RESULT line per phase and one final SUMMARY line.

  python3 bench/scale_steady.py [--n 1000] [--idle-minutes 10] [--phases ready,idle,rollback,churn,baseline] [--no-raw]
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "scale"))
import harness as h  # noqa: E402

NS = "scale-op"
WRITES = {"CREATE", "UPDATE", "PATCH", "DELETE", "DELETECOLLECTION", "APPLY", "POST", "PUT"}


def per_minute(before, after, minutes):
    """{(verb, group, resource, subresource): requests per minute} of the window, non-zero only."""
    out = {}
    for key, value in after.items():
        d = value - before.get(key, 0)
        if d > 0 and key[2]:  # resource requests only (the /metrics scrape itself has none)
            out[key] = d / minutes
    return out


def split(rates):
    reads = sum(v for k, v in rates.items() if k[0] not in WRITES)
    writes = sum(v for k, v in rates.items() if k[0] in WRITES)
    return reads, writes


def show(rates, limit=25):
    rows = sorted(rates.items(), key=lambda kv: -kv[1])[:limit]
    return "; ".join(f"{k[0]} {k[2]}{'/' + k[3] if k[3] else ''}={v:.2f}" for k, v in rows)


def executions(op):
    total = 0.0
    for _labels, v in h.parse_prometheus(op.metrics(), "operator_sdk_controllers_execution_reconcile_seconds_count"):
        total += v
    return total


def idle_phase(cluster, op, n, minutes, timeout):
    t = h.wait_all(cluster.api, "ChatbotDeployment", NS, n, lambda c: c.get("status", {}).get("phase") == "Ready",
                   timeout, max(1.0, n / 500))
    h.log(f"all {n} phase Ready (stabilized) after {t}s more")
    rss0, cpu0 = op.rss_mib(), op.cpu_seconds()
    req0, rec0, audit0 = cluster.apiserver_requests(), executions(op), cluster.audit_offset()
    minute_rows = []
    prev_req, prev_rec, prev_audit = req0, rec0, audit0
    for m in range(minutes):
        time.sleep(60)
        req, rec, audit = cluster.apiserver_requests(), executions(op), cluster.audit_offset()
        rates = per_minute(prev_req, req, 1)
        reads, writes = split(rates)
        own = cluster.audit_writes_since(prev_audit, h.OPERATOR_USER)
        own_writes = None if own is None else sum(own.values())
        minute_rows.append((m + 1, rec - prev_rec, reads, writes, op.rss_mib(), own_writes, own))
        h.log(f"idle minute {m + 1}: reconciles {rec - prev_rec:.0f}, all requests reads {reads:.0f} writes {writes:.0f}, "
              f"operator writes (audit) {own}: {show(rates, 8)}")
        prev_req, prev_rec, prev_audit = req, rec, audit
    rss1, cpu1 = op.rss_mib(), op.cpu_seconds()
    rates = per_minute(req0, cluster.apiserver_requests(), minutes)
    return {"rss_ready": rss0, "cpu_ready": cpu0, "rss_idle": rss1, "cpu_idle": cpu1 - cpu0,
            "rates": rates, "minutes": minute_rows, "reconciles": executions(op) - rec0,
            "audit": cluster.audit_writes_since(audit0, h.OPERATOR_USER)}


def rollback_phase(cluster, op, timeout=300):
    name = h.names(1)[0]
    deploy = cluster.api.request("GET", cluster.api.path("Deployment", NS, name))
    image = deploy["spec"]["template"]["spec"]["containers"][0]["image"]
    repository = image.split("@")[0]
    bad = "sha256:dead" + "0" * 60
    t0 = time.monotonic()
    cluster.api.apply(h.cr(name, NS, {"image": {"repository": repository, "digest": bad}}), "bench-cr")
    failing_at = rolled_at = None
    while time.monotonic() - t0 < timeout:
        c = cluster.api.request("GET", cluster.api.path("ChatbotDeployment", NS, name))
        st = c.get("status", {})
        now = time.monotonic() - t0
        if failing_at is None:
            for p in cluster.api.items("Pod", NS, selector=f"app.kubernetes.io/instance={name}"):
                for cs in p.get("status", {}).get("containerStatuses", []) or []:
                    if (cs.get("state", {}).get("waiting", {}) or {}).get("reason") == "CrashLoopBackOff":
                        failing_at = now
        if st.get("phase") == "RolledBack" and rolled_at is None:
            rolled_at = now
        if rolled_at is not None and h.cr_ready(c):
            d = cluster.api.request("GET", cluster.api.path("Deployment", NS, name))
            if h.deployment_ready(d) and d["spec"]["template"]["spec"]["containers"][0]["image"] == image:
                return {"failing": failing_at, "rolled": rolled_at, "complete": now,
                        "reason": (h.condition(c, "RolledBack") or {}).get("reason")}
        time.sleep(0.5)
    return {"failing": failing_at, "rolled": rolled_at, "complete": None, "reason": None}


def churn_phase(cluster, op, count):
    heap0 = op.heap_used_mib_after_gc()
    time.sleep(5)
    rss0 = op.rss_mib()
    data = {"tls.crt": "QUJD" * 1024}  # 4 KiB of base64, a certificate's size
    secrets = [{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": f"unrelated-{i:05d}", "namespace": NS},
                "type": "Opaque", "data": data} for i in range(count)]
    t0 = time.monotonic()
    h.apply_all(cluster.api, secrets, "bench-churn")
    created = time.monotonic() - t0
    time.sleep(60)
    rss1 = op.rss_mib()
    heap1 = op.heap_used_mib_after_gc()
    return {"rss0": rss0, "rss1": rss1, "heap0": heap0, "heap1": heap1, "created": created}


def fmt(x, unit="", digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}{unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jar", default=h.JAR)
    ap.add_argument("--idle-minutes", type=int, default=10)
    ap.add_argument("--baseline-minutes", type=int, default=3)
    ap.add_argument("--secrets", type=int, default=1000)
    ap.add_argument("--phases", default="ready,idle,rollback,churn,baseline")
    ap.add_argument("--no-raw", action="store_true", help="skip the raw baseline of the ready phase (time)")
    ap.add_argument("--timeout", type=int, default=4200, help="whole run, seconds")
    args = ap.parse_args()
    phases = set(args.phases.split(","))
    h.deadline(args.timeout)
    summary = []

    cluster = h.Cluster(pods=args.n * 2)
    r, op = h.ready_run(cluster, args.n, os.path.abspath(args.jar), args.timeout,
                         with_raw="ready" in phases and not args.no_raw)
    ratio = r["op"] / r["raw"] if r["raw"] and r["op"] else None
    print(f"RESULT ready n={args.n} raw={fmt(r['raw'], 's')} operator={fmt(r['op'], 's')} ratio={fmt(ratio, 'x', 2)} "
          f"rss={fmt(r['rss'], 'MiB', 0)} cpu={fmt(r['cpu'], 's')} reconciles={r['reconciles']:.0f} "
          f"p50={fmt(r['p50'] and r['p50'] * 1000, 'ms', 0)} p99={fmt(r['p99'] and r['p99'] * 1000, 'ms', 0)}", flush=True)
    summary.append(f"ready:{fmt(r['op'], 's')}/{fmt(r['raw'], 's')}={fmt(ratio, 'x', 2)} "
                   f"p50={fmt(r['p50'] and r['p50'] * 1000, 'ms', 0)} p99={fmt(r['p99'] and r['p99'] * 1000, 'ms', 0)}")

    running = None
    if "idle" in phases:
        i = idle_phase(cluster, op, args.n, args.idle_minutes, args.timeout)
        running = i["rates"]
        reads, writes = split(running)
        for m, rec, rd, wr, rss, own_writes, own in i["minutes"]:
            print(f"RESULT idle minute={m} reconciles={rec:.0f} all_reads={rd:.0f} all_writes={wr:.0f} "
                  f"operator_writes_audit={own_writes} {own or ''} rss={rss:.0f}MiB", flush=True)
        print(f"RESULT idle rss_ready={i['rss_ready']:.0f}MiB cpu_ready={i['cpu_ready']:.1f}s rss_after_idle={i['rss_idle']:.0f}MiB "
              f"cpu_during_idle={i['cpu_idle']:.1f}s reconciles={i['reconciles']:.0f} all_per_min reads={reads:.1f} writes={writes:.1f}: "
              f"{show(running)}; operator writes in the audit log: {i['audit']}", flush=True)
        summary.append(f"rss:{i['rss_ready']:.0f}->{i['rss_idle']:.0f}MiB cpu:{i['cpu_ready']:.0f}s+{i['cpu_idle']:.1f}s")
    if "rollback" in phases:
        b = rollback_phase(cluster, op)
        print(f"RESULT rollback failing_after={fmt(b['failing'], 's')} rolledback_after={fmt(b['rolled'], 's')} "
              f"complete_after={fmt(b['complete'], 's')} reason={b['reason']} (failure threshold 60s)", flush=True)
        summary.append(f"rollback:{fmt(b['complete'], 's')}")
    if "churn" in phases:
        c = churn_phase(cluster, op, args.secrets)
        print(f"RESULT churn secrets={args.secrets} created_in={c['created']:.1f}s rss={c['rss0']:.0f}->{c['rss1']:.0f}MiB "
              f"(+{c['rss1'] - c['rss0']:.1f}) heap_after_gc={fmt(c['heap0'], 'MiB', 0)}->{fmt(c['heap1'], 'MiB', 0)}", flush=True)
        summary.append(f"churn:+{c['rss1'] - c['rss0']:.1f}MiB")
    if "baseline" in phases and running is not None:
        op.stop()
        time.sleep(10)
        b0 = cluster.apiserver_requests()
        time.sleep(60 * args.baseline_minutes)
        stopped = per_minute(b0, cluster.apiserver_requests(), args.baseline_minutes)
        keys = set(running) | set(stopped)
        diff = {k: running.get(k, 0) - stopped.get(k, 0) for k in keys}
        # A WATCH is one long-running request that clients restart every few minutes at random:
        # running-minus-stopped of those is noise, not traffic.
        diff = {k: v for k, v in diff.items() if abs(v) >= 0.05 and k[0] != "WATCH"}
        reads, writes = split(diff)
        print(f"RESULT baseline stopped_per_min reads={split(stopped)[0]:.1f} writes={split(stopped)[1]:.1f}; "
              f"operator_per_min reads={reads:.2f} writes={writes:.2f}: {show(diff)}", flush=True)
        summary.append(f"operator_requests_per_min:reads={reads:.2f},writes={writes:.2f}")
    print(f"SUMMARY scale_steady n={args.n} " + " ".join(summary), flush=True)


if __name__ == "__main__":
    main()
