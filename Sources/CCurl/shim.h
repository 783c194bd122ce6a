// libcurl for Swift. curl_easy_setopt and curl_easy_getinfo are variadic and cannot be called from
// Swift: one typed wrapper per argument kind.
#ifndef ELKO_CCURL_SHIM_H
#define ELKO_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/types.h>

typedef size_t (*elko_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode elko_curl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode elko_curl_setopt_pointer(CURL *h, CURLoption o, const void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode elko_curl_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode elko_curl_setopt_write_callback(CURL *h, elko_curl_data_callback cb) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, cb);
}
static inline CURLcode elko_curl_setopt_header_callback(CURL *h, elko_curl_data_callback cb) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, cb);
}
static inline CURLcode elko_curl_getinfo_long(CURL *h, CURLINFO i, long *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode elko_curl_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode elko_curl_getinfo_double(CURL *h, CURLINFO i, double *out) {
    return curl_easy_getinfo(h, i, out);
}

#endif
