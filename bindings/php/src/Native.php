<?php
declare(strict_types=1);

namespace Elko;

use Elko\Exception\LibraryException;
use FFI;

/**
 * Loads libelko once per process: first the scope "elko" that preload.php declares under opcache.preload
 * (the only way where ffi.enable=preload, e.g. PHP-FPM), then FFI::cdef with the flattened header
 * src/elko.ffi.h and the library from ELKO_LIBRARY, this package's folder, the repository's
 * build/libelko.so (when run from a source checkout), then the system's libelko.so.
 *
 * @internal
 */
final class Native
{
    /** The ABI number this package was written for (elko_abi_version()). */
    public const ABI_VERSION = 1;

    /** The FFI scope preload.php declares. */
    public const SCOPE = 'elko';

    private static ?FFI $ffi = null;
    private static string $source = '';

    /** The loaded library (loading it on first use). @throws LibraryException */
    public static function ffi(): FFI
    {
        return self::$ffi ?? self::load();
    }

    /** Where the library came from: "FFI::scope('elko')" or "FFI::cdef(<path>)". */
    public static function source(): string
    {
        self::ffi();
        return self::$source;
    }

    /** The flattened header FFI::cdef reads. */
    public static function headerPath(): string
    {
        return __DIR__ . '/elko.ffi.h';
    }

    /**
     * Library paths tried by FFI::cdef (and by preload.php), in order.
     *
     * @return list<string>
     */
    public static function candidatePaths(): array
    {
        $paths = [];
        $env = getenv('ELKO_LIBRARY');
        if (is_string($env) && $env !== '') {
            $paths[] = $env;
        }
        $package = dirname(__DIR__);
        $paths[] = $package . '/lib/libelko.so';
        $paths[] = $package . '/libelko.so';
        $paths[] = dirname($package, 2) . '/build/libelko.so';
        $paths[] = 'libelko.so';
        return $paths;
    }

    /** The first candidate path that exists (system name last), for preload.php. */
    public static function findLibrary(): string
    {
        foreach (self::candidatePaths() as $path) {
            if (!str_contains($path, '/') || is_file($path)) {
                return str_contains($path, '/') ? (realpath($path) ?: $path) : $path;
            }
        }
        return 'libelko.so';
    }

    private static function load(): FFI
    {
        $tried = [];
        if (!extension_loaded('ffi')) {
            throw new LibraryException(self::failure(['the FFI extension is not loaded (install/enable ext-ffi)']));
        }
        try {
            $ffi = FFI::scope(self::SCOPE);
            self::check($ffi, "FFI::scope('" . self::SCOPE . "')");
            return self::$ffi = $ffi;
        } catch (FFI\Exception $e) {
            $tried[] = "FFI::scope('" . self::SCOPE . "'): " . $e->getMessage()
                . ' (preload bindings/php/preload.php with opcache.preload to use it)';
        }
        $header = @file_get_contents(self::headerPath());
        if ($header === false) {
            throw new LibraryException(self::failure([...$tried, self::headerPath() . ': cannot read the header']));
        }
        foreach (self::candidatePaths() as $path) {
            if (str_contains($path, '/') && !is_file($path)) {
                $tried[] = "$path: no such file";
                continue;
            }
            try {
                $ffi = FFI::cdef($header, $path);
            } catch (FFI\Exception $e) {
                $tried[] = "$path: " . $e->getMessage();
                continue;
            }
            self::check($ffi, "FFI::cdef($path)");
            return self::$ffi = $ffi;
        }
        throw new LibraryException(self::failure($tried));
    }

    private static function check(FFI $ffi, string $source): void
    {
        $abi = $ffi->elko_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new LibraryException(sprintf(
                '%s: libelko %s implements ABI %d but elko/elko needs ABI %d; install matching versions',
                $source, (string) $ffi->elko_version(), $abi, self::ABI_VERSION
            ));
        }
        self::$source = $source;
    }

    /** @param list<string> $tried */
    private static function failure(array $tried): string
    {
        return "libelko could not be loaded (PHP " . PHP_VERSION . ", ffi.enable=" . var_export(ini_get('ffi.enable'), true)
            . "). Set ELKO_LIBRARY to the path of libelko.so, or preload bindings/php/preload.php. Tried:\n  "
            . implode("\n  ", $tried);
    }
}
