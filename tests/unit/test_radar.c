/* The radar's arithmetic: cut-offs on base dates from a horizon in working
 * days, due dates and standings, against the shipped production calendar;
 * and the store's radar for a diagnostic that awaits its card. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "catalog.h"
#include "config.h"
#include "radar.h"
#include "util.h"
#include "store/diag.h"
#include "store/iom.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/radar_due.h"

static struct calendar *cal;
static struct config *cfg;

static int setup(void **state)
{
	char err[256];
	(void)state;
	cal = calendar_load(TEST_CONF_DIR "/calendar.conf", err, sizeof err);
	cfg = config_defaults();
	return cal && cfg ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	config_free(cfg);
	return 0;
}

static dayno day(int y, int m, int d)
{
	return date_to_days(y, m, d);
}

static void test_cutoffs(void **state)
{
	struct radar_cutoffs c;
	(void)state;
	/* Today Monday 09.11.2026, horizon 0: only what is overdue or due today. */
	radar_cutoffs(cal, cfg, day(2026, 11, 9), 0, &c);
	/* Contact within 3 working days (04.11 is a holiday): received 04.11 is
	 * due 09.11 — today; received 05.11 is due 10.11 — not yet. */
	assert_string_equal(c.date[RADAR_APP_CONTACT], "2026-11-04");
	/* Corrections within 5: sent on Sunday 01.11, due 09.11 (02, 03, 05, 06, 09). */
	assert_string_equal(c.date[RADAR_IOM_CORRECT], "2026-11-01");
	/* Calendar kinds: activities due by today; courses three years back. */
	assert_string_equal(c.date[RADAR_ACTIVITY_MARK], "2026-11-09");
	assert_string_equal(c.date[RADAR_COURSE_3Y], "2023-11-09");
	/* A horizon of 5 working days reaches 16.11.2026. */
	radar_cutoffs(cal, cfg, day(2026, 11, 9), 5, &c);
	assert_string_equal(c.date[RADAR_ACTIVITY_MARK], "2026-11-16");
	assert_string_equal(c.date[RADAR_COURSE_3Y], "2023-11-16");
}

static void test_due_and_standing(void **state)
{
	char due[11];
	(void)state;
	radar_due(cal, cfg, RADAR_APP_CONTACT, "2026-11-03", due);
	assert_string_equal(due, "2026-11-09");
	radar_due(cal, cfg, RADAR_APP_RESULTS, "2026-05-11", due);
	assert_string_equal(due, "2026-05-25");
	radar_due(cal, cfg, RADAR_APP_RESULTS_ORDERED, "2026-05-11", due);
	assert_string_equal(due, "2026-06-01");
	radar_due(cal, cfg, RADAR_COURSE_3Y, "2024-02-29", due);
	assert_string_equal(due, "2027-02-28");
	radar_due(cal, cfg, RADAR_FINAL_DIAG, "2026-12-01", due);
	assert_string_equal(due, "2026-12-01");
	/* Overdue by working days, or working days left; 0 on the day. */
	assert_int_equal(radar_standing(cal, "2026-11-06", day(2026, 11, 9)), 1);
	assert_int_equal(radar_standing(cal, "2026-11-09", day(2026, 11, 9)), 0);
	assert_int_equal(radar_standing(cal, "2026-11-12", day(2026, 11, 9)), -3);
	assert_string_equal(radar_label(RADAR_IOM_DEVELOP), "ИОМ: разработать");
}

/* The teacher's «ИОМ: разработать» rows on a radar of horizon 0 (what
 * is overdue today), in his own scope: how many, and the first's detail. */
static int develop_rows(struct store *s, int64_t teacher, int64_t diag, char *detail, size_t n)
{
	struct store_scope sc = { false, teacher, 0, (char *)"[]", (char *)"[]" };
	struct radar_cutoffs cut;
	struct radar_filter f = { &cut, false, RADAR_IOM_DEVELOP };
	struct page_req r = { NULL, 0, +1, 50 };
	struct page p;
	char today[11];
	int y, m, d, found = 0;

	today_iso(today);
	date_parse_iso(today, &y, &m, &d);
	radar_cutoffs(cal, cfg, date_to_days(y, m, d), 0, &cut);
	assert_int_equal(store_radar_page(s, &sc, &f, &r, &p), ST_OK);
	for (int i = 0; i < p.n; i++)
		if (p.rows[i].id == diag && strlen(p.rows[i].key) > 12 && p.rows[i].key[12] == 'D') {
			if (found++ == 0)
				strlcpy0(detail, p.rows[i].cols[3], n);
		}
	page_free(&p);
	return found;
}

/* A diagnostic no developer was handed and no card built from: on the
 * radar from the diagnostic with its 10 working days, overdue after them;
 * the application it answers named; gone once the card exists. A
 * self-diagnosis is not a card's deadline. */
static void test_diagnostic_without_card(void **state)
{
	struct store *s;
	struct diagnostic dg;
	struct iom_head h;
	char path[64] = "/tmp/test_radar_XXXXXX", err[256] = "", today[11], date[11], due[11], detail[200] = "";
	int fd = mkstemp(path), y, m, d;
	int64_t org, teacher, diag, self, app;
	struct actor sys = { 0, "test", "test" };

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 60, err, sizeof err), ST_OK);
	org = store_int(s, "SELECT min(id) FROM organisation WHERE kind = 'school'", NULL);
	assert_int_equal(store_run(s, "INSERT INTO person (surname, name, surname_key, org_id)"
				   " VALUES ('Радарова', 'Анна', 'радарова анна', ?)", "i", org), ST_OK);
	teacher = store_int(s, "SELECT max(id) FROM person", NULL);
	/* 20 calendar days ago: more than 10 working days. */
	today_iso(today);
	date_parse_iso(today, &y, &m, &d);
	date_iso(date_to_days(y, m, d) - 20, date);
	diag_init(&dg);
	dg.person_id = teacher;
	strcpy(dg.form, "self");
	strcpy(dg.kind, "entry");
	strcpy(dg.date, date);
	assert_int_equal(store_diag_save(s, &sys, cfg, &dg), ST_OK);
	self = dg.id;
	assert_int_equal(develop_rows(s, teacher, self, detail, sizeof detail), 0);
	strcpy(dg.form, "standardized");
	dg.id = 0;
	assert_int_equal(store_diag_save(s, &sys, cfg, &dg), ST_OK);
	diag = dg.id;
	diag_free(&dg);

	assert_int_equal(develop_rows(s, teacher, diag, detail, sizeof detail), 1);
	assert_non_null(strstr(detail, "разработчик не назначен"));
	radar_due(cal, cfg, RADAR_IOM_DEVELOP, date, due);
	assert_true(strcmp(due, today) < 0);
	assert_true(radar_standing(cal, due, date_to_days(y, m, d)) > 0);

	/* The application it answers: the radar follows it to the card. */
	assert_int_equal(store_run(s, "INSERT INTO diagnostic_application (number, kind, channel, org_id,"
				   " applicant_name, received_date) VALUES ('З-77', 'individual', 'oral', ?,"
				   " 'Радарова А.', ?)", "it", org, date), ST_OK);
	app = store_int(s, "SELECT max(id) FROM diagnostic_application", NULL);
	store_run(s, "UPDATE diagnostic SET application_id = ? WHERE id = ?", "ii", app, diag);
	assert_int_equal(develop_rows(s, teacher, diag, detail, sizeof detail), 1);
	assert_non_null(strstr(detail, "заявка № З-77"));

	/* The card is built: the draft's own row takes over. */
	iom_init(&h);
	assert_int_equal(store_iom_create(s, &sys, cfg, teacher, 1, diag, 0, 0, &h), ST_OK);
	iom_free(&h);
	assert_int_equal(develop_rows(s, teacher, diag, detail, sizeof detail), 0);
	store_close(s);
	test_remove_db(path);
}

/* --- the radar's pages against a from-scratch computation --- */

/* Every row of the radar walked in pages of n forward from the start, or
 * backward from the end, in ascending order. */
static void walk(struct store *s, const struct store_scope *sc, const struct radar_filter *f, int dir, int n,
		 struct page *all)
{
	struct page_req r = { NULL, 0, dir, n };
	char *key = NULL;
	int cap = 0;

	all->n = 0;
	all->rows = NULL;
	for (;;) {
		struct page p;
		assert_int_equal(store_radar_page(s, sc, f, &r, &p), ST_OK);
		if (p.n == 0) {
			page_free(&p);
			break;
		}
		assert_true(p.n <= n);
		if (all->n + p.n > cap) {
			cap = 2 * (all->n + p.n);
			all->rows = realloc(all->rows, (size_t)cap * sizeof *all->rows);
		}
		if (dir > 0) {
			memcpy(all->rows + all->n, p.rows, (size_t)p.n * sizeof *p.rows);
		} else {
			memmove(all->rows + p.n, all->rows, (size_t)all->n * sizeof *all->rows);
			memcpy(all->rows, p.rows, (size_t)p.n * sizeof *p.rows);
		}
		all->n += p.n;
		free(p.rows);
		free(key);
		key = strdup(dir > 0 ? all->rows[all->n - 1].key : all->rows[0].key);
		r.key = key;
		r.id = dir > 0 ? all->rows[all->n - 1].id : all->rows[0].id;
	}
	free(key);
}

static void same_rows(const struct page *a, const struct page *b)
{
	assert_int_equal(a->n, b->n);
	for (int i = 0; i < a->n; i++) {
		assert_int_equal(a->rows[i].id, b->rows[i].id);
		assert_string_equal(a->rows[i].key, b->rows[i].key);
		for (int c = 0; c < LIST_COLS; c++)
			assert_string_equal(a->rows[i].cols[c], b->rows[i].cols[c]);
	}
}

/* The kept dates of every person equal their rule computed from scratch. */
static void dates_kept(struct store *s)
{
	static const char *const diff[2] = {
		"SELECT count(*) FROM (SELECT * FROM person_due"
		" WHERE coalesce(last_course, last_comprehensive, awaiting_diag_id) IS NOT NULL"
		" EXCEPT SELECT * FROM (" RADAR_PERSON_DATES "))",
		"SELECT count(*) FROM (SELECT * FROM (" RADAR_PERSON_DATES ")"
		" WHERE coalesce(last_course, last_comprehensive, awaiting_diag_id) IS NOT NULL"
		" EXCEPT SELECT * FROM person_due)",
	};
	for (int i = 0; i < 2; i++)
		assert_int_equal(store_int(s, diff[i], NULL), 0);
}

/* The radar of each scope and filter, in pages of several sizes either
 * way, from a reloaded row, and its count: the rows of one statement
 * over the rules with the dates computed from scratch. */
static void radar_matches(struct store *s, dayno today, int *rows_seen)
{
	int64_t mun = store_int(s, "SELECT min(id) FROM municipality", NULL);
	int64_t org = store_int(s, "SELECT org_id FROM person p WHERE EXISTS (SELECT 1 FROM course c"
				" WHERE c.person_id = p.id) ORDER BY id LIMIT 1", NULL);
	int64_t teacher = store_int(s, "SELECT person_id FROM person_due WHERE last_course IS NOT NULL"
				    " ORDER BY last_course LIMIT 1", NULL);
	int64_t curator = store_int(s, "SELECT curator_id FROM iom WHERE curator_id IS NOT NULL LIMIT 1", NULL);
	char muns[32], orgs[32];
	static const int horizons[] = { 0, 10, 250 };
	static const int kinds[] = { 0, RADAR_IOM_DEVELOP, RADAR_COURSE_3Y, RADAR_APP_RESULTS_ORDERED,
				     RADAR_ACTIVITY_MARK };

	snprintf(muns, sizeof muns, "[%lld]", (long long)mun);
	snprintf(orgs, sizeof orgs, "[%lld]", (long long)org);
	struct store_scope scopes[] = {
		{ true, 0, 0, (char *)"[]", (char *)"[]" },
		{ false, 0, 0, (char *)"[]", muns },
		{ false, 0, 0, orgs, (char *)"[]" },
		{ false, teacher, 0, (char *)"[]", (char *)"[]" },
		{ false, 0, curator, (char *)"[]", (char *)"[]" },
	};
	for (size_t h = 0; h < NITEMS(horizons); h++) {
		struct radar_cutoffs cut;
		radar_cutoffs(cal, cfg, today, horizons[h], &cut);
		for (size_t sc = 0; sc < NITEMS(scopes); sc++)
			for (size_t k = 0; k < NITEMS(kinds); k++) {
				struct radar_filter f = { &cut, sc < 3, kinds[k] };
				struct page fresh, fw, bw;
				int n;
				assert_int_equal(store_radar_fresh(s, &scopes[sc], &f, &fresh), ST_OK);
				walk(s, &scopes[sc], &f, +1, 7, &fw);
				same_rows(&fresh, &fw);
				walk(s, &scopes[sc], &f, -1, 3, &bw);
				same_rows(&fresh, &bw);
				assert_int_equal(store_radar_count(s, &scopes[sc], &f, &n), ST_OK);
				assert_int_equal(n, fresh.n);
				if (fresh.n > 2) {
					/* A reload from a row inclusive: (key, id - 1). */
					int at = fresh.n / 2;
					struct page_req r = { fresh.rows[at].key, fresh.rows[at].id - 1, +1, 2 };
					struct page p;
					assert_int_equal(store_radar_page(s, &scopes[sc], &f, &r, &p), ST_OK);
					assert_int_equal(p.n, 2);
					assert_string_equal(p.rows[0].key, fresh.rows[at].key);
					assert_string_equal(p.rows[1].key, fresh.rows[at + 1].key);
					page_free(&p);
				}
				*rows_seen += fresh.n;
				page_free(&fresh);
				page_free(&fw);
				page_free(&bw);
			}
	}
}

static void test_pages_match_fresh(void **state)
{
	struct store *s;
	struct actor sys = { 0, "test", "test" };
	char path[64] = "/tmp/test_radar_XXXXXX", err[256] = "", today[11];
	int fd = mkstemp(path), y, m, d, seen = 0, n, added;
	struct codifier_entry *e;
	dayno t;
	unsigned seed = 18;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 400, err, sizeof err), ST_OK);
	n = catalog_read_codifier(TEST_CONF_DIR "/codifier.conf", &e, err, sizeof err);
	assert_true(n > 0);
	assert_int_equal(store_codifier_import(s, &sys, e, n, &added), ST_OK);
	catalog_free_codifier(e, n);
	assert_int_equal(store_demo_activity(s, cfg, err, sizeof err), ST_OK);
	today_iso(today);
	date_parse_iso(today, &y, &m, &d);
	t = date_to_days(y, m, d);
	dates_kept(s);
	radar_matches(s, t, &seen);
	/* Random saves of what the dates and the rules read: diagnostics of
	 * every kind and form taken, moved, archived, handed over, deleted;
	 * courses added, moved in time, archived, deleted; a person deleted. */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 40; i++) {
			int64_t person = store_int(s, "SELECT id FROM person ORDER BY id LIMIT 1 OFFSET ?", "i",
						   (int64_t)(rand_r(&seed) % 400));
			int64_t diag = store_int(s, "SELECT id FROM diagnostic ORDER BY id LIMIT 1 OFFSET ?", "i",
						 (int64_t)(rand_r(&seed) % (unsigned)store_int(s,
							"SELECT count(*) FROM diagnostic", NULL)));
			char date[11];
			date_iso(t - (dayno)(rand_r(&seed) % 1800), date);
			switch (rand_r(&seed) % 11) {
			case 8: {
				static const char *const st[] = { "draft", "review", "approved", "in_progress",
								   "completed", "cancelled" };
				store_run(s, "UPDATE iom SET status = ? WHERE id = (SELECT id FROM iom ORDER BY id"
					  " LIMIT 1 OFFSET ?)", "ti", st[rand_r(&seed) % 6], (int64_t)(rand_r(&seed) % 50));
				break;
			}
			case 9:
				store_run(s, "UPDATE iom SET archived = 1 - archived WHERE id = (SELECT id FROM iom"
					  " WHERE person_id = ? LIMIT 1)", "i", person);
				break;
			case 10:
				store_run(s, "UPDATE diagnostic SET developer_id = CASE WHEN developer_id IS NULL"
					  " THEN ? END WHERE id = ?", "ii", person, diag);
				break;
			case 0: {
				static const char *const kinds[] = { "entry", "comprehensive", "final" };
				struct diagnostic dg;
				diag_init(&dg);
				dg.person_id = person;
				strcpy(dg.form, rand_r(&seed) % 4 ? "standardized" : "self");
				strcpy(dg.kind, kinds[rand_r(&seed) % 3]);
				strcpy(dg.date, date);
				assert_int_equal(store_diag_save(s, &sys, cfg, &dg), ST_OK);
				diag_free(&dg);
				break;
			}
			case 1:
				store_run(s, "UPDATE diagnostic SET diag_date = ? WHERE id = ?", "ti", date, diag);
				break;
			case 2:
				store_run(s, "UPDATE diagnostic SET archived = 1 - archived WHERE id = ?", "i", diag);
				break;
			case 3:
				store_run(s, "UPDATE diagnostic SET person_id = ?, kind = 'comprehensive' WHERE id = ?",
					  "ii", person, diag);
				break;
			case 4:
				store_run(s, "DELETE FROM diagnostic WHERE id = ? AND NOT EXISTS (SELECT 1 FROM iom"
					  " WHERE entry_diagnostic_id = ? OR final_diagnostic_id = ?)", "iii", diag, diag, diag);
				break;
			case 5:
				store_run(s, "INSERT INTO course (person_id, title, hours, end_date) VALUES (?, 'Курс', 72, ?)", "it",
					  person, date);
				break;
			case 6:
				store_run(s, "UPDATE course SET start_date = NULL, end_date = ?, archived = abs(random()) % 2 WHERE id ="
					  " (SELECT id FROM course WHERE person_id = ? LIMIT 1)", "ti", date, person);
				break;
			default:
				store_run(s, "DELETE FROM course WHERE id = (SELECT max(id) FROM course WHERE person_id = ?)",
					  "i", person);
				break;
			}
		}
		/* A person with a course, then deleted: his dates go with him. */
		assert_int_equal(store_run(s, "INSERT INTO person (surname, name, surname_key) VALUES"
					   " ('Ушедший', 'Иван', 'ушедший иван')", ""), ST_OK);
		assert_int_equal(store_run(s, "INSERT INTO course (person_id, title, hours, end_date)"
					   " VALUES ((SELECT max(id) FROM person), 'Курс', 72, '2020-01-01')", ""), ST_OK);
		assert_int_equal(store_int(s, "SELECT count(*) FROM person_due WHERE person_id ="
					   " (SELECT max(id) FROM person)", NULL), 1);
		assert_int_equal(store_run(s, "DELETE FROM person WHERE id = (SELECT max(id) FROM person)", ""),
				 ST_OK);
		dates_kept(s);
		radar_matches(s, t, &seen);
	}
	/* The check compared rows, not empty lists. */
	assert_true(seen > 100);
	store_close(s);
	test_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cutoffs),
		cmocka_unit_test(test_due_and_standing),
		cmocka_unit_test(test_diagnostic_without_card),
		cmocka_unit_test(test_pages_match_fresh),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
