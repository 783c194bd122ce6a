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
 *  - Nothing here calls back into the host and the library starts no threads (fork-safe).
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
    /* A write was refused because the client is in dry-run mode (reserved: not produced yet). */
    ELKO_E_WRITE_REFUSED = -12,
    /* A failure inside the library: out of memory, libcurl could not be initialised. */
    ELKO_E_INTERNAL = -13
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

/* Frees an error. NULL is ignored. */
void elko_error_free(elko_error *err);

/* ---- Iterators (list operations, streamed) -------------------------------------------------------- */

/* ---- Logging --------------------------------------------------------------------------------------- */

#ifdef __cplusplus
}
#endif

#endif /* ELKO_H */
