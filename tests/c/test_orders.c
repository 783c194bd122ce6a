/* Exactly-once orders through the C API against a sandbox (ELKO_URL, ELKO_TOKEN from
 * scripts/with-sandbox.py): elko_orders_place, ELKO_E_UNCERTAIN with elko_error_reference,
 * elko_orders_pending and elko_orders_reconcile, argument checks. Plain C11; prints each failing line,
 * then "N passed, M failed"; exit status 1 if anything failed. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <elko.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *url, *token;
static char state_dir[256];

static elko_client *client_with(const char *extra) {
    char buf[8192];
    snprintf(buf, sizeof buf,
             "{\"version\": 1, \"base_url\": \"%s\", \"token\": \"%s\", \"state_dir\": \"%s\", \"log_level\": \"off\","
             " \"retries\": {\"max\": 2, \"base_ms\": 5, \"max_ms\": 20}, \"rate_limit\": {\"wait_ms\": 20000}%s}",
             url, token, state_dir, extra);
    elko_client *c = NULL;
    elko_error *err = NULL;
    if (elko_client_new(buf, strlen(buf), &c, &err) != ELKO_OK) {
        fprintf(stderr, "client_new failed: %s\n", elko_error_message(err));
        elko_error_free(err);
        return NULL;
    }
    return c;
}

/* A fault for the next requests of one operation, through the sandbox's admin API. */
static void fault(elko_client *c, const char *fault, int count, const char *operation) {
    char body[256];
    snprintf(body, sizeof body, "{\"fault\": \"%s\", \"count\": %d, \"operation\": \"%s\"}", fault, count, operation);
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    CHECK(elko_request(c, "POST", "/_sandbox/faults", NULL, body, strlen(body), &out, &len, &err) == ELKO_OK);
    elko_string_free(out);
    elko_error_free(err);
}

static void clear_faults(elko_client *c) {
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    CHECK(elko_request(c, "DELETE", "/_sandbox/faults", NULL, NULL, 0, &out, &len, &err) == ELKO_OK);
    elko_string_free(out);
    elko_error_free(err);
}

static const char *order = "{\"body\": {\"backorder\": true, \"lines\": [{\"elkoCode\": \"%s\", \"quantity\": 1}]}}";

/* The ELKO code of the first product of the catalog. */
static void first_code(elko_client *c, char *code, size_t size) {
    elko_iter *it = NULL;
    elko_error *err = NULL;
    code[0] = 0;
    if (elko_iter_new(c, "catalog.products", NULL, 0, &it, &err) != ELKO_OK) {
        elko_error_free(err);
        return;
    }
    const char *item;
    size_t n;
    if (elko_iter_next(it, &item, &n, &err) == 1) {
        const char *k = strstr(item, "\"elkoCode\":");
        if (k) {
            k += strlen("\"elkoCode\":");
            while (*k == ' ' || *k == '"') k++;
            size_t i = 0;
            while (i + 1 < size && k[i] >= '0' && k[i] <= '9') { code[i] = k[i]; i++; }
            code[i] = 0;
        }
    }
    elko_error_free(err);
    elko_iter_free(it);
}

static void test_arguments(elko_client *c) {
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    CHECK(contains(elko_strerror(ELKO_E_UNCERTAIN), "uncertain"));
    CHECK(elko_orders_place(NULL, "orders.create", NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_orders_place(c, NULL, NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_orders_place(c, "orders.create", NULL, 0, NULL, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_orders_place(c, "catalog.vendors", NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "does not place an order"));
    CHECK(elko_error_reference(err) == NULL);
    elko_error_free(err);
    CHECK(elko_orders_place(c, "orders.create", "{\"body\":", 8, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT && out == NULL);
    elko_error_free(err);
    CHECK(elko_orders_pending(NULL, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_orders_reconcile(c, NULL, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_error_reference(NULL) == NULL);
}

static void test_reconciled(elko_client *c, elko_client *admin, const char *code) {
    char params[512];
    snprintf(params, sizeof params, order, code);
    fault(admin, "reset-after", 1, "orders.create");
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    CHECK(elko_orders_place(c, "orders.create", params, strlen(params), &out, &len, &err) == ELKO_OK && err == NULL);
    CHECK(contains(out, "\"reconciled\":true") && contains(out, "\"reference\":\"elko-") && contains(out, "\"orderId\":"));
    elko_string_free(out);
    /* A definite refusal carries the reference too. */
    const char *bad = "{\"body\": {\"customerPo\": \"c-test-1\", \"lines\": [{\"elkoCode\": \"1\", \"quantity\": 0}]}}";
    CHECK(elko_call(c, "orders.create", bad, strlen(bad), &out, &len, &err) == ELKO_E_BAD_REQUEST);
    CHECK(elko_error_reference(err) != NULL && strcmp(elko_error_reference(err), "c-test-1") == 0);
    elko_error_free(err);
}

static void test_uncertain_then_reconciled(elko_client *admin, const char *code) {
    /* Look-ups every settle_ms at most (they spend the token's budget), for 3 s. */
    elko_client *c = client_with(", \"timeout_ms\": 3000, \"orders\": {\"settle_ms\": 500, \"attempt_timeout_ms\": 1000}");
    if (!c) { failed++; return; }
    char params[512];
    snprintf(params, sizeof params, order, code);
    fault(admin, "reset-after", 1, "orders.create");
    fault(admin, "reset", 10000, "orders.list");
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    elko_status st = elko_orders_place(c, "orders.create", params, strlen(params), &out, &len, &err);
    CHECK(st == ELKO_E_UNCERTAIN && out == NULL);
    CHECK(elko_error_code(err) == ELKO_E_UNCERTAIN && contains(elko_error_message(err), "Do not send it again"));
    char reference[64] = "";
    if (elko_error_reference(err)) snprintf(reference, sizeof reference, "%s", elko_error_reference(err));
    CHECK(strncmp(reference, "elko-", 5) == 0);
    elko_error_free(err);
    clear_faults(admin);
    elko_client_free(c);

    /* Later, another client of the token: it may have to wait for the budget the look-ups spent. */
    c = client_with(", \"timeout_ms\": 30000, \"orders\": {\"settle_ms\": 50}");
    if (!c) { failed++; return; }
    CHECK(elko_orders_pending(c, &out, &len, &err) == ELKO_OK);
    CHECK(contains(out, "\"count\":1") && contains(out, reference) && contains(out, "\"state\":\"open\""));
    elko_string_free(out);
    CHECK(elko_orders_reconcile(c, &out, &len, &err) == ELKO_OK);
    CHECK(contains(out, "\"placed\":1") && contains(out, "\"still_uncertain\":0") && contains(out, reference));
    elko_string_free(out);
    CHECK(elko_orders_reconcile(c, &out, &len, &err) == ELKO_OK && contains(out, "\"entries\":[]"));
    elko_string_free(out);
    elko_client_free(c);
}

int main(void) {
    url = getenv("ELKO_URL");
    token = getenv("ELKO_TOKEN");
    if (!url || !token) {
        fprintf(stderr, "ELKO_URL and ELKO_TOKEN must be set (run under scripts/with-sandbox.py)\n");
        return 2;
    }
    snprintf(state_dir, sizeof state_dir, "/tmp/elko-test-orders-XXXXXX");
    if (!mkdtemp(state_dir)) { perror("mkdtemp"); return 2; }
    elko_client *c = client_with(", \"orders\": {\"settle_ms\": 50, \"attempt_timeout_ms\": 2000}");
    if (!c) return 1;
    /* The sandbox's admin API through a client of its own (a budget of its own: the admin API has no limit). */
    char options[512];
    snprintf(options, sizeof options, "{\"base_url\": \"%s\", \"token\": \"admin\", \"log_level\": \"off\","
             " \"rate_limit\": {\"shared\": false, \"requests\": 100000, \"margin\": 0}}", url);
    elko_client *admin = NULL;
    elko_error *err = NULL;
    if (elko_client_new(options, strlen(options), &admin, &err) != ELKO_OK) {
        fprintf(stderr, "admin client: %s\n", elko_error_message(err));
        elko_error_free(err);
        return 1;
    }
    char code[32];
    first_code(c, code, sizeof code);
    CHECK(code[0] != 0);
    test_arguments(c);
    test_reconciled(c, admin, code);
    test_uncertain_then_reconciled(admin, code);
    elko_client_free(admin);
    elko_client_free(c);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
