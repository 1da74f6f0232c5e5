/* The deadlines of an application for diagnostics, in working days; the
 * chain from the application to the card in the store. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "applic.h"
#include "config.h"
#include "date.h"
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

/* The application names its blocks (set exactly, audited); a diagnostic
 * created for it points back and reads so; the chain counts it and then
 * the card built from it. */
static void test_chain(void **state)
{
	struct store *s;
	struct diagnostic d;
	struct application_chain ch;
	struct iom_head h;
	char path[64] = "/tmp/test_applic_XXXXXX", err[256] = "";
	struct actor sys = { 0, "test", "test" };
	int64_t app, person, ids[8], want[2] = { 2, 1 };
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	s = store_open(path, true, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(store_demo_fill(s, 60, err, sizeof err), ST_OK);
	person = store_int(s, "SELECT min(id) FROM person WHERE org_id IN (SELECT id FROM organisation"
			   " WHERE kind = 'school')", NULL);
	assert_int_equal(store_run(s, "INSERT INTO diagnostic_application (number, kind, channel, applicant_name,"
				   " received_date) VALUES ('З-1', 'individual', 'oral', 'Иванова', '2026-11-02')",
				   NULL), ST_OK);
	app = store_int(s, "SELECT max(id) FROM diagnostic_application", NULL);

	assert_int_equal(store_application_set_blocks(s, &sys, app, want, 2), ST_OK);
	assert_int_equal(store_application_blocks(s, app, ids, 8), 2);
	assert_int_equal(ids[0], 1);      /* by the blocks' order */
	assert_int_equal(ids[1], 2);
	assert_int_equal(store_application_set_blocks(s, &sys, app, want, 1), ST_OK);
	assert_int_equal(store_application_blocks(s, app, ids, 8), 1);
	assert_int_equal(ids[0], 2);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'diagnostic_application'"
				   " AND record_id = ? AND field = 'block_id'", "i", app), 3);
	assert_int_equal(store_application_chain(s, app, &ch), ST_OK);
	assert_string_equal(ch.blocks, "Методические");
	assert_int_equal(ch.diagnostics, 0);

	diag_init(&d);
	d.person_id = person;
	strcpy(d.form, "standardized");
	strcpy(d.kind, "entry");
	strcpy(d.date, "2026-11-20");
	d.application_id = app;
	assert_int_equal(store_diag_save(s, &sys, cfg, &d), ST_OK);
	diag_free(&d);
	assert_int_equal(store_diag_get(s, store_int(s, "SELECT max(id) FROM diagnostic", NULL), 0, &d), ST_OK);
	assert_int_equal(d.application_id, app);
	diag_free(&d);
	store_application_chain(s, app, &ch);
	assert_int_equal(ch.diagnostics, 1);
	assert_int_equal(ch.cards, 0);
	iom_init(&h);
	assert_int_equal(store_iom_create(s, &sys, cfg, person, 1, store_int(s, "SELECT max(id) FROM diagnostic", NULL),
					  0, 0, &h), ST_OK);
	iom_free(&h);
	store_application_chain(s, app, &ch);
	assert_int_equal(ch.cards, 1);
	store_close(s);
	test_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contact),
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_chain),
	};
	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
