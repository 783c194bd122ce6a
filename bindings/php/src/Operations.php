<?php
declare(strict_types=1);

namespace Elko;

/**
 * One method per operation of ELKO's table (Sources/ElkoAPI/OperationTable.swift; `elko operations`).
 * List operations return generators that stream the array's items; the others return the decoded
 * answer. ELKO codes may be one string/int or a list. Written by hand from the table: when an operation
 * is added there, add its method here (OperationsTest checks that none is missing).
 */
trait Operations
{
    // ---- Catalog ---------------------------------------------------------------------------------

    /**
     * catalog.products: the catalog — the whole assortment in one array (ELKO has no paging); call it
     * before ordering.
     *
     * @param string|int|list<string|int>|null $elkoCode   ELKO product codes
     * @param string|list<string>|null         $vendorCode 2-character vendor codes (e.g. "U1")
     * @param string|list<string>|null         $catalog    3-letter category codes (e.g. "CPU")
     * @param string|null                      $lang       language of names (UA dialect: "RU" or "UA")
     * @param bool|null                        $showOnlyAvailable only products in stock (UA dialect)
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogProducts(
        string|int|array|null $elkoCode = null,
        string|array|null $vendorCode = null,
        string|array|null $catalog = null,
        ?string $lang = null,
        ?bool $showOnlyAvailable = null,
    ): \Generator {
        return $this->iterate('catalog.products', self::params([
            'elkoCode' => $elkoCode, 'vendorCode' => $vendorCode, 'catalog' => $catalog, 'lang' => $lang,
            'showOnlyAvaliable' => $showOnlyAvailable, // ELKO spells it so
        ]));
    }

    /**
     * catalog.esd: electronic software delivery (ESD) products.
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogEsd(): \Generator
    {
        return $this->iterate('catalog.esd');
    }

    /**
     * catalog.description: descriptions (specifications, HTML, weights and sizes) of the given codes
     * (batches of 20-50 codes per call).
     *
     * @param string|int|list<string|int> $elkoCodes
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogDescription(string|int|array $elkoCodes, ?string $lang = null): \Generator
    {
        return $this->iterate('catalog.description', self::params(['elkoCodes' => $elkoCodes, 'lang' => $lang]));
    }

    /**
     * catalog.media: product images of the given codes; "sequence" 1 is the main image.
     *
     * @param string|int|list<string|int> $elkoCodes
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogMedia(string|int|array $elkoCodes): \Generator
    {
        return $this->iterate('catalog.media', ['elkoCodes' => $elkoCodes]);
    }

    /**
     * catalog.categories: product categories (3-letter codes).
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogCategories(): \Generator
    {
        return $this->iterate('catalog.categories');
    }

    /**
     * catalog.categoryTree: the category tree ("childs"; group nodes have an empty code).
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogCategoryTree(): \Generator
    {
        return $this->iterate('catalog.categoryTree');
    }

    /**
     * catalog.vendors: vendors (2-character codes).
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogVendors(): \Generator
    {
        return $this->iterate('catalog.vendors');
    }

    /**
     * catalog.availability: stock, incoming stock and prices of the given codes. Stock comes as text
     * ("8", ">10", "10+").
     *
     * @param string|int|list<string|int> $elkoCodes
     * @param string $type Availability, AvailabilityPrice, AvailabilityIncoming or AvailabilityIncomingPrice
     * @return \Generator<int, array<string, mixed>>
     */
    public function catalogAvailability(string|int|array $elkoCodes, string $type = 'AvailabilityPrice'): \Generator
    {
        return $this->iterate('catalog.availability', ['type' => $type, 'elkoCodes' => $elkoCodes]);
    }

    // ---- Orders ----------------------------------------------------------------------------------

    /**
     * orders.list: all actual orders.
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function ordersList(): \Generator
    {
        return $this->iterate('orders.list');
    }

    /**
     * orders.get: one order.
     *
     * @return array<string, mixed>
     */
    public function ordersGet(int $orderId): array
    {
        return $this->call('orders.get', ['orderId' => $orderId]);
    }

    /**
     * orders.create: places an order — a real purchase on ELKO's production API. $body as ELKO takes it
     * ("lines" required; "enduser", "currency", "delivery", "reservationId", ...). Placed exactly once, as
     * placeOrder() does (a partner reference added, journaled, a lost answer looked up before any resend;
     * UncertainException when the outcome stays unknown), but returns only ELKO's order: use placeOrder()
     * to learn the reference and whether it was reconciled.
     *
     * @param array<string, mixed> $body
     * @return array<string, mixed>
     */
    public function ordersCreate(array $body): array
    {
        return $this->call('orders.create', ['body' => self::object($body)]);
    }

    /**
     * orders.modify: changes an open order (lines, delivery, references).
     *
     * @param array<string, mixed> $body
     * @return array<string, mixed>
     */
    public function ordersModify(int $orderId, array $body): array
    {
        return $this->call('orders.modify', ['orderId' => $orderId, 'body' => self::object($body)]);
    }

    /**
     * orders.cancel: cancels an open order and returns its stock.
     *
     * @return array<string, mixed>
     */
    public function ordersCancel(int $orderId): array
    {
        return $this->call('orders.cancel', ['orderId' => $orderId]);
    }

    // ---- Reservations (ELKO's paths are not public: the sandbox's model, overridable with "paths") --

    /**
     * reservations.create: reserves stock (guaranteed availability) until released or expired.
     * $body: "lines" required, "hours" optional. Placed exactly once like ordersCreate() (see
     * placeOrder($body, 'reservations.create') for the reference and the outcome).
     *
     * @param array<string, mixed> $body
     * @return array<string, mixed>
     */
    public function reservationsCreate(array $body): array
    {
        return $this->call('reservations.create', ['body' => self::object($body)]);
    }

    /**
     * reservations.list: active reservations.
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function reservationsList(): \Generator
    {
        return $this->iterate('reservations.list');
    }

    /**
     * reservations.get: one reservation.
     *
     * @return array<string, mixed>
     */
    public function reservationsGet(int $reservationId): array
    {
        return $this->call('reservations.get', ['reservationId' => $reservationId]);
    }

    /**
     * reservations.release: releases a reservation and returns its stock.
     *
     * @return array<string, mixed>
     */
    public function reservationsRelease(int $reservationId): array
    {
        return $this->call('reservations.release', ['reservationId' => $reservationId]);
    }

    // ---- Finances --------------------------------------------------------------------------------

    /**
     * invoices.list: invoices, with "additionalInfo" when asked.
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function invoicesList(bool $withAdditionalInfo = false): \Generator
    {
        return $this->iterate('invoices.list', ['withAdditionalInfo' => $withAdditionalInfo]);
    }

    /**
     * invoices.range: invoices created between two days given as JDE Julian CYYDDD (118269 = 2018-09-26).
     *
     * @return \Generator<int, array<string, mixed>>
     */
    public function invoicesRange(int|string $from, int|string $to): \Generator
    {
        return $this->iterate('invoices.range', ['from' => $from, 'to' => $to]);
    }

    // ---- Account and token -----------------------------------------------------------------------

    /**
     * account.get: the account the token belongs to.
     *
     * @return array<string, mixed>
     */
    public function accountGet(): array
    {
        return $this->call('account.get');
    }

    /**
     * token.create: issues a new token for username and password. The company's previous token —
     * possibly this client's — stops working.
     */
    public function tokenCreate(string $username, #[\SensitiveParameter] string $password): string
    {
        return $this->call('token.create', ['body' => ['username' => $username, 'password' => $password]]);
    }

    /** @param array<string, mixed> $params @return array<string, mixed> */
    private static function params(array $params): array
    {
        return array_filter($params, static fn ($v) => $v !== null);
    }

    /** An empty PHP array would be sent as a JSON array: bodies are objects. */
    private static function object(array $body): array|\stdClass
    {
        return $body === [] ? new \stdClass() : $body;
    }
}
