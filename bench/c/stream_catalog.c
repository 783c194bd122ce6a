/* Full catalog to native values in C: libelko's iterator (each element parsed with jansson as it
 * arrives) vs the hand-written baseline (libcurl collects the whole body, jansson parses it at once).
 * Both touch every product: sum "price" and count the products in stock ("quantity" is a string such
 * as "0", "8", ">10"), as bench/python/catalog.py and bench/php/catalog.php do. Not a test: a benchmark
 * for issue 6 (bench/catalog.py runs it).
 *
 *   cc -O2 -o build/bench_stream_catalog bench/c/stream_catalog.c -Ibuild/include -Lbuild -lelko \
 *      -ljansson -lcurl -Wl,-rpath,$PWD/build
 *   build/bench_stream_catalog elko|elko-bytes|baseline URL TOKEN
 *
 * "elko-bytes" streams without parsing the elements (the cost of the transfer and the splitting alone).
 * Prints one JSON line: mode, products, in_stock, price_sum, bytes, wall_s, peak_rss_kib (getrusage).
 * Run each mode in its own process so that peak RSS is the mode's own. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */
#include <elko.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static long in_stock = 0;
static double price_sum = 0;

/* Touches a product: adds its price, counts it when in stock; 1 when it has an "id". */
static long touch(json_t *product) {
    json_t *price = json_object_get(product, "price");
    if (price) price_sum += json_number_value(price);
    const char *q = json_string_value(json_object_get(product, "quantity"));
    if (q && q[0] != '\0' && strcmp(q, "0") != 0) in_stock++;
    json_t *id = json_object_get(product, "id");
    return id ? 1 : 0;
}

static int parse_elements = 1; /* 0 for "elko-bytes": the transfer and the splitting alone */

static int run_elko(const char *url, const char *token, long *products, size_t *bytes) {
    char options[8192];
    snprintf(options, sizeof options, "{\"version\": 1, \"base_url\": \"%s\", \"token\": \"%s\", \"timeout_ms\": 3600000, \"rate_limit\": {\"requests\": 100000, \"window_ms\": 1000, \"margin\": 0}}", url, token);
    elko_client *client = NULL;
    elko_error *err = NULL;
    if (elko_client_new(options, strlen(options), &client, &err) != ELKO_OK) {
        fprintf(stderr, "client: %s\n", elko_error_message(err));
        return 1;
    }
    elko_iter *it = NULL;
    if (elko_iter_new(client, "catalog.products", NULL, 0, &it, &err) != ELKO_OK) {
        fprintf(stderr, "iter_new: %s\n", elko_error_message(err));
        return 1;
    }
    const char *item;
    size_t len;
    int r;
    while ((r = elko_iter_next(it, &item, &len, &err)) == 1) {
        if (!parse_elements) {
            *products += len > 0 && item[0] == '{';
            *bytes += len;
            continue;
        }
        json_error_t jerr;
        json_t *product = json_loadb(item, len, 0, &jerr);
        if (!product) {
            fprintf(stderr, "element not JSON: %s\n", jerr.text);
            return 1;
        }
        *products += touch(product);
        *bytes += len;
        json_decref(product);
    }
    if (r < 0) {
        fprintf(stderr, "iter_next: %s\n", elko_error_message(err));
        return 1;
    }
    elko_iter_free(it);
    elko_client_free(client);
    return 0;
}

struct body { char *data; size_t len, cap; };

static size_t collect(char *p, size_t size, size_t n, void *userdata) {
    struct body *b = userdata;
    size_t add = size * n;
    if (b->len + add > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + add) cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) return 0;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, add);
    b->len += add;
    return add;
}

static int run_baseline(const char *url, const char *token, long *products, size_t *bytes) {
    char target[4096], auth[4096];
    snprintf(target, sizeof target, "%s/v3.0/api/Catalog/Products", url);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *h = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    headers = curl_slist_append(headers, "Accept: application/json");
    struct body b = {0};
    curl_easy_setopt(h, CURLOPT_URL, target);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK || status != 200) {
        fprintf(stderr, "baseline: curl %d, HTTP %ld\n", rc, status);
        return 1;
    }
    json_error_t jerr;
    json_t *all = json_loadb(b.data, b.len, 0, &jerr);
    if (!all || !json_is_array(all)) {
        fprintf(stderr, "baseline: not a JSON array: %s\n", jerr.text);
        return 1;
    }
    for (size_t i = 0; i < json_array_size(all); i++) *products += touch(json_array_get(all, i));
    *bytes = b.len;
    json_decref(all);
    free(b.data);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "elko") != 0 && strcmp(argv[1], "elko-bytes") != 0 &&
                      strcmp(argv[1], "baseline") != 0)) {
        fprintf(stderr, "usage: %s elko|elko-bytes|baseline URL TOKEN\n", argv[0]);
        return 2;
    }
    parse_elements = strcmp(argv[1], "elko-bytes") != 0;
    long products = 0;
    size_t bytes = 0;
    double t0 = now();
    int rc = strcmp(argv[1], "baseline") != 0 ? run_elko(argv[2], argv[3], &products, &bytes)
                                           : run_baseline(argv[2], argv[3], &products, &bytes);
    double t1 = now();
    if (rc != 0) return rc;
    printf("{\"mode\": \"%s\", \"products\": %ld, \"in_stock\": %ld, \"price_sum\": %.2f, \"bytes\": %zu, \"wall_s\": %.4f, \"peak_rss_kib\": %ld}\n",
           argv[1], products, in_stock, price_sum, bytes, t1 - t0, peak_rss_kib());
    return 0;
}
