/* The iterator functions of elko.h (elko_iter_new / _next / _free) against a sandbox (ELKO_URL,
 * ELKO_TOKEN, ELKO_ADMIN_URL from scripts/with-sandbox.py): the full catalog streamed and compared with
 * the whole-body answer, bad input for every argument, early free, a truncated body, use after the end.
 * Plain C11; prints each failing line, then "N passed, M failed"; exit status 1 if anything failed. */
#include <elko.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *url, *token, *admin;

static elko_client *client_with(const char *tok, const char *extra) {
    char buf[8192];
    snprintf(buf, sizeof buf, "{\"version\": 1, \"base_url\": \"%s\", \"token\": \"%s\"%s}", url, tok, extra);
    elko_client *c = NULL;
    elko_error *err = NULL;
    if (elko_client_new(buf, strlen(buf), &c, &err) != ELKO_OK) {
        fprintf(stderr, "client_new failed: %s\n", elko_error_message(err));
        elko_error_free(err);
        return NULL;
    }
    return c;
}

/* A raw request to the sandbox's admin API (path after the base URL); the answer if wanted. */
static elko_status admin_request(elko_client *c, const char *method, const char *what, const char *body, char **answer) {
    char path[512];
    snprintf(path, sizeof path, "%s%s", admin + strlen(url), what);
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    elko_status st = elko_request(c, method, path, NULL, body, body ? strlen(body) : 0, &out, &len, &err);
    if (st != ELKO_OK) fprintf(stderr, "  (admin %s %s: %s)\n", method, what, elko_error_message(err));
    elko_error_free(err);
    if (answer) *answer = out; else elko_string_free(out);
    return st;
}

/* elko_iter_new expecting an error: checks the status, that *out stayed NULL, and returns the error. */
static elko_error *new_fails(elko_client *c, const char *op, const char *params, size_t len, elko_status want, int line) {
    elko_iter *it = (elko_iter *)1;
    elko_error *err = NULL;
    elko_status st = elko_iter_new(c, op, params, len, &it, &err);
    if (st != want || it != NULL || err == NULL || elko_error_code(err) != want) {
        failed++;
        fprintf(stderr, "FAIL %s:%d: elko_iter_new(%s): status %d (want %d): %s\n", __FILE__, line, op ? op : "NULL", st,
                want, err ? elko_error_message(err) : "(no error)");
        if (st == ELKO_OK && it != (elko_iter *)1) elko_iter_free(it);
    } else {
        passed++;
    }
    return err;
}

static void test_full_catalog(elko_client *c) {
    /* The sandbox's catalog size, from its admin API. */
    char *state = NULL;
    long products = -1;
    CHECK(admin_request(c, "GET", "/state", NULL, &state) == ELKO_OK);
    const char *p = state ? strstr(state, "\"products\":") : NULL;
    if (p) products = strtol(p + 11, NULL, 10);
    elko_string_free(state);
    CHECK(products > 0);

    char *whole = NULL;
    size_t whole_len = 0;
    CHECK(elko_call(c, "catalog.products", NULL, 0, &whole, &whole_len, NULL) == ELKO_OK);

    elko_iter *it = NULL;
    elko_error *err = NULL;
    CHECK(elko_iter_new(c, "catalog.products", "{}", 2, &it, &err) == ELKO_OK && it != NULL && err == NULL);
    long count = 0;
    int shaped = 1, same = 1;
    size_t at = 1; /* the whole body is "[" elements joined by "," "]" */
    const char *item = NULL;
    size_t item_len = 0;
    int r;
    while ((r = elko_iter_next(it, &item, &item_len, &err)) == 1) {
        count++;
        if (item == NULL || item_len < 2 || item[0] != '{' || item[item_len - 1] != '}') shaped = 0;
        if (!whole || at + item_len > whole_len || memcmp(whole + at, item, item_len) != 0) same = 0;
        at += item_len + 1;
    }
    CHECK(r == 0 && err == NULL);
    CHECK(count == products);
    CHECK(shaped);
    CHECK(same && at == whole_len);
    /* use after the end: the end again */
    item = (const char *)1;
    item_len = 7;
    CHECK(elko_iter_next(it, &item, &item_len, &err) == 0 && item == NULL && item_len == 0 && err == NULL);
    CHECK(elko_iter_next(it, &item, &item_len, NULL) == 0);
    elko_iter_free(it);
    elko_string_free(whole);

    /* a filtered list and a small list; whole-body calls in the middle of a stream, on the same thread */
    CHECK(elko_iter_new(c, "catalog.vendors", NULL, 0, &it, &err) == ELKO_OK);
    count = 0;
    while ((r = elko_iter_next(it, &item, &item_len, &err)) == 1) {
        count++;
        if (count == 2) {
            char *out = NULL;
            size_t len = 0;
            CHECK(elko_call(c, "account.get", NULL, 0, &out, &len, NULL) == ELKO_OK);
            elko_string_free(out);
        }
    }
    CHECK(r == 0 && count > 2);
    elko_iter_free(it);
}

static void test_arguments(elko_client *c) {
    elko_iter *it = (elko_iter *)1;
    elko_error *err = NULL;

    CHECK(elko_iter_new(NULL, "catalog.products", NULL, 0, &it, &err) == ELKO_E_INVALID_ARGUMENT && it == NULL);
    CHECK(contains(elko_error_message(err), "client is NULL"));
    elko_error_free(err);
    err = new_fails(c, NULL, NULL, 0, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "operation is NULL"));
    elko_error_free(err);
    CHECK(elko_iter_new(c, "catalog.products", NULL, 0, NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "out is NULL"));
    elko_error_free(err);
    err = new_fails(c, "catalog.products", NULL, 5, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "params_json is NULL"));
    elko_error_free(err);
    err = new_fails(c, "catalog.products", "{}", (size_t)-1, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "too large"));
    elko_error_free(err);
    err = new_fails(c, "catalog.\xff", NULL, 0, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "UTF-8"));
    elko_error_free(err);
    err = new_fails(c, "catalog.nothing", NULL, 0, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "unknown operation"));
    elko_error_free(err);
    err = new_fails(c, "account.get", NULL, 0, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "does not answer a list"));
    CHECK(elko_error_operation(err) && strcmp(elko_error_operation(err), "account.get") == 0);
    elko_error_free(err);
    err = new_fails(c, "orders.create", "{\"body\": {}}", 12, ELKO_E_INVALID_ARGUMENT, __LINE__);
    elko_error_free(err);
    err = new_fails(c, "catalog.products", "{\"lang\": ", 9, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "not valid JSON"));
    elko_error_free(err);
    err = new_fails(c, "catalog.products", "{\"colour\": 1}", 13, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "colour"));
    elko_error_free(err);
    err = new_fails(c, "catalog.media", "{}", 2, ELKO_E_INVALID_ARGUMENT, __LINE__);
    elko_error_free(err);
    /* err may be NULL */
    it = (elko_iter *)1;
    CHECK(elko_iter_new(c, "account.get", NULL, 0, &it, NULL) == ELKO_E_INVALID_ARGUMENT && it == NULL);
    /* xml clients cannot stream */
    elko_client *xml = client_with(token, ", \"format\": \"xml\"");
    err = new_fails(xml, "catalog.products", NULL, 0, ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "xml"));
    elko_error_free(err);
    elko_client_free(xml);

    /* elko_iter_next: NULL arguments leave the iterator where it was */
    CHECK(elko_iter_new(c, "catalog.categories", NULL, 0, &it, &err) == ELKO_OK);
    const char *item = (const char *)1;
    size_t len = 5;
    CHECK(elko_iter_next(NULL, &item, &len, &err) == ELKO_E_INVALID_ARGUMENT && item == NULL && len == 0);
    CHECK(contains(elko_error_message(err), "it is NULL"));
    elko_error_free(err);
    CHECK(elko_iter_next(it, NULL, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "item is NULL"));
    elko_error_free(err);
    CHECK(elko_iter_next(it, &item, NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "item_len is NULL"));
    elko_error_free(err);
    CHECK(elko_iter_next(it, &item, &len, NULL) == 1 && item != NULL && len > 0 && item[0] == '{');
    elko_iter_free(it);
    elko_iter_free(NULL);
}

static void test_errors(elko_client *c) {
    /* early free mid-stream, then the thread streams again */
    elko_iter *it = NULL;
    elko_error *err = NULL;
    const char *item = NULL;
    size_t len = 0;
    CHECK(elko_iter_new(c, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    for (int i = 0; i < 3; i++) CHECK(elko_iter_next(it, &item, &len, &err) == 1);
    elko_iter_free(it);
    CHECK(elko_iter_new(c, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    CHECK(elko_iter_next(it, &item, &len, &err) == 1);
    elko_iter_free(it); /* after one element, most of the answer unread */
    CHECK(elko_iter_new(c, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    elko_iter_free(it); /* before any element */

    /* HTTP errors come back from elko_iter_new */
    elko_client *bad = client_with("Bearer eyJhbGciOiJIUzI1NiJ9.e30.nope", "");
    err = new_fails(bad, "catalog.products", NULL, 0, ELKO_E_UNAUTHORIZED, __LINE__);
    CHECK(elko_error_http_status(err) == 403 && !contains(elko_error_message(err), "eyJhbGciOiJIUzI1NiJ9"));
    elko_error_free(err);
    elko_client_free(bad);
    elko_client *custom = client_with(token, ", \"paths\": {\"catalog.vendors\": \"/v3.0/api/Catalog/Nothing\"}");
    err = new_fails(custom, "catalog.vendors", NULL, 0, ELKO_E_NOT_FOUND, __LINE__);
    CHECK(elko_error_http_status(err) == 404);
    CHECK(elko_error_operation(err) && strcmp(elko_error_operation(err), "catalog.vendors") == 0);
    elko_error_free(err);
    elko_client_free(custom);
    elko_client *nowhere = NULL;
    const char *o = "{\"base_url\": \"http://127.0.0.1:1\", \"token\": \"abc\", \"connect_timeout_ms\": 2000}";
    CHECK(elko_client_new(o, strlen(o), &nowhere, NULL) == ELKO_OK);
    err = new_fails(nowhere, "catalog.products", NULL, 0, ELKO_E_NETWORK, __LINE__);
    elko_error_free(err);
    elko_client_free(nowhere);

    if (!admin || !*admin) {
        fprintf(stderr, "no ELKO_ADMIN_URL: fault tests skipped\n");
        return;
    }
    /* a body cut short: the elements that arrived, then ELKO_E_NETWORK, then the same error again */
    CHECK(admin_request(c, "POST", "/faults", "{\"fault\": \"truncate\", \"count\": 1}", NULL) == ELKO_OK);
    CHECK(elko_iter_new(c, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    int r;
    long count = 0;
    while ((r = elko_iter_next(it, &item, &len, &err)) == 1) count++;
    CHECK(r == ELKO_E_NETWORK && err != NULL && elko_error_code(err) == ELKO_E_NETWORK);
    CHECK(count > 0);
    CHECK(elko_error_operation(err) && strcmp(elko_error_operation(err), "catalog.products") == 0);
    elko_error_free(err);
    item = (const char *)1;
    CHECK(elko_iter_next(it, &item, &len, &err) == ELKO_E_NETWORK && item == NULL && err != NULL);
    elko_error_free(err);
    CHECK(elko_iter_next(it, &item, &len, NULL) == ELKO_E_NETWORK);
    elko_iter_free(it);

    /* a server error from elko_iter_new, with ELKO's text */
    CHECK(admin_request(c, "POST", "/faults", "{\"fault\": \"error500\", \"count\": 1}", NULL) == ELKO_OK);
    err = new_fails(c, "catalog.products", NULL, 0, ELKO_E_SERVER, __LINE__);
    CHECK(elko_error_body(err) && strcmp(elko_error_body(err), "Something went wrong.") == 0);
    elko_error_free(err);

    /* a timeout in the middle of the body */
    elko_client *quick = client_with(token, ", \"timeout_ms\": 600");
    CHECK(admin_request(c, "POST", "/faults", "{\"fault\": \"slow=300\", \"count\": 1}", NULL) == ELKO_OK);
    CHECK(elko_iter_new(quick, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    while ((r = elko_iter_next(it, &item, &len, &err)) == 1) {}
    CHECK(r == ELKO_E_TIMEOUT);
    elko_error_free(err);
    elko_iter_free(it);
    elko_client_free(quick);

    /* the iterator still works after the faults */
    CHECK(elko_iter_new(c, "catalog.vendors", NULL, 0, &it, &err) == ELKO_OK);
    CHECK(elko_iter_next(it, &item, &len, &err) == 1);
    elko_iter_free(it);
}

int main(void) {
    url = getenv("ELKO_URL");
    token = getenv("ELKO_TOKEN");
    admin = getenv("ELKO_ADMIN_URL");
    if (!url || !token) {
        fprintf(stderr, "ELKO_URL and ELKO_TOKEN must be set (run through scripts/with-sandbox.py)\n");
        return 2;
    }
    elko_client *c = client_with(token, "");
    CHECK(c != NULL);
    if (c) {
        test_full_catalog(c);
        test_arguments(c);
        test_errors(c);
        elko_client_free(c);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
