#!/usr/bin/env python3
"""A real PHP-FPM serving a shop that uses elko/elko, as production runs it (`make test-php-fpm`).

Everything lives in a temporary folder: a Composer project that installs elko/elko from the staged
package (bindings/php/tests/composer/install-project.sh, offline), the front script vendors.php, a
php.ini (Debian's FPM php.ini plus ffi.enable=preload, opcache.enable=1, opcache.preload=the package's
preload.php — as root, the README's way: opcache.preload_user and ffi.preload with the header
preload.php writes), a pool (pm static, 20 workers — as the user nobody when started as root — on a unix
socket) and two sandboxes: "budget" with ELKO's real limit (50 requests per 10 s, then a 60 s block) and
"fast" whose limit does not get in the way. Requests go over FastCGI with cgi-fcgi (libfcgi-bin).

Checks, numbers printed:
  1. 20 concurrent requests each calling catalog.vendors 3 times on "budget" (60 calls, more than ELKO
     allows in 10 s): all 20 answered 200, and the sandbox counted 0 requests over the limit and 0
     blocked (GET {admin}/counters) — the workers shared one budget through libelko's state directory.
  2. Memory: 200 warm-up requests, every worker's VmRSS read from /proc, 1,000 requests, read again: no
     worker grew by more than RSS_TOLERANCE_KB.
  3. No worker crashed: the same 20 worker pids from start to end, nothing like "exited on signal" in
     FPM's log, no PHP error logged. FPM is stopped by its master's pid (SIGQUIT), and must say bye.

Usage: fpm_check.py --package build/php/package --elko .build/debug/elko [--php-fpm /usr/sbin/php-fpm8.2]
"""
import argparse
import concurrent.futures
import json
import os
import grp
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
WORKERS = 20
CONCURRENT = 20
BUDGET_CALLS = 3  # per request: 20 x 3 = 60 calls, above ELKO's 50 per 10 s
WARMUP = 200
REQUESTS = 1000
RSS_TOLERANCE_KB = 3072
DEADLINE_S = 150  # the whole test, well under `make`'s 3 minutes


def log(message: str) -> None:
    print("test-php-fpm: " + message, flush=True)


class Failure(Exception):
    pass


class Sandbox:
    def __init__(self, elko: str, config: dict, folder: str, name: str) -> None:
        path = os.path.join(folder, name + ".json")
        with open(path, "w") as f:
            json.dump(config, f)
        self.proc = subprocess.Popen([elko, "sandbox", "--port", "0", "--admin", "--config", path],
                                     stdout=subprocess.PIPE, text=True)
        self.name = name

    def ready(self) -> "Sandbox":
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise Failure("sandbox %s exited before printing its address" % self.name)
        info = json.loads(line)
        self.url, self.token, self.admin = info["url"], info["token"], info["admin"]
        return self

    def counters(self) -> dict:
        with urllib.request.urlopen(self.admin + "/counters", timeout=30) as r:
            return json.loads(r.read())

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def workers_of(master: int) -> list:
    """Pids of the FPM master's children (its workers), from /proc."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            pids.append(int(entry))
    return sorted(pids)


def rss_kb(pid: int) -> int:
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise Failure("no VmRSS for %d" % pid)


class FastCGI:
    """Requests to the pool with cgi-fcgi, with a CGI environment of its own (cgi-fcgi sends its whole
    environment as FastCGI parameters)."""

    def __init__(self, socket_path: str, script: str) -> None:
        self.socket_path = socket_path
        self.script = script

    def get(self, query: str) -> tuple:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GATEWAY_INTERFACE": "CGI/1.1",
               "REQUEST_METHOD": "GET", "SCRIPT_FILENAME": self.script, "SCRIPT_NAME": "/vendors.php",
               "REQUEST_URI": "/vendors.php?" + query, "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1",
               "SERVER_NAME": "localhost", "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1", "CONTENT_LENGTH": "0"}
        out = subprocess.run(["cgi-fcgi", "-bind", "-connect", self.socket_path], env=env, capture_output=True,
                             timeout=90)
        head, _, body = out.stdout.partition(b"\r\n\r\n")
        status = 200
        for line in head.decode("latin-1").split("\r\n"):
            if line.lower().startswith("status:"):
                status = int(line.split()[1])
        try:
            doc = json.loads(body)
        except ValueError:
            doc = {"ok": False, "raw": body[:500].decode("utf-8", "replace"),
                   "stderr": out.stderr[:500].decode("utf-8", "replace"), "exit": out.returncode}
        return status, doc

    def many(self, query: str, count: int, concurrency: int) -> list:
        with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
            return list(pool.map(lambda _: self.get(query), range(count)))


def check_all_served(results: list, what: str) -> None:
    bad = [(s, d) for s, d in results if s != 200 or not d.get("ok")]
    if bad:
        raise Failure("%s: %d of %d requests not served, e.g. %s" % (what, len(bad), len(results), bad[:3]))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", required=True)
    ap.add_argument("--elko", required=True)
    ap.add_argument("--php-fpm", default=shutil.which("php-fpm8.2") or "/usr/sbin/php-fpm8.2")
    ap.add_argument("--php", default="php")
    args = ap.parse_args()
    deadline = time.monotonic() + DEADLINE_S
    # `timeout` (make) or a Ctrl-C: stop FPM and the sandboxes on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("test-php-fpm: terminated"))

    as_root = os.geteuid() == 0
    tmp = tempfile.mkdtemp(prefix="elko-fpm-")
    os.chmod(tmp, 0o755)  # the workers' user reads the project and the socket folder
    sandboxes = []
    fpm = None
    try:
        budget = Sandbox(args.elko, {}, tmp, "budget")  # ELKO's rules: 50 per 10 s, then 60 s blocked
        sandboxes.append(budget)
        fast = Sandbox(args.elko, {"rateLimit": {"requests": 1000000}}, tmp, "fast")
        sandboxes.append(fast)

        shop = os.path.join(tmp, "shop")
        subprocess.check_call(["bash", os.path.join(HERE, "..", "composer", "install-project.sh"), args.package, shop])
        os.makedirs(os.path.join(shop, "public"))
        script = os.path.join(shop, "public", "vendors.php")
        shutil.copyfile(os.path.join(HERE, "vendors.php"), script)
        preload = os.path.join(shop, "vendor", "elko", "elko", "preload.php")
        header = os.path.join(tmp, "elko.h")
        env = {k: v for k, v in os.environ.items() if k != "ELKO_LIBRARY"}
        subprocess.check_call([args.php, preload, "--write-header", header], env=env)

        state = os.path.join(tmp, "state")  # the shared budget of every worker
        os.mkdir(state, 0o700)
        user = group = None
        if as_root:
            user, group = "nobody", grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name
            os.chown(state, pwd.getpwnam(user).pw_uid, -1)

        version = subprocess.check_output([args.php_fpm, "-v"], text=True).split()[1].rsplit(".", 1)[0]
        base_ini = "/etc/php/%s/fpm/php.ini" % version
        ini = open(base_ini).read() if os.path.exists(base_ini) else ""
        ini += "\n; elko: production settings as bindings/php/README.md describes them\n"
        ini += "ffi.enable=preload\nopcache.enable=1\nopcache.preload=%s\n" % preload
        if as_root:
            ini += "opcache.preload_user=%s\nffi.preload=%s\n" % (user, header)
        ini += "log_errors=On\ndisplay_errors=Off\nerror_log=%s/php-errors.log\n" % tmp
        with open(os.path.join(tmp, "php.ini"), "w") as f:
            f.write(ini)

        budget.ready()
        fast.ready()
        sock = os.path.join(tmp, "fpm.sock")
        conf = "\n".join([
            "[global]", "pid = %s/fpm.pid" % tmp, "error_log = %s/fpm.log" % tmp, "log_level = notice",
            "daemonize = no", "",
            "[shop]",
            *(["user = %s" % user, "group = %s" % group] if as_root else []),
            "listen = %s" % sock, "listen.mode = 0600",
            "pm = static", "pm.max_children = %d" % WORKERS, "pm.max_requests = 0",
            "request_terminate_timeout = 120", "catch_workers_output = yes", "clear_env = yes",
            "env[ELKO_BUDGET_URL] = %s" % budget.url, "env[ELKO_BUDGET_TOKEN] = %s" % budget.token,
            "env[ELKO_FAST_URL] = %s" % fast.url, "env[ELKO_FAST_TOKEN] = %s" % fast.token,
            "env[ELKO_STATE_DIR] = %s" % state, "",
        ])
        with open(os.path.join(tmp, "php-fpm.conf"), "w") as f:
            f.write(conf)

        fpm = subprocess.Popen([args.php_fpm, "-F", "-y", os.path.join(tmp, "php-fpm.conf"),
                                "-c", os.path.join(tmp, "php.ini")], env=env)
        while len(workers_of(fpm.pid)) < WORKERS or not os.path.exists(sock):
            if fpm.poll() is not None or time.monotonic() > deadline:
                raise Failure("php-fpm did not start its %d workers (exit %s): %s"
                              % (WORKERS, fpm.poll(), open(os.path.join(tmp, "fpm.log")).read()[-2000:]))
            time.sleep(0.05)
        start_workers = workers_of(fpm.pid)
        log("php-fpm %s master pid %d, %d workers%s, unix socket %s; %s" % (
            version, fpm.pid, len(start_workers), " as %s" % user if user else "", sock,
            "ffi.enable=preload opcache.enable=1 opcache.preload=<package>/preload.php"
            + (" opcache.preload_user=%s ffi.preload=<header>" % user if as_root else "")))
        fcgi = FastCGI(sock, script)

        # 1. 20 concurrent requests, together over ELKO's limit, one budget.
        t0 = time.monotonic()
        results = fcgi.many("sandbox=budget&calls=%d" % BUDGET_CALLS, CONCURRENT, CONCURRENT)
        elapsed = time.monotonic() - t0
        check_all_served(results, "budget")
        docs = [d for _, d in results]
        sources = {d["source"] for d in docs}
        if sources != {"FFI::scope('elko')"}:
            raise Failure("the workers did not use the preloaded FFI scope: %s" % sources)
        counters = budget.counters()
        log("budget: %d concurrent requests x %d calls = %d calls (ELKO allows 50 per 10 s): %d served 200 by %d "
            "workers in %.1f s, longest wait %.1f s; sandbox counters %s"
            % (CONCURRENT, BUDGET_CALLS, CONCURRENT * BUDGET_CALLS, len(docs), len({d["pid"] for d in docs}),
               elapsed, max(d["waited_ms"] for d in docs) / 1000.0, json.dumps(counters, sort_keys=True)))
        exceeded = sum(int(c.get("exceeded", 0)) for c in _flatten(counters))
        blocked = sum(int(c.get("blocked", 0)) for c in _flatten(counters))
        served = sum(int(c.get("served", 0)) for c in _flatten(counters))
        if served != CONCURRENT * BUDGET_CALLS:
            raise Failure("the budget sandbox served %d requests, expected %d" % (served, CONCURRENT * BUDGET_CALLS))
        if exceeded or blocked:
            raise Failure("the sandbox counted %d requests over the limit and %d blocked (403s)" % (exceeded, blocked))
        log("budget: 0 x 403 (exceeded %d, blocked %d, served %d)" % (exceeded, blocked, served))

        # 2. Memory per worker over 1,000 requests.
        check_all_served(fcgi.many("sandbox=fast", WARMUP, CONCURRENT), "warm-up")
        before = {pid: rss_kb(pid) for pid in workers_of(fpm.pid)}
        t0 = time.monotonic()
        results = fcgi.many("sandbox=fast", REQUESTS, CONCURRENT)
        elapsed = time.monotonic() - t0
        check_all_served(results, "memory")
        after = {pid: rss_kb(pid) for pid in workers_of(fpm.pid)}
        per_worker: dict = {}
        for _, d in results:
            per_worker[d["pid"]] = per_worker.get(d["pid"], 0) + 1
        log("memory: %d requests (catalog.vendors each) served in %.1f s by %d workers; VmRSS per worker, kB:"
            % (REQUESTS, elapsed, len(per_worker)))
        grown = []
        for pid in sorted(before):
            delta = after.get(pid, -1) - before[pid]
            print("    worker %7d: %4d requests, before %6d, after %6d, delta %+5d" % (
                pid, per_worker.get(pid, 0), before[pid], after.get(pid, -1), delta))
            if pid not in after or delta > RSS_TOLERANCE_KB:
                grown.append(pid)
        deltas = [after[p] - before[p] for p in before if p in after]
        log("memory: delta min %+d kB, max %+d kB, total %+d kB over %d workers (tolerance %d kB per worker)"
            % (min(deltas), max(deltas), sum(deltas), len(deltas), RSS_TOLERANCE_KB))
        if grown:
            raise Failure("workers %s grew by more than %d kB (or vanished)" % (grown, RSS_TOLERANCE_KB))

        # 3. No crash: same workers, nothing in the logs.
        end_workers = workers_of(fpm.pid)
        if end_workers != start_workers:
            raise Failure("workers changed (a crash or a respawn): %s -> %s" % (start_workers, end_workers))
        if time.monotonic() > deadline:
            raise Failure("took longer than %d s" % DEADLINE_S)
    finally:
        if fpm is not None and fpm.poll() is None:
            os.kill(fpm.pid, signal.SIGQUIT)  # graceful stop, by the master's pid
            try:
                fpm.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(fpm.pid, signal.SIGKILL)
                fpm.wait()
        for s in sandboxes:
            s.stop()
    fpm_log = open(os.path.join(tmp, "fpm.log")).read()
    php_errors = os.path.join(tmp, "php-errors.log")
    php_log = open(php_errors).read() if os.path.exists(php_errors) else ""
    bad = [line for line in fpm_log.splitlines()
           if any(w in line for w in ("signal", "SIGSEGV", "exited with code", "WARNING", "ERROR"))]
    try:
        if bad or php_log.strip():
            raise Failure("FPM or PHP logged trouble:\n%s\n%s" % ("\n".join(bad), php_log[-2000:]))
        if "exiting, bye-bye" not in fpm_log:
            raise Failure("FPM did not stop cleanly:\n" + fpm_log[-2000:])
        log("no worker crashed: the same %d worker pids throughout, FPM's log clean, stopped by pid %d (SIGQUIT)"
            % (WORKERS, fpm.pid if fpm else 0))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log("ok")
    return 0


def _flatten(counters) -> list:
    """The per-token counter objects of GET /_sandbox/counters, whatever it nests them in."""
    if isinstance(counters, list):
        return [c for c in counters if isinstance(c, dict)]
    if isinstance(counters, dict):
        if "exceeded" in counters or "served" in counters:
            return [counters]
        out = []
        for v in counters.values():
            out.extend(_flatten(v))
        return out
    return []


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        sys.exit("test-php-fpm: FAILED: %s" % e)
