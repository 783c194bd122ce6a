"""elko.Client against the sandbox: operations, iteration, raw requests, lifetime, bad input."""
import threading

import pytest

import elko
from conftest import FAST


def test_library_is_found_and_checked():
    assert elko.library_version() == "0.1.0"
    assert elko.library_path().endswith("libelko.so")
    assert elko.ABI_VERSION == 1


def test_loader_lists_every_path_tried(monkeypatch):
    from elko import _native
    monkeypatch.setattr(_native, "_lib", None)
    monkeypatch.setenv("ELKO_LIBRARY", "/nonexistent/libelko.so")
    monkeypatch.setattr(_native, "candidate_paths", lambda: ["/nonexistent/libelko.so", "/nowhere/libelko.so",
                                                             "libelko-not-there.so"])
    with pytest.raises(elko.LibraryNotFoundError) as e:
        _native.load()
    text = str(e.value)
    assert "/nonexistent/libelko.so" in text and "/nowhere/libelko.so" in text and "libelko-not-there.so" in text


def test_account_and_call(client):
    account = client.account_get()
    assert account["accountNo"] == "700001"
    assert client.call("account.get") == account
    assert client.call("catalog.vendors", {})[0]["code"]


def test_catalog_products_iterates_items(client):
    it = client.catalog_products()
    first = next(it)
    assert isinstance(first, dict) and "elkoCode" in first and isinstance(first["quantity"], str)
    rest = list(it)
    assert len(rest) + 1 == 2000
    assert list(it) == []  # used up


def test_filters_and_code_lists(client):
    products = list(client.catalog_products())
    codes = [p["elkoCode"] for p in products[:3]]
    assert [p["elkoCode"] for p in client.catalog_products(elko_code=codes)] == codes
    assert [p["elkoCode"] for p in client.catalog_products(elko_code=codes[0])] == [codes[0]]
    cpu = list(client.catalog_products(catalog="CPU"))
    assert cpu and all(p["catalog"] == "CPU" for p in cpu)
    descriptions = list(client.catalog_description(codes))
    assert sorted(d["productId"] for d in descriptions) == sorted(codes)
    media = list(client.catalog_media(codes))
    assert all(m["mediaFiles"][0]["sequence"] == 1 for m in media)
    availability = list(client.catalog_availability(codes, type="AvailabilityPrice"))
    assert len(availability) == 3 and all("prices" in a for a in availability)


def test_every_list_operation(client):
    assert list(client.catalog_esd())
    assert list(client.catalog_categories())
    assert list(client.catalog_category_tree())
    assert list(client.catalog_vendors())
    assert isinstance(list(client.orders_list()), list)
    assert isinstance(list(client.reservations_list()), list)
    assert isinstance(list(client.invoices_list(with_additional_info=True)), list)
    assert isinstance(list(client.invoices_range(118001, 126365)), list)


def test_reserve_order_modify_cancel(client):
    product = next(p for p in client.catalog_products() if p["quantity"].strip(">+ ").isdigit()
                   and int(p["quantity"].strip(">+ ")) >= 3)
    line = {"elkoCode": product["elkoCode"], "quantity": 1}
    reservation = client.reservations_create({"lines": [line], "hours": 2})
    rid = reservation["reservationId"]
    assert client.reservations_get(rid)["reservationId"] == rid
    assert any(r["reservationId"] == rid for r in client.reservations_list())
    order = client.orders_create({"lines": [line], "reservationId": rid, "customerPo": "PO-PY-1"})
    oid = order["orderId"]
    assert client.orders_get(oid)["customerPo"] == "PO-PY-1"
    assert any(o["orderId"] == oid for o in client.orders_list())
    client.orders_modify(oid, {"deliveryInstructions": "gate 2"})
    client.orders_cancel(oid)
    r2 = client.reservations_create({"lines": [line]})
    assert client.reservations_release(r2["reservationId"])["reservationId"] == r2["reservationId"]


def test_raw_request(client):
    vendors = client.request("GET", "/v3.0/api/Catalog/Vendors")
    assert isinstance(vendors, list) and vendors[0]["code"]
    code = next(client.catalog_products())["elkoCode"]
    one = client.request("GET", "/v3.0/api/Catalog/Products", query={"elkoCode": code})
    assert [p["elkoCode"] for p in one] == [code]


def test_xml_format(sandbox):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, format="xml", **FAST) as c:
        assert c.call("catalog.vendors").startswith("<")


def test_ua_dialect(sandbox):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, dialect="ua", **FAST) as c:
        assert "translation" in next(c.catalog_categories())


def test_threads_share_one_client(client):
    errors, counts = [], []

    def work():
        try:
            n = 0
            for _ in range(25):
                n += len(client.call("catalog.vendors"))
            counts.append(n)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(counts) == 8 and len(set(counts)) == 1


def test_close_twice_and_use_after_close(sandbox):
    c = elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST)
    assert not c.closed
    c.close()
    c.close()
    assert c.closed
    with pytest.raises(elko.ClientClosedError, match="closed"):
        c.account_get()
    with pytest.raises(elko.InvalidArgumentError):
        c.request("GET", "/v3.0/api/Accounts/My")


def test_close_waits_for_calls_in_flight(sandbox):
    c = elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST)
    sandbox.fault("latency=500")
    done = []
    t = threading.Thread(target=lambda: done.append(c.call("catalog.vendors")))
    t.start()
    import time
    time.sleep(0.1)
    c.close()  # must not free the handle under the running call
    t.join()
    assert done and done[0]


def test_bad_input(client):
    with pytest.raises(elko.InvalidArgumentError, match="must be a dict"):
        client.call("catalog.vendors", ["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(elko.InvalidArgumentError, match="unknown operation"):
        client.call("nope.nope")
    with pytest.raises(elko.InvalidArgumentError, match="UTF-8"):
        client.call("catalog.products", {"elkoCode": "\ud800"})
    with pytest.raises(elko.InvalidArgumentError, match="UTF-8"):
        client.call("catalog.\udcff")
    with pytest.raises(elko.InvalidArgumentError):
        client.call("catalog.products", {"nope": 1})
    with pytest.raises(elko.InvalidArgumentError, match="JSON"):
        client.call("catalog.products", {"elkoCode": object()})
    with pytest.raises(elko.InvalidArgumentError):
        client.call(42)  # type: ignore[arg-type]
    with pytest.raises(elko.InvalidArgumentError):
        client.orders_get("not-a-number")  # type: ignore[arg-type]


def test_bad_options(sandbox):
    with pytest.raises(elko.InvalidArgumentError, match="colour"):
        elko.Client(base_url=sandbox.url, token=sandbox.token, colour="red")
    with pytest.raises(elko.InvalidArgumentError):
        elko.Client(token="x")  # neither base_url nor region


def test_token_never_in_repr_or_errors(sandbox):
    c = elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST)
    assert sandbox.token not in repr(c)
    c.close()


def test_log_callback(sandbox):
    lines = []
    with elko.Client(base_url=sandbox.url, token=sandbox.token, rate_limit={"requests": 100000, "margin": 0},
                     log_level="info") as c:
        c.set_log_callback(lambda level, line: lines.append((level, line)))
        c.call("catalog.vendors")
        c.set_log_callback(None)
    assert lines and "catalog.vendors" in lines[0][1]
    assert all(sandbox.token not in line for _, line in lines)


def test_iterator_close_early_and_with_block(client):
    it = client.catalog_products()
    assert next(it)["elkoCode"]
    it.close()
    it.close()
    assert list(it) == []
    with client.catalog_vendors() as vendors:
        assert next(vendors)["code"]
    assert client.call("account.get")  # the client still works


def test_iterator_errors(sandbox, client):
    with pytest.raises(elko.InvalidArgumentError):
        client.iterate("account.get")  # not a list operation
    sandbox.fault("truncate")
    it = client.catalog_products()
    with pytest.raises(elko.NetworkError):
        for _ in it:
            pass
    sandbox.fault("error500")
    with pytest.raises(elko.ServerError):
        client.catalog_vendors()  # HTTP errors come when the iterator is created


def test_closing_the_client_frees_its_iterators(sandbox):
    c = elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST)
    it = c.catalog_products()
    next(it)
    c.close()
    with pytest.raises(elko.ClientClosedError):
        next(it)


def test_iterators_in_threads(client):
    counts = []
    threads = [threading.Thread(target=lambda: counts.append(sum(1 for _ in client.catalog_products())))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counts == [2000] * 4
