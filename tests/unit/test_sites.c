/* Unit tests for src/site.c (the internship sites' rules) and the store's
 * lifecycle moves and places (src/store/sites.c, the booking in iom.c). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "site.h"
#include "store/iom.h"
#include "store/sites.h"
#include "store/store.h"

static void test_window(void **state)
{
	(void)state;
	assert_null(site_check_window("2026-09-01"));
	assert_null(site_check_window("2026-10-31"));
	assert_null(site_check_window("2026-11-01"));
	assert_non_null(strstr(site_check_window("2026-11-02"), "с 1 сентября по 1 ноября"));
	assert_non_null(site_check_window("2026-08-31"));
	assert_non_null(site_check_window("2026-01-15"));
	assert_non_null(site_check_window(NULL));
	assert_non_null(site_check_window("31.10.2026"));
}

static void test_grant_term(void **state)
{
	char end[11];

	(void)state;
	site_default_end("2026-12-01", end);
	assert_string_equal(end, "2029-11-30");
	site_default_end("2028-02-29", end);
	assert_string_equal(end, "2031-02-27");
	assert_null(site_check_grant("2026-12-01", "2029-11-30"));
	assert_null(site_check_grant("2026-12-01", "2027-05-31"));
	assert_non_null(strstr(site_check_grant("2026-12-01", "2029-12-01"), "30.11.2029"));
	assert_non_null(site_check_grant("2026-12-01", "2026-11-30"));
	assert_non_null(site_check_grant(NULL, "2027-01-01"));
}

static void test_moves_and_places(void **state)
{
	const char *to[4];

	(void)state;
	assert_true(site_move_allowed("applied", "review"));
	assert_true(site_move_allowed("review", "granted"));
	assert_true(site_move_allowed("granted", "terminated"));
	assert_false(site_move_allowed("applied", "granted"));     /* reviewed first */
	assert_false(site_move_allowed("terminated", "granted"));  /* a new application instead */
	assert_false(site_move_allowed("rejected", "review"));
	assert_int_equal(site_moves("granted", to), 2);
	assert_int_equal(site_moves("expired", to), 0);
	assert_null(site_may_book("granted", "2029-11-30", "2026-11-22", 2, 1));
	assert_null(site_may_book("granted", "2029-11-30", "2026-11-22", -1, 500));
	assert_non_null(strstr(site_may_book("granted", "2029-11-30", "2026-11-22", 2, 2), "занято 2 из 2"));
	assert_non_null(site_may_book("review", "2029-11-30", "2026-11-22", 2, 0));
	assert_non_null(site_may_book("terminated", "2029-11-30", "2026-11-22", 2, 0));
	/* A term that has run out, though nobody has marked the site expired. */
	assert_non_null(strstr(site_may_book("granted", "2026-11-21", "2026-11-22", 2, 0), "не действует"));
	assert_null(site_may_book("granted", "2026-11-22", "2026-11-22", 2, 0));
}

static int64_t store_int64(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = 0;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* In the store: moves with their checks, and the places an ИОМ takes. */
static void test_store(void **state)
{
	char path[64], err[300];
	struct actor a = { 0, "test", "test" };
	struct site_move m;
	struct store *s;
	int64_t site, event, iom1, iom2, act;
	int used, max;

	(void)state;
	snprintf(path, sizeof path, "/tmp/marshrut-sites-%d.db", (int)getpid());
	test_remove_db(path);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 30, err, sizeof err), ST_OK);
	assert_int_equal(sqlite3_exec(store_db(s),
		"INSERT INTO internship_site (org_id, direction, topic, max_places, applied_date)"
		" VALUES ((SELECT min(id) FROM organisation WHERE kind = 'school'), 'fgos', 'Тема', 1, '2026-10-01');"
		"INSERT INTO event (title, level, start_date, internship_site_id) VALUES ('Стажировка', 'regional',"
		" '2027-02-01', (SELECT max(id) FROM internship_site));"
		"INSERT INTO iom (person_id, status) VALUES ((SELECT min(id) FROM person), 'draft');"
		"INSERT INTO iom (person_id, status) VALUES ((SELECT max(id) FROM person), 'draft');",
		NULL, NULL, NULL), SQLITE_OK);
	iom2 = sqlite3_last_insert_rowid(store_db(s));
	iom1 = iom2 - 1;
	site = store_int64(s, "SELECT max(id) FROM internship_site");
	event = store_int64(s, "SELECT max(id) FROM event");

	/* Not granted yet: no booking. */
	assert_int_equal(store_iom_accept_event(s, &a, iom1, event, &act), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "не действует"));
	memset(&m, 0, sizeof m);
	m.to = "granted";
	m.date = "2026-11-20";
	m.granted_from = "2026-12-01";
	m.granted_to = "2029-11-30";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);   /* reviewed first */
	m.to = "review";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_OK);
	m.to = "granted";
	m.granted_to = "2030-01-01";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "3 года"));
	m.granted_to = "2029-11-30";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_OK);
	m.to = "expired";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);   /* the term runs */
	/* One place: the first card takes it, the second is refused. */
	assert_int_equal(store_iom_accept_event(s, &a, iom1, event, &act), ST_OK);
	assert_int_equal(store_site_places(s, site, &used, &max), ST_OK);
	assert_int_equal(used, 1);
	assert_int_equal(max, 1);
	assert_int_equal(store_iom_accept_event(s, &a, iom2, event, &act), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "нет свободных мест"));
	/* Terminated: only with a reason. */
	m.to = "terminated";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_CONSTRAINT);
	m.reason = "no_demand";
	assert_int_equal(store_site_move(s, &a, site, &m), ST_OK);
	store_close(s);
	test_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_grant_term),
		cmocka_unit_test(test_moves_and_places),
		cmocka_unit_test(test_store),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
