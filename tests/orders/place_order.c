/* One placer of the kill test (tests/orders/kill_reconcile.py): places one order with
 * elko_orders_place() and prints the envelope as one JSON line. The test kills it with SIGKILL while the
 * sandbox holds the answer (fault hang-after), so that a later process has to reconcile its journal entry.
 *
 * Usage: ELKO_URL=... ELKO_TOKEN=... place_order <state_dir> <elko_code> [<customerPo>]
 * The token is read by the library from ELKO_TOKEN (never on the command line). Without a customerPo the
 * library adds a reference. Exit status: 0 placed, 1 refused or failed, 3 ELKO_E_UNCERTAIN.
 */
#include <elko.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Only [A-Za-z0-9_./-]: the values are spliced into JSON text as they are. */
static int plain(const char *s) {
    if (!*s) return 0;
    for (; *s; s++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-", *s)) return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    const char *url = getenv("ELKO_URL");
    if (argc < 3 || argc > 4 || !url || !plain(argv[1]) || !plain(argv[2]) || (argc == 4 && !plain(argv[3]))) {
        fprintf(stderr, "usage: ELKO_URL=... ELKO_TOKEN=... %s state_dir elko_code [customerPo]\n", argv[0]);
        return 2;
    }
    char options[2048], params[512];
    /* One send waits as long as the test needs (it is killed first); the limiter waits for its slot. */
    snprintf(options, sizeof options,
             "{\"version\": 1, \"base_url\": \"%s\", \"state_dir\": \"%s\", \"log_level\": \"off\", "
             "\"timeout_ms\": 3600000, \"rate_limit\": {\"wait_ms\": 30000}, \"retries\": {\"max\": 0}, "
             "\"orders\": {\"attempt_timeout_ms\": 3600000}}", url, argv[1]);
    snprintf(params, sizeof params,
             "{\"body\": {\"lines\": [{\"elkoCode\": \"%s\", \"quantity\": 1}], \"backorder\": true%s%s%s}}",
             argv[2], argc == 4 ? ", \"customerPo\": \"" : "", argc == 4 ? argv[3] : "", argc == 4 ? "\"" : "");
    elko_client *c = NULL;
    elko_error *err = NULL;
    if (elko_client_new(options, strlen(options), &c, &err) != ELKO_OK) {
        fprintf(stderr, "place_order.c: %s\n", elko_error_message(err));
        elko_error_free(err);
        return 1;
    }
    char *out = NULL;
    size_t len = 0;
    elko_status st = elko_orders_place(c, "orders.create", params, strlen(params), &out, &len, &err);
    int status = 0;
    if (st == ELKO_OK) {
        fwrite(out, 1, len, stdout);
        fputc('\n', stdout);
        elko_string_free(out);
    } else {
        const char *ref = elko_error_reference(err);
        fprintf(stderr, "place_order.c: %s (%s), reference %s\n", elko_error_message(err), elko_strerror(st),
                ref ? ref : "(none)");
        status = st == ELKO_E_UNCERTAIN ? 3 : 1;
        elko_error_free(err);
    }
    elko_client_free(c);
    return status;
}
