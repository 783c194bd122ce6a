<?php
declare(strict_types=1);

namespace Elko\Tests;

use Elko\Client;
use Elko\Exception;
use PHPUnit\Framework\TestCase;

/** Every exception class, provoked against the sandbox (or a loopback server answering HTML). */
final class ErrorsTest extends TestCase
{
    private static function client(?string $token = null, array $options = [], ?Sandbox $s = null): Client
    {
        $s ??= Sandbox::main();
        return new Client(baseUrl: $s->url, token: $token ?? $s->token, options: $options + Sandbox::FAST);
    }

    public function testClassTree(): void
    {
        for ($code = -1; $code >= -14; $code--) {
            $class = Exception\ElkoErrorException::classFor($code);
            $e = new $class('m');
            $this->assertInstanceOf(Exception\ElkoException::class, $e);
            $this->assertSame($code, $e->getCode());
            $this->assertNull($e->getReference());
        }
        $this->assertSame(Exception\UncertainException::class, Exception\ElkoErrorException::classFor(-14));
        $this->assertInstanceOf(Exception\ElkoException::class, new Exception\LibraryException('x'));
        $this->assertInstanceOf(Exception\InvalidArgumentException::class, new Exception\ClientClosedException('x'));
    }

    public function testBadRequestCarriesElkosMessage(): void
    {
        try {
            self::client()->ordersCreate(['currency' => 'USD']);
            $this->fail('no exception');
        } catch (Exception\BadRequestException $e) {
            $this->assertSame(400, $e->getHttpStatus());
            $this->assertSame('The Lines field is required.', $e->getElkoMessage());
            $this->assertSame('orders.create', $e->getOperation());
        }
    }

    public function testUnauthorized(): void
    {
        try {
            self::client('Bearer eyJhbGciOiJIUzI1NiJ9.e30.nope')->accountGet();
            $this->fail('no exception');
        } catch (Exception\UnauthorizedException $e) {
            $this->assertSame(403, $e->getHttpStatus());
            $this->assertStringNotContainsString('eyJhbGciOiJIUzI1NiJ9', $e->getMessage());
        }
    }

    public function testForbiddenIp(): void
    {
        $token = Sandbox::main()->company('700301', ['10.9.8.7']);
        try {
            self::client($token)->accountGet();
            $this->fail('no exception');
        } catch (Exception\ForbiddenException $e) {
            $this->assertSame(403, $e->getHttpStatus());
            $this->assertStringContainsString('IP', (string) $e->getBody());
            $this->assertStringNotContainsString($token, $e->getMessage());
        }
    }

    public function testRateLimitedByElko(): void
    {
        $c = self::client(null, [], Sandbox::limited());
        try {
            for ($i = 0; $i < 10; $i++) {
                $c->call('catalog.vendors');
            }
            $this->fail('no exception');
        } catch (Exception\RateLimitedException $e) {
            $this->assertSame(403, $e->getHttpStatus());
            $this->assertGreaterThan(0, $e->getRetryAfterSeconds());
            $this->assertStringContainsString('limit', (string) $e->getBody());
        }
    }

    public function testRateLimitedByTheClientItself(): void
    {
        $token = Sandbox::main()->company('700302');
        $c = new Client(baseUrl: Sandbox::main()->url, token: $token,
            options: ['log_level' => 'off', 'rate_limit' => ['requests' => 3, 'margin' => 0, 'window_ms' => 60000]]);
        try {
            for ($i = 0; $i < 10; $i++) {
                $c->call('catalog.vendors');
            }
            $this->fail('no exception');
        } catch (Exception\RateLimitedException $e) {
            $this->assertSame(0, $e->getHttpStatus());
            $this->assertGreaterThan(0, $e->getRetryAfterSeconds());
            $this->assertLessThanOrEqual(60, $e->getRetryAfterSeconds());
            $this->assertStringContainsString('nothing was sent', $e->getMessage());
        }
    }

    public function testNotFound(): void
    {
        $this->expectException(Exception\NotFoundException::class);
        self::client()->ordersGet(999999999);
    }

    public function testMethodNotAllowed(): void
    {
        try {
            self::client()->request('DELETE', '/v3.0/api/Catalog/Vendors');
            $this->fail('no exception');
        } catch (Exception\MethodNotAllowedException $e) {
            $this->assertSame(405, $e->getHttpStatus());
        }
    }

    public function testServerError(): void
    {
        $c = self::client();
        Sandbox::main()->fault('error500');
        try {
            $c->call('catalog.vendors');
            $this->fail('no exception');
        } catch (Exception\ServerException $e) {
            $this->assertSame(500, $e->getHttpStatus());
            $this->assertSame('Something went wrong.', $e->getBody());
        }
        $this->assertNotEmpty($c->call('catalog.vendors'));
    }

    public function testNetworkError(): void
    {
        $c = new Client(baseUrl: 'http://127.0.0.1:1', token: 't', options: Sandbox::FAST);
        try {
            $c->accountGet();
            $this->fail('no exception');
        } catch (Exception\NetworkException $e) {
            $this->assertSame(0, $e->getHttpStatus());
        }
    }

    public function testTimeout(): void
    {
        $c = self::client(null, ['timeout_ms' => 300]);
        Sandbox::main()->fault('latency=3000');
        $this->expectException(Exception\TimeoutException::class);
        $c->call('catalog.vendors');
    }

    public function testProtocolError(): void
    {
        // PHP's built-in server answering HTML with 200, as a proxy's error page would.
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($sock, false), ':'), 1);
        fclose($sock);
        $router = tempnam(sys_get_temp_dir(), 'elko-html-') . '.php';
        file_put_contents($router, '<?php header("Content-Type: text/html"); echo "<html>Service Unavailable</html>";');
        $proc = proc_open([PHP_BINARY, '-S', "127.0.0.1:$port", $router], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        try {
            for ($i = 0; $i < 50 && !@fsockopen('127.0.0.1', $port); $i++) {
                usleep(100000);
            }
            $c = new Client(baseUrl: "http://127.0.0.1:$port", token: 't', options: Sandbox::FAST);
            try {
                $c->call('catalog.vendors');
                $this->fail('no exception');
            } catch (Exception\ProtocolException $e) {
                $this->assertSame(200, $e->getHttpStatus());
            }
        } finally {
            proc_terminate($proc);
            proc_close($proc);
            unlink($router);
        }
    }

    public function testWriteRefusedInDryRun(): void
    {
        $c = self::client(null, ['dry_run' => true]);
        $this->assertNotEmpty($c->call('catalog.vendors'));
        try {
            $c->ordersCreate(['lines' => [['elkoCode' => '1', 'quantity' => 1]]]);
            $this->fail('no exception');
        } catch (Exception\WriteRefusedException $e) {
            $this->assertStringContainsString('POST', $e->getMessage());
        }
    }

    public function testInternalExceptionClass(): void
    {
        $e = new Exception\InternalException('out of memory');
        $this->assertSame(-13, $e->getCode());
        $this->assertSame(0, $e->getRetryAfterMs());
    }
}
