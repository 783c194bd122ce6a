/* What ELKO's guide describes, with libelko from C: list the catalog (and ESD products), fetch
 * descriptions and images for a few products, check availability and price, reserve, and place an order
 * — calling the catalog first, as the guide advises — exactly once (elko_orders_place: a lost answer is
 * looked up by the order's reference, never sent again blindly). Items are parsed with jansson.
 *
 *   cc -std=c11 -I build/include examples/c/catalog_order.c -L build -lelko -ljansson \
 *      -Wl,-rpath,$PWD/build -o catalog_order
 *   ELKO_URL=http://127.0.0.1:8080 ELKO_TOKEN=... ./catalog_order [--live]
 *
 * ELKO has no test environment: every write on its API is real. Unless ELKO_URL is a loopback address
 * (the sandbox) or --live is given, the client runs in dry-run mode and the reservation and the order are
 * validated but not sent. Exit status: 0 done, 1 ELKO refused something, 2 configuration or access problem,
 * 3 the order may or may not have been placed (run `elko orders reconcile`; never send it again).
 */
#include <elko.h>
#include <jansson.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE 5 /* products to enrich; ELKO takes 20-50 codes per description or media call */

/* ELKO's stock is text ("8", ">10", "> 50", "10+"): the number, at least. */
static long stock(const char *text) {
    long n = 0;
    int any = 0;
    for (const char *p = text ? text : ""; *p; p++) {
        if (isdigit((unsigned char)*p)) { n = n * 10 + (*p - '0'); any = 1; }
    }
    return any ? n : 0;
}

/* Reports an error the way a caller should act on it; returns the exit status. Frees err. */
static int report(const char *what, elko_error *err) {
    int code = elko_error_code(err), status = 1;
    const char *body = elko_error_body(err);
    switch (code) {
    case ELKO_E_UNAUTHORIZED:
        fprintf(stderr, "%s: ELKO refused the token (missing, invalid or deactivated)\n", what); status = 2; break;
    case ELKO_E_FORBIDDEN:
        fprintf(stderr, "%s: ELKO refused this machine (%s): add its IP to the allow-list\n", what, body ? body : ""); status = 2; break;
    case ELKO_E_RATE_LIMITED:
        fprintf(stderr, "%s: rate limit: send nothing for %lld ms\n", what, (long long)elko_error_retry_after_ms(err)); status = 2; break;
    case ELKO_E_BAD_REQUEST:
        fprintf(stderr, "%s: ELKO refused it: %s\n", what, body ? body : elko_error_message(err)); break;
    case ELKO_E_UNCERTAIN:
        /* The answer was lost and its reference could not be looked up in time. Sending it again may buy
         * twice: the journal keeps the intent, and `elko orders reconcile` (elko_orders_reconcile()) says
         * later whether ELKO has it. */
        fprintf(stderr, "%s: may or may not have been placed (reference %s). Do NOT send it again: run "
                "`elko orders reconcile` to learn its outcome.\n", what, elko_error_reference(err));
        status = 3; break;
    case ELKO_E_NETWORK: case ELKO_E_TIMEOUT:
        fprintf(stderr, "%s: ELKO could not be reached: %s\n", what, elko_error_message(err)); status = 2; break;
    default:
        fprintf(stderr, "%s: %s (%s)\n", what, elko_error_message(err), elko_strerror(code)); status = 2; break;
    }
    if (code != ELKO_E_UNCERTAIN && elko_error_reference(err))
        fprintf(stderr, "   (the order's reference: %s)\n", elko_error_reference(err));
    elko_error_free(err);
    return status;
}

/* Calls an operation; returns the parsed answer (caller decrefs) or NULL with *err set. */
static json_t *call(elko_client *c, const char *op, json_t *params, elko_error **err) {
    char *p = params ? json_dumps(params, JSON_COMPACT) : NULL;
    char *out = NULL;
    size_t len = 0;
    elko_status st = elko_call(c, op, p, p ? strlen(p) : 0, &out, &len, err);
    free(p);
    if (st != ELKO_OK) return NULL;
    json_t *doc = json_loadb(out, len, JSON_DECODE_ANY, NULL);
    elko_string_free(out);
    return doc;
}

/* Streams a list operation, calling `each` on every item; returns ELKO_OK or the error status. */
typedef void (*item_fn)(json_t *item, void *ctx);
static elko_status stream(elko_client *c, const char *op, json_t *params, item_fn each, void *ctx, elko_error **err) {
    char *p = params ? json_dumps(params, JSON_COMPACT) : NULL;
    elko_iter *it = NULL;
    elko_status st = elko_iter_new(c, op, p, p ? strlen(p) : 0, &it, err);
    free(p);
    if (st != ELKO_OK) return st;
    const char *item;
    size_t len;
    int r;
    while ((r = elko_iter_next(it, &item, &len, err)) == 1) {
        json_t *doc = json_loadb(item, len, JSON_DECODE_ANY, NULL); /* item is valid until the next call */
        if (doc) { each(doc, ctx); json_decref(doc); }
    }
    elko_iter_free(it);
    return r == 0 ? ELKO_OK : (elko_status)r;
}

struct pick { long count; json_t *codes; };
static void pick_in_stock(json_t *p, void *ctx) {
    struct pick *k = ctx;
    k->count++;
    if (json_array_size(k->codes) < SAMPLE && stock(json_string_value(json_object_get(p, "quantity"))) >= 2)
        json_array_append(k->codes, json_object_get(p, "elkoCode"));
}
static void count_item(json_t *item, void *ctx) { (void)item; (*(long *)ctx)++; }
static void print_description(json_t *d, void *ctx) {
    (void)ctx;
    json_t *specs = json_object_get(d, "description");
    printf("   %lld: %zu specification lines\n", (long long)json_integer_value(json_object_get(d, "productId")),
           json_is_array(specs) ? json_array_size(specs) : 0);
}
static void print_media(json_t *m, void *ctx) {
    (void)ctx;
    size_t i;
    json_t *f;
    const char *main_image = "(none)";
    json_array_foreach(json_object_get(m, "mediaFiles"), i, f) {
        if (json_integer_value(json_object_get(f, "sequence")) == 1) main_image = json_string_value(json_object_get(f, "link"));
    }
    printf("   %lld: main image %s\n", (long long)json_integer_value(json_object_get(m, "id")), main_image);
}
static void pick_available(json_t *a, void *ctx) {
    json_t **best = ctx;
    json_t *prices = json_object_get(a, "prices");
    const char *q = json_string_value(json_object_get(a, "stockQuantity"));
    printf("   %lld: stock %s, price %.2f %s\n", (long long)json_integer_value(json_object_get(a, "productId")), q ? q : "?",
           json_number_value(json_object_get(prices, "discountPrice")), json_string_value(json_object_get(prices, "currency")));
    if (!*best && stock(q) >= 1) *best = json_incref(a);
}

static int run(elko_client *c, int live) {
    elko_error *err = NULL;
    printf("== catalog: the whole assortment, streamed item by item\n");
    struct pick k = {0, json_array()};
    if (stream(c, "catalog.products", NULL, pick_in_stock, &k, &err) != ELKO_OK) { json_decref(k.codes); return report("catalog", err); }
    printf("   %ld products; %zu in stock picked\n", k.count, json_array_size(k.codes));
    long esd = 0;
    if (stream(c, "catalog.esd", NULL, count_item, &esd, &err) != ELKO_OK) { json_decref(k.codes); return report("ESD catalog", err); }
    printf("   %ld ESD (electronic delivery) products\n", esd);
    if (json_array_size(k.codes) == 0) { json_decref(k.codes); fprintf(stderr, "nothing in stock to order\n"); return 1; }

    printf("== descriptions and images of %zu products (one batch)\n", json_array_size(k.codes));
    json_t *params = json_pack("{sO}", "elkoCodes", k.codes);
    int failed = stream(c, "catalog.description", params, print_description, NULL, &err) != ELKO_OK
              || stream(c, "catalog.media", params, print_media, NULL, &err) != ELKO_OK;
    json_decref(params);
    if (failed) { json_decref(k.codes); return report("descriptions and images", err); }

    printf("== availability and price right before ordering\n");
    json_t *best = NULL;
    params = json_pack("{sssO}", "type", "AvailabilityPrice", "elkoCodes", k.codes);
    failed = stream(c, "catalog.availability", params, pick_available, &best, &err) != ELKO_OK;
    json_decref(params);
    json_decref(k.codes);
    if (failed) return report("availability", err);
    if (!best) { fprintf(stderr, "no product is available any more\n"); return 1; }
    char code[32];
    snprintf(code, sizeof code, "%lld", (long long)json_integer_value(json_object_get(best, "productId")));
    const char *currency = json_string_value(json_object_get(json_object_get(best, "prices"), "currency"));
    json_t *line = json_pack("{sssi}", "elkoCode", code, "quantity", 1);

    printf("== reserve 1 x %s\n", code);
    json_int_t reservation_id = 0;
    json_t *answer = call(c, "reservations.create", params = json_pack("{s{s[O]si}}", "body", "lines", line, "hours", 24), &err);
    json_decref(params);
    if (answer) {
        reservation_id = json_integer_value(json_object_get(answer, "reservationId"));
        printf("   reservation %lld held until %s\n", (long long)reservation_id, json_string_value(json_object_get(answer, "expiresAt")));
        json_decref(answer);
    } else if (elko_error_code(err) == ELKO_E_WRITE_REFUSED) {
        printf("   dry run, not sent: %s\n", elko_error_message(err));
        elko_error_free(err);
    } else if (elko_error_code(err) == ELKO_E_NOT_FOUND) {
        printf("   this ELKO endpoint has no reservations (its path is not public): ordering directly\n");
        elko_error_free(err);
    } else {
        json_decref(line); json_decref(best);
        return report("reservation", err);
    }

    /* No customerPo: the library adds a unique reference ("elko-..."). A shop's own reference works too,
     * but need not be unique: orders that already carry it never count as this one. */
    printf("== place the order exactly once\n");
    json_t *body = json_pack("{s[O]ss?}", "lines", line, "currency", currency);
    if (reservation_id) json_object_set_new(body, "reservationId", json_integer(reservation_id));
    params = json_pack("{so}", "body", body);
    char *p = json_dumps(params, JSON_COMPACT), *out = NULL;
    size_t len = 0;
    elko_status st = elko_orders_place(c, "orders.create", p, strlen(p), &out, &len, &err);
    free(p); json_decref(params); json_decref(line); json_decref(best);
    if (st == ELKO_OK) {
        /* {"reference", "reference_given", "outcome", "reconciled", "sends", "intent", "answer": the order} */
        json_t *placed = json_loadb(out, len, 0, NULL);
        elko_string_free(out);
        json_t *order = json_object_get(placed, "answer");
        printf("   order %lld placed, status %s, reference %s\n", (long long)json_integer_value(json_object_get(order, "orderId")),
               json_string_value(json_object_get(order, "status")), json_string_value(json_object_get(placed, "reference")));
        printf("   %s\n", json_is_true(json_object_get(placed, "reconciled"))
               ? "reconciled: its answer was lost, the order was found by its reference" : "answered directly (not reconciled)");
        json_decref(placed);
    } else if (elko_error_code(err) == ELKO_E_WRITE_REFUSED) {
        printf("   dry run, not sent (give --live to order for real): %s\n", elko_error_message(err));
        elko_error_free(err);
    } else {
        return report("order", err);
    }
    printf("== done%s\n", live ? "" : " (dry run: nothing was written)");
    return 0;
}

int main(int argc, char **argv) {
    const char *url = getenv("ELKO_URL");
    if (!url || !getenv("ELKO_TOKEN")) {
        fprintf(stderr, "set ELKO_URL (e.g. https://api.elko.cloud) and ELKO_TOKEN\n");
        return 2;
    }
    int live = (argc > 1 && strcmp(argv[1], "--live") == 0) || strncmp(url, "http://127.0.0.1", 16) == 0
            || strncmp(url, "http://localhost", 16) == 0 || strncmp(url, "http://[::1]", 12) == 0;
    /* The token comes from ELKO_TOKEN (read by the library). A cron-style job: wait up to 15 s for a free
     * slot of the 50-per-10-s limit instead of failing. */
    json_t *options = json_pack("{sisssb s{si}}", "version", 1, "base_url", url, "dry_run", !live,
                                "rate_limit", "wait_ms", 15000);
    char *text = json_dumps(options, JSON_COMPACT);
    json_decref(options);
    elko_client *c = NULL;
    elko_error *err = NULL;
    elko_status st = elko_client_new(text, strlen(text), &c, &err);
    free(text);
    if (st != ELKO_OK) return report("client", err);
    int status = run(c, live);
    elko_client_free(c);
    return status;
}
