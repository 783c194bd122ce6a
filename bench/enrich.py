#!/usr/bin/env python3
"""Enriching products with descriptions and media through the rate limiter (issue 6): never a 403, and
no slower than the limit requires.

For each scenario a sandbox with ELKO's real rules (50 requests per 10 s, then a 1-minute block) is
started — at scaled time (--time-scale 0.1: 50 per 1 s, 6 s block; the client's rate_limit window_ms
1000 / block_ms 6000 to match) and at real time — the catalog is fetched, the sandbox's counters are
reset, and the first N products are enriched with Client.descriptions() and Client.media_items()
(batches of 50 codes: N/50 + N/50 requests, each waiting for a limiter slot). Reported: requests, 403s
counted by the sandbox, failed batches, wall time, and the least time the client's limit allows
(48 requests per window: request k cannot go before floor(k / 48) windows).

Usage: bench/enrich.py [--elko .build/release/elko] [--out bench/results/enrich.md] [--quick]
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
import elko  # noqa: E402


class Sandbox:
    def __init__(self, elko_bin, products, time_scale):
        self.cfg = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump({"products": products, "port": 0}, self.cfg)  # ELKO's rules: 50 per 10 s, 60 s block
        self.cfg.close()
        self.proc = subprocess.Popen([elko_bin, "sandbox", "--config", self.cfg.name, "--admin", "--warm",
                                      "--time-scale", str(time_scale)], stdout=subprocess.PIPE, text=True)
        info = json.loads(self.proc.stdout.readline())
        self.url, self.token, self.admin = info["url"], info["token"], info["admin"]

    def admin_call(self, method, path):
        req = urllib.request.Request(self.admin + path, method=method)
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"null")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.unlink(self.cfg.name)


def scenario(elko_bin, products, time_scale, window_ms, block_ms, batch_size=50):
    sb = Sandbox(elko_bin, max(products, 2000), time_scale)
    try:
        opts = {"rate_limit": {"window_ms": window_ms, "block_ms": block_ms}, "log_level": "error"}
        with elko.Client(base_url=sb.url, token=sb.token, **opts) as c:
            codes = [p["elkoCode"] for p in c.catalog_products()][:products]
            # A fresh window on both sides: the catalog request is not part of the measurement.
            time.sleep(window_ms / 1000.0 * 1.05)
            sb.admin_call("DELETE", "/counters")
            t0 = time.monotonic()
            d = c.descriptions(codes, batch_size=batch_size)
            m = c.media_items(codes, batch_size=batch_size)
            wall = time.monotonic() - t0
        counters = sb.admin_call("GET", "/counters")["tokens"]
        forbidden = sum(t["forbidden"] for t in counters.values())
        served = sum(t["served"] for t in counters.values())
    finally:
        sb.stop()
    requests = d.batches + m.batches
    per_window = 50 - 2  # the client's default: ELKO's 50 minus a margin of 2
    minimum = (max(requests, 1) - 1) // per_window * window_ms / 1000.0
    return {
        "products": products, "time_scale": time_scale, "window_ms": window_ms, "requests": requests,
        "served": served, "forbidden": forbidden, "failed": len(d.failed) + len(m.failed),
        "items": len(d.items) + len(m.items), "wall": wall, "minimum": minimum,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elko", default=os.environ.get("ELKO_BIN") or os.path.join(ROOT, ".build", "release", "elko"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "enrich.md"))
    ap.add_argument("--quick", action="store_true", help="scaled time only")
    args = ap.parse_args()
    runs = [
        scenario(args.elko, 1000, 0.1, 1000, 6000),
        scenario(args.elko, 5000, 0.1, 1000, 6000),
    ]
    if not args.quick:
        runs.append(scenario(args.elko, 1000, 1.0, 10000, 60000))
        runs.append(scenario(args.elko, 2500, 1.0, 10000, 60000))
    lines = [
        "# Enriching products with descriptions and media through the rate limiter",
        "",
        "%s, `make bench` (bench/enrich.py). Sandbox with ELKO's rules (50 requests per window, then a block), "
        "release build; client `Client.descriptions()` + `Client.media_items()` (Python), batches of 50 codes, "
        "the client's default limit (48 per window), each batch waiting for its limiter slot. Minimum = the "
        "least time the client's limit allows for that many requests (request k not before floor(k/48) "
        "windows); the rest is the requests' own time." % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
        "",
        "| products | time | window | requests | served | 403s | failed batches | items | wall | minimum by the limit |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append("| %d | %s | %g s | %d | %d | **%d** | %d | %d | %.2f s | %.2f s |" % (
            r["products"], "scaled ×%g" % r["time_scale"] if r["time_scale"] != 1 else "real",
            r["window_ms"] / 1000.0, r["requests"], r["served"], r["forbidden"], r["failed"], r["items"],
            r["wall"], r["minimum"]))
    ok = all(r["forbidden"] == 0 and r["failed"] == 0 for r in runs)
    lines.append("")
    lines.append("No 403 and no failed batch in any run: %s." % ("yes" if ok else "NO"))
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
