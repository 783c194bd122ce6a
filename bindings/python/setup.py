"""Builds the `elko` package with libelko.so inside it.

The library is copied from ELKO_LIBRARY, else from the repository's build/libelko.so (`make lib`), into
the package before setuptools collects package data; the build stops with a clear message when neither
exists. Metadata lives in pyproject.toml.

The wheel is platform-specific (it carries a native library built for this machine's architecture) but
independent of the Python version and ABI (ctypes, no extension module): it is tagged
`py3-none-linux_<arch>`. `auditwheel repair` (`make wheel`) then vendors libjansson, libcurl and their
dependencies into it and gives it a manylinux tag.
"""
import os
import shutil

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

try:  # setuptools >= 70.1 has the command itself
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # older setuptools: the `wheel` package's
    from wheel.bdist_wheel import bdist_wheel

HERE = os.path.dirname(os.path.abspath(__file__))


class BuildWithLibrary(build_py):
    """build_py that puts libelko.so into the built package."""

    def run(self):
        source = os.environ.get("ELKO_LIBRARY") or os.path.join(HERE, "..", "..", "build", "libelko.so")
        source = os.path.normpath(source)
        if not os.path.isfile(source):
            raise SystemExit(
                "elko: %s not found. Build the library first (`make lib` at the repository root) or set "
                "ELKO_LIBRARY to a libelko.so." % source)
        super().run()
        target = os.path.join(self.build_lib, "elko", "libelko.so")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
        os.chmod(target, 0o755)


class NativeDistribution(Distribution):
    """A distribution with native code: installed to platlib, its wheel not pure (what auditwheel needs)."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    """bdist_wheel for a package that carries a native library but no extension module: this platform's
    tag (e.g. linux_x86_64), for any Python 3 (tag py3-none-<platform>, not cp311-cp311-...)."""

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(distclass=NativeDistribution, cmdclass={"build_py": BuildWithLibrary, "bdist_wheel": PlatformWheel})
