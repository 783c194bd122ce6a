# Benchmarks of issue 6 (catalog at scale): not part of `make test`. The Makefile's `bench` target runs
# them through BENCH_TARGETS (`bench: bench-sandbox $(BENCH_TARGETS)`). Included by the Makefile
# (-include mk/*.mk); every target builds what it needs.
BENCH_C_CATALOG := build/bench_stream_catalog

.PHONY: bench-catalog bench-enrich

$(BENCH_C_CATALOG): bench/c/stream_catalog.c include/elko.h lib
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -Ibuild/include -o $@ $< -Lbuild -lelko \
	  $$(pkg-config --libs jansson libcurl) -Wl,-rpath,$(CURDIR)/build

## Full catalog (10,000 / 50,000 / 200,000 products) to native values: libelko vs curl_exec+json_decode
## (PHP), http.client+json.loads (Python), libcurl+jansson (C). Installs php-curl when missing (root).
## BENCH_SIZES=10000,50000 and BENCH_REPS=5 override the defaults. Writes bench/results/catalog.md.
bench-catalog: build-release lib $(BENCH_C_CATALOG)
	$(PYTHON) bench/catalog.py --elko $(RELEASE_BIN)/elko --c-bench $(BENCH_C_CATALOG)

## Enriching 1,000 products with descriptions and media (40 requests) through the shared limiter: no 403,
## and no slower than the limit requires; at scaled time and at real time. Writes bench/results/enrich.md.
bench-enrich: build-release lib
	ELKO_BIN=$(RELEASE_BIN)/elko $(PYTHON) bench/enrich.py --elko $(RELEASE_BIN)/elko

BENCH_TARGETS += bench-catalog bench-enrich
