"""elko.AsyncClient with asyncio.run (no pytest plugin): calls in flight at once while the event loop
keeps running, the same exception classes as elko.Client, async iteration equal to the sync one, the
batch and order helpers, every operation as a coroutine or an async iterator, close/aclose/async with.

Concurrency is shown without timing: a loopback server holds every request at a barrier that opens only
when 4 requests wait at it at once, and answers only after the event loop has run meanwhile."""
import asyncio
import http.server
import inspect
import json
import threading

import pytest

import elko
from conftest import FAST
from elko.aio import AsyncOperations
from elko.operations import Operations


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, timeout=60))


class _Barrier(http.server.BaseHTTPRequestHandler):
    """Answers {"n": <request number>} once `parties` requests are held at once and the test lets go."""
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        server = self.server
        try:
            server.barrier.wait(timeout=20)  # all parties in flight at once, or BrokenBarrierError
            ok = server.release.wait(timeout=20)
        except threading.BrokenBarrierError:
            ok = False
        with server.lock:
            server.count += 1
            n = server.count
        body = json.dumps({"n": n}).encode() if ok else b"barrier broken: requests were not concurrent"
        self.send_response(200 if ok else 500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def barrier_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Barrier)
    server.daemon_threads = True
    server.passed = threading.Event()
    server.barrier = threading.Barrier(4, action=server.passed.set)
    server.release = threading.Event()
    server.lock = threading.Lock()
    server.count = 0
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def test_calls_in_flight_at_once_while_the_loop_runs(barrier_server):
    url = "http://127.0.0.1:%d" % barrier_server.server_address[1]

    async def main():
        async with elko.AsyncClient(base_url=url, token="barrier-test-token", max_workers=4, timeout_ms=30000, **FAST) as c:
            calls = asyncio.gather(*(c.request("GET", "/held") for _ in range(4)))
            ticks = 0
            # The four requests are blocked inside libelko on worker threads; the loop goes on ticking.
            while not barrier_server.passed.is_set():
                await asyncio.sleep(0.005)
                ticks += 1
            after = ticks
            for _ in range(3):
                await asyncio.sleep(0.005)
                ticks += 1
            barrier_server.release.set()
            answers = await calls
            return answers, after, ticks

    answers, after, ticks = run(main())
    assert sorted(a["n"] for a in answers) == [1, 2, 3, 4]
    assert ticks == after + 3  # the loop ran while all four calls were held


def test_many_tasks_share_one_client(sandbox):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST) as s:
        vendors = s.call("catalog.vendors")
        account = s.account_get()

    async def main():
        async with elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, **FAST) as c:
            results = await asyncio.gather(*(c.call("catalog.vendors") for _ in range(12)), c.account_get())
            return results

    results = run(main())
    assert results[:-1] == [vendors] * 12
    assert results[-1] == account


def test_errors_are_the_same_classes(sandbox):
    async def main():
        async with elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, **FAST) as c:
            with pytest.raises(elko.BadRequestError) as bad:
                await c.call("orders.create", {"body": {"lines": []}})
            assert bad.value.body == "The Lines field is required."
            with pytest.raises(elko.InvalidArgumentError):
                await c.call("no.such.operation")
            with pytest.raises(elko.NotFoundError):
                await c.orders_get(987654321)
            with pytest.raises(elko.InvalidArgumentError):
                async for _ in c.iterate("account.get"):  # not a list operation
                    pass
            sandbox.fault("error500")
            with pytest.raises(elko.ServerError):
                async for _ in c.catalog_vendors():  # HTTP errors come at the first step
                    pass
            sandbox.fault("truncate")
            seen = 0
            with pytest.raises(elko.NetworkError):
                async for _ in c.catalog_products():
                    seen += 1
        async with elko.AsyncClient(base_url=sandbox.url, token="not-a-token", **FAST) as bad_token:
            with pytest.raises(elko.UnauthorizedError):
                await bad_token.account_get()
        with pytest.raises(elko.InvalidArgumentError):
            elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, no_such_option=1)

    run(main())


def test_async_iteration_equals_sync(sandbox):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST) as s:
        everything = list(s.catalog_products())
        cpus = list(s.catalog_products(catalog="CPU"))
        vendors = list(s.catalog_vendors())

    async def main():
        async with elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, **FAST) as c:
            small_batches = [p async for p in c.iterate("catalog.products", batch_items=7)]
            default = [p async for p in c.catalog_products()]
            filtered = [p async for p in c.catalog_products(catalog="CPU")]
            two = await asyncio.gather(_collect(c.catalog_vendors()), _collect(c.catalog_vendors()))
            return small_batches, default, filtered, two

    small_batches, default, filtered, two = run(main())
    assert len(everything) > 100
    assert small_batches == everything
    assert default == everything
    assert filtered == cpus and cpus
    assert two == [vendors, vendors]


async def _collect(it):
    return [x async for x in it]


def test_iterator_aclose_early(sandbox):
    async def main():
        async with elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, **FAST) as c:
            async with c.iterate("catalog.products", batch_items=10) as it:
                first = [await it.__anext__() for _ in range(3)]
            with pytest.raises(StopAsyncIteration):
                await it.__anext__()
            await it.aclose()  # twice: nothing
            return first

    first = run(main())
    assert len(first) == 3


def test_batch_helpers_and_download(sandbox, tmp_path):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST) as s:
        codes = [p["elkoCode"] for p in s.catalog_products()][:60]
        want = s.descriptions(codes)
        want_media = s.media_items(codes[:5])
        want_avail = s.availability(codes[:5])

    async def main():
        async with elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, **FAST) as c:
            got = await c.descriptions(iter(codes))  # a one-shot iterable is read before the call
            media = await c.media_items(codes[:5])
            avail = await c.availability(codes[:5])
            one = await c.batch("catalog.description", codes[0])
            written = await c.download("catalog.vendors", None, tmp_path / "vendors.json")
            raw = await c.call_raw("catalog.vendors")
            return got, media, avail, one, written, raw

    got, media, avail, one, written, raw = run(main())
    assert got.ok and got.items == want.items and got.batches == want.batches == 2
    assert media.items == want_media.items and avail.items == want_avail.items
    assert one.ok and one.batches == 1
    assert written == len(raw) == (tmp_path / "vendors.json").stat().st_size


def test_place_order_pending_reconcile(sandbox, tmp_path):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST) as s:
        code = next(iter(s.catalog_products()))["elkoCode"]

    async def main():
        async with elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, state_dir=str(tmp_path),
                                    orders={"settle_ms": 50}, **FAST) as c:
            env = await c.place_order({"lines": [{"elkoCode": code, "quantity": 1}], "backorder": True})
            pending = await c.orders_pending()
            reconciled = await c.orders_reconcile()
            order = await c.orders_get(env["answer"]["orderId"])
            with pytest.raises(elko.InvalidArgumentError):
                await c.place_order("not a dict")  # type: ignore[arg-type]
            return env, pending, reconciled, order

    env, pending, reconciled, order = run(main())
    assert env["outcome"] == "placed" and env["sends"] == 1 and env["reference"].startswith("elko-")
    assert pending["count"] == 0 and reconciled["placed"] == 0
    assert order["customerPo"] == env["reference"]


def test_close_aclose_and_use_after_close(sandbox):
    async def main():
        c = elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, **FAST)
        assert not c.closed and "open" in repr(c)
        sandbox.fault("latency=300")
        in_flight = asyncio.ensure_future(c.call("catalog.vendors"))
        await asyncio.sleep(0.05)
        await c.aclose()  # waits for the call in flight, then frees the client
        assert in_flight.done() and in_flight.result()
        await c.aclose()
        assert c.closed and "closed" in repr(c)
        with pytest.raises(elko.ClientClosedError):
            await c.call("catalog.vendors")
        with pytest.raises(elko.ClientClosedError):
            async for _ in c.catalog_vendors():
                pass
        c2 = elko.AsyncClient(base_url=sandbox.url, token=sandbox.token, **FAST)
        c2.close()  # the blocking form
        with pytest.raises(elko.ClientClosedError):
            await c2.account_get()

    run(main())


def test_every_operation_is_a_coroutine_or_an_async_iterator():
    sync_methods = {n: f for n, f in vars(Operations).items() if not n.startswith("_") and n not in ("call", "iterate")}
    async_methods = {n: f for n, f in vars(AsyncOperations).items()
                     if not n.startswith("_") and n not in ("call", "iterate")}
    assert set(sync_methods) == set(async_methods)
    for name, fn in sync_methods.items():
        afn = async_methods[name]
        assert inspect.signature(fn).parameters == inspect.signature(afn).parameters, name
        assert afn.__doc__ and name.split("_")[0] in afn.__doc__
        is_list = "Iterator" in str(inspect.signature(fn).return_annotation)
        assert inspect.iscoroutinefunction(afn) != is_list, name
    for name in ("call", "call_raw", "request", "download", "batch", "descriptions", "media_items",
                 "availability", "place_order", "orders_pending", "orders_reconcile", "aclose"):
        assert inspect.iscoroutinefunction(getattr(elko.AsyncClient, name)), name
        assert getattr(elko.AsyncClient, name).__doc__, name
