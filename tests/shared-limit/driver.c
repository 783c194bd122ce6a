/* One worker of the shared-limit test (tests/shared-limit/run.py): calls catalog.vendors through
 * libelko as fast as it can from start_ms to end_ms (wall clock), then prints what happened as one JSON
 * line: {"lang": "c", "ok": N, "local": N, "elko403": N, "other": N}.
 * "local" = refused by the client's own limiter (nothing sent), "elko403" = ELKO's (the sandbox's) limit.
 *
 * Usage: driver <base_url> <token> <extra options JSON members> <start_ms> <end_ms>
 */
#define _POSIX_C_SOURCE 200809L
#include <elko.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long wall_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long long ms) {
    if (ms <= 0) return;
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s base_url token extra_options start_ms end_ms\n", argv[0]);
        return 2;
    }
    long long start = atoll(argv[4]), end = atoll(argv[5]);
    char options[4096];
    snprintf(options, sizeof options, "{\"base_url\": \"%s\", \"token\": \"%s\", \"retries\": {\"max\": 0}%s}",
             argv[1], argv[2], argv[3]);
    elko_client *c = NULL;
    elko_error *err = NULL;
    if (elko_client_new(options, strlen(options), &c, &err) != ELKO_OK) {
        fprintf(stderr, "driver.c: %s\n", err ? elko_error_message(err) : "elko_client_new failed");
        elko_error_free(err);
        return 1;
    }
    long ok = 0, local = 0, elko403 = 0, other = 0;
    sleep_ms(start - wall_ms());
    while (wall_ms() < end) {
        char *out = NULL;
        size_t len = 0;
        err = NULL;
        elko_status s = elko_call(c, "catalog.vendors", NULL, 0, &out, &len, &err);
        if (s == ELKO_OK) {
            ok++;
            elko_string_free(out);
        } else if (s == ELKO_E_RATE_LIMITED && elko_error_http_status(err) != 0) {
            elko403++;
        } else if (s == ELKO_E_RATE_LIMITED) {
            local++;
            long long wait = elko_error_retry_after_ms(err), left = end - wall_ms();
            sleep_ms(wait < left ? wait : left);
        } else {
            if (other++ == 0) fprintf(stderr, "driver.c: %s\n", elko_error_message(err));
        }
        elko_error_free(err);
    }
    elko_client_free(c);
    printf("{\"lang\": \"c\", \"ok\": %ld, \"local\": %ld, \"elko403\": %ld, \"other\": %ld}\n", ok, local, elko403, other);
    return 0;
}
