"""One worker of the shared-limit test (tests/shared-limit/run.py), through the Python package
(bindings/python on PYTHONPATH): calls catalog.vendors as fast as it can from start_ms to end_ms (wall
clock), then prints {"lang": "python", "ok": N, "local": N, "elko403": N, "other": N}.

Usage: driver.py <base_url> <token> <extra options JSON object> <start_ms> <end_ms>
"""
import json
import sys
import time

import elko


def main():
    url, token, extra, start, end = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    counts = {"lang": "python", "ok": 0, "local": 0, "elko403": 0, "other": 0}
    with elko.Client(base_url=url, token=token, retries={"max": 0}, **extra) as client:
        time.sleep(max(0, start - time.time() * 1000) / 1000)
        while time.time() * 1000 < end:
            try:
                client.call("catalog.vendors")
                counts["ok"] += 1
            except elko.RateLimitedError as e:
                if e.http_status:
                    counts["elko403"] += 1
                else:
                    counts["local"] += 1
                    time.sleep(max(0.0, min(e.retry_after, (end - time.time() * 1000) / 1000)))
            except elko.ElkoError as e:
                if counts["other"] == 0:
                    print("driver.py:", e, file=sys.stderr)
                counts["other"] += 1
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main()
