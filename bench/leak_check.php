<?php
/**
 * Native memory of the PHP binding: 10,000 calls in a loop (a call, a streamed list, an error, in turn)
 * against a sandbox; resident memory after the first 100 and at the end must stay within 5 MB.
 *
 *   make leak-check   (or: scripts/with-sandbox.py --sandbox-arg --config --sandbox-arg bench/leak_check.json \
 *                           -- php bench/leak_check.php)
 * Needs ELKO_URL and ELKO_TOKEN; the sandbox's limit must be raised (bench/leak_check.json).
 */
declare(strict_types=1);

require __DIR__ . '/../bindings/php/autoload.php';

$calls = (int) (getenv('LEAK_CALLS') ?: 10000);
const LIMIT_KB = 5 * 1024;

function rss_kb(): int
{
    preg_match('/^VmRSS:\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}

$client = new Elko\Client(baseUrl: getenv('ELKO_URL'), token: getenv('ELKO_TOKEN'), options: [
    'log_level' => 'off', 'rate_limit' => ['requests' => 100000, 'margin' => 0], 'retries' => ['max' => 0],
]);
$first = 0;
for ($i = 0; $i < $calls; $i++) {
    switch ($i % 3) {
        case 0:
            $client->call('catalog.vendors');
            break;
        case 1:
            foreach ($client->catalogCategories() as $category) {
            }
            break;
        default:
            try {
                $client->ordersGet(999999999);
            } catch (Elko\Exception\NotFoundException) {
            }
    }
    if ($i + 1 === 100) {
        gc_collect_cycles();
        $first = rss_kb();
    }
}
gc_collect_cycles();
$end = rss_kb();
$client->close();
$growth = $end - $first;
printf("php leak check: %d calls (call, streamed list, error in turn): RSS after 100 = %d KB, at the end = %d KB, "
    . "growth %+d KB (limit %d KB)\n", $calls, $first, $end, $growth, LIMIT_KB);
exit($growth <= LIMIT_KB ? 0 : 1);
