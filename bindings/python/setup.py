"""Builds the `elko` package with libelko.so inside it.

The library is copied from ELKO_LIBRARY, else from the repository's build/libelko.so (`make lib`), into
the package before setuptools collects package data; the build stops with a clear message when neither
exists. Metadata lives in pyproject.toml.
"""
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

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


setup(cmdclass={"build_py": BuildWithLibrary})
