#!/usr/bin/env python3
"""What ELKO's guide describes, with the `elko` Python package: list the catalog (and ESD products),
fetch descriptions and images for a few products, check availability and price, reserve, and place an
order — calling the catalog first, as the guide advises — exactly once (place_order: a lost answer is
looked up by the order's reference, never sent again blindly).

    ELKO_URL=http://127.0.0.1:8080 ELKO_TOKEN=... python3 examples/python/catalog_order.py [--live]

ELKO has no test environment: every write on its API is real. Unless ELKO_URL is a loopback address
(the sandbox) or --live is given, the client runs in dry-run mode and the reservation and the order are
validated but not sent. Exit status: 0 done, 1 ELKO refused something, 2 configuration or access problem,
3 the order may or may not have been placed (run `elko orders reconcile`; never send it again).
"""
import os
import sys
import urllib.parse
from typing import Any, Dict, List, Optional

try:
    import elko
except ImportError:  # run from the repository without installing the package
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
    import elko

SAMPLE = 5  # products to enrich; ELKO takes 20-50 codes per description or media call


def stock(text: str) -> int:
    """ELKO's stock is text ("8", ">10", "> 50", "10+"): the number, at least."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else 0


def step(text: str) -> None:
    print("== " + text, flush=True)


def main() -> int:
    url, token = os.environ.get("ELKO_URL"), os.environ.get("ELKO_TOKEN")
    if not url or not token:
        print("set ELKO_URL (e.g. https://api.elko.cloud) and ELKO_TOKEN", file=sys.stderr)
        return 2
    host = urllib.parse.urlsplit(url).hostname or ""
    live = "--live" in sys.argv[1:] or host in ("127.0.0.1", "::1", "localhost")
    # A cron-style job: wait (up to 15 s) for a free slot of the 50-per-10-s limit instead of failing.
    options: Dict[str, Any] = {"rate_limit": {"wait_ms": 15000}, "dry_run": not live}
    try:
        with elko.Client(base_url=url, token=token, **options) as client:
            return run(client, live)
    except elko.UnauthorizedError as e:
        print("ELKO refused the token (missing, invalid or deactivated): %s" % e, file=sys.stderr)
    except elko.ForbiddenError as e:
        print("ELKO refused this machine: %s (ELKO says: %s). Add its IP to the allow-list." % (e, e.body), file=sys.stderr)
    except elko.RateLimitedError as e:
        print("rate limit: send nothing for %.0f s (%s)" % (e.retry_after, e), file=sys.stderr)
    except (elko.NetworkError, elko.ElkoTimeoutError) as e:
        print("ELKO could not be reached: %s" % e, file=sys.stderr)
    except elko.InvalidArgumentError as e:
        print("bad configuration: %s" % e, file=sys.stderr)
    return 2


def run(client: elko.Client, live: bool) -> int:
    step("catalog: the whole assortment, streamed item by item")
    count = 0
    candidates: List[Dict[str, Any]] = []
    for product in client.catalog_products():
        count += 1
        if len(candidates) < SAMPLE and stock(product["quantity"]) >= 2:
            candidates.append(product)
    print("   %d products; %d in stock picked: %s" % (count, len(candidates),
                                                     ", ".join(str(p["elkoCode"]) for p in candidates)))
    esd = sum(1 for _ in client.catalog_esd())
    print("   %d ESD (electronic delivery) products" % esd)
    if not candidates:
        print("nothing in stock to order", file=sys.stderr)
        return 1
    codes = [p["elkoCode"] for p in candidates]

    step("descriptions and images of %d products (one batch)" % len(codes))
    for d in client.catalog_description(codes):
        specs = d.get("description") or []
        print("   %s: %d specification lines" % (d.get("productId"), len(specs) if isinstance(specs, list) else 0))
    for m in client.catalog_media(codes):
        main_image = next((f["link"] for f in m.get("mediaFiles") or [] if f.get("sequence") == 1), None)
        print("   %s: main image %s" % (m.get("id"), main_image))

    step("availability and price right before ordering")
    best: Optional[Dict[str, Any]] = None
    for a in client.catalog_availability(codes, type="AvailabilityPrice"):
        prices = a.get("prices") or {}
        print("   %s: stock %s, price %s %s" % (a["productId"], a.get("stockQuantity"), prices.get("discountPrice")
                                                 or prices.get("price"), prices.get("currency")))
        if best is None and stock(str(a.get("stockQuantity", "0"))) >= 1:
            best = a
    if best is None:
        print("no product is available any more", file=sys.stderr)
        return 1
    line = {"elkoCode": str(best["productId"]), "quantity": 1}

    step("reserve 1 x %s" % line["elkoCode"])
    reservation_id: Optional[int] = None
    try:
        reservation = client.reservations_create({"lines": [line], "hours": 24})
        reservation_id = reservation["reservationId"]
        print("   reservation %s held until %s" % (reservation_id, reservation.get("expiresAt")))
    except elko.WriteRefusedError as e:
        print("   dry run, not sent: %s" % e)
    except elko.NotFoundError:
        print("   this ELKO endpoint has no reservations (its path is not public): ordering directly")
    except elko.BadRequestError as e:
        print("   ELKO refused the reservation: %s" % e.body)

    step("place the order exactly once%s" % (" (against reservation %s)" % reservation_id if reservation_id else ""))
    # No customerPo: the library adds a unique reference ("elko-..."). A shop's own reference works too,
    # but need not be unique: orders that already carry it never count as this one.
    body: Dict[str, Any] = {"lines": [line], "currency": best.get("prices", {}).get("currency", "USD")}
    if reservation_id:
        body["reservationId"] = reservation_id
    try:
        placed = client.place_order(body)
        order = placed["answer"]
        print("   order %s placed, status %s, reference %s" % (order["orderId"], order.get("status"), placed["reference"]))
        print("   " + ("reconciled: its answer was lost, the order was found by its reference" if placed["reconciled"]
                      else "answered directly (not reconciled)"))
        assert any(o["orderId"] == order["orderId"] for o in client.orders_list())
        print("   and listed among the actual orders")
    except elko.WriteRefusedError as e:
        print("   dry run, not sent (give --live to order for real): %s" % e)
    except elko.BadRequestError as e:
        print("   ELKO refused the order %s: %s" % (e.reference, e.body), file=sys.stderr)
        return 1
    except elko.UncertainError as e:
        # Sending it again may buy twice: the journal keeps the intent until reconciled.
        print("   the order may or may not have been placed (reference %s). Do NOT send it again: run "
              "`elko orders reconcile` (or client.orders_reconcile()) to learn its outcome." % e.reference,
              file=sys.stderr)
        return 3
    print("== done%s" % ("" if live else " (dry run: nothing was written)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
