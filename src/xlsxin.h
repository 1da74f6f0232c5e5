/* Spreadsheets in: the first worksheet of an Excel workbook (.xlsx, as
 * Excel, LibreOffice and libraries write it) read as rows of UTF-8 cells,
 * the same rows the CSV reader gives (csvin.h), so that everything after
 * reading is shared. The archive is read with libzip and guarded against
 * zip bombs (entries, uncompressed size, ratio, checked while inflating);
 * the XML is streamed with expat: the shared strings are held, the sheet
 * is read a piece at a time. Numbers come as written («64.5»), percent
 * cells as «72%», date cells (built-in formats 14–22, 45–47 and custom
 * date formats) as ДД.ММ.ГГГГ, with « ЧЧ:ММ» when the format shows a time.
 * A control byte in a cell is kept (as DEL when the XML could not hold it)
 * for the shared check (csvin_cells_check) to refuse with row and column. */
#ifndef MARSHRUT_XLSXIN_H
#define MARSHRUT_XLSXIN_H

#include <stdbool.h>
#include <stddef.h>

#include "csvin.h"

/* Limits against zip bombs. */
#define XLSXIN_MAX_ENTRIES 10000
#define XLSXIN_MAX_ENTRY   (256L * 1024 * 1024)  /* one entry, uncompressed */
#define XLSXIN_MAX_TOTAL   (512L * 1024 * 1024)  /* all entries, uncompressed */
#define XLSXIN_MAX_RATIO   100                   /* uncompressed : compressed, past 1 MB */

struct xlsxin;

/* Whether the first bytes are a zip archive's. */
bool xlsxin_is_zip(const void *head, size_t len);

/* Open the workbook (read as the user, secure.h) or the len bytes at buf
 * (kept by the caller until xlsxin_close): the archive checked, the shared
 * strings and styles read, the first sheet found and its non-blank rows
 * counted. NULL with a Russian message in err. */
struct xlsxin *xlsxin_open(const char *path, char *err, size_t errsz);
struct xlsxin *xlsxin_open_buf(const void *buf, size_t len, char *err, size_t errsz);
/* The next row with a non-blank cell: cells (malloc'd, UTF-8 unless a
 * byte is bad: csvin_cells_check tells) and the row as the sheet numbers
 * it; 1, 0 at the end, -1 with a message in err. */
int xlsxin_next(struct xlsxin *x, struct csv_row *row, char *err, size_t errsz);
/* Rows with a non-blank cell in the sheet (the first counted). */
long xlsxin_rows(const struct xlsxin *x);
void xlsxin_close(struct xlsxin *x);

#endif
