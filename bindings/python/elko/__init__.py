"""Python client for the ELKO eCommerce API v3, over libelko.so (ctypes).

    import elko
    with elko.Client(base_url=os.environ["ELKO_URL"], token=os.environ["ELKO_TOKEN"]) as client:
        for product in client.catalog_products(catalog="CPU"):
            print(product["elkoCode"], product["price"])

For asyncio programs, elko.AsyncClient has the same operations as coroutines (lists as async iterators).
"""
from ._native import ABI_VERSION, LibraryMismatchError, LibraryNotFoundError
from .client import BatchFailure, BatchResult, Client, ListIterator
from .aio import AsyncClient, AsyncListIterator
from .normalize import normalize_product, parse_stock
from .errors import (BadRequestError, ClientClosedError, ElkoError, ElkoTimeoutError, ForbiddenError,
                     InternalError, InvalidArgumentError, MethodNotAllowedError, NetworkError, NotFoundError,
                     ProtocolError, RateLimitedError, ServerError, UncertainError, UnauthorizedError,
                     WriteRefusedError)

__version__ = "0.1.0"

__all__ = [
    "Client", "ListIterator", "AsyncClient", "AsyncListIterator", "BatchResult", "BatchFailure", "normalize_product", "parse_stock", "library_version", "library_path", "ABI_VERSION",
    "LibraryNotFoundError", "LibraryMismatchError",
    "ElkoError", "InvalidArgumentError", "ClientClosedError", "BadRequestError", "UnauthorizedError",
    "ForbiddenError", "RateLimitedError", "NotFoundError", "MethodNotAllowedError", "ServerError",
    "NetworkError", "ElkoTimeoutError", "ProtocolError", "WriteRefusedError", "InternalError",
    "UncertainError",
]


def library_version() -> str:
    """The version of the loaded libelko.so (elko_version()), e.g. "0.1.0"."""
    from . import _native
    version: bytes = _native.load().elko_version()
    return version.decode()


def library_path() -> str:
    """The path libelko.so was loaded from."""
    from . import _native
    return _native.library_path()
