// PDF text through poppler-glib, behind plain C types so that Swift never sees glib.
#ifndef XF_CPDF_H
#define XF_CPDF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { XF_PDF_OK = 0, XF_PDF_ENCRYPTED = 1, XF_PDF_DAMAGED = 2, XF_PDF_FAILED = 3 };

typedef struct xf_pdf xf_pdf;

/// Opens a PDF held in memory (copied). NULL on failure, with *status and poppler's message.
xf_pdf *xf_pdf_open(const void *bytes, size_t length, int *status, char *message, size_t capacity);
int xf_pdf_page_count(xf_pdf *pdf);
/// The page's text in reading order (UTF-8, free with xf_pdf_free) and one box per character
/// of it (x1, y1, x2, y2; y down; NULL and 0 when poppler gives none). NULL when the page fails.
char *xf_pdf_page_text(xf_pdf *pdf, int index, double **boxes, size_t *box_count);
void xf_pdf_free(void *p);
void xf_pdf_close(xf_pdf *pdf);

#ifdef __cplusplus
}
#endif
#endif
