"""The exception tree: one class per elko_status code of include/elko.h.

    ElkoError
     +-- InvalidArgumentError (also ValueError)   the caller's input; nothing was sent
     |    +-- ClientClosedError                    the client was used after close()
     +-- BadRequestError                           400: ELKO's message is in .body
     +-- UnauthorizedError                         token missing, invalid or deactivated
     +-- ForbiddenError                            403 that is not a limit: IP not allow-listed
     +-- RateLimitedError                          the request limit: wait .retry_after seconds
     +-- NotFoundError                             404
     +-- MethodNotAllowedError                     405
     +-- ServerError                               5xx
     +-- NetworkError (also ConnectionError)       no HTTP answer
     +-- ElkoTimeoutError (also TimeoutError)      connect or total timeout
     +-- ProtocolError                             an answer the operation does not give
     +-- WriteRefusedError                         a write refused in dry-run mode
     +-- InternalError                             a failure inside libelko
     +-- UncertainError                            an order's outcome is unknown: do NOT send it again,
                                                   Client.orders_reconcile() resolves it (.reference)
"""
from typing import Dict, Optional, Type

__all__ = [
    "ElkoError", "InvalidArgumentError", "ClientClosedError", "BadRequestError", "UnauthorizedError",
    "ForbiddenError", "RateLimitedError", "NotFoundError", "MethodNotAllowedError", "ServerError",
    "NetworkError", "ElkoTimeoutError", "ProtocolError", "WriteRefusedError", "InternalError",
    "UncertainError",
]


class ElkoError(Exception):
    """An error of libelko or of ELKO's API.

    Attributes: `code` (the negative elko_status), `http_status` (ELKO's HTTP status, 0 when there was
    no HTTP answer), `body` (ELKO's answer text, e.g. "The Lines field is required.", or None),
    `operation` (e.g. "orders.create", or None), `retry_after` (seconds to send nothing, for rate limits;
    0.0 otherwise), `reference` (the partner reference — the body's customerPo, given or generated — of
    the order or reservation the error is about, once it was known; None for other errors). The message
    never contains the token.
    """

    #: The elko_status this class stands for.
    status_code = 0

    def __init__(self, message: str, *, code: Optional[int] = None, http_status: int = 0,
                 body: Optional[str] = None, operation: Optional[str] = None, retry_after: float = 0.0,
                 reference: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.code = self.status_code if code is None else code
        self.http_status = http_status
        self.body = body
        self.operation = operation
        self.retry_after = retry_after
        self.reference = reference

    def __repr__(self) -> str:
        return "%s(%r, code=%d, http_status=%d, operation=%r, reference=%r)" % (
            type(self).__name__, self.message, self.code, self.http_status, self.operation, self.reference)


class InvalidArgumentError(ElkoError, ValueError):
    """The caller's input is wrong (bad option, unknown operation or parameter, invalid UTF-8, params
    that are not a dict...). Nothing was sent."""
    status_code = -1


class ClientClosedError(InvalidArgumentError):
    """The client was used after close()."""


class BadRequestError(ElkoError):
    """ELKO answered 400; its plain-text message is in `body`."""
    status_code = -2


class UnauthorizedError(ElkoError):
    """The token is missing, invalid or deactivated (ELKO answers 403 with an empty body)."""
    status_code = -3


class ForbiddenError(ElkoError):
    """403 that is not a rate limit: typically this machine's IP is not on the company's allow-list."""
    status_code = -4


class RateLimitedError(ElkoError):
    """ELKO's request limit (50 per 10 s, then a one-minute block), or the client's own limiter refused to
    send: wait `retry_after` seconds."""
    status_code = -5


class NotFoundError(ElkoError):
    """404: unknown path, product, order or reservation."""
    status_code = -6


class MethodNotAllowedError(ElkoError):
    """405: the path exists but not for this method."""
    status_code = -7


class ServerError(ElkoError):
    """ELKO answered 5xx."""
    status_code = -8


class NetworkError(ElkoError, ConnectionError):
    """No HTTP answer: connection refused or reset, DNS, TLS, a body cut short."""
    status_code = -9


class ElkoTimeoutError(ElkoError, TimeoutError):
    """The connect timeout or the total timeout passed (also a builtin TimeoutError)."""
    status_code = -10


#: Alias, for `except elko.errors.TimeoutError`.
TimeoutError = ElkoTimeoutError  # noqa: A001


class ProtocolError(ElkoError):
    """ELKO's answer is not what the operation answers (e.g. not JSON), or an unexpected HTTP status."""
    status_code = -11


class WriteRefusedError(ElkoError):
    """A write was refused because the client is in dry-run mode; nothing was sent."""
    status_code = -12


class InternalError(ElkoError):
    """A failure inside libelko (out of memory, libcurl could not be initialised)."""
    status_code = -13


class UncertainError(ElkoError):
    """An order (orders.create) or reservation (reservations.create) may or may not have been placed: its
    answer was lost (a reset, a timeout, a 5xx after ELKO may have acted) and looking its `reference` up
    could not settle the outcome within the call's time. The intent stays in the journal. Do NOT send the
    order again: Client.orders_reconcile() (or `elko orders reconcile`) resolves it later, in this process
    or any other."""
    status_code = -14


_BY_CODE: Dict[int, Type[ElkoError]] = {
    cls.status_code: cls for cls in (
        InvalidArgumentError, BadRequestError, UnauthorizedError, ForbiddenError, RateLimitedError,
        NotFoundError, MethodNotAllowedError, ServerError, NetworkError, ElkoTimeoutError, ProtocolError,
        WriteRefusedError, InternalError, UncertainError)
}


def class_for(code: int) -> Type[ElkoError]:
    """The exception class of an elko_status (ElkoError for a code this binding does not know)."""
    return _BY_CODE.get(code, ElkoError)
