#!/usr/bin/env python3
"""Exactly-once orders across processes killed mid-call (issue 13), end to end.

Three placers — C (place_order.c over libelko), PHP (place_order.php over bindings/php) and Python
(place_order.py over bindings/python) — place one order each with the same token and the same state
directory, while the sandbox applies each order and then holds its answer (admin fault hang-after,
"operation": "orders.create", one per placer). Once the sandbox lists every order and the journal shows
the three entries in progress (each locked by its live placer), all three are killed with SIGKILL. A later
Python process then finds the three entries open (orders_pending) and reconciles them: each must be
reported `placed`, each reference must carry exactly one order of its own in orders.list, a second
reconcile must find nothing open, and the sandbox must have answered no request with a 403.

The Python placer gives its own reference, "string" (Swagger's sample value, sent by real clients on
every order), which an older order already carries: reconciliation must take the new order, not the old.

Usage: kill_reconcile.py [--placer build/orders/place_order] [--timeout 60]
ELKO_BIN (the elko binary for the sandbox) and ELKO_LIBRARY (libelko.so, for PHP and Python) come from
the environment; the C placer from --placer or ELKO_ORDERS_PLACER. The token is handed to the placers in
their environment (ELKO_TOKEN) and never printed.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))

import elko  # noqa: E402

#: The reference the Python placer reuses, which an older order already carries.
REUSED = "string"
#: Client options of the test's own clients: wait for a slot of the shared budget rather than fail.
OPTIONS = {"log_level": "off", "rate_limit": {"wait_ms": 30000}, "orders": {"settle_ms": 200}}


class Sandbox:
    """`elko sandbox --port 0 --admin` on loopback with ELKO's real rate limit."""

    def __init__(self):
        elko_bin = os.environ.get("ELKO_BIN") or os.path.join(ROOT, ".build", "debug", "elko")
        if not os.path.exists(elko_bin):
            raise SystemExit("kill_reconcile: no elko binary at %s (set ELKO_BIN)" % elko_bin)
        self.proc = subprocess.Popen([elko_bin, "sandbox", "--port", "0", "--admin"], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()  # holds the token: parsed, never printed
        if not line:
            raise SystemExit("kill_reconcile: the sandbox exited before printing its address")
        info = json.loads(line)
        self.url, self.token, self.admin = info["url"], info["token"], info["admin"]

    def admin_call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.admin + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
        return json.loads(raw) if raw else None

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def client(url, token, state_dir):
    return elko.Client(base_url=url, token=token, state_dir=state_dir, **OPTIONS)


def orders_by_reference(c):
    """{customerPo: [orderId, ...]} of orders.list."""
    found = {}
    for o in c.orders_list():
        found.setdefault(o.get("customerPo"), []).append(o["orderId"])
    return found


def reconciler(state_dir):
    """The later process: what the journal holds, two reconciles, and what it holds then, as one JSON line.
    ELKO_URL and ELKO_TOKEN come from the environment."""
    with elko.Client(base_url=os.environ["ELKO_URL"], state_dir=state_dir, **OPTIONS) as c:
        doc = {"pending": c.orders_pending(), "reconcile": c.orders_reconcile()}
        doc["again"] = c.orders_reconcile()
        doc["pending_after"] = c.orders_pending()
    print(json.dumps(doc))
    return 0


class Failure(Exception):
    """What the test found wrong."""


def check(cond, what, *detail):
    if not cond:
        raise Failure(what + "".join("\n    " + json.dumps(d, default=str)[:2000] for d in detail))


def run(args, sandbox, state_dir):
    with client(sandbox.url, sandbox.token, state_dir) as c:
        code = str(next(iter(c.catalog_products()))["elkoCode"])
        older = c.place_order({"lines": [{"elkoCode": code, "quantity": 1}], "backorder": True, "customerPo": REUSED})
    older_id = older["answer"]["orderId"]

    # One fault per placer: each order is applied, then its answer held for ten (sandbox) minutes.
    sandbox.admin_call("POST", "/faults", {"fault": "hang-after=600000", "count": 3, "operation": "orders.create"})
    env = dict(os.environ, ELKO_URL=sandbox.url, ELKO_TOKEN=sandbox.token,
               PYTHONPATH=os.path.join(ROOT, "bindings", "python"))
    commands = {
        "c": [args.placer, state_dir, code],
        "php": ["php", os.path.join(HERE, "place_order.php"), state_dir, code],
        "python": [sys.executable, os.path.join(HERE, "place_order.py"), state_dir, code, REUSED],
    }
    procs = {lang: subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for lang, cmd in commands.items()}
    try:
        refs = wait_until_applied(args, sandbox, state_dir, procs, older_id)
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
        for p in procs.values():
            p.wait(timeout=30)
    for lang, p in procs.items():
        check(p.returncode == -signal.SIGKILL, "the %s placer was not killed mid-call (exit %s): %s"
              % (lang, p.returncode, p.stderr.read().strip()[-500:]))
    print("kill_reconcile: SIGKILLed the C, PHP and Python placers while their orders hung after being applied",
          flush=True)

    later = subprocess.run([sys.executable, os.path.abspath(__file__), "--reconciler", state_dir], env=env,
                           capture_output=True, text=True, timeout=args.timeout)
    check(later.returncode == 0, "the reconciling process failed (exit %d): %s" % (later.returncode, later.stderr[-1000:]))
    doc = json.loads(later.stdout.strip().splitlines()[-1])

    pending = doc["pending"]
    check(pending["count"] == 3, "orders_pending after the kill: want 3 entries", pending)
    check(all(e["state"] == "open" for e in pending["entries"]), "entries of killed processes must be open", pending)
    check(sorted(e["reference"] for e in pending["entries"]) == sorted(refs), "pending references", pending, refs)

    rec = doc["reconcile"]
    check((rec["placed"], rec["not_placed"], rec["still_uncertain"], rec["in_progress"], rec["damaged"]) == (3, 0, 0, 0, 0),
          "orders_reconcile: want 3 placed and nothing else", rec)
    check(all(e["outcome"] == "placed" and e["order"] for e in rec["entries"]), "every entry placed", rec)
    check(doc["again"]["entries"] == [] and doc["again"]["placed"] == 0, "a second reconcile finds nothing open",
          doc["again"])
    check(doc["pending_after"]["count"] == 0, "nothing open after reconcile", doc["pending_after"])

    with client(sandbox.url, sandbox.token, state_dir) as c:
        listed = orders_by_reference(c)
    for e in rec["entries"]:
        ids = [i for i in listed.get(e["reference"], []) if not (e["reference"] == REUSED and i == older_id)]
        check(ids == [e["order"]["orderId"]], "reference %s: want exactly one order of its own, the one reconciled"
              % e["reference"], listed.get(e["reference"]), e)
    check(older_id in listed.get(REUSED, []), "the older order carrying %r is still listed" % REUSED, listed.get(REUSED))

    counters = sandbox.admin_call("GET", "/counters")
    refused = sum(t.get("exceeded", 0) + t.get("blocked", 0) for t in counters.get("tokens", {}).values())
    check(refused == 0, "the sandbox answered %d requests with its limit 403" % refused, counters)
    print("kill_reconcile: ok: 3 entries open after the kill, 3 reconciled placed (one past an older order "
          "with the same reference), each reference exactly one order, nothing open after, no 403")


def wait_until_applied(args, sandbox, state_dir, procs, older_id):
    """Polls (through the library: the shared budget paces it) until the journal shows three entries in
    progress and orders.list an order for each; returns their references."""
    deadline = time.monotonic() + args.timeout
    pending = listed = None
    with client(sandbox.url, sandbox.token, state_dir) as c:
        while time.monotonic() < deadline:
            for lang, p in procs.items():
                if p.poll() is not None:
                    raise Failure("the %s placer ended before it was killed (exit %s): %s %s"
                                  % (lang, p.returncode, p.stdout.read().strip()[-500:], p.stderr.read().strip()[-500:]))
            pending = c.orders_pending()
            refs = [e["reference"] for e in pending["entries"] if e["state"] == "in_progress"]
            if len(refs) == 3:
                listed = orders_by_reference(c)
                if all([i for i in listed.get(r, []) if i != older_id] for r in refs):
                    return refs
            time.sleep(0.5)
    raise Failure("after %d s the journal and orders.list do not show the three orders in progress" % args.timeout,
                  pending, listed)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--placer", default=os.environ.get("ELKO_ORDERS_PLACER")
                    or os.path.join(ROOT, "build", "orders", "place_order"), help="the C placer (place_order.c)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for each step")
    ap.add_argument("--reconciler", metavar="STATE_DIR", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.reconciler:
        return reconciler(args.reconciler)
    if not os.access(args.placer, os.X_OK):
        raise SystemExit("kill_reconcile: no C placer at %s (make build/orders/place_order, or --placer)" % args.placer)
    sandbox = Sandbox()
    state_dir = tempfile.mkdtemp(prefix="elko-orders-kill-")
    os.chmod(state_dir, 0o700)
    try:
        run(args, sandbox, state_dir)
    except Failure as e:
        print("kill_reconcile: FAILED: %s" % e, file=sys.stderr)
        return 1
    finally:
        sandbox.stop()
        shutil.rmtree(state_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
