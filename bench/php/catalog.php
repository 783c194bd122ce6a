<?php
/*
 * Full catalog to native values in PHP: the elko/elko generator vs a hand-written client (curl_exec
 * collects the whole body, json_decode parses it at once). Every mode touches every product: it sums
 * "price" and counts the products in stock ("quantity" is a string such as "0", "8", ">10").
 * Not a test: a benchmark for issue 6 (bench/catalog.py runs it, one process per measurement, with
 * memory_limit=-1 so that the baseline can hold the whole catalog).
 *
 *   php -d memory_limit=-1 bench/php/catalog.php elko|elko-item|baseline URL TOKEN
 *
 * elko       Client::iterate('catalog.products'): the package's default (batches of elements per call)
 * elko-item  one elko_iter_next() call and one json_decode per element (the package before batches)
 * baseline   curl_exec + json_decode of the whole answer (needs php-curl)
 *
 * Prints one JSON line: mode, products, in_stock, price_sum, wall_s (from before the client is created
 * to after the last product was touched; loading libelko is excluded as loading ext-curl is).
 */
declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

// The sandbox's limit is lifted for speed runs; so is the client's own (the benchmark starts many
// processes in a few seconds).
const LIFTED = ['requests' => 100000, 'window_ms' => 1000, 'margin' => 0];

/** @param iterable<array<string, mixed>> $products @return array{int, int, float} */
function touchProducts(iterable $products): array
{
    $n = 0;
    $inStock = 0;
    $total = 0.0;
    foreach ($products as $p) {
        $n++;
        $total += $p['price'];
        $q = $p['quantity'];
        if ($q !== '' && $q !== '0') {
            $inStock++;
        }
    }
    return [$n, $inStock, $total];
}

function runElko(string $url, string $token): array
{
    $c = new Elko\Client(baseUrl: $url, token: $token, options: ['timeout_ms' => 3600000, 'rate_limit' => LIFTED]);
    $r = touchProducts($c->iterate('catalog.products'));
    $c->close();
    return $r;
}

function runElkoItem(string $url, string $token): array
{
    $c = new Elko\Client(baseUrl: $url, token: $token, options: ['timeout_ms' => 3600000, 'rate_limit' => LIFTED]);
    $ffi = Elko\Native::ffi();
    $handle = (fn () => $this->handle)->call($c);
    $it = $ffi->new('elko_iter*');
    $err = $ffi->new('elko_error*');
    if ($ffi->elko_iter_new($handle, 'catalog.products', null, 0, FFI::addr($it), FFI::addr($err)) !== 0) {
        fwrite(STDERR, "elko_iter_new failed\n");
        exit(1);
    }
    $items = (function () use ($ffi, $it, $err) {
        $item = $ffi->new('const char*');
        $len = $ffi->new('size_t');
        while (($r = $ffi->elko_iter_next($it, FFI::addr($item), FFI::addr($len), FFI::addr($err))) === 1) {
            yield json_decode(FFI::string($item, $len->cdata), true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
        }
        if ($r < 0) {
            fwrite(STDERR, "elko_iter_next failed\n");
            exit(1);
        }
    })();
    $r = touchProducts($items);
    $ffi->elko_iter_free($it);
    $c->close();
    return $r;
}

function runBaseline(string $url, string $token): array
{
    $h = curl_init($url . '/v3.0/api/Catalog/Products');
    curl_setopt_array($h, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $token, 'Accept: application/json'],
        CURLOPT_ENCODING => '',
        CURLOPT_TIMEOUT => 3600,
    ]);
    $body = curl_exec($h);
    $status = curl_getinfo($h, CURLINFO_RESPONSE_CODE);
    if ($body === false || $status !== 200) {
        fwrite(STDERR, "baseline: HTTP $status " . curl_error($h) . "\n");
        exit(1);
    }
    curl_close($h);
    $products = json_decode($body, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
    unset($body);
    return touchProducts($products);
}

if ($argc !== 4 || !in_array($argv[1], ['elko', 'elko-item', 'baseline'], true)) {
    fwrite(STDERR, "usage: php bench/php/catalog.php elko|elko-item|baseline URL TOKEN\n");
    exit(2);
}
[, $mode, $url, $token] = $argv;
if ($mode !== 'baseline') {
    Elko\Native::ffi(); // loading libelko happens before the clock starts, as PHP loads its curl extension
}
$t0 = hrtime(true);
[$n, $inStock, $total] = match ($mode) {
    'elko' => runElko($url, $token),
    'elko-item' => runElkoItem($url, $token),
    'baseline' => runBaseline($url, $token),
};
$wall = (hrtime(true) - $t0) / 1e9;
echo json_encode(['mode' => $mode, 'products' => $n, 'in_stock' => $inStock, 'price_sum' => round($total, 2),
    'wall_s' => round($wall, 4)]), "\n";
