"""Every exception class, provoked against the sandbox (or a loopback server that answers HTML)."""
import pytest

import elko
from conftest import FAST


def test_class_tree():
    for cls in (elko.InvalidArgumentError, elko.BadRequestError, elko.UnauthorizedError, elko.ForbiddenError,
                elko.RateLimitedError, elko.NotFoundError, elko.MethodNotAllowedError, elko.ServerError,
                elko.NetworkError, elko.ElkoTimeoutError, elko.ProtocolError, elko.WriteRefusedError,
                elko.InternalError, elko.UncertainError, elko.ClientClosedError):
        assert issubclass(cls, elko.ElkoError)
    assert issubclass(elko.ElkoTimeoutError, TimeoutError)
    assert issubclass(elko.NetworkError, ConnectionError)
    assert issubclass(elko.InvalidArgumentError, ValueError)
    from elko.errors import class_for
    assert [class_for(c).status_code for c in range(-1, -15, -1)] == list(range(-1, -15, -1))
    assert class_for(-14) is elko.UncertainError
    assert class_for(-99) is elko.ElkoError


def test_bad_request_carries_elko_message(client):
    with pytest.raises(elko.BadRequestError) as e:
        client.orders_create({"currency": "USD"})
    assert e.value.http_status == 400
    assert e.value.body == "The Lines field is required."
    assert e.value.operation == "orders.create"
    assert e.value.code == -2


def test_unauthorized(sandbox):
    with elko.Client(base_url=sandbox.url, token="Bearer eyJhbGciOiJIUzI1NiJ9.e30.nope", **FAST) as c:
        with pytest.raises(elko.UnauthorizedError) as e:
            c.account_get()
    assert e.value.http_status == 403
    assert "eyJhbGciOiJIUzI1NiJ9" not in str(e.value)


def test_forbidden_ip(sandbox):
    token = sandbox.company("700201", allow_list=["10.9.8.7"])
    with elko.Client(base_url=sandbox.url, token=token, **FAST) as c:
        with pytest.raises(elko.ForbiddenError) as e:
            c.account_get()
    assert e.value.http_status == 403 and "IP" in (e.value.body or "")
    assert token not in str(e.value)


def test_rate_limited_by_elko(limited_sandbox):
    with elko.Client(base_url=limited_sandbox.url, token=limited_sandbox.token, **FAST) as c:
        with pytest.raises(elko.RateLimitedError) as e:
            for _ in range(10):
                c.call("catalog.vendors")
    assert e.value.http_status == 403
    assert e.value.retry_after > 0
    assert "limit" in (e.value.body or "")


def test_rate_limited_by_the_client_itself(sandbox):
    token = sandbox.company("700202")
    with elko.Client(base_url=sandbox.url, token=token, log_level="off",
                     rate_limit={"requests": 3, "margin": 0, "window_ms": 60000}) as c:
        with pytest.raises(elko.RateLimitedError) as e:
            for _ in range(10):
                c.call("catalog.vendors")
    assert e.value.http_status == 0 and 0 < e.value.retry_after <= 60
    assert "nothing was sent" in str(e.value)


def test_not_found(client):
    with pytest.raises(elko.NotFoundError) as e:
        client.orders_get(999999999)
    assert e.value.http_status == 404


def test_method_not_allowed(client):
    with pytest.raises(elko.MethodNotAllowedError) as e:
        client.request("DELETE", "/v3.0/api/Catalog/Vendors")
    assert e.value.http_status == 405


def test_server_error(sandbox, client):
    sandbox.fault("error500")
    with pytest.raises(elko.ServerError) as e:
        client.call("catalog.vendors")
    assert e.value.http_status == 500 and e.value.body == "Something went wrong."
    assert client.call("catalog.vendors")  # the fault is consumed


def test_network_error():
    with elko.Client(base_url="http://127.0.0.1:1", token="t", **FAST) as c:
        with pytest.raises(elko.NetworkError) as e:
            c.account_get()
    assert e.value.http_status == 0
    assert isinstance(e.value, ConnectionError)


def test_timeout(sandbox):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, timeout_ms=300, **FAST) as c:
        sandbox.fault("latency=3000")
        with pytest.raises(elko.ElkoTimeoutError) as e:
            c.call("catalog.vendors")
    assert isinstance(e.value, TimeoutError)


def test_protocol_error(not_json_server):
    with elko.Client(base_url=not_json_server, token="t", **FAST) as c:
        with pytest.raises(elko.ProtocolError) as e:
            c.call("catalog.vendors")
    assert e.value.http_status == 200


def test_write_refused_in_dry_run(sandbox):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, dry_run=True, **FAST) as c:
        assert c.call("catalog.vendors")  # reads are sent
        with pytest.raises(elko.WriteRefusedError) as e:
            c.orders_create({"lines": [{"elkoCode": "1", "quantity": 1}]})
    assert "POST" in str(e.value)


def test_internal_error_class():
    e = elko.InternalError("out of memory")
    assert e.code == -13 and e.http_status == 0 and e.retry_after == 0.0 and e.reference is None


def test_every_library_error_has_a_reference_attribute(client):
    with pytest.raises(elko.ElkoError) as e:
        client.call("catalog.vendors", {"nope": 1})
    assert e.value.reference is None
