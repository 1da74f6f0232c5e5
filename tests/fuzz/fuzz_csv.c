/* libFuzzer harness for spreadsheets in: the CSV reader (src/csvin.c) and
 * the importer (src/import.c) against an in-memory store holding a small
 * demo region, so that references to organisations and persons resolve.
 *
 * Input: one byte of options, then the file's bytes. The byte b chooses
 *   what is imported   b % 5:       orgs, persons, diagnostics, events, courses
 *   the encoding       b / 5 % 3:   auto, utf-8, cp1251
 *   the delimiter      b / 15 % 4:  auto, ';', ',', tab
 *   --skip-bad         b / 60 % 2
 * so a seed with b = 0..4 is an ordinary file of that kind read as
 * `marshrut import KIND FILE` reads it. The import always runs as
 * --dry-run: every row is checked and written, then the transaction is
 * rolled back, so the store is the same for every input. What the reader
 * and the importer return is checked against csvin.h and import.h
 * (abort() on a broken promise). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "import.h"
#include "text.h"
#include "tests/fuzz/fuzz_store.h"

static bool valid_utf8(const char *s)
{
	size_t left = strlen(s);
	uint32_t cp;

	while (left > 0) {
		int len = utf8_decode(s, left, &cp);
		if (len == 0)
			return false;
		s += len;
		left -= (size_t)len;
	}
	return true;
}

static void check_table(const struct csv_table *t, char delim)
{
	int last = 1;

	CHECK(t->header != NULL && t->ncols >= 0);
	CHECK(strcmp(t->encoding, "utf-8") == 0 || strcmp(t->encoding, "cp1251") == 0);
	CHECK(delim ? t->delim == delim : (t->delim == ';' || t->delim == ',' || t->delim == '\t'));
	for (int k = 0; k < t->ncols; k++)
		CHECK(t->header[k] != NULL && valid_utf8(t->header[k]));
	CHECK(t->nrows >= 0 && (t->nrows == 0 || t->rows != NULL));
	for (int i = 0; i < t->nrows; i++) {
		const struct csv_row *r = &t->rows[i];
		bool blank = true;

		CHECK(r->line > last);      /* in file order, after the header */
		last = r->line;
		CHECK(r->n >= 1 && r->cells != NULL);
		for (int k = 0; k < r->n; k++) {
			CHECK(r->cells[k] != NULL && valid_utf8(r->cells[k]));
			if (r->cells[k][strspn(r->cells[k], " \t")] != '\0')
				blank = false;
		}
		CHECK(!blank);              /* rows with every cell empty are left out */
	}
}

static void check_report(const struct csv_table *t, const struct import_report *r)
{
	int last = t->nrows ? t->rows[t->nrows - 1].line : 1, below = 0;

	/* Rows above a header found lower down (import.c) are not counted. */
	for (int i = 0; i < t->nrows; i++)
		below += t->rows[i].line > t->header_line;
	CHECK(r->rows == below);
	CHECK(!r->written);             /* a dry run writes nothing */
	if (r->header_ok)
		CHECK(r->added + r->updated + r->unchanged + r->bad == r->rows);
	else
		CHECK(r->added == 0 && r->updated == 0 && r->unchanged == 0 && r->bad == 0 && r->np > 0);
	CHECK(r->np >= 0 && (r->np == 0 || r->p != NULL));
	for (int i = 0; i < r->np; i++) {
		const struct import_problem *p = &r->p[i];

		CHECK(p->line >= 0 && p->line <= last);
		CHECK(p->what != NULL && *p->what != '\0');
		/* Shown on a terminal: clean text, a value shortened to 60 columns. */
		if (p->column)
			CHECK(text_check(p->column, SIZE_MAX, 0) == NULL);
		if (p->value) {
			CHECK(text_check(p->value, SIZE_MAX, 0) == NULL);
			CHECK(text_width(p->value) <= 60);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum csv_encoding encs[] = { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP1251 };
	static const char delims[] = { 0, ';', ',', '\t' };
	struct csv_table t;
	struct import_opts o = { .dry_run = true };
	struct import_report r;
	char err[512];
	enum import_what w;
	char delim;
	int rc;

	if (size < 1)
		return 0;
	w = (enum import_what)(data[0] % 5);
	delim = delims[data[0] / 15 % 4];
	o.skip_bad = data[0] / 60 % 2;

	err[0] = '\0';
	rc = csvin_parse((const char *)data + 1, size - 1, encs[data[0] / 5 % 3], delim, &t, err, sizeof err);
	if (rc != 0) {
		CHECK(rc == -1 && err[0] != '\0');
		CHECK(t.header == NULL && t.rows == NULL && t.nrows == 0 && t.ncols == 0);
		return 0;
	}
	check_table(&t, delim);

	rc = import_run(store, cfg, &fuzz_actor, w, &t, &o, &r);
	CHECK(rc == 0);                 /* the in-memory store does not fail */
	CHECK(sqlite3_get_autocommit(store_db(store)));   /* no transaction left open */
	check_report(&t, &r);
	import_report_print(&r, &o, devnull);
	import_report_free(&r);
	csvin_free(&t);
	return 0;
}
