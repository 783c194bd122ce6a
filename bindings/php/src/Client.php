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
 * log_file, dry_run, state_dir, orders (exactly-once orders: see placeOrder())...; unknown ones throw
 * InvalidArgumentException. Nothing is sent until the first call. Every native allocation is freed
 * before the call returns, by close() or by the destructor.
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
     * the bytes arrive and hands the items over in batches (elko_iter_next_batch: one JSON array text of
     * up to $batchItems items or about $batchBytes bytes, decoded with one json_decode), so memory stays
     * bounded by one batch, not by the answer, and the FFI call cost is paid once per batch. 0 lifts
     * either limit (not both). The request is sent now (HTTP errors are thrown here, not at the first
     * iteration); network errors in the middle are thrown by the generator after the items that
     * arrived. Abandoning the generator (or close()) aborts the transfer.
     *
     * @param array<string, mixed> $params
     * @return \Generator<int, mixed>
     * @throws Exception\ElkoException
     */
    public function iterate(string $operation, array $params = [], int $batchItems = 1000,
        int $batchBytes = 262144): \Generator
    {
        $handle = $this->handle();
        if ($batchItems < 0 || $batchBytes < 0 || ($batchItems === 0 && $batchBytes === 0)) {
            throw new InvalidArgumentException('batchItems and batchBytes must be >= 0, not both 0', 0, null, $operation);
        }
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
        return $this->drain($h, $batchItems, $batchBytes);
    }

    /** @return \Generator<int, mixed> */
    private function drain(IteratorHandle $h, int $batchItems, int $batchBytes): \Generator
    {
        try {
            $text = $this->ffi->new('char*');
            $len = $this->ffi->new('size_t');
            $count = $this->ffi->new('size_t');
            $err = $this->ffi->new('elko_error*');
            $pText = FFI::addr($text);
            $pLen = FFI::addr($len);
            $pCount = FFI::addr($count);
            $pErr = FFI::addr($err);
            $key = 0;
            while (true) {
                if ($h->it === null) {
                    throw new ClientClosedException('the Elko\Client of this generator is closed');
                }
                $status = $this->ffi->elko_iter_next_batch($h->it, $batchItems, $batchBytes, $pText, $pLen, $pCount, $pErr);
                if ($status === 1) {
                    $items = self::decode($this->take($text, $len));
                    foreach ($items as $item) {
                        if ($h->it === null) { // the client was closed: the rest of the batch is dropped
                            throw new ClientClosedException('the Elko\Client of this generator is closed');
                        }
                        yield $key++ => $item;
                    }
                    unset($items, $item);
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
     * Writes an operation's answer to the file $path (elko_download): the bytes go to a temporary file in
     * the same directory, which is fsync'd and renamed over $path once the answer is complete; on any
     * error the temporary file is removed and $path is left untouched. Memory stays bounded (the full
     * catalog is never held, whatever memory_limit is). Returns the number of bytes written.
     *
     * @param array<string, mixed> $params
     * @throws Exception\ElkoException (InvalidArgumentException for a path whose directory cannot take a
     *                                  new file)
     */
    public function download(string $operation, array $params, string $path): int
    {
        $handle = $this->handle();
        if ($path === '') {
            throw new InvalidArgumentException('download: path is empty', 0, null, $operation);
        }
        $json = $params === [] ? null : self::encode($params, 'params', $operation);
        $written = $this->ffi->new('uint64_t');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->elko_download($handle, $operation, $json, $json === null ? 0 : strlen($json), $path,
            FFI::addr($written), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        return (int) $written->cdata;
    }

    /**
     * Fetches "catalog.description", "catalog.media" or "catalog.availability" for any number of ELKO
     * codes (elko_batch): duplicates dropped, split into comma batches of at most $batchSize codes, each
     * paced by the client's rate limiter (waiting for a slot up to the larger of its rate_limit wait_ms
     * and window_ms, never sending into ELKO's limit), items merged in the order the codes were given.
     * $params are the operation's other parameters (['lang' => 'UA'], ['type' => 'AvailabilityPrice']).
     *
     * Order: items are placed by "productId" (nested descriptions, availability), else "elkoCode", else
     * "id" (media). Descriptions in the flat shape (older and UA dialects) name no product: their rows
     * keep ELKO's order within their batch (use $batchSize 1 to know which product they belong to).
     *
     * A batch that fails (after the client's retries) does not lose the others: it is listed in
     * BatchResult::$failed with its codes and exception. Throws only for invalid arguments.
     *
     * @param list<string|int> $codes
     * @param array<string, mixed> $params
     * @throws Exception\ElkoException
     */
    public function batch(string $operation, array $codes, array $params = [], int $batchSize = 50): BatchResult
    {
        $handle = $this->handle();
        if ($batchSize < 1) {
            throw new InvalidArgumentException('batch: batchSize must be >= 1', 0, null, $operation);
        }
        foreach ($codes as $code) {
            if (!is_string($code) && !is_int($code)) {
                throw new InvalidArgumentException('batch: every ELKO code must be a string or an int, not '
                    . get_debug_type($code), 0, null, $operation);
            }
        }
        $codesJson = self::encode(array_values($codes), 'codes', $operation);
        $json = $params === [] ? null : self::encode($params, 'params', $operation);
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->elko_batch($handle, $operation, $codesJson, strlen($codesJson), $json,
            $json === null ? 0 : strlen($json), $batchSize, FFI::addr($out), FFI::addr($len), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        $doc = self::decode($this->take($out, $len));
        $failed = [];
        foreach ($doc['failed'] as $f) {
            $class = ElkoErrorException::classFor($f['code']);
            $failed[] = ['codes' => $f['codes'], 'error' => new $class($f['message'], $f['http_status'], $f['body'],
                $operation, (int) $f['retry_after_ms'])];
        }
        return new BatchResult($doc['items'], $failed, $doc['batches']);
    }

    /**
     * batch('catalog.description', ...): descriptions of any number of codes (see batch()).
     *
     * @param list<string|int> $codes
     */
    public function descriptions(array $codes, ?string $lang = null, int $batchSize = 50): BatchResult
    {
        return $this->batch('catalog.description', $codes, $lang === null ? [] : ['lang' => $lang], $batchSize);
    }

    /**
     * batch('catalog.media', ...): media items (images) of any number of codes (see batch()).
     *
     * @param list<string|int> $codes
     */
    public function mediaItems(array $codes, int $batchSize = 50): BatchResult
    {
        return $this->batch('catalog.media', $codes, [], $batchSize);
    }

    /**
     * batch('catalog.availability', ...): stock and prices of any number of codes (see batch()); $type is
     * Availability, AvailabilityPrice, AvailabilityIncoming or AvailabilityIncomingPrice.
     *
     * @param list<string|int> $codes
     */
    public function availability(array $codes, string $type = 'AvailabilityPrice', int $batchSize = 50): BatchResult
    {
        return $this->batch('catalog.availability', $codes, ['type' => $type], $batchSize);
    }

    /**
     * Places an order exactly once (elko_orders_place) and says what happened. $body as ELKO takes it
     * ('lines' required); $operation is 'orders.create' or 'reservations.create'.
     *
     * The body carries a partner reference ('customerPo', or the client's "orders" reference_field):
     * yours, or one libelko adds ("elko-" + 22 random characters; with "auto_reference" false a body
     * without one is refused: its lost answer could never be looked up). Before the first byte is sent the
     * intent is written to the journal in the state directory. A lost answer (reset, timeout, 5xx) is not
     * sent again blindly: the reference is looked up in orders.list first, and the order is sent again
     * (same reference) only when it is still absent after the settle time.
     *
     * Returns the envelope: ['reference' => 'elko-...', 'reference_given' => false, 'outcome' => 'placed',
     * 'reconciled' => false, 'sends' => 1, 'intent' => '<journal entry id>', 'answer' => <ELKO's order>]
     * — 'reconciled' is true when the order was found by its reference after its answer was lost.
     *
     * @param array<string, mixed> $body
     * @return array<string, mixed>
     * @throws Exception\UncertainException when the outcome is still unknown at the end of the call's time
     *         (getReference() names it): do NOT place it again, call ordersReconcile() later
     * @throws Exception\ElkoException for a definite refusal (BadRequestException..., with getReference())
     *         and InvalidArgumentException before anything is sent
     */
    public function placeOrder(array $body, string $operation = 'orders.create'): array
    {
        $handle = $this->handle();
        $json = self::encode(['body' => self::object($body)], 'params', $operation);
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->elko_orders_place($handle, $operation, $json, strlen($json), FFI::addr($out),
            FFI::addr($len), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        return self::decode($this->take($out, $len));
    }

    /**
     * The open entries of this client's token in the order journal (elko_orders_pending), without sending
     * anything: ['entries' => [['intent', 'operation', 'reference', 'reference_given', 'created_ms',
     * 'sends', 'state' => 'open'|'in_progress'|'damaged', 'body', 'message'], ...], 'count' => n].
     * 'in_progress': a live process is placing it right now; 'damaged': an entry that cannot be read
     * ('message' says why; its file is left in place).
     *
     * @return array<string, mixed>
     * @throws Exception\ElkoException
     */
    public function ordersPending(): array
    {
        return $this->journalCall('elko_orders_pending');
    }

    /**
     * Resolves every open entry of this client's token that no live process is placing
     * (elko_orders_reconcile): each reference is looked up in orders.list (paced by the rate limiter), and
     * once more after the settle time when absent. Returns ['entries' => [['intent', 'operation',
     * 'reference', 'created_ms', 'sends', 'outcome' => 'placed'|'not_placed'|'still_uncertain'|
     * 'in_progress'|'damaged', 'order' => <ELKO's order, for placed> or null, 'message'], ...],
     * 'placed' => n, 'not_placed' => n, 'still_uncertain' => n, 'in_progress' => n, 'damaged' => n].
     *
     * placed and not_placed entries are closed; a not_placed order is never sent again automatically
     * (place a new one if it is still wanted). still_uncertain (a look-up failed), in_progress and damaged
     * entries stay open. Blocks while it looks entries up.
     *
     * @return array<string, mixed>
     * @throws Exception\ElkoException
     */
    public function ordersReconcile(): array
    {
        return $this->journalCall('elko_orders_reconcile');
    }

    /** @return array<string, mixed> */
    private function journalCall(string $function): array
    {
        $handle = $this->handle();
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $err = $this->ffi->new('elko_error*');
        $status = $this->ffi->$function($handle, FFI::addr($out), FFI::addr($len), FFI::addr($err));
        if ($status !== 0) {
            $this->throwError($status, $err);
        }
        return self::decode($this->take($out, $len));
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
                reference: $this->ffi->elko_error_reference($err),
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
