/* Import of spreadsheets: organisations, persons, diagnostics, events and
 * courses from a CSV table (csvin.h). Columns are matched by their Russian
 * headers (the labels of the record's fields, and a few usual synonyms) in
 * any order; every cell is checked by the same rule as a form field
 * (model_check); references name organisations and municipalities by code
 * or name and persons by табельный номер or ФИО and birth date. A row that
 * names a stored record (by its table's key) updates it, so importing the
 * same file twice changes nothing. All or nothing: one bad row and nothing
 * is written, unless skip_bad, and then the bad rows are skipped and said.
 * The whole file is checked first without holding the write lock, then
 * written in short batches that let others' saves in between; a stop (Esc)
 * or a failure while writing takes back what was written. */
#ifndef MARSHRUT_IMPORT_H
#define MARSHRUT_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "csvin.h"
#include "store/store.h"

struct config;
struct progress;

enum import_what { IMPORT_ORGS, IMPORT_PERSONS, IMPORT_DIAGNOSTICS, IMPORT_EVENTS, IMPORT_COURSES,
		  IMPORT_ELEMENTS, IMPORT__COUNT };

struct import_opts {
	bool dry_run;     /* check and count, write nothing */
	bool skip_bad;    /* write the good rows, skip the bad ones */
};

struct import_problem {
	int line;         /* the row (the header is 1); 0 for the file as a whole */
	char *column;     /* the header, or NULL */
	char *value;      /* the cell as read (sanitised), or NULL */
	char *what;       /* what is wrong, in Russian */
};

struct import_report {
	int rows, added, updated, unchanged;
	int bad;          /* rows with problems: skipped with skip_bad, else nothing written */
	bool header_ok;   /* the columns were understood and rows were read */
	bool written;     /* something was committed */
	bool stopped;     /* stopped when asked (progress): nothing written */
	struct import_problem *p;
	int np;
	int more;         /* problems beyond those kept in p, counted */
	/* The file is checked whole before anything is written, then written
	 * in short batches; a stop or a failure while writing takes back what
	 * was written (undone), leaving what someone changed since (kept). */
	bool failed;      /* writing failed (p says why): what was written is undone */
	bool unreadable;  /* the file could not be read to its end: nothing written */
	int undone, kept;
	char encoding[8]; /* as read: "utf-8" or "cp1251", or "xlsx" for a workbook */
	char delim;
};

/* "orgs" "persons" "diagnostics" "events" "courses" "elements"; -1 for others. */
int import_what_parse(const char *name, enum import_what *w);
/* Russian name of what is imported, e.g. «Педагоги». */
const char *import_what_label(enum import_what w);
const char *import_what_name(enum import_what w);   /* the CLI's word: persons, … */

/* Import the table. 0 when the file was understood (see the report for
 * rows written, skipped or refused), -1 when the store failed. */
int import_run(struct store *s, const struct config *cfg, const struct actor *a, enum import_what w,
	       const struct csv_table *t, const struct import_opts *o, struct import_report *r);
/* The same, telling p of the rows checked or written as they go
 * (progress.h); when p asks to stop, nothing is written (r->stopped). */
int import_run_progress(struct store *s, const struct config *cfg, const struct actor *a,
			enum import_what w, const struct csv_table *t, const struct import_opts *o,
			struct progress *p, struct import_report *r);

/* The same for a file read a piece at a time (csvin_open): its rows are
 * checked without holding the write lock, and kept in scratch tables on
 * disk, so memory stays small whatever the file's size; then written in
 * batches of about a tenth of a second, letting others' saves in between.
 * -2 when the file cannot be opened (err says why). */
int import_file(struct store *s, const struct config *cfg, const struct actor *a, enum import_what w,
		const char *path, enum csv_encoding enc, char delim, const struct import_opts *o,
		struct progress *p, struct import_report *r, char *err, size_t errsz);

/* Imports left half-written by a process that died (SIGKILL, a power
 * cut) are taken back: each batch an import commits is kept with what it
 * did in the database (import_run, import_undo), so the next process that
 * looks — every command's open, `check`, the next import, a login —
 * undoes every row of a run whose process is gone, journalled as a's.
 * *undone and *kept count the rows taken back and those left because
 * someone changed them since. 0, or -1 when it stopped short (the next
 * look goes on). */
int import_recover(struct store *s, const struct actor *a, int *undone, int *kept);

/* How long a batch of the second pass holds the write lock, in ms (100;
 * tests make every row a batch with 0). */
extern int import_batch_ms;

/* The report as lines of text: the totals, then each problem as «строка N,
 * «столбец» = «значение»: что не так». */
void import_report_print(const struct import_report *r, const struct import_opts *o, FILE *out);
void import_report_free(struct import_report *r);
/* How the file was read, for the report's first line: «кодировка utf-8,
 * разделитель «;»» or «книга Excel (.xlsx), первый лист». */
const char *import_format_text(const struct import_report *r, char *buf, size_t n);

#endif
