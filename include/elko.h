/*
 * elko.h — the C ABI of libelko, a client for the ELKO eCommerce API v3.
 *
 * This header is the contract. It is written by hand and holds no macros that bindings need, no inline
 * functions, no varargs and no structs passed by value, so that PHP FFI (which reads a flattened copy
 * of it) and ctypes can use every declaration.
 *
 * Conventions
 *  - Fallible calls return an elko_status: ELKO_OK (0) or a negative code. Out-parameters come first,
 *    `elko_error **err` last. `err` may be NULL; otherwise `*err` is always written: NULL on success,
 *    a new elko_error on failure, which the caller frees with elko_error_free(). Out-parameters are
 *    set to NULL/0 on entry and only filled on success.
 *  - Strings go in and out as UTF-8. Inputs with a length need no NUL terminator; `const char *`
 *    inputs without a length are NUL-terminated. Text returned through `char **` is malloc'd by the
 *    library, NUL-terminated (its length is given too) and must be freed with elko_string_free() —
 *    never with the host's free().
 *  - The library starts no threads (fork-safe). Its one callback, the log callback
 *    (elko_client_set_log_callback()), is called only on the caller's own thread, during the call.
 *  - Calls block until ELKO answers or a timeout passes.
 */
#ifndef ELKO_H
#define ELKO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Status codes. 0 is success, errors are negative. Append-only: codes are never renumbered or reused,
 * so bindings can map them to exception classes once.
 */
typedef enum elko_status {
    ELKO_OK = 0,
    /* The caller's input is wrong: a NULL pointer, invalid UTF-8, malformed JSON, an unknown option,
     * operation or parameter, a parameter of the wrong type, a missing required parameter. */
    ELKO_E_INVALID_ARGUMENT = -1,
    /* ELKO answered 400; its plain-text message is in elko_error_body(). */
    ELKO_E_BAD_REQUEST = -2,
    /* 401, or a 403 with an empty body: the token is missing, invalid or deactivated. */
    ELKO_E_UNAUTHORIZED = -3,
    /* 403 with a body that is not a rate-limit block: typically the caller's IP is not allow-listed. */
    ELKO_E_FORBIDDEN = -4,
    /* 403 (or 429) because ELKO's request limit was exceeded; wait elko_error_retry_after_ms(). */
    ELKO_E_RATE_LIMITED = -5,
    /* 404. */
    ELKO_E_NOT_FOUND = -6,
    /* 405: the path exists but not for this method. */
    ELKO_E_METHOD_NOT_ALLOWED = -7,
    /* 5xx. */
    ELKO_E_SERVER = -8,
    /* No HTTP answer: connection refused or reset, DNS, TLS, a body cut short. */
    ELKO_E_NETWORK = -9,
    /* The connect timeout or the total timeout passed. */
    ELKO_E_TIMEOUT = -10,
    /* The answer is not what the operation answers (not JSON where JSON is expected) or has an
     * unexpected HTTP status. */
    ELKO_E_PROTOCOL = -11,
    /* A write was refused because the client is in dry-run mode ("dry_run": true); nothing was sent. */
    ELKO_E_WRITE_REFUSED = -12,
    /* A failure inside the library: out of memory, libcurl could not be initialised. */
    ELKO_E_INTERNAL = -13,
    /* An order (orders.create) or reservation (reservations.create) may or may not have been placed:
     * its answer was lost (a reset, a timeout, a 5xx after ELKO may have acted) and the look-ups of its
     * reference could not settle the outcome within the call's time. elko_error_reference() gives the
     * reference; the intent stays in the journal. Do NOT send the order again: elko_orders_reconcile()
     * resolves it (placed or not placed) later, in this process or any other. */
    ELKO_E_UNCERTAIN = -14
} elko_status;

/* A client of one ELKO account. Thread-safe: one client may be used by several threads at once (each
 * thread sends on its own connection). Create with elko_client_new(), free with elko_client_free(). */
typedef struct elko_client elko_client;

/* An owned error: code, HTTP status, message, ELKO's body, retry-after, operation. Immutable; belongs to
 * the thread that received it (it may be handed to another thread, but not used by two at once).
 * Free with elko_error_free(). It never contains the token. */
typedef struct elko_error elko_error;

/* ---- Library -------------------------------------------------------------------------------------- */

/* The library version, e.g. "0.1.0". Static string: do not free. Thread-safe. Never fails. */
const char *elko_version(void);

/* The ABI number this library implements (1). Bindings compare it with the number they were written
 * for and refuse a mismatched library. Thread-safe. Never fails. */
int elko_abi_version(void);

/* A short English description of a status code ("unknown status code" for a code this library does
 * not know). Static string: do not free. Thread-safe. Never fails. */
const char *elko_strerror(int status);

/* ---- Client --------------------------------------------------------------------------------------- */

/*
 * Creates a client from options given as a JSON object of `len` bytes (UTF-8, no NUL needed), e.g.
 *   {"version": 1, "region": "ua", "token": "eyJ..."}
 * Keys: "version" (1, the default), "base_url" ("http(s)://host[:port][/prefix]") or "region" ("ua" =
 * https://uaapi.elko.cloud, "api" = https://api.elko.cloud) — exactly one is required; "dialect" ("api":
 * /v3.0/api/Catalog/..., "ua": /v3.0/Catalogs/...; default "ua" for region "ua", else "api"); "token"
 * (with or without "Bearer ") or "token_file" (a file holding the token), else the ELKO_TOKEN
 * environment variable; "connect_timeout_ms" (default 10000, 1..600000); "timeout_ms" (whole request,
 * default 600000, 1..86400000); "format" ("json", default, or "xml": answers are then XML text);
 * "user_agent_app" (appended to the User-Agent); "paths" ({"operation": "/path/{param}"}: per-operation
 * path templates replacing both dialects').
 *
 * Reliability (every sub-key optional; unknown sub-keys are ELKO_E_INVALID_ARGUMENT):
 *  - "rate_limit": {"requests": 50, "window_ms": 10000, "block_ms": 60000, "margin": 2, "wait_ms": 0,
 *                   "shared": true}
 *    The client's own sliding-window limiter, in front of every request (retries included): at most
 *    requests - margin requests in any window_ms (defaults: 48 per 10 s against ELKO's 50); a request's
 *    slot frees window_ms after its answer came (ELKO counted it on arrival, before that). After ELKO
 *    answers a request with its limit block (ELKO_E_RATE_LIMITED with an HTTP status), nothing is sent
 *    for block_ms (or ELKO's Retry-After). When no slot is free a call fails at once with
 *    ELKO_E_RATE_LIMITED, HTTP status 0, elko_error_retry_after_ms() = the time to wait and a message
 *    saying that nothing was sent — unless wait_ms > 0: then it waits for the slot (on the calling
 *    thread) if that takes at most wait_ms and ends before timeout_ms.
 *    Ranges: requests 1..100000, window_ms 1..3600000, block_ms 0..86400000, margin 0..requests-1,
 *    wait_ms 0..86400000.
 *    Rate limit, shared between processes: ELKO counts per account, so by default ("shared": true) the
 *    budget is shared by every client of the token in every process of the machine that can use the
 *    state directory — PHP-FPM workers, cron jobs, C programs — and a block that any of them meets
 *    stops them all until it has passed. The state is one small file per token, <state_dir>/<SHA-256 of
 *    the token in hex>.ratelimit (never the token), read and rewritten under flock() for each request
 *    (no lock is held between calls or across a send; fork() is safe; a process killed while holding
 *    the lock releases it; a damaged file is rebuilt as a full window — one window of waiting, never a
 *    403 — with a warning in the log). Times are wall-clock: a clock set back stretches neither a window
 *    nor a block. "shared": false keeps the budget in the process (shared by its clients of the token).
 *  - "state_dir": "/path" — the directory of the shared budget (absolute; created with mode 0700 when
 *    missing). Default: the ELKO_STATE_DIR environment variable, else /tmp/elko-<uid> (one per user,
 *    whatever the process's environment; it must belong to the user and be writable by nobody else).
 *    Processes of different users, or of a service with a private /tmp (systemd PrivateTmp, containers),
 *    share a budget only through a state_dir they all can write: a group-writable directory works (the
 *    files are then made group-writable); a world-writable one without the sticky bit is refused. When
 *    the directory cannot be created or written the client logs one warning and falls back to the
 *    budget of its process. Per call: a call made with a wait bound of its own is a second client of
 *    the token with another wait_ms — clients are cheap and share the budget — or a fail-fast call
 *    retried after elko_error_retry_after_ms(), which is what the library does when it waits.
 *  - "retries": {"max": 2, "base_ms": 200, "max_ms": 5000}
 *    Idempotent requests only (operations the table marks idempotent; raw GET and DELETE) are sent again
 *    after a network error, a timeout or a 5xx, at most `max` times (0..10), after a random backoff in
 *    0..min(max_ms, base_ms * 2^(n-1)) ms (base_ms 1..60000, max_ms base_ms..600000), never beyond
 *    timeout_ms. Never a 400, 401, 403, 404, 405, a rate limit or a non-idempotent write.
 *  - "log_level": "off" | "error" | "warn" (default) | "info" (one line per request: operation, method,
 *    path, status, duration, attempt, limiter wait) | "debug".
 *  - "log": "stderr" (the default sink) or "log_file": "/path" (appended to; opened by elko_client_new,
 *    which fails when it cannot be opened). elko_client_set_log_callback() replaces the sink. The token
 *    never appears in a log line.
 *  - "dry_run": false (default) | true: every request but GET (writes, token.create included) is
 *    validated and not sent: ELKO_E_WRITE_REFUSED with a message naming the method and path.
 *  - "orders": {"reconcile": true, "reference_field": "customerPo", "match_field": "customerPo",
 *               "auto_reference": true, "reference_prefix": "elko-", "settle_ms": 2000,
 *               "attempt_timeout_ms": 60000}
 *    Exactly-once orders and reservations (see "Orders placed exactly once" below). "reference_field":
 *    where the partner's reference is read from and written to in the body of orders.create and
 *    reservations.create: "customerPo" (top level) or "enduser.customerPo" (both are seen in real
 *    clients). "match_field": where the reference is found in the items of orders.list and
 *    reservations.list when the outcome is looked up ("customerPo" or "enduser.customerPo"; an
 *    assumption about the real API: the sandbox returns customerPo at the top level). "auto_reference":
 *    add a reference when the body has none (reference_prefix + 22 random URL-safe characters;
 *    reference_prefix: 0..32 characters of A-Z a-z 0-9 - _; with auto_reference false, a body without
 *    a reference is refused). "settle_ms" (0..600000): how long a
 *    reference that was not found is given to appear before it is looked up once more (ELKO may still be
 *    processing the order). "attempt_timeout_ms" (1..86400000): how long one send waits for its answer,
 *    so that time is left in timeout_ms to look the outcome up. "reconcile": false turns all of it off
 *    (no journal, no look-ups, no resend: a lost answer is ELKO_E_NETWORK, ELKO_E_TIMEOUT or
 *    ELKO_E_SERVER, as for any write).
 *
 * On success *out receives a new client the caller frees with elko_client_free().
 * Errors: ELKO_E_INVALID_ARGUMENT for a NULL pointer, malformed JSON, invalid UTF-8, an unknown key (the
 * message names it), a bad value or a missing token (the token itself never appears in a message).
 * Nothing is sent over the network. Thread-safe.
 */
elko_status elko_client_new(const char *options_json, size_t len, elko_client **out, elko_error **err);

/* Frees a client. NULL is ignored. The client must not be in use by another thread. */
void elko_client_free(elko_client *client);

/* ---- Calls ---------------------------------------------------------------------------------------- */

/*
 * Calls an ELKO operation by name ("catalog.products", "orders.create", ... — `elko operations` lists
 * them) with parameters given as a JSON object of `len` bytes: each path or query parameter by name
 * (lists as arrays, e.g. {"elkoCode": ["1435774", "1435775"]}), and "body" (a JSON object or array) for
 * operations that send one (orders.create, orders.modify, reservations.create, token.create).
 * `params_json` may be NULL when `len` is 0 (no parameters).
 *
 * On success *out_json receives ELKO's answer as NUL-terminated text (JSON, or XML text for a client
 * with "format": "xml"; an empty answer is "null") and *out_len its length in bytes; free it with
 * elko_string_free().
 * Errors: ELKO_E_INVALID_ARGUMENT (NULL pointer, invalid UTF-8, malformed JSON, unknown operation or
 * parameter, wrong type, missing required parameter — nothing is sent), and for the answer
 * ELKO_E_BAD_REQUEST, ELKO_E_UNAUTHORIZED, ELKO_E_FORBIDDEN, ELKO_E_RATE_LIMITED, ELKO_E_NOT_FOUND,
 * ELKO_E_METHOD_NOT_ALLOWED, ELKO_E_SERVER, ELKO_E_NETWORK, ELKO_E_TIMEOUT, ELKO_E_PROTOCOL,
 * ELKO_E_INTERNAL. Thread-safe (a client may be shared). Blocks until the answer or a timeout.
 */
elko_status elko_call(elko_client *client, const char *operation, const char *params_json, size_t len,
                      char **out_json, size_t *out_len, elko_error **err);

/*
 * A raw request, for anything the operation table lacks: `method` is "GET", "POST", "PUT" or "DELETE";
 * `path` starts with "/" and is appended to the client's base URL as given (already percent-encoded,
 * e.g. "/v3.0/api/Catalog/Vendors"); `query` is the percent-encoded text after "?" or NULL; `body` is
 * JSON text of `body_len` bytes sent with Content-Type application/json, or NULL (body_len 0).
 *
 * On success (HTTP 2xx) *out_body receives the answer as sent (NUL-terminated; *out_len bytes) to free
 * with elko_string_free(). Errors as for elko_call() (a body that is not valid JSON is
 * ELKO_E_INVALID_ARGUMENT; the answer is not checked). Thread-safe. Blocks.
 */
elko_status elko_request(elko_client *client, const char *method, const char *path, const char *query,
                         const char *body, size_t body_len, char **out_body, size_t *out_len,
                         elko_error **err);

/* Frees text returned by elko_call() or elko_request(). NULL is ignored. Thread-safe. */
void elko_string_free(char *s);

/* ---- Errors --------------------------------------------------------------------------------------- */

/* The status code of the error (negative); ELKO_OK for NULL. */
elko_status elko_error_code(const elko_error *err);

/* The HTTP status ELKO answered with, or 0 when there was no HTTP answer (or err is NULL). */
int elko_error_http_status(const elko_error *err);

/* What failed and what to do next, in English (UTF-8). Owned by the error: valid until
 * elko_error_free(); do not free. Never NULL (a fixed text when err is NULL). */
const char *elko_error_message(const elko_error *err);

/* ELKO's answer body as text (ELKO's errors are plain text, e.g. "The Lines field is required."; at
 * most 64 KiB kept), or NULL when there was none. Owned by the error: do not free. */
const char *elko_error_body(const elko_error *err);

/* How long to send nothing, in milliseconds, for ELKO_E_RATE_LIMITED (from Retry-After, else ELKO's
 * one-minute block); 0 when not applicable or err is NULL. */
int64_t elko_error_retry_after_ms(const elko_error *err);

/* The operation that failed ("orders.create"), or NULL for raw requests, client creation and when the
 * operation name itself was the problem. Owned by the error: do not free. */
const char *elko_error_operation(const elko_error *err);

/* The partner's reference of the order or reservation the error is about (the body's customerPo,
 * given by the caller or added by the library: see "orders" in elko_client_new()), for every error of
 * orders.create and reservations.create that comes after the reference was known — ELKO_E_UNCERTAIN,
 * but also a definite refusal; NULL otherwise. Owned by the error: do not free. */
const char *elko_error_reference(const elko_error *err);

/* Frees an error. NULL is ignored. */
void elko_error_free(elko_error *err);

/* ---- Iterators (list operations, streamed) -------------------------------------------------------- */

/* A list operation streamed element by element: the answer's top-level JSON array is split as the bytes
 * arrive, so memory stays bounded by the largest element, not by the answer (the full catalog is one
 * array of 100+ MB). No thread is started: each elko_iter_next() drives the transfer on the calling
 * thread. An iterator belongs to one thread at a time (it may be handed to another thread between
 * calls, never used by two at once); the client it came from may be used meanwhile, also on the same
 * thread (a stream has its own connection). Create with elko_iter_new(), free with elko_iter_free(). */
typedef struct elko_iter elko_iter;

/*
 * Starts streaming a list operation ("catalog.products", "catalog.vendors", "orders.list", ... — those
 * `elko operations` marks "list") with parameters as for elko_call(). The request is sent and the status
 * line and headers are read before it returns, so HTTP errors come back here, mapped as elko_call() maps
 * them. The client's rate limiter admits the request like any other; streams are never retried.
 *
 * On success *out receives a new iterator; the client must outlive it.
 * Errors: ELKO_E_INVALID_ARGUMENT (NULL client, operation or out; invalid UTF-8; malformed params; an
 * unknown operation, one that does not answer a list, or a client with "format": "xml" — nothing is
 * sent), and for the answer ELKO_E_BAD_REQUEST, ELKO_E_UNAUTHORIZED, ELKO_E_FORBIDDEN,
 * ELKO_E_RATE_LIMITED, ELKO_E_NOT_FOUND, ELKO_E_METHOD_NOT_ALLOWED, ELKO_E_SERVER, ELKO_E_NETWORK,
 * ELKO_E_TIMEOUT, ELKO_E_PROTOCOL, ELKO_E_INTERNAL. Blocks until the headers arrive or a timeout passes.
 */
elko_status elko_iter_new(elko_client *client, const char *operation, const char *params_json, size_t len,
                          elko_iter **out, elko_error **err);

/*
 * The next element of the array. Returns 1 and points *item at the element's JSON text (an object, array,
 * string, number, true, false or null, exactly as ELKO sent it, surrounding whitespace trimmed) and
 * *item_len at its length in bytes. The text is NOT NUL-terminated and is owned by the iterator: it is
 * valid until the next elko_iter_next() or elko_iter_free() on this iterator — copy or parse it before.
 * Returns 0 at the end of the array; 0 again on every later call.
 * Returns a negative elko_status on error, with *err set as usual: ELKO_E_NETWORK (connection reset, a
 * body cut short), ELKO_E_TIMEOUT (the client's timeout_ms covers the whole transfer, including the time
 * the caller spends between calls), ELKO_E_PROTOCOL (the answer is not a JSON array; the message gives
 * the byte offset), ELKO_E_INVALID_ARGUMENT (NULL it, item or item_len: the iterator does not move).
 * Elements that arrived before a failure are handed out first. After an error every later call returns
 * the same error again (a new elko_error each time); the transfer is over.
 * On entry *item is set to NULL and *item_len to 0. Blocks until an element is complete.
 */
int elko_iter_next(elko_iter *it, const char **item, size_t *item_len, elko_error **err);

/* Frees an iterator; a transfer still in progress is aborted (its connection closed). NULL is ignored.
 * Element text obtained from it is invalid afterwards. */
void elko_iter_free(elko_iter *it);

/*
 * Several elements at once, as the text of one JSON array: "[elem,elem,...]" (each element exactly as
 * elko_iter_next() would hand it out, joined by ","), so that a host parses many elements with one call
 * of its own parser (json_decode, json.loads) and crosses the boundary once per batch, not per element.
 * The batch ends after `max_items` elements (0 = no limit on the count) or after the element that brings
 * its text to `max_bytes` bytes or more (0 = no limit on the size; a batch therefore exceeds max_bytes
 * by at most one element), or at the end of the array. Both 0 is ELKO_E_INVALID_ARGUMENT (the batch
 * would hold the whole answer). Memory: the batch plus the stream's own buffer.
 *
 * Returns 1 with *text pointing at the batch (malloc'd, NUL-terminated, *text_len bytes; free it with
 * elko_string_free(); it stays valid after later calls and after elko_iter_free()) and *count the
 * number of elements (at least 1). Returns 0 at the end of the array (nothing to free); 0 again on
 * every later call. Returns a negative elko_status on error as elko_iter_next() does; elements that
 * arrived before a failure are handed out first (a batch with the elements so far), the error comes with
 * the next call. elko_iter_next() and elko_iter_next_batch() may be mixed on one iterator.
 * On entry *text is set to NULL and *text_len and *count to 0. Blocks until the batch is complete.
 */
int elko_iter_next_batch(elko_iter *it, size_t max_items, size_t max_bytes, char **text, size_t *text_len,
                         size_t *count, elko_error **err);


/* ---- Batches and downloads ------------------------------------------------------------------------ */

/*
 * Downloads an operation's answer (any operation; parameters as for elko_call()) to the file `path`
 * (NUL-terminated UTF-8): the bytes are written as they arrive to a temporary file in the same directory
 * (".<name>.elko-<pid>-<random>.tmp"), which is fsync'd and renamed over `path` when the answer is
 * complete, so `path` always holds either its old content or a whole answer. On any error the temporary
 * file is removed and `path` is left untouched. Memory stays bounded by libcurl's receive buffer, not by
 * the answer (the full catalog is 100+ MB). The request goes through the rate limiter, dry run and
 * retries like elko_call() (a retried attempt starts from an empty temporary file). For a list
 * operation with the JSON format the answer must be a JSON array ("[" ... "]", checked, not parsed);
 * other answers are written as ELKO sent them (an empty answer gives an empty file).
 *
 * On success *bytes_written (may be NULL) receives the size of the file.
 * Errors: ELKO_E_INVALID_ARGUMENT (NULL client, operation or path; invalid UTF-8; malformed params; an
 * unknown operation; a path that is a directory or whose directory cannot take a new file — the
 * message gives strerror), the answer's errors as for elko_call(), ELKO_E_PROTOCOL (a list answer that
 * is not a JSON array), ELKO_E_INTERNAL (writing, fsync or closing the file failed, e.g. a full disk).
 * Thread-safe. Blocks until the whole answer is written or a timeout passes.
 */
elko_status elko_download(elko_client *client, const char *operation, const char *params_json, size_t len,
                          const char *path, uint64_t *bytes_written, elko_error **err);

/*
 * Fetches an operation that takes a comma list of ELKO codes — "catalog.description", "catalog.media"
 * or "catalog.availability" — for any number of codes. `codes_json` (`codes_len` bytes) is a JSON
 * array of codes (strings or integers); duplicates are dropped (the first occurrence is kept).
 * `params_json` (`params_len` bytes; NULL when 0) is a JSON object of the operation's other parameters
 * ({"lang": "UA"}, {"type": "AvailabilityPrice"}), without "elkoCodes". The codes are split into
 * batches of at most `batch_size` codes (0 = 50, the default; at most 1000), sent one after the other.
 *
 * Pacing: every batch goes through the client's rate limiter and waits for a slot (never sending into
 * ELKO's limit) up to the larger of the client's rate_limit.wait_ms and rate_limit.window_ms (the
 * longest a free slot takes unless ELKO blocked the token), within timeout_ms.
 *
 * Order: items are merged in the order the codes were given. An item is placed by its code:
 * "productId" (descriptions in the nested shape, availability), else "elkoCode", else "id" (media
 * items). Items naming none of them — descriptions in the flat shape of the older and UA dialects,
 * rows of {"criteria", "value", ...} that do not say which product they describe — keep ELKO's order
 * within their batch, after that batch's keyed items; batches follow the order of the codes. Use
 * batch_size 1 to know which product flat rows belong to.
 *
 * On success *out_json receives (free with elko_string_free(); *out_len bytes, NUL-terminated):
 *   {"items": [...every item of the batches that succeeded, as ELKO sent it...],
 *    "failed": [{"codes": ["1435774", ...], "code": -8, "error": "server_error", "http_status": 500,
 *                "message": "...", "body": "..." or null, "retry_after_ms": 0}, ...],
 *    "batches": <requests sent>}
 * One failing batch (after the client's retries) is listed in "failed" with its codes and error; the
 * other batches still run and their items are kept: ELKO_OK means the arguments were valid, not that
 * every batch succeeded — check "failed".
 * Errors: ELKO_E_INVALID_ARGUMENT (NULL pointers, invalid UTF-8, malformed JSON, codes that are not an
 * array of strings/integers, an empty code or one holding a comma, another operation, a bad batch_size,
 * "elkoCodes" in params — nothing is sent), ELKO_E_INTERNAL. Thread-safe. Blocks until every batch
 * has been answered.
 */
elko_status elko_batch(elko_client *client, const char *operation, const char *codes_json, size_t codes_len,
                       const char *params_json, size_t params_len, size_t batch_size, char **out_json,
                       size_t *out_len, elko_error **err);

/* ---- Orders placed exactly once ------------------------------------------------------------------ */

/*
 * ELKO's POST Orders has no idempotency key: when its answer is lost after ELKO took the order, sending
 * it again may buy twice and not sending it may never order. With "orders": {"reconcile": true} (the
 * default) every orders.create and reservations.create — through elko_call(), elko_orders_place() or any
 * binding — is placed this way:
 *  1. The body carries a partner reference at "reference_field" (the caller's, or one the library adds).
 *     A caller's reference is not trusted to be unique (Swagger's sample "string" is sent by real
 *     clients on every order; shops reuse order numbers): before the first send, one orders.list
 *     (reservations.list) records which orders already carry it, and those never count as this intent's.
 *     A generated reference needs no such look-up. When that look-up fails nothing is sent.
 *  2. An intent entry (reference, operation, body, time, sends, the orders that already carried the
 *     reference) is written to the journal and fsync'd before the first byte is sent: one file per intent
 *     in <state_dir>/<SHA-256 of the token>.orders/ (never the token), locked with flock() by the process
 *     that places it, so that many processes (PHP-FPM workers) share one journal — one per machine, or
 *     per state_dir shared by several machines over a file system with working flock(). It is closed (moved to
 *     closed/ with its outcome, kept 30 days) when the outcome is known.
 *  3. A definite answer is final at once: 2xx (placed), 400, 401, 403, 404, 405 (not placed). An
 *     ambiguous one — a reset or network error after the request may have reached ELKO, a timeout, a
 *     5xx, a 2xx that is not JSON — is looked up: the reference in orders.list (paced by the rate limiter
 *     like every request). Found, with the intent's lines (ELKO code and quantity of each line) → the
 *     call succeeds with that order (the log says it was reconciled). Not found → wait settle_ms, look
 *     once more, and only then send again, with the same reference — at most retries.max more sends,
 *     within timeout_ms. A found order whose lines differ from the intent's is never taken as a match
 *     (the log and the error say so).
 *     A look-up that fails (network, 5xx, rate limit) is tried again after a backoff until timeout_ms.
 *  4. When the outcome is still unknown at the end of the call's time: ELKO_E_UNCERTAIN, with the
 *     reference in elko_error_reference(); the entry stays open for elko_orders_reconcile(). An entry
 *     left by a process that was killed mid-call is resolved the same way.
 */

/*
 * Places an order (operation "orders.create") or a reservation ("reservations.create") as described
 * above, with parameters as for elko_call() ({"body": {...}}), and answers with what happened:
 *   {"reference": "elko-...", "reference_given": false, "outcome": "placed", "reconciled": false,
 *    "sends": 1, "intent": "<id of the journal entry>", "answer": <ELKO's answer: the order>}
 * ("reconciled": true when the order was found by its reference after its answer was lost; "intent" is
 * null and "reconciled" false with "orders": {"reconcile": false}). elko_call() on the same operations does the
 * same and hands back only "answer".
 * On success *out_json (free with elko_string_free(); *out_len bytes) receives that object.
 * Errors: ELKO_E_INVALID_ARGUMENT (another operation, bad params, no reference in the body while
 * "auto_reference" is false — an order that could never be looked up — nothing sent, no journal entry),
 * ELKO_E_UNCERTAIN (see above), the errors of elko_call() for a definite refusal (with
 * elko_error_reference()), ELKO_E_INTERNAL when the journal cannot be written (nothing is sent).
 * Thread-safe. Blocks until the outcome is known or timeout_ms has passed.
 */
elko_status elko_orders_place(elko_client *client, const char *operation, const char *params_json, size_t len,
                              char **out_json, size_t *out_len, elko_error **err);

/*
 * The open entries of the client's token in the journal, without sending anything:
 *   {"entries": [{"intent": "...", "operation": "orders.create", "reference": "...",
 *                 "reference_given": false, "created_ms": <wall-clock ms>, "sends": 1,
 *                 "state": "open" | "in_progress" | "damaged", "body": {...} or null,
 *                 "message": "..." (damaged entries: what is wrong; the file is left in place)}],
 *    "count": <n>}
 * "in_progress": a live process is placing it right now (it holds the entry's lock).
 * On success *out_json (free with elko_string_free()) receives that object. Errors: ELKO_E_INVALID_ARGUMENT
 * (NULL pointers), ELKO_E_INTERNAL (the journal directory cannot be read). Thread-safe.
 */
elko_status elko_orders_pending(elko_client *client, char **out_json, size_t *out_len, elko_error **err);

/*
 * Resolves every open entry of the client's token that no live process is placing: looks its reference
 * up (as an ambiguous answer is looked up: found with the intent's lines and not one of the orders that
 * carried the reference before → placed; not found → wait settle_ms, look again), and answers
 *   {"entries": [{"intent", "operation", "reference", "reference_given", "created_ms", "sends",
 *                 "outcome": "placed" | "not_placed" | "still_uncertain" | "in_progress" | "damaged",
 *                 "order": <ELKO's order, for placed> or null, "message": "..."}],
 *    "placed": n, "not_placed": n, "still_uncertain": n, "in_progress": n, "damaged": n}
 * placed and not_placed entries are closed; a not_placed intent is never sent again automatically (send a
 * new order if it is still wanted). still_uncertain (a look-up failed: network, rate limit) and in_progress
 * entries stay open; damaged entries are reported and left in place, never dropped.
 * On success *out_json (free with elko_string_free()) receives that object. Errors: ELKO_E_INVALID_ARGUMENT
 * (NULL pointers), ELKO_E_INTERNAL (the journal directory cannot be read). Thread-safe. Blocks while it
 * looks entries up (paced by the rate limiter, waiting for slots within timeout_ms).
 */
elko_status elko_orders_reconcile(elko_client *client, char **out_json, size_t *out_len, elko_error **err);

/* ---- Logging --------------------------------------------------------------------------------------- */

/* The level of a log line, as given to an elko_log_callback and as named by the "log_level" option. */
typedef enum elko_log_level {
    ELKO_LOG_OFF = 0,
    ELKO_LOG_ERROR = 1,
    ELKO_LOG_WARN = 2,
    ELKO_LOG_INFO = 3,
    ELKO_LOG_DEBUG = 4
} elko_log_level;

/* Receives one log line: `line` is UTF-8, `len` bytes, NUL-terminated, without a newline, and valid only
 * during the call (copy it to keep it). `level` is an elko_log_level. `user` is the pointer given to
 * elko_client_set_log_callback(). The line never contains the token. */
typedef void (*elko_log_callback)(void *user, int level, const char *line, size_t len);

/*
 * Sends the client's log lines (those at or below its "log_level") to `callback` instead of the sink
 * of its options ("log" / "log_file"); a NULL callback restores that sink. The callback is called
 * synchronously, on the thread that made the call being logged (elko_call(), elko_request(), ...) and
 * during that call — never on a thread of the library's own (it has none). It must not call into the
 * same client. `user` is handed back unchanged and never dereferenced.
 *
 * Returns ELKO_OK, or ELKO_E_INVALID_ARGUMENT when client is NULL. Thread-safe, but calls already in
 * flight on other threads may still log to the previous sink.
 */
elko_status elko_client_set_log_callback(elko_client *client, elko_log_callback callback, void *user);

#ifdef __cplusplus
}
#endif

#endif /* ELKO_H */
