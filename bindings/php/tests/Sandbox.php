<?php
declare(strict_types=1);

namespace Elko\Tests;

/** A running `elko sandbox` (one per configuration per test run). */
final class Sandbox
{
    /** Client options for tests: the client's own limiter out of the way, no retries, no log noise. */
    public const FAST = ['rate_limit' => ['requests' => 100000, 'margin' => 0], 'retries' => ['max' => 0], 'log_level' => 'off'];

    /** @var array<string, self> */
    private static array $running = [];

    public readonly string $url;
    public readonly string $token;
    public readonly string $admin;
    /** @var resource */
    private $proc;
    private string $configFile;

    /** @param array<string, mixed> $config */
    private function __construct(array $config)
    {
        $bin = getenv('ELKO_BIN') ?: dirname(__DIR__, 3) . '/.build/debug/elko';
        if (!is_executable($bin)) {
            throw new \RuntimeException("no elko binary at $bin: run `swift build --product elko`");
        }
        $this->configFile = tempnam(sys_get_temp_dir(), 'elko-sandbox-') . '.json';
        file_put_contents($this->configFile, json_encode($config));
        $cmd = [$bin, 'sandbox', '--port', '0', '--admin', '--config', $this->configFile];
        $this->proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => STDERR], $pipes);
        $line = fgets($pipes[1]);
        if ($line === false) {
            throw new \RuntimeException('the sandbox exited before printing its address');
        }
        $info = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        $this->url = $info['url'];
        $this->token = $info['token'];
        $this->admin = $info['admin'];
    }

    /** A sandbox whose rate limit does not get in the way of a test suite. */
    public static function main(): self
    {
        self::stopAtExit();
        return self::$running['main'] ??= new self(['rateLimit' => ['requests' => 1000000]]);
    }

    /** ELKO's rules, but only 3 requests per window before the one-minute block. */
    public static function limited(): self
    {
        self::stopAtExit();
        return self::$running['limited'] ??= new self(['rateLimit' => ['requests' => 3, 'windowSeconds' => 10, 'blockSeconds' => 60]]);
    }

    /** A hundredth of real time (hang-after=100000 holds an answer one second), no rate limit in the way. */
    public static function orders(): self
    {
        self::stopAtExit();
        return self::$running['orders'] ??= new self(['rateLimit' => ['requests' => 1000000], 'timeScale' => 0.01]);
    }

    /** Stops every sandbox when PHP exits, even after a fatal error (destructors do not run then). */
    private static function stopAtExit(): void
    {
        static $registered = false;
        if (!$registered) {
            $registered = true;
            register_shutdown_function(static function (): void {
                foreach (self::$running as $s) {
                    $s->stop();
                }
                self::$running = [];
            });
        }
    }

    /** A call to the admin API; returns the decoded answer. */
    public function adminCall(string $method, string $path, ?array $body = null): mixed
    {
        $ctx = stream_context_create(['http' => [
            'method' => $method, 'header' => "Content-Type: application/json\r\n",
            'content' => $body === null ? '' : json_encode($body), 'ignore_errors' => true, 'timeout' => 30,
        ]]);
        $raw = file_get_contents($this->admin . $path, false, $ctx);
        $status = (int) (explode(' ', $http_response_header[0] ?? '')[1] ?? 0);
        if ($raw === false || $status >= 400) {
            throw new \RuntimeException("sandbox admin $method $path: HTTP $status: " . ($raw === false ? 'no answer' : $raw));
        }
        return $raw === '' ? null : json_decode($raw, true);
    }

    /** A new company allowed from $allowList; returns its token. */
    public function company(string $accountNo, array $allowList = ['127.0.0.1', '::1']): string
    {
        return $this->adminCall('POST', '/companies', [
            'accountNo' => $accountNo, 'name' => "Test $accountNo", 'username' => "u$accountNo",
            'password' => "p$accountNo", 'allowList' => $allowList,
        ])['token'];
    }

    /** Faults for the next $count requests (of $operation only, e.g. "orders.create", when given). */
    public function fault(string $fault, int $count = 1, ?string $operation = null): void
    {
        $this->adminCall('POST', '/faults', ['fault' => $fault, 'count' => $count]
            + ($operation === null ? [] : ['operation' => $operation]));
    }

    /** Clears every pending fault. */
    public function clearFaults(): void
    {
        $this->adminCall('DELETE', '/faults');
    }

    public function stop(): void
    {
        if (is_resource($this->proc)) {
            proc_terminate($this->proc);
            proc_close($this->proc);
        }
        @unlink($this->configFile);
    }

    public function __destruct()
    {
        $this->stop();
    }
}
