#!/usr/bin/env python3
"""One rate-limit budget for every process of the machine (issue 5), end to end.

Runs 16 worker processes at once — C (driver.c over libelko), Python (driver.py over bindings/python)
and PHP (driver.php over bindings/php) — all with one token against a sandbox, each calling as fast as
it can for a fixed time, and reads the sandbox's counters:

  shared    the budget shared through the state directory (the default): no 403 at all, and the
            requests served are at least 90% of what the limit allows over that time;
  unshared  the same with "rate_limit": {"shared": false}: each process counts alone, and the sandbox
            answers 403 (limit exceeded, then blocked) — the blocks the shared budget prevents;
  sigkill   a process takes the state file's lock and is killed with SIGKILL while holding it, and
            workers are killed at random moments: the others carry on, no 403, the file stays valid.

Usage: run.py --driver build/shared-limit/driver [--time-scale 0.1] [--seconds 5] [--phases shared,unshared,sigkill]
           [--workers 16] [--report FILE]
ELKO_BIN (the elko binary for the sandbox) and ELKO_LIBRARY (libelko.so) come from the environment.
"""
import argparse
import fcntl
import hashlib
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ELKO_REQUESTS, ELKO_WINDOW_S, ELKO_BLOCK_S = 50, 10.0, 60.0  # the sandbox's defaults, ELKO's limit


def now_ms():
    return int(time.time() * 1000)


class Sandbox:
    def __init__(self, time_scale):
        elko = os.environ.get("ELKO_BIN", os.path.join(ROOT, ".build/debug/elko"))
        self.proc = subprocess.Popen([elko, "sandbox", "--port", "0", "--admin", "--time-scale", str(time_scale)],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("shared-limit: the sandbox exited before printing its address")
        info = json.loads(line)
        self.url, self.token, self.admin = info["url"], info["token"], info["admin"]

    def counters(self):
        with urllib.request.urlopen(self.admin + "/counters", timeout=10) as r:
            doc = json.load(r)
        total = {}
        for c in doc.get("tokens", {}).values():
            for k, v in c.items():
                if isinstance(v, (int, float)):
                    total[k] = total.get(k, 0) + v
        return total

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def state_file(state_dir, token):
    return os.path.join(state_dir, hashlib.sha256(token.encode()).hexdigest() + ".ratelimit")


def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def check_record(path):
    """Reads the state file under its lock; returns (count, blocked_until) or raises on a damaged record."""
    with open(path, "rb") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        data = f.read()
    if len(data) < 40 or data[:8] != b"ELKORL1\0":
        raise AssertionError("state file %s: not a record (%d bytes)" % (path, len(data)))
    count, _, blocked, _stamp = struct.unpack_from("<IIqq", data, 8)
    end = 32 + 8 * count
    if len(data) < end + 8 or struct.unpack_from("<Q", data, end)[0] != fnv1a(data[:end]):
        raise AssertionError("state file %s: checksum mismatch or truncated" % path)
    return count, blocked


def worker_commands(driver, n):
    """n workers, C, Python and PHP in turn."""
    kinds = [[driver], [sys.executable, os.path.join(HERE, "driver.py")], ["php", os.path.join(HERE, "driver.php")]]
    return [kinds[i % 3] for i in range(n)]


def run_phase(name, args, shared, chaos=False):
    scale = args.time_scale
    window_ms, block_ms = int(ELKO_WINDOW_S * 1000 * scale), int(ELKO_BLOCK_S * 1000 * scale)
    sandbox = Sandbox(scale)
    state_dir = tempfile.mkdtemp(prefix="elko-shared-limit-")
    os.chmod(state_dir, 0o700)
    try:
        # The client's limiter matches the sandbox's scaled limit; the margin is the default (2).
        rate_limit = {"window_ms": window_ms, "block_ms": block_ms, "wait_ms": 2 * window_ms}
        if not shared:
            rate_limit["shared"] = False
        extra = {"rate_limit": rate_limit, "state_dir": state_dir, "log_level": "off"}
        extra_json = json.dumps(extra)
        start = now_ms() + args.startup_ms
        end = start + int(args.seconds * 1000)
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"))
        procs = []
        for cmd in worker_commands(args.driver, args.workers):
            # The C driver takes the members to splice into its options object, the others a JSON object.
            arg = ", " + extra_json[1:-1] if cmd[0] == args.driver else extra_json
            procs.append(subprocess.Popen(cmd + [sandbox.url, sandbox.token, arg, str(start), str(end)],
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
        killed, events = set(), []
        if chaos:
            events = chaos_run(procs, killed, sandbox, state_file(state_dir, sandbox.token), start, end, window_ms)
        time.sleep(max(0, end - now_ms()) / 1000)
        at_end = sandbox.counters()
        results, failures = [], []
        for i, p in enumerate(procs):
            out, err = p.communicate(timeout=60)
            if i in killed:
                continue
            if p.returncode != 0 or not out.strip():
                failures.append("worker %d (%s) exited %s: %s" % (i, p.args[0], p.returncode, err.strip()[-500:]))
                continue
            results.append(json.loads(out.strip().splitlines()[-1]))
        final = sandbox.counters()
        record = check_record(state_file(state_dir, sandbox.token)) if shared else None
    finally:
        sandbox.stop()
        shutil.rmtree(state_dir, ignore_errors=True)

    duration_s = (end - start) / 1000
    allowed = ELKO_REQUESTS * duration_s / (ELKO_WINDOW_S * scale)
    by_lang = {}
    for r in results:
        by_lang.setdefault(r["lang"], 0)
        by_lang[r["lang"]] += 1
    figures = {
        "phase": name, "shared": shared, "workers": len(procs), "killed": len(killed), "by_language": by_lang,
        "seconds": duration_s, "sandbox_limit": "%d per %g s, block %g s" % (ELKO_REQUESTS, ELKO_WINDOW_S * scale, ELKO_BLOCK_S * scale),
        "allowed": allowed, "served_in_time": at_end.get("served", 0), "served_total": final.get("served", 0),
        "total": final.get("total", 0), "exceeded": final.get("exceeded", 0), "blocked": final.get("blocked", 0),
        "percent_of_limit": round(100.0 * at_end.get("served", 0) / allowed, 1),
        "client_ok": sum(r["ok"] for r in results), "client_local_refusals": sum(r["local"] for r in results),
        "client_403": sum(r["elko403"] for r in results), "client_other_errors": sum(r["other"] for r in results),
        "events": events, "failures": failures, "state_record": record,
    }
    return figures


def chaos_run(procs, killed, sandbox, path, start, end, window_ms):
    """During the run: a process holds the state file's lock and is SIGKILLed; then workers are SIGKILLed
    at random moments. Returns what happened, with the sandbox's counters around each step."""
    events = []
    time.sleep(max(0, start + 1000 - now_ms()) / 1000)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\n"
        "f = open(sys.argv[1], 'r+b')\n"
        "fcntl.flock(f, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\n"
        "time.sleep(600)\n"), path], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    time.sleep(0.2)  # what was admitted before the lock was taken completes
    before = sandbox.counters().get("total", 0)
    time.sleep(1.0)
    during = sandbox.counters().get("total", 0)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    events.append({"event": "lock holder SIGKILLed after holding the state file's lock 1.2 s",
                   "sent_while_held": during - before})
    time.sleep(0.5)
    after = sandbox.counters().get("total", 0)
    events.append({"event": "0.5 s after the kill", "sent": after - during})
    # Workers killed at random moments (mid-call, mid-wait, maybe mid-write or holding the lock).
    rng = random.Random(5)
    victims = rng.sample(range(len(procs)), 5)
    for v in victims:
        t = rng.uniform(0.1, 0.5)
        time.sleep(t)
        if now_ms() > end - window_ms:
            break
        procs[v].send_signal(signal.SIGKILL)
        killed.add(v)
        events.append({"event": "worker %d (%s) SIGKILLed" % (v, os.path.basename(procs[v].args[1] if procs[v].args[0] == sys.executable or procs[v].args[0] == "php" else procs[v].args[0])),
                       "at_ms": now_ms() - start})
    count, _ = check_record(path)
    events.append({"event": "state file valid after the kills", "in_window": count})
    mark = sandbox.counters().get("total", 0)
    time.sleep(max(0, min(1.0, (end - now_ms()) / 1000)))
    events.append({"event": "after the kills, the survivors went on", "sent": sandbox.counters().get("total", 0) - mark})
    return events


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", required=True)
    ap.add_argument("--time-scale", type=float, default=0.1)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--startup-ms", type=int, default=3000)
    ap.add_argument("--phases", default="shared,unshared,sigkill")
    ap.add_argument("--report", help="also write the figures as JSON to this file")
    args = ap.parse_args()

    ok, all_figures = True, []
    for phase in args.phases.split(","):
        if phase == "shared":
            f = run_phase("shared", args, shared=True)
            good = (f["exceeded"] == 0 and f["blocked"] == 0 and f["client_403"] == 0 and f["percent_of_limit"] >= 90.0
                    and f["client_other_errors"] == 0)
        elif phase == "unshared":
            f = run_phase("unshared", args, shared=False)
            good = f["exceeded"] + f["blocked"] > 0
        elif phase == "sigkill":
            # Long enough for the lock holder (1.2 s) and five random kills before the last window.
            f = run_phase("sigkill", argparse.Namespace(**dict(vars(args), seconds=max(args.seconds, 8.0))),
                          shared=True, chaos=True)
            ev = {e["event"].split(" after")[0]: e for e in f["events"]}
            held = f["events"][0]["sent_while_held"]
            resumed = f["events"][1]["sent"]
            survivors = f["events"][-1]["sent"]
            good = (f["exceeded"] == 0 and f["blocked"] == 0 and f["client_403"] == 0 and held == 0 and resumed > 0
                    and survivors > 0 and f["client_other_errors"] == 0 and len(ev) > 0)
        else:
            raise SystemExit("shared-limit: unknown phase " + phase)
        good = good and not f["failures"]
        all_figures.append(f)
        print("== shared-limit %s: %s" % (phase, "ok" if good else "FAILED"))
        print("   %d workers %s, %g s at %s: sandbox served %d in time (%.1f%% of the %.0f the limit allows), %d in all;"
              " 403s: exceeded %d, blocked %d; client refusals before sending %d; other errors %d"
              % (f["workers"], json.dumps(f["by_language"]), f["seconds"], f["sandbox_limit"], f["served_in_time"],
                 f["percent_of_limit"], f["allowed"], f["served_total"], f["exceeded"], f["blocked"],
                 f["client_local_refusals"], f["client_other_errors"]))
        for e in f["events"]:
            print("   - " + json.dumps(e))
        for x in f["failures"]:
            print("   ! " + x)
        ok = ok and good
    if args.report:
        with open(args.report, "w") as out:
            json.dump(all_figures, out, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
