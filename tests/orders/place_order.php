<?php
/**
 * One placer of the kill test (kill_reconcile.py), through the PHP package (bindings/php): places one
 * order with Client::placeOrder() and prints the envelope as one JSON line. The test kills it with
 * SIGKILL while the sandbox holds the answer.
 *
 * Usage: ELKO_URL=... ELKO_TOKEN=... php place_order.php <state_dir> <elko_code> [<customerPo>]
 * The token is read by the library from ELKO_TOKEN. Exit status: 0 placed, 1 refused or failed, 3 uncertain.
 */
declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

use Elko\Client;
use Elko\Exception\ElkoErrorException;
use Elko\Exception\UncertainException;

$url = getenv('ELKO_URL');
if (($argc !== 3 && $argc !== 4) || !$url) {
    fwrite(STDERR, "usage: ELKO_URL=... ELKO_TOKEN=... php place_order.php state_dir elko_code [customerPo]\n");
    exit(2);
}
$body = ['lines' => [['elkoCode' => $argv[2], 'quantity' => 1]], 'backorder' => true];
if ($argc === 4) {
    $body['customerPo'] = $argv[3];
}
// One send waits as long as the test needs (it is killed first); the limiter waits for its slot.
$client = new Client(baseUrl: $url, options: [
    'state_dir' => $argv[1], 'log_level' => 'off', 'timeout_ms' => 3600000, 'rate_limit' => ['wait_ms' => 30000],
    'retries' => ['max' => 0], 'orders' => ['attempt_timeout_ms' => 3600000],
]);
try {
    echo json_encode($client->placeOrder($body)), "\n";
} catch (UncertainException $e) {
    fwrite(STDERR, "place_order.php: {$e->getMessage()}, reference {$e->getReference()}\n");
    exit(3);
} catch (ElkoErrorException $e) {
    fwrite(STDERR, "place_order.php: {$e->getMessage()}, reference " . ($e->getReference() ?? '(none)') . "\n");
    exit(1);
}
