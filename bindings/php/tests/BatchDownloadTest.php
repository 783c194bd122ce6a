<?php
declare(strict_types=1);

namespace Elko\Tests;

use Elko\Client;
use Elko\Exception;
use Elko\Normalize;
use PHPUnit\Framework\TestCase;

/** Batches of elements from the generator, downloads to a file, batch helpers, the normalised view. */
final class BatchDownloadTest extends TestCase
{
    private static function client(array $options = []): Client
    {
        $s = Sandbox::main();
        return new Client(baseUrl: $s->url, token: $s->token, options: $options + Sandbox::FAST);
    }

    /** @return list<int> */
    private static function codes(Client $c, int $n): array
    {
        $codes = [];
        foreach ($c->catalogProducts() as $p) {
            $codes[] = $p['elkoCode'];
            if (count($codes) === $n) {
                break;
            }
        }
        return $codes;
    }

    public function testGeneratorInBatchesEqualsWholeAnswer(): void
    {
        $c = self::client();
        $whole = $c->call('catalog.products');
        $this->assertSame($whole, iterator_to_array($c->iterate('catalog.products')));
        $this->assertSame($whole, iterator_to_array($c->iterate('catalog.products', [], 7)));
        $this->assertSame($whole, iterator_to_array($c->iterate('catalog.products', [], 0, 1000)));
        $this->expectException(Exception\InvalidArgumentException::class);
        $c->iterate('catalog.products', [], 0, 0);
    }

    public function testDownloadReplacesFileAtomically(): void
    {
        $c = self::client();
        $dir = sys_get_temp_dir() . '/elko-php-' . bin2hex(random_bytes(4));
        mkdir($dir);
        $path = "$dir/catalog.json";
        file_put_contents($path, 'old');
        $whole = $c->callRaw('catalog.products');
        $this->assertSame(strlen($whole), $c->download('catalog.products', [], $path));
        $this->assertSame($whole, file_get_contents($path));

        Sandbox::main()->fault('error500');
        try {
            $c->download('catalog.products', [], $path);
            $this->fail('no exception');
        } catch (Exception\ServerException $e) {
            $this->assertSame(500, $e->getHttpStatus());
        }
        Sandbox::main()->fault('truncate');
        try {
            $c->download('catalog.products', [], $path);
            $this->fail('no exception');
        } catch (Exception\NetworkException) {
        }
        $this->assertSame($whole, file_get_contents($path));
        $this->assertSame(['catalog.json'], array_values(array_diff(scandir($dir), ['.', '..'])));
        try {
            $c->download('catalog.products', [], "$dir/no/such/file.json");
            $this->fail('no exception');
        } catch (Exception\InvalidArgumentException $e) {
            $this->assertStringContainsString('temporary file', $e->getMessage());
        }
        unlink($path);
        rmdir($dir);
    }

    public function testBatchMergesInTheOrderAsked(): void
    {
        $c = self::client();
        $codes = array_reverse(self::codes($c, 120));
        $r = $c->descriptions($codes);
        $this->assertTrue($r->ok());
        $this->assertSame(3, $r->batches);
        $this->assertSame($codes, array_column($r->items, 'productId'));
        $r = $c->mediaItems([...array_map('strval', $codes), ...array_slice($codes, 0, 5)], 11);
        $this->assertSame(11, $r->batches);
        $this->assertSame($codes, array_column($r->items, 'id'));
        $r = $c->availability($codes, 'Availability');
        $this->assertSame($codes, array_column($r->items, 'productId'));
    }

    public function testOneFailingBatchKeepsTheOthers(): void
    {
        $c = self::client();
        $codes = self::codes($c, 120);
        Sandbox::main()->fault('error500');
        $r = $c->batch('catalog.description', $codes, [], 50); // FAST: no retries
        $this->assertFalse($r->ok());
        $this->assertCount(1, $r->failed);
        $this->assertSame(array_map('strval', array_slice($codes, 0, 50)), $r->failed[0]['codes']);
        $this->assertInstanceOf(Exception\ServerException::class, $r->failed[0]['error']);
        $this->assertSame(array_slice($codes, 50), array_column($r->items, 'productId'));
    }

    public function testBatchBadArguments(): void
    {
        $c = self::client();
        foreach ([['catalog.products', [1]], ['catalog.media', [1.5]], ['catalog.media', ['1,2']]] as [$op, $codes]) {
            try {
                $c->batch($op, $codes);
                $this->fail("no exception for $op");
            } catch (Exception\InvalidArgumentException) {
                $this->addToAssertionCount(1);
            }
        }
    }

    public function testNormalize(): void
    {
        $this->assertSame([0, true], Normalize::stock('0'));
        $this->assertSame([8, true], Normalize::stock('8'));
        $this->assertSame([10, false], Normalize::stock('>10'));
        $this->assertSame([50, false], Normalize::stock('> 50'));
        $this->assertSame([10, false], Normalize::stock('10+'));
        $this->assertSame([null, false], Normalize::stock(''));
        $this->assertSame([null, false], Normalize::stock(null));
        $api = Normalize::product(['id' => 42294, 'elkoCode' => 1075419, 'quantity' => '>10']);
        $this->assertSame(['id' => 42294, 'elkoCode' => 1075419, 'quantity' => '>10', 'stockMin' => 10, 'stockExact' => false], $api);
        $ua = Normalize::product(['id' => 1075419, 'quantity' => '3']);
        $this->assertSame(1075419, $ua['elkoCode']);
        $this->assertSame([3, true], [$ua['stockMin'], $ua['stockExact']]);
        foreach (self::client()->catalogProducts() as $p) {
            $n = Normalize::product($p);
            $this->assertSame($p, array_intersect_key($n, $p));
            $this->assertNotNull($n['stockMin']);
        }
    }
}
