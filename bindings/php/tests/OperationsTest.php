<?php
declare(strict_types=1);

namespace Elko\Tests;

use Elko\Client;
use PHPUnit\Framework\TestCase;

/** One documented method per operation of the table (`elko operations`). */
final class OperationsTest extends TestCase
{
    public function testOneDocumentedMethodPerOperation(): void
    {
        $bin = getenv('ELKO_BIN') ?: dirname(__DIR__, 3) . '/.build/debug/elko';
        exec(escapeshellarg($bin) . ' operations', $lines, $rc);
        $this->assertSame(0, $rc);
        $this->assertGreaterThanOrEqual(21, count($lines));
        foreach ($lines as $line) {
            [$name] = preg_split('/\s+/', trim($line));
            $method = lcfirst(str_replace('.', '', ucwords($name, '.')));
            $this->assertTrue(method_exists(Client::class, $method), "no method $method for $name");
            $doc = (new \ReflectionMethod(Client::class, $method))->getDocComment();
            $this->assertStringContainsString($name, (string) $doc, "$method documents $name");
            $isList = str_contains($line, 'list');
            $ret = (string) (new \ReflectionMethod(Client::class, $method))->getReturnType();
            $this->assertSame($isList ? 'Generator' : true, $isList ? $ret : $ret !== 'Generator', "$method: list operations are generators");
        }
    }

    public function testFlatHeaderHasNoPreprocessorLines(): void
    {
        $h = file_get_contents(dirname(__DIR__) . '/src/elko.ffi.h');
        $this->assertDoesNotMatchRegularExpression('/^\s*#/m', $h);
        $this->assertStringNotContainsString('/*', $h);
        $this->assertStringNotContainsString('extern "C"', $h);
        $this->assertStringContainsString('typedef enum elko_status', $h);
    }
}
