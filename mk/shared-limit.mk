# Issue 5: one rate-limit budget for every process of the machine. 16 workers at once (C over libelko,
# Python over bindings/python, PHP over bindings/php), one token, a sandbox at a tenth of real time:
# zero 403s with the shared budget and >= 90% of the limit served; 403s without it; SIGKILLed lock
# holders and workers. Included by the Makefile (-include mk/*.mk); mk/lib.mk provides `lib`.
SHARED_LIMIT_DRIVER := build/shared-limit/driver

.PHONY: test-shared-limit bench-shared-limit

$(SHARED_LIMIT_DRIVER): tests/shared-limit/driver.c include/elko.h lib
	mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -g -Ibuild/include -o $@ $< -Lbuild -lelko -Wl,-rpath,$(CURDIR)/build

## The multi-process test (about 40 s): shared budget, sharing off, SIGKILL.
test-shared-limit: $(SHARED_LIMIT_DRIVER)
	$(SWIFT) build --product elko
	ELKO_BIN=$(DEBUG_BIN)/elko ELKO_LIBRARY=$(CURDIR)/build/libelko.so $(PYTHON) tests/shared-limit/run.py --driver $(SHARED_LIMIT_DRIVER)

## The same 16 processes at real time (50 per 10 s, about 90 s; not part of `make test`):
## bench/results/shared-limit.md.
bench-shared-limit: $(SHARED_LIMIT_DRIVER)
	$(SWIFT) build --product elko
	bash bench/shared_limit.sh $(SHARED_LIMIT_DRIVER)

EXTRA_TESTS += test-shared-limit
