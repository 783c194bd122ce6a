"""Loading libelko.so and declaring every function of include/elko.h for ctypes.

Every function of elko.h has an entry in `_SIGNATURES` (scripts/flatten-header.py --check verifies it).
Text the library allocates comes back as `c_void_p` (never `c_char_p`, which would leak it): it is copied
with `ctypes.string_at(p, n)` and freed with `elko_string_free`.
"""
import ctypes
import ctypes.util
import os
import threading
from ctypes import POINTER, c_char_p, c_int, c_int64, c_size_t, c_uint64, c_void_p
from typing import List, Optional

#: The ABI number this binding was written for (elko_abi_version()).
ABI_VERSION = 1

_client_p = c_void_p  # elko_client *
_error_p = c_void_p  # elko_error *
_iter_p = c_void_p  # elko_iter *

#: void (*elko_log_callback)(void *user, int level, const char *line, size_t len)
LOG_CALLBACK = ctypes.CFUNCTYPE(None, c_void_p, c_int, c_void_p, c_size_t)

# name: (restype, argtypes). One line per function of elko.h; `c_void_p` for every pointer the library
# owns or allocates, `c_char_p` only for inputs and for static strings it documents as "do not free".
_SIGNATURES = {
    "elko_version": (c_char_p, []),
    "elko_abi_version": (c_int, []),
    "elko_strerror": (c_char_p, [c_int]),
    "elko_client_new": (c_int, [c_char_p, c_size_t, POINTER(_client_p), POINTER(_error_p)]),
    "elko_client_free": (None, [_client_p]),
    "elko_call": (c_int, [_client_p, c_char_p, c_char_p, c_size_t, POINTER(c_void_p), POINTER(c_size_t),
                          POINTER(_error_p)]),
    "elko_request": (c_int, [_client_p, c_char_p, c_char_p, c_char_p, c_char_p, c_size_t, POINTER(c_void_p),
                             POINTER(c_size_t), POINTER(_error_p)]),
    "elko_string_free": (None, [c_void_p]),
    "elko_error_code": (c_int, [_error_p]),
    "elko_error_http_status": (c_int, [_error_p]),
    "elko_error_message": (c_void_p, [_error_p]),
    "elko_error_body": (c_void_p, [_error_p]),
    "elko_error_retry_after_ms": (c_int64, [_error_p]),
    "elko_error_operation": (c_void_p, [_error_p]),
    "elko_error_reference": (c_void_p, [_error_p]),
    "elko_error_free": (None, [_error_p]),
    "elko_iter_new": (c_int, [_client_p, c_char_p, c_char_p, c_size_t, POINTER(_iter_p), POINTER(_error_p)]),
    "elko_iter_next": (c_int, [_iter_p, POINTER(c_void_p), POINTER(c_size_t), POINTER(_error_p)]),
    "elko_iter_free": (None, [_iter_p]),
    "elko_iter_next_batch": (c_int, [_iter_p, c_size_t, c_size_t, POINTER(c_void_p), POINTER(c_size_t),
                                     POINTER(c_size_t), POINTER(_error_p)]),
    "elko_download": (c_int, [_client_p, c_char_p, c_char_p, c_size_t, c_char_p, POINTER(c_uint64),
                              POINTER(_error_p)]),
    "elko_batch": (c_int, [_client_p, c_char_p, c_char_p, c_size_t, c_char_p, c_size_t, c_size_t,
                           POINTER(c_void_p), POINTER(c_size_t), POINTER(_error_p)]),
    "elko_orders_place": (c_int, [_client_p, c_char_p, c_char_p, c_size_t, POINTER(c_void_p), POINTER(c_size_t),
                                  POINTER(_error_p)]),
    "elko_orders_pending": (c_int, [_client_p, POINTER(c_void_p), POINTER(c_size_t), POINTER(_error_p)]),
    "elko_orders_reconcile": (c_int, [_client_p, POINTER(c_void_p), POINTER(c_size_t), POINTER(_error_p)]),
    "elko_client_set_log_callback": (c_int, [_client_p, LOG_CALLBACK, c_void_p]),
}


class LibraryNotFoundError(ImportError):
    """libelko.so could not be loaded; the message lists every path tried and why each failed."""


class LibraryMismatchError(ImportError):
    """The libelko.so found implements another ABI than this binding was written for."""


def candidate_paths() -> List[str]:
    """Where the library is looked for, in order: $ELKO_LIBRARY, this package's folder, the repository's
    build/libelko.so (when run from a source checkout), then the system's libelko.so."""
    here = os.path.dirname(os.path.abspath(__file__))
    paths = []
    env = os.environ.get("ELKO_LIBRARY")
    if env:
        paths.append(env)
    paths.append(os.path.join(here, "libelko.so"))
    repo_build = os.path.normpath(os.path.join(here, "..", "..", "..", "build", "libelko.so"))
    paths.append(repo_build)
    found = ctypes.util.find_library("elko")
    paths.append(found or "libelko.so")
    return paths


_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_lib_path: Optional[str] = None


def load() -> ctypes.CDLL:
    """The loaded library (loaded once per process, thread-safe), with every signature declared and the
    ABI checked. Raises LibraryNotFoundError or LibraryMismatchError."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for path in candidate_paths():
            if os.sep in path and not os.path.exists(path):
                tried.append("%s: no such file" % path)
                continue
            try:
                lib = ctypes.CDLL(path)
            except OSError as e:
                tried.append("%s: %s" % (path, e))
                continue
            missing = [name for name in _SIGNATURES if not hasattr(lib, name)]
            if missing:
                tried.append("%s: lacks %s (older than this binding? run `make lib`)" % (path, ", ".join(missing)))
                continue
            for name, (restype, argtypes) in _SIGNATURES.items():
                fn = getattr(lib, name)
                fn.restype = restype
                fn.argtypes = argtypes
            abi = lib.elko_abi_version()
            if abi != ABI_VERSION:
                raise LibraryMismatchError(
                    "%s implements ABI %d (libelko %s) but this binding needs ABI %d; install matching versions"
                    % (path, abi, lib.elko_version().decode(), ABI_VERSION))
            _lib, _lib_path = lib, path
            return lib
        raise LibraryNotFoundError(
            "libelko.so could not be loaded. Set ELKO_LIBRARY to its path, or run `make lib`. Tried:\n  "
            + "\n  ".join(tried))


def library_path() -> str:
    """The path of the loaded library (loading it if needed)."""
    load()
    assert _lib_path is not None
    return _lib_path


def c_text(p: Optional[int]) -> Optional[str]:
    """A borrowed NUL-terminated UTF-8 string (owned by the library) as str, or None for NULL."""
    if not p:
        return None
    return ctypes.string_at(p).decode("utf-8", errors="replace")
