#!/usr/bin/env bash
# Sandbox speed: a 200,000-product catalog served from its prepared body, and small requests per
# second with wrk. Loopback only. Usage: bench/sandbox.sh PATH/TO/elko   (make bench builds it)
set -euo pipefail
elko=${1:-.build/release/elko}
out=bench/results/sandbox.md
mkdir -p bench/results
if ! command -v wrk >/dev/null; then
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
cfg=$(mktemp)
# The limit is lifted so that wrk measures the server, not the 50-per-10-s rule.
echo '{"products": 200000, "port": 0, "rateLimit": {"requests": 1000000}}' > "$cfg"
log=$(mktemp)
start=$(date +%s.%N)
"$elko" sandbox --config "$cfg" --warm > "$log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$cfg" "$log"' EXIT
while [ ! -s "$log" ]; do sleep 0.1; done
ready=$(date +%s.%N)
url=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["url"])' "$log")
token=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["token"])' "$log")

catalog() {
    curl -s -o /dev/null -H "Authorization: Bearer $token" -w '%{time_total} %{size_download}\n' "$url/v3.0/api/Catalog/Products"
}
c1=$(catalog); c2=$(catalog); c3=$(catalog)
small=$(wrk -t2 -c16 -d10s -H "Authorization: Bearer $token" "$url/v3.0/api/Catalog/Vendors" | tee /dev/stderr)
account=$(wrk -t2 -c16 -d10s -H "Authorization: Bearer $token" "$url/v3.0/api/Accounts/My" | tee /dev/stderr)
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
lat() { echo "$1" | awk '/Latency/ {print $2}'; }
{
    echo "# Sandbox benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, release build)"
    echo
    echo "| what | result |"
    echo "|---|---|"
    echo "| start with a 200,000-product catalog, bodies prepared (--warm) | $(python3 -c "print(round($ready-$start,2))") s |"
    for c in "$c1" "$c2" "$c3"; do
        set -- $c
        echo "| GET full catalog (200,000 products, $(python3 -c "print(round($2/1e6,1))") MB) | $1 s |"
    done
    echo "| small requests (Catalog/Vendors), wrk 2 threads, 16 connections, 10 s | $(rps "$small") req/s, mean latency $(lat "$small") |"
    echo "| small requests (Accounts/My), wrk 2 threads, 16 connections, 10 s | $(rps "$account") req/s, mean latency $(lat "$account") |"
    echo
    echo "wrk runs on the same 2 cores as the sandbox, so these are lower bounds."
} > "$out"
cat "$out"
