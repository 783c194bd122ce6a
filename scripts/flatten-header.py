#!/usr/bin/env python3
"""Flattens include/elko.h into the header PHP FFI reads (bindings/php/src/elko.ffi.h), and checks that
the bindings agree with elko.h.

PHP's FFI::cdef accepts no preprocessor lines, so the flattened copy keeps only C declarations: enums,
typedefs and function prototypes, without comments, `#include`/`#define`/`#if` lines or the
`extern "C"` wrapper. Python needs no header, but must declare argtypes/restype for every function.

Usage:
  flatten-header.py [--header include/elko.h] [--out bindings/php/src/elko.ffi.h]   write the flat copy
  flatten-header.py --check                                                           exit 1 when stale
  flatten-header.py --functions                                                       list the functions

--check fails when (1) the committed flat copy differs from a fresh one, (2) the flat copy and elko.h
declare different functions, or (3) the Python binding (bindings/python/elko/_native.py) lacks
argtypes/restype for a function of elko.h, or declares one elko.h does not have.
"""
import argparse
import difflib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = os.path.join(ROOT, "include", "elko.h")
FLAT = os.path.join(ROOT, "bindings", "php", "src", "elko.ffi.h")
PY_NATIVE = os.path.join(ROOT, "bindings", "python", "elko", "_native.py")



def strip_comments(text):
    """Removes /* */ and // comments, keeping string literals intact and line structure roughly."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise SystemExit("flatten-header: unterminated comment")
            out.append("\n" * text.count("\n", i, j))
            i = j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def flatten(text):
    """elko.h text -> FFI-readable declarations."""
    text = strip_comments(text)
    # Join preprocessor continuation lines, then drop every preprocessor line. Lines inside
    # `#ifdef __cplusplus ... #endif` (the extern "C" wrapper) go too.
    text = text.replace("\\\n", "")
    lines, skip_depth, depth_stack = [], 0, []
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("#"):
            directive = s[1:].strip()
            if directive.startswith(("if", "ifdef", "ifndef")):
                cpp = directive.startswith("ifdef") and "__cplusplus" in directive
                depth_stack.append(cpp)
                if cpp:
                    skip_depth += 1
            elif directive.startswith("endif"):
                if depth_stack and depth_stack.pop():
                    skip_depth -= 1
            continue
        if skip_depth:
            continue
        if re.match(r'^extern\s+"C"', s):
            continue
        lines.append(line.rstrip())
    # Blank lines (left where comments were) dropped; one blank line after each top-level declaration.
    out, depth = [], 0
    for line in lines:
        if not line.strip():
            continue
        out.append(line)
        depth += line.count("{") - line.count("}")
        if depth == 0 and line.rstrip().endswith(";"):
            out.append("")
    return "\n".join(out).strip() + "\n"


FUNC_RE = re.compile(r"\b(elko_[A-Za-z0-9_]+)\s*\(")


def functions(text):
    """Names of the functions declared (prototypes, not function-pointer typedefs)."""
    text = strip_comments(text)
    names = set()
    for stmt in text.split(";"):
        s = " ".join(stmt.split())
        if s.startswith("typedef") or "#define" in s:
            continue
        m = FUNC_RE.search(s)
        if m:
            names.add(m.group(1))
    return names


def python_declared(path):
    """Functions the Python binding declares, from its `_SIGNATURES` table."""
    with open(path, encoding="utf-8") as f:
        src = f.read()
    return set(re.findall(r'^\s*"(elko_[A-Za-z0-9_]+)"\s*:\s*\(', src, re.M))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--header", default=HEADER)
    ap.add_argument("--out", default=FLAT)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--functions", action="store_true")
    a = ap.parse_args()
    with open(a.header, encoding="utf-8") as f:
        source = f.read()
    fresh = flatten(source)
    if a.functions:
        print("\n".join(sorted(functions(source))))
        return 0
    if not a.check:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(fresh)
        print("flatten-header: wrote %s (%d functions)" % (os.path.relpath(a.out), len(functions(fresh))))
        return 0

    problems = []
    try:
        with open(a.out, encoding="utf-8") as f:
            committed = f.read()
    except FileNotFoundError:
        committed = ""
        problems.append("%s is missing" % os.path.relpath(a.out))
    if committed and committed != fresh:
        diff = "".join(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                            "committed", "fresh", n=1))
        problems.append("%s is stale; run scripts/flatten-header.py. Diff:\n%s" % (os.path.relpath(a.out), diff))
    want = functions(source)
    got = functions(committed)
    if want != got:
        problems.append("PHP header and elko.h declare different functions: missing %s, extra %s"
                        % (sorted(want - got), sorted(got - want)))
    if os.path.exists(PY_NATIVE):
        py = python_declared(PY_NATIVE)
        if want != py:
            problems.append("Python binding (%s) and elko.h disagree: no argtypes/restype for %s, extra %s"
                            % (os.path.relpath(PY_NATIVE), sorted(want - py), sorted(py - want)))
    else:
        problems.append("%s is missing" % os.path.relpath(PY_NATIVE))
    for p in problems:
        print("check-headers: " + p, file=sys.stderr)
    if problems:
        return 1
    print("check-headers: ok: %d functions in elko.h, the PHP header and the Python binding" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
