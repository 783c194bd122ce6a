/* elko_iter_next_batch, elko_download and elko_batch against a sandbox (ELKO_URL, ELKO_TOKEN,
 * ELKO_ADMIN_URL from scripts/with-sandbox.py): batches of the catalog equal the whole answer; a
 * download replaces a file atomically and leaves it untouched on errors (no temporary file left);
 * batches of descriptions, media and availability come back in the order asked; one failing batch
 * (a 500 fault, no retries) is reported without losing the others; bad input for every argument.
 * Plain C11 + jansson; prints each failing line, then "N passed, M failed"; exit 1 if anything failed. */
#define _POSIX_C_SOURCE 200809L
#include <elko.h>

#include "check.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *url, *token, *admin;

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

static elko_status admin_request(elko_client *c, const char *method, const char *what, const char *body) {
    char path[512];
    snprintf(path, sizeof path, "%s%s", admin + strlen(url), what);
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    elko_status st = elko_request(c, method, path, NULL, body, body ? strlen(body) : 0, &out, &len, &err);
    if (st != ELKO_OK) fprintf(stderr, "  (admin %s %s: %s)\n", method, what, elko_error_message(err));
    elko_error_free(err);
    elko_string_free(out);
    return st;
}

/* The whole catalog, parsed. */
static json_t *catalog(elko_client *c, char **text, size_t *len) {
    CHECK(elko_call(c, "catalog.products", NULL, 0, text, len, NULL) == ELKO_OK);
    return *text ? json_loadb(*text, *len, 0, NULL) : NULL;
}

static void test_next_batch(elko_client *c) {
    char *whole = NULL;
    size_t whole_len = 0;
    json_t *all = catalog(c, &whole, &whole_len);
    CHECK(all && json_array_size(all) > 100);

    elko_iter *it = NULL;
    elko_error *err = NULL;
    CHECK(elko_iter_new(c, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    size_t total = 0, batches = 0, at = 1;
    int same = 1, within = 1, parsed = 1;
    char *text = NULL;
    size_t len = 0, count = 0;
    int r;
    while ((r = elko_iter_next_batch(it, 100, 0, &text, &len, &count, &err)) == 1) {
        batches++;
        total += count;
        if (count < 1 || count > 100 || text[len] != '\0') within = 0;
        json_t *a = json_loadb(text, len, 0, NULL);
        if (!a || !json_is_array(a) || json_array_size(a) != count) parsed = 0;
        json_decref(a);
        /* "[e1,e2]" is the same bytes as the whole answer's "e1,e2" */
        if (len < 2 || at + len - 2 > whole_len || memcmp(whole + at, text + 1, len - 2) != 0) same = 0;
        at += len - 2 + 1;
        elko_string_free(text);
    }
    CHECK(r == 0 && err == NULL && text == NULL && len == 0 && count == 0);
    CHECK(total == json_array_size(all));
    CHECK(batches == (total + 99) / 100);
    CHECK(same && within && parsed);
    CHECK(elko_iter_next_batch(it, 100, 0, &text, &len, &count, &err) == 0);
    elko_iter_free(it);

    /* by size: every batch but the last reaches max_bytes, and exceeds it by at most one element */
    CHECK(elko_iter_new(c, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    total = 0;
    int sized = 1;
    while ((r = elko_iter_next_batch(it, 0, 4096, &text, &len, &count, &err)) == 1) {
        total += count;
        if (len > 4096 + 4096 || count < 1) sized = 0;
        elko_string_free(text);
    }
    CHECK(r == 0 && sized && total == json_array_size(all));
    elko_iter_free(it);

    /* mixing single elements and batches on one iterator */
    CHECK(elko_iter_new(c, "catalog.vendors", NULL, 0, &it, &err) == ELKO_OK);
    const char *item = NULL;
    CHECK(elko_iter_next(it, &item, &len, &err) == 1 && item != NULL);
    CHECK(elko_iter_next_batch(it, 2, 0, &text, &len, &count, &err) == 1 && count == 2 && text[0] == '[');
    elko_string_free(text);

    /* bad arguments */
    CHECK(elko_iter_next_batch(it, 0, 0, &text, &len, &count, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "both 0"));
    elko_error_free(err);
    CHECK(elko_iter_next_batch(NULL, 1, 0, &text, &len, &count, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_iter_next_batch(it, 1, 0, NULL, &len, &count, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_iter_next_batch(it, 1, 0, &text, NULL, &count, NULL) == ELKO_E_INVALID_ARGUMENT);
    CHECK(elko_iter_next_batch(it, 1, 0, &text, &len, NULL, NULL) == ELKO_E_INVALID_ARGUMENT);
    elko_iter_free(it);
    json_decref(all);
    elko_string_free(whole);
}

static int temp_files_in(const char *dir) {
    DIR *d = opendir(dir);
    int n = 0;
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) n += strstr(e->d_name, ".elko-") != NULL;
    closedir(d);
    return n;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) n = 0;
    fclose(f);
    if (buf) buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static void test_download(elko_client *c) {
    char dir[] = "/tmp/elko-download-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[512];
    snprintf(path, sizeof path, "%s/catalog.json", dir);
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);

    char *whole = NULL;
    size_t whole_len = 0;
    CHECK(elko_call(c, "catalog.products", NULL, 0, &whole, &whole_len, NULL) == ELKO_OK);
    uint64_t written = 0;
    elko_error *err = NULL;
    CHECK(elko_download(c, "catalog.products", NULL, 0, path, &written, &err) == ELKO_OK && err == NULL);
    CHECK(written == whole_len);
    size_t len = 0;
    char *got = read_file(path, &len);
    CHECK(got && len == whole_len && memcmp(got, whole, len) == 0);
    free(got);
    CHECK(temp_files_in(dir) == 0);

    /* a small operation, with params; bytes_written may be NULL */
    char small[512];
    snprintf(small, sizeof small, "%s/account.json", dir);
    CHECK(elko_download(c, "account.get", "{}", 2, small, NULL, &err) == ELKO_OK);
    got = read_file(small, &len);
    CHECK(got && len > 2 && got[0] == '{');
    free(got);

    /* a 500 with no retries: the old file stays, the temporary file is gone */
    elko_client *strict = client_with(", \"retries\": {\"max\": 0}, \"rate_limit\": {\"wait_ms\": 20000}, \"log_level\": \"off\"");
    CHECK(admin_request(c, "POST", "/faults", "{\"fault\": \"error500\", \"count\": 1}") == ELKO_OK);
    CHECK(elko_download(strict, "catalog.products", NULL, 0, small, &written, &err) == ELKO_E_SERVER && written == 0);
    CHECK(elko_error_http_status(err) == 500);
    elko_error_free(err);
    got = read_file(small, &len);
    CHECK(got && len > 2 && got[0] == '{');
    free(got);
    CHECK(temp_files_in(dir) == 0);

    /* a body cut short mid-way */
    CHECK(admin_request(c, "POST", "/faults", "{\"fault\": \"truncate\", \"count\": 1}") == ELKO_OK);
    CHECK(elko_download(strict, "catalog.products", NULL, 0, path, &written, &err) < 0);
    elko_error_free(err);
    got = read_file(path, &len);
    CHECK(got && len == whole_len && memcmp(got, whole, len) == 0);
    free(got);
    CHECK(temp_files_in(dir) == 0);
    elko_client_free(strict);

    /* HTTP errors: a 404 leaves nothing behind */
    char missing[512];
    snprintf(missing, sizeof missing, "%s/missing.json", dir);
    CHECK(elko_download(c, "orders.get", "{\"orderId\": 999999999}", 22, missing, &written, &err) == ELKO_E_NOT_FOUND);
    elko_error_free(err);
    CHECK(access(missing, F_OK) != 0 && temp_files_in(dir) == 0);

    /* bad arguments */
    CHECK(elko_download(c, "catalog.products", NULL, 0, "/nonexistent-dir-elko/x.json", &written, &err) == ELKO_E_INVALID_ARGUMENT);
    CHECK(contains(elko_error_message(err), "temporary file"));
    elko_error_free(err);
    CHECK(elko_download(c, "catalog.products", NULL, 0, dir, &written, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_download(c, "no.such", NULL, 0, path, &written, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_download(NULL, "catalog.products", NULL, 0, path, &written, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_download(c, "catalog.products", NULL, 0, NULL, &written, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_download(c, "catalog.products", "{bad", 4, path, &written, NULL) == ELKO_E_INVALID_ARGUMENT);
    CHECK(temp_files_in(dir) == 0);

    unlink(path);
    unlink(small);
    rmdir(dir);
    elko_string_free(whole);
}

/* The first n ELKO codes of the catalog, as a JSON array text (caller frees), in reverse order. */
static char *codes_json(elko_client *c, size_t n, json_t **codes_out) {
    char *whole = NULL;
    size_t whole_len = 0;
    json_t *all = catalog(c, &whole, &whole_len);
    json_t *codes = json_array();
    for (size_t i = n; i-- > 0;) {
        json_t *p = json_array_get(all, i);
        json_array_append_new(codes, json_integer(json_integer_value(json_object_get(p, "elkoCode"))));
    }
    json_decref(all);
    elko_string_free(whole);
    *codes_out = codes;
    return json_dumps(codes, JSON_COMPACT);
}

/* Checks items are in the order of codes, by the key; returns the number of items. */
static size_t in_order(json_t *items, json_t *codes, const char *key, int *ordered) {
    size_t j = 0;
    *ordered = 1;
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_int_t code = json_integer_value(json_object_get(json_array_get(items, i), key));
        while (j < json_array_size(codes) && json_integer_value(json_array_get(codes, j)) != code) j++;
        if (j == json_array_size(codes)) *ordered = 0;
    }
    return json_array_size(items);
}

static void test_batch(elko_client *c) {
    json_t *codes = NULL;
    char *codes_text = codes_json(c, 120, &codes);
    char *out = NULL;
    size_t len = 0;
    elko_error *err = NULL;
    int ordered = 0;

    CHECK(elko_batch(c, "catalog.description", codes_text, strlen(codes_text), NULL, 0, 0, &out, &len, &err) == ELKO_OK);
    json_t *doc = out ? json_loadb(out, len, 0, NULL) : NULL;
    CHECK(doc && json_integer_value(json_object_get(doc, "batches")) == 3);
    CHECK(json_array_size(json_object_get(doc, "failed")) == 0);
    CHECK(in_order(json_object_get(doc, "items"), codes, "productId", &ordered) == 120 && ordered);
    json_decref(doc);
    elko_string_free(out);

    CHECK(elko_batch(c, "catalog.media", codes_text, strlen(codes_text), NULL, 0, 7, &out, &len, &err) == ELKO_OK);
    doc = out ? json_loadb(out, len, 0, NULL) : NULL;
    CHECK(doc && json_integer_value(json_object_get(doc, "batches")) == 18);
    CHECK(in_order(json_object_get(doc, "items"), codes, "id", &ordered) == 120 && ordered);
    json_decref(doc);
    elko_string_free(out);

    const char *params = "{\"type\": \"AvailabilityPrice\"}";
    CHECK(elko_batch(c, "catalog.availability", codes_text, strlen(codes_text), params, strlen(params), 50, &out, &len, &err) == ELKO_OK);
    doc = out ? json_loadb(out, len, 0, NULL) : NULL;
    CHECK(in_order(json_object_get(doc, "items"), codes, "productId", &ordered) == 120 && ordered);
    json_decref(doc);
    elko_string_free(out);

    /* duplicates are asked once */
    CHECK(elko_batch(c, "catalog.media", "[\"1075419\", 1075419, \"1075419\"]", 31, NULL, 0, 0, &out, &len, &err) == ELKO_OK);
    doc = out ? json_loadb(out, len, 0, NULL) : NULL;
    CHECK(doc && json_integer_value(json_object_get(doc, "batches")) == 1);
    json_decref(doc);
    elko_string_free(out);

    /* no codes: no request */
    CHECK(elko_batch(c, "catalog.media", "[]", 2, NULL, 0, 0, &out, &len, &err) == ELKO_OK);
    CHECK(out && strcmp(out, "{\"items\":[],\"failed\":[],\"batches\":0}") == 0);
    elko_string_free(out);

    /* one failing batch (a 500, no retries): reported with its codes, the others kept */
    elko_client *strict = client_with(", \"retries\": {\"max\": 0}, \"rate_limit\": {\"wait_ms\": 20000}, \"log_level\": \"off\"");
    CHECK(admin_request(c, "POST", "/faults", "{\"fault\": \"error500\", \"count\": 1}") == ELKO_OK);
    CHECK(elko_batch(strict, "catalog.description", codes_text, strlen(codes_text), NULL, 0, 50, &out, &len, &err) == ELKO_OK);
    doc = out ? json_loadb(out, len, 0, NULL) : NULL;
    json_t *failed = json_object_get(doc, "failed");
    CHECK(json_array_size(failed) == 1);
    json_t *f0 = json_array_get(failed, 0);
    CHECK(json_integer_value(json_object_get(f0, "code")) == ELKO_E_SERVER);
    CHECK(json_integer_value(json_object_get(f0, "http_status")) == 500);
    CHECK(strcmp(json_string_value(json_object_get(f0, "error")) ? json_string_value(json_object_get(f0, "error")) : "", "server_error") == 0);
    CHECK(json_array_size(json_object_get(f0, "codes")) == 50);
    CHECK(json_integer_value(json_array_get(json_object_get(f0, "codes"), 0)) == 0); /* codes are strings */
    char first[32];
    snprintf(first, sizeof first, "%lld", (long long)json_integer_value(json_array_get(codes, 0)));
    CHECK(strcmp(json_string_value(json_array_get(json_object_get(f0, "codes"), 0)), first) == 0);
    CHECK(in_order(json_object_get(doc, "items"), codes, "productId", &ordered) == 70 && ordered);
    json_decref(doc);
    elko_string_free(out);
    elko_client_free(strict);

    /* bad arguments: nothing sent */
    CHECK(elko_batch(c, "catalog.products", "[1]", 3, NULL, 0, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT && out == NULL);
    CHECK(contains(elko_error_message(err), "catalog.description"));
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", "{}", 2, NULL, 0, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", "[true]", 6, NULL, 0, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", "[\"1,2\"]", 7, NULL, 0, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", "[1]", 3, NULL, 0, 5000, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", "[1]", 3, "{\"elkoCodes\": [1]}", 18, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", "[1]", 3, "[", 1, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", NULL, 0, NULL, 0, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(NULL, "catalog.media", "[1]", 3, NULL, 0, 0, &out, &len, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err);
    CHECK(elko_batch(c, "catalog.media", "[1]", 3, NULL, 0, 0, NULL, &len, NULL) == ELKO_E_INVALID_ARGUMENT);
    free(codes_text);
    json_decref(codes);
}

int main(void) {
    url = getenv("ELKO_URL");
    token = getenv("ELKO_TOKEN");
    admin = getenv("ELKO_ADMIN_URL");
    if (!url || !token || !admin || !*admin) {
        fprintf(stderr, "test_download_batch: needs ELKO_URL, ELKO_TOKEN and ELKO_ADMIN_URL (scripts/with-sandbox.py)\n");
        return 1;
    }
    elko_client *c = client_with(", \"rate_limit\": {\"wait_ms\": 20000}");
    if (!c) return 1;
    test_next_batch(c);
    test_download(c);
    test_batch(c);
    elko_client_free(c);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
