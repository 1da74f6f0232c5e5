/* The radar's arithmetic: cut-offs on base dates from a horizon in working
 * days, due dates and standings, against the shipped production calendar. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "config.h"
#include "radar.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cutoffs),
		cmocka_unit_test(test_due_and_standing),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
