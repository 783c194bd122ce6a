<?php
/**
 * PSR-4 autoloader for Elko\ without Composer (tests and preload use it; Composer users get the same
 * mapping from composer.json).
 */
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (strncmp($class, 'Elko\\', 5) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 5)) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
