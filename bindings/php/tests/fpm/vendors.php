<?php
/**
 * The front script of the PHP-FPM test (fpm_check.py): one web request of a shop that uses elko/elko
 * from Composer. ?calls=N calls catalog.vendors N times (default 1) on ?sandbox=budget|fast — the
 * sandbox with ELKO's real limit, or one whose limit does not get in the way — whose URL and token the
 * pool's env[] gives (and ELKO_STATE_DIR, the folder of the budget every worker shares). Answers JSON: ok, calls, vendors, waited_ms (time spent in the calls), pid, the
 * worker's resident memory (VmRSS, kB) and where the library came from; or the exception.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/vendor/autoload.php';

header('Content-Type: application/json');
$which = ($_GET['sandbox'] ?? 'budget') === 'fast' ? 'FAST' : 'BUDGET';
$calls = max(1, min(50, (int) ($_GET['calls'] ?? 1)));
$rss = static function (): int {
    $status = (string) @file_get_contents('/proc/self/status');
    return preg_match('/^VmRSS:\s+(\d+)/m', $status, $m) ? (int) $m[1] : -1;
};
$started = hrtime(true);
try {
    $client = new Elko\Client(
        baseUrl: (string) getenv("ELKO_{$which}_URL"),
        token: (string) getenv("ELKO_{$which}_TOKEN"),
        // A request waits (up to 30 s) for a slot of the shared budget rather than failing; "fast" lifts
        // the client's limit as its sandbox's is lifted. The state directory comes from ELKO_STATE_DIR.
        options: $which === 'FAST'
            ? ['rate_limit' => ['requests' => 100000, 'margin' => 0], 'log_level' => 'warn']
            : ['rate_limit' => ['wait_ms' => 30000], 'log_level' => 'warn'],
    );
    $vendors = 0;
    for ($i = 0; $i < $calls; $i++) {
        $vendors = count($client->call('catalog.vendors'));
    }
    $client->close();
    echo json_encode(['ok' => true, 'calls' => $calls, 'vendors' => $vendors,
        'waited_ms' => intdiv(hrtime(true) - $started, 1000000), 'pid' => getmypid(), 'rss_kb' => $rss(),
        'source' => Elko\Native::source()]);
} catch (Elko\Exception\ElkoException $e) {
    http_response_code(500);
    echo json_encode(['ok' => false, 'class' => get_class($e), 'message' => $e->getMessage(),
        'http_status' => $e instanceof Elko\Exception\ElkoErrorException ? $e->getHttpStatus() : 0,
        'pid' => getmypid(), 'rss_kb' => $rss()]);
}
