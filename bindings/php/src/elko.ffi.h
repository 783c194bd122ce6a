typedef enum elko_status {
    ELKO_OK = 0,
    ELKO_E_INVALID_ARGUMENT = -1,
    ELKO_E_BAD_REQUEST = -2,
    ELKO_E_UNAUTHORIZED = -3,
    ELKO_E_FORBIDDEN = -4,
    ELKO_E_RATE_LIMITED = -5,
    ELKO_E_NOT_FOUND = -6,
    ELKO_E_METHOD_NOT_ALLOWED = -7,
    ELKO_E_SERVER = -8,
    ELKO_E_NETWORK = -9,
    ELKO_E_TIMEOUT = -10,
    ELKO_E_PROTOCOL = -11,
    ELKO_E_WRITE_REFUSED = -12,
    ELKO_E_INTERNAL = -13,
    ELKO_E_UNCERTAIN = -14
} elko_status;

typedef struct elko_client elko_client;

typedef struct elko_error elko_error;

const char *elko_version(void);

int elko_abi_version(void);

const char *elko_strerror(int status);

elko_status elko_client_new(const char *options_json, size_t len, elko_client **out, elko_error **err);

void elko_client_free(elko_client *client);

elko_status elko_call(elko_client *client, const char *operation, const char *params_json, size_t len,
                      char **out_json, size_t *out_len, elko_error **err);

elko_status elko_request(elko_client *client, const char *method, const char *path, const char *query,
                         const char *body, size_t body_len, char **out_body, size_t *out_len,
                         elko_error **err);

void elko_string_free(char *s);

elko_status elko_error_code(const elko_error *err);

int elko_error_http_status(const elko_error *err);

const char *elko_error_message(const elko_error *err);

const char *elko_error_body(const elko_error *err);

int64_t elko_error_retry_after_ms(const elko_error *err);

const char *elko_error_operation(const elko_error *err);

const char *elko_error_reference(const elko_error *err);

void elko_error_free(elko_error *err);

typedef struct elko_iter elko_iter;

elko_status elko_iter_new(elko_client *client, const char *operation, const char *params_json, size_t len,
                          elko_iter **out, elko_error **err);

int elko_iter_next(elko_iter *it, const char **item, size_t *item_len, elko_error **err);

void elko_iter_free(elko_iter *it);

int elko_iter_next_batch(elko_iter *it, size_t max_items, size_t max_bytes, char **text, size_t *text_len,
                         size_t *count, elko_error **err);

elko_status elko_download(elko_client *client, const char *operation, const char *params_json, size_t len,
                          const char *path, uint64_t *bytes_written, elko_error **err);

elko_status elko_batch(elko_client *client, const char *operation, const char *codes_json, size_t codes_len,
                       const char *params_json, size_t params_len, size_t batch_size, char **out_json,
                       size_t *out_len, elko_error **err);

elko_status elko_orders_place(elko_client *client, const char *operation, const char *params_json, size_t len,
                              char **out_json, size_t *out_len, elko_error **err);

elko_status elko_orders_pending(elko_client *client, char **out_json, size_t *out_len, elko_error **err);

elko_status elko_orders_reconcile(elko_client *client, char **out_json, size_t *out_len, elko_error **err);

typedef enum elko_log_level {
    ELKO_LOG_OFF = 0,
    ELKO_LOG_ERROR = 1,
    ELKO_LOG_WARN = 2,
    ELKO_LOG_INFO = 3,
    ELKO_LOG_DEBUG = 4
} elko_log_level;

typedef void (*elko_log_callback)(void *user, int level, const char *line, size_t len);

elko_status elko_client_set_log_callback(elko_client *client, elko_log_callback callback, void *user);
