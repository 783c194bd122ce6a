#!/usr/bin/env python3
"""Full catalog to native values in Python: the elko package's iterator vs a hand-written client
(http.client reads the whole body, json.loads parses it at once). Every mode touches every product: it
sums "price" and counts the products in stock ("quantity" is a string such as "0", "8", ">10").
Not a test: a benchmark for issue 6 (bench/catalog.py runs it, one process per measurement).

  python3 bench/python/catalog.py elko|elko-item|baseline URL TOKEN

elko       Client.iterate("catalog.products"): the binding's default (batches of elements per call)
elko-item  one elko_iter_next() call and one json.loads per element (the binding before batches)
baseline   http.client + json.loads of the whole answer

Prints one JSON line: mode, products, in_stock, price_sum, wall_s (from before the client is created to
after the last product was touched; interpreter start-up, imports and loading libelko.so excluded).
"""
import ctypes
import http.client
import json
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import elko  # noqa: E402  (imports and loading libelko.so happen before the clock starts, as for http.client)
from elko import _native  # noqa: E402

# The sandbox's limit is lifted for speed runs; so is the client's own (one request per process, but
# the benchmark starts many processes in a few seconds).
LIFTED = {"requests": 100000, "window_ms": 1000, "margin": 0}


def touch(products, state):
    n, in_stock, total = state
    for p in products:
        n += 1
        total += p["price"]
        q = p["quantity"]
        if q and q != "0":
            in_stock += 1
    return n, in_stock, total


def run_elko(url, token):
    with elko.Client(base_url=url, token=token, timeout_ms=3600000, rate_limit=LIFTED) as c:
        return touch(c.iterate("catalog.products"), (0, 0, 0.0))


def run_elko_item(url, token):
    lib = _native.load()
    with elko.Client(base_url=url, token=token, timeout_ms=3600000, rate_limit=LIFTED) as c:
        it, err = ctypes.c_void_p(), ctypes.c_void_p()
        if lib.elko_iter_new(c._handle, b"catalog.products", None, 0, ctypes.byref(it), ctypes.byref(err)) != 0:
            sys.exit("elko_iter_new failed")

        def items():
            item, n, e = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
            while True:
                r = lib.elko_iter_next(it, ctypes.byref(item), ctypes.byref(n), ctypes.byref(e))
                if r != 1:
                    if r < 0:
                        sys.exit("elko_iter_next failed")
                    return
                yield json.loads(ctypes.string_at(item.value, n.value))
        try:
            return touch(items(), (0, 0, 0.0))
        finally:
            lib.elko_iter_free(it)


def run_baseline(url, token):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=3600)
    conn.request("GET", u.path + "/v3.0/api/Catalog/Products",
                 headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    r = conn.getresponse()
    if r.status != 200:
        sys.exit("baseline: HTTP %d" % r.status)
    products = json.loads(r.read())
    conn.close()
    return touch(products, (0, 0, 0.0))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("elko", "elko-item", "baseline"):
        sys.exit(__doc__)
    mode, url, token = sys.argv[1:]
    run = {"elko": run_elko, "elko-item": run_elko_item, "baseline": run_baseline}[mode]
    if mode != "baseline":
        _native.load()
    t0 = time.perf_counter()
    n, in_stock, total = run(url, token)
    wall = time.perf_counter() - t0
    print(json.dumps({"mode": mode, "products": n, "in_stock": in_stock, "price_sum": round(total, 2),
                      "wall_s": round(wall, 4)}))


if __name__ == "__main__":
    main()
