/* elko_jansson.h: json_t* in and out against a sandbox (ELKO_URL, ELKO_TOKEN), refcounts checked under
 * valgrind by mk/lib.mk. Final line: "N passed, M failed". */
#include <elko_jansson.h>

#include "check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int main(void) {
    const char *url = getenv("ELKO_URL"), *token = getenv("ELKO_TOKEN");
    if (!url || !token) { fprintf(stderr, "ELKO_URL and ELKO_TOKEN must be set\n"); return 2; }
    char options[4096];
    snprintf(options, sizeof options, "{\"version\":1,\"base_url\":\"%s\",\"token\":\"%s\"}", url, token);
    elko_client *client = NULL;
    elko_error *err = NULL;
    CHECK(elko_client_new(options, strlen(options), &client, &err) == ELKO_OK);

    /* A list answer, parsed. */
    json_t *products = NULL;
    CHECK(elko_call_json(client, "catalog.products", NULL, &products, &err) == ELKO_OK && err == NULL);
    CHECK(json_is_array(products) && json_array_size(products) > 0);
    json_t *first = json_array_get(products, 0);
    json_int_t code = json_integer_value(json_object_get(first, "elkoCode"));
    CHECK(code > 0 && json_is_string(json_object_get(first, "quantity")));

    /* Parameters borrowed: still ours, unchanged, after the call. */
    json_t *params = json_pack("{s:[I]}", "elkoCodes", code);
    json_t *media = NULL;
    CHECK(elko_call_json(client, "catalog.media", params, &media, &err) == ELKO_OK);
    CHECK(json_is_array(media) && json_array_size(media) == 1);
    CHECK(params->refcount == 1 && json_array_size(json_object_get(params, "elkoCodes")) == 1);
    json_decref(params);
    elko_json_release(media);

    /* An order placed with a body built by jansson, then read back through the raw variant. */
    json_t *order_params = json_pack("{s:{s:s,s:[{s:I,s:i}]}}", "body", "customerPo", "PO-JANSSON", "lines",
                                     "elkoCode", code, "quantity", 1);
    json_t *order = NULL;
    elko_status st = elko_call_json(client, "orders.create", order_params, &order, &err);
    if (st == ELKO_OK) {
        CHECK(strcmp(json_string_value(json_object_get(order, "customerPo")), "PO-JANSSON") == 0);
        char path[128];
        snprintf(path, sizeof path, "/v3.0/api/Orders/%lld", (long long)json_integer_value(json_object_get(order, "orderId")));
        json_t *again = NULL;
        CHECK(elko_request_json(client, "GET", path, NULL, NULL, &again, &err) == ELKO_OK);
        CHECK(json_equal(json_object_get(again, "orderId"), json_object_get(order, "orderId")));
        elko_json_release(again);
        elko_json_release(order);
    } else {
        /* The first product may be out of stock: ELKO's 400 is then the expected answer. */
        CHECK(st == ELKO_E_BAD_REQUEST && strstr(elko_error_body(err), "Not enough stock") != NULL);
        elko_error_free(err);
        err = NULL;
    }
    json_decref(order_params);

    /* Errors: the same codes as elko_call, *out stays NULL. */
    json_t *none = (json_t *)0x1;
    json_t *empty_body = json_pack("{s:{}}", "body");
    CHECK(elko_call_json(client, "orders.create", empty_body, &none, &err) == ELKO_E_BAD_REQUEST && none == NULL);
    CHECK(err && strcmp(elko_error_body(err), "The Lines field is required.") == 0);
    elko_error_free(err); err = NULL;
    json_decref(empty_body);
    json_t *wrong = json_pack("{s:s}", "orderId", "abc");
    CHECK(elko_call_json(client, "orders.get", wrong, &none, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    json_decref(wrong);
    json_t *not_object = json_integer(5);
    CHECK(elko_call_json(client, "catalog.vendors", not_object, &none, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    json_decref(not_object);

    /* NULL arguments. */
    CHECK(elko_call_json(NULL, "catalog.vendors", NULL, &none, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    CHECK(elko_call_json(client, NULL, NULL, &none, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    CHECK(elko_call_json(client, "catalog.vendors", NULL, NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    CHECK(elko_call_json(client, "\xff\xfe", NULL, &none, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    CHECK(elko_request_json(client, NULL, "/v3.0/api/Catalog/Vendors", NULL, NULL, &none, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    CHECK(elko_request_json(client, "GET", "/v3.0/api/Catalog/Vendors", NULL, NULL, NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    elko_json_release(NULL);

    /* An XML client cannot hand out json_t. */
    char xml_options[4096];
    snprintf(xml_options, sizeof xml_options, "{\"version\":1,\"base_url\":\"%s\",\"token\":\"%s\",\"format\":\"xml\"}", url, token);
    elko_client *xml = NULL;
    CHECK(elko_client_new(xml_options, strlen(xml_options), &xml, &err) == ELKO_OK);
    CHECK(elko_call_json(xml, "catalog.vendors", NULL, &none, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    elko_client_free(xml);

    /* The iterator, item by item as json_t: the same products as the whole answer (their stock may have
     * moved with the order above, so codes are compared). */
    elko_iter *it = NULL;
    CHECK(elko_iter_new(client, "catalog.products", NULL, 0, &it, &err) == ELKO_OK);
    size_t n = 0, same = 0;
    json_t *item = NULL;
    int rc;
    while ((rc = elko_iter_next_json(it, &item, &err)) == 1) {
        if (json_equal(json_object_get(item, "elkoCode"), json_object_get(json_array_get(products, n), "elkoCode"))) same++;
        n++;
        elko_json_release(item);
    }
    CHECK(rc == 0 && err == NULL);
    CHECK(n == json_array_size(products) && same == n);
    CHECK(elko_iter_next_json(it, NULL, &err) == ELKO_E_INVALID_ARGUMENT);
    elko_error_free(err); err = NULL;
    elko_iter_free(it);
    CHECK(elko_iter_next_json(NULL, &item, &err) == ELKO_E_INVALID_ARGUMENT && item == NULL);
    elko_error_free(err); err = NULL;

    elko_json_release(products);
    elko_client_free(client);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
