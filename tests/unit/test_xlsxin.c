/* Unit tests for src/xlsxin.c (.xlsx in: libzip with limits against zip
 * bombs, expat, Excel dates) and the conversions the import shares with
 * CSV (header among the first rows, «72%» and «64,5», date-times, control
 * bytes). The workbooks are written at run time by a real spreadsheet
 * library, openpyxl (tests/xlsx/make_xlsx.py), not by the project's own
 * writer. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"
#include "csvin.h"
#include "import.h"
#include "store/store.h"
#include "util.h"
#include "xlsxin.h"

static char dbpath[64], dir[64];
static struct config *cfg;
static const struct actor sys = { 0, "test", "test" };

static int setup(void **state)
{
	char cmd[400];

	(void)state;
	cfg = config_defaults();
	snprintf(dir, sizeof dir, "/tmp/marshrut-xlsx-%d", (int)getpid());
	mkdir(dir, 0700);
	/* Debian's openpyxl is for Debian's python3, which a pyenv may hide. */
	snprintf(cmd, sizeof cmd, "for py in /usr/bin/python3 python3; do $py -c 'import openpyxl' 2>/dev/null && "
		 "exec $py -B tests/xlsx/make_xlsx.py fixtures %s; done; echo 'openpyxl: apt-get install "
		 "python3-openpyxl' >&2; exit 1", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[200];

	(void)state;
	config_free(cfg);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *fixture(const char *name)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static struct store *demo(void)
{
	char err[300];
	struct store *s;

	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-xlsxin-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 40, err, sizeof err), ST_OK);
	return s;
}

static int64_t count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The reader alone: rows as the sheet numbers them, cells as shown. */
static void test_reader_rows(void **state)
{
	char err[400] = "";
	struct xlsxin *x = xlsxin_open(fixture("diag.xlsx"), err, sizeof err);
	struct csv_row r;

	(void)state;
	if (x == NULL)
		fail_msg("xlsxin_open: %s", err);
	assert_int_equal(xlsxin_rows(x), 5);   /* title, header, three rows; the blank row 2 left out */
	assert_int_equal(xlsxin_next(x, &r, err, sizeof err), 1);
	assert_int_equal(r.line, 1);
	assert_string_equal(r.cells[0], "Результаты диагностики педагогов, март 2026");
	for (int k = 0; k < r.n; k++)
		free(r.cells[k]);
	free(r.cells);
	assert_int_equal(xlsxin_next(x, &r, err, sizeof err), 1);
	assert_int_equal(r.line, 3);
	assert_int_equal(r.n, 7);
	assert_string_equal(r.cells[4], "Общий % выполнения");
	for (int k = 0; k < r.n; k++)
		free(r.cells[k]);
	free(r.cells);
	assert_int_equal(xlsxin_next(x, &r, err, sizeof err), 1);
	assert_int_equal(r.line, 4);
	assert_string_equal(r.cells[3], "16.03.2026");
	assert_string_equal(r.cells[4], "72%");
	assert_string_equal(r.cells[6], "20.03.2026 14:30");
	for (int k = 0; k < r.n; k++)
		free(r.cells[k]);
	free(r.cells);
	assert_int_equal(xlsxin_next(x, &r, err, sizeof err), 1);
	assert_string_equal(r.cells[4], "64,5");
	assert_int_equal(r.n, 6);   /* no date in G5 */
	for (int k = 0; k < r.n; k++)
		free(r.cells[k]);
	free(r.cells);
	assert_int_equal(xlsxin_next(x, &r, err, sizeof err), 1);
	assert_string_equal(r.cells[4], "81%");   /* 0.81 formatted «0%» */
	for (int k = 0; k < r.n; k++)
		free(r.cells[k]);
	free(r.cells);
	assert_int_equal(xlsxin_next(x, &r, err, sizeof err), 0);
	xlsxin_close(x);
}

/* The title and the blank row above the header are skipped; official
 * wordings, Excel dates, «72%», «64,5» (rounded half up: 65) and 81%
 * load; a second import changes nothing, nor does the same workbook with
 * shared strings, or with dates in the 1904 system. */
static void test_import_xlsx(void **state)
{
	struct import_opts o = { false, false };
	struct import_report r;
	struct store *s = demo();
	char err[400] = "";
	int64_t audit;

	(void)state;
	import_batch_ms = 0;
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_DIAGNOSTICS, fixture("diag.xlsx"), CSV_ENC_AUTO, 0, &o,
				     NULL, &r, err, sizeof err), 0);
	if (r.np)
		fail_msg("строка %d «%s»: %s", r.p[0].line, r.p[0].column ? r.p[0].column : "", r.p[0].what);
	assert_true(r.header_ok);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.added, 3);
	assert_true(r.written);
	assert_string_equal(r.encoding, "xlsx");
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic d JOIN person p ON p.id = d.person_id"
			       " WHERE p.external_id = 'ТН-000003' AND d.form = 'standardized' AND d.kind = 'entry'"
			       " AND d.diag_date = '2026-03-16' AND d.pct_overall = 72"
			       " AND d.result_given_date = '2026-03-20' AND d.subject = 'русский язык'"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic d JOIN person p ON p.id = d.person_id"
			       " WHERE p.external_id = 'ТН-000004' AND d.form = 'self' AND d.kind = 'final'"
			       " AND d.diag_date = '2026-03-17' AND d.pct_overall = 65"), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic d JOIN person p ON p.id = d.person_id"
			       " WHERE p.external_id = 'ТН-000005' AND d.form = 'expert' AND d.kind = 'course_entry'"
			       " AND d.diag_date = '2026-03-18' AND d.pct_overall = 81"), 1);
	audit = count(s, "SELECT count(*) FROM audit");
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_DIAGNOSTICS, fixture("diag.xlsx"), CSV_ENC_AUTO, 0, &o,
				     NULL, &r, err, sizeof err), 0);
	assert_int_equal(r.added + r.updated, 0);
	assert_int_equal(r.unchanged, 3);
	assert_false(r.written);
	import_report_free(&r);
	/* The same texts kept as Excel and LibreOffice keep them (shared
	 * strings, entries stored): the same records. */
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_DIAGNOSTICS, fixture("shared.xlsx"), CSV_ENC_AUTO, 0, &o,
				     NULL, &r, err, sizeof err), 0);
	assert_int_equal(r.np, 0);
	assert_int_equal(r.unchanged, 3);
	assert_false(r.written);
	import_report_free(&r);
	/* Dates in the 1904 system and Excel's built-in format 14: the same. */
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_DIAGNOSTICS, fixture("d1904.xlsx"), CSV_ENC_AUTO, 0, &o,
				     NULL, &r, err, sizeof err), 0);
	import_batch_ms = 100;
	assert_int_equal(r.np, 0);
	assert_int_equal(r.unchanged, 3);
	assert_false(r.written);
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic"), 3);
	store_close(s);
	test_remove_db(dbpath);
}

/* A NUL byte in a cell is refused with its row and column; nothing is
 * written. A zip bomb is refused before a row is read, whether its
 * headers tell its size or lie about it. */
static void test_refused(void **state)
{
	struct import_opts o = { false, false };
	struct import_report r;
	struct store *s = demo();
	char err[400] = "";
	struct xlsxin *x;

	(void)state;
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_DIAGNOSTICS, fixture("nul.xlsx"), CSV_ENC_AUTO, 0, &o,
				     NULL, &r, err, sizeof err), 0);
	assert_true(r.unreadable);
	assert_false(r.written);
	assert_true(r.np >= 1);
	assert_non_null(strstr(r.p[r.np - 1].what, "строка 6, столбец 6: недопустимый управляющий символ"));
	import_report_free(&r);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic"), 0);

	assert_int_equal(import_file(s, cfg, &sys, IMPORT_DIAGNOSTICS, fixture("bomb.xlsx"), CSV_ENC_AUTO, 0, &o,
				     NULL, &r, err, sizeof err), -2);
	assert_non_null(strstr(err, "«zip-бомба»"));
	assert_non_null(strstr(err, "xl/worksheets/sheet1.xml"));
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic"), 0);
	/* Headers that say the sheet is small: caught while inflating. */
	assert_int_equal(import_file(s, cfg, &sys, IMPORT_DIAGNOSTICS, fixture("liar.xlsx"), CSV_ENC_AUTO, 0, &o,
				     NULL, &r, err, sizeof err), -2);
	assert_non_null(strstr(err, "«zip-бомба»"));
	assert_non_null(strstr(err, "больше заявленного размера"));
	x = xlsxin_open_buf("PK\3\4 not a zip", 15, err, sizeof err);
	assert_null(x);
	assert_non_null(strstr(err, "не читается как книга .xlsx"));
	store_close(s);
	test_remove_db(dbpath);
}

/* The conversions are the import's, for CSV too: a NUL in a CSV cell is
 * refused with its row and column; the header under a title row found;
 * «72%», «64,5» and a date-time read. */
static void test_csv_shares_rules(void **state)
{
	static const char nul[] = "Табельный номер;Предмет\nТН-000003;ру\0сский\n";
	static const char text[] = "Диагностика, март\n\n"
		"Табельный номер;Форма диагностики;Вид диагностики;Дата диагностики;Общий % выполнения\n"
		"ТН-000003;самодиагностика;входная;16.03.2026 10:00;72 %\n"
		"ТН-000004;самодиагностика;входная;2026-03-17T09:30:00;64,4\n";
	static const char bad_kind[] = "Табельный номер;Форма диагностики;Вид диагностики;Дата диагностики\n"
		"ТН-000006;самодиагностика;вводная;18.03.2026\n";
	struct import_opts o = { false, false };
	struct import_report r;
	struct csv_table t;
	struct store *s = demo();
	char err[400] = "";

	(void)state;
	assert_int_equal(csvin_parse(nul, sizeof nul - 1, CSV_ENC_AUTO, 0, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "строка 2, столбец 2: недопустимый управляющий символ"));
	assert_int_equal(csvin_parse(text, sizeof text - 1, CSV_ENC_AUTO, ';', &t, err, sizeof err), 0);
	assert_int_equal(import_run(s, cfg, &sys, IMPORT_DIAGNOSTICS, &t, &o, &r), 0);
	if (r.np)
		fail_msg("строка %d «%s»: %s", r.p[0].line, r.p[0].column ? r.p[0].column : "", r.p[0].what);
	assert_int_equal(r.added, 2);
	assert_int_equal(r.rows, 2);
	import_report_free(&r);
	csvin_free(&t);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic WHERE (diag_date = '2026-03-16' AND pct_overall = 72)"
			       " OR (diag_date = '2026-03-17' AND pct_overall = 64)"), 2);
	/* A wording not on the list: the message lists the accepted ones. */
	assert_int_equal(csvin_parse(bad_kind, sizeof bad_kind - 1, CSV_ENC_AUTO, ';', &t, err, sizeof err), 0);
	assert_int_equal(import_run(s, cfg, &sys, IMPORT_DIAGNOSTICS, &t, &o, &r), 0);
	assert_int_equal(r.np, 1);
	assert_int_equal(r.p[0].line, 2);
	assert_string_equal(r.p[0].column, "Вид диагностики");
	assert_non_null(strstr(r.p[0].what, "допустимо: «входная», «итоговая», «комплексная»"));
	import_report_free(&r);
	csvin_free(&t);
	store_close(s);
	test_remove_db(dbpath);
}

/* Synonyms from conf/import_words.conf stand for official wordings; a
 * wrong line there stops the import with its line number. */
static void test_words(void **state)
{
	static const char text[] = "Табельный номер;Форма диагностики;Вид диагностики;Дата диагностики;"
		"Уровень дефицита;Общий % выполнения\n"
		"ТН-000007;Самооценка;стартовая;19.03.2026;средний;55\n";
	struct import_opts o = { false, false };
	struct import_report r;
	struct csv_table t;
	struct store *s = demo();
	char err[400] = "", path[96];
	FILE *f;

	(void)state;
	free(cfg->import_words);
	cfg->import_words = xstrdup("conf/import_words.conf");
	assert_int_equal(csvin_parse(text, sizeof text - 1, CSV_ENC_AUTO, ';', &t, err, sizeof err), 0);
	assert_int_equal(import_run(s, cfg, &sys, IMPORT_DIAGNOSTICS, &t, &o, &r), 0);
	if (r.np)
		fail_msg("строка %d «%s»: %s", r.p[0].line, r.p[0].column ? r.p[0].column : "", r.p[0].what);
	assert_int_equal(r.added, 1);
	import_report_free(&r);
	csvin_free(&t);
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic WHERE form = 'self' AND kind = 'entry'"
			       " AND level = 'medium' AND diag_date = '2026-03-19'"), 1);

	snprintf(path, sizeof path, "%s/words.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# комментарий\nВид диагностики | стартовая = начальная\n", f);
	fclose(f);
	free(cfg->import_words);
	cfg->import_words = xstrdup(path);
	assert_int_equal(csvin_parse(text, sizeof text - 1, CSV_ENC_AUTO, ';', &t, err, sizeof err), 0);
	assert_int_equal(import_run(s, cfg, &sys, IMPORT_DIAGNOSTICS, &t, &o, &r), 0);
	assert_true(r.unreadable);
	assert_false(r.written);
	assert_int_equal(r.np, 1);
	assert_non_null(strstr(r.p[0].what, "words.conf, строка 2: «начальная» — не официальная формулировка"));
	import_report_free(&r);
	csvin_free(&t);
	free(cfg->import_words);
	cfg->import_words = NULL;
	assert_int_equal(count(s, "SELECT count(*) FROM diagnostic"), 1);
	store_close(s);
	test_remove_db(dbpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_rows),
		cmocka_unit_test(test_import_xlsx),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_csv_shares_rules),
		cmocka_unit_test(test_words),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
