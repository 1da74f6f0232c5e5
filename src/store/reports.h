/* The official monitoring reports (tables 3–12 of the Ust-Ilimsk programme
 * and the indicators with their targets) computed from the records for a
 * calendar year and a scope: the whole region, a municipality or an
 * organisation. A report is a small table of labelled figures; the
 * renderers (src/report.c) turn it into text, CSV or XLSX. Every query is
 * bound; the SQL is constant text. */
#ifndef MARSHRUT_STORE_REPORTS_H
#define MARSHRUT_STORE_REPORTS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct config;

#define REPORT_MAX_COLS 16

/* A report known by name. */
struct report_def {
	const char *name;        /* "courses" */
	const char *title;       /* short Russian title for lists, ≤ 66 columns */
};

/* The reports in the order of the programme's tables; *n gets the count. */
const struct report_def *report_list(int *n);
/* NULL when there is no report of that name. */
const struct report_def *report_find(const char *name);

/* What a column holds. */
enum report_col {
	RCOL_TEXT,       /* a label: left-aligned text */
	RCOL_INT,        /* a whole number */
	RCOL_DEC,        /* a decimal kept in hundredths (3330 = 33,3) */
};

/* What a cell shows. */
enum report_state {
	RV_VALUE,        /* the number or the text */
	RV_BLANK,        /* nothing (e.g. a total given once for the table) */
	RV_NONE,         /* no figure: «—» */
	RV_WITHHELD,     /* a share of a group smaller than min_group_size: «скрыто (<N)» */
	RV_SUPPRESSED,   /* withheld by the rule across the region (src/figures.h): «скрыто» */
};

struct report_cell {
	unsigned char state;     /* enum report_state */
	long v;                  /* RCOL_INT: the number; RCOL_DEC: hundredths */
	char *text;              /* RCOL_TEXT: malloc'd, raw (renderers sanitise) */
};

struct report_row {
	bool total;              /* a total line (bold, set off) */
	struct report_cell c[REPORT_MAX_COLS];
};

struct report_table {
	const char *name;        /* the report's name */
	const char *sheet;       /* worksheet name, ≤ 31 characters: «Таблица 3» */
	const char *title;       /* the official title */
	char *caption;           /* scope and year: «г. Смоленск (M01), 2024 год» */
	int year;
	int ncols;
	/* Column headers as in the official form; a column under a common
	 * heading has it in group (NULL for none): XLSX merges it over its
	 * columns, text and CSV write «group: header». */
	const char *headers[REPORT_MAX_COLS];
	const char *groups[REPORT_MAX_COLS];
	enum report_col kinds[REPORT_MAX_COLS];
	int label_cols;          /* leading columns that name a row (0: the leading texts) */
	int nrows, cap;
	struct report_row *rows;
	int min_group;           /* the configuration's min_group_size */
	int withheld;            /* how many cells were withheld */
	int suppressed;          /* of them, by the rule across the region (RV_SUPPRESSED) */
	int nnotes;
	char *notes[8];          /* footnotes, malloc'd */
};

/* Compute report `name` for `year` (2000–2100) in a scope: scope_kind
 * "region" (scope_id 0: the whole database, else that region), "mun" or
 * "org" (the record's id). Counts of persons are of active (not archived)
 * persons of the scope's organisations, as the indicators count them; every
 * share computed over persons is withheld for a group smaller than
 * cfg->min_group_size (analytics_withheld). The caller checks that the user
 * reaches the scope. Returns ST_OK with *out filled (free with
 * report_table_free), ST_NOTFOUND for an unknown report or a scope record
 * that does not exist, ST_CONSTRAINT for a bad year or scope kind, each with
 * a Russian message in store_errmsg(). */
int store_report_build(struct store *s, const struct config *cfg, const char *name, int year,
		       const char *scope_kind, int64_t scope_id, struct report_table *out);
void report_table_free(struct report_table *t);

/* Building a table of one's own (typical deficits: deficits.c) for the
 * same renderers: a column, a row (its cells blank), a text cell, a note. */
void report_add_col(struct report_table *t, const char *group, const char *header, enum report_col k);
struct report_row *report_add_row(struct report_table *t);
void report_set_text(struct report_row *r, int c, const char *text);
void report_add_note(struct report_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The cell of row r, column c (for tests and renderers). */
const struct report_cell *report_cell_at(const struct report_table *t, int r, int c);
/* The first row whose column c holds this text, or -1. */
int report_find_row(const struct report_table *t, int c, const char *text);

#endif
