#!/usr/bin/env python3
"""One placer of the kill test (kill_reconcile.py), through the Python package (bindings/python):
places one order with Client.place_order() and prints the envelope as one JSON line. The test kills it
with SIGKILL while the sandbox holds the answer.

Usage: ELKO_URL=... ELKO_TOKEN=... place_order.py <state_dir> <elko_code> [<customerPo>]
The token is read by the library from ELKO_TOKEN. Exit status: 0 placed, 1 refused or failed, 3 uncertain.
"""
import json
import os
import sys

import elko


def main():
    if len(sys.argv) not in (3, 4) or not os.environ.get("ELKO_URL"):
        print("usage: ELKO_URL=... ELKO_TOKEN=... place_order.py state_dir elko_code [customerPo]", file=sys.stderr)
        return 2
    body = {"lines": [{"elkoCode": sys.argv[2], "quantity": 1}], "backorder": True}
    if len(sys.argv) == 4:
        body["customerPo"] = sys.argv[3]
    # One send waits as long as the test needs (it is killed first); the limiter waits for its slot.
    with elko.Client(base_url=os.environ["ELKO_URL"], state_dir=sys.argv[1], log_level="off", timeout_ms=3600000,
                     rate_limit={"wait_ms": 30000}, retries={"max": 0},
                     orders={"attempt_timeout_ms": 3600000}) as client:
        try:
            print(json.dumps(client.place_order(body)), flush=True)
        except elko.UncertainError as e:
            print("place_order.py: %s, reference %s" % (e, e.reference), file=sys.stderr)
            return 3
        except elko.ElkoError as e:
            print("place_order.py: %s, reference %s" % (e, e.reference), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
