// libxml2 for Swift. Debian builds libxml2 with ICU, and its encoding.h then includes ICU's
// headers, which clash with Foundation's bundled ICU module. xfreport never touches the
// ICU-dependent fields (xmlCharEncodingHandler's converters), so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
