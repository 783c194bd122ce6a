<?php
declare(strict_types=1);

namespace Elko;

/**
 * An optional normalised view of products (pure functions over decoded items; nothing is sent).
 *
 * ELKO's stock is a string — "0", "8", ">10", "> 50", "10+" — and the ELKO code is `elkoCode` in the
 * "api" dialect but `id` in the UA dialect (which has no `elkoCode` key). product() keeps every raw
 * field as ELKO sent it and adds:
 *  - elkoCode:   the ELKO code in both dialects: the raw `elkoCode` when present (left as sent), else
 *                the UA dialect's `id`;
 *  - stockMin:   the stock as an int: exact ("8" -> 8) or the lower bound ELKO gives (">10", "> 50",
 *                "10+" -> 10, 50, 10); null when the text holds no number (or there is no stock field);
 *  - stockExact: true when stockMin is the exact stock, false for a bound or when there is no number.
 * The stock is read from `quantity` (products) or `stockQuantity` (availability items).
 */
final class Normalize
{
    /**
     * [stockMin, stockExact] of an ELKO stock value: "8" -> [8, true], ">10" -> [10, false], "10+" ->
     * [10, false], an int -> [value, true], anything else -> [null, false].
     *
     * @return array{0: ?int, 1: bool}
     */
    public static function stock(mixed $value): array
    {
        if (is_int($value)) {
            return [$value, true];
        }
        if (is_float($value)) {
            return floor($value) === $value ? [(int) $value, true] : [null, false];
        }
        if (!is_string($value)) {
            return [null, false];
        }
        if (preg_match('/^\s*(\d+)\s*$/', $value, $m)) {
            return [(int) $m[1], true];
        }
        if (preg_match('/^\s*(?:>=?|more than|over)\s*(\d+)\s*\+?\s*$/i', $value, $m)
            || preg_match('/^\s*(\d+)\s*\+\s*$/', $value, $m)) {
            return [(int) $m[1], false];
        }
        return [null, false];
    }

    /**
     * The product with every raw field plus elkoCode, stockMin and stockExact (see the class).
     *
     * @param array<string, mixed> $product
     * @return array<string, mixed>
     */
    public static function product(array $product): array
    {
        if (!array_key_exists('elkoCode', $product) && array_key_exists('id', $product)) {
            $product['elkoCode'] = $product['id']; // UA dialect: `id` is the ELKO code
        }
        [$product['stockMin'], $product['stockExact']] = self::stock($product['quantity'] ?? $product['stockQuantity'] ?? null);
        return $product;
    }
}
