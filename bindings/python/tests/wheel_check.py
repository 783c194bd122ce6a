#!/usr/bin/env python3
"""Installs a repaired wheel (`make wheel`) into a fresh venv, offline, and checks it the way a user meets
it: `import elko` away from the source tree, a call against the sandbox in ELKO_URL/ELKO_TOKEN
(scripts/with-sandbox.py), and `ldd` on the installed libelko.so showing libjansson and libcurl resolved
inside the wheel's elko.libs/ folder, not from /usr/lib. Also reads /proc/self/maps of the process that
made the call: the copies mapped are the wheel's. Not collected by pytest (run by `make test-wheel`).

Usage: wheel_check.py build/dist/elko-*.whl
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from typing import NoReturn

PROBE = r"""
import json, os, sys
import elko
path = elko.library_path()
with elko.Client(base_url=os.environ["ELKO_URL"], token=os.environ["ELKO_TOKEN"], log_level="off") as c:
    vendors = list(c.catalog_vendors())
with open("/proc/self/maps") as f:
    mapped = sorted({line.split()[-1] for line in f if "jansson" in line or "libcurl" in line})
print(json.dumps({"package": os.path.dirname(elko.__file__), "library": path, "version": elko.library_version(),
                  "vendors": len(vendors), "mapped": mapped}))
"""


def fail(message: str) -> NoReturn:
    sys.exit("test-wheel: FAILED: " + message)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    wheel = os.path.abspath(sys.argv[1])
    name = os.path.basename(wheel)
    tags = re.match(r"elko-[^-]+-(py3)-(none)-(manylinux_\d+_\d+_\w+)\.whl$", name)
    if not tags:
        fail("%s is not tagged py3-none-manylinux_*" % name)
    print("test-wheel: wheel %s (tag %s)" % (name, "-".join(tags.groups())))
    with tempfile.TemporaryDirectory() as tmp:
        venv = os.path.join(tmp, "venv")
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        py = os.path.join(venv, "bin", "python")
        subprocess.check_call([py, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                               "--disable-pip-version-check", wheel])
        env = {k: v for k, v in os.environ.items() if k not in ("ELKO_LIBRARY", "PYTHONPATH")}
        out = subprocess.check_output([py, "-c", PROBE], cwd=tmp, env=env, text=True)
        info = json.loads(out.strip().splitlines()[-1])
        site = glob.glob(os.path.join(venv, "lib", "python*", "site-packages"))[0]
        libs = os.path.join(site, "elko.libs") + os.sep
        if not info["library"].startswith(os.path.join(site, "elko") + os.sep):
            fail("libelko.so was loaded from %s, not from the installed package" % info["library"])
        print("test-wheel: import elko from %s, libelko %s loaded from %s; catalog.vendors: %d vendors"
              % (info["package"], info["version"], info["library"], info["vendors"]))
        if info["vendors"] < 1:
            fail("catalog.vendors answered no vendor")
        ldd = subprocess.check_output(["ldd", info["library"]], text=True)
        if "not found" in ldd:
            fail("ldd reports libraries not found:\n" + ldd)
        # "libjansson-122182d4.so.4.14.0 => /venv/.../elko/../elko.libs/libjansson-... (0x...)"
        resolved = {m.group(1): os.path.normpath(m.group(2))
                    for m in re.finditer(r"^\s*(\S+) => (/\S+) \(", ldd, re.M)}
        print("test-wheel: ldd %s (libjansson, libcurl):" % info["library"])
        for lib in ("libjansson", "libcurl"):
            found = {k: v for k, v in resolved.items() if k.startswith(lib + "-") or k.startswith(lib + ".")}
            for k, v in found.items():
                print("    %s => %s" % (k, v))
            if not found or not all(v.startswith(libs) for v in found.values()):
                fail("%s does not resolve inside %s:\n%s" % (lib, libs, ldd))
        inside = sorted(k for k, v in resolved.items() if v.startswith(libs))
        outside = sorted(k for k, v in resolved.items() if not v.startswith(libs))
        print("test-wheel: %d libraries resolve inside elko.libs/; %d from the system (manylinux allows them): %s"
              % (len(inside), len(outside), ", ".join(outside)))
        if any(not lib.startswith(("libc.", "libm.", "libstdc++.", "libgcc_s.", "libz.", "libresolv.", "libpthread.",
                                   "libdl.", "librt.")) for lib in outside):
            fail("libraries outside the manylinux policy come from the system: %s" % outside)
        if not info["mapped"] or not all(p.startswith(libs) for p in info["mapped"]):
            fail("the process mapped other copies of libjansson/libcurl: %s" % info["mapped"])
        print("test-wheel: the calling process mapped %s" % ", ".join(os.path.basename(p) for p in info["mapped"]))
    print("test-wheel: ok")


if __name__ == "__main__":
    main()
