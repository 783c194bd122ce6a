// jansson for Swift. json_incref/json_decref and json_is_* are inline functions or macros that Swift
// cannot always see or call, so typed wrappers live here.
#ifndef ELKO_CJANSSON_SHIM_H
#define ELKO_CJANSSON_SHIM_H
#include <jansson.h>

static inline json_t *elko_json_incref(json_t *json) { return json_incref(json); }
static inline void elko_json_decref(json_t *json) { json_decref(json); }
static inline int elko_json_typeof(const json_t *json) { return json ? (int)json_typeof(json) : -1; }

#endif
