/* Spreadsheets in: a CSV file as Excel writes it (in Russian Windows: CP1251
 * with ';'; elsewhere UTF-8, often with a BOM, ';' or ','), parsed by libcsv
 * (quoted fields with delimiters, quotes and line breaks inside, CRLF) and
 * converted to UTF-8 field by field, so that a byte the encoding does not
 * allow is reported with its row and column, never stored. */
#ifndef MARSHRUT_CSVIN_H
#define MARSHRUT_CSVIN_H

#include <stddef.h>

enum csv_encoding { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP1251 };

struct csv_row {
	int line;       /* the row as the spreadsheet numbers it: the header is 1 */
	int n;
	char **cells;   /* UTF-8, never NULL */
};

struct csv_table {
	int ncols;
	char **header;
	int nrows;
	struct csv_row *rows;   /* data rows; rows with every cell empty are left out */
	char encoding[8];       /* "utf-8" or "cp1251", as read */
	char delim;             /* ';', ',' or '\t', as read */
	int header_line;        /* the header's row as the spreadsheet numbers it (0: the first) */
};

/* "auto" / "utf-8" (or "utf8") / "cp1251" (or "windows-1251"); -1 for others. */
int csvin_encoding_parse(const char *s, enum csv_encoding *e);
/* "auto" (0), ";", ",", "tab" or a tab; -1 for others. */
int csvin_delim_parse(const char *s, char *d);

/* Parse len bytes: encoding and delimiter as given, or detected (a BOM or
 * valid UTF-8 means UTF-8, else CP1251; the delimiter is the commonest of
 * ';' ',' and tab in the header line). 0, or -1 with a Russian message
 * naming the row (and column) in err. */
int csvin_parse(const char *buf, size_t len, enum csv_encoding enc, char delim, struct csv_table *t,
		char *err, size_t errsz);
/* The same for a file (at most 64 MB). */
int csvin_read_file(const char *path, enum csv_encoding enc, char delim, struct csv_table *t,
		    char *err, size_t errsz);
void csvin_free(struct csv_table *t);

/* A file of any size read a piece at a time (an import in bounded memory).
 * csvin_open reads the file once to settle the encoding (as csvin_parse
 * decides it: a BOM or valid UTF-8 throughout means UTF-8) and to count
 * its data rows, then reads the header: t gets the header, the encoding,
 * the delimiter and no rows. Each csvin_more then replaces t's rows with
 * the next few (a piece of the file), keeping their line numbers: 1 while
 * rows come, 0 at the end, -1 with a message in err as csvin_parse words
 * it. csvin_close frees the stream and t. Memory stays a few pieces
 * (64 KB each) whatever the file's size. */
struct csvin_stream;
struct csvin_stream *csvin_open(const char *path, enum csv_encoding enc, char delim, struct csv_table *t,
				char *err, size_t errsz);
int csvin_more(struct csvin_stream *st, struct csv_table *t, char *err, size_t errsz);
/* The data rows of the file (rows with every cell empty left out). */
long csvin_rows(const struct csvin_stream *st);
void csvin_close(struct csvin_stream *st, struct csv_table *t);

/* An .xlsx workbook (a zip archive) given to csvin_open is read by
 * xlsxin.h instead: its first sheet's rows come the same way, numbered as
 * the sheet numbers them; t->encoding is "xlsx", t->delim 0. */

/* The rule for every cell read, CSV or xlsx: UTF-8, and no control
 * characters but tab and line breaks (a NUL, an escape…); 0, or -1 with
 * «строка N, столбец M: …» in err. */
int csvin_cells_check(const struct csv_row *row, char *err, size_t errsz);

#endif
