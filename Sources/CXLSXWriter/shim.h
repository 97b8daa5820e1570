// libxlsxwriter (Debian: libxlsxwriter-dev) for the xlsx output of `analyze`.
#include <xlsxwriter.h>
