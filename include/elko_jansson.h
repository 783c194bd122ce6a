/*
 * elko_jansson.h — the json_t* variant of libelko's C ABI, for C and C++ programs that already use
 * jansson. The same calls as elko.h, with parsed values in and out instead of JSON text.
 *
 * Works only when the program and libelko share one libjansson.so.4 (link with -ljansson, as
 * `pkg-config --libs jansson` says; libelko links the system's). Bindings (PHP, Python) use elko.h.
 *
 * Ownership: a json_t* given to libelko is borrowed — libelko takes and drops its own reference and
 * never changes the value. A json_t* returned through `json_t **out` is a new reference that the caller
 * releases with json_decref() or elko_json_release(). Errors and threading are as in elko.h.
 */
#ifndef ELKO_JANSSON_H
#define ELKO_JANSSON_H

#include <jansson.h>

#include "elko.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * elko_call() with parameters as a jansson object (borrowed; NULL for none) and the answer parsed:
 * *out receives a new reference (an array for list operations, an object, a string for token.create,
 * or json null for an empty answer). Parameters as for elko_call(): path and query parameters by name,
 * "body" for writes.
 * Errors: as elko_call(); ELKO_E_INVALID_ARGUMENT also for a client created with "format": "xml";
 * ELKO_E_PROTOCOL if the answer is not JSON. *out is NULL on error. Thread-safe (a client may be shared).
 */
elko_status elko_call_json(elko_client *client, const char *operation, json_t *params, json_t **out,
                           elko_error **err);

/*
 * elko_request() with the body as a jansson value (borrowed; NULL for no body) and the answer parsed:
 * *out receives a new reference (json null for an empty answer).
 * Errors: as elko_request(); ELKO_E_PROTOCOL if a 2xx answer is not JSON. Thread-safe.
 */
elko_status elko_request_json(elko_client *client, const char *method, const char *path, const char *query,
                              json_t *body, json_t **out, elko_error **err);

/*
 * elko_iter_next() with the item parsed: returns 1 and *item receives a new reference (release it), 0 at
 * the end, or a negative elko_status (as elko_iter_next(); ELKO_E_PROTOCOL if the item is not valid
 * JSON). The iterator comes from elko_iter_new() and belongs to one thread at a time.
 */
int elko_iter_next_json(elko_iter *it, json_t **item, elko_error **err);

/* Releases a value returned by this header's calls (the same as json_decref, which is an inline
 * function bindings cannot call). NULL is ignored. */
void elko_json_release(json_t *value);

#ifdef __cplusplus
}
#endif

#endif /* ELKO_JANSSON_H */
