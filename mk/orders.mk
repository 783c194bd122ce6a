# Issue 13: orders placed exactly once, across processes killed mid-call. A C, a PHP and a Python placer
# (tests/orders/place_order.{c,php,py}), one token and one state directory, are SIGKILLed while the
# sandbox holds their applied orders' answers (hang-after); a later process reconciles: each order placed
# exactly once. Included by the Makefile (-include mk/*.mk); mk/lib.mk provides `lib`.
ORDERS_PLACER := build/orders/place_order

.PHONY: test-orders-kill

$(ORDERS_PLACER): tests/orders/place_order.c include/elko.h lib
	mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -g -I$(LIB_OUT)/include -o $@ $< -L$(LIB_OUT) -lelko -Wl,-rpath,$(CURDIR)/$(LIB_OUT)

## The kill test (a few seconds, real time: the sandbox's limit is ELKO's, paced by the shared budget).
test-orders-kill: $(ORDERS_PLACER)
	$(SWIFT) build --product elko
	ELKO_BIN=$(DEBUG_BIN)/elko ELKO_LIBRARY=$(CURDIR)/$(LIB_SO) $(PYTHON) tests/orders/kill_reconcile.py --placer $(ORDERS_PLACER)

# Passes reliably (several runs): part of `make test`.
EXTRA_TESTS += test-orders-kill
