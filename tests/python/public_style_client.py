#!/usr/bin/env python3
"""An ELKO client written the way public ELKO clients are: the standard library only, the whole
catalog in one GET, descriptions and media items in comma batches, an order body with string-typed
fields. It runs against the sandbox in `make test` to show that code written for the real API works
unchanged against it.

Usage: public_style_client.py BASE_URL TOKEN      (BASE_URL like http://127.0.0.1:8080)
Exit status 0 when every step behaved as the real API does; a message names the step that did not.
"""
import json
import sys
import urllib.error
import urllib.request

BATCH = 20  # public clients batch 20-50 codes per description or media call


def call(base, token, method, path, body=None, accept="application/json"):
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(base + path, data=data, method=method)
    # Stored verbatim with the "Bearer " prefix, as many public clients do.
    req.add_header("Authorization", "Bearer " + token)
    req.add_header("Accept", accept)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=600) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def check(condition, message):
    if not condition:
        print("FAIL: " + message, file=sys.stderr)
        sys.exit(1)


def main():
    base, token = sys.argv[1].rstrip("/"), sys.argv[2]
    api = base + "/v3.0/api"

    status, body = call(api, token, "GET", "/Catalog/Products")
    check(status == 200, "full catalog: HTTP %d" % status)
    products = json.loads(body)
    check(isinstance(products, list) and products, "full catalog is a non-empty array")
    check(all(isinstance(p["quantity"], str) for p in products), "stock comes as strings")
    print("catalog: %d products, %d bytes" % (len(products), len(body)))

    # Text/plain Accept, as some clients send, still answers JSON.
    status, cats = call(api, token, "GET", "/Catalog/Categories", accept="text/plain")
    check(status == 200 and isinstance(json.loads(cats), list), "categories under Accept: text/plain")

    codes = [p["elkoCode"] for p in products[:60]]
    descriptions, media = [], []
    for i in range(0, len(codes), BATCH):
        batch = ",".join(str(c) for c in codes[i:i + BATCH])
        status, body = call(api, token, "GET", "/Catalog/Products/%s/Description" % batch)
        check(status == 200, "descriptions batch %d: HTTP %d" % (i, status))
        descriptions += json.loads(body)
        status, body = call(api, token, "GET", "/Catalog/MediaItems/%s" % batch)
        check(status == 200, "media batch %d: HTTP %d" % (i, status))
        media += json.loads(body)
    check(sorted(d["productId"] for d in descriptions) == sorted(codes), "one description per code")
    check(all(m["mediaFiles"] and m["mediaFiles"][0]["sequence"] == 1 for m in media), "media items with sequence 1")
    print("descriptions: %d, media items: %d (batches of %d)" % (len(descriptions), len(media), BATCH))

    def stock(p):
        q = p["quantity"].replace(">", "").replace("+", "").strip()
        return int(q) if q.isdigit() else 0

    target = next(p for p in products if stock(p) >= 2)
    order = {
        "shipTo": "1", "currency": "USD", "vat": "20", "delivery": "1", "deliveryInstructions": "",
        "transportation": "1", "fastest": "false", "orderIfAllAvailable": "true", "type": "1",
        "enduser": {"company": "Test Shop", "contactName": "Ivan", "contactPhone": "+380441234567",
                    "contactMail": "ivan@example.com", "pvnNumber": "", "addressLine1": "Khreshchatyk 1",
                    "city": "Kyiv", "country": "UA", "postalCode": "01001", "street": "Khreshchatyk",
                    "house": "1", "apartment": "", "isNaturalPerson": "false", "customerPo": "PO-PUBLIC-1",
                    "pickupPoint": ""},
        "lines": [{"elkoCode": str(target["elkoCode"]), "manufacturerCode": target["manufacturerCode"],
                   "productName": target["name"], "quantity": "1", "price": str(target["discountPrice"]),
                   "currency": "USD", "sum": str(target["discountPrice"]), "vat": "20",
                   "quantityRequested": "1", "clientNote": ""}],
    }
    status, body = call(api, token, "POST", "/Orders", order)
    check(status == 200, "order: HTTP %d %s" % (status, body[:200]))
    placed = json.loads(body)
    check(placed.get("customerPo") == "PO-PUBLIC-1", "the partner's reference is kept")
    print("order %s placed: status %s" % (placed["orderId"], placed["status"]))

    # The error replies come as plain text, not JSON.
    status, body = call(api, token, "POST", "/Orders", {"currency": "USD"})
    check(status == 400 and body == b"The Lines field is required.", "missing lines: %d %r" % (status, body))
    status, body = call(api, "not-a-token", "GET", "/Orders")
    check(status == 403, "bad token answers 403, got %d" % status)

    status, body = call(api, token, "GET", "/Orders")
    check(status == 200 and any(o["orderId"] == placed["orderId"] for o in json.loads(body)), "order listed")
    print("public-style client: all steps passed")


if __name__ == "__main__":
    main()
