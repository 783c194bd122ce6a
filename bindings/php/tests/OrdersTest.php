<?php
declare(strict_types=1);

namespace Elko\Tests;

use Elko\Client;
use Elko\Exception;
use PHPUnit\Framework\TestCase;

/**
 * Orders placed exactly once (issue 13): placeOrder()'s envelope, answers lost after the sandbox applied
 * the order, reconciled by their reference; definite refusals; UncertainException, then ordersPending()
 * and ordersReconcile(). Each test has a state directory and a company of its own, so that journals and
 * order lists do not mix.
 */
final class OrdersTest extends TestCase
{
    /** settle_ms is real (client) time; attempt_timeout_ms bounds one send. */
    private const ORDERS = ['settle_ms' => 50, 'attempt_timeout_ms' => 400];

    private static int $account = 720000;
    private static ?string $code = null;

    private string $stateDir;
    private string $token;

    protected function setUp(): void
    {
        $this->stateDir = sys_get_temp_dir() . '/elko-orders-test-' . bin2hex(random_bytes(6));
        mkdir($this->stateDir, 0700);
        $this->token = Sandbox::orders()->company((string) ++self::$account);
    }

    protected function tearDown(): void
    {
        Sandbox::orders()->clearFaults();
        $this->removeTree($this->stateDir);
    }

    /** @param array<string, mixed> $orders @param array<string, mixed> $options */
    private function client(array $orders = [], array $options = []): Client
    {
        return new Client(baseUrl: Sandbox::orders()->url, token: $this->token, options: $options + [
            'state_dir' => $this->stateDir, 'orders' => $orders + self::ORDERS,
        ] + Sandbox::FAST);
    }

    /** An ELKO code of the sandbox's catalog. */
    private function code(): string
    {
        if (self::$code === null) {
            foreach ($this->client()->catalogProducts() as $p) {
                self::$code = (string) $p['elkoCode'];
                break;
            }
        }
        return (string) self::$code;
    }

    /** One line, on backorder: stock never runs out however many orders the tests place. */
    private function body(array $extra = []): array
    {
        return $extra + ['lines' => [['elkoCode' => $this->code(), 'quantity' => 1]], 'backorder' => true];
    }

    /** @return list<array<string, mixed>> the orders of orders.list that carry $reference */
    private static function ordersWith(Client $c, string $reference): array
    {
        $found = [];
        foreach ($c->ordersList() as $o) {
            if (($o['customerPo'] ?? null) === $reference) {
                $found[] = $o;
            }
        }
        return $found;
    }

    public function testPlaceOrderAnswersTheEnvelope(): void
    {
        $c = $this->client();
        $env = $c->placeOrder($this->body());
        $this->assertSame('placed', $env['outcome']);
        $this->assertMatchesRegularExpression('/^elko-[A-Za-z0-9_-]{22}$/', $env['reference']);
        $this->assertFalse($env['reference_given']);
        $this->assertFalse($env['reconciled']);
        $this->assertSame(1, $env['sends']);
        $this->assertIsString($env['intent']);
        $this->assertSame($env['reference'], $env['answer']['customerPo']);
        $listed = self::ordersWith($c, $env['reference']);
        $this->assertSame([$env['answer']['orderId']], array_column($listed, 'orderId'));
        $this->assertSame(0, $c->ordersPending()['count']);
    }

    public function testCallerReferenceIsKept(): void
    {
        $c = $this->client();
        $ref = 'SHOP-' . bin2hex(random_bytes(6));
        $env = $c->placeOrder($this->body(['customerPo' => $ref]));
        $this->assertSame($ref, $env['reference']);
        $this->assertTrue($env['reference_given']);
        $this->assertCount(1, self::ordersWith($c, $ref));
    }

    /** @return array<string, array{string}> faults that apply the order, then lose its answer */
    public static function lostAnswers(): array
    {
        // hang-after=100000 sandbox-ms is one real second: beyond attempt_timeout_ms (400).
        return ['reset-after' => ['reset-after'], 'hang-after' => ['hang-after=100000'],
            'error500-after' => ['error500-after']];
    }

    /** @dataProvider lostAnswers */
    public function testLostAnswerIsReconciled(string $fault): void
    {
        $c = $this->client();
        Sandbox::orders()->fault($fault, 1, 'orders.create');
        $env = $c->placeOrder($this->body());
        $this->assertSame('placed', $env['outcome']);
        $this->assertTrue($env['reconciled']);
        $this->assertSame(1, $env['sends']);
        $listed = self::ordersWith($c, $env['reference']);
        $this->assertCount(1, $listed);
        $this->assertSame($listed[0]['orderId'], $env['answer']['orderId']);
        $this->assertSame(0, $c->ordersPending()['count']);
    }

    public function testReusedCallerReferenceMatchesOnlyTheNewOrder(): void
    {
        $c = $this->client();
        // Swagger's sample value, sent by real clients on every order: an older order already carries it.
        $first = $c->placeOrder($this->body(['customerPo' => 'string']));
        Sandbox::orders()->fault('reset-after', 1, 'orders.create');
        $second = $c->placeOrder($this->body(['customerPo' => 'string']));
        $this->assertTrue($second['reconciled']);
        $this->assertNotSame($first['answer']['orderId'], $second['answer']['orderId']);
        $this->assertCount(2, self::ordersWith($c, 'string'));
    }

    public function testOrdersCreateGoesTheSameWay(): void
    {
        $c = $this->client();
        Sandbox::orders()->fault('reset-after', 1, 'orders.create');
        $order = $c->ordersCreate($this->body());
        $this->assertStringStartsWith('elko-', $order['customerPo']);
        $this->assertCount(1, self::ordersWith($c, $order['customerPo']));
    }

    public function testDryRunRefusesAndLeavesNoEntry(): void
    {
        $c = $this->client([], ['dry_run' => true]);
        try {
            $c->placeOrder($this->body());
            $this->fail('no exception');
        } catch (Exception\WriteRefusedException $e) {
            $this->assertStringStartsWith('elko-', (string) $e->getReference());
        }
        $this->assertSame(0, $c->ordersPending()['count']);
    }

    public function testDefiniteRefusalCarriesTheReference(): void
    {
        $c = $this->client();
        try {
            $c->placeOrder(['lines' => [['elkoCode' => $this->code(), 'quantity' => 0]]]);
            $this->fail('no exception');
        } catch (Exception\BadRequestException $e) {
            $this->assertSame(400, $e->getHttpStatus());
            $this->assertStringStartsWith('elko-', (string) $e->getReference());
            $this->assertSame([], self::ordersWith($c, (string) $e->getReference()));
        }
        $this->assertSame(0, $c->ordersPending()['count']);
    }

    public function testUncertainThenReconciledPlaced(): void
    {
        $s = Sandbox::orders();
        $s->fault('reset', 10000, 'orders.list'); // the look-ups fail too
        $s->fault('reset-after', 1, 'orders.create');
        try {
            $this->client([], ['timeout_ms' => 1500])->placeOrder($this->body());
            $this->fail('no exception');
        } catch (Exception\UncertainException $e) {
            $this->assertSame(-14, $e->getCode());
            $this->assertSame('orders.create', $e->getOperation());
            $ref = (string) $e->getReference();
            $this->assertStringStartsWith('elko-', $ref);
        }
        $s->clearFaults();

        $c = $this->client(); // a later client of the same token and state directory
        $pending = $c->ordersPending();
        $this->assertSame(1, $pending['count']);
        $this->assertSame($ref, $pending['entries'][0]['reference']);
        $this->assertSame('open', $pending['entries'][0]['state']);

        $report = $c->ordersReconcile();
        $this->assertSame(1, $report['placed']);
        $this->assertSame(0, $report['still_uncertain']);
        $this->assertSame('placed', $report['entries'][0]['outcome']);
        $listed = self::ordersWith($c, $ref);
        $this->assertCount(1, $listed);
        $this->assertSame($listed[0]['orderId'], $report['entries'][0]['order']['orderId']);
        $this->assertSame(0, $c->ordersPending()['count']);
        $this->assertSame([], $c->ordersReconcile()['entries']);
    }

    private function removeTree(string $dir): void
    {
        if (!is_dir($dir)) {
            return;
        }
        $it = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS),
            \RecursiveIteratorIterator::CHILD_FIRST);
        foreach ($it as $f) {
            $f->isDir() && !$f->isLink() ? rmdir($f->getPathname()) : unlink($f->getPathname());
        }
        rmdir($dir);
    }
}
