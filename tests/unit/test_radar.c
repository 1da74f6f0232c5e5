/* The radar's arithmetic: cut-offs on base dates from a horizon in working
 * days, due dates and standings, against the shipped production calendar;
 * and the store's radar for a diagnostic that awaits its card. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "config.h"
#include "radar.h"
#include "util.h"
#include "store/diag.h"
#include "store/iom.h"
#include "store/store.h"
#include "store/store_int.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cutoffs),
		cmocka_unit_test(test_due_and_standing),
		cmocka_unit_test(test_diagnostic_without_card),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
