# libelko: the C-ABI library (build/libelko.so, build/include/elko.h, build/elko.pc) and its C tests.
# Included by the Makefile (-include mk/*.mk).
LIB_SCRATCH   := .build-static
LIB_PRODUCT   := ElkoC
LIB_OUT       := build
LIB_SO        := $(LIB_OUT)/libelko.so
LIB_MAP       := $(CURDIR)/mk/elko.map
LIB_VERSION   := 0.1.0
CC            ?= cc
VALGRIND      := $(shell command -v valgrind 2>/dev/null)
C_TESTS       := $(patsubst tests/c/%.c,$(LIB_OUT)/tests/%,$(wildcard tests/c/*.c))

.PHONY: lib lib-check test-c

## build/libelko.so: release, static Swift runtime, -z nodelete (PHP FFI calls dlclose), only elko_*
## exported (version script), stripped; plus build/include/elko.h and build/elko.pc. Rebuilt only when
## a source of the library changes (every test target asks for it).
LIB_SOURCES := $(shell find Sources/ElkoAPI Sources/ElkoCore Sources/ElkoC Sources/CJansson Sources/CCurl -type f 2>/dev/null) \
               Package.swift $(LIB_MAP)
LIB_HEADERS := $(LIB_OUT)/include/elko.h $(LIB_OUT)/include/elko_jansson.h

lib: $(LIB_SO) $(LIB_HEADERS) $(LIB_OUT)/elko.pc

$(LIB_SO): $(LIB_SOURCES)
	$(SWIFT) build -c release --product $(LIB_PRODUCT) --scratch-path $(LIB_SCRATCH) \
	  -Xswiftc -static-stdlib -Xlinker -z -Xlinker nodelete \
	  -Xlinker --version-script=$(LIB_MAP) -Xlinker -soname=libelko.so
	mkdir -p $(LIB_OUT)
	cp $(LIB_SCRATCH)/release/lib$(LIB_PRODUCT).so $(LIB_SO).tmp
	strip --strip-unneeded $(LIB_SO).tmp
	mv $(LIB_SO).tmp $(LIB_SO)

$(LIB_OUT)/include/%.h: include/%.h
	mkdir -p $(LIB_OUT)/include
	cp $< $@

$(LIB_OUT)/elko.pc: mk/lib.mk
	mkdir -p $(LIB_OUT)
	printf '%s\n' 'prefix=$(CURDIR)/$(LIB_OUT)' 'libdir=$${prefix}' 'includedir=$${prefix}/include' '' \
	  'Name: elko' 'Description: Client for the ELKO eCommerce API v3' 'Version: $(LIB_VERSION)' \
	  'Libs: -L$${libdir} -lelko' 'Cflags: -I$${includedir}' > $@

## The shipped library exports elko_* only, has nothing undefined and needs no Swift runtime.
lib-check: lib
	@bad=$$(nm -D -g --defined-only $(LIB_SO) | awk '{print $$3}' | grep -v '^elko_' | grep -v '^ELKO_' || true); \
	  if [ -n "$$bad" ]; then echo "lib-check: symbols exported besides elko_*:"; echo "$$bad" | head -20; exit 1; fi
	@undef=$$(ldd -r $(LIB_SO) 2>&1 | grep -c 'undefined symbol' || true); \
	  if [ "$$undef" != "0" ]; then echo "lib-check: ldd -r reports $$undef undefined symbols"; exit 1; fi
	@if readelf -d $(LIB_SO) | grep NEEDED | grep -qi swift; then \
	  echo "lib-check: depends on a Swift runtime library:"; readelf -d $(LIB_SO) | grep NEEDED; exit 1; fi
	@if ! readelf -d $(LIB_SO) | grep FLAGS_1 | grep -q NODELETE; then echo "lib-check: not linked -z nodelete"; exit 1; fi
	@echo "lib-check: ok: $$(nm -D --defined-only $(LIB_SO) | grep -c ' elko_') elko_* symbols, nothing undefined, no libswift*, nodelete, $$(du -k $(LIB_SO) | cut -f1) KiB"

$(LIB_OUT)/tests/%: tests/c/%.c tests/c/check.h $(LIB_SO) $(LIB_HEADERS)
	mkdir -p $(LIB_OUT)/tests
	$(CC) -std=c11 -Wall -Wextra -Werror -g -I$(LIB_OUT)/include -o $@ $< -L$(LIB_OUT) -lelko $$(pkg-config --libs jansson) -pthread -Wl,-rpath,$(CURDIR)/$(LIB_OUT)

## C tests against the real library and a sandbox (under valgrind when it is installed).
test-c: lib-check $(C_TESTS)
	$(SWIFT) build --product elko
	@for t in $(C_TESTS); do \
	  echo "== $$t"; \
	  ELKO_BIN=$(DEBUG_BIN)/elko $(PYTHON) scripts/with-sandbox.py -- \
	    $(if $(VALGRIND),$(VALGRIND) -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=1,) $$t \
	  || exit 1; \
	done

# Passes reliably (several runs, valgrind included): part of `make test`.
EXTRA_TESTS += test-c
