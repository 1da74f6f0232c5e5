/* The deadlines of an application for diagnostics, in working days. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "applic.h"
#include "config.h"
#include "date.h"

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

static bool due(const char *received, const char *contacted, const char *diag, const char *results,
		bool ordered, const char *today, char *out)
{
	struct applic_dates d = { received, contacted, diag, results, ordered };
	return applic_deadline(cal, cfg, &d, today, out, 160);
}

static void test_contact(void **state)
{
	char out[160];
	(void)state;
	/* Sunday 01.11.2026; 04.11 is a holiday: the third working day is 05.11. */
	assert_false(due("2026-11-01", NULL, NULL, NULL, false, "2026-11-05", out));
	assert_string_equal(out, "уведомить до 05.11.2026");
	assert_true(due("2026-11-01", NULL, NULL, NULL, false, "2026-11-09", out));
	assert_string_equal(out, "уведомить до 05.11.2026: просрочено 2 р. дн.");
	/* Contacted: waiting for the diagnostic. */
	assert_false(due("2026-11-01", "2026-11-02", "", NULL, false, "2026-11-30", out));
	assert_string_equal(out, "ждёт назначения диагностики");
}

static void test_results(void **state)
{
	char out[160];
	(void)state;
	/* Ten working days after Monday 11.05.2026 (a holiday): 25.05.2026. */
	assert_false(due("2026-04-20", "2026-04-21", "2026-05-11", NULL, false, "2026-05-25", out));
	assert_string_equal(out, "результаты до 25.05.2026");
	assert_true(due("2026-04-20", "2026-04-21", "2026-05-11", NULL, false, "2026-05-26", out));
	/* Fifteen when the authority ordered it. */
	assert_false(due("2026-04-20", "2026-04-21", "2026-05-11", NULL, true, "2026-05-26", out));
	assert_string_equal(out, "результаты до 01.06.2026");
	assert_false(due("2026-04-20", "2026-04-21", "2026-05-11", "2026-05-20", false, "2026-06-30", out));
	assert_string_equal(out, "результаты сообщены в срок");
	assert_false(due("2026-04-20", "2026-04-21", "2026-05-11", "2026-05-27", false, "2026-06-30", out));
	assert_string_equal(out, "результаты сообщены с опозданием 2 р. дн.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contact),
		cmocka_unit_test(test_results),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
