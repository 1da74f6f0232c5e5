/* Unit tests for src/progress.c (the line, the rate limit, the stop) and
 * the work that reports through it: an import or a demo fill asked to
 * stop writes nothing. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"
#include "csvin.h"
#include "import.h"
#include "progress.h"
#include "store/store.h"

static char dbpath[64];

/* What the watcher of these tests saw (its ctx is the progress). */
static struct {
	int calls;
	int stop_at;          /* set stop on this call (0: never) */
	bool eager;           /* every step passed on: the tests cannot wait */
	long last_done, last_total;
	char stage[64];
} seen;

static void count_step(void *ctx, const char *stage, long done, long total)
{
	struct progress *p = ctx;

	seen.calls++;
	seen.last_done = done;
	seen.last_total = total;
	snprintf(seen.stage, sizeof seen.stage, "%s", stage);
	if (seen.stop_at && seen.calls >= seen.stop_at)
		p->stop = true;
	if (seen.eager)
		p->next_ms = 0;
}

static void test_line(void **state)
{
	struct progress p;
	char buf[200];

	(void)state;
	progress_init(&p, "Импорт", "строк", NULL, NULL);
	assert_string_equal(progress_line(&p, "записано", 12000, 30000, buf, sizeof buf),
			    "Импорт: записано 12 000 из 30 000 строк (40 %)");
	assert_string_equal(progress_line(&p, "прочитано", 1234567, 0, buf, sizeof buf),
			    "Импорт: прочитано 1 234 567 строк");
	progress_init(&p, "Демо-регион", NULL, NULL, NULL);
	assert_string_equal(progress_line(&p, "педагоги", 999, 1000, buf, sizeof buf),
			    "Демо-регион: педагоги 999 из 1 000 (99 %)");
	assert_string_equal(progress_line(&p, "педагоги", 0, 5, buf, sizeof buf),
			    "Демо-регион: педагоги 0 из 5 (0 %)");
	/* Nobody watching: the work goes on. */
	assert_true(progress_step(NULL, "x", 1, 2));
	assert_true(progress_step(&p, "x", 1, 2));
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* However often the work reports, the watcher hears of it at most ten
 * times a second, and not in the first tenth. */
static void test_rate(void **state)
{
	struct progress p;
	long long start = now_ms();
	long n = 0;

	(void)state;
	memset(&seen, 0, sizeof seen);
	progress_init(&p, "Импорт", "строк", count_step, &p);
	while (now_ms() - start < 350)
		assert_true(progress_step(&p, "записано", n++, 0));
	assert_true(n > 1000);
	assert_in_range(seen.calls, 2, 4);
	assert_string_equal(seen.stage, "записано");
	assert_int_equal(seen.last_total, 0);
}

static struct store *open_demo(int teachers)
{
	char err[300];
	struct store *s;

	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-progress-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	assert_non_null(s);
	if (teachers > 0)
		assert_int_equal(store_demo_fill(s, teachers, err, sizeof err), ST_OK);
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

/* An import asked to stop on its second row rolls everything back, says
 * so, and a whole run reports every row. */
static void test_import_stop(void **state)
{
	static const char text[] = "Табельный номер;Фамилия;Имя;Организация\n"
		"ТН-1;Первов;Иван;OO001\nТН-2;Вторых;Пётр;OO001\nТН-3;Третьяков;Олег;OO001\n";
	static const struct actor sys = { 0, "test", "test" };
	struct config *cfg = config_defaults();
	struct store *s = open_demo(40);
	struct import_opts o = { false, false };
	struct import_report r;
	struct csv_table t;
	struct progress p;
	char err[300] = "", *out = NULL;
	size_t len = 0;
	FILE *f;
	int64_t persons = count(s, "SELECT count(*) FROM person");

	(void)state;
	assert_int_equal(csvin_parse(text, strlen(text), CSV_ENC_AUTO, 0, &t, err, sizeof err), 0);
	memset(&seen, 0, sizeof seen);
	seen.stop_at = 3;   /* «прочитано», row 1, then row 2: stop */
	seen.eager = true;
	progress_init(&p, "Импорт", "строк", count_step, &p);
	p.next_ms = 0;
	assert_int_equal(import_run_progress(s, cfg, &sys, IMPORT_PERSONS, &t, &o, &p, &r), 0);
	assert_true(r.stopped);
	assert_false(r.written);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons);
	assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id LIKE 'ТН-_'"), 0);
	f = open_memstream(&out, &len);
	import_report_print(&r, &o, f);
	fclose(f);
	assert_non_null(strstr(out, "Импорт прерван, ничего не записано."));
	free(out);
	import_report_free(&r);

	/* Not stopped: every row told as it is done, the file written. */
	memset(&seen, 0, sizeof seen);
	seen.eager = true;
	progress_init(&p, "Импорт", "строк", count_step, &p);
	p.next_ms = 0;
	assert_int_equal(import_run_progress(s, cfg, &sys, IMPORT_PERSONS, &t, &o, &p, &r), 0);
	assert_false(r.stopped);
	assert_int_equal(r.added, 3);
	assert_int_equal(seen.calls, 4);
	assert_string_equal(seen.stage, "проверено");
	assert_int_equal(seen.last_done, 2);
	assert_int_equal(seen.last_total, 3);
	assert_int_equal(count(s, "SELECT count(*) FROM person"), persons + 3);
	import_report_free(&r);
	csvin_free(&t);

	/* Stopped while writing (a batch a row): what was written is taken
	 * back, the journal showing both. */
	{
		static const char more[] = "Табельный номер;Фамилия;Имя;Организация\n"
			"ТН-4;Четвертаков;Иван;OO001\nТН-5;Пятов;Пётр;OO001\nТН-6;Шестов;Олег;OO001\n";
		int64_t audit = count(s, "SELECT max(id) FROM audit");
		assert_int_equal(csvin_parse(more, strlen(more), CSV_ENC_AUTO, 0, &t, err, sizeof err), 0);
		memset(&seen, 0, sizeof seen);
		seen.stop_at = 5;   /* «прочитано», three «проверено», the first «записано» */
		seen.eager = true;
		progress_init(&p, "Импорт", "строк", count_step, &p);
		p.next_ms = 0;
		import_batch_ms = 0;
		assert_int_equal(import_run_progress(s, cfg, &sys, IMPORT_PERSONS, &t, &o, &p, &r), 0);
		import_batch_ms = 100;
		assert_true(r.stopped);
		assert_false(r.written);
		assert_int_equal(r.undone, 1);
		assert_string_equal(seen.stage, "отменено");   /* the taking back is told too */
		assert_int_equal(count(s, "SELECT count(*) FROM person"), persons + 3);
		assert_int_equal(count(s, "SELECT count(*) FROM person WHERE external_id IN ('ТН-4', 'ТН-5', 'ТН-6')"), 0);
		out = NULL;
		f = open_memstream(&out, &len);
		import_report_print(&r, &o, f);
		fclose(f);
		assert_non_null(strstr(out, "Импорт прерван, ничего не записано."));
		assert_non_null(strstr(out, "отменены"));
		free(out);
		{
			char sql[200];
			snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE id > %lld AND tbl = 'person'"
				 " AND action = 'delete'", (long long)audit);
			assert_int_equal(count(s, sql), 1);
		}
		import_report_free(&r);
		csvin_free(&t);
	}
	store_close(s);
	test_remove_db(dbpath);
	config_free(cfg);
}

/* The demo fill asked to stop leaves the database empty. */
static void test_demo_stop(void **state)
{
	struct store *s = open_demo(0);
	struct progress p;
	char err[300];

	(void)state;
	memset(&seen, 0, sizeof seen);
	seen.stop_at = 5;
	seen.eager = true;
	progress_init(&p, "Демо-регион", NULL, count_step, &p);
	p.next_ms = 0;
	assert_int_not_equal(store_demo_fill_progress(s, 200, &p, err, sizeof err), ST_OK);
	assert_non_null(strstr(err, "прервано"));
	assert_true(store_is_empty(s));
	assert_int_equal(count(s, "SELECT count(*) FROM person"), 0);
	store_close(s);
	test_remove_db(dbpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_import_stop),
		cmocka_unit_test(test_demo_stop),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
