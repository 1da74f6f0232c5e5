/* Reading a libconfuse file: the whole text, with comments blanked out. */
#ifndef MARSHRUT_CONFTEXT_H
#define MARSHRUT_CONFTEXT_H

/* The file's text with comments ("# ...", "// ...", C-style) replaced by
 * spaces, newlines kept, ready for cfg_parse_buf(). libconfuse 3.3 counts
 * each comment line twice in its error line numbers and fails on a comment
 * inside a list; with the comments gone neither happens. Returns NULL with
 * "FILE: what is wrong" in err. Caller frees. */
char *conf_read(const char *path, char *err, int errsz);

#include <confuse.h>
/* Parse path (or an empty text when path is NULL) into cfg; errors,
 * including those of validators that call cfg_error(), come back in err as
 * "FILE:LINE: what is wrong". Returns libconfuse's code (CFG_SUCCESS = 0). */
int conf_parse(cfg_t *cfg, const char *path, char *err, int errsz);

#endif
