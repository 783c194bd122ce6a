"""elko.AsyncClient: the client for asyncio programs (aiohttp, FastAPI, ...).

Every call of elko.Client runs on a worker thread of the AsyncClient's own thread pool, so the event loop
stays free while libelko waits for ELKO (ctypes releases the GIL for the whole C call): several calls may
be in flight at once, sharing the client's connections and its rate limiter like threads of a sync
client do. Lists are async iterators whose batches are fetched on a worker thread.

    async with elko.AsyncClient(base_url=os.environ["ELKO_URL"], token=os.environ["ELKO_TOKEN"]) as c:
        vendors, account = await asyncio.gather(c.call("catalog.vendors"), c.account_get())
        async for product in c.catalog_products(catalog="CPU"):
            print(product["elkoCode"], product["price"])
"""
import asyncio
import collections
import functools
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, AsyncIterator, Callable, Deque, Dict, Iterable, Mapping, Optional, TypeVar, Union, cast

from .client import JSON, BatchResult, Client, ListIterator, LogCallback
from .errors import ClientClosedError
from .operations import Codes, Item, _codes, _params

__all__ = ["AsyncClient", "AsyncListIterator", "AsyncOperations"]

T = TypeVar("T")


class AsyncOperations:
    """One coroutine per operation of ELKO's table — the same names, parameters and answers as the methods
    of elko.Client (elko/operations.py, whose docs say what each operation does); methods of list
    operations return an AsyncListIterator for `async for`. Mixed into elko.AsyncClient."""

    async def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> Any:  # pragma: no cover
        """Calls an operation by name (AsyncClient.call)."""
        raise NotImplementedError

    def iterate(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> "AsyncListIterator":  # pragma: no cover
        """Streams a list operation (AsyncClient.iterate)."""
        raise NotImplementedError

    # ---- Catalog ----------------------------------------------------------------------------------

    def catalog_products(self, elko_code: Optional[Codes] = None, vendor_code: Optional[Codes] = None,
                         catalog: Optional[Codes] = None, lang: Optional[str] = None,
                         show_only_available: Optional[bool] = None) -> "AsyncListIterator":
        """catalog.products: the catalog, streamed (see Client.catalog_products for the filters)."""
        return self.iterate("catalog.products", _params(
            elkoCode=None if elko_code is None else _codes(elko_code),
            vendorCode=None if vendor_code is None else _codes(vendor_code),
            catalog=None if catalog is None else _codes(catalog),
            lang=lang, showOnlyAvaliable=show_only_available))

    def catalog_esd(self) -> "AsyncListIterator":
        """catalog.esd: electronic software delivery (ESD) products."""
        return self.iterate("catalog.esd")

    def catalog_description(self, elko_codes: Codes, lang: Optional[str] = None) -> "AsyncListIterator":
        """catalog.description: descriptions of the given codes (see Client.catalog_description)."""
        return self.iterate("catalog.description", _params(elkoCodes=_codes(elko_codes), lang=lang))

    def catalog_media(self, elko_codes: Codes) -> "AsyncListIterator":
        """catalog.media: product images of the given codes; `sequence` 1 is the main image."""
        return self.iterate("catalog.media", {"elkoCodes": _codes(elko_codes)})

    def catalog_categories(self) -> "AsyncListIterator":
        """catalog.categories: product categories (3-letter codes)."""
        return self.iterate("catalog.categories")

    def catalog_category_tree(self) -> "AsyncListIterator":
        """catalog.categoryTree: the category tree (`childs`; group nodes have an empty code)."""
        return self.iterate("catalog.categoryTree")

    def catalog_vendors(self) -> "AsyncListIterator":
        """catalog.vendors: vendors (2-character codes)."""
        return self.iterate("catalog.vendors")

    def catalog_availability(self, elko_codes: Codes, type: str = "AvailabilityPrice") -> "AsyncListIterator":
        """catalog.availability: stock, incoming stock and prices of the given codes (see
        Client.catalog_availability for `type`)."""
        return self.iterate("catalog.availability", {"type": type, "elkoCodes": _codes(elko_codes)})

    # ---- Orders -----------------------------------------------------------------------------------

    def orders_list(self) -> "AsyncListIterator":
        """orders.list: all actual orders."""
        return self.iterate("orders.list")

    async def orders_get(self, order_id: int) -> Item:
        """orders.get: one order."""
        return cast(Item, await self.call("orders.get", {"orderId": order_id}))

    async def orders_create(self, body: Mapping[str, Any]) -> Item:
        """orders.create: places an order exactly once — a real purchase on ELKO's production API (see
        Client.orders_create and AsyncClient.place_order)."""
        return cast(Item, await self.call("orders.create", {"body": dict(body)}))

    async def orders_modify(self, order_id: int, body: Mapping[str, Any]) -> Item:
        """orders.modify: changes an open order (lines, delivery, references)."""
        return cast(Item, await self.call("orders.modify", {"orderId": order_id, "body": dict(body)}))

    async def orders_cancel(self, order_id: int) -> Item:
        """orders.cancel: cancels an open order and returns its stock."""
        return cast(Item, await self.call("orders.cancel", {"orderId": order_id}))

    # ---- Reservations -----------------------------------------------------------------------------

    async def reservations_create(self, body: Mapping[str, Any]) -> Item:
        """reservations.create: reserves stock until released or expired, placed exactly once like
        orders_create()."""
        return cast(Item, await self.call("reservations.create", {"body": dict(body)}))

    def reservations_list(self) -> "AsyncListIterator":
        """reservations.list: active reservations."""
        return self.iterate("reservations.list")

    async def reservations_get(self, reservation_id: int) -> Item:
        """reservations.get: one reservation."""
        return cast(Item, await self.call("reservations.get", {"reservationId": reservation_id}))

    async def reservations_release(self, reservation_id: int) -> Item:
        """reservations.release: releases a reservation and returns its stock."""
        return cast(Item, await self.call("reservations.release", {"reservationId": reservation_id}))

    # ---- Finances ---------------------------------------------------------------------------------

    def invoices_list(self, with_additional_info: bool = False) -> "AsyncListIterator":
        """invoices.list: invoices, with `additionalInfo` when asked."""
        return self.iterate("invoices.list", {"withAdditionalInfo": with_additional_info})

    def invoices_range(self, from_: Union[int, str], to: Union[int, str]) -> "AsyncListIterator":
        """invoices.range: invoices created between two days given as JDE Julian CYYDDD."""
        return self.iterate("invoices.range", {"from": from_, "to": to})

    # ---- Account and token ------------------------------------------------------------------------

    async def account_get(self) -> Item:
        """account.get: the account the token belongs to."""
        return cast(Item, await self.call("account.get"))

    async def token_create(self, username: str, password: str) -> str:
        """token.create: issues a new token; the company's previous token stops working."""
        return cast(str, await self.call("token.create", {"body": {"username": username, "password": password}}))


class AsyncClient(AsyncOperations):
    """A client of one ELKO account for asyncio programs: elko.Client's calls as coroutines.

    >>> async with elko.AsyncClient(base_url="http://127.0.0.1:8080", token=token) as c:
    ...     async for product in c.catalog_products(catalog=["CPU"]):
    ...         print(product["elkoCode"], product["quantity"])

    Arguments and options are elko.Client's (an invalid one raises InvalidArgumentError here, nothing
    being sent until the first call), plus `max_workers`: the size of the client's own thread pool, i.e.
    how many calls may be in flight at once (default: ThreadPoolExecutor's, min(32, CPUs + 4)); more
    calls wait for a free thread. Each call runs on one of those threads while the event loop goes on;
    its exceptions are elko.Client's (ElkoError subclasses). A call whose task is cancelled cannot be
    stopped inside libelko: it runs to its end (an order may still be placed — the journal knows it, see
    place_order) and its result is dropped.

    One AsyncClient may be used by many tasks at once (the rate limiter paces them all: with a
    `rate_limit` `wait_ms` they wait on their worker threads, not on the loop). aclose() (or leaving
    `async with`) waits for the calls in flight, then frees the client; using it afterwards raises
    ClientClosedError.
    """

    def __init__(self, base_url: Optional[str] = None, token: Optional[str] = None, *,
                 region: Optional[str] = None, dialect: Optional[str] = None, max_workers: Optional[int] = None,
                 **options: Any) -> None:
        self._client = Client(base_url, token, region=region, dialect=dialect, **options)
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="elko")
        self._closing = False

    # ---- lifetime ---------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Waits for the calls in flight (off the event loop), then frees the native client and the thread
        pool. Calling it again does nothing."""
        self._closing = True
        await asyncio.get_running_loop().run_in_executor(None, self.close)

    def close(self) -> None:
        """Like aclose(), but blocking: for code outside the event loop. Calling it again does nothing."""
        self._closing = True
        self._client.close()
        self._executor.shutdown(wait=True)

    @property
    def closed(self) -> bool:
        """True once aclose() or close() has begun."""
        return self._closing

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return "<elko.AsyncClient %s>" % ("closed" if self.closed else "open")

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """fn(*args, **kwargs) on a worker thread of this client, awaited."""
        if self._closing:
            raise ClientClosedError("the elko.AsyncClient is closed; create a new one")
        try:
            future = asyncio.get_running_loop().run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))
        except RuntimeError:  # the pool was shut down between the check and now
            raise ClientClosedError("the elko.AsyncClient is closed; create a new one") from None
        return await future

    # ---- calls ------------------------------------------------------------------------------------

    async def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> JSON:
        """Calls an ELKO operation by name and returns the decoded answer (see Client.call)."""
        return await self._run(self._client.call, operation, params)

    async def call_raw(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> bytes:
        """Like call(), but returns ELKO's answer as bytes, undecoded."""
        return await self._run(self._client.call_raw, operation, params)

    async def request(self, method: str, path: str, query: Union[None, str, Mapping[str, Any]] = None,
                      body: Any = None) -> JSON:
        """A raw request for what the operation table lacks (see Client.request)."""
        return await self._run(self._client.request, method, path, query, body)

    def iterate(self, operation: str, params: Optional[Mapping[str, Any]] = None, *,
                batch_items: int = 1000, batch_bytes: int = 256 * 1024) -> "AsyncListIterator":
        """The items of a list operation's array, streamed, for `async for` (see AsyncListIterator). The
        request is sent at the first step of the iteration, so HTTP errors are raised there."""
        return AsyncListIterator(self, operation, params, batch_items=batch_items, batch_bytes=batch_bytes)

    async def download(self, operation: str, params: Optional[Mapping[str, Any]] = None,
                       path: Union[str, "os.PathLike[str]"] = "") -> int:
        """Writes an operation's answer to the file `path`, atomically (see Client.download). Returns the
        number of bytes written."""
        return await self._run(self._client.download, operation, params, path)

    async def batch(self, operation: str, codes: Iterable[Union[str, int]], params: Optional[Mapping[str, Any]] = None,
                    *, batch_size: int = 50) -> BatchResult:
        """catalog.description, catalog.media or catalog.availability for any number of codes, in comma
        batches paced by the rate limiter (see Client.batch). The codes are read before the call starts."""
        code_list = [codes] if isinstance(codes, (str, int)) else list(codes)
        return await self._run(self._client.batch, operation, code_list, params, batch_size=batch_size)

    async def descriptions(self, codes: Iterable[Union[str, int]], lang: Optional[str] = None, *,
                           batch_size: int = 50) -> BatchResult:
        """batch("catalog.description", ...): descriptions of any number of codes."""
        return await self.batch("catalog.description", codes, None if lang is None else {"lang": lang},
                                batch_size=batch_size)

    async def media_items(self, codes: Iterable[Union[str, int]], *, batch_size: int = 50) -> BatchResult:
        """batch("catalog.media", ...): media items (images) of any number of codes."""
        return await self.batch("catalog.media", codes, batch_size=batch_size)

    async def availability(self, codes: Iterable[Union[str, int]], type: str = "AvailabilityPrice", *,
                           batch_size: int = 50) -> BatchResult:
        """batch("catalog.availability", ...): stock and prices of any number of codes."""
        return await self.batch("catalog.availability", codes, {"type": type}, batch_size=batch_size)

    # ---- orders placed exactly once ---------------------------------------------------------------

    async def place_order(self, body: Mapping[str, Any], *, operation: str = "orders.create") -> Dict[str, Any]:
        """Places an order exactly once and returns the envelope (reference, outcome, reconciled, sends,
        intent, answer); raises UncertainError when its outcome stays unknown — do NOT place it again, call
        orders_reconcile() later (see Client.place_order). Cancelling the awaiting task does not stop it."""
        return await self._run(self._client.place_order, dict(body) if isinstance(body, Mapping) else body,
                               operation=operation)

    async def orders_pending(self) -> Dict[str, Any]:
        """The open entries of this client's token in the order journal (see Client.orders_pending)."""
        return await self._run(self._client.orders_pending)

    async def orders_reconcile(self) -> Dict[str, Any]:
        """Resolves every open entry of the order journal (see Client.orders_reconcile)."""
        return await self._run(self._client.orders_reconcile)

    def set_log_callback(self, callback: Optional[LogCallback]) -> None:
        """Sends log lines to `callback(level, line)` (see Client.set_log_callback). It is called on the
        worker thread making the call, not on the event loop: to touch loop objects from it, use
        loop.call_soon_threadsafe."""
        self._client.set_log_callback(callback)


class AsyncListIterator(AsyncIterator[JSON]):
    """The items of a list operation for `async for`: the request is sent, and each batch of items
    (elko_iter_next_batch, at most `batch_items` items or about `batch_bytes` bytes, decoded with one
    json.loads) is fetched, on a worker thread of the AsyncClient; the items of a batch are then handed
    out without leaving the loop. Memory stays bounded by one batch, as for ListIterator. HTTP errors are
    raised by the first step, network errors in the middle after the items that arrived. aclose() (or
    leaving `async with`, or closing the client) aborts the transfer. One task at a time."""

    def __init__(self, client: AsyncClient, operation: str, params: Optional[Mapping[str, Any]], *,
                 batch_items: int = 1000, batch_bytes: int = 256 * 1024) -> None:
        self._owner = client
        self._operation = operation
        self._params = None if params is None else dict(params)
        self._batch_items = batch_items
        self._batch_bytes = batch_bytes
        self._it: Optional[ListIterator] = None
        self._buf: Deque[JSON] = collections.deque()
        self._done = False

    def __aiter__(self) -> "AsyncListIterator":
        return self

    async def __anext__(self) -> JSON:
        if self._buf:
            return self._buf.popleft()
        if self._done:
            raise StopAsyncIteration
        try:
            if self._it is None:
                self._it = await self._owner._run(
                    ListIterator, self._owner._client, self._operation, self._params,
                    batch_items=self._batch_items, batch_bytes=self._batch_bytes)
            items = await self._owner._run(self._it._next_batch)
        except BaseException:
            self._done = True
            raise
        if not items:
            self._done = True
            raise StopAsyncIteration
        self._buf.extend(items)
        return self._buf.popleft()

    async def aclose(self) -> None:
        """Aborts the transfer and frees the native iterator. Calling it again does nothing."""
        self._done = True
        self._buf.clear()
        it, self._it = self._it, None
        if it is not None:
            try:  # on a worker thread: a batch still being fetched (a cancelled step) holds the iterator
                await self._owner._run(it.close)
            except ClientClosedError:  # the client's close() has freed it already
                it.close()

    async def __aenter__(self) -> "AsyncListIterator":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()
