/* See conftext.h. */
#include "errtext.h"
#include "conftext.h"
#include "text.h"
#include "util.h"

#include <confuse.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest calendar file accepted: a year takes well under a kilobyte. */
#define CONF_FILE_MAX (1L << 20)

/* Blanks out comments ("# ...", "// ...", C-style) outside quoted strings,
 * keeping every newline. libconfuse 3.3 counts each comment line twice in
 * its error line numbers and fails on a comment inside a list; with the
 * comments gone neither happens. Returns 0, or the line where an
 * unterminated C-style comment starts. */
static int strip_comments(char *s)
{
	char quote = 0;
	int line = 1, start;

	while (*s) {
		if (*s == '\n')
			line++;
		if (quote) {
			if (*s == '\\' && s[1] != '\0') {
				s++;		/* the escaped character */
				if (*s == '\n')
					line++;
			} else if (*s == quote) {
				quote = 0;
			}
			s++;
		} else if (*s == '"' || *s == '\'') {
			quote = *s++;
		} else if (*s == '#' || (s[0] == '/' && s[1] == '/')) {
			while (*s && *s != '\n')
				*s++ = ' ';
		} else if (s[0] == '/' && s[1] == '*') {
			start = line;
			*s++ = ' ';
			*s++ = ' ';
			while (*s && !(s[0] == '*' && s[1] == '/')) {
				if (*s == '\n')
					line++;
				else
					*s = ' ';
				s++;
			}
			if (*s == '\0')
				return start;
			*s++ = ' ';
			*s++ = ' ';
		} else {
			s++;
		}
	}
	return 0;
}

char *conf_read(const char *path, char *err, int errsz)
{
	char *text = read_file(path, CONF_FILE_MAX, NULL);
	int bad_line;

	if (text == NULL) {
		snprintf(err, errsz, "%s: не удаётся открыть: %s", path, errtext_errno(errno));
		return NULL;
	}
	bad_line = strip_comments(text);
	if (bad_line > 0) {
		free(text);
		snprintf(err, errsz, "%s:%d: незакрытый комментарий /*", path, bad_line);
		return NULL;
	}
	return text;
}

static const char *parse_path;
static char *parse_err;
static int parse_errsz;

static void conf_error(cfg_t *cfg, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void conf_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	char msg[256], *clean, *full;
	const char *file = parse_path ? parse_path : "?";

	/* Keep the first message: later ones are usually consequences. */
	if (parse_err == NULL || parse_errsz <= 0 || parse_err[0] != '\0')
		return;
	vsnprintf(msg, sizeof(msg), errtext_confuse(fmt), ap);
	if (cfg && cfg->line > 0)
		full = xasprintf("%s:%d: %s", file, cfg->line, msg);
	else
		full = xasprintf("%s: %s", file, msg);
	/* A value quoted from the file may hold escape sequences: every
	 * forbidden character becomes U+FFFD before anyone prints it. */
	clean = text_sanitize(full);
	strlcpy0(parse_err, clean, (size_t)parse_errsz);
	free(clean);
	free(full);
}

int conf_parse(cfg_t *cfg, const char *path, char *err, int errsz)
{
	char *text;
	int rc;

	err[0] = '\0';
	cfg_set_error_function(cfg, conf_error);
	parse_path = path ? path : "(настройки)";
	parse_err = err;
	parse_errsz = errsz;
	if (path == NULL) {
		rc = cfg_parse_buf(cfg, "");
	} else if ((text = conf_read(path, err, errsz)) == NULL) {
		rc = CFG_FILE_ERROR;
	} else {
		rc = cfg_parse_buf(cfg, text);
		free(text);
	}
	if (rc != CFG_SUCCESS && err[0] == '\0')
		snprintf(err, (size_t)errsz, "%s: ошибка разбора", parse_path);
	parse_path = NULL;
	parse_err = NULL;
	parse_errsz = 0;
	return rc;
}
