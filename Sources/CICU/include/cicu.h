// Stable C entry points over the ICU calls xfreport uses. ICU renames its C
// symbols per version (ubrk_open_72), which Swift cannot import directly.
#ifndef XF_CICU_H
#define XF_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint16_t xf_uchar;

enum { XF_BREAK_WORD = 1, XF_BREAK_SENTENCE = 3 };

/// Opaque break iterator. Reuse it over many texts with xf_break_set_text.
typedef struct xf_break xf_break;

/// Opens a break iterator of `kind` for `locale`; returns NULL and sets *status on failure.
xf_break *xf_break_open(int32_t kind, const char *locale, int32_t *status);
void xf_break_close(xf_break *it);
/// Points the iterator at `text` (UTF-16, `length` code units). The text must outlive its use.
void xf_break_set_text(xf_break *it, const xf_uchar *text, int32_t length, int32_t *status);
/// Writes up to `capacity` boundaries after the start (UTF-16 offsets) and the rule status
/// of each segment that ends there. Returns the number written; call again to continue.
int32_t xf_break_fill(xf_break *it, int32_t *bounds, int32_t *statuses, int32_t capacity);

/// ICU charset detection. Writes the best match's name into `name` (NUL-terminated) and its
/// confidence (0-100). Returns 0 when nothing was detected.
int32_t xf_detect_charset(const char *bytes, int32_t length, char *name, int32_t nameCapacity,
                          int32_t *confidence);

/// Decodes `length` bytes in `charset` to UTF-16. Each undecodable byte sequence becomes
/// U+FFFD; `*invalidCount` counts them and `*firstInvalid` is the byte offset of the first
/// (-1 if none). Returns the number of code units written, or -1 on error (*status set).
/// `capacity` must be at least 2 * length + 2.
int32_t xf_decode(const char *charset, const char *bytes, int32_t length, xf_uchar *out,
                  int32_t capacity, int32_t *invalidCount, int32_t *firstInvalid, int32_t *status);

/// Encodes UTF-16 text in `charset`. Returns the number of bytes written, or -1 on error.
int32_t xf_encode(const char *charset, const xf_uchar *text, int32_t length, char *out, int32_t capacity,
                  int32_t *status);

/// Opaque transliterator.
typedef struct xf_translit xf_translit;
xf_translit *xf_translit_open(const char *id, int32_t *status);
void xf_translit_close(xf_translit *t);
/// Transliterates `text` in place; returns the new length (may exceed `length`, at most
/// `capacity`), or -1 on error.
int32_t xf_translit_run(xf_translit *t, xf_uchar *text, int32_t length, int32_t capacity,
                        int32_t *status);

/// Sentence_Break property value of a code point (ICU's UCharSentenceBreak: 0 Other, 1 ATerm,
/// 2 Close, 3 Format, 4 Lower, 5 Numeric, 6 OLetter, 7 Sep, 8 Sp, 9 STerm, 10 Upper, 11 CR,
/// 12 Extend, 13 LF, 14 SContinue).
int32_t xf_sentence_break(int32_t c);
/// The code point ranges [starts[i], ends[i]] whose Sentence_Break is `value`; writes at most
/// `capacity` and returns how many there are (-1 on error).
int32_t xf_sentence_break_ranges(int32_t value, int32_t *starts, int32_t *ends, int32_t capacity);

/// Name of an ICU error code.
const char *xf_error_name(int32_t status);
/// ICU's version string, e.g. "72.1".
void xf_icu_version(char *out, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif
