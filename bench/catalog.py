#!/usr/bin/env python3
"""Full catalog to native values, libelko vs a hand-written client, in PHP, Python and C (issue 6).

For each catalog size the release sandbox is started (its rate limit lifted) and, side by side,
  PHP:    libelko generator (elko/elko)      vs curl_exec + json_decode        (bench/php/catalog.php)
  Python: libelko iterator (elko package)    vs http.client + json.loads       (bench/python/catalog.py)
  C:      libelko iterator + jansson/element vs libcurl + jansson of the body  (bench/c/stream_catalog.c)
each touching every product (sum of "price", count of products in stock). Every measurement runs in a
process of its own (peak RSS from wait4's rusage, so it is that process's own); the modes are
interleaved over the repetitions and the median is reported. PHP and Python also run "elko-item": one
library call and one decode per element (the bindings before elko_iter_next_batch), for reference.

Usage: bench/catalog.py --elko .build/release/elko --c-bench build/bench_stream_catalog
                        [--sizes 10000,50000,200000] [--reps 3] [--out bench/results/catalog.md]
Needs PHP's curl extension for the PHP baseline: installed with apt-get (php-curl) when missing and
running as root; otherwise the PHP baseline is reported as skipped.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def php_has_curl(php):
    return subprocess.call([php, "-r", "exit(extension_loaded('curl') ? 0 : 1);"]) == 0


def ensure_php_curl(php):
    """PHP's baseline needs ext-curl (Debian: php-curl). Installs it when missing and root."""
    if php_has_curl(php):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("bench: PHP's curl extension is missing: apt-get install -y php-curl", file=sys.stderr)
        q = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        if subprocess.call(["apt-get", "install", "-y", "-qq", "php-curl"], **q) != 0:
            subprocess.call(["apt-get", "update", "-qq"], **q)
            subprocess.call(["apt-get", "install", "-y", "-qq", "php-curl"], **q)
    return php_has_curl(php)


class Sandbox:
    def __init__(self, elko, products):
        self.cfg = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        # The limit is lifted: these runs measure speed, not the 50-per-10-s rule.
        json.dump({"products": products, "port": 0, "rateLimit": {"requests": 1000000}}, self.cfg)
        self.cfg.close()
        self.proc = subprocess.Popen([elko, "sandbox", "--config", self.cfg.name, "--warm"],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("bench: the sandbox exited before printing its address")
        info = json.loads(line)
        self.url, self.token = info["url"], info["token"]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.unlink(self.cfg.name)


def run(argv):
    """Runs argv in a child process of its own; returns (parsed JSON line, peak RSS KiB)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        os.dup2(w, 1)
        os.close(w)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    os.close(w)
    chunks = []
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(r)
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit("bench: %s exited with %d" % (" ".join(argv[:3]), code))
    line = b"".join(chunks).decode().strip().splitlines()[-1]
    return json.loads(line), usage.ru_maxrss


def fmt_s(x):
    return "%.3f" % x if x < 10 else "%.2f" % x


def fmt_mb(kib):
    return "%.0f" % (kib / 1024.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elko", default=os.path.join(ROOT, ".build", "release", "elko"))
    ap.add_argument("--c-bench", default=os.path.join(ROOT, "build", "bench_stream_catalog"))
    ap.add_argument("--php", default=os.environ.get("PHP", "php"))
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10000,50000,200000"))
    ap.add_argument("--reps", type=int, default=int(os.environ.get("BENCH_REPS", "3")))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "catalog.md"))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    php_curl = ensure_php_curl(args.php)
    php_script = os.path.join(ROOT, "bench", "php", "catalog.php")
    py_script = os.path.join(ROOT, "bench", "python", "catalog.py")
    php = [args.php, "-d", "memory_limit=-1", php_script]
    modes = [  # (language, mode, argv prefix)
        ("PHP", "elko", php + ["elko"]),
        ("PHP", "elko-item", php + ["elko-item"]),
        ("Python", "elko", [args.python, py_script, "elko"]),
        ("Python", "elko-item", [args.python, py_script, "elko-item"]),
        ("Python", "baseline", [args.python, py_script, "baseline"]),
        ("C", "elko", [args.c_bench, "elko"]),
        ("C", "baseline", [args.c_bench, "baseline"]),
    ]
    if php_curl:
        modes.insert(2, ("PHP", "baseline", php + ["baseline"]))
    else:
        print("bench: PHP's curl extension is not available: the PHP baseline is skipped", file=sys.stderr)

    results = {}  # (size, lang, mode) -> [(wall, rss_kib)]
    body_bytes = {}
    for size in sizes:
        print("bench: catalog of %d products: starting the sandbox" % size, file=sys.stderr)
        sb = Sandbox(args.elko, size)
        try:
            check = {}
            for rep in range(args.reps):
                for lang, mode, argv in modes:
                    doc, rss = run(argv + [sb.url, sb.token])
                    if doc["products"] != size:
                        raise SystemExit("bench: %s %s saw %d products, not %d" % (lang, mode, doc["products"], size))
                    key = (doc["in_stock"], round(doc["price_sum"], 0))
                    if check.setdefault(lang, key) != key:
                        raise SystemExit("bench: %s %s touched other values (%s) than the other modes (%s)"
                                         % (lang, mode, key, check[lang]))
                    if "bytes" in doc and mode == "baseline":
                        body_bytes[size] = doc["bytes"]
                    results.setdefault((size, lang, mode), []).append((doc["wall_s"], rss))
                    print("bench: %7d %-6s %-9s rep %d: %.3f s, %.1f MB" % (size, lang, mode, rep + 1, doc["wall_s"],
                                                                          rss / 1024.0), file=sys.stderr)
        finally:
            sb.stop()

    def med(size, lang, mode):
        runs = results.get((size, lang, mode))
        if not runs:
            return None
        return statistics.median(w for w, _ in runs), statistics.median(r for _, r in runs)

    lines = []
    lines.append("# Full catalog to native values: libelko vs a hand-written client")
    lines.append("")
    lines.append("%s, %d cores, %s; `make bench` (bench/catalog.py). Sandbox: release build, rate limit lifted, "
                 "on the same cores as the client. Median of %d runs, each in its own process; every run touches "
                 "every product (sums `price`, counts products in stock). Wall time from creating the client "
                 "(or opening the connection) to the last product touched; peak RSS of the whole process "
                 "(interpreter and libelko included)."
                 % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"), os.cpu_count() or 0,
                    platform.platform(terse=True), args.reps))
    lines.append("")
    lines.append("- PHP: `Elko\\Client::iterate()` (generator) vs `curl_exec` + `json_decode`")
    lines.append("- Python: `elko.Client.iterate()` (iterator) vs `http.client` + `json.loads`")
    lines.append("- C: `elko_iter_next()` + `json_loadb` per product vs libcurl + `json_loadb` of the whole body")
    lines.append("")
    lines.append("| products | JSON | language | libelko wall | baseline wall | time ratio | libelko peak RSS | "
                 "baseline peak RSS | memory ratio |")
    lines.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    verdict = []
    for size in sizes:
        mb = "%.0f MB" % (body_bytes[size] / 1e6) if size in body_bytes else ""
        for lang in ("PHP", "Python", "C"):
            e, b = med(size, lang, "elko"), med(size, lang, "baseline")
            if e is None:
                continue
            if b is None:
                lines.append("| %d | %s | %s | %s s | skipped | | %s MB | skipped | |"
                             % (size, mb, lang, fmt_s(e[0]), fmt_mb(e[1])))
                continue
            tr, mr = e[0] / b[0], e[1] / b[1]
            lines.append("| %d | %s | %s | %s s | %s s | **%.2f** | %s MB | %s MB | **%.2f** |"
                         % (size, mb, lang, fmt_s(e[0]), fmt_s(b[0]), tr, fmt_mb(e[1]), fmt_mb(b[1]), mr))
            target = 1.2 if lang == "C" else 1.0
            verdict.append((size, lang, tr, target, mr))
    lines.append("")
    lines.append("Per-element calls (one `elko_iter_next()` and one decode per product — the bindings before "
                 "`elko_iter_next_batch()`), for reference:")
    lines.append("")
    lines.append("| products | language | per-element wall | time ratio to baseline | peak RSS |")
    lines.append("|---:|---|---:|---:|---:|")
    for size in sizes:
        for lang in ("PHP", "Python"):
            i, b = med(size, lang, "elko-item"), med(size, lang, "baseline")
            if i is None:
                continue
            ratio = "%.2f" % (i[0] / b[0]) if b else ""
            lines.append("| %d | %s | %s s | %s | %s MB |" % (size, lang, fmt_s(i[0]), ratio, fmt_mb(i[1])))
    lines.append("")
    lines.append("Targets (issue 6): time ratio ≤ 1.0 in PHP and Python, ≤ 1.2 in C; peak memory streaming "
                 "200,000 products ≤ 0.25 of the baseline's.")
    lines.append("")
    for size, lang, tr, target, mr in verdict:
        ok_t = "met" if tr <= target else "MISSED"
        mem = ""
        if size == max(sizes):
            mem = "; memory %.2f ≤ 0.25 %s" % (mr, "met" if mr <= 0.25 else "MISSED")
        lines.append("- %d %s: time %.2f ≤ %.1f %s%s" % (size, lang, tr, target, ok_t, mem))
    lines.append("")
    lines.append("Raw runs (wall s / peak RSS MB):")
    lines.append("")
    for (size, lang, mode), runs in sorted(results.items()):
        lines.append("- %d %s %s: %s" % (size, lang, mode, ", ".join("%.3f / %.1f" % (w, r / 1024.0) for w, r in runs)))
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
