<?php
declare(strict_types=1);

namespace Elko\Tests;

use Elko\Client;
use Elko\Exception;
use Elko\Native;
use PHPUnit\Framework\TestCase;

final class ClientTest extends TestCase
{
    private static function client(array $options = []): Client
    {
        $s = Sandbox::main();
        return new Client(baseUrl: $s->url, token: $s->token, options: $options + Sandbox::FAST);
    }

    public function testLibraryIsLoadedAndChecked(): void
    {
        $this->assertSame('0.1.0', Client::libraryVersion());
        $this->assertSame(1, Native::ABI_VERSION);
        if (getenv('ELKO_EXPECT_PRELOAD') === '1') {
            $this->assertSame("FFI::scope('elko')", Native::source(), 'production config: the preloaded scope is used');
        } else {
            $this->assertStringStartsWith('FFI::', Native::source());
        }
    }

    public function testAccountAndCall(): void
    {
        $c = self::client();
        $account = $c->accountGet();
        $this->assertSame('700001', $account['accountNo']);
        $this->assertSame($account, $c->call('account.get'));
        $this->assertNotEmpty($c->call('catalog.vendors')[0]['code']);
    }

    public function testCatalogIsAGeneratorOfItems(): void
    {
        $c = self::client();
        $products = $c->catalogProducts();
        $this->assertInstanceOf(\Generator::class, $products);
        $n = 0;
        foreach ($products as $p) {
            $this->assertIsString($p['quantity']);
            $n++;
        }
        $this->assertSame(2000, $n);
    }

    public function testFiltersDescriptionsMediaAvailability(): void
    {
        $c = self::client();
        $codes = [];
        foreach ($c->catalogProducts() as $p) {
            $codes[] = $p['elkoCode'];
            if (count($codes) === 3) {
                break; // abandons the stream: the generator's finally frees it
            }
        }
        $this->assertSame($codes, array_column(iterator_to_array($c->catalogProducts(elkoCode: $codes)), 'elkoCode'));
        $this->assertSame([$codes[0]], array_column(iterator_to_array($c->catalogProducts(elkoCode: $codes[0])), 'elkoCode'));
        foreach ($c->catalogProducts(catalog: 'CPU') as $p) {
            $this->assertSame('CPU', $p['catalog']);
        }
        $desc = iterator_to_array($c->catalogDescription($codes));
        $this->assertEqualsCanonicalizing($codes, array_column($desc, 'productId'));
        foreach ($c->catalogMedia($codes) as $m) {
            $this->assertSame(1, $m['mediaFiles'][0]['sequence']);
        }
        $this->assertCount(3, iterator_to_array($c->catalogAvailability($codes, 'AvailabilityPrice')));
    }

    public function testEveryListOperation(): void
    {
        $c = self::client();
        $this->assertNotEmpty(iterator_to_array($c->catalogEsd()));
        $this->assertNotEmpty(iterator_to_array($c->catalogCategories()));
        $this->assertNotEmpty(iterator_to_array($c->catalogCategoryTree()));
        $this->assertNotEmpty(iterator_to_array($c->catalogVendors()));
        $this->assertIsArray(iterator_to_array($c->ordersList()));
        $this->assertIsArray(iterator_to_array($c->reservationsList()));
        $this->assertIsArray(iterator_to_array($c->invoicesList(true)));
        $this->assertIsArray(iterator_to_array($c->invoicesRange(118001, 126365)));
    }

    public function testReserveOrderModifyCancel(): void
    {
        $c = self::client();
        $product = null;
        foreach ($c->catalogProducts() as $p) {
            $q = trim($p['quantity'], '>+ ');
            if (ctype_digit($q) && (int) $q >= 3) {
                $product = $p;
                break;
            }
        }
        $this->assertNotNull($product);
        $line = ['elkoCode' => $product['elkoCode'], 'quantity' => 1];
        $r = $c->reservationsCreate(['lines' => [$line], 'hours' => 2]);
        $rid = $r['reservationId'];
        $this->assertSame($rid, $c->reservationsGet($rid)['reservationId']);
        $order = $c->ordersCreate(['lines' => [$line], 'reservationId' => $rid, 'customerPo' => 'PO-PHP-1']);
        $this->assertSame('PO-PHP-1', $c->ordersGet($order['orderId'])['customerPo']);
        $c->ordersModify($order['orderId'], ['deliveryInstructions' => 'gate 2']);
        $c->ordersCancel($order['orderId']);
        $r2 = $c->reservationsCreate(['lines' => [$line]]);
        $this->assertSame($r2['reservationId'], $c->reservationsRelease($r2['reservationId'])['reservationId']);
    }

    public function testRawRequest(): void
    {
        $c = self::client();
        $vendors = $c->request('GET', '/v3.0/api/Catalog/Vendors');
        $this->assertNotEmpty($vendors[0]['code']);
        $this->assertIsArray($c->request('GET', '/v3.0/api/Catalog/Products', ['catalog' => 'CPU']));
    }

    public function testXmlAndUaDialect(): void
    {
        $s = Sandbox::main();
        $xml = new Client(baseUrl: $s->url, token: $s->token, options: ['format' => 'xml'] + Sandbox::FAST);
        $this->assertStringStartsWith('<', $xml->call('catalog.vendors'));
        $ua = new Client(baseUrl: $s->url, token: $s->token, dialect: 'ua', options: Sandbox::FAST);
        $this->assertArrayHasKey('translation', $ua->catalogCategories()->current());
    }

    public function testCloseTwiceAndUseAfterClose(): void
    {
        $c = self::client();
        $c->close();
        $c->close();
        $this->assertTrue($c->isClosed());
        $this->expectException(Exception\ClientClosedException::class);
        $c->accountGet();
    }

    public function testClosingTheClientFreesItsGenerators(): void
    {
        $c = self::client();
        $products = $c->catalogProducts();
        $this->assertNotEmpty($products->current());
        $c->close();
        $this->expectException(Exception\ClientClosedException::class);
        $products->next();
    }

    public function testBadInput(): void
    {
        $c = self::client();
        foreach ([
            fn () => $c->call('nope.nope'),
            fn () => $c->call('catalog.vendors', [1, 2, 3]),              // a list, not an object
            fn () => $c->call('catalog.products', ['elkoCode' => "\xff\xfe"]),   // invalid UTF-8
            fn () => $c->call("catalog.\xff"),
            fn () => $c->call('catalog.products', ['nope' => 1]),
            fn () => $c->iterate('account.get'),                           // not a list operation
            fn () => new Client(baseUrl: Sandbox::main()->url, token: 'x', options: ['colour' => 'red']),
            fn () => new Client(token: 'x'),
        ] as $i => $f) {
            try {
                $f();
                $this->fail("case $i: no exception");
            } catch (Exception\InvalidArgumentException $e) {
                $this->assertSame(-1, $e->getCode(), "case $i");
                $this->assertSame(0, $e->getHttpStatus());
            }
        }
    }

    public function testIteratorNetworkErrorMidStream(): void
    {
        $s = Sandbox::main();
        $c = self::client();
        $s->fault('truncate');
        $n = 0;
        try {
            foreach ($c->catalogProducts() as $p) {
                $n++;
            }
            $this->fail('no exception');
        } catch (Exception\NetworkException $e) {
            $this->assertLessThan(2000, $n);
        }
        $this->assertNotEmpty($c->accountGet());
    }

    public function testLogCallback(): void
    {
        $s = Sandbox::main();
        $c = new Client(baseUrl: $s->url, token: $s->token, options: ['rate_limit' => ['requests' => 100000, 'margin' => 0], 'log_level' => 'info']);
        $lines = [];
        $c->setLogCallback(function (int $level, string $line) use (&$lines) {
            $lines[] = $line;
        });
        $c->call('catalog.vendors');
        $c->setLogCallback(null);
        $this->assertNotEmpty($lines);
        $this->assertStringContainsString('catalog.vendors', $lines[0]);
        $this->assertStringNotContainsString($s->token, implode("\n", $lines));
    }
}
