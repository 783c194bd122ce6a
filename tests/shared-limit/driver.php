<?php
/**
 * One worker of the shared-limit test (tests/shared-limit/run.py), through the PHP package
 * (bindings/php/autoload.php): calls catalog.vendors as fast as it can from start_ms to end_ms (wall
 * clock), then prints {"lang": "php", "ok": N, "local": N, "elko403": N, "other": N}.
 *
 * Usage: php driver.php <base_url> <token> <extra options JSON object> <start_ms> <end_ms>
 */
declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

use Elko\Client;
use Elko\Exception\ElkoErrorException;
use Elko\Exception\RateLimitedException;

[, $url, $token, $extra, $start, $end] = $argv;
$start = (int) $start;
$end = (int) $end;
$now = static fn (): int => (int) floor(microtime(true) * 1000);
$counts = ['lang' => 'php', 'ok' => 0, 'local' => 0, 'elko403' => 0, 'other' => 0];
$options = json_decode($extra, true, 512, JSON_THROW_ON_ERROR) + ['retries' => ['max' => 0]];
$client = new Client(baseUrl: $url, token: $token, options: $options);
usleep(max(0, $start - $now()) * 1000);
while ($now() < $end) {
    try {
        $client->call('catalog.vendors');
        $counts['ok']++;
    } catch (RateLimitedException $e) {
        if ($e->getHttpStatus() !== 0) {
            $counts['elko403']++;
        } else {
            $counts['local']++;
            usleep(max(0, min($e->getRetryAfterMs(), $end - $now())) * 1000);
        }
    } catch (ElkoErrorException $e) {
        if ($counts['other']++ === 0) {
            fwrite(STDERR, 'driver.php: ' . $e->getMessage() . "\n");
        }
    }
}
$client->close();
echo json_encode($counts), "\n";
