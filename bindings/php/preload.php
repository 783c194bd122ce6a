<?php
/**
 * Preloading libelko for production PHP (ffi.enable=preload, PHP's default: under PHP-FPM only FFI
 * declared at startup may be used). Measured with PHP 8.2:
 *
 *  - PHP not started as root (opcache.preload_user not set): this file as opcache.preload declares the
 *    FFI scope "elko" with FFI::load and preloads the Elko\ classes:
 *        opcache.enable=1  opcache.preload=/path/to/bindings/php/preload.php  ffi.enable=preload
 *  - PHP started as root (PHP-FPM's master usually is): opcache.preload then requires
 *    opcache.preload_user, and FFI::load() refuses to work together with it. Declare the scope with
 *    ffi.preload instead, from a header this file writes:
 *        php /path/to/bindings/php/preload.php --write-header /etc/php/elko.h
 *        ffi.preload=/etc/php/elko.h   (and optionally opcache.preload=this file, opcache.preload_user=www-data)
 *
 * The library is found as Elko\Native::candidatePaths() says (ELKO_LIBRARY, read when PHP starts; this
 * package's folder; the repository's build/; the system). FFI::load needs a header with
 * `#define FFI_SCOPE` and `#define FFI_LIB` (the only preprocessor lines it accepts); FFI_LIB is written
 * as an absolute path (a relative one is taken relative to the header's folder).
 */
declare(strict_types=1);

require_once __DIR__ . '/autoload.php';

/** The FFI::load/ffi.preload header for the library found now. */
function elko_preload_header(): string
{
    $flat = file_get_contents(Elko\Native::headerPath());
    if ($flat === false) {
        throw new RuntimeException('elko preload: cannot read ' . Elko\Native::headerPath());
    }
    return '#define FFI_SCOPE "' . Elko\Native::SCOPE . "\"\n#define FFI_LIB \""
        . addcslashes(Elko\Native::findLibrary(), "\"\\") . "\"\n" . $flat;
}

if (PHP_SAPI === 'cli' && isset($argv[1]) && $argv[1] === '--write-header' && realpath($argv[0]) === __FILE__) {
    $target = $argv[2] ?? 'php://stdout';
    if (file_put_contents($target, elko_preload_header()) === false) {
        fwrite(STDERR, "elko: cannot write $target\n");
        exit(1);
    }
    if ($target !== 'php://stdout') {
        fwrite(STDERR, "elko: wrote $target for ffi.preload (library " . Elko\Native::findLibrary() . ")\n");
    }
    return;
}

(static function (): void {
    $declared = true;
    try {
        FFI::scope(Elko\Native::SCOPE); // already declared by ffi.preload
    } catch (FFI\Exception) {
        $declared = false;
    }
    if (!$declared) {
        if ((string) ini_get('opcache.preload_user') !== '') {
            throw new RuntimeException('elko preload: FFI::load() does not work together with opcache.preload_user '
                . '(PHP started as root). Write a header with `php ' . __FILE__ . ' --write-header /etc/php/elko.h` '
                . 'and set ffi.preload=/etc/php/elko.h.');
        }
        $header = elko_preload_header();
        $path = sys_get_temp_dir() . '/elko-preload-' . substr(hash('sha256', $header), 0, 16) . '.h';
        if (!is_file($path) || file_get_contents($path) !== $header) {
            $tmp = $path . '.' . getmypid();
            file_put_contents($tmp, $header);
            rename($tmp, $path);
        }
        if (FFI::load($path) === null) {
            throw new RuntimeException("elko preload: FFI::load($path) failed");
        }
    }
    // Declare every Elko\ class now (through the autoloader, dependencies first): classes declared
    // while preloading stay declared in every request.
    foreach (glob(__DIR__ . '/src/{,Exception/}*.php', GLOB_BRACE) ?: [] as $file) {
        $class = 'Elko\\' . str_replace('/', '\\', substr($file, strlen(__DIR__ . '/src/'), -4));
        class_exists($class) || interface_exists($class) || trait_exists($class);
    }
})();
