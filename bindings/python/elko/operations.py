"""One method per operation of ELKO's table (Sources/ElkoAPI/OperationTable.swift; `elko operations`).

Methods of list operations return an iterator of the array's items; the others return the decoded
answer. ELKO codes may be given as one str/int or a list of them. Written by hand from the table: when an
operation is added there, add its method here (tests/test_operations.py checks that none is missing).
"""
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Union, cast

Codes = Union[str, int, Sequence[Union[str, int]]]
Item = Dict[str, Any]


def _codes(value: Codes) -> Union[str, int, List[Union[str, int]]]:
    if isinstance(value, (str, int)):
        return value
    return list(value)


def _params(**kw: Any) -> Dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


class Operations:
    """Typed wrappers over call() and iterate(); mixed into elko.Client."""

    def call(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> Any:  # pragma: no cover
        raise NotImplementedError

    def iterate(self, operation: str, params: Optional[Mapping[str, Any]] = None) -> Iterator[Any]:  # pragma: no cover
        raise NotImplementedError

    # ---- Catalog ----------------------------------------------------------------------------------

    def catalog_products(self, elko_code: Optional[Codes] = None, vendor_code: Optional[Codes] = None,
                         catalog: Optional[Codes] = None, lang: Optional[str] = None,
                         show_only_available: Optional[bool] = None) -> Iterator[Item]:
        """catalog.products: the catalog — the whole assortment in one array (ELKO has no paging); call it
        before ordering. Filters: ELKO codes, 2-character vendor codes (`U1`), 3-letter category codes
        (`CPU`), `lang` (UA dialect: `RU` or `UA`), `show_only_available` (UA dialect only)."""
        return self.iterate("catalog.products", _params(
            elkoCode=None if elko_code is None else _codes(elko_code),
            vendorCode=None if vendor_code is None else _codes(vendor_code),
            catalog=None if catalog is None else _codes(catalog),
            lang=lang, showOnlyAvaliable=show_only_available))

    def catalog_esd(self) -> Iterator[Item]:
        """catalog.esd: electronic software delivery (ESD) products."""
        return self.iterate("catalog.esd")

    def catalog_description(self, elko_codes: Codes, lang: Optional[str] = None) -> Iterator[Item]:
        """catalog.description: descriptions (specifications, HTML, weights and sizes) of the given codes
        (batches of 20-50 codes per call)."""
        return self.iterate("catalog.description", _params(elkoCodes=_codes(elko_codes), lang=lang))

    def catalog_media(self, elko_codes: Codes) -> Iterator[Item]:
        """catalog.media: product images of the given codes; `sequence` 1 is the main image."""
        return self.iterate("catalog.media", {"elkoCodes": _codes(elko_codes)})

    def catalog_categories(self) -> Iterator[Item]:
        """catalog.categories: product categories (3-letter codes)."""
        return self.iterate("catalog.categories")

    def catalog_category_tree(self) -> Iterator[Item]:
        """catalog.categoryTree: the category tree (`childs`; group nodes have an empty code)."""
        return self.iterate("catalog.categoryTree")

    def catalog_vendors(self) -> Iterator[Item]:
        """catalog.vendors: vendors (2-character codes)."""
        return self.iterate("catalog.vendors")

    def catalog_availability(self, elko_codes: Codes, type: str = "AvailabilityPrice") -> Iterator[Item]:
        """catalog.availability: stock, incoming stock and prices of the given codes. `type`:
        Availability, AvailabilityPrice (default), AvailabilityIncoming or AvailabilityIncomingPrice.
        Stock comes as text ("8", ">10", "10+")."""
        return self.iterate("catalog.availability", {"type": type, "elkoCodes": _codes(elko_codes)})

    # ---- Orders -----------------------------------------------------------------------------------

    def orders_list(self) -> Iterator[Item]:
        """orders.list: all actual orders."""
        return self.iterate("orders.list")

    def orders_get(self, order_id: int) -> Item:
        """orders.get: one order."""
        return cast(Item, self.call("orders.get", {"orderId": order_id}))

    def orders_create(self, body: Mapping[str, Any]) -> Item:
        """orders.create: places an order — a real purchase on ELKO's production API. `body` as ELKO takes
        it (`lines` required; `enduser`, `currency`, `delivery`, `reservationId`, ...). Placed exactly
        once, as place_order() does (a partner reference added, journaled, a lost answer looked up before
        any resend; UncertainError when the outcome stays unknown), but returns only ELKO's order: use
        place_order() to learn the reference and whether it was reconciled."""
        return cast(Item, self.call("orders.create", {"body": dict(body)}))

    def orders_modify(self, order_id: int, body: Mapping[str, Any]) -> Item:
        """orders.modify: changes an open order (lines, delivery, references)."""
        return cast(Item, self.call("orders.modify", {"orderId": order_id, "body": dict(body)}))

    def orders_cancel(self, order_id: int) -> Item:
        """orders.cancel: cancels an open order and returns its stock."""
        return cast(Item, self.call("orders.cancel", {"orderId": order_id}))

    # ---- Reservations (ELKO's paths are not public: the sandbox's model, overridable with `paths`) ----

    def reservations_create(self, body: Mapping[str, Any]) -> Item:
        """reservations.create: reserves stock (guaranteed availability) until released or expired.
        `body`: `lines` required, `hours` optional. Placed exactly once like orders_create() (see
        place_order(body, operation="reservations.create") for the reference and the outcome)."""
        return cast(Item, self.call("reservations.create", {"body": dict(body)}))

    def reservations_list(self) -> Iterator[Item]:
        """reservations.list: active reservations."""
        return self.iterate("reservations.list")

    def reservations_get(self, reservation_id: int) -> Item:
        """reservations.get: one reservation."""
        return cast(Item, self.call("reservations.get", {"reservationId": reservation_id}))

    def reservations_release(self, reservation_id: int) -> Item:
        """reservations.release: releases a reservation and returns its stock."""
        return cast(Item, self.call("reservations.release", {"reservationId": reservation_id}))

    # ---- Finances ---------------------------------------------------------------------------------

    def invoices_list(self, with_additional_info: bool = False) -> Iterator[Item]:
        """invoices.list: invoices, with `additionalInfo` when asked."""
        return self.iterate("invoices.list", {"withAdditionalInfo": with_additional_info})

    def invoices_range(self, from_: Union[int, str], to: Union[int, str]) -> Iterator[Item]:
        """invoices.range: invoices created between two days given as JDE Julian CYYDDD
        (118269 = 2018-09-26)."""
        return self.iterate("invoices.range", {"from": from_, "to": to})

    # ---- Account and token ------------------------------------------------------------------------

    def account_get(self) -> Item:
        """account.get: the account the token belongs to."""
        return cast(Item, self.call("account.get"))

    def token_create(self, username: str, password: str) -> str:
        """token.create: issues a new token for username and password. The company's previous token —
        possibly this client's — stops working."""
        return cast(str, self.call("token.create", {"body": {"username": username, "password": password}}))
