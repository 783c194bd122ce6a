"""Fixtures: ELKO sandboxes started by the tests themselves (`elko sandbox --port 0 --admin`), on
loopback only. ELKO_BIN names the elko binary (default: the repository's .build/debug/elko)."""
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..")))  # run from source without installing

import elko  # noqa: E402

#: Client options for tests: the client's own limiter out of the way (the sandbox's limit is raised
#: too), no retries (faults must surface), no log noise.
FAST = {"rate_limit": {"requests": 100000, "margin": 0}, "retries": {"max": 0}, "log_level": "off"}


class Sandbox:
    """A running `elko sandbox`: url, token, admin url, and admin helpers."""

    def __init__(self, config):
        elko_bin = os.environ.get("ELKO_BIN") or os.path.join(REPO, ".build", "debug", "elko")
        if not os.path.exists(elko_bin):
            pytest.exit("no elko binary at %s: run `swift build --product elko`" % elko_bin, 2)
        self._config = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(config, self._config)
        self._config.close()
        self.proc = subprocess.Popen([elko_bin, "sandbox", "--port", "0", "--admin", "--config", self._config.name],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the sandbox exited before printing its address")
        info = json.loads(line)
        self.url, self.token, self.admin = info["url"], info["token"], info["admin"]

    def admin_call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.admin + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
        except urllib.error.HTTPError as e:
            raise RuntimeError("sandbox admin %s %s: HTTP %d: %s" % (method, path, e.code, e.read().decode(errors="replace")))
        return json.loads(raw) if raw else None

    def company(self, account_no, allow_list=("127.0.0.1", "::1")):
        """A new company; returns its token."""
        answer = self.admin_call("POST", "/companies", {
            "accountNo": account_no, "name": "Test " + account_no, "username": "u" + account_no,
            "password": "p" + account_no, "allowList": list(allow_list)})
        return answer["token"]

    def fault(self, fault, count=1, operation=None):
        """Faults for the next `count` requests (of `operation` only, e.g. "orders.create", when given)."""
        body = {"fault": fault, "count": count}
        if operation is not None:
            body["operation"] = operation
        self.admin_call("POST", "/faults", body)

    def clear_faults(self):
        self.admin_call("DELETE", "/faults")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.unlink(self._config.name)


@pytest.fixture(scope="session")
def sandbox():
    """A sandbox whose rate limit does not get in the way of a test suite."""
    s = Sandbox({"rateLimit": {"requests": 1000000}})
    yield s
    s.stop()


@pytest.fixture(scope="session")
def limited_sandbox():
    """A sandbox with ELKO's real rules, but only 3 requests per window before the block."""
    s = Sandbox({"rateLimit": {"requests": 3, "windowSeconds": 10, "blockSeconds": 60}})
    yield s
    s.stop()


@pytest.fixture()
def client(sandbox):
    with elko.Client(base_url=sandbox.url, token=sandbox.token, **FAST) as c:
        yield c


class _NotJSON(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = b"<html>Service Unavailable</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def not_json_server():
    """A loopback server answering 200 with HTML to everything (a proxy's error page, say)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotJSON)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
