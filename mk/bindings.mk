# The PHP (FFI) and Python (ctypes) packages over libelko, the examples in C, PHP and Python, and the
# checks that keep bindings/php/src/elko.ffi.h and the Python signatures in step with include/elko.h.
# Included by the Makefile (-include mk/*.mk). Every target builds what it needs (lib: mk/lib.mk).
PHP           ?= php
PHPUNIT       ?= $(shell command -v phpunit 2>/dev/null || echo /usr/bin/phpunit)
RUNUSER       := $(shell command -v runuser 2>/dev/null)
IS_ROOT       := $(shell [ "$$(id -u)" = 0 ] && echo 1)
SANDBOX_RUN   := ELKO_BIN=$(DEBUG_BIN)/elko $(PYTHON) scripts/with-sandbox.py
PHPUNIT_ARGS  := --do-not-cache-result --bootstrap bindings/php/tests/bootstrap.php bindings/php/tests
# mk/lib.mk is included after this file: its variables are used only in recipes, and build/ is spelled out.
BINDINGS_OUT  := build
PHP_PRELOAD_H := $(BINDINGS_OUT)/php/elko.preload.h
EXAMPLE_C     := $(BINDINGS_OUT)/examples/catalog_order

.PHONY: flatten-header check-headers test-py-binding test-py-package test-php test-php-preload test-examples \
        demo-examples leak-check test-bindings

## Regenerates bindings/php/src/elko.ffi.h from include/elko.h (commit the result).
flatten-header:
	$(PYTHON) scripts/flatten-header.py

## Fails when the committed PHP header is stale or declares other functions than elko.h, or when the
## Python binding lacks argtypes/restype for a function of elko.h.
check-headers:
	$(PYTHON) scripts/flatten-header.py --check

## pytest suite of bindings/python against sandboxes it starts itself, then the package as pip installs it.
test-py-binding: lib check-headers test-py-package
	$(SWIFT) build --product elko
	ELKO_BIN=$(DEBUG_BIN)/elko $(PYTHON) -m pytest -q -p no:cacheprovider bindings/python/tests

## `pip install ./bindings/python` into a throwaway venv: the package must carry libelko.so and load it.
test-py-package: lib
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  cp -r bindings/python "$$tmp/src" && rm -rf "$$tmp/src/build" "$$tmp/src"/*.egg-info && \
	  $(PYTHON) -m venv "$$tmp/venv" && \
	  ELKO_LIBRARY=$(CURDIR)/$(LIB_SO) "$$tmp/venv/bin/pip" install -q "$$tmp/src" && \
	  cd "$$tmp" && env -u ELKO_LIBRARY "$$tmp/venv/bin/python" -c \
	    'import elko, os; p = elko.library_path(); assert p.startswith(os.path.dirname(elko.__file__)), p; print("test-py-package: ok: elko", elko.__version__, "carries", p, "libelko", elko.library_version())'

## PHPUnit suite of bindings/php (Debian's phpunit, no Composer): once as the CLI loads it (FFI::cdef),
## then as production PHP is configured (ffi.enable=preload, the library preloaded): see test-php-preload.
test-php: lib check-headers
	$(SWIFT) build --product elko
	ELKO_BIN=$(DEBUG_BIN)/elko $(PHP) $(PHPUNIT) $(PHPUNIT_ARGS)
	$(MAKE) --no-print-directory test-php-preload

## Production configuration. As root (CI), opcache.preload needs opcache.preload_user and FFI::load()
## refuses to run with it: the scope comes from ffi.preload (a header preload.php writes) and preload.php
## preloads the classes. As another user, preload.php alone declares the scope with FFI::load. Both are
## run when root and runuser is there. ELKO_EXPECT_PRELOAD makes the suite assert the scope is used.
test-php-preload:
	mkdir -p $(BINDINGS_OUT)/php
	$(PHP) bindings/php/preload.php --write-header $(PHP_PRELOAD_H)
ifeq ($(IS_ROOT),1)
	ELKO_BIN=$(DEBUG_BIN)/elko ELKO_EXPECT_PRELOAD=1 $(PHP) -d ffi.enable=preload -d ffi.preload=$(CURDIR)/$(PHP_PRELOAD_H) \
	  -d opcache.enable_cli=1 -d opcache.preload=$(CURDIR)/bindings/php/preload.php -d opcache.preload_user=root \
	  $(PHPUNIT) $(PHPUNIT_ARGS)
ifneq ($(RUNUSER),)
	@# Only where `nobody` can read the checkout (a clone under /root cannot be): say so otherwise.
	@if $(RUNUSER) -u nobody -- test -r $(CURDIR)/bindings/php/preload.php -a -x $(CURDIR)/$(DEBUG_BIN)/elko; then \
	  $(RUNUSER) -u nobody -- env ELKO_BIN=$(CURDIR)/$(DEBUG_BIN)/elko ELKO_EXPECT_PRELOAD=1 HOME=/tmp $(PHP) -d ffi.enable=preload \
	    -d opcache.enable_cli=1 -d opcache.preload=$(CURDIR)/bindings/php/preload.php $(PHPUNIT) $(PHPUNIT_ARGS); \
	else echo "test-php-preload: skipped the run as user nobody: it cannot read $(CURDIR)"; fi
endif
else
	ELKO_BIN=$(DEBUG_BIN)/elko ELKO_EXPECT_PRELOAD=1 $(PHP) -d ffi.enable=preload -d opcache.enable_cli=1 \
	  -d opcache.preload=$(CURDIR)/bindings/php/preload.php $(PHPUNIT) $(PHPUNIT_ARGS)
endif

$(EXAMPLE_C): examples/c/catalog_order.c include/elko.h lib
	mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -g -I$(LIB_OUT)/include -o $@ $< -L$(LIB_OUT) -lelko $$(pkg-config --libs jansson) -Wl,-rpath,$(CURDIR)/$(LIB_OUT)

## The three examples, each against a sandbox of its own (the C one under valgrind when installed).
test-examples: $(EXAMPLE_C)
	$(SWIFT) build --product elko
	$(SANDBOX_RUN) -- $(if $(VALGRIND),$(VALGRIND) -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=1,) $(EXAMPLE_C)
	$(SANDBOX_RUN) -- $(PHP) examples/php/catalog_order.php
	$(SANDBOX_RUN) -- $(PYTHON) examples/python/catalog_order.py

## The examples as a demo: what each language's program does, step by step, against a fresh sandbox.
demo-examples: $(EXAMPLE_C)
	$(SWIFT) build --product elko
	@echo "==== C (examples/c/catalog_order.c): libelko + jansson, lists streamed with elko_iter"
	@$(SANDBOX_RUN) -- $(EXAMPLE_C)
	@echo "==== PHP (examples/php/catalog_order.php): elko/elko over PHP FFI, lists as generators"
	@$(SANDBOX_RUN) -- $(PHP) examples/php/catalog_order.php
	@echo "==== Python (examples/python/catalog_order.py): the elko package over ctypes, lists as iterators"
	@$(SANDBOX_RUN) -- $(PYTHON) examples/python/catalog_order.py
	@echo "==== done: each sandbox has been stopped"

## 10,000 calls from Python and from PHP: resident memory within 5 MB of where it was after 100.
leak-check: lib
	$(SWIFT) build --product elko
	$(SANDBOX_RUN) --sandbox-arg --config --sandbox-arg bench/leak_check.json -- $(PYTHON) bench/leak_check.py
	$(SANDBOX_RUN) --sandbox-arg --config --sandbox-arg bench/leak_check.json -- $(PHP) bench/leak_check.php

## Everything of this file that `make test` runs, in one go.
test-bindings: check-headers test-py-binding test-php test-examples

# Pass reliably (several runs): part of `make test`.
EXTRA_TESTS += check-headers test-py-binding test-php test-examples leak-check
