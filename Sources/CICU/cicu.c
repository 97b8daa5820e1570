#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/uset.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

struct xf_break {
  UBreakIterator *bi;
};

xf_break *xf_break_open(int32_t kind, const char *locale, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open((UBreakIteratorType)kind, locale, NULL, 0, &err);
  *status = err;
  if (U_FAILURE(err)) return NULL;
  xf_break *it = malloc(sizeof(xf_break));
  it->bi = bi;
  return it;
}

void xf_break_close(xf_break *it) {
  if (!it) return;
  ubrk_close(it->bi);
  free(it);
}

void xf_break_set_text(xf_break *it, const xf_uchar *text, int32_t length, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  ubrk_setText(it->bi, (const UChar *)text, length, &err);
  *status = err;
}

int32_t xf_break_fill(xf_break *it, int32_t *bounds, int32_t *statuses, int32_t capacity) {
  int32_t n = 0;
  while (n < capacity) {
    int32_t b = ubrk_next(it->bi);
    if (b == UBRK_DONE) break;
    bounds[n] = b;
    statuses[n] = ubrk_getRuleStatus(it->bi);
    n++;
  }
  return n;
}

int32_t xf_detect_charset(const char *bytes, int32_t length, char *name, int32_t nameCapacity,
                          int32_t *confidence) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector *det = ucsdet_open(&err);
  if (U_FAILURE(err)) return 0;
  ucsdet_setText(det, bytes, length, &err);
  const UCharsetMatch *match = ucsdet_detect(det, &err);
  int32_t found = 0;
  if (U_SUCCESS(err) && match) {
    const char *n = ucsdet_getName(match, &err);
    int32_t c = ucsdet_getConfidence(match, &err);
    if (U_SUCCESS(err) && n) {
      strncpy(name, n, (size_t)nameCapacity - 1);
      name[nameCapacity - 1] = 0;
      *confidence = c;
      found = 1;
    }
  }
  ucsdet_close(det);
  return found;
}

int32_t xf_decode(const char *charset, const char *bytes, int32_t length, xf_uchar *out,
                  int32_t capacity, int32_t *invalidCount, int32_t *firstInvalid, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  *invalidCount = 0;
  *firstInvalid = -1;
  UConverter *cnv = ucnv_open(charset, &err);
  if (U_FAILURE(err)) { *status = err; return -1; }
  // Stop at each bad sequence so that it can be counted and located, then substitute it.
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
  const char *src = bytes, *srcEnd = bytes + length;
  UChar *dst = (UChar *)out, *dstEnd = (UChar *)out + capacity;
  for (;;) {
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv, &dst, dstEnd, &src, srcEnd, NULL, 1, &err);
    if (err == U_INVALID_CHAR_FOUND || err == U_ILLEGAL_CHAR_FOUND || err == U_TRUNCATED_CHAR_FOUND) {
      char bad[32];
      int8_t badLen = sizeof(bad);
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv, bad, &badLen, &e2);
      if (*firstInvalid < 0) *firstInvalid = (int32_t)(src - bytes) - badLen;
      (*invalidCount)++;
      if (dst >= dstEnd) { *status = U_BUFFER_OVERFLOW_ERROR; ucnv_close(cnv); return -1; }
      *dst++ = 0xFFFD;
      ucnv_reset(cnv);
      if (src >= srcEnd) break;
      continue;
    }
    if (U_FAILURE(err)) { *status = err; ucnv_close(cnv); return -1; }
    break;
  }
  ucnv_close(cnv);
  *status = U_ZERO_ERROR;
  return (int32_t)(dst - (UChar *)out);
}

int32_t xf_encode(const char *charset, const xf_uchar *text, int32_t length, char *out, int32_t capacity,
                  int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter *cnv = ucnv_open(charset, &err);
  if (U_FAILURE(err)) { *status = err; return -1; }
  int32_t n = ucnv_fromUChars(cnv, out, capacity, (const UChar *)text, length, &err);
  ucnv_close(cnv);
  *status = err;
  return U_FAILURE(err) ? -1 : n;
}

struct xf_translit {
  UTransliterator *t;
};

xf_translit *xf_translit_open(const char *id, int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  UChar uid[128];
  int32_t n = 0;
  while (id[n] && n < 127) { uid[n] = (UChar)(unsigned char)id[n]; n++; }
  UTransliterator *t = utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, NULL, &err);
  *status = err;
  if (U_FAILURE(err)) return NULL;
  xf_translit *x = malloc(sizeof(xf_translit));
  x->t = t;
  return x;
}

void xf_translit_close(xf_translit *t) {
  if (!t) return;
  utrans_close(t->t);
  free(t);
}

int32_t xf_translit_run(xf_translit *t, xf_uchar *text, int32_t length, int32_t capacity,
                        int32_t *status) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t len = length, limit = length;
  utrans_transUChars(t->t, (UChar *)text, &len, capacity, 0, &limit, &err);
  *status = err;
  if (U_FAILURE(err)) return -1;
  return len;
}

int32_t xf_sentence_break(int32_t c) {
  return u_getIntPropertyValue((UChar32)c, UCHAR_SENTENCE_BREAK);
}

int32_t xf_sentence_break_ranges(int32_t value, int32_t *starts, int32_t *ends, int32_t capacity) {
  UErrorCode err = U_ZERO_ERROR;
  USet *set = uset_openEmpty();
  uset_applyIntPropertyValue(set, UCHAR_SENTENCE_BREAK, value, &err);
  int32_t n = U_SUCCESS(err) ? uset_getRangeCount(set) : -1;
  for (int32_t i = 0; i < n && i < capacity; i++) {
    UChar32 start, end;
    uset_getItem(set, i, &start, &end, NULL, 0, &err);
    starts[i] = start;
    ends[i] = end;
  }
  uset_close(set);
  return n;
}

const char *xf_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

void xf_icu_version(char *out, int32_t capacity) {
  UVersionInfo v;
  u_getVersion(v);
  char buf[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, buf);
  strncpy(out, buf, (size_t)capacity - 1);
  out[capacity - 1] = 0;
}
