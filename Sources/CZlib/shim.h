#include <zlib.h>

/* zlib's inflateInit2 and deflateInit2 are macros with arguments, which Swift does not
   import: these call them, so that the header's ZLIB_VERSION and z_stream size are the ones
   zlib checks against. windowBits 15 + 16: gzip only (RFC 1952), the largest window. */

static inline int czlib_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}

static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
