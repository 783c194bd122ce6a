<?php
/**
 * Run in a Composer project made by install-project.sh, against a sandbox (ELKO_URL, ELKO_TOKEN), with
 * ELKO_LIBRARY unset: Composer's autoloader finds Elko\, and the package loads the libelko.so of its
 * own lib/ folder. Usage: php check.php PROJECT_DIR
 */
declare(strict_types=1);

$project = $argv[1] ?? '';
require $project . '/vendor/autoload.php';

function fail(string $message): never
{
    fwrite(STDERR, "test-php-composer: FAILED: $message\n");
    exit(1);
}

if (getenv('ELKO_LIBRARY') !== false) {
    fail('ELKO_LIBRARY is set: the library must come from the package');
}
$client = new Elko\Client(baseUrl: (string) getenv('ELKO_URL'), token: (string) getenv('ELKO_TOKEN'));
$vendors = iterator_to_array($client->catalogVendors(), false);
$source = Elko\Native::source();
$expected = 'FFI::cdef(' . $project . '/vendor/elko/elko/lib/libelko.so)';
if ($source !== $expected) {
    fail("the library came from $source, not $expected");
}
if (count($vendors) < 1) {
    fail('catalog.vendors answered no vendor');
}
$client->close();
printf("test-php-composer: ok: Elko\\Client autoloaded from %s, libelko %s loaded by %s, catalog.vendors: %d vendors\n",
    (new ReflectionClass(Elko\Client::class))->getFileName(), Elko\Client::libraryVersion(), $source, count($vendors));
