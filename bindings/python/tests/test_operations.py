"""Every operation of the table (`elko operations`) has a method, and elko.h's every function has a
ctypes signature (the same check scripts/flatten-header.py --check makes)."""
import os
import re
import subprocess

import elko
from conftest import REPO


def test_one_method_per_operation():
    elko_bin = os.environ.get("ELKO_BIN") or os.path.join(REPO, ".build", "debug", "elko")
    names = [line.split()[0] for line in subprocess.check_output([elko_bin, "operations"], text=True).splitlines()
             if line.strip()]
    assert len(names) >= 21
    for name in names:
        method = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name.replace(".", "_"))
        fn = getattr(elko.Client, method, None)
        assert fn is not None, "no method %s for operation %s" % (method, name)
        assert fn.__doc__ and name in fn.__doc__
        assert fn.__annotations__.get("return") is not None


def test_every_header_function_has_a_signature():
    with open(os.path.join(REPO, "include", "elko.h")) as f:
        header = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    declared = {m for m in re.findall(r"\b(elko_\w+)\s*\(", header)
                if not re.search(r"typedef[^;]*\(\*\s*%s\)" % m, header)}
    from elko import _native
    assert declared == set(_native._SIGNATURES)
    lib = _native.load()
    for name in declared:
        fn = getattr(lib, name)
        assert fn.argtypes is not None, name
        assert fn.restype is None or fn.restype is not None  # set explicitly above; None means void
        assert name in _native._SIGNATURES
