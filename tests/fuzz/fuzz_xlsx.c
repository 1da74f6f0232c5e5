/* libFuzzer harness for workbooks in: the .xlsx reader (src/xlsxin.c:
 * libzip with its limits, expat, shared strings, styles, dates) and then
 * the importer on the rows it gives, against an in-memory store holding a
 * small demo region.
 *
 * Input: one byte of options, then the workbook's bytes. The byte b
 * chooses what is imported (b % 5: orgs, persons, diagnostics, events,
 * courses) and --skip-bad (b / 5 % 2). The import runs as --dry-run, so
 * the store is the same for every input. What the reader returns is
 * checked against xlsxin.h (abort() on a broken promise): rows in sheet
 * order, counted as xlsxin_rows said, no blank row; a row that passes the
 * shared check of cells is UTF-8 without control bytes. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "import.h"
#include "text.h"
#include "util.h"
#include "xlsxin.h"
#include "tests/fuzz/fuzz_store.h"

static void free_row(struct csv_row *r)
{
	for (int k = 0; k < r->n; k++)
		free(r->cells[k]);
	free(r->cells);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { .dry_run = true };
	struct import_report r;
	struct csv_table t;
	struct csv_row row;
	struct xlsxin *x;
	char err[512];
	enum import_what w;
	long rows, seen = 0;
	int last = 0, rc;
	bool clean = true;

	if (size < 1)
		return 0;
	w = (enum import_what)(data[0] % 5);
	o.skip_bad = data[0] / 5 % 2;
	err[0] = '\0';
	x = xlsxin_open_buf(data + 1, size - 1, err, sizeof err);
	if (x == NULL) {
		CHECK(err[0] != '\0');
		return 0;
	}
	rows = xlsxin_rows(x);
	CHECK(rows >= 0);
	memset(&t, 0, sizeof t);
	strlcpy0(t.encoding, "xlsx", sizeof t.encoding);
	while ((rc = xlsxin_next(x, &row, err, sizeof err)) == 1) {
		bool blank = true;

		seen++;
		CHECK(row.line > last && row.n >= 1 && row.cells != NULL);
		last = row.line;
		for (int k = 0; k < row.n; k++) {
			CHECK(row.cells[k] != NULL);
			blank &= row.cells[k][strspn(row.cells[k], " \t")] == '\0';
		}
		CHECK(!blank);
		if (clean && csvin_cells_check(&row, err, sizeof err) != 0) {
			CHECK(strncmp(err, "строка ", strlen("строка ")) == 0);
			clean = false;
		}
		if (!clean) {
			free_row(&row);
			continue;
		}
		if (t.header == NULL) {
			t.header = row.cells;
			t.ncols = row.n;
			t.header_line = row.line;
		} else {
			t.rows = xrealloc(t.rows, (size_t)(t.nrows + 1) * sizeof *t.rows);
			t.rows[t.nrows++] = row;
		}
	}
	CHECK(rc == 0 || (rc == -1 && err[0] != '\0'));
	if (rc == 0)
		CHECK(seen == rows);
	xlsxin_close(x);
	if (clean && rc == 0 && t.header != NULL) {
		CHECK(import_run(store, cfg, &fuzz_actor, w, &t, &o, &r) == 0);
		CHECK(sqlite3_get_autocommit(store_db(store)));
		CHECK(!r.written);
		CHECK(r.rows <= t.nrows);
		import_report_print(&r, &o, devnull);
		import_report_free(&r);
	}
	csvin_free(&t);
	return 0;
}
