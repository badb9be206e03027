#include <stddef.h>

/* libcurl's curl_easy_setopt takes its value as a variadic argument,
   which Swift cannot pass. These pass it, through the function pointer the runtime looked up
   in the process (FoundationNetworking links libcurl on Linux): no libcurl header or
   development package is needed. Option numbers are libcurl's stable ABI. */

typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*ccurl_progress_callback)(void *context, long downloadTotal, long downloaded, long uploadTotal, long uploaded);

static inline int ccurl_setopt_long(void *setopt, void *handle, int option, long value) {
    return ((int (*)(void *, int, ...))setopt)(handle, option, value);
}

static inline int ccurl_setopt_pointer(void *setopt, void *handle, int option, const void *value) {
    return ((int (*)(void *, int, ...))setopt)(handle, option, value);
}

static inline int ccurl_setopt_data_callback(void *setopt, void *handle, int option, ccurl_data_callback callback) {
    return ((int (*)(void *, int, ...))setopt)(handle, option, callback);
}

static inline int ccurl_setopt_progress_callback(void *setopt, void *handle, int option, ccurl_progress_callback callback) {
    return ((int (*)(void *, int, ...))setopt)(handle, option, callback);
}
