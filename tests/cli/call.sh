#!/usr/bin/env bash
# `elko call` against a sandbox (run by scripts/with-sandbox.py, which sets ELKO_URL and ELKO_TOKEN):
# answers on stdout, ELKO's message on stderr, exit status by kind of error.
set -u
elko=${ELKO_BIN:-.build/debug/elko}
passed=0; failed=0
check() {  # check NAME EXPECTED-EXIT EXPECTED-TEXT -- command...
    local name=$1 want=$2 text=$3; shift 4
    local out; out=$("$@" 2>&1); local got=$?
    if [ "$got" = "$want" ] && [[ "$out" == *"$text"* ]]; then passed=$((passed+1)); else
        failed=$((failed+1)); echo "FAIL $name: exit $got (want $want), output: ${out:0:300}"; fi
}
check vendors 0 '"code":' -- "$elko" call catalog.vendors --url "$ELKO_URL"
check ua-dialect 0 '"translation"' -- "$elko" call catalog.categories --url "$ELKO_URL" --dialect ua
check xml 0 '<ArrayOfVendor' -- "$elko" call catalog.vendors --url "$ELKO_URL" --format xml
check bad-request 3 'The Lines field is required.' -- "$elko" call orders.create '{"body":{}}' --url "$ELKO_URL"
check unknown-operation 2 'unknown operation "nope"' -- "$elko" call nope --url "$ELKO_URL"
check bad-params 2 'JSON' -- "$elko" call catalog.vendors '{"x":' --url "$ELKO_URL"
check bad-token 3 'token' -- env ELKO_TOKEN=nonsense "$elko" call account.get --url "$ELKO_URL"
check no-server 4 'connect' -- "$elko" call account.get --url http://127.0.0.1:1
check no-url 64 '--url' -- "$elko" call account.get
# Orders: exactly once, the outcome of a lost answer settled by its reference; exit 5 while in doubt.
state=$(mktemp -d)
code=$("$elko" call catalog.products --url "$ELKO_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["elkoCode"])')
order="{\"body\":{\"backorder\":true,\"lines\":[{\"elkoCode\":$code,\"quantity\":1}]}}"
admin() {  # admin METHOD [JSON]: the sandbox's fault API (Python's urllib: no curl needed)
    python3 -c 'import sys, urllib.request as u; u.urlopen(u.Request(sys.argv[1], data=sys.argv[3].encode() if len(sys.argv) > 3 else None, method=sys.argv[2])).read()' "$ELKO_ADMIN_URL/faults" "$@"
}
opts="$state/options.json"
printf '{"version":1,"base_url":"%s","state_dir":"%s","timeout_ms":2000,"log_level":"off","orders":{"settle_ms":50,"attempt_timeout_ms":500}}' "$ELKO_URL" "$state" > "$opts"
admin POST '{"fault":"reset-after","operation":"orders.create"}'
check place-reconciled 0 '"reconciled":true' -- "$elko" orders place "$order" --options "$opts"
admin POST '{"fault":"reset-after","operation":"orders.create"}'
admin POST '{"fault":"reset","count":10000,"operation":"orders.list"}'
check call-uncertain 5 'reference: elko-' -- "$elko" call orders.create "$order" --options "$opts"
admin DELETE
check pending 0 '"count":1' -- "$elko" orders pending --options "$opts"
check reconcile 0 '"placed":1' -- "$elko" orders reconcile --options "$opts"
check reconcile-again 0 '"entries":[]' -- "$elko" orders reconcile --options "$opts"
rm -rf "$state"
# The token never appears in what the command prints about an error.
out=$(env ELKO_TOKEN="$ELKO_TOKEN" "$elko" call orders.create '{"body":{}}' --url "$ELKO_URL" 2>&1)
if [[ "$out" == *"$ELKO_TOKEN"* ]]; then failed=$((failed+1)); echo "FAIL token appears in output"; else passed=$((passed+1)); fi
echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
