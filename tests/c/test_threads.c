/* One client shared by several threads (each thread sends on its own libcurl handle, freed when the
 * thread exits), and clients created and freed on threads. Prints "N passed, M failed". */
#include <elko.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define CALLS 8

static int passed, failed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const char *url, *token;

static void count(int ok, int line, const char *what) {
    pthread_mutex_lock(&lock);
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, line, what);
    }
    pthread_mutex_unlock(&lock);
}

static void *shared_client(void *arg) {
    elko_client *c = arg;
    for (int i = 0; i < CALLS; i++) {
        char *out = NULL;
        size_t len = 0;
        elko_error *err = NULL;
        const char *op = (i % 2) ? "catalog.vendors" : "catalog.categories";
        elko_status st = elko_call(c, op, NULL, 0, &out, &len, &err);
        count(st == ELKO_OK && out && out[0] == '[' && strlen(out) == len, __LINE__,
              err ? elko_error_message(err) : "shared call");
        elko_error_free(err);
        elko_string_free(out);
    }
    return NULL;
}

static void *own_client(void *arg) {
    (void)arg;
    char options[4096];
    snprintf(options, sizeof options, "{\"version\": 1, \"base_url\": \"%s\", \"token\": \"%s\"}", url, token);
    elko_client *c = NULL;
    elko_error *err = NULL;
    count(elko_client_new(options, strlen(options), &c, &err) == ELKO_OK, __LINE__, "client_new on a thread");
    char *out = NULL;
    size_t len = 0;
    elko_status st = elko_call(c, "orders.get", "{\"orderId\": 1}", 14, &out, &len, &err);
    count(st == ELKO_E_NOT_FOUND && elko_error_http_status(err) == 404, __LINE__, "404 on a thread");
    elko_error_free(err);
    elko_string_free(out);
    elko_client_free(c);
    return NULL;
}

int main(void) {
    url = getenv("ELKO_URL");
    token = getenv("ELKO_TOKEN");
    if (!url || !token) {
        fprintf(stderr, "ELKO_URL and ELKO_TOKEN must be set (run through scripts/with-sandbox.py)\n");
        return 2;
    }
    char options[4096];
    snprintf(options, sizeof options, "{\"version\": 1, \"base_url\": \"%s\", \"token\": \"%s\"}", url, token);
    elko_client *c = NULL;
    if (elko_client_new(options, strlen(options), &c, NULL) != ELKO_OK) {
        fprintf(stderr, "client_new failed\n");
        return 1;
    }
    pthread_t t[THREADS * 2];
    for (int i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, shared_client, c);
    for (int i = THREADS; i < THREADS * 2; i++) pthread_create(&t[i], NULL, own_client, NULL);
    for (int i = 0; i < THREADS * 2; i++) pthread_join(t[i], NULL);
    elko_client_free(c);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
