"""An optional normalised view of products (pure functions over decoded items; nothing is sent).

ELKO's stock is a string — "0", "8", ">10", "> 50", "10+" — and the ELKO code is `elkoCode` in the
"api" dialect but `id` in the UA dialect (which has no `elkoCode` key). `normalize_product()` keeps
every raw field as ELKO sent it and adds:

  elkoCode    the ELKO code in both dialects: the raw `elkoCode` when present (left as sent), else the
              UA dialect's `id`
  stockMin    the stock as a number: exact ("8" -> 8), or the lower bound ELKO gives (">10", "> 50",
              "10+" -> 10, 50, 10); None when the text holds no number (or there is no stock field)
  stockExact  True when stockMin is the exact stock ("8", or a number), False for a bound (">10",
              "10+") or when there is no number

The stock is read from `quantity` (products) or `stockQuantity` (availability items); the raw text stays
where it was.
"""
import re
from typing import Any, Dict, Mapping, Optional, Tuple

__all__ = ["parse_stock", "normalize_product"]

_EXACT = re.compile(r"^\s*(\d+)\s*$")
_MORE = re.compile(r"^\s*(?:>=?|more than|over)\s*(\d+)\s*\+?\s*$", re.IGNORECASE)
_PLUS = re.compile(r"^\s*(\d+)\s*\+\s*$")


def parse_stock(value: Any) -> Tuple[Optional[int], bool]:
    """(stockMin, stockExact) of an ELKO stock value: "8" -> (8, True), ">10" / "> 50" / "10+" ->
    (10, False) / (50, False) / (10, False), an int -> (value, True), anything else -> (None, False)."""
    if isinstance(value, bool) or value is None:
        return None, False
    if isinstance(value, int):
        return value, True
    if isinstance(value, float):
        return (int(value), True) if value.is_integer() else (None, False)
    if not isinstance(value, str):
        return None, False
    m = _EXACT.match(value)
    if m:
        return int(m.group(1)), True
    m = _MORE.match(value) or _PLUS.match(value)
    if m:
        return int(m.group(1)), False
    return None, False


def normalize_product(product: Mapping[str, Any]) -> Dict[str, Any]:
    """A new dict: every raw field of `product` plus `elkoCode`, `stockMin` and `stockExact` (see the
    module's documentation). The input is not modified."""
    out = dict(product)
    if "elkoCode" not in out and "id" in out:
        out["elkoCode"] = out["id"]  # UA dialect: `id` is the ELKO code
    raw = out.get("quantity", out.get("stockQuantity"))
    out["stockMin"], out["stockExact"] = parse_stock(raw)
    return out
