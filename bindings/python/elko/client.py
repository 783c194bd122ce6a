"""elko.Client: one ELKO account, over libelko.so."""
import ctypes
import json
import os
import threading
import urllib.parse
import weakref
from ctypes import byref, c_size_t, c_uint64, c_void_p
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Union

from . import _native
from .errors import ClientClosedError, ElkoError, InvalidArgumentError, class_for
from .operations import Operations

JSON = Any
LogCallback = Callable[[int, str], None]


def _encode_json(value: Any, what: str) -> bytes:
    """JSON text as UTF-8 bytes; InvalidArgumentError for values JSON cannot carry (lone surrogates,
    NaN, objects json does not know)."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidArgumentError("%s is not valid UTF-8 (a lone surrogate at position %d?): %s"
                                   % (what, e.start, e.reason)) from None
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError("%s cannot be sent as JSON: %s" % (what, e)) from None


def _encode_text(value: str, what: str) -> bytes:
    if not isinstance(value, str):
        raise InvalidArgumentError("%s must be a str, not %s" % (what, type(value).__name__))
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidArgumentError("%s is not valid UTF-8: %s" % (what, e.reason)) from None


def _raise(lib: ctypes.CDLL, status: int, err: c_void_p) -> None:
    """Turns an elko_error into the matching exception and frees it."""
    if not err.value:
        raise class_for(status)(lib.elko_strerror(status).decode("utf-8", "replace"), code=status)
    try:
        e = err.value
        code = lib.elko_error_code(e)
        exc = class_for(code)(
            _native.c_text(lib.elko_error_message(e)) or "",
            code=code,
            http_status=lib.elko_error_http_status(e),
            body=_native.c_text(lib.elko_error_body(e)),
            operation=_native.c_text(lib.elko_error_operation(e)),
            retry_after=lib.elko_error_retry_after_ms(e) / 1000.0,
            reference=_native.c_text(lib.elko_error_reference(e)),
        )
    finally:
        lib.elko_error_free(err)
    raise exc


def _take_string(lib: ctypes.CDLL, p: c_void_p, n: c_size_t) -> bytes:
    """Copies text the library allocated, then frees it."""
    try:
        return ctypes.string_at(p.value, n.value) if p.value else b""
    finally:
        lib.elko_string_free(p)


class BatchFailure(NamedTuple):
    """One batch of Client.batch() that failed: its codes (as str) and the exception it raised."""
    codes: List[str]
    error: ElkoError


class BatchResult(NamedTuple):
    """What Client.batch() gathered: `items` of every batch that succeeded, in the order the codes were
    asked; `failed` batches (BatchFailure); `batches`, the requests sent. `ok` is True when none failed."""
    items: List[JSON]
    failed: List[BatchFailure]
    batches: int

    @property
    def ok(self) -> bool:
        """True when no batch failed."""
        return not self.failed


class Client(Operations):
    """A client of one ELKO account, backed by libelko.so.

    >>> with elko.Client(base_url="http://127.0.0.1:8080", token=os.environ["ELKO_TOKEN"]) as c:
    ...     for product in c.catalog_products(catalog=["CPU"]):
    ...         print(product["elkoCode"], product["quantity"])

    Give `base_url` or `region` ("ua" or "api"); `token` (with or without "Bearer "), else the library
    reads ELKO_TOKEN. Further keyword arguments are libelko client options (include/elko.h,
    elko_client_new): `dialect`, `connect_timeout_ms`, `timeout_ms`, `format`, `user_agent_app`,
    `paths`, `rate_limit`, `retries`, `log_level`, `log`, `log_file`, `dry_run`, `state_dir`, `orders`
    (exactly-once orders: see place_order()), ...; unknown ones raise InvalidArgumentError. Nothing is
    sent until the first call.

    Thread-safe: one client may be shared by several threads (each call releases the GIL and sends on
    its own connection). close() waits for calls in flight; using the client afterwards raises
    ClientClosedError.
    """

    def __init__(self, base_url: Optional[str] = None, token: Optional[str] = None, *,
                 region: Optional[str] = None, dialect: Optional[str] = None, **options: Any) -> None:
        self._lib = _native.load()
        self._handle: Optional[int] = None
        self._inflight = 0
        self._cond = threading.Condition()
        self._log_callback: Optional[Any] = None
        self._iterators: "weakref.WeakSet[ListIterator]" = weakref.WeakSet()
        doc: Dict[str, Any] = {"version": 1}
        for key, value in (("base_url", base_url), ("region", region), ("token", token), ("dialect", dialect)):
            if value is not None:
                doc[key] = value
        doc.update(options)
        self._xml = doc.get("format") == "xml"
        raw = _encode_json(doc, "options")
        handle = c_void_p()
        err = c_void_p()
        status = self._lib.elko_client_new(raw, len(raw), byref(handle), byref(err))
        if status != 0:
            _raise(self._lib, status, err)
        self._handle = handle.value

    # ---- lifetime ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Frees the native client after the calls in flight end. Calling it again does nothing."""
        with self._cond:
            handle, self._handle = self._handle, None
            while self._inflight:
                self._cond.wait()
        for it in list(self._iterators):  # the client must outlive its iterators
            it.close()
        if handle:
            self._lib.elko_client_free(handle)

    @property
    def closed(self) -> bool:
        """True after close()."""
        return self._handle is None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: modules may be gone
            pass

    def __repr__(self) -> str:
        return "<elko.Client %s>" % ("closed" if self.closed else "open")

    def _enter(self) -> int:
        with self._cond:
            if self._handle is None:
                raise ClientClosedError("the elko.Client is closed; create a new one")
            self._inflight += 1
            return self._handle

    def _leave(self) -> None:
        with self._cond:
            self._inflight -= 1
            if self._inflight == 0:
                self._cond.notify_all()

    # ---- calls ------------------------------------------------------------------------------------

    def _decode(self, raw: bytes) -> JSON:
        if self._xml:
            return raw.decode("utf-8", "replace")
        return json.loads(raw) if raw else None

    def _params(self, operation: str, params: Optional[Mapping[str, Any]]) -> bytes:
        if params is None:
            return b""
        if not isinstance(params, Mapping):
            raise InvalidArgumentError("params of %s must be a dict, not %s" % (operation, type(params).__name__),
                                       operation=operation)
        return _encode_json(dict(params), "params")

    def call_raw(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> bytes:
        """Like call(), but returns ELKO's answer as bytes, undecoded."""
        op = _encode_text(operation, "operation")
        raw = self._params(operation, params)
        out, n, err = c_void_p(), c_size_t(), c_void_p()
        handle = self._enter()
        try:
            status = self._lib.elko_call(handle, op, raw if raw else None, len(raw), byref(out), byref(n), byref(err))
        finally:
            self._leave()
        if status != 0:
            _raise(self._lib, status, err)
        return _take_string(self._lib, out, n)

    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> JSON:
        """Calls an ELKO operation by name ("catalog.products", "orders.create"... — `elko operations`
        lists them) and returns the decoded JSON answer (text for a client with format="xml").

        `params`: each path or query parameter by its ELKO name (lists as lists, e.g.
        {"elkoCode": ["1435774", "1435775"]}) and "body" for operations that send one.
        Raises an ElkoError subclass (InvalidArgumentError before anything is sent).
        """
        return self._decode(self.call_raw(operation, params))

    def iterate(self, operation: str, params: Optional[Mapping[str, Any]] = None, *,
                batch_items: int = 1000, batch_bytes: int = 256 * 1024) -> Iterator[JSON]:
        """The items of a list operation's array, streamed one at a time (see ListIterator). The request is
        sent now, so HTTP errors are raised here, not at the first next().

        Items cross from the library in batches (elko_iter_next_batch) of at most `batch_items` items or
        about `batch_bytes` bytes of JSON, each decoded with one json.loads: memory stays bounded by one
        batch (plus the largest item), and the per-call cost of ctypes is paid once per batch. 0 lifts
        either limit (not both)."""
        return ListIterator(self, operation, params, batch_items=batch_items, batch_bytes=batch_bytes)

    def download(self, operation: str, params: Optional[Mapping[str, Any]] = None, path: Union[str, "os.PathLike[str]"] = "") -> int:
        """Writes an operation's answer to the file `path` (elko_download): the bytes go to a temporary
        file in the same directory, which is fsync'd and renamed over `path` once the answer is complete;
        on any error the temporary file is removed and `path` is left untouched. Memory stays bounded
        (the full catalog is never held). Returns the number of bytes written. Raises an ElkoError
        subclass (InvalidArgumentError for a path whose directory cannot take a new file)."""
        op = _encode_text(operation, "operation")
        raw = self._params(operation, params)
        target = _encode_text(os.fspath(path), "path")
        if not target:
            raise InvalidArgumentError("download: path is empty", operation=operation)
        written, err = c_uint64(), c_void_p()
        handle = self._enter()
        try:
            status = self._lib.elko_download(handle, op, raw if raw else None, len(raw), target, byref(written),
                                             byref(err))
        finally:
            self._leave()
        if status != 0:
            _raise(self._lib, status, err)
        return written.value

    def batch(self, operation: str, codes: Iterable[Union[str, int]], params: Optional[Mapping[str, Any]] = None, *,
              batch_size: int = 50) -> "BatchResult":
        """Fetches "catalog.description", "catalog.media" or "catalog.availability" for any number of ELKO
        codes (elko_batch): duplicates dropped, split into comma batches of at most `batch_size` codes
        (default 50), each paced by the client's rate limiter (waiting for a slot up to the larger of its
        rate_limit wait_ms and window_ms, never sending into ELKO's limit), items merged in the order the
        codes were given. `params` are the operation's other parameters ({"lang": "UA"},
        {"type": "AvailabilityPrice"}).

        Order: items are placed by "productId" (nested descriptions, availability), else "elkoCode", else
        "id" (media). Descriptions in the flat shape (older and UA dialects) name no product: their rows
        keep ELKO's order within their batch (use batch_size=1 to know which product they belong to).

        A batch that fails (after the client's retries) does not lose the others: it is listed in
        `BatchResult.failed` with its codes and the exception. Raises only for invalid arguments
        (nothing is sent then)."""
        op = _encode_text(operation, "operation")
        if isinstance(codes, (str, int)):
            codes = [codes]
        code_list = list(codes)
        for c in code_list:
            if isinstance(c, bool) or not isinstance(c, (str, int)):
                raise InvalidArgumentError("batch: every ELKO code must be a str or an int, not %s" % type(c).__name__,
                                           operation=operation)
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise InvalidArgumentError("batch: batch_size must be an int >= 1", operation=operation)
        codes_raw = _encode_json(code_list, "codes")
        raw = self._params(operation, params)
        out, n, err = c_void_p(), c_size_t(), c_void_p()
        handle = self._enter()
        try:
            status = self._lib.elko_batch(handle, op, codes_raw, len(codes_raw), raw if raw else None, len(raw),
                                          batch_size, byref(out), byref(n), byref(err))
        finally:
            self._leave()
        if status != 0:
            _raise(self._lib, status, err)
        doc = json.loads(_take_string(self._lib, out, n))
        failed = [BatchFailure(f["codes"], class_for(f["code"])(
            f["message"], code=f["code"], http_status=f["http_status"], body=f["body"], operation=operation,
            retry_after=f["retry_after_ms"] / 1000.0)) for f in doc["failed"]]
        return BatchResult(doc["items"], failed, doc["batches"])

    def descriptions(self, codes: Iterable[Union[str, int]], lang: Optional[str] = None, *,
                     batch_size: int = 50) -> "BatchResult":
        """batch("catalog.description", ...): descriptions of any number of codes (see batch())."""
        return self.batch("catalog.description", codes, None if lang is None else {"lang": lang},
                          batch_size=batch_size)

    def media_items(self, codes: Iterable[Union[str, int]], *, batch_size: int = 50) -> "BatchResult":
        """batch("catalog.media", ...): media items (images) of any number of codes (see batch())."""
        return self.batch("catalog.media", codes, batch_size=batch_size)

    def availability(self, codes: Iterable[Union[str, int]], type: str = "AvailabilityPrice", *,
                     batch_size: int = 50) -> "BatchResult":
        """batch("catalog.availability", ...): stock and prices of any number of codes (see batch());
        `type` is Availability, AvailabilityPrice, AvailabilityIncoming or AvailabilityIncomingPrice."""
        return self.batch("catalog.availability", codes, {"type": type}, batch_size=batch_size)

    # ---- orders placed exactly once ---------------------------------------------------------------

    def place_order(self, body: Mapping[str, Any], *, operation: str = "orders.create") -> Dict[str, Any]:
        """Places an order exactly once (elko_orders_place) and says what happened. `body` as ELKO takes it
        (`lines` required); `operation` is "orders.create" or "reservations.create".

        The body carries a partner reference (`customerPo`, or the client's "orders" `reference_field`):
        yours, or one the library adds ("elko-" + 22 random characters; with "auto_reference": False a body
        without one raises InvalidArgumentError: its lost answer could never be looked up). Before the first byte is sent the
        intent is written to the journal in the state directory. A lost answer (reset, timeout, 5xx) is
        not sent again blindly: the reference is looked up in orders.list first, and the order is sent
        again (same reference) only when it is still absent after the settle time.

        Returns the envelope: {"reference": "elko-...", "reference_given": False, "outcome": "placed",
        "reconciled": False, "sends": 1, "intent": "<journal entry id>", "answer": <ELKO's order>} —
        "reconciled" is True when the order was found by its reference after its answer was lost.

        Raises UncertainError (with `.reference`) when the outcome is still unknown at the end of the
        call's time — do NOT place it again, call orders_reconcile() later; a definite refusal raises its
        own class (BadRequestError, ...) with `.reference` too; InvalidArgumentError before anything is
        sent (another operation, a body that is not a dict)."""
        if not isinstance(body, Mapping):
            raise InvalidArgumentError("place_order: body must be a dict, not %s" % type(body).__name__,
                                       operation=operation)
        op = _encode_text(operation, "operation")
        raw = _encode_json({"body": dict(body)}, "params")
        out, n, err = c_void_p(), c_size_t(), c_void_p()
        handle = self._enter()
        try:
            status = self._lib.elko_orders_place(handle, op, raw, len(raw), byref(out), byref(n), byref(err))
        finally:
            self._leave()
        if status != 0:
            _raise(self._lib, status, err)
        placed: Dict[str, Any] = json.loads(_take_string(self._lib, out, n))
        return placed

    def orders_pending(self) -> Dict[str, Any]:
        """The open entries of this client's token in the order journal (elko_orders_pending), without
        sending anything: {"entries": [{"intent", "operation", "reference", "reference_given",
        "created_ms", "sends", "state": "open" | "in_progress" | "damaged", "body", "message"}],
        "count": n}. "in_progress": a live process is placing it right now; "damaged": an entry that
        cannot be read ("message" says why; its file is left in place)."""
        return self._journal_call(self._lib.elko_orders_pending)

    def orders_reconcile(self) -> Dict[str, Any]:
        """Resolves every open entry of this client's token that no live process is placing
        (elko_orders_reconcile): each reference is looked up in orders.list (paced by the rate limiter),
        and once more after the settle time when absent. Returns {"entries": [{"intent", "operation",
        "reference", "created_ms", "sends", "outcome": "placed" | "not_placed" | "still_uncertain" |
        "in_progress" | "damaged", "order": <ELKO's order, for placed> or None, "message"}], "placed": n,
        "not_placed": n, "still_uncertain": n, "in_progress": n, "damaged": n}.

        placed and not_placed entries are closed; a not_placed order is never sent again automatically
        (place a new one if it is still wanted). still_uncertain (a look-up failed), in_progress and
        damaged entries stay open. Blocks while it looks entries up."""
        return self._journal_call(self._lib.elko_orders_reconcile)

    def _journal_call(self, fn: Any) -> Dict[str, Any]:
        out, n, err = c_void_p(), c_size_t(), c_void_p()
        handle = self._enter()
        try:
            status = fn(handle, byref(out), byref(n), byref(err))
        finally:
            self._leave()
        if status != 0:
            _raise(self._lib, status, err)
        answer: Dict[str, Any] = json.loads(_take_string(self._lib, out, n))
        return answer

    def request(self, method: str, path: str, query: Union[None, str, Mapping[str, Any]] = None,
                body: Any = None) -> JSON:
        """A raw request for what the operation table lacks: `method` GET/POST/PUT/DELETE, `path`
        starting with "/" (percent-encoded, appended to the base URL), `query` as a dict (encoded here)
        or percent-encoded text, `body` any JSON value (None: no body). Returns the decoded JSON answer,
        or the text when it is not JSON (None when empty)."""
        m = _encode_text(method, "method")
        p = _encode_text(path, "path")
        if isinstance(query, Mapping):
            query = urllib.parse.urlencode(query, doseq=True)
        q = None if query is None else _encode_text(query, "query")
        b = None if body is None else _encode_json(body, "body")
        out, n, err = c_void_p(), c_size_t(), c_void_p()
        handle = self._enter()
        try:
            status = self._lib.elko_request(handle, m, p, q, b, len(b) if b else 0, byref(out), byref(n), byref(err))
        finally:
            self._leave()
        if status != 0:
            _raise(self._lib, status, err)
        raw = _take_string(self._lib, out, n)
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")

    def set_log_callback(self, callback: Optional[LogCallback]) -> None:
        """Sends the client's log lines (at or below its `log_level` option) to `callback(level, line)`
        instead of stderr or `log_file`; None restores that sink. The callback runs on the thread making
        the call, during it; it must not use this client, and exceptions it raises are printed and
        ignored."""
        if callback is None:
            c_cb = _native.LOG_CALLBACK()  # a NULL function pointer
        else:
            def trampoline(_user: Any, level: int, line: Optional[int], n: int) -> None:
                callback(level, ctypes.string_at(line, n).decode("utf-8", "replace") if line else "")
            c_cb = _native.LOG_CALLBACK(trampoline)
        handle = self._enter()
        try:
            status = self._lib.elko_client_set_log_callback(handle, c_cb, None)
        finally:
            self._leave()
        if status != 0:
            raise class_for(status)("elko_client_set_log_callback failed", code=status)
        self._log_callback = c_cb  # keep it alive as long as the library may call it


class ListIterator(Iterator[JSON]):
    """The items of a list operation, streamed: libelko splits ELKO's top-level JSON array as the bytes
    arrive (elko_iter_*) and hands them over in batches (elko_iter_next_batch: one JSON array text of
    several items, decoded with one json.loads), so memory stays bounded by one batch, not by the
    catalog. The request is sent when the iterator is created, so HTTP errors are raised there; network
    errors in the middle are raised by next() after the items that arrived. close() (or leaving a
    `with` block, or dropping the iterator, or closing the client) aborts the transfer. One thread at a
    time."""

    def __init__(self, client: Client, operation: str, params: Optional[Mapping[str, Any]], *,
                 batch_items: int = 1000, batch_bytes: int = 256 * 1024) -> None:
        self._client = client
        self._lib = client._lib
        self._lock = threading.Lock()
        self._it: Optional[int] = None
        # Decoded items of the current batch, reversed: next() pops from the end.
        self._buf: List[JSON] = []
        if not isinstance(batch_items, int) or not isinstance(batch_bytes, int) or batch_items < 0 \
                or batch_bytes < 0 or (batch_items == 0 and batch_bytes == 0):
            raise InvalidArgumentError("batch_items and batch_bytes must be integers >= 0, not both 0",
                                       operation=operation)
        self._batch_items = batch_items
        self._batch_bytes = batch_bytes
        op = _encode_text(operation, "operation")
        raw = client._params(operation, params)
        it, err = c_void_p(), c_void_p()
        handle = client._enter()
        try:
            status = self._lib.elko_iter_new(handle, op, raw if raw else None, len(raw), byref(it), byref(err))
        finally:
            client._leave()
        if status != 0:
            _raise(self._lib, status, err)
        self._it = it.value
        client._iterators.add(self)

    def __iter__(self) -> "ListIterator":
        return self

    def __next__(self) -> JSON:
        buf = self._buf
        if buf:
            return buf.pop()
        return self._refill()

    def _refill(self) -> JSON:
        """Takes the next batch from the library and returns its first item."""
        items = self._next_batch()
        if not items:
            raise StopIteration
        items.reverse()
        self._buf = items
        return items.pop()

    def _next_batch(self) -> List[JSON]:
        """The next batch of decoded items, in order ([] at the end of the array); used by next() and by
        AsyncListIterator, which calls it on a worker thread. Raises ClientClosedError when the client was
        closed meanwhile, the ElkoError of a failed transfer after the items that arrived."""
        with self._lock:
            if self._buf:  # items next() has not taken yet come first
                items, self._buf = self._buf[::-1], []
                return items
            if self._it is None:
                if self._client.closed:
                    raise ClientClosedError("the elko.Client of this iterator is closed")
                return []
            text, n, count, err = c_void_p(), c_size_t(), c_size_t(), c_void_p()
            self._client._enter()
            try:
                status = self._lib.elko_iter_next_batch(self._it, self._batch_items, self._batch_bytes,
                                                        byref(text), byref(n), byref(count), byref(err))
            finally:
                self._client._leave()
            if status == 1:
                batch: List[JSON] = json.loads(_take_string(self._lib, text, n))
                return batch
            self._free_locked()
            if status == 0:
                return []
            _raise(self._lib, status, err)
            raise AssertionError("unreachable")  # pragma: no cover

    def _free_locked(self) -> None:
        self._buf = []  # items of a batch not taken yet are dropped with the stream
        if self._it is not None:
            it, self._it = self._it, None
            self._lib.elko_iter_free(it)

    def close(self) -> None:
        """Aborts the transfer and frees the native iterator. Calling it again does nothing."""
        with self._lock:
            self._free_locked()

    def __enter__(self) -> "ListIterator":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass
