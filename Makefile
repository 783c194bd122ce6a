# Elko — build, test, demo and benchmarks. Every target builds what it needs.
SWIFT      ?= swift
DEBUG_BIN  := .build/debug
RELEASE_BIN := .build/release
PYTHON     ?= python3

.PHONY: deps all build build-release test test-swift test-python test-cli demo bench bench-sandbox operations clean

all: build

## Debug build of everything, tests included (reused by every test stage).
build:
	$(SWIFT) build --build-tests

build-release:
	$(SWIFT) build -c release --product elko

# Pieces that bring their own targets (the C library, bindings...) add them in mk/*.mk and append
# their test targets to EXTRA_TESTS.
EXTRA_TESTS :=
-include mk/*.mk

## The whole test suite: Swift tests, the public-style Python client against a real sandbox, and
## whatever mk/*.mk adds.
test: build test-swift test-python test-cli $(EXTRA_TESTS)

test-swift:
	$(SWIFT) test --skip-build

test-python:
	ELKO_BIN=$(DEBUG_BIN)/elko $(PYTHON) scripts/with-sandbox.py -- $(PYTHON) tests/python/public_style_client.py {url} {token}

test-cli:
	ELKO_BIN=$(DEBUG_BIN)/elko $(PYTHON) scripts/with-sandbox.py -- bash tests/cli/call.sh

## The main job on the built-in sandbox: start it, run a client the way ELKO's partners write them, stop it.
demo: deps build lib
	@echo "== starting the ELKO sandbox on a free loopback port and running a partner-style client against it"
	ELKO_BIN=$(DEBUG_BIN)/elko $(PYTHON) scripts/with-sandbox.py -- $(PYTHON) tests/python/public_style_client.py {url} {token}
	@echo "== the examples in C, PHP and Python, each against a sandbox of its own"
	@$(MAKE) --no-print-directory demo-examples

## Debian and PyPI packages the build and tests need, installed when missing.
deps:
	bash scripts/install-deps.sh

## Benchmarks (not part of `make test`): release build, numbers written to bench/results/.
bench: bench-sandbox $(BENCH_TARGETS)

bench-sandbox: build-release
	bash bench/sandbox.sh $(RELEASE_BIN)/elko

operations: build
	$(DEBUG_BIN)/elko operations

clean:
	rm -rf .build build
