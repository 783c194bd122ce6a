"""Orders placed exactly once (issue 13): place_order's envelope, the partner reference, answers lost
after the sandbox applied the order (reset-after, hang-after, error500-after) reconciled by looking the
reference up, definite refusals, UncertainError, orders_pending and orders_reconcile.

Every test has a state directory of its own (tmp_path) so that journals do not mix, and a company of its
own so that orders.list holds only its orders. The sandbox runs at a hundredth of real time, so that a
hang-after=100000 holds the answer one real second.
"""
import base64
import hashlib
import json
import os
import threading
import time
import uuid

import pytest

import elko
from conftest import FAST, Sandbox

#: Short waits: settle_ms is real time (the client's), attempt_timeout_ms bounds one send.
ORDERS = {"settle_ms": 50, "attempt_timeout_ms": 400}

_accounts = iter(range(710001, 719999))


@pytest.fixture(scope="module")
def orders_sandbox():
    """A sandbox at a hundredth of real time whose rate limit does not get in the way."""
    s = Sandbox({"rateLimit": {"requests": 1000000}, "timeScale": 0.01})
    yield s
    s.stop()


@pytest.fixture()
def token(orders_sandbox):
    """A fresh company's token; faults are cleared after the test."""
    t = orders_sandbox.company(str(next(_accounts)))
    yield t
    orders_sandbox.clear_faults()


def make_client(sandbox, token, state_dir, orders=None, **options):
    """A client of `token` with its journal in `state_dir`; `orders` adds to ORDERS, `options` to FAST."""
    opts = dict(FAST, state_dir=str(state_dir), orders=dict(ORDERS, **(orders or {})))
    opts.update(options)
    return elko.Client(base_url=sandbox.url, token=token, **opts)


@pytest.fixture()
def client(orders_sandbox, token, tmp_path):
    with make_client(orders_sandbox, token, tmp_path) as c:
        yield c


@pytest.fixture(scope="module")
def code(orders_sandbox):
    """An ELKO code of the sandbox's catalog."""
    with elko.Client(base_url=orders_sandbox.url, token=orders_sandbox.token, **FAST) as c:
        return str(next(iter(c.catalog_products()))["elkoCode"])


def order_body(code, **extra):
    # Backorder: stock never runs out however many orders the tests place.
    return dict({"lines": [{"elkoCode": code, "quantity": 1}], "backorder": True}, **extra)


def orders_with(client, reference):
    """The orders in orders.list that carry `reference` as their customerPo."""
    return [o for o in client.orders_list() if o.get("customerPo") == reference]


def test_place_order_answers_the_envelope(client, code):
    env = client.place_order(order_body(code))
    assert env["outcome"] == "placed"
    assert env["reference"].startswith("elko-") and len(env["reference"]) == len("elko-") + 22
    assert env["reference_given"] is False
    assert env["reconciled"] is False
    assert env["sends"] == 1
    assert isinstance(env["intent"], str) and env["intent"]
    assert env["answer"]["customerPo"] == env["reference"]
    listed = orders_with(client, env["reference"])
    assert [o["orderId"] for o in listed] == [env["answer"]["orderId"]]
    assert client.orders_pending() == {"entries": [], "count": 0}


def test_generated_references_differ(client, code):
    refs = {client.place_order(order_body(code))["reference"] for _ in range(3)}
    assert len(refs) == 3


def test_orders_create_goes_the_same_way(client, code):
    order = client.orders_create(order_body(code))
    assert order["customerPo"].startswith("elko-")
    assert len(orders_with(client, order["customerPo"])) == 1


def test_caller_reference_is_kept(client, code):
    ref = "SHOP-" + uuid.uuid4().hex[:12]
    env = client.place_order(order_body(code, customerPo=ref))
    assert env["reference"] == ref and env["reference_given"] is True
    assert env["outcome"] == "placed" and env["answer"]["customerPo"] == ref
    assert len(orders_with(client, ref)) == 1


def test_reservation_placed_once(client, code):
    env = client.place_order({"lines": [{"elkoCode": code, "quantity": 1}], "hours": 1},
                             operation="reservations.create")
    assert env["outcome"] == "placed" and env["reference"].startswith("elko-")
    assert env["answer"]["customerPo"] == env["reference"]


def test_reservation_with_lost_answer_is_reconciled(orders_sandbox, client, code):
    orders_sandbox.fault("reset-after", 1, operation="reservations.create")
    env = client.place_order({"lines": [{"elkoCode": code, "quantity": 1}], "hours": 1},
                             operation="reservations.create")
    assert env["outcome"] == "placed" and env["reconciled"] is True
    held = [r for r in client.reservations_list() if r.get("customerPo") == env["reference"]]
    assert [r["reservationId"] for r in held] == [env["answer"]["reservationId"]]


@pytest.mark.parametrize("fault", ["reset-after", "hang-after=100000", "error500-after"])
def test_lost_answer_is_reconciled(orders_sandbox, client, code, fault):
    # hang-after=100000 sandbox-ms is one real second: beyond attempt_timeout_ms (400).
    orders_sandbox.fault(fault, 1, operation="orders.create")
    env = client.place_order(order_body(code))
    assert env["outcome"] == "placed"
    assert env["reconciled"] is True, env
    assert env["sends"] == 1
    listed = orders_with(client, env["reference"])
    assert len(listed) == 1, listed
    assert env["answer"]["orderId"] == listed[0]["orderId"]
    assert client.orders_pending()["count"] == 0


def test_reused_caller_reference_matches_only_the_new_order(orders_sandbox, client, code):
    # Swagger's sample value, sent by real clients on every order: an older order already carries it.
    first = client.place_order(order_body(code, customerPo="string"))
    orders_sandbox.fault("reset-after", 1, operation="orders.create")
    second = client.place_order(order_body(code, customerPo="string"))
    assert second["outcome"] == "placed" and second["reconciled"] is True
    assert second["answer"]["orderId"] != first["answer"]["orderId"]
    assert sorted(o["orderId"] for o in orders_with(client, "string")) == sorted(
        [first["answer"]["orderId"], second["answer"]["orderId"]])


def test_found_order_with_other_lines_is_never_taken(orders_sandbox, token, tmp_path, code):
    # The sandbox refuses the send without applying it (500). While the client waits settle_ms before its
    # second look-up, an order with the same reference but other lines appears: it must not be taken for
    # this intent's, which is then sent again (retries.max 1) and placed with its own lines.
    ref = "SHOP-" + uuid.uuid4().hex[:12]
    orders_sandbox.fault("error500", 1, operation="orders.create")
    outcome, log = {}, []

    def place():
        with make_client(orders_sandbox, token, tmp_path, orders={"settle_ms": 3000}, timeout_ms=20000,
                         retries={"max": 1}, log_level="warn") as c:
            c.set_log_callback(lambda level, line: log.append(line))
            try:
                outcome["placed"] = c.place_order(order_body(code, customerPo=ref))
            except elko.ElkoError as e:
                outcome["error"] = e

    t = threading.Thread(target=place)
    t.start()
    deadline = time.monotonic() + 10
    # pre-look-up, send, first look-up: three requests of this token before the settle wait.
    while time.monotonic() < deadline and orders_sandbox.admin_call("GET", "/counters")["tokens"].get(
            _account_key(token), {}).get("total", 0) < 3:
        time.sleep(0.02)
    with elko.Client(base_url=orders_sandbox.url, token=token, **FAST) as raw:  # a raw POST: not journaled
        other = raw.request("POST", "/v3.0/api/Orders", body={
            "lines": [{"elkoCode": code, "quantity": 2}], "backorder": True, "customerPo": ref})
    t.join(30)
    assert not t.is_alive()
    assert "placed" in outcome, outcome
    placed = outcome["placed"]
    assert placed["answer"]["orderId"] != other["orderId"] and placed["sends"] == 2, placed
    assert [line["quantity"] for line in placed["answer"]["lines"]] == [1]
    assert any("line" in entry and ref in entry for entry in log), log
    with make_client(orders_sandbox, token, tmp_path) as c:
        assert sorted(o["orderId"] for o in orders_with(c, ref)) == sorted([other["orderId"], placed["answer"]["orderId"]])


def _account_key(token):
    """The sandbox's counter key of `token`: its name claim, <accountNo>@<n>."""
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    return next(v for k, v in claims.items() if k.endswith("/claims/name"))


def test_definite_refusal_carries_the_reference(client, code):
    with pytest.raises(elko.BadRequestError) as e:
        client.place_order({"lines": [{"elkoCode": code, "quantity": 0}]})
    assert e.value.http_status == 400
    assert e.value.reference is not None and e.value.reference.startswith("elko-")
    assert e.value.operation == "orders.create"
    assert orders_with(client, e.value.reference) == []
    assert client.orders_pending()["count"] == 0  # a refusal is final: the entry is closed

    with pytest.raises(elko.BadRequestError) as e:
        client.place_order({"lines": [{"elkoCode": code, "quantity": 0}], "customerPo": "SHOP-REFUSED"})
    assert e.value.reference == "SHOP-REFUSED"


def test_errors_before_a_reference_have_none(client):
    with pytest.raises(elko.NotFoundError) as e:
        client.orders_get(999999999)
    assert e.value.reference is None
    with pytest.raises(elko.InvalidArgumentError):
        client.place_order({"lines": []}, operation="catalog.vendors")
    assert client.orders_pending()["count"] == 0


def test_uncertain_then_reconciled(orders_sandbox, token, tmp_path, code):
    # The answer is lost and every look-up fails too: the outcome cannot be known within timeout_ms.
    orders_sandbox.fault("reset", 10000, operation="orders.list")
    orders_sandbox.fault("reset-after", 1, operation="orders.create")
    with make_client(orders_sandbox, token, tmp_path, timeout_ms=1500) as c:
        with pytest.raises(elko.UncertainError) as e:
            c.place_order(order_body(code))
    err = e.value
    assert err.code == -14 and err.reference and err.reference.startswith("elko-")
    assert err.operation == "orders.create"
    assert "reconcile" in str(err)
    orders_sandbox.clear_faults()

    # A later client (as after a restart) of the same token and state directory.
    with make_client(orders_sandbox, token, tmp_path) as c:
        pending = c.orders_pending()
        assert pending["count"] == 1, pending
        entry = pending["entries"][0]
        assert entry["reference"] == err.reference and entry["state"] == "open"
        assert entry["operation"] == "orders.create" and entry["reference_given"] is False
        assert entry["body"]["customerPo"] == err.reference and entry["sends"] >= 1

        report = c.orders_reconcile()
        assert report["placed"] == 1 and report["not_placed"] == 0 and report["still_uncertain"] == 0, report
        (resolved,) = report["entries"]
        assert resolved["outcome"] == "placed" and resolved["reference"] == err.reference
        listed = orders_with(c, err.reference)
        assert len(listed) == 1
        assert resolved["order"]["orderId"] == listed[0]["orderId"]

        assert c.orders_pending()["count"] == 0
        again = c.orders_reconcile()
        assert again["entries"] == [] and again["placed"] == 0


def test_uncertain_never_sent_is_not_placed(orders_sandbox, token, tmp_path, code):
    # Reset before the sandbox applies anything, and look-ups that fail: in doubt, though nothing exists.
    orders_sandbox.fault("reset", 10000, operation="orders.list")
    orders_sandbox.fault("reset", 1, operation="orders.create")
    with make_client(orders_sandbox, token, tmp_path, timeout_ms=1500) as c:
        with pytest.raises(elko.UncertainError) as e:
            c.place_order(order_body(code))
    orders_sandbox.clear_faults()
    with make_client(orders_sandbox, token, tmp_path) as c:
        report = c.orders_reconcile()
        assert report["not_placed"] == 1 and report["placed"] == 0, report
        assert report["entries"][0]["reference"] == e.value.reference
        assert report["entries"][0]["order"] is None
        assert orders_with(c, e.value.reference) == []  # and reconcile never sends it again
        assert c.orders_pending()["count"] == 0


def test_journal_is_named_by_the_token_hash_and_never_holds_the_token(orders_sandbox, token, tmp_path, code):
    orders_sandbox.fault("reset", 10000, operation="orders.list")
    orders_sandbox.fault("reset-after", 1, operation="orders.create")
    with make_client(orders_sandbox, token, tmp_path, timeout_ms=1000) as c:
        with pytest.raises(elko.UncertainError):
            c.place_order(order_body(code))
    journal = tmp_path / (hashlib.sha256(token.encode()).hexdigest() + ".orders")
    assert journal.is_dir(), sorted(os.listdir(tmp_path))
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(journal in p.parents for p in files)
    for p in files:
        assert token not in str(p)
        assert token.encode() not in p.read_bytes(), p


def test_reconcile_off_leaves_the_doubt_to_the_caller(orders_sandbox, token, tmp_path, code):
    # What exactly-once prevents: with "reconcile": false a lost answer is a NetworkError although the
    # order exists — sending it again would buy twice.
    with make_client(orders_sandbox, token, tmp_path, orders={"reconcile": False}) as c:
        env = c.place_order(order_body(code, customerPo="SHOP-OFF-1"))
        assert env["outcome"] == "placed" and env["intent"] is None and env["reconciled"] is False
        orders_sandbox.fault("reset-after", 1, operation="orders.create")
        with pytest.raises(elko.NetworkError):
            c.place_order(order_body(code, customerPo="SHOP-OFF-2"))
        assert len(orders_with(c, "SHOP-OFF-2")) == 1
        assert c.orders_pending()["count"] == 0


def test_dry_run_refuses_and_leaves_no_entry(orders_sandbox, token, tmp_path, code):
    with make_client(orders_sandbox, token, tmp_path, dry_run=True) as c:
        with pytest.raises(elko.WriteRefusedError) as e:
            c.place_order(order_body(code))
        assert e.value.reference and e.value.reference.startswith("elko-")
        assert c.orders_pending()["count"] == 0
        assert orders_with(c, e.value.reference) == []


def test_damaged_entry_is_reported_never_dropped(orders_sandbox, token, tmp_path, code):
    orders_sandbox.fault("reset", 10000, operation="orders.list")
    orders_sandbox.fault("reset-after", 1, operation="orders.create")
    with make_client(orders_sandbox, token, tmp_path, timeout_ms=1000) as c:
        with pytest.raises(elko.UncertainError):
            c.place_order(order_body(code))
    orders_sandbox.clear_faults()
    journal = tmp_path / (hashlib.sha256(token.encode()).hexdigest() + ".orders")
    entries = sorted(journal.glob("*.json"))
    assert len(entries) == 1, sorted(os.listdir(journal))
    entries[0].write_text('{"v":1,"intent":')  # cut short, as by a full disk
    with make_client(orders_sandbox, token, tmp_path) as c:
        pending = c.orders_pending()
        assert pending["count"] == 1 and pending["entries"][0]["state"] == "damaged", pending
        assert pending["entries"][0]["message"]
        report = c.orders_reconcile()
        assert report["damaged"] == 1 and report["placed"] == 0, report
        assert report["entries"][0]["outcome"] == "damaged"
    assert entries[0].exists()


def test_threads_of_one_client_each_place_once(orders_sandbox, client, code):
    # Every answer lost after the order was applied, eight orders at once from one client.
    orders_sandbox.fault("reset-after", 8, operation="orders.create")
    results, errors = [], []

    def place():
        try:
            results.append(client.place_order(order_body(code)))
        except elko.ElkoError as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=place) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(r["outcome"] == "placed" and r["reconciled"] for r in results), results
    refs = [r["reference"] for r in results]
    assert len(set(refs)) == 8
    listed = {}
    for o in client.orders_list():
        listed.setdefault(o.get("customerPo"), []).append(o["orderId"])
    assert all(len(listed.get(r, [])) == 1 for r in refs), listed
    assert client.orders_pending()["count"] == 0
