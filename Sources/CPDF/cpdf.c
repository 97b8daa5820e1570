#include "cpdf.h"

#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xf_pdf {
  PopplerDocument *doc;
};

xf_pdf *xf_pdf_open(const void *bytes, size_t length, int *status, char *message, size_t capacity) {
  GError *error = NULL;
  GBytes *data = g_bytes_new(bytes, length);
  PopplerDocument *doc = poppler_document_new_from_bytes(data, NULL, &error);
  g_bytes_unref(data);
  if (!doc) {
    *status = XF_PDF_FAILED;
    if (error && error->domain == POPPLER_ERROR) {
      if (error->code == POPPLER_ERROR_ENCRYPTED) *status = XF_PDF_ENCRYPTED;
      else if (error->code == POPPLER_ERROR_DAMAGED || error->code == POPPLER_ERROR_INVALID) *status = XF_PDF_DAMAGED;
    }
    if (capacity > 0) {
      snprintf(message, capacity, "%s", error && error->message ? error->message : "poppler could not open it");
    }
    if (error) g_error_free(error);
    return NULL;
  }
  xf_pdf *pdf = malloc(sizeof *pdf);
  if (!pdf) { g_object_unref(doc); *status = XF_PDF_FAILED; return NULL; }
  pdf->doc = doc;
  *status = XF_PDF_OK;
  return pdf;
}

int xf_pdf_page_count(xf_pdf *pdf) { return poppler_document_get_n_pages(pdf->doc); }

char *xf_pdf_page_text(xf_pdf *pdf, int index, double **boxes, size_t *box_count) {
  *boxes = NULL;
  *box_count = 0;
  PopplerPage *page = poppler_document_get_page(pdf->doc, index);
  if (!page) return NULL;
  char *text = poppler_page_get_text(page);
  char *copy = text ? strdup(text) : strdup("");
  g_free(text);
  PopplerRectangle *rects = NULL;
  guint n = 0;
  if (copy && poppler_page_get_text_layout(page, &rects, &n) && n > 0) {
    double *out = malloc(sizeof(double) * 4 * n);
    if (out) {
      for (guint k = 0; k < n; k++) {
        out[4 * k] = rects[k].x1;
        out[4 * k + 1] = rects[k].y1;
        out[4 * k + 2] = rects[k].x2;
        out[4 * k + 3] = rects[k].y2;
      }
      *boxes = out;
      *box_count = n;
    }
  }
  g_free(rects);
  g_object_unref(page);
  return copy;
}

void xf_pdf_free(void *p) { free(p); }

void xf_pdf_close(xf_pdf *pdf) {
  if (!pdf) return;
  g_object_unref(pdf->doc);
  free(pdf);
}
