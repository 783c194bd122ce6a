/* The reliability options through the C API against a sandbox (ELKO_URL, ELKO_TOKEN from
 * scripts/with-sandbox.py): the fail-fast rate limiter, the log callback, dry run. Plain C11; prints
 * each failing line, then "N passed, M failed"; exit status 1 if anything failed. */
#include <elko.h>

#include "check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *url, *token;

static elko_client *client_with(const char *extra) {
    char buf[8192];
    snprintf(buf, sizeof buf, "{\"version\": 1, \"base_url\": \"%s\", \"token\": \"%s\"%s}", url, token, extra);
    elko_client *c = NULL;
    elko_error *err = NULL;
    if (elko_client_new(buf, strlen(buf), &c, &err) != ELKO_OK) {
        fprintf(stderr, "client_new failed: %s\n", elko_error_message(err));
        elko_error_free(err);
        return NULL;
    }
    return c;
}

/* Calls an operation; returns its status, the error in *err_out (caller frees) when asked. */
static elko_status call(elko_client *c, const char *op, const char *params, elko_error **err_out) {
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    elko_status st = elko_call(c, op, params, params ? strlen(params) : 0, &out, &len, &err);
    elko_string_free(out);
    if (err_out) *err_out = err;
    else elko_error_free(err);
    return st;
}

static void test_options(void) {
    const char *o = "{\"base_url\": \"http://127.0.0.1:1\", \"token\": \"eyJSECRET\", \"rate_limit\": {\"per_second\": 5}}";
    elko_client *c = NULL;
    elko_error *err = NULL;
    CHECK(elko_client_new(o, strlen(o), &c, &err) == ELKO_E_INVALID_ARGUMENT && c == NULL);
    CHECK(contains(elko_error_message(err), "rate_limit.per_second"));
    CHECK(!contains(elko_error_message(err), "SECRET"));
    elko_error_free(err);
    o = "{\"base_url\": \"http://127.0.0.1:1\", \"token\": \"abc\", \"log_level\": \"chatty\"}";
    CHECK(elko_client_new(o, strlen(o), &c, &err) == ELKO_E_INVALID_ARGUMENT && c == NULL);
    CHECK(contains(elko_error_message(err), "log_level"));
    elko_error_free(err);
    o = "{\"base_url\": \"http://127.0.0.1:1\", \"token\": \"abc\", \"retries\": {\"max\": 1, \"base_ms\": 5},"
        " \"rate_limit\": {\"requests\": 10, \"window_ms\": 1000, \"block_ms\": 2000, \"margin\": 1, \"wait_ms\": 100},"
        " \"log_level\": \"debug\", \"log\": \"stderr\", \"dry_run\": false}";
    CHECK(elko_client_new(o, strlen(o), &c, &err) == ELKO_OK && c != NULL && err == NULL);
    elko_client_free(c);
}

/* First in the process: the limiter's budget is shared by every client of the token in the process. */
static void test_fail_fast(void) {
    elko_client *c = client_with(", \"rate_limit\": {\"requests\": 3, \"window_ms\": 60000, \"margin\": 0}, \"log_level\": \"off\"");
    CHECK(c != NULL);
    if (!c) return;
    for (int i = 0; i < 3; i++) CHECK(call(c, "catalog.vendors", NULL, NULL) == ELKO_OK);
    elko_error *err = NULL;
    CHECK(call(c, "catalog.vendors", NULL, &err) == ELKO_E_RATE_LIMITED);
    CHECK(elko_error_code(err) == ELKO_E_RATE_LIMITED);
    CHECK(elko_error_http_status(err) == 0);
    CHECK(elko_error_retry_after_ms(err) > 0 && elko_error_retry_after_ms(err) <= 60000);
    CHECK(contains(elko_error_message(err), "nothing was sent"));
    CHECK(contains(elko_error_operation(err), "catalog.vendors"));
    elko_error_free(err);
    elko_client_free(c);
}

struct collected {
    pthread_t thread;
    int calls, wrong_thread, bad_length, info_lines;
    char text[16384];
};

static void collect(void *user, int level, const char *line, size_t len) {
    struct collected *col = user;
    col->calls++;
    if (!pthread_equal(col->thread, pthread_self())) col->wrong_thread++;
    if (line == NULL || strlen(line) != len) col->bad_length++;
    if (level == ELKO_LOG_INFO) col->info_lines++;
    size_t used = strlen(col->text);
    if (line && used + len + 2 < sizeof col->text) {
        memcpy(col->text + used, line, len);
        col->text[used + len] = '\n';
        col->text[used + len + 1] = '\0';
    }
}

static void test_log_callback(void) {
    CHECK(elko_client_set_log_callback(NULL, collect, NULL) == ELKO_E_INVALID_ARGUMENT);
    elko_client *c = client_with(", \"rate_limit\": {\"requests\": 1000, \"margin\": 0}, \"log_level\": \"info\"");
    CHECK(c != NULL);
    if (!c) return;
    struct collected *col = calloc(1, sizeof *col);
    if (!col) return;
    col->thread = pthread_self();
    CHECK(elko_client_set_log_callback(c, collect, col) == ELKO_OK);
    CHECK(call(c, "catalog.vendors", NULL, NULL) == ELKO_OK);
    CHECK(call(c, "orders.get", "{\"orderId\": 99999999}", NULL) == ELKO_E_NOT_FOUND);
    CHECK(col->calls >= 2);
    CHECK(col->wrong_thread == 0);
    CHECK(col->bad_length == 0);
    CHECK(col->info_lines >= 2);
    CHECK(contains(col->text, "op=catalog.vendors method=GET"));
    CHECK(contains(col->text, "status=200"));
    CHECK(contains(col->text, "attempt=1"));
    CHECK(contains(col->text, "limiter_wait_ms="));
    CHECK(contains(col->text, "op=orders.get") && contains(col->text, "status=404"));
    CHECK(!contains(col->text, token));
    /* NULL restores the configured sink (stderr); the callback is not called any more */
    CHECK(elko_client_set_log_callback(c, NULL, NULL) == ELKO_OK);
    int before = col->calls;
    elko_client *quiet = client_with(", \"rate_limit\": {\"requests\": 1000, \"margin\": 0}, \"log_level\": \"off\"");
    CHECK(elko_client_set_log_callback(quiet, collect, col) == ELKO_OK);
    CHECK(call(quiet, "catalog.vendors", NULL, NULL) == ELKO_OK); /* level off: nothing */
    CHECK(col->calls == before);
    elko_client_free(quiet);
    elko_client_free(c);
    free(col);
}

static void test_dry_run(void) {
    elko_client *c = client_with(", \"rate_limit\": {\"requests\": 1000, \"margin\": 0}, \"dry_run\": true, \"log_level\": \"off\"");
    CHECK(c != NULL);
    if (!c) return;
    elko_error *err = NULL;
    const char *order = "{\"body\": {\"lines\": [{\"elkoCode\": \"1\", \"quantity\": 1}]}}";
    CHECK(call(c, "orders.create", order, &err) == ELKO_E_WRITE_REFUSED);
    CHECK(elko_error_code(err) == ELKO_E_WRITE_REFUSED);
    CHECK(contains(elko_error_message(err), "POST /v3.0/api/Orders"));
    CHECK(!contains(elko_error_message(err), token));
    CHECK(elko_error_http_status(err) == 0);
    elko_error_free(err);
    /* invalid params are still reported as such */
    CHECK(call(c, "orders.create", "{\"nope\": 1}", NULL) == ELKO_E_INVALID_ARGUMENT);
    /* raw writes too; reads are sent */
    char *out = NULL;
    size_t len = 0;
    CHECK(elko_request(c, "DELETE", "/v3.0/api/Orders/1", NULL, NULL, 0, &out, &len, &err) == ELKO_E_WRITE_REFUSED);
    CHECK(contains(elko_error_message(err), "DELETE /v3.0/api/Orders/1"));
    elko_error_free(err);
    CHECK(call(c, "catalog.vendors", NULL, NULL) == ELKO_OK);
    CHECK(strcmp(elko_strerror(ELKO_E_WRITE_REFUSED), "write refused (dry run)") == 0);
    elko_client_free(c);
}

int main(void) {
    url = getenv("ELKO_URL");
    token = getenv("ELKO_TOKEN");
    if (!url || !token) {
        fprintf(stderr, "ELKO_URL and ELKO_TOKEN must be set (run through scripts/with-sandbox.py)\n");
        return 2;
    }
    test_fail_fast();
    test_options();
    test_log_callback();
    test_dry_run();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
