<?php
/**
 * What ELKO's guide describes, with the elko/elko PHP package: list the catalog (and ESD products),
 * fetch descriptions and images for a few products, check availability and price, reserve, and place
 * an order — calling the catalog first, as the guide advises — exactly once (placeOrder(): a lost answer
 * is looked up by the order's reference, never sent again blindly).
 *
 *   ELKO_URL=http://127.0.0.1:8080 ELKO_TOKEN=... php examples/php/catalog_order.php [--live]
 *
 * ELKO has no test environment: every write on its API is real. Unless ELKO_URL is a loopback address
 * (the sandbox) or --live is given, the client runs in dry-run mode and the reservation and the order
 * are validated but not sent. Exit status: 0 done, 1 ELKO refused something, 2 configuration or access,
 * 3 the order may or may not have been placed (run `elko orders reconcile`; never send it again).
 */
declare(strict_types=1);

// With Composer: require 'vendor/autoload.php'. From the repository:
require __DIR__ . '/../../bindings/php/autoload.php';

use Elko\Client;
use Elko\Exception;

const SAMPLE = 5; // products to enrich; ELKO takes 20-50 codes per description or media call

/** ELKO's stock is text ("8", ">10", "> 50", "10+"): the number, at least. */
function stock(string $text): int
{
    $digits = preg_replace('/\D+/', '', $text);
    return $digits === '' ? 0 : (int) $digits;
}

function step(string $text): void
{
    echo "== $text\n";
}

function run(Client $client, bool $live): int
{
    step('catalog: the whole assortment, streamed item by item (a generator)');
    $count = 0;
    $candidates = [];
    foreach ($client->catalogProducts() as $product) {
        $count++;
        if (count($candidates) < SAMPLE && stock($product['quantity']) >= 2) {
            $candidates[] = $product;
        }
    }
    $codes = array_column($candidates, 'elkoCode');
    printf("   %d products; %d in stock picked: %s\n", $count, count($codes), implode(', ', $codes));
    printf("   %d ESD (electronic delivery) products\n", iterator_count($client->catalogEsd()));
    if ($codes === []) {
        fwrite(STDERR, "nothing in stock to order\n");
        return 1;
    }

    step(sprintf('descriptions and images of %d products (one batch)', count($codes)));
    foreach ($client->catalogDescription($codes) as $d) {
        printf("   %s: %d specification lines\n", $d['productId'], is_array($d['description'] ?? null) ? count($d['description']) : 0);
    }
    foreach ($client->catalogMedia($codes) as $m) {
        $main = null;
        foreach ($m['mediaFiles'] ?? [] as $f) {
            if (($f['sequence'] ?? 0) === 1) {
                $main = $f['link'];
            }
        }
        printf("   %s: main image %s\n", $m['id'], $main ?? '(none)');
    }

    step('availability and price right before ordering');
    $best = null;
    foreach ($client->catalogAvailability($codes, 'AvailabilityPrice') as $a) {
        $prices = $a['prices'] ?? [];
        printf("   %s: stock %s, price %s %s\n", $a['productId'], $a['stockQuantity'] ?? '?',
            $prices['discountPrice'] ?? $prices['price'] ?? '?', $prices['currency'] ?? '');
        if ($best === null && stock((string) ($a['stockQuantity'] ?? '0')) >= 1) {
            $best = $a;
        }
    }
    if ($best === null) {
        fwrite(STDERR, "no product is available any more\n");
        return 1;
    }
    $line = ['elkoCode' => (string) $best['productId'], 'quantity' => 1];

    step("reserve 1 x {$line['elkoCode']}");
    $reservationId = null;
    try {
        $reservation = $client->reservationsCreate(['lines' => [$line], 'hours' => 24]);
        $reservationId = $reservation['reservationId'];
        printf("   reservation %s held until %s\n", $reservationId, $reservation['expiresAt'] ?? '?');
    } catch (Exception\WriteRefusedException $e) {
        echo "   dry run, not sent: {$e->getMessage()}\n";
    } catch (Exception\NotFoundException) {
        echo "   this ELKO endpoint has no reservations (its path is not public): ordering directly\n";
    } catch (Exception\BadRequestException $e) {
        echo "   ELKO refused the reservation: {$e->getElkoMessage()}\n";
    }

    step('place the order exactly once' . ($reservationId ? " (against reservation $reservationId)" : ''));
    // No customerPo: the library adds a unique reference ("elko-..."). A shop's own reference works too,
    // but need not be unique: orders that already carry it never count as this one.
    $body = ['lines' => [$line], 'currency' => $best['prices']['currency'] ?? 'USD'];
    if ($reservationId) {
        $body['reservationId'] = $reservationId;
    }
    try {
        $placed = $client->placeOrder($body);
        $order = $placed['answer'];
        printf("   order %s placed, status %s, reference %s\n", $order['orderId'], $order['status'] ?? '?', $placed['reference']);
        echo '   ', $placed['reconciled'] ? 'reconciled: its answer was lost, the order was found by its reference'
            : 'answered directly (not reconciled)', "\n";
        foreach ($client->ordersList() as $o) {
            if ($o['orderId'] === $order['orderId']) {
                echo "   and listed among the actual orders\n";
            }
        }
    } catch (Exception\WriteRefusedException $e) {
        echo "   dry run, not sent (give --live to order for real): {$e->getMessage()}\n";
    } catch (Exception\BadRequestException $e) {
        fwrite(STDERR, "   ELKO refused the order {$e->getReference()}: {$e->getElkoMessage()}\n");
        return 1;
    } catch (Exception\UncertainException $e) {
        // Sending it again may buy twice: the journal keeps the intent until reconciled.
        fwrite(STDERR, "   the order may or may not have been placed (reference {$e->getReference()}). Do NOT send it "
            . "again: run `elko orders reconcile` (or \$client->ordersReconcile()) to learn its outcome.\n");
        return 3;
    }
    echo '== done' . ($live ? '' : ' (dry run: nothing was written)') . "\n";
    return 0;
}

function main(array $argv): int
{
    $url = getenv('ELKO_URL');
    $token = getenv('ELKO_TOKEN');
    if (!$url || !$token) {
        fwrite(STDERR, "set ELKO_URL (e.g. https://api.elko.cloud) and ELKO_TOKEN\n");
        return 2;
    }
    $host = trim((string) parse_url($url, PHP_URL_HOST), '[]');
    $live = in_array('--live', $argv, true) || in_array($host, ['127.0.0.1', '::1', 'localhost'], true);
    try {
        // A cron-style job: wait (up to 15 s) for a free slot of the 50-per-10-s limit instead of failing.
        $client = new Client(baseUrl: $url, token: $token, options: ['rate_limit' => ['wait_ms' => 15000], 'dry_run' => !$live]);
        return run($client, $live);
    } catch (Exception\UnauthorizedException $e) {
        fwrite(STDERR, "ELKO refused the token (missing, invalid or deactivated): {$e->getMessage()}\n");
    } catch (Exception\ForbiddenException $e) {
        fwrite(STDERR, "ELKO refused this machine: {$e->getMessage()} (ELKO says: {$e->getBody()}). Add its IP to the allow-list.\n");
    } catch (Exception\RateLimitedException $e) {
        fwrite(STDERR, sprintf("rate limit: send nothing for %.0f s (%s)\n", $e->getRetryAfterSeconds(), $e->getMessage()));
    } catch (Exception\NetworkException | Exception\TimeoutException $e) {
        fwrite(STDERR, "ELKO could not be reached: {$e->getMessage()}\n");
    } catch (Exception\LibraryException | Exception\InvalidArgumentException $e) {
        fwrite(STDERR, "bad configuration: {$e->getMessage()}\n");
    }
    return 2;
}

exit(main($argv));
