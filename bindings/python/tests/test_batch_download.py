"""Batches of elements from the iterator, downloads to a file, batch helpers and the normalised view."""
import time

import pytest

import elko
from conftest import FAST


def _codes(client, n):
    return [p["elkoCode"] for p in client.catalog_products()][:n]


def test_iterate_in_batches_equals_whole_answer(client):
    whole = client.call("catalog.products")
    for kw in ({}, {"batch_items": 1}, {"batch_items": 7}, {"batch_items": 0, "batch_bytes": 1000}):
        assert list(client.iterate("catalog.products", **kw)) == whole
    with pytest.raises(elko.InvalidArgumentError):
        client.iterate("catalog.products", batch_items=0, batch_bytes=0)


def test_iterate_stops_early_and_reports_truncation(client, sandbox):
    it = client.iterate("catalog.products", batch_items=10)
    assert next(it)["elkoCode"]
    it.close()
    sandbox.fault("truncate")
    got = 0
    with pytest.raises(elko.NetworkError):
        for _ in client.iterate("catalog.products"):
            got += 1
    assert got > 0


def test_download_replaces_file_atomically(client, sandbox, tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text("old")
    whole = client.call_raw("catalog.products")
    assert client.download("catalog.products", None, path) == len(whole)
    assert path.read_bytes() == whole
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.json"]

    sandbox.fault("error500")
    with pytest.raises(elko.ServerError):
        client.download("catalog.products", None, str(path))
    sandbox.fault("truncate")
    with pytest.raises(elko.NetworkError):
        client.download("catalog.products", {}, path)
    assert path.read_bytes() == whole
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.json"]

    with pytest.raises(elko.NotFoundError):
        client.download("orders.get", {"orderId": 999999999}, tmp_path / "order.json")
    assert not (tmp_path / "order.json").exists()
    with pytest.raises(elko.InvalidArgumentError) as e:
        client.download("catalog.products", None, tmp_path / "no" / "such" / "dir.json")
    assert "temporary file" in str(e.value)
    with pytest.raises(elko.InvalidArgumentError):
        client.download("catalog.products", None, tmp_path)
    assert client.download("account.get", None, tmp_path / "account.json") > 2


def test_batch_merges_in_the_order_asked(client):
    codes = list(reversed(_codes(client, 120)))
    r = client.descriptions(codes)
    assert r.ok and r.batches == 3
    assert [d["productId"] for d in r.items] == codes
    r = client.media_items([str(c) for c in codes] + codes[:5], batch_size=11)
    assert r.ok and r.batches == 11
    assert [m["id"] for m in r.items] == codes
    r = client.availability(codes, "Availability")
    assert [a["productId"] for a in r.items] == codes
    assert client.batch("catalog.media", []).items == []


def test_one_failing_batch_keeps_the_others(client, sandbox):
    codes = _codes(client, 120)
    sandbox.fault("error500")
    r = client.batch("catalog.description", codes, batch_size=50)  # FAST: no retries
    assert not r.ok and len(r.failed) == 1
    f = r.failed[0]
    assert f.codes == [str(c) for c in codes[:50]]
    assert isinstance(f.error, elko.ServerError) and f.error.http_status == 500
    assert [d["productId"] for d in r.items] == codes[50:]


def test_batch_waits_for_the_limiter(client, sandbox):
    # 5 requests per 1 s window on the client side: 12 batches take at least 2 windows, and none fails
    # (each batch waits for its slot instead of failing fast, though the client's wait_ms is 0).
    codes = _codes(client, 60)
    opts = dict(FAST, rate_limit={"requests": 5, "margin": 0, "window_ms": 1000})
    with elko.Client(base_url=sandbox.url, token=sandbox.token, **opts) as c:
        t0 = time.monotonic()
        r = c.batch("catalog.media", codes, batch_size=5)
        assert time.monotonic() - t0 >= 1.5
        assert r.ok and r.batches == 12 and len(r.items) == 60


def test_batch_bad_arguments(client):
    with pytest.raises(elko.InvalidArgumentError):
        client.batch("catalog.products", [1])
    with pytest.raises(elko.InvalidArgumentError):
        client.batch("catalog.media", [1.5])
    with pytest.raises(elko.InvalidArgumentError):
        client.batch("catalog.media", ["1,2"])
    with pytest.raises(elko.InvalidArgumentError):
        client.batch("catalog.media", [1], batch_size=0)
    with pytest.raises(elko.InvalidArgumentError):
        client.batch("catalog.media", [1], {"elkoCodes": [2]})


def test_parse_stock():
    assert elko.parse_stock("0") == (0, True)
    assert elko.parse_stock("8") == (8, True)
    assert elko.parse_stock(">10") == (10, False)
    assert elko.parse_stock("> 50") == (50, False)
    assert elko.parse_stock("10+") == (10, False)
    assert elko.parse_stock(7) == (7, True)
    assert elko.parse_stock("") == (None, False)
    assert elko.parse_stock(None) == (None, False)
    assert elko.parse_stock("call us") == (None, False)


def test_normalize_product_both_dialects(client):
    api = {"id": 42294, "elkoCode": 1075419, "quantity": ">10", "price": 1.0}
    n = elko.normalize_product(api)
    assert n["elkoCode"] == 1075419 and n["id"] == 42294 and n["quantity"] == ">10"
    assert n["stockMin"] == 10 and n["stockExact"] is False
    assert "stockMin" not in api  # the input is not modified
    ua = {"id": 1075419, "quantity": "3", "name": "x"}
    n = elko.normalize_product(ua)
    assert n["elkoCode"] == 1075419 and n["stockMin"] == 3 and n["stockExact"] is True and n["name"] == "x"
    a = elko.normalize_product({"productId": 1, "stockQuantity": "10+"})
    assert a["stockMin"] == 10 and a["stockExact"] is False
    for p in client.catalog_products():
        n = elko.normalize_product(p)
        assert {k: n[k] for k in p} == p and n["elkoCode"] == p["elkoCode"]
        assert n["stockMin"] is not None
