/* The monitoring reports on paper and in Excel: a report table
 * (store/reports.h) rendered as text in 80 columns, as CSV the way Excel
 * with a Russian locale opens it, or as an XLSX workbook (libxlsxwriter).
 * Every text that came from the database is sanitised on the way out. */
#ifndef MARSHRUT_REPORT_H
#define MARSHRUT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store/reports.h"

#define REPORT_TXT_COLS 80

enum report_format {
	REPORT_TXT,      /* text, lines of at most 80 columns */
	REPORT_CSV,      /* UTF-8 with a BOM, ';' between fields, CRLF line ends */
	REPORT_XLSX,     /* one worksheet; binary: never to a terminal */
};

/* "txt" / "csv" / "xlsx" to the enum; false for anything else. */
bool report_format_parse(const char *s, enum report_format *f);

/* A cell as text, sanitised (malloc'd): a number as Russians write it (a
 * decimal comma, at most two decimals), «—» for no figure, «скрыто (<N)»
 * for a withheld share, "" for a blank. */
char *report_cell_text(const struct report_table *t, const struct report_cell *c, int col);

/* The header of a column with its common heading: «group — header». */
char *report_header_text(const struct report_table *t, int col);

/* Text: the title, the scope and year, the table, the notes. A table that
 * fits in 80 columns is drawn as a table (long texts wrap inside their
 * column, headers wrap by words); a wider one, or a single row of
 * figures, as a list of «header … value» lines per row. */
int report_render_txt(const struct report_table *t, FILE *out);
/* CSV for Excel: BOM; the title and the scope as the first lines, an empty
 * line, one header line, the rows, an empty line and the notes. Fields
 * with ';', '"' or a line break are quoted; a text beginning with = + - @
 * gets a leading apostrophe so that Excel never takes it for a formula. */
int report_render_csv(const struct report_table *t, FILE *out);
/* XLSX written to a new file at path (libxlsxwriter replaces what is
 * there: callers pass a path of their own). 0, or -1 with a message. */
int report_render_xlsx(const struct report_table *t, const char *path, char *err, size_t errsz);

/* Any format into memory (*buf malloc'd, *len bytes): text and CSV through
 * a memory stream, XLSX through a private temporary directory that is
 * removed afterwards. 0, or -1 with a Russian message in err. */
int report_render(const struct report_table *t, enum report_format f, char **buf, size_t *len,
		  char *err, size_t errsz);

#endif
