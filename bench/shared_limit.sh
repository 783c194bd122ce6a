#!/usr/bin/env bash
# Issue 5 at real time (not part of `make test`; `make bench-shared-limit`): 16 processes (C, Python, PHP)
# with one token against a sandbox enforcing ELKO's real limit (50 per 10 s, 60 s block), each calling as
# fast as it can. Shared budget for SECONDS (default 80), then sharing switched off for UNSHARED_SECONDS
# (default 20). Writes bench/results/shared-limit.md.
#
# Usage: bench/shared_limit.sh build/shared-limit/driver
set -euo pipefail
driver=${1:?usage: bench/shared_limit.sh path/to/driver}
root=$(cd "$(dirname "$0")/.." && pwd)
export ELKO_BIN=${ELKO_BIN:-$root/.build/debug/elko}
export ELKO_LIBRARY=${ELKO_LIBRARY:-$root/build/libelko.so}
seconds=${SECONDS_SHARED:-80}
unshared=${UNSHARED_SECONDS:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$root/tests/shared-limit/run.py" --driver "$driver" --time-scale 1 --seconds "$seconds" \
  --phases shared --startup-ms 3000 --report "$tmp/shared.json" | tee "$tmp/shared.txt" || true
python3 "$root/tests/shared-limit/run.py" --driver "$driver" --time-scale 1 --seconds "$unshared" \
  --phases unshared --startup-ms 3000 --report "$tmp/unshared.json" | tee "$tmp/unshared.txt" || true

python3 - "$tmp/shared.json" "$tmp/unshared.json" "$root/bench/results/shared-limit.md" <<'PY'
import json, platform, subprocess, sys, time
shared, unshared = json.load(open(sys.argv[1]))[0], json.load(open(sys.argv[2]))[0]
def row(f):
    return "| %s | %d (%s) | %g s | %.0f | %d | %d | %.1f%% | %d | %d | %d |" % (
        "on (default)" if f["shared"] else "off", f["workers"], ", ".join("%s %d" % kv for kv in sorted(f["by_language"].items())),
        f["seconds"], f["allowed"], f["served_in_time"], f["served_total"], f["percent_of_limit"], f["exceeded"], f["blocked"],
        f["client_local_refusals"])
cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
with open(sys.argv[3], "w") as out:
    out.write("""# Shared rate-limit budget at real time (issue 5)

`bench/shared_limit.sh` (`make bench-shared-limit`), %s, %s, %s cores. 16 worker processes at once — C
(libelko), Python (bindings/python over ctypes) and PHP (bindings/php over FFI) — all with one token,
each calling `catalog.vendors` as fast as it can (client option `rate_limit.wait_ms` 20000: calls wait
for a slot rather than fail), against `elko sandbox --time-scale 1`, which enforces ELKO's limit: 50
requests per sliding 10 s, then 403 for every request of the token for 60 s. The client's defaults:
48 per 10 s (margin 2). "Allowed" is what the limit allows over the run (50 per 10 s x duration);
"served in time" is the sandbox's `served` counter when the run's time was up, "served in all"
includes the calls that were waiting for a slot at that moment.

| shared budget | processes | duration | allowed | served in time | served in all | of the limit | 403 exceeded | 403 blocked | refused by the client before sending |
|---|---|---|---|---|---|---|---|---|---|
%s
%s

With the budget shared (the default) the sandbox never answered 403 and served %.1f%% of what the limit
allows; the missing %.1f%% is the margin of 2 requests per window kept for clocks and in-flight requests.
With sharing switched off every process counts alone: the first window is exceeded at once, the token is
blocked for 60 s, and the processes spend the rest of the run refused.
""" % (time.strftime("%Y-%m-%d"), platform.platform(terse=True), cpu, row(shared), row(unshared),
       shared["percent_of_limit"], 100 - shared["percent_of_limit"]))
print(open(sys.argv[3]).read())
PY
