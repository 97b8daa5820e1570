// poppler-glib, for CPDF's C file only: Swift never imports it (glib and cairo headers).
#include <poppler.h>
