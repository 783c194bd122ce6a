#!/usr/bin/env python3
"""Native memory of the Python binding: 10,000 calls in a loop (a call, a streamed list, an error, in
turn) against a sandbox; resident memory after the first 100 and at the end must stay within 5 MB.

    make leak-check     (or: scripts/with-sandbox.py --sandbox-arg --config --sandbox-arg bench/leak_check.json \
                              -- python3 bench/leak_check.py)
Needs ELKO_URL and ELKO_TOKEN; the sandbox's limit must be raised (bench/leak_check.json).
"""
import gc
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bindings", "python"))
import elko  # noqa: E402

CALLS = int(os.environ.get("LEAK_CALLS", "10000"))
LIMIT_KB = 5 * 1024


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main():
    client = elko.Client(base_url=os.environ["ELKO_URL"], token=os.environ["ELKO_TOKEN"], log_level="off",
                         rate_limit={"requests": 100000, "margin": 0}, retries={"max": 0})
    first = None
    for i in range(CALLS):
        kind = i % 3
        if kind == 0:
            client.call("catalog.vendors")
        elif kind == 1:
            for _ in client.catalog_categories():
                pass
        else:
            try:
                client.orders_get(999999999)
            except elko.NotFoundError:
                pass
        if i + 1 == 100:
            gc.collect()
            first = rss_kb()
    gc.collect()
    end = rss_kb()
    client.close()
    growth = end - first
    print("python leak check: %d calls (call, streamed list, error in turn): RSS after 100 = %d KB, at the end = %d KB, "
          "growth %+d KB (limit %d KB)" % (CALLS, first, end, growth, LIMIT_KB))
    return 0 if growth <= LIMIT_KB else 1


if __name__ == "__main__":
    sys.exit(main())
