<?php
declare(strict_types=1);

namespace Elko;

use Elko\Exception\ClientClosedException;
use Elko\Exception\ElkoErrorException;
use Elko\Exception\InvalidArgumentException;
use FFI;
use FFI\CData;

/**
 * A client of one ELKO account, backed by libelko (PHP FFI).
 *
 *     $elko = new Elko\Client(baseUrl: getenv('ELKO_URL'), token: getenv('ELKO_TOKEN'));
 *     foreach ($elko->catalogProducts(catalog: ['CPU']) as $product) { ... }   // streamed
 *
 * Give $baseUrl or $region ("ua" or "api"); $token (with or without "Bearer "), else libelko reads
 * ELKO_TOKEN. $options are further libelko client options (include/elko.h, elko_client_new):
 * connect_timeout_ms, timeout_ms, format, user_agent_app, paths, rate_limit, retries, log_level, log,
 * log_file, dry_run...; unknown ones throw InvalidArgumentException. Nothing is sent until the first
 * call. Every native allocation is freed before the call returns, by close() or by the destructor.
 */
final class Client
{
    use Operations;

    private FFI $ffi;
    private ?CData $handle = null;
    private bool $xml;
    /** @var array<int, IteratorHandle> open streams, freed by close() */
    private array $iterators = [];
    private mixed $logCallback = null;

    /**
     * @param array<string, mixed> $options further libelko client options
     * @throws Exception\ElkoException
     */
    public function __construct(
        ?string $baseUrl = null,
        #[\SensitiveParameter] ?string $token = null,
        ?string $region = null,
        ?string $dialect = null,
        array $options = [],
    ) {
        $this->ffi = Native::ffi();
        $doc = ['version' => 1];
        foreach (['base_url' => $baseUrl, 'region' => $region, 'token' => $token, 'dialect' => $dialect] as $k => $v) {
            if ($v !== null) {
                $doc[$k] = $v;
            }
        }
        $doc = $options + $doc;
        $this->xml = ($doc['format'] ?? 'json') === 'xml';
        $json = self::encode($doc, 'options');
        $out = $this->ffi->new('elko_client*');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->elko_client_new($json, strlen($json), FFI::addr($out), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        $this->handle = $out;
    }

    /** Frees the native client and any stream still open. Calling it again does nothing. */
    public function close(): void
    {
        foreach ($this->iterators as $h) {
            $h->free($this->ffi);
        }
        $this->iterators = [];
        if ($this->handle !== null) {
            $this->ffi->elko_client_free($this->handle);
            $this->handle = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }

    /** True after close(). */
    public function isClosed(): bool
    {
        return $this->handle === null;
    }

    /** The version of the loaded libelko (elko_version()), e.g. "0.1.0". */
    public static function libraryVersion(): string
    {
        return (string) Native::ffi()->elko_version();
    }

    /**
     * Calls an ELKO operation by name ("catalog.products", "orders.create", ... — `elko operations` lists
     * them) and returns the decoded JSON answer (arrays; a string for a client with format "xml").
     *
     * @param array<string, mixed> $params each path or query parameter by its ELKO name (lists as
     *                                     arrays, e.g. ['elkoCode' => ['1435774']]), and 'body'
     * @throws Exception\ElkoException
     */
    public function call(string $operation, array $params = []): mixed
    {
        $text = $this->callRaw($operation, $params);
        return $this->xml ? $text : self::decode($text);
    }

    /**
     * Like call(), but returns ELKO's answer as text, undecoded.
     *
     * @param array<string, mixed> $params
     * @throws Exception\ElkoException
     */
    public function callRaw(string $operation, array $params = []): string
    {
        $handle = $this->handle();
        $json = $params === [] ? null : self::encode($params, 'params', $operation);
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->elko_call($handle, $operation, $json, $json === null ? 0 : strlen($json),
            FFI::addr($out), FFI::addr($len), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        return $this->take($out, $len);
    }

    /**
     * The items of a list operation's array as a generator, streamed: libelko splits ELKO's array as
     * the bytes arrive and each item is json_decode'd when taken, so memory stays bounded by the largest
     * item. The request is sent now (HTTP errors are thrown here, not at the first iteration); network
     * errors in the middle are thrown by the generator after the items that arrived. Abandoning the
     * generator (or close()) aborts the transfer.
     *
     * @param array<string, mixed> $params
     * @return \Generator<int, mixed>
     * @throws Exception\ElkoException
     */
    public function iterate(string $operation, array $params = []): \Generator
    {
        $handle = $this->handle();
        $json = $params === [] ? null : self::encode($params, 'params', $operation);
        $out = $this->ffi->new('elko_iter*');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->elko_iter_new($handle, $operation, $json, $json === null ? 0 : strlen($json),
            FFI::addr($out), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        $h = new IteratorHandle($out);
        $this->iterators[spl_object_id($h)] = $h;
        return $this->drain($h);
    }

    /** @return \Generator<int, mixed> */
    private function drain(IteratorHandle $h): \Generator
    {
        try {
            $item = $this->ffi->new('const char*');
            $len = $this->ffi->new('size_t');
            $err = $this->ffi->new('elko_error*');
            while (true) {
                if ($h->it === null) {
                    throw new ClientClosedException('the Elko\Client of this generator is closed');
                }
                $status = $this->ffi->elko_iter_next($h->it, FFI::addr($item), FFI::addr($len), FFI::addr($err));
                if ($status === 1) {
                    // The item's text belongs to the iterator until the next call: copy it now.
                    yield self::decode(FFI::string($item, $len->cdata));
                    continue;
                }
                if ($status === 0) {
                    return;
                }
                $this->throwError($status, $err);
            }
        } finally {
            $h->free($this->ffi);
            unset($this->iterators[spl_object_id($h)]);
        }
    }

    /**
     * A raw request for what the operation table lacks: $method GET/POST/PUT/DELETE, $path starting with
     * "/" (percent-encoded, appended to the base URL), $query as an array (encoded here) or text, $body
     * any JSON value (null: no body). Returns the decoded JSON answer, or the text when it is not JSON
     * (null when empty).
     *
     * @param array<string, mixed>|string|null $query
     * @throws Exception\ElkoException
     */
    public function request(string $method, string $path, array|string|null $query = null, mixed $body = null): mixed
    {
        $handle = $this->handle();
        if (is_array($query)) {
            $query = http_build_query($query, '', '&', PHP_QUERY_RFC3986);
        }
        $json = $body === null ? null : self::encode($body, 'body');
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->elko_request($handle, $method, $path, $query, $json, $json === null ? 0 : strlen($json),
            FFI::addr($out), FFI::addr($len), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        $text = $this->take($out, $len);
        if ($text === '') {
            return null;
        }
        try {
            return json_decode($text, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
        } catch (\JsonException) {
            return $text;
        }
    }

    /**
     * Sends the client's log lines (at or below its "log_level" option) to $callback(int $level, string
     * $line) instead of stderr or "log_file"; null restores that sink. The callback runs during the call
     * being logged, on the same thread; it must not use this client. Exceptions it throws are turned
     * into warnings (PHP cannot unwind through the library).
     *
     * @param null|callable(int, string): void $callback
     */
    public function setLogCallback(?callable $callback): void
    {
        $handle = $this->handle();
        // FFI hands `const char *line` over as a PHP string already. An exception must not cross back
        // into the library (PHP aborts with a fatal error): it is reported as a warning instead.
        $fn = $callback === null ? null : static function ($user, int $level, ?string $line, int $len) use ($callback): void {
            try {
                $callback($level, $line === null ? '' : substr($line, 0, $len));
            } catch (\Throwable $e) {
                trigger_error('Elko log callback threw ' . get_class($e) . ': ' . $e->getMessage(), E_USER_WARNING);
            }
        };
        $status = $this->ffi->elko_client_set_log_callback($handle, $fn, null);
        if ($status !== 0) {
            throw new InvalidArgumentException('elko_client_set_log_callback failed');
        }
        $this->logCallback = $fn; // kept alive while the library may call it
    }

    private function handle(): CData
    {
        if ($this->handle === null) {
            throw new ClientClosedException('the Elko\Client is closed; create a new one');
        }
        return $this->handle;
    }

    /** Copies text the library allocated, then frees it. */
    private function take(CData $out, CData $len): string
    {
        if (FFI::isNull($out)) {
            return '';
        }
        try {
            return FFI::string($out, $len->cdata);
        } finally {
            $this->ffi->elko_string_free($out);
        }
    }

    /** @throws ElkoErrorException always: the exception of the error, which is freed */
    private function throwError(int $status, CData $err): never
    {
        if (FFI::isNull($err)) {
            $class = ElkoErrorException::classFor($status);
            throw new $class((string) $this->ffi->elko_strerror($status));
        }
        try {
            $code = $this->ffi->elko_error_code($err);
            $class = ElkoErrorException::classFor($code);
            $e = new $class(
                (string) $this->ffi->elko_error_message($err),
                $this->ffi->elko_error_http_status($err),
                $this->ffi->elko_error_body($err),
                $this->ffi->elko_error_operation($err),
                (int) $this->ffi->elko_error_retry_after_ms($err),
            );
        } finally {
            $this->ffi->elko_error_free($err);
        }
        throw $e;
    }

    private static function encode(mixed $value, string $what, ?string $operation = null): string
    {
        try {
            return json_encode($value, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
                | JSON_PRESERVE_ZERO_FRACTION);
        } catch (\JsonException $e) {
            throw new InvalidArgumentException("$what cannot be sent as JSON: " . $e->getMessage()
                . ($e->getCode() === JSON_ERROR_UTF8 ? ' (strings must be valid UTF-8)' : ''), 0, null, $operation);
        }
    }

    private static function decode(string $text): mixed
    {
        return json_decode($text, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
    }
}
