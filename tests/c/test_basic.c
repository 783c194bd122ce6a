/* Every function of elko.h against a sandbox (ELKO_URL, ELKO_TOKEN, ELKO_ADMIN_URL from
 * scripts/with-sandbox.py), good input and bad. Plain C11; prints each failing line, then
 * "N passed, M failed"; exit status 1 if anything failed. */
#include <elko.h>

#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *url, *token, *admin;

/* Options JSON for the sandbox with a given token and extra keys ("" for none). */
static char *options(const char *tok, const char *extra) {
    static char buf[8192];
    snprintf(buf, sizeof buf, "{\"version\": 1, \"base_url\": \"%s\", \"token\": \"%s\"%s}", url, tok, extra);
    return buf;
}

static elko_client *client_with(const char *tok, const char *extra) {
    elko_client *c = NULL;
    elko_error *err = NULL;
    const char *o = options(tok, extra);
    elko_status st = elko_client_new(o, strlen(o), &c, &err);
    if (st != ELKO_OK) {
        fprintf(stderr, "client_new failed: %s\n", elko_error_message(err));
        elko_error_free(err);
        return NULL;
    }
    return c;
}

/* Calls an operation expecting an error; returns the error (caller frees) and checks the status. */
static elko_error *call_fails(elko_client *c, const char *op, const char *params, elko_status want, int line) {
    char *out = (char *)1;
    size_t len = 99;
    elko_error *err = NULL;
    elko_status st = elko_call(c, op, params, params ? strlen(params) : 0, &out, &len, &err);
    if (st != want || err == NULL || out != NULL || len != 0 || elko_error_code(err) != want) {
        failed++;
        fprintf(stderr, "FAIL %s:%d: %s %s: status %d (want %d): %s\n", __FILE__, line, op, params ? params : "NULL",
                st, want, err ? elko_error_message(err) : "(no error)");
    } else {
        passed++;
    }
    elko_string_free(out == (char *)1 ? NULL : out);
    return err;
}

/* Calls an operation expecting success; returns the answer (caller frees). */
static char *call_ok(elko_client *c, const char *op, const char *params, size_t *len_out, int line) {
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    elko_status st = elko_call(c, op, params, params ? strlen(params) : 0, &out, &len, &err);
    if (st != ELKO_OK || out == NULL || err != NULL || strlen(out) != len) {
        failed++;
        fprintf(stderr, "FAIL %s:%d: %s %s: status %d: %s\n", __FILE__, line, op, params ? params : "NULL", st,
                err ? elko_error_message(err) : "(no error object)");
        elko_error_free(err);
        elko_string_free(out);
        return NULL;
    }
    passed++;
    if (len_out) *len_out = len;
    return out;
}

/* A raw request; returns the status, frees everything, optionally hands back the answer. */
static elko_status request(elko_client *c, const char *method, const char *path, const char *body, char **answer) {
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    elko_status st = elko_request(c, method, path, NULL, body, body ? strlen(body) : 0, &out, &len, &err);
    if (st != ELKO_OK && err) fprintf(stderr, "  (request %s %s: %s)\n", method, path, elko_error_message(err));
    elko_error_free(err);
    if (answer) *answer = out; else elko_string_free(out);
    return st;
}

/* Copies the value of "token" from a JSON answer of the admin API. */
static char *token_in(const char *json) {
    const char *p = json ? strstr(json, "\"token\":\"") : NULL;
    if (!p) return NULL;
    p += 9;
    const char *end = strchr(p, '"');
    if (!end) return NULL;
    char *t = malloc((size_t)(end - p) + 1);
    if (!t) return NULL;
    memcpy(t, p, (size_t)(end - p));
    t[end - p] = 0;
    return t;
}

static void test_library(void) {
    CHECK(elko_version() != NULL && strcmp(elko_version(), "0.1.0") == 0);
    CHECK(elko_abi_version() == 1);
    CHECK(strcmp(elko_strerror(ELKO_OK), "ok") == 0);
    for (int s = ELKO_E_INTERNAL; s <= ELKO_E_INVALID_ARGUMENT; s++) {
        CHECK(strcmp(elko_strerror(s), "unknown status code") != 0);
    }
    CHECK(strcmp(elko_strerror(-999), "unknown status code") == 0);
    CHECK(strcmp(elko_strerror(42), "unknown status code") == 0);
    CHECK(contains(elko_strerror(ELKO_E_RATE_LIMITED), "limit"));
}

static void test_client_new(void) {
    elko_client *c = (elko_client *)1;
    elko_error *err = NULL;
    const char *good = options(token, "");

    CHECK(elko_client_new(NULL, 0, &c, &err) == ELKO_E_INVALID_ARGUMENT && c == NULL);
    CHECK(contains(elko_error_message(err), "options_json is NULL"));
    elko_error_free(err);
    CHECK(elko_client_new(good, strlen(good), NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "out is NULL"));
    elko_error_free(err);
    /* err may be NULL: the status alone */
    CHECK(elko_client_new(NULL, 0, &c, NULL) == ELKO_E_INVALID_ARGUMENT);

    struct { const char *json; const char *says; } bad[] = {
        {"{\"version\": 1, \"region\": ", "not valid JSON"},
        {"", "not valid JSON"},
        {"[1, 2]", "must be a JSON object"},
        {"{\"version\": 1, \"region\": \"ua\", \"token\": \"abc\", \"colour\": \"red\"}", "\"colour\""},
        {"{\"version\": 2, \"region\": \"ua\", \"token\": \"abc\"}", "\"version\" must be 1"},
        {"{\"version\": 1, \"token\": \"abc\"}", "\"base_url\" or \"region\" is required"},
        {"{\"region\": \"mars\", \"token\": \"abc\"}", "unknown region"},
        {"{\"region\": \"ua\", \"base_url\": \"http://x\", \"token\": \"abc\"}", "not both"},
        {"{\"base_url\": \"ftp://x\", \"token\": \"abc\"}", "base_url"},
        {"{\"region\": \"ua\", \"token\": \"abc\", \"dialect\": \"klingon\"}", "unknown dialect"},
        {"{\"region\": \"ua\", \"token\": \"abc\", \"timeout_ms\": 0}", "timeout_ms"},
        {"{\"region\": \"ua\", \"token\": \"abc\", \"timeout_ms\": \"5\"}", "timeout_ms"},
        {"{\"region\": \"ua\", \"token\": \"abc\", \"format\": \"csv\"}", "unknown format"},
        {"{\"region\": \"ua\", \"token\": \"abc\", \"paths\": {\"nope.nope\": \"/x\"}}", "unknown operation \"nope.nope\""},
        {"{\"region\": \"ua\", \"token\": \"abc\", \"paths\": {\"orders.get\": \"/x\"}}", "{orderId}"},
        {"{\"region\": \"ua\", \"token\": \"\"}", "token"},
        {"{\"region\": \"ua\", \"token_file\": \"/nonexistent/elko-token\"}", "token_file"},
        {"{\"region\": \"ua\", \"token\": \"a\", \"token\": \"b\"}", "not valid JSON"},
        {"{\"region\": \"\xff\xfe\", \"token\": \"abc\"}", "not valid JSON"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c = (elko_client *)1;
        err = NULL;
        elko_status st = elko_client_new(bad[i].json, strlen(bad[i].json), &c, &err);
        if (st != ELKO_E_INVALID_ARGUMENT || c != NULL || elko_error_code(err) != ELKO_E_INVALID_ARGUMENT ||
            !contains(elko_error_message(err), bad[i].says) || elko_error_http_status(err) != 0) {
            failed++;
            fprintf(stderr, "FAIL %s:%d: options #%zu: status %d, message: %s\n", __FILE__, __LINE__, i, st,
                    elko_error_message(err));
        } else {
            passed++;
        }
        elko_error_free(err);
    }

    /* The token never appears in an error: an unknown key, a truncated document, a bad token value. */
    const char *secret = "eyJSECRETSECRET.payload.sig";
    char buf[512];
    snprintf(buf, sizeof buf, "{\"region\": \"ua\", \"token\": \"%s\", \"bogus\": 1}", secret);
    CHECK(elko_client_new(buf, strlen(buf), &c, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "bogus") && !contains(elko_error_message(err), "SECRET"));
    elko_error_free(err);
    snprintf(buf, sizeof buf, "{\"region\": \"ua\", \"token\": \"%s", secret);
    CHECK(elko_client_new(buf, strlen(buf), &c, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(!contains(elko_error_message(err), "SECRET"));
    elko_error_free(err);
    snprintf(buf, sizeof buf, "{\"region\": \"ua\", \"token\": \"%s with space\"}", secret);
    CHECK(elko_client_new(buf, strlen(buf), &c, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(!contains(elko_error_message(err), "SECRET"));
    elko_error_free(err);

    /* Good: a region, "Bearer " prefix, a length shorter than the text (no NUL needed). */
    const char *ok = "{\"version\": 1, \"region\": \"ua\", \"token\": \"Bearer abc\"}TRAILING";
    c = NULL;
    CHECK(elko_client_new(ok, strlen(ok) - 8, &c, &err) == ELKO_OK && c != NULL && err == NULL);
    elko_client_free(c);
    elko_client_free(NULL);
}

static void test_call_arguments(elko_client *c) {
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    const char *p = "{}";

    CHECK(elko_call(NULL, "catalog.vendors", p, 2, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "client is NULL"));
    elko_error_free(err);
    CHECK(elko_call(c, NULL, p, 2, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "operation is NULL"));
    elko_error_free(err);
    CHECK(elko_call(c, "catalog.vendors", p, 2, NULL, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "out_json is NULL"));
    elko_error_free(err);
    CHECK(elko_call(c, "catalog.vendors", p, 2, &out, NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "out_len is NULL"));
    elko_error_free(err);
    CHECK(elko_call(c, "catalog.vendors", NULL, 5, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "params_json is NULL"));
    elko_error_free(err);
    CHECK(elko_call(c, "catalog.vendors", p, 2, &out, &len, NULL) == ELKO_OK && out != NULL);
    elko_string_free(out);
    CHECK(elko_call(c, "nope", p, 2, &out, &len, NULL) == ELKO_E_INVALID_ARGUMENT && out == NULL);

    err = call_fails(c, "catalog.\xff\xfe", "{}", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "not valid UTF-8"));
    elko_error_free(err);
    err = call_fails(c, "catalog.products", "{\"lang\": \"\xff\"}", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "not valid JSON"));
    elko_error_free(err);
    err = call_fails(c, "catalog.products", "{\"lang\": ", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "not valid JSON"));
    CHECK(elko_error_operation(err) != NULL && strcmp(elko_error_operation(err), "catalog.products") == 0);
    elko_error_free(err);
    err = call_fails(c, "catalog.products", "[1]", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "must be a JSON object"));
    elko_error_free(err);
    err = call_fails(c, "catalog.nothing", "{}", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "unknown operation \"catalog.nothing\""));
    CHECK(elko_error_operation(err) == NULL);
    elko_error_free(err);
    err = call_fails(c, "catalog.products", "{\"colour\": \"red\"}", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "unknown parameter \"colour\""));
    elko_error_free(err);

    /* wrong types */
    struct { const char *op, *params, *says; } types[] = {
        {"orders.get", "{\"orderId\": \"abc\"}", "whole number"},
        {"orders.get", "{\"orderId\": true}", "whole number"},
        {"orders.get", "{\"orderId\": 1.5}", "whole number"},
        {"orders.get", "{\"orderId\": [1, 2]}", "one value"},
        {"catalog.products", "{\"elkoCode\": {\"a\": 1}}", "non-empty string"},
        {"catalog.products", "{\"elkoCode\": [\"1\", false]}", "non-empty string"},
        {"catalog.availability", "{\"type\": \"Cheap\", \"elkoCodes\": [\"1\"]}", "one of"},
        {"invoices.list", "{\"withAdditionalInfo\": \"maybe\"}", "true or false"},
        {"invoices.range", "{\"from\": 118400, \"to\": 118269}", "JDE"},
        {"catalog.vendors", "{\"body\": {}}", "sends no body"},
        {"orders.create", "{\"body\": \"text\"}", "object or array"},
        {"catalog.products", "{\"elkoCode\": \"1\", \"ELKOCODE\": \"2\"}", "given twice"},
        {"catalog.products", "{\"showOnlyAvaliable\": true}", "dialect"},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        err = call_fails(c, types[i].op, types[i].params, ELKO_E_INVALID_ARGUMENT, __LINE__);
        if (!contains(elko_error_message(err), types[i].says)) {
            failed++;
            fprintf(stderr, "FAIL %s:%d: type case #%zu: message: %s\n", __FILE__, __LINE__, i, elko_error_message(err));
        }
        elko_error_free(err);
    }
    /* missing required parameters */
    err = call_fails(c, "catalog.media", "{}", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "missing required path parameter \"elkoCodes\""));
    elko_error_free(err);
    err = call_fails(c, "catalog.media", "{\"elkoCodes\": []}", ELKO_E_INVALID_ARGUMENT, __LINE__);
    elko_error_free(err);
    err = call_fails(c, "catalog.availability", "{\"type\": \"Availability\"}", ELKO_E_INVALID_ARGUMENT, __LINE__);
    CHECK(contains(elko_error_message(err), "\"elkoCodes\""));
    elko_error_free(err);
}

static void test_calls(elko_client *c) {
    size_t len = 0;
    char *out = call_ok(c, "catalog.vendors", NULL, &len, __LINE__);
    CHECK(out && out[0] == '[' && len > 2);
    elko_string_free(out);
    out = call_ok(c, "catalog.categories", "  ", NULL, __LINE__);
    CHECK(out && out[0] == '[');
    elko_string_free(out);
    out = call_ok(c, "account.get", "{}", NULL, __LINE__);
    CHECK(out && out[0] == '{');
    elko_string_free(out);

    /* products: pick one code from the catalog, then ask for it by list, as a number and case-insensitively */
    out = call_ok(c, "catalog.products", "{}", &len, __LINE__);
    char code[64] = "";
    const char *k = out ? strstr(out, "\"elkoCode\":") : NULL;
    if (k) {
        k += 11;
        k += strspn(k, " \"");
        size_t n = strspn(k, "0123456789");
        if (n < sizeof code) { memcpy(code, k, n); code[n] = 0; }
    }
    CHECK(code[0] != 0);
    elko_string_free(out);
    char params[256];
    snprintf(params, sizeof params, "{\"elkoCode\": [\"%s\"]}", code);
    out = call_ok(c, "catalog.products", params, NULL, __LINE__);
    CHECK(contains(out, code));
    elko_string_free(out);
    snprintf(params, sizeof params, "{\"ELKOCODE\": %s, \"lang\": null}", code);
    out = call_ok(c, "catalog.products", params, NULL, __LINE__);
    CHECK(contains(out, code));
    elko_string_free(out);
    snprintf(params, sizeof params, "{\"elkoCodes\": [\"%s\"]}", code);
    out = call_ok(c, "catalog.description", params, NULL, __LINE__);
    elko_string_free(out);
    out = call_ok(c, "catalog.media", params, NULL, __LINE__);
    elko_string_free(out);
    snprintf(params, sizeof params, "{\"type\": \"availabilityprice\", \"elkoCodes\": [\"%s\"]}", code);
    out = call_ok(c, "catalog.availability", params, NULL, __LINE__);
    CHECK(contains(out, "prices"));
    elko_string_free(out);

    /* 400 with ELKO's plain text */
    elko_error *err = call_fails(c, "orders.create", "{\"body\": {\"currency\": \"USD\"}}", ELKO_E_BAD_REQUEST, __LINE__);
    CHECK(elko_error_http_status(err) == 400);
    CHECK(elko_error_body(err) != NULL && strcmp(elko_error_body(err), "The Lines field is required.") == 0);
    CHECK(contains(elko_error_message(err), "The Lines field is required."));
    CHECK(elko_error_operation(err) != NULL && strcmp(elko_error_operation(err), "orders.create") == 0);
    CHECK(elko_error_retry_after_ms(err) == 0);
    elko_error_free(err);
    err = call_fails(c, "orders.create", NULL, ELKO_E_BAD_REQUEST, __LINE__);
    elko_error_free(err);

    /* 404 */
    err = call_fails(c, "orders.get", "{\"orderId\": \"987654321\"}", ELKO_E_NOT_FOUND, __LINE__);
    CHECK(elko_error_http_status(err) == 404);
    elko_error_free(err);

    /* UA dialect through a second client on the same sandbox */
    elko_client *ua = client_with(token, ", \"dialect\": \"ua\", \"user_agent_app\": \"c-tests/1\"");
    CHECK(ua != NULL);
    out = call_ok(ua, "catalog.categories", NULL, NULL, __LINE__);
    elko_string_free(out);
    out = call_ok(ua, "catalog.products", "{\"showOnlyAvaliable\": true}", NULL, __LINE__);
    elko_string_free(out);
    elko_client_free(ua);

    /* XML answers come back as text */
    elko_client *xml = client_with(token, ", \"format\": \"xml\"");
    out = call_ok(xml, "catalog.vendors", NULL, NULL, __LINE__);
    CHECK(out && out[0] == '<');
    elko_string_free(out);
    elko_client_free(xml);

    /* a path override */
    elko_client *custom = client_with(token, ", \"paths\": {\"catalog.vendors\": \"/v3.0/api/Catalog/Nothing\"}");
    err = call_fails(custom, "catalog.vendors", NULL, ELKO_E_NOT_FOUND, __LINE__);
    elko_error_free(err);
    elko_client_free(custom);
}

static void test_request(elko_client *c) {
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;

    CHECK(elko_request(c, "GET", "/v3.0/api/Catalog/Vendors", NULL, NULL, 0, &out, &len, &err) == ELKO_OK);
    CHECK(out != NULL && out[0] == '[' && strlen(out) == len && err == NULL);
    elko_string_free(out);
    CHECK(elko_request(c, "get", "/v3.0/api/Catalog/Products", "vendorCode=U1&lang=UA", NULL, 0, &out, &len, &err) == ELKO_OK);
    elko_string_free(out);

    CHECK(elko_request(NULL, "GET", "/", NULL, NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, NULL, "/", NULL, NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "method is NULL"));
    elko_error_free(err);
    CHECK(elko_request(c, "GET", NULL, NULL, NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, "GET", "/", NULL, NULL, 0, NULL, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, "GET", "/", NULL, NULL, 0, &out, NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, "POST", "/v3.0/api/Orders", NULL, NULL, 3, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, "PATCH", "/v3.0/api/Orders", NULL, NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, "GET", "v3.0/api/Orders", NULL, NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, "GET", "/v3.0/\xff", NULL, NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "UTF-8"));
    elko_error_free(err);
    CHECK(elko_request(c, "GET", "/v3.0/api/Orders", "a=b c", NULL, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_request(c, "POST", "/v3.0/api/Orders", NULL, "{\"lines\": [", 11, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "not valid JSON"));
    elko_error_free(err);

    /* 405 with the Allow header in the message */
    CHECK(elko_request(c, "DELETE", "/v3.0/api/Catalog/Vendors", NULL, NULL, 0, &out, &len, &err) == ELKO_E_METHOD_NOT_ALLOWED);
    CHECK(elko_error_http_status(err) == 405 && contains(elko_error_message(err), "GET"));
    CHECK(elko_error_operation(err) == NULL);
    elko_error_free(err);
    /* 400 through the raw path too */
    CHECK(elko_request(c, "POST", "/v3.0/api/Orders", NULL, "{}", 2, &out, &len, &err) == ELKO_E_BAD_REQUEST);
    CHECK(elko_error_body(err) && strcmp(elko_error_body(err), "The Lines field is required.") == 0);
    elko_error_free(err);
}

static void test_faults(elko_client *c) {
    if (!admin || !*admin) {
        fprintf(stderr, "no ELKO_ADMIN_URL: fault tests skipped\n");
        return;
    }
    const char *admin_path = admin + strlen(url); /* "/_sandbox" */
    char path[256];
    /* this file sends about 50 requests with the demo token: start a fresh rate-limit window */
    snprintf(path, sizeof path, "%s/counters", admin_path);
    CHECK(request(c, "DELETE", path, NULL, NULL) == ELKO_OK);
    snprintf(path, sizeof path, "%s/faults", admin_path);

    /* 500 */
    CHECK(request(c, "POST", path, "{\"fault\": \"error500\", \"count\": 1}", NULL) == ELKO_OK);
    elko_error *err = call_fails(c, "catalog.vendors", NULL, ELKO_E_SERVER, __LINE__);
    CHECK(elko_error_http_status(err) == 500);
    CHECK(elko_error_body(err) && strcmp(elko_error_body(err), "Something went wrong.") == 0);
    elko_error_free(err);

    /* connection reset, truncated body: network. libcurl resends once by itself when a reused
     * keep-alive connection dies before any answer (once per cached connection), so ten resets,
     * then clear what is left. */
    CHECK(request(c, "POST", path, "{\"fault\": \"reset\", \"count\": 10}", NULL) == ELKO_OK);
    err = call_fails(c, "catalog.vendors", NULL, ELKO_E_NETWORK, __LINE__);
    CHECK(elko_error_http_status(err) == 0);
    elko_error_free(err);
    CHECK(request(c, "DELETE", path, NULL, NULL) == ELKO_OK);
    CHECK(request(c, "POST", path, "{\"fault\": \"truncate\", \"count\": 1}", NULL) == ELKO_OK);
    err = call_fails(c, "catalog.categories", NULL, ELKO_E_NETWORK, __LINE__);
    elko_error_free(err);

    /* timeout */
    elko_client *quick = client_with(token, ", \"timeout_ms\": 300, \"retries\": {\"max\": 0}");
    CHECK(request(c, "POST", path, "{\"fault\": \"latency=3000\", \"count\": 1}", NULL) == ELKO_OK);
    err = call_fails(quick, "catalog.vendors", NULL, ELKO_E_TIMEOUT, __LINE__);
    elko_error_free(err);
    elko_client_free(quick);
    /* the fault is consumed; the client works again */
    char *out = call_ok(c, "catalog.vendors", NULL, NULL, __LINE__);
    elko_string_free(out);

    /* nothing listens: network */
    elko_client *nowhere = NULL;
    const char *o = "{\"base_url\": \"http://127.0.0.1:1\", \"token\": \"abc\", \"connect_timeout_ms\": 2000}";
    CHECK(elko_client_new(o, strlen(o), &nowhere, NULL) == ELKO_OK);
    err = call_fails(nowhere, "catalog.vendors", NULL, ELKO_E_NETWORK, __LINE__);
    elko_error_free(err);
    elko_client_free(nowhere);

    /* a bad token: 403 with an empty body */
    elko_client *bad = client_with("Bearer eyJhbGciOiJIUzI1NiJ9.e30.nope", "");
    err = call_fails(bad, "account.get", NULL, ELKO_E_UNAUTHORIZED, __LINE__);
    CHECK(elko_error_http_status(err) == 403);
    CHECK(!contains(elko_error_message(err), "eyJhbGciOiJIUzI1NiJ9"));
    elko_error_free(err);
    elko_client_free(bad);

    /* an IP outside the allow-list: 403 with a body */
    snprintf(path, sizeof path, "%s/companies", admin_path);
    char *answer = NULL;
    CHECK(request(c, "POST", path,
                  "{\"accountNo\": \"700101\", \"name\": \"Far away\", \"username\": \"far\", \"password\": \"far\","
                  " \"allowList\": [\"10.9.8.7\"]}", &answer) == ELKO_OK);
    char *far = token_in(answer);
    elko_string_free(answer);
    CHECK(far != NULL);
    if (far) {
        elko_client *fc = client_with(far, "");
        err = call_fails(fc, "account.get", NULL, ELKO_E_FORBIDDEN, __LINE__);
        CHECK(elko_error_http_status(err) == 403 && contains(elko_error_body(err), "IP"));
        elko_error_free(err);
        elko_client_free(fc);
        free(far);
    }

    /* the rate limit, on a company of its own so that the block does not touch the others */
    CHECK(request(c, "POST", path,
                  "{\"accountNo\": \"700102\", \"name\": \"Busy\", \"username\": \"busy\", \"password\": \"busy\","
                  " \"allowList\": [\"127.0.0.1\", \"::1\"]}", &answer) == ELKO_OK);
    char *busy = token_in(answer);
    elko_string_free(answer);
    CHECK(busy != NULL);
    if (busy) {
        /* a limiter looser than ELKO's, so that the sandbox's 403 is reached */
        elko_client *bc = client_with(busy, ", \"rate_limit\": {\"requests\": 1000, \"margin\": 0}");
        elko_status st = ELKO_OK;
        int n = 0;
        for (; n < 60 && st == ELKO_OK; n++) {
            char *o2 = NULL;
            size_t l2 = 0;
            err = NULL;
            st = elko_call(bc, "account.get", NULL, 0, &o2, &l2, &err);
            elko_string_free(o2);
            if (st != ELKO_OK) {
                CHECK(st == ELKO_E_RATE_LIMITED);
                CHECK(elko_error_http_status(err) == 403);
                CHECK(elko_error_retry_after_ms(err) > 0);
                CHECK(contains(elko_error_body(err), "limit"));
            }
            elko_error_free(err);
        }
        CHECK(n == 51);
        elko_client_free(bc);
        free(busy);
    }

    /* error accessors on NULL */
    CHECK(elko_error_code(NULL) == ELKO_OK);
    CHECK(elko_error_http_status(NULL) == 0);
    CHECK(elko_error_message(NULL) != NULL);
    CHECK(elko_error_body(NULL) == NULL);
    CHECK(elko_error_retry_after_ms(NULL) == 0);
    CHECK(elko_error_operation(NULL) == NULL);
    elko_error_free(NULL);
    elko_string_free(NULL);
}

int main(void) {
    url = getenv("ELKO_URL");
    token = getenv("ELKO_TOKEN");
    admin = getenv("ELKO_ADMIN_URL");
    if (!url || !token) {
        fprintf(stderr, "ELKO_URL and ELKO_TOKEN must be set (run through scripts/with-sandbox.py)\n");
        return 2;
    }
    test_library();
    test_client_new();
    /* no retries: the fault tests below expect each fault to reach the caller (retries are tested in
     * test_reliability.c and the Swift tests) */
    elko_client *c = client_with(token, ", \"retries\": {\"max\": 0}");
    CHECK(c != NULL);
    if (c) {
        test_call_arguments(c);
        test_calls(c);
        test_request(c);
        test_faults(c);
        elko_client_free(c);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
