<?php
/**
 * PHPUnit bootstrap: the autoloader (no Composer needed) and sandboxes started on demand on loopback
 * (`elko sandbox --port 0 --admin`, ELKO_BIN or the repository's .build/debug/elko), stopped at exit.
 */
declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';
require __DIR__ . '/Sandbox.php';
