/* Monitoring indicators: the shipped file and bad ones with their line, the
 * import that keeps targets edited in the terminal, the mark rule at its
 * edges, and every formula counted by hand on a small register: one
 * region, two municipalities, three schools (and a kindergarten and an
 * archived school that no school figure may count), ten teachers and one
 * archived person who has everything and must never be counted. */
#include <math.h>   /* NAN, INFINITY */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "config.h"
#include "figures.h"
#include "indicators.h"
#include "model.h"
#include "util.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/indicators.h"

static char dbpath[64], confpath[64];
static const struct actor sys = { 0, "init", "init" };

static void write_conf(const char *text)
{
	FILE *f;
	snprintf(confpath, sizeof confpath, "/tmp/marshrut-indicators-%d.conf", (int)getpid());
	f = fopen(confpath, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static bool near(double a, double b)
{
	return a - b < 1e-9 && b - a < 1e-9;
}

static struct store *open_db(void)
{
	struct store *s;
	char err[300];

	snprintf(dbpath, sizeof dbpath, "/tmp/marshrut-indicators-%d.db", (int)getpid());
	test_remove_db(dbpath);
	s = store_open(dbpath, true, err, sizeof err);
	assert_non_null(s);
	return s;
}

static void close_db(struct store *s)
{
	store_close(s);
	test_remove_db(dbpath);
}

/* --- the file ------------------------------------------------------------ */

static const struct indicator_entry *find(const struct indicator_entry *e, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].code, code) == 0)
			return &e[i];
	return NULL;
}

static void test_shipped_file(void **state)
{
	struct indicator_entry *e;
	const struct indicator_entry *x;
	char err[300];
	int n;

	(void)state;
	n = indicators_read(TEST_CONF_DIR "/indicators.conf", &e, err, sizeof err);
	if (n < 0)
		fail_msg("%s", err);
	assert_int_equal(n, 24);
	/* The Ust-Ilimsk table, names and targets as in the programme. */
	assert_string_equal(e[0].code, "УИ-1");
	assert_string_equal(e[0].name, "Доля педагогических работников образовательных организаций,"
			    " прошедших диагностику профессиональных дефицитов");
	assert_string_equal(e[0].formula, "diagnosed");
	assert_string_equal(e[0].source, "ust-ilimsk");
	assert_string_equal(e[0].unit, "percent");
	assert_string_equal(e[0].period, "year");
	assert_true(e[0].higher_better);
	/* 2021–2024 from the programme, then 2024 carried to 2025–2027. */
	assert_int_equal(e[0].ntargets, 7);
	assert_int_equal(e[0].targets[0].year, 2021);
	assert_true(e[0].targets[0].value == 50);
	assert_int_equal(e[0].targets[3].year, 2024);
	assert_true(e[0].targets[3].value == 100);
	for (int i = 0; i < n; i++)
		if (e[i].ntargets > 0) {
			assert_int_equal(e[i].ntargets, 7);
			for (int k = 4; k < 7; k++) {
				assert_int_equal(e[i].targets[k].year, 2021 + k);
				assert_true(e[i].targets[k].value == e[i].targets[3].value);
			}
		}
	x = find(e, n, "УИ-3");
	assert_non_null(x);
	assert_true(x->targets[0].value == 35 && x->targets[1].value == 38 &&
		    x->targets[2].value == 40 && x->targets[3].value == 42);
	x = find(e, n, "УИ-8");
	assert_true(x->targets[0].value == 10 && x->targets[3].value == 70);
	x = find(e, n, "УИ-10");
	assert_string_equal(x->formula, "mentee_satisfaction");
	assert_true(x->targets[1].value == 79 && x->targets[3].value == 85);
	x = find(e, n, "УИ-15");
	assert_false(x->higher_better);
	assert_true(x->targets[0].value == 20 && x->targets[1].value == 14 &&
		    x->targets[2].value == 7 && x->targets[3].value == 0);
	/* №7 «имеющих» and №9 «реализующих» are two formulas, never one. */
	x = find(e, n, "УИ-7");
	assert_string_equal(x->formula, "orgs_mentoring_plan");
	x = find(e, n, "УИ-9");
	assert_string_equal(x->formula, "mun_orgs_mentoring");
	assert_true(x->targets[0].value == 30 && x->targets[3].value == 95);
	x = find(e, n, "УИ-19");
	assert_true(x->targets[0].value == 10 && x->targets[3].value == 25);
	/* №6 and №18, 2021–2024 as the programme's table has them. */
	x = find(e, n, "УИ-6");
	assert_non_null(x);
	assert_string_equal(x->formula, "orgs_attestation_plan");
	assert_true(x->targets[0].value == 100 && x->targets[1].value == 100 &&
		    x->targets[2].value == 100 && x->targets[3].value == 100);
	x = find(e, n, "УИ-18");
	assert_non_null(x);
	assert_string_equal(x->formula, "modern_tech");
	assert_true(x->targets[0].value == 60 && x->targets[1].value == 65 &&
		    x->targets[2].value == 90 && x->targets[3].value == 100);
	/* Every indicator of the programme's table: rows 1, 3–11, 13–19. */
	for (int k = 1; k <= 19; k++) {
		char code[16];
		snprintf(code, sizeof code, "УИ-%d", k);
		if (k == 2 || k == 12)
			assert_null(find(e, n, code));
		else
			assert_non_null(find(e, n, code));
	}
	/* Omsk: no targets in the document. */
	x = find(e, n, "ОМ-1");
	assert_string_equal(x->formula, "ippr_share");
	assert_string_equal(x->source, "omsk");
	assert_int_equal(x->ntargets, 0);
	x = find(e, n, "ОМ-3");
	assert_string_equal(x->unit, "count");
	/* The municipal systems' МСОКО: from the municipalities, no target. */
	x = find(e, n, "ОМ-7");
	assert_non_null(x);
	assert_string_equal(x->formula, "muns_msoko_ippr");
	assert_string_equal(x->source, "omsk");
	assert_int_equal(x->ntargets, 0);
	/* The ВСОКО one, and no Omsk indicator has a target. */
	x = find(e, n, "ОМ-5");
	assert_non_null(x);
	assert_string_equal(x->formula, "orgs_vsoko_ippr");
	assert_non_null(strstr(x->name, "ВСОКО"));
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].source, "omsk") == 0)
			assert_int_equal(e[i].ntargets, 0);
	/* Every formula of the file is one the store knows. */
	for (int i = 0; i < n; i++)
		assert_non_null(indicator_formula_find(e[i].formula));
	indicators_free(e, n);
}

static void test_good_and_bad_files(void **state)
{
	struct indicator_entry *e;
	char err[400];
	int n;

	(void)state;
	/* Defaults, decimals with a dot or a comma, comments anywhere. */
	write_conf("# показатели\n"
		   "indicator \"X-1\" {\n"
		   "  name = \"Доля\"  formula = \"schools_young30\"\n"
		   "  targets = { \"2024:16,5\", # запятая\n"
		   "              \"2025:16.25\" }\n"
		   "}\n"
		   "indicator \"X-2\" { name = \"Количество\" unit = \"count\" formula = \"recommendations_visits\""
		   " higher_better = false criterion = \"other\" targets = { \"2024:150\" } }\n");
	n = indicators_read(confpath, &e, err, sizeof err);
	if (n < 0)
		fail_msg("%s", err);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].unit, "percent");
	assert_string_equal(e[0].period, "year");
	assert_null(e[0].source);
	assert_null(e[0].criterion);
	assert_true(e[0].higher_better);
	assert_int_equal(e[0].ntargets, 2);
	assert_true(near(e[0].targets[0].value, 16.5));
	assert_true(near(e[0].targets[1].value, 16.25));
	assert_false(e[1].higher_better);
	assert_true(e[1].targets[0].value == 150);   /* a count may exceed 100 */
	assert_string_equal(e[1].criterion, "other");
	indicators_free(e, n);

	/* Each refusal names the file, the line and the reason. */
	write_conf("# 1\n# 2\nindicator \"A\" { name = \"a\" formula = \"astrology\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_null(e);
	assert_non_null(strstr(err, confpath));
	assert_non_null(strstr(err, ":3:"));
	assert_non_null(strstr(err, "неизвестная формула «astrology»"));
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" }\n"
		   "\n"
		   "indicator \"B\" {\n"
		   "  name = \"b\" formula = \"diagnosed\"\n"
		   "  targets = { \"2024:101\" }\n"
		   "}\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, ":6:"));
	assert_non_null(strstr(err, "больше 100"));
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" targets = { \"2024:10\", \"2024:20\" } }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, ":1:"));
	assert_non_null(strstr(err, "дважды"));
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" targets = { \"24:10\" } }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "ГГГГ:значение"));
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" targets = { \"2024:1.\" } }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" targets = { \"1999:10\" } }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "2000–2100"));
	write_conf("indicator \"A\" { name = \"a\" unit = \"count\" formula = \"diagnosed\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "единица"));
	write_conf("indicator \"A\" { name = \"a\" unit = \"pieces\" formula = \"diagnosed\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "pieces"));
	write_conf("indicator \"A\" { formula = \"diagnosed\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "наименование"));
	write_conf("indicator \"A\" { name = \"a\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "формула"));
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" period = \"month\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "month"));
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" criterion = \"luck\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "luck"));
	write_conf("indicator \"A\x1b[2J\" { name = \"a\" formula = \"diagnosed\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "управляющий"));
	write_conf("indicator \"A\" { name = \"a\" formula = \"diagnosed\" }\n"
		   "indicator \"A\" { name = \"b\" formula = \"diagnosed\" }\n");
	assert_int_equal(indicators_read(confpath, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, ":2:"));
	assert_int_equal(indicators_read("/nonexistent/indicators.conf", &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "не удаётся открыть"));
	unlink(confpath);
}

/* --- the mark rule ------------------------------------------------------- */

static void test_mark(void **state)
{
	char buf[32];

	(void)state;
	/* Higher is better, percents: 10 percentage points of tolerance. */
	assert_string_equal(indicator_mark(100, 100, true), "met");
	assert_string_equal(indicator_mark(100, 90, true), "met");
	assert_string_equal(indicator_mark(90, 100, true), "close");
	assert_string_equal(indicator_mark(89.99, 100, true), "behind");
	assert_string_equal(indicator_mark(100.0 * 9 / 10, 100, true), "close");
	assert_string_equal(indicator_mark(100.0 / 3, 100.0 / 3, true), "met");
	assert_string_equal(indicator_mark(0, 10, true), "close");
	assert_string_equal(indicator_mark(0, 10.5, true), "behind");
	assert_string_equal(indicator_mark(0, 0, true), "met");
	/* Lower is better (vacancies): at or below the target is met. */
	assert_string_equal(indicator_mark(0, 0, false), "met");
	assert_string_equal(indicator_mark(7, 7, false), "met");
	assert_string_equal(indicator_mark(10, 0, false), "close");
	assert_string_equal(indicator_mark(10.01, 0, false), "behind");
	assert_string_equal(indicator_mark(24, 14, false), "close");
	assert_string_equal(indicator_mark(25, 14, false), "behind");
	/* Counts: 10 % of the target. */
	assert_string_equal(indicator_mark_unit(9, 10, true, IND_COUNT), "close");
	assert_string_equal(indicator_mark_unit(8.9, 10, true, IND_COUNT), "behind");
	assert_string_equal(indicator_mark_unit(180, 200, true, IND_COUNT), "close");
	assert_string_equal(indicator_mark_unit(179, 200, true, IND_COUNT), "behind");
	assert_string_equal(indicator_mark_unit(11, 10, false, IND_COUNT), "close");
	assert_string_equal(indicator_mark_unit(12, 10, false, IND_COUNT), "behind");
	assert_string_equal(indicator_mark_unit(1, 0, false, IND_COUNT), "behind");
	assert_string_equal(indicator_mark_unit(0, 0, true, IND_COUNT), "met");
	assert_string_equal(indicator_mark_unit(90, 100, true, IND_PERCENT), "close");
	/* No figure or no target: no mark. */
	assert_null(indicator_mark(-1, 50, true));
	assert_null(indicator_mark(50, -1, true));
	assert_null(indicator_mark(NAN, 50, true));
	assert_null(indicator_mark(50, INFINITY, true));
	/* Russian labels. */
	assert_string_equal(indicator_mark_label("met"), "выполнен");
	assert_string_equal(indicator_mark_label("close"), "близко");
	assert_string_equal(indicator_mark_label("behind"), "отстаёт");
	assert_string_equal(indicator_mark_label(NULL), "");
	assert_string_equal(indicator_mark_label("other"), "");
	/* Figures from numerator and denominator. */
	assert_true(indicator_value(2, 10, IND_PERCENT) == 20);
	assert_true(indicator_value(0, 0, IND_PERCENT) < 0);
	assert_true(indicator_value(3, 1, IND_COUNT) == 3);
	assert_int_equal(indicator_unit_parse("percent"), IND_PERCENT);
	assert_int_equal(indicator_unit_parse("count"), IND_COUNT);
	assert_int_equal(indicator_unit_parse("pieces"), -1);
	indicator_format(90, ',', buf, sizeof buf);
	assert_string_equal(buf, "90");
	indicator_format(16.5, ',', buf, sizeof buf);
	assert_string_equal(buf, "16,5");
	indicator_format(100.0 / 3, '.', buf, sizeof buf);
	assert_string_equal(buf, "33.33");
	indicator_format(0.05, ',', buf, sizeof buf);
	assert_string_equal(buf, "0,05");
	indicator_format(0, ',', buf, sizeof buf);
	assert_string_equal(buf, "0");
}

/* --- import, list and targets ------------------------------------------ */

static void test_import(void **state)
{
	struct indicator_entry *e;
	struct indicator_row rows[40];
	struct store *s;
	char err[300];
	double t;
	int n, m, added;
	int64_t ui1, om3;

	(void)state;
	s = open_db();
	n = indicators_read(TEST_CONF_DIR "/indicators.conf", &e, err, sizeof err);
	assert_int_equal(n, 24);
	assert_int_equal(store_indicators_import(s, &sys, e, n, &added), ST_OK);
	assert_int_equal(added, 24);
	assert_int_equal(store_int(s, "SELECT count(*) FROM indicator", NULL), 24);
	assert_int_equal(store_int(s, "SELECT count(*) FROM indicator_target", NULL), 17 * 7);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'indicator'", NULL), 24);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'indicator_target'", NULL), 17 * 7);
	assert_int_equal(store_int(s, "SELECT count(*) FROM indicator WHERE criterion IS NOT NULL"
				   " AND description IS NOT NULL", NULL), 24);

	/* The list, in the order of the file. */
	m = store_indicator_list(s, rows, 40);
	assert_int_equal(m, 24);
	assert_string_equal(rows[0].code, "УИ-1");
	assert_string_equal(rows[0].formula, "diagnosed");
	assert_string_equal(rows[0].source, "ust-ilimsk");
	assert_string_equal(rows[0].unit, "percent");
	assert_string_equal(rows[0].period, "year");
	assert_true(rows[0].higher_better);
	assert_non_null(strstr(rows[0].name, "диагностику"));
	assert_string_equal(rows[4].code, "УИ-6");
	assert_string_equal(rows[12].code, "УИ-15");
	assert_false(rows[12].higher_better);
	assert_string_equal(rows[15].code, "УИ-18");
	assert_string_equal(rows[17].code, "ОМ-1");
	assert_string_equal(rows[19].code, "ОМ-3");
	assert_string_equal(rows[19].unit, "count");
	assert_string_equal(rows[21].code, "ОМ-5");
	assert_string_equal(rows[21].formula, "orgs_vsoko_ippr");
	store_indicator_rows_free(rows, m);
	m = store_indicator_list(s, rows, 3);
	assert_int_equal(m, 3);
	store_indicator_rows_free(rows, m);

	/* Targets: read, changed in the terminal (audited), added for a new year. */
	ui1 = store_indicator_by_code(s, "УИ-1");
	om3 = store_indicator_by_code(s, "ОМ-3");
	assert_true(ui1 > 0 && om3 > 0);
	assert_int_equal(store_indicator_by_code(s, "нет"), 0);
	assert_int_equal(store_indicator_target(s, ui1, 2024, 0, &t, NULL), ST_OK);
	assert_true(t == 100);
	assert_int_equal(store_indicator_target(s, ui1, 2030, 0, &t, NULL), ST_NOTFOUND);
	assert_int_equal(store_indicator_target(s, om3, 2024, 0, &t, NULL), ST_NOTFOUND);
	assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 0, 90), ST_OK);
	assert_int_equal(store_indicator_target(s, ui1, 2024, 0, &t, NULL), ST_OK);
	assert_true(t == 90);
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'indicator_target'"
				   " AND action = 'update' AND before = '100' AND after = '90'", NULL), 1);
	assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 0, 90), ST_OK);   /* no change */
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE action = 'update'", NULL), 1);
	assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2025, 0, 100), ST_OK);
	assert_int_equal(store_indicator_set_target(s, &sys, om3, 2024, 0, 12.5), ST_OK);
	assert_int_equal(store_indicator_target(s, om3, 2024, 0, &t, NULL), ST_OK);
	assert_true(t == 12.5);
	assert_int_equal(store_indicator_set_target(s, &sys, om3, 2025, 0, 150), ST_OK);  /* a count */
	assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'indicator_target'"
				   " AND action = 'create'", NULL), 17 * 7 + 2);   /* ui1's 2025 was shipped */
	/* Refusals leave nothing behind. */
	assert_int_equal(store_indicator_set_target(s, &sys, 9999, 2024, 0, 50), ST_NOTFOUND);
	assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 0, 120), ST_CONSTRAINT);
	assert_non_null(strstr(store_errmsg(s), "100"));
	assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 0, -1), ST_CONSTRAINT);
	assert_int_equal(store_indicator_set_target(s, &sys, ui1, 1999, 0, 50), ST_CONSTRAINT);
	assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 0, NAN), ST_CONSTRAINT);
	assert_int_equal(store_indicator_target(s, ui1, 2024, 0, &t, NULL), ST_OK);
	assert_true(t == 90);

	/* A municipality's own target: it applies there, the general one
	 * elsewhere; removing it returns the general one (audited both ways). */
	{
		bool own;
		assert_int_equal(store_run(s, "INSERT OR IGNORE INTO region (id, code, name) VALUES (1, 'R', 'Область')",
					   NULL), ST_OK);
		assert_int_equal(store_run(s, "INSERT INTO municipality (id, region_id, code, name) VALUES"
					   " (1, 1, 'M1', 'Город'), (2, 1, 'M2', 'Район')", NULL), ST_OK);
		assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 1, 75), ST_OK);
		assert_int_equal(store_indicator_target(s, ui1, 2024, 1, &t, &own), ST_OK);
		assert_true(t == 75 && own);
		assert_int_equal(store_indicator_target(s, ui1, 2024, 2, &t, &own), ST_OK);
		assert_true(t == 90 && !own);
		assert_int_equal(store_indicator_target(s, ui1, 2024, 0, &t, &own), ST_OK);
		assert_true(t == 90 && !own);
		assert_int_equal(store_indicator_target(s, ui1, 2030, 1, &t, &own), ST_NOTFOUND);
		assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 1, 80), ST_OK);
		assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'indicator_target'"
					   " AND action = 'update' AND before = '75' AND after = '80'", NULL), 1);
		assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 99, 50), ST_NOTFOUND);
		assert_non_null(strstr(store_errmsg(s), "муниципалитет"));
		assert_int_equal(store_indicator_set_target(s, &sys, ui1, 2024, 1, 101), ST_CONSTRAINT);
		assert_int_equal(store_indicator_clear_target(s, &sys, ui1, 2024, 0), ST_CONSTRAINT);
		assert_int_equal(store_indicator_clear_target(s, &sys, ui1, 2024, 1), ST_OK);
		assert_int_equal(store_indicator_clear_target(s, &sys, ui1, 2024, 1), ST_OK);   /* none left */
		assert_int_equal(store_int(s, "SELECT count(*) FROM audit WHERE tbl = 'indicator_target'"
					   " AND action = 'delete' AND before = '80' AND after IS NULL", NULL), 1);
		assert_int_equal(store_indicator_target(s, ui1, 2024, 1, &t, &own), ST_OK);
		assert_true(t == 90 && !own);
		assert_int_equal(store_int(s, "SELECT count(*) FROM indicator_target", NULL), 17 * 7 + 2);
	}

	/* A second import adds nothing and keeps the edited target. */
	assert_int_equal(store_indicators_import(s, &sys, e, n, &added), ST_OK);
	assert_int_equal(added, 0);
	assert_int_equal(store_indicator_target(s, ui1, 2024, 0, &t, NULL), ST_OK);
	assert_true(t == 90);
	assert_int_equal(store_int(s, "SELECT count(*) FROM indicator_target", NULL), 17 * 7 + 2);
	/* An edited name survives too; a removed year comes back. */
	store_run(s, "UPDATE indicator SET name = 'изменено' WHERE code = 'УИ-3'", NULL);
	store_run(s, "DELETE FROM indicator_target WHERE indicator_id = ? AND year = 2021", "i", ui1);
	assert_int_equal(store_indicators_import(s, &sys, e, n, &added), ST_OK);
	assert_int_equal(added, 0);
	assert_int_equal(store_int(s, "SELECT count(*) FROM indicator WHERE name = 'изменено'", NULL), 1);
	assert_int_equal(store_indicator_target(s, ui1, 2021, 0, &t, NULL), ST_OK);
	assert_true(t == 50);
	indicators_free(e, n);

	/* A new file: a new code and a new year for a known one are added; the
	 * known year keeps the value edited in the terminal. */
	write_conf("indicator \"УИ-1\" { name = \"другое\" formula = \"diagnosed\""
		   " targets = { \"2024:100\", \"2028:100\" } }\n"
		   "indicator \"Н-1\" { name = \"Новый\" formula = \"course_year\" targets = { \"2026:50\" } }\n");
	n = indicators_read(confpath, &e, err, sizeof err);
	assert_int_equal(n, 2);
	assert_int_equal(store_indicators_import(s, &sys, e, n, &added), ST_OK);
	assert_int_equal(added, 1);
	assert_int_equal(store_indicator_target(s, ui1, 2024, 0, &t, NULL), ST_OK);
	assert_true(t == 90);
	assert_int_equal(store_indicator_target(s, ui1, 2028, 0, &t, NULL), ST_OK);   /* after the shipped years */
	assert_true(t == 100);
	assert_int_equal(store_int(s, "SELECT count(*) FROM indicator WHERE name = 'другое'", NULL), 0);
	assert_int_equal(store_indicator_target(s, store_indicator_by_code(s, "Н-1"), 2026, 0, &t, NULL), ST_OK);
	assert_true(t == 50);
	indicators_free(e, n);
	unlink(confpath);
	close_db(s);
}

/* --- the figures --------------------------------------------------------- */

/* Region 1; municipalities 1 (S1, S2) and 2 (S3, kindergarten 4, archived
 * school 5); teachers 1–4 in S1, 5–7 in S2, 8–10 in S3; person 11 is
 * archived (S1) and has a diagnostic, a course, a card, a pair, a survey
 * answer and a product of 2024 that must not be counted. */
static const char fixture[] =
	"INSERT INTO region (id, code, name) VALUES (1, 'R', 'Область');\n"
	"INSERT INTO municipality (id, region_id, code, name) VALUES (1, 1, 'M1', 'Город'), (2, 1, 'M2', 'Район');\n"
	"INSERT INTO organisation (id, region_id, mun_id, code, name, kind, archived) VALUES\n"
	" (1, 1, 1, 'S1', 'Школа 1', 'school', 0), (2, 1, 1, 'S2', 'Школа 2', 'school', 0),\n"
	" (3, 1, 2, 'S3', 'Школа 3', 'school', 0), (4, 1, 2, 'K1', 'Детский сад', 'kindergarten', 0),\n"
	" (5, 1, 2, 'S4', 'Закрытая школа', 'school', 1);\n"
	"INSERT INTO person (id, surname, name, org_id, experience_years, experience_date, archived) VALUES\n"
	" (1, 'Первый', 'А', 1, 15, NULL, 0), (2, 'Второй', 'Б', 1, 20, NULL, 0),\n"
	" (3, 'Третий', 'В', 1, 7, NULL, 0), (4, 'Четвёртый', 'Г', 1, 1, '2023-09-01', 0),\n"
	" (5, 'Пятый', 'Д', 2, NULL, NULL, 0), (6, 'Шестой', 'Е', 2, 0, '2024-09-01', 0),\n"
	" (7, 'Седьмой', 'Ж', 2, 3, '2024-01-01', 0), (8, 'Восьмой', 'З', 3, 2, '2022-09-01', 0),\n"
	" (9, 'Девятый', 'И', 3, 1, NULL, 0), (10, 'Десятый', 'К', 3, 10, NULL, 0),\n"
	" (11, 'Ушедший', 'Л', 1, 0, '2024-09-01', 1);\n"
	/* Diagnostics: 2024 — 1, 2 (31.12), 5 (01.01), 9; 2023 — 3, 9; 6 archived; 8 in 2025. */
	"INSERT INTO diagnostic (person_id, form, kind, diag_date, archived) VALUES\n"
	" (1, 'standardized', 'entry', '2024-03-10', 0), (2, 'self', 'entry', '2024-12-31', 0),\n"
	" (3, 'standardized', 'entry', '2023-05-01', 0), (5, 'expert', 'comprehensive', '2024-01-01', 0),\n"
	" (6, 'standardized', 'entry', '2024-06-01', 1), (8, 'standardized', 'entry', '2025-01-01', 0),\n"
	" (9, 'self', 'entry', '2023-11-11', 0), (9, 'standardized', 'final', '2024-02-02', 0),\n"
	" (11, 'standardized', 'entry', '2024-04-04', 0);\n"
	/* Courses by end date. */
	"INSERT INTO course (person_id, title, hours, end_date, archived) VALUES\n"
	" (1, 'ПК', 36, '2024-05-20', 0), (2, 'ПК', 72, '2022-03-01', 0), (3, 'ПК', 72, '2021-12-31', 0),\n"
	" (4, 'ПК', 16, '2024-12-31', 0), (4, 'ПК', 16, '2023-06-01', 0), (5, 'ПК', 36, '2022-01-01', 0),\n"
	" (7, 'ПК', 36, '2025-02-01', 0), (8, 'ПК', 36, '2024-09-09', 1), (10, 'ПК', 36, '2023-10-10', 0),\n"
	" (11, 'ПК', 36, '2024-01-01', 0);\n"
	/* Cards: 1 iom 2024; 2 ippr 2023–24 completed, final event 2024; 3 cancelled;
	 * 4 iom 2024 completed with a blank final event; 5 ippr draft developed
	 * 01.11.2024; 6 iom completed 2023 with a final event 2023; 8 ippr
	 * completed 2024 without a final event; 9 iom of 2025; 10 ippr completed,
	 * archived (kept a year), final event 2024; 11 archived person. */
	"INSERT INTO iom (id, template, person_id, status, start_date, end_date, developed_date,"
	" completed_date, final_event, final_event_date, archived) VALUES\n"
	" (1, 'iom', 1, 'in_progress', '2024-02-01', '2024-12-31', NULL, NULL, NULL, NULL, 0),\n"
	" (2, 'ippr', 2, 'completed', '2023-09-01', '2024-06-30', NULL, '2024-06-20', 'Открытый урок', '2024-06-15', 0),\n"
	" (3, 'iom', 3, 'cancelled', '2024-01-01', NULL, NULL, NULL, NULL, NULL, 0),\n"
	" (4, 'ippr', 5, 'draft', NULL, NULL, '2024-11-01', NULL, NULL, NULL, 0),\n"
	" (5, 'iom', 6, 'completed', '2022-09-01', '2023-05-31', NULL, '2023-05-31', 'Мастер-класс', '2023-05-20', 0),\n"
	" (6, 'ippr', 8, 'completed', '2024-01-10', '2024-10-10', NULL, '2024-10-01', NULL, NULL, 0),\n"
	" (7, 'iom', 9, 'approved', '2025-01-15', '2025-12-31', NULL, NULL, NULL, NULL, 0),\n"
	" (8, 'ippr', 11, 'completed', '2024-01-01', '2024-06-01', NULL, '2024-06-01', 'Выступление', '2024-05-30', 0),\n"
	" (9, 'ippr', 10, 'completed', '2023-01-01', '2024-02-01', NULL, '2024-02-01', 'Выступление на МО', '2024-01-25', 1),\n"
	" (10, 'iom', 4, 'completed', '2024-01-01', '2024-03-01', NULL, '2024-03-01', '   ', '2024-03-01', 0);\n"
	/* Pairs: 1→4 S1 since 09.2023; 5→6 S2 from 09.2024; 5→7 planned 2025;
	 * 10→8 S3 2022–23; 1→11 (archived mentee) S1 2024; 10→9 archived pair;
	 * 5→7 without organisation (the mentee's, S2) in 2023. */
	"INSERT INTO mentoring_pair (id, mentor_id, mentee_id, org_id, start_date, end_date, state, archived) VALUES\n"
	" (1, 1, 4, 1, '2023-09-01', NULL, 'active', 0),\n"
	" (2, 5, 6, 2, '2024-09-01', '2025-06-30', 'active', 0),\n"
	" (3, 5, 7, 2, '2025-01-10', NULL, 'planned', 0),\n"
	" (4, 10, 8, 3, '2022-09-01', '2023-06-30', 'completed', 0),\n"
	" (5, 1, 11, 1, '2024-09-01', NULL, 'active', 0),\n"
	" (6, 10, 9, 3, '2024-02-01', '2024-03-01', 'terminated', 1),\n"
	" (7, 5, 7, NULL, '2023-01-01', '2023-12-31', 'completed', 0);\n"
	"INSERT INTO mentoring_survey (pair_id, year, respondent, satisfied) VALUES\n"
	" (1, 2024, 'mentee', 1), (1, 2024, 'mentor', 1), (2, 2024, 'mentee', 0), (2, 2024, 'mentor', 1),\n"
	" (5, 2024, 'mentee', 1), (5, 2024, 'mentor', 0), (4, 2023, 'mentee', 1), (4, 2023, 'mentor', 0),\n"
	" (6, 2024, 'mentee', 1), (7, 2023, 'mentee', 0);\n"
	"INSERT INTO participation (person_id, org_id, kind, title, level, year, archived) VALUES\n"
	" (1, 1, 'contest', 'Учитель года', 'municipal', 2024, 0),\n"
	" (5, 2, 'contest', 'Учитель года', 'regional', 2024, 0),\n"
	" (8, 3, 'contest', 'Учитель года', 'municipal', 2024, 1),\n"
	" (9, NULL, 'contest', 'Педагогический дебют', 'municipal', 2023, 0),\n"
	" (6, 2, 'scimethod', 'Педагогические чтения', 'municipal', 2024, 0),\n"
	" (2, 1, 'scimethod', 'Конференция', 'regional', 2024, 0);\n"
	"INSERT INTO staffing_need (org_id, year, quarter, staff_kind, position, count, state) VALUES\n"
	" (2, 2024, 1, 'ped', 'Учитель математики', 1, 'open'),\n"
	" (3, 2024, 2, 'other', 'Лаборант', 1, 'filled'),\n"
	" (1, 2024, 3, 'ped', 'Учитель физики', 1, 'cancelled'),\n"
	" (4, 2024, 1, 'ped', 'Воспитатель', 2, 'open'),\n"
	" (1, 2023, 4, 'ped', 'Учитель химии', 1, 'open'),\n"
	" (3, 2024, 3, 'ped', 'Учитель музыки', 0, 'open');\n"
	/* Under 30: S1 5 of 25 (20 %), S2 5 of 30 (16,7 %), S3 33 of 200 (exactly 16,5 %). */
	"INSERT INTO staff_count (org_id, year, teachers, educators, others, under30_teachers,"
	" under30_educators, under30_others) VALUES\n"
	" (1, 2024, 20, 0, 5, 4, 0, 1), (2, 2024, 30, 0, 0, 5, 0, 0), (3, 2024, 200, 0, 0, 33, 0, 0),\n"
	" (4, 2024, 10, 0, 0, 5, 0, 0);\n"
	"INSERT INTO innovation (person_id, title, year, archived) VALUES\n"
	" (3, 'Проект «Читающая школа»', 2024, 0), (7, 'Программа кружка', 2024, 0),\n"
	" (10, 'Методическая разработка', 2023, 0), (1, 'Черновик', 2024, 1), (11, 'Проект', 2024, 0);\n"
	"INSERT INTO recommendation (rec_date, source, org_id, mun_id, text, archived) VALUES\n"
	" ('2024-03-01', 'visit_municipal', 1, NULL, 'р1', 0), ('2024-05-05', 'visit_regional', NULL, 2, 'р2', 0),\n"
	" ('2024-06-06', 'monitoring', 3, NULL, 'р3', 0), ('2023-12-12', 'visit_regional', 2, NULL, 'р4', 0),\n"
	" ('2024-07-07', 'visit_municipal', 1, NULL, 'р5', 1), ('2024-08-08', 'visit_regional', NULL, NULL, 'р6', 0);\n";

struct expect {
	const char *formula;
	int year;
	const char *kind;
	int64_t id;
	long num, den;
};

static const struct expect expected[] = {
	{ "diagnosed", 2024, "region", 1, 4, 10 },
	{ "diagnosed", 2024, "region", 0, 4, 10 },
	{ "diagnosed", 2024, "mun", 1, 3, 7 },
	{ "diagnosed", 2024, "mun", 2, 1, 3 },
	{ "diagnosed", 2024, "org", 1, 2, 4 },
	{ "diagnosed", 2024, "org", 2, 1, 3 },
	{ "diagnosed", 2024, "org", 3, 1, 3 },
	{ "diagnosed", 2024, "org", 4, 0, 0 },
	{ "diagnosed", 2023, "region", 1, 2, 10 },
	{ "diagnosed", 2023, "mun", 1, 1, 7 },
	{ "diagnosed", 2023, "mun", 2, 1, 3 },

	{ "course_year", 2024, "region", 1, 2, 10 },
	{ "course_year", 2024, "mun", 1, 2, 7 },
	{ "course_year", 2024, "mun", 2, 0, 3 },
	{ "course_year", 2024, "org", 1, 2, 4 },
	{ "course_year", 2024, "org", 2, 0, 3 },
	{ "course_year", 2023, "region", 1, 2, 10 },

	{ "course_3y", 2024, "region", 1, 5, 10 },
	{ "course_3y", 2024, "mun", 1, 4, 7 },
	{ "course_3y", 2024, "mun", 2, 1, 3 },
	{ "course_3y", 2024, "org", 1, 3, 4 },
	{ "course_3y", 2024, "org", 2, 1, 3 },
	{ "course_3y", 2024, "org", 3, 1, 3 },
	{ "course_3y", 2023, "region", 1, 5, 10 },

	{ "iom_share", 2024, "region", 1, 6, 10 },
	{ "iom_share", 2024, "mun", 1, 4, 7 },
	{ "iom_share", 2024, "mun", 2, 2, 3 },
	{ "iom_share", 2024, "org", 1, 3, 4 },
	{ "iom_share", 2024, "org", 2, 1, 3 },
	{ "iom_share", 2024, "org", 3, 2, 3 },
	{ "iom_share", 2023, "region", 1, 3, 10 },

	{ "ippr_share", 2024, "region", 1, 4, 10 },
	{ "ippr_share", 2024, "mun", 1, 2, 7 },
	{ "ippr_share", 2024, "mun", 2, 2, 3 },
	{ "ippr_share", 2024, "org", 1, 1, 4 },
	{ "ippr_share", 2024, "org", 2, 1, 3 },
	{ "ippr_share", 2023, "region", 1, 2, 10 },

	{ "ippr_presented", 2024, "region", 1, 2, 6 },
	{ "ippr_presented", 2024, "mun", 1, 1, 4 },
	{ "ippr_presented", 2024, "mun", 2, 1, 2 },
	{ "ippr_presented", 2024, "org", 1, 1, 3 },
	{ "ippr_presented", 2024, "org", 2, 0, 1 },
	{ "ippr_presented", 2024, "org", 3, 1, 2 },
	{ "ippr_presented", 2023, "region", 1, 1, 3 },

	{ "young_mentees", 2024, "region", 1, 2, 4 },
	{ "young_mentees", 2024, "mun", 1, 2, 3 },
	{ "young_mentees", 2024, "mun", 2, 0, 1 },
	{ "young_mentees", 2024, "org", 1, 1, 1 },
	{ "young_mentees", 2024, "org", 2, 1, 2 },
	{ "young_mentees", 2024, "org", 3, 0, 1 },
	/* 2023: persons 4, 7, 8, 9; not 6 (0 years on 01.09.2024: hired after
	 * the year, never counted as 0). */
	{ "young_mentees", 2023, "region", 1, 3, 4 },

	{ "mentee_satisfaction", 2024, "region", 1, 1, 2 },
	{ "mentee_satisfaction", 2024, "mun", 1, 1, 2 },
	{ "mentee_satisfaction", 2024, "mun", 2, 0, 0 },
	{ "mentee_satisfaction", 2024, "org", 1, 1, 1 },
	{ "mentee_satisfaction", 2024, "org", 2, 0, 1 },
	{ "mentee_satisfaction", 2023, "region", 1, 1, 2 },
	{ "mentee_satisfaction", 2023, "mun", 1, 0, 1 },
	{ "mentee_satisfaction", 2023, "mun", 2, 1, 1 },

	{ "mentor_satisfaction", 2024, "region", 1, 2, 3 },
	{ "mentor_satisfaction", 2024, "mun", 1, 2, 3 },
	{ "mentor_satisfaction", 2024, "mun", 2, 0, 0 },
	{ "mentor_satisfaction", 2024, "org", 1, 1, 2 },
	{ "mentor_satisfaction", 2024, "org", 2, 1, 1 },
	{ "mentor_satisfaction", 2023, "region", 1, 0, 1 },

	{ "projects", 2024, "region", 1, 2, 10 },
	{ "projects", 2024, "mun", 1, 2, 7 },
	{ "projects", 2024, "mun", 2, 0, 3 },
	{ "projects", 2024, "org", 1, 1, 4 },
	{ "projects", 2024, "org", 2, 1, 3 },
	{ "projects", 2023, "region", 1, 1, 10 },

	/* «Organisations» are of every educational kind: the kindergarten K1
	 * (no teachers, a vacancy and a staff count of 2024, 5 of 10 under
	 * 30) counts in the region's and municipality 2's denominators. */
	{ "schools_contests", 2024, "region", 1, 1, 4 },
	{ "schools_contests", 2024, "mun", 1, 1, 2 },
	{ "schools_contests", 2024, "mun", 2, 0, 2 },
	{ "schools_contests", 2024, "org", 1, 1, 1 },
	{ "schools_contests", 2024, "org", 2, 0, 1 },
	{ "schools_contests", 2024, "org", 4, 0, 1 },
	{ "schools_contests", 2023, "region", 1, 1, 4 },
	{ "schools_contests", 2023, "org", 3, 1, 1 },

	{ "schools_scimethod", 2024, "region", 1, 1, 4 },
	{ "schools_scimethod", 2024, "mun", 1, 1, 2 },
	{ "schools_scimethod", 2024, "mun", 2, 0, 2 },
	{ "schools_scimethod", 2024, "org", 2, 1, 1 },
	{ "schools_scimethod", 2023, "region", 1, 0, 4 },

	/* (The one formula of schools alone, no indicator's now.) */
	{ "schools_mentoring", 2024, "region", 1, 2, 3 },
	{ "schools_mentoring", 2024, "mun", 1, 2, 2 },
	{ "schools_mentoring", 2024, "mun", 2, 0, 1 },
	{ "schools_mentoring", 2024, "org", 1, 1, 1 },
	{ "schools_mentoring", 2024, "org", 3, 0, 1 },
	{ "schools_mentoring", 2023, "region", 1, 3, 3 },
	{ "schools_mentoring", 2023, "org", 2, 1, 1 },

	/* 2024: S2 (open), K1 (open), S3 (filled, not cancelled); S1's is
	 * cancelled, S3's of 0 places not a need. */
	{ "schools_vacancies", 2024, "region", 1, 3, 4 },
	{ "schools_vacancies", 2024, "mun", 1, 1, 2 },
	{ "schools_vacancies", 2024, "mun", 2, 2, 2 },
	{ "schools_vacancies", 2024, "org", 1, 0, 1 },
	{ "schools_vacancies", 2024, "org", 2, 1, 1 },
	{ "schools_vacancies", 2024, "org", 4, 1, 1 },
	{ "schools_vacancies", 2023, "region", 1, 1, 4 },

	/* K1 counted its staff but needs educators: not staffed. */
	{ "schools_staffed", 2024, "region", 1, 2, 4 },
	{ "schools_staffed", 2024, "mun", 1, 1, 2 },
	{ "schools_staffed", 2024, "mun", 2, 1, 2 },
	{ "schools_staffed", 2024, "org", 1, 1, 1 },
	{ "schools_staffed", 2024, "org", 2, 0, 1 },
	{ "schools_staffed", 2024, "org", 4, 0, 1 },
	{ "schools_staffed", 2023, "region", 1, 0, 4 },

	/* K1: 5 of 10 under 30 (50 %). */
	{ "schools_young30", 2024, "region", 1, 3, 4 },
	{ "schools_young30", 2024, "mun", 1, 2, 2 },
	{ "schools_young30", 2024, "mun", 2, 1, 2 },
	{ "schools_young30", 2024, "org", 3, 0, 1 },
	{ "schools_young30", 2024, "org", 4, 1, 1 },
	{ "schools_young30", 2023, "region", 1, 0, 4 },

	/* None of the plans nor technologies in this fixture (see
	 * test_plans_and_technologies); here for the kept figures' test. */
	{ "orgs_attestation_plan", 2024, "region", 1, 0, 4 },
	{ "orgs_vsoko_ippr", 2024, "mun", 2, 0, 2 },
	{ "mun_orgs_mentoring", 2024, "region", 1, 0, 0 },
	{ "modern_tech", 2024, "region", 1, 0, 10 },

	{ "recommendations_visits", 2024, "region", 1, 3, 1 },
	{ "recommendations_visits", 2024, "region", 0, 3, 1 },
	{ "recommendations_visits", 2024, "mun", 1, 1, 1 },
	{ "recommendations_visits", 2024, "mun", 2, 1, 1 },
	{ "recommendations_visits", 2024, "org", 1, 1, 1 },
	{ "recommendations_visits", 2024, "org", 3, 0, 1 },
	{ "recommendations_visits", 2023, "region", 1, 1, 1 },
	{ "recommendations_visits", 2023, "mun", 1, 1, 1 },
};

static void test_compute(void **state)
{
	struct store *s;
	char *msg = NULL;
	long num, den;

	(void)state;
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		const struct expect *x = &expected[i];
		int rc = store_indicator_compute(s, x->formula, x->year, x->kind, x->id, &num, &den);
		if (rc != ST_OK || num != x->num || den != x->den)
			fail_msg("%s %d %s %lld: got %ld/%ld (rc %d), expected %ld/%ld", x->formula, x->year,
				 x->kind, (long long)x->id, num, den, rc, x->num, x->den);
	}
	/* Every formula of the registry is one the store computes. */
	for (int i = 0; i < indicator_nformulas; i++)
		assert_int_equal(store_indicator_compute(s, indicator_formulas[i].key, 2024, "region", 0,
							 &num, &den), ST_OK);
	/* Refusals. */
	assert_int_equal(store_indicator_compute(s, "astrology", 2024, "region", 0, &num, &den), ST_NOTFOUND);
	assert_non_null(strstr(store_errmsg(s), "astrology"));
	assert_int_equal(store_indicator_compute(s, NULL, 2024, "region", 0, &num, &den), ST_NOTFOUND);
	assert_int_equal(store_indicator_compute(s, "diagnosed", 2024, "mun", 0, &num, &den), ST_CONSTRAINT);
	assert_int_equal(store_indicator_compute(s, "diagnosed", 2024, "org", -1, &num, &den), ST_CONSTRAINT);
	assert_int_equal(store_indicator_compute(s, "diagnosed", 2024, "school", 1, &num, &den), ST_CONSTRAINT);
	assert_int_equal(store_indicator_compute(s, "diagnosed", 2024, NULL, 1, &num, &den), ST_CONSTRAINT);
	assert_int_equal(store_indicator_compute(s, "diagnosed", 1999, "region", 0, &num, &den), ST_CONSTRAINT);
	/* A figure and its mark: 40 % diagnosed against 100 % is behind; 2 of 3
	 * schools with vacancies against 0 % is behind too. */
	assert_int_equal(store_indicator_compute(s, "diagnosed", 2024, "region", 1, &num, &den), ST_OK);
	assert_string_equal(indicator_mark(indicator_value(num, den, IND_PERCENT), 100, true), "behind");
	assert_int_equal(store_indicator_compute(s, "course_year", 2024, "org", 3, &num, &den), ST_OK);
	assert_null(indicator_mark(indicator_value(num, 0, IND_PERCENT), 42, true));
	close_db(s);
}

/* Kept figures: read back while nothing they are read from has changed,
 * and after any change equal to the figures computed afresh. */
#define NEXPECTED (sizeof expected / sizeof expected[0])

static void compute_all(struct store *s, long got[][2])
{
	for (size_t i = 0; i < NEXPECTED; i++) {
		const struct expect *x = &expected[i];
		assert_int_equal(store_indicator_compute(s, x->formula, x->year, x->kind, x->id,
							 &got[i][0], &got[i][1]), ST_OK);
	}
}

/* №7 and №9 on the fixture, hand-counted, with founders and programme
 * dates set; and young specialists hired after the year not counted. */
static void test_mentoring_orgs_and_young(void **state)
{
	static const struct expect cases[] = {
		/* №7: organisations of every kind (not the authority), a
		 * programme adopted by 31.12: 2023 — S1; 2024 — S1, S2 (31.12);
		 * 2025 — and K1. The archived S4 is in neither number. */
		{ "orgs_mentoring_plan", 2023, "region", 1, 1, 4 },
		{ "orgs_mentoring_plan", 2024, "region", 1, 2, 4 },
		{ "orgs_mentoring_plan", 2025, "region", 1, 3, 4 },
		{ "orgs_mentoring_plan", 2025, "mun", 2, 1, 2 },
		{ "orgs_mentoring_plan", 2024, "org", 3, 0, 1 },
		/* №9: municipal ones (S1, S3, K1; S2 private) with a pair
		 * running in the year: 2024 — S1 (S2 has one, not municipal);
		 * 2023 — S1 and S3. */
		{ "mun_orgs_mentoring", 2024, "region", 1, 1, 3 },
		{ "mun_orgs_mentoring", 2023, "region", 1, 2, 3 },
		{ "mun_orgs_mentoring", 2024, "mun", 1, 1, 1 },
		{ "mun_orgs_mentoring", 2024, "mun", 2, 0, 2 },
		{ "mun_orgs_mentoring", 2024, "org", 2, 0, 0 },
		/* Young specialists of S3: 8 (2 years on 01.09.2022) and 9 (1, no
		 * date) in 2023; 9 in 2024, and 21 (1 year on 01.09.2025: began by
		 * 01.09.2024); 2025 — 9, 20 (0 years on 01.09.2025) and 21. Person
		 * 20 is not counted in 2024, nor 21 in 2023: not hired yet. */
		{ "young_mentees", 2023, "org", 3, 1, 2 },
		{ "young_mentees", 2024, "org", 3, 0, 2 },
		{ "young_mentees", 2025, "org", 3, 0, 3 },
	};
	struct store *s;
	char *msg = NULL;
	long num, den, n7, d7;

	(void)state;
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(store_db(s),
			 "INSERT INTO organisation (id, region_id, mun_id, code, name, kind, founder) VALUES"
			 " (6, 1, 1, 'UO', 'Управление', 'authority', 'municipal');"
			 "UPDATE organisation SET founder = 'municipal' WHERE id IN (1, 3, 4, 5);"
			 "UPDATE organisation SET founder = 'private' WHERE id = 2;"
			 "UPDATE organisation SET mentoring_plan_date = '2022-08-30' WHERE id IN (1, 6);"
			 "UPDATE organisation SET mentoring_plan_date = '2024-12-31' WHERE id = 2;"
			 "UPDATE organisation SET mentoring_plan_date = '2025-01-15' WHERE id = 4;"
			 "UPDATE organisation SET mentoring_plan_date = '2020-01-01' WHERE id = 5;"
			 "INSERT INTO person (id, surname, name, org_id, experience_years, experience_date) VALUES"
			 " (20, 'Новый', 'М', 3, 0, '2025-09-01'), (21, 'Новая', 'Н', 3, 1, '2025-09-01');",
			 NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct expect *x = &cases[i];
		int rc = store_indicator_compute(s, x->formula, x->year, x->kind, x->id, &num, &den);
		if (rc != ST_OK || num != x->num || den != x->den)
			fail_msg("%s %d %s %lld: got %ld/%ld (rc %d), expected %ld/%ld", x->formula, x->year,
				 x->kind, (long long)x->id, num, den, rc, x->num, x->den);
	}
	/* The two differ where the data differ. */
	assert_int_equal(store_indicator_compute(s, "orgs_mentoring_plan", 2024, "region", 1, &n7, &d7), ST_OK);
	assert_int_equal(store_indicator_compute(s, "mun_orgs_mentoring", 2024, "region", 1, &num, &den), ST_OK);
	assert_true(n7 * den != num * d7);
	close_db(s);
}

/* №6 and №18 of seed 003 and the organisations' indicators of seed 000 on
 * the fixture, hand-counted: plans adopted by 31.12 (organisations of
 * every kind; not the authority, not the archived S4), and teachers using
 * modern technologies by 31.12 (not the archived person 11). */
static void test_plans_and_technologies(void **state)
{
	static const struct expect cases[] = {
		/* Attestation support: S1 2023, S2 31.12.2024, K1 01.01.2025. */
		{ "orgs_attestation_plan", 2023, "region", 1, 1, 4 },
		{ "orgs_attestation_plan", 2024, "region", 1, 2, 4 },
		{ "orgs_attestation_plan", 2025, "region", 1, 3, 4 },
		{ "orgs_attestation_plan", 2025, "mun", 2, 1, 2 },
		{ "orgs_attestation_plan", 2024, "org", 3, 0, 1 },
		{ "orgs_attestation_plan", 2024, "org", 2, 1, 1 },
		/* ИППР in the ВСОКО: S3 since 01.02.2024. */
		{ "orgs_vsoko_ippr", 2023, "region", 1, 0, 4 },
		{ "orgs_vsoko_ippr", 2024, "region", 1, 1, 4 },
		{ "orgs_vsoko_ippr", 2024, "mun", 1, 0, 2 },
		{ "orgs_vsoko_ippr", 2024, "mun", 2, 1, 2 },
		/* The statute: the kindergarten K1, 2022. */
		{ "orgs_pd_statute", 2024, "region", 1, 1, 4 },
		{ "orgs_pd_statute", 2021, "region", 1, 0, 4 },
		{ "orgs_pd_statute", 2024, "org", 4, 1, 1 },
		/* Job descriptions: S2, 01.06.2024. */
		{ "orgs_job_ippr", 2023, "region", 1, 0, 4 },
		{ "orgs_job_ippr", 2024, "region", 1, 1, 4 },
		/* Technologies: 1 since 2020, 6 since 2023, 5 since 31.12.2024,
		 * 8 since 2025; 11 archived. */
		{ "modern_tech", 2023, "region", 1, 2, 10 },
		{ "modern_tech", 2024, "region", 1, 3, 10 },
		{ "modern_tech", 2025, "region", 1, 4, 10 },
		{ "modern_tech", 2024, "mun", 1, 3, 7 },
		{ "modern_tech", 2024, "mun", 2, 0, 3 },
		{ "modern_tech", 2025, "mun", 2, 1, 3 },
		{ "modern_tech", 2024, "org", 2, 2, 3 },
	};
	struct indicator_org *rows = NULL;
	struct store *s;
	char *msg = NULL;
	long num, den;
	int64_t stamp;
	int n = 0, seen = 0;

	(void)state;
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(store_db(s),
			 "INSERT INTO organisation (id, region_id, mun_id, code, name, kind) VALUES"
			 " (6, 1, 1, 'UO', 'Управление', 'authority');"
			 "UPDATE organisation SET attestation_plan_date = '2023-09-01' WHERE id = 1;"
			 "UPDATE organisation SET attestation_plan_date = '2024-12-31' WHERE id = 2;"
			 "UPDATE organisation SET attestation_plan_date = '2025-01-01' WHERE id = 4;"
			 "UPDATE organisation SET attestation_plan_date = '2020-01-01', vsoko_ippr_date = '2020-01-01',"
			 " pd_statute_date = '2020-01-01', job_ippr_date = '2020-01-01' WHERE id IN (5, 6);"
			 "UPDATE organisation SET vsoko_ippr_date = '2024-02-01' WHERE id = 3;"
			 "UPDATE organisation SET pd_statute_date = '2022-01-01' WHERE id = 4;"
			 "UPDATE organisation SET job_ippr_date = '2024-06-01' WHERE id = 2;"
			 "UPDATE person SET modern_tech_date = '2020-09-01' WHERE id = 1;"
			 "UPDATE person SET modern_tech_date = '2023-01-01' WHERE id = 6;"
			 "UPDATE person SET modern_tech_date = '2024-12-31' WHERE id = 5;"
			 "UPDATE person SET modern_tech_date = '2025-01-10' WHERE id = 8;"
			 "UPDATE person SET modern_tech_date = '2020-01-01' WHERE id = 11;",
			 NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct expect *x = &cases[i];
		int rc = store_indicator_compute(s, x->formula, x->year, x->kind, x->id, &num, &den);
		if (rc != ST_OK || num != x->num || den != x->den)
			fail_msg("%s %d %s %lld: got %ld/%ld (rc %d), expected %ld/%ld", x->formula, x->year,
				 x->kind, (long long)x->id, num, den, rc, x->num, x->den);
	}
	/* Teachers are counted organisation by organisation the same way:
	 * S1 1 of 4, S2 2 of 3, S3 0 of 3 in 2024. */
	assert_true(store_indicator_of_persons("modern_tech"));
	assert_false(store_indicator_of_persons("orgs_vsoko_ippr"));
	assert_int_equal(store_indicator_orgs(s, "modern_tech", 2024, &rows, &n, &stamp), ST_OK);
	for (int i = 0; i < n; i++) {
		if (rows[i].org == 1 || rows[i].org == 2 || rows[i].org == 3) {
			long want[4][2] = { { 0, 0 }, { 1, 4 }, { 2, 3 }, { 0, 3 } };
			assert_int_equal(rows[i].num, want[rows[i].org][0]);
			assert_int_equal(rows[i].den, want[rows[i].org][1]);
			seen++;
		}
	}
	assert_int_equal(seen, 3);
	free(rows);
	close_db(s);
}

/* 000: the municipal systems that included the management of the ИППР in
 * their МСОКО by the year's end, of the municipalities of the scope (an
 * organisation's: its own). By hand: M1 2023-05-01, M2 2024-12-31, M3
 * 2025-01-01, all of region 1; M4 2020-01-01 of region 2. */
static void test_municipal_msoko(void **state)
{
	static const struct { int year; const char *kind; int64_t id; long num, den; } cases[] = {
		{ 2022, "region", 1, 0, 3 },
		{ 2023, "region", 1, 1, 3 },
		{ 2024, "region", 1, 2, 3 },
		{ 2025, "region", 1, 3, 3 },
		{ 2024, "region", 0, 3, 4 },   /* every region: M1, M2 and M4 */
		{ 2024, "region", 2, 1, 1 },
		{ 2024, "mun", 2, 1, 1 },
		{ 2024, "mun", 3, 0, 1 },
		{ 2024, "org", 3, 1, 1 },      /* Школа 3 is of M2 */
		{ 2022, "org", 1, 0, 1 },      /* Школа 1 is of M1, not yet in 2022 */
	};
	struct store *s;
	char *msg = NULL;
	long num, den;

	(void)state;
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(store_db(s),
			 "INSERT INTO region (id, code, name) VALUES (2, 'R2', 'Другая область');"
			 "INSERT INTO municipality (id, region_id, code, name) VALUES (3, 1, 'M3', 'Посёлок'),"
			 " (4, 2, 'M4', 'Чужой город');"
			 "UPDATE municipality SET msoko_ippr_date = '2023-05-01' WHERE id = 1;"
			 "UPDATE municipality SET msoko_ippr_date = '2024-12-31' WHERE id = 2;"
			 "UPDATE municipality SET msoko_ippr_date = '2025-01-01' WHERE id = 3;"
			 "UPDATE municipality SET msoko_ippr_date = '2020-01-01' WHERE id = 4;",
			 NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = store_indicator_compute(s, "muns_msoko_ippr", cases[i].year, cases[i].kind, cases[i].id,
						 &num, &den);
		if (rc != ST_OK || num != cases[i].num || den != cases[i].den)
			fail_msg("%d %s %lld: got %ld/%ld (rc %d), expected %ld/%ld", cases[i].year, cases[i].kind,
				 (long long)cases[i].id, num, den, rc, cases[i].num, cases[i].den);
	}
	/* Municipalities, not persons: who counts is a list of municipalities,
	 * the same as the figure (region 1, 2024: M1 and M2 in the numerator,
	 * M3 only in the denominator); a viewer sees those of his scope (a
	 * municipal specialist of M2: his own; a school head of Школа 1: M1). */
	assert_false(store_indicator_of_persons("muns_msoko_ippr"));
	assert_int_equal(store_indicator_members("muns_msoko_ippr"), 'm');
	assert_int_equal(indicator_formula_find("muns_msoko_ippr")->base, IND_BASE_MUNS);
	{
		struct store_scope mun2 = { false, 0, 0, (char *)"[]", (char *)"[2]" };
		struct store_scope org1 = { false, 0, 0, (char *)"[1]", (char *)"[]" };
		struct page_req r = { NULL, 0, 1, 10 };
		struct page pg;
		int c;
		assert_int_equal(store_indicator_member_count(s, "muns_msoko_ippr", 2024, "region", 1, IND_PART_NUM,
							      NULL, &c), ST_OK);
		assert_int_equal(c, 2);
		assert_int_equal(store_indicator_member_count(s, "muns_msoko_ippr", 2024, "region", 1,
							      IND_PART_DEN_ONLY, NULL, &c), ST_OK);
		assert_int_equal(c, 1);
		assert_int_equal(store_indicator_member_page(s, "muns_msoko_ippr", 2024, "region", 1,
							     IND_PART_DEN_ONLY, NULL, &r, &pg), ST_OK);
		assert_int_equal(pg.n, 1);
		assert_string_equal(pg.rows[0].cols[0], "Посёлок");
		assert_string_equal(pg.rows[0].cols[1], "01.01.2025");   /* after the year */
		page_free(&pg);
		assert_int_equal(store_indicator_member_page(s, "muns_msoko_ippr", 2024, "region", 1, IND_PART_NUM,
							     &mun2, &r, &pg), ST_OK);
		assert_int_equal(pg.n, 1);
		assert_string_equal(pg.rows[0].cols[0], "Район");
		assert_string_equal(pg.rows[0].cols[1], "31.12.2024");
		page_free(&pg);
		assert_int_equal(store_indicator_member_count(s, "muns_msoko_ippr", 2024, "region", 1, IND_PART_NUM,
							      &org1, &c), ST_OK);
		assert_int_equal(c, 1);
	}
	/* The kept figure follows the date: M3 moved into 2024. */
	assert_int_equal(store_run(s, "UPDATE municipality SET msoko_ippr_date = '2024-06-01' WHERE id = 3", NULL),
			 ST_OK);
	assert_int_equal(store_indicator_compute(s, "muns_msoko_ippr", 2024, "region", 1, &num, &den), ST_OK);
	assert_int_equal(num, 3);
	assert_int_equal(den, 3);
	/* A date not a date is refused, the row unchanged. */
	assert_int_not_equal(store_run(s, "UPDATE municipality SET msoko_ippr_date = '01.06.2024' WHERE id = 3", NULL),
			     ST_OK);
	assert_int_equal(store_int(s, "SELECT count(*) FROM municipality WHERE msoko_ippr_date = '2024-06-01'", NULL),
			 1);
	close_db(s);
}

static void test_kept_figures(void **state)
{
	static const char *const changes[] = {
		"UPDATE person SET archived = 1 WHERE id = 1",
		"UPDATE person SET org_id = 3 WHERE id = 2",
		"UPDATE person SET experience_years = 1, experience_date = NULL WHERE id = 10",
		"UPDATE organisation SET mun_id = 2 WHERE id = 2",
		"UPDATE organisation SET archived = 1 WHERE id = 3",
		"INSERT INTO course (person_id, title, hours, end_date) VALUES (5, 'Курс', 36, '2024-05-05')",
		"UPDATE course SET archived = 1 WHERE person_id = 3",
		"DELETE FROM diagnostic WHERE person_id = 9",
		"UPDATE iom SET status = 'cancelled' WHERE id = 5",
		"UPDATE iom SET template = 'ippr'",
		"UPDATE mentoring_pair SET state = 'planned'",
		"UPDATE mentoring_survey SET satisfied = 1 - satisfied",
		"DELETE FROM innovation",
		"UPDATE participation SET level = 'regional'",
		"UPDATE staffing_need SET state = 'cancelled'",
		"UPDATE staff_count SET under30_teachers = 0, under30_educators = 0, under30_others = 0",
		"UPDATE recommendation SET source = 'monitoring'",
		/* The columns a form saves alone (only what changed). */
		"UPDATE organisation SET attestation_plan_date = '2020-01-01' WHERE id = 1",
		"UPDATE organisation SET vsoko_ippr_date = '2021-01-01' WHERE id = 4",
		"UPDATE organisation SET founder = 'municipal' WHERE id = 2",
		"UPDATE person SET modern_tech_date = '2022-02-02' WHERE id = 2",
		"UPDATE person SET employment = 'external' WHERE id = 2",
	};
	static long before[NEXPECTED][2], got[NEXPECTED][2], fresh[NEXPECTED][2];
	struct store *s;
	char *msg = NULL;
	long num, den;

	(void)state;
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	compute_all(s, before);
	assert_true(store_int(s, "SELECT count(*) FROM figure_cache", NULL) > 0);
	/* A kept figure is what is read back (the stored number shows it). */
	assert_int_equal(store_run(s, "UPDATE figure_cache SET num = 999 WHERE formula = 'diagnosed'"
				   " AND year = 2024 AND rid = 1 AND mid = 0 AND oid = 0", NULL), ST_OK);
	assert_int_equal(store_indicator_compute(s, "diagnosed", 2024, "region", 1, &num, &den), ST_OK);
	assert_int_equal(num, 999);
	/* An edit the figures do not read (a surname) keeps them. */
	assert_int_equal(store_run(s, "UPDATE person SET surname = 'Иной' WHERE id = 1", NULL), ST_OK);
	assert_int_equal(store_indicator_compute(s, "diagnosed", 2024, "region", 1, &num, &den), ST_OK);
	assert_int_equal(num, 999);
	assert_int_equal(store_run(s, "DELETE FROM figure_cache", NULL), ST_OK);
	compute_all(s, before);

	for (size_t c = 0; c < sizeof changes / sizeof changes[0]; c++) {
		bool changed = false;
		if (sqlite3_exec(store_db(s), changes[c], NULL, NULL, &msg) != SQLITE_OK)
			fail_msg("%s: %s", changes[c], msg);
		compute_all(s, got);
		assert_int_equal(store_run(s, "DELETE FROM figure_cache", NULL), ST_OK);
		compute_all(s, fresh);
		for (size_t i = 0; i < NEXPECTED; i++) {
			if (got[i][0] != fresh[i][0] || got[i][1] != fresh[i][1])
				fail_msg("after «%s»: %s %d %s %lld kept %ld/%ld, afresh %ld/%ld", changes[c],
					 expected[i].formula, expected[i].year, expected[i].kind,
					 (long long)expected[i].id, got[i][0], got[i][1], fresh[i][0], fresh[i][1]);
			changed |= got[i][0] != before[i][0] || got[i][1] != before[i][1];
		}
		if (!changed)
			fail_msg("«%s» changed no figure: the test would prove nothing", changes[c]);
		memcpy(before, got, sizeof before);
	}
	close_db(s);
}

/* The figures of persons organisation by organisation add up to the
 * figures of every scope, formula by formula and year by year. */
static void orgs_add_up(struct store *s)
{
	int64_t scopes[32][2];
	int nscopes = 0;

	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT 'm', id FROM municipality UNION ALL"
			" SELECT 'o', id FROM organisation", -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW && nscopes < 32) {
			scopes[nscopes][0] = sqlite3_column_text(st, 0)[0];
			scopes[nscopes++][1] = sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
	}
	assert_true(nscopes > 5);
	assert_false(store_indicator_of_persons("schools_contests"));
	assert_false(store_indicator_of_persons("recommendations_visits"));
	for (int i = 0; i < indicator_nformulas; i++) {
		const char *f = indicator_formulas[i].key;
		bool persons = indicator_formulas[i].base == IND_BASE_PERSONS ||
			       indicator_formulas[i].base == IND_BASE_ANSWERS;
		assert_int_equal(store_indicator_of_persons(f), persons);
		if (!persons)
			continue;
		for (int year = 2023; year <= 2024; year++) {
			struct indicator_org *rows;
			int n;
			int64_t stamp;
			long num, den, sum[2];
			assert_int_equal(store_indicator_orgs(s, f, year, &rows, &n, &stamp), ST_OK);
			assert_int_equal(stamp, store_indicator_stamp(s, f));
			assert_int_equal(store_indicator_compute(s, f, year, "region", 0, &num, &den), ST_OK);
			sum[0] = sum[1] = 0;
			for (int r = 0; r < n; r++) {
				assert_true(rows[r].den > 0 && rows[r].num >= 0 && rows[r].num <= rows[r].den);
				assert_true(r == 0 || rows[r - 1].org < rows[r].org);
				sum[0] += rows[r].num;
				sum[1] += rows[r].den;
			}
			if (sum[0] != num || sum[1] != den)
				fail_msg("%s %d: the organisations add up to %ld/%ld, the region is %ld/%ld", f, year,
					 sum[0], sum[1], num, den);
			for (int c = 0; c < nscopes; c++) {
				bool mun = scopes[c][0] == 'm';
				sum[0] = sum[1] = 0;
				for (int r = 0; r < n; r++)
					if (mun ? rows[r].mun == scopes[c][1] : rows[r].org == scopes[c][1]) {
						sum[0] += rows[r].num;
						sum[1] += rows[r].den;
					}
				assert_int_equal(store_indicator_compute(s, f, year, mun ? "mun" : "org", scopes[c][1],
									 &num, &den), ST_OK);
				if (sum[0] != num || sum[1] != den)
					fail_msg("%s %d %s %lld: %ld/%ld by organisation, %ld/%ld by scope", f, year,
						 mun ? "mun" : "org", (long long)scopes[c][1], sum[0], sum[1], num, den);
			}
			free(rows);
		}
	}
	assert_int_equal(store_indicator_orgs(s, "schools_contests", 2024, &(struct indicator_org *){ NULL },
					      &(int){ 0 }, &(int64_t){ 0 }), ST_NOTFOUND);
}

/* Persons the figures of every organisation must leave out or find: an
 * external part-timer and a person of the authority, each with events of
 * every kind, and a person whose id is far beyond the others (the list of
 * pedagogical workers then looks ids up sorted, not by slot); and one
 * whose id is below 0, alone (ids dense otherwise). */
static const char others[] =
	"INSERT INTO organisation (id, region_id, mun_id, code, name, kind, archived) VALUES\n"
	" (6, 1, 2, 'U1', 'Управление образования', 'authority', 0);\n"
	"INSERT INTO person (id, surname, name, org_id, experience_years, experience_date, archived, employment)"
	" VALUES (12, 'Совместитель', 'М', 1, 1, '2024-09-01', 0, 'external'),\n"
	" (13, 'Управленец', 'Н', 6, 1, '2024-09-01', 0, 'main'),\n"
	" (4000000000, 'Дальний', 'О', 3, 1, '2024-09-01', 0, 'internal');\n"
	"INSERT INTO diagnostic (person_id, form, kind, diag_date, archived) VALUES\n"
	" (12, 'standardized', 'entry', '2024-03-03', 0), (13, 'standardized', 'entry', '2024-03-03', 0),\n"
	" (4000000000, 'standardized', 'entry', '2024-03-03', 0), (4000000000, 'self', 'entry', '2023-03-03', 0);\n"
	"INSERT INTO course (person_id, title, hours, end_date, archived) VALUES\n"
	" (12, 'ПК', 36, '2024-05-20', 0), (13, 'ПК', 36, '2023-05-20', 0), (4000000000, 'ПК', 36, '2022-05-20', 0);\n"
	"INSERT INTO iom (id, template, person_id, status, start_date, end_date, developed_date,"
	" completed_date, final_event, final_event_date, archived) VALUES\n"
	" (11, 'ippr', 12, 'completed', '2024-01-01', '2024-05-01', NULL, '2024-05-01', 'Урок', '2024-04-04', 0),\n"
	" (12, 'ippr', 13, 'completed', '2024-01-01', '2024-05-01', NULL, '2024-05-01', 'Урок', '2024-04-04', 0),\n"
	" (13, 'ippr', 4000000000, 'completed', '2023-01-01', '2024-05-01', NULL, '2024-05-01', 'Урок', '2024-04-04', 0),\n"
	" (14, 'iom', 4000000000, 'in_progress', '2024-06-01', NULL, NULL, NULL, NULL, NULL, 0);\n"
	"INSERT INTO mentoring_pair (id, mentor_id, mentee_id, org_id, start_date, end_date, state, archived) VALUES\n"
	" (8, 1, 12, 1, '2024-02-01', NULL, 'active', 0), (9, 1, 13, NULL, '2024-02-01', NULL, 'active', 0),\n"
	" (10, 10, 4000000000, 3, '2023-02-01', NULL, 'active', 0);\n"
	"INSERT INTO innovation (person_id, year, title, archived) VALUES\n"
	" (12, 2024, 'Проект', 0), (13, 2024, 'Проект', 0), (4000000000, 2024, 'Проект', 0);\n";

/* experience_on() in SQL gives model_experience's years (NULL for -1),
 * whatever the order the dates come in (it remembers the last ones). */
static void test_experience_on(void **state)
{
	static const char *const years[] = { NULL, "", "0", "1", "3", "4", "15", "-2", "abc" };
	static const char *const dates[] = { NULL, "", "2024-09-01", "2020-02-29", "2024-12-31", "2025-09-01",
					     "2021-03-01", "1990-01-01", "2024-13-40", "x" };
	static const char *const days[] = { "2024-12-31", "2021-02-28", "2023-12-31", "2025-09-01", "bad" };
	struct store *s = open_db();
	sqlite3_stmt *st;
	int checked = 0;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(store_db(s), "SELECT experience_on(?, ?, ?)", -1, &st, NULL), SQLITE_OK);
	for (int pass = 0; pass < 2; pass++)
		for (size_t y = 0; y < NITEMS(years); y++)
			for (size_t d = 0; d < NITEMS(dates); d++)
				for (size_t k = 0; k < NITEMS(days); k++) {
					/* The second pass alternates the dates, the first repeats them. */
					const char *on = dates[pass ? (d + k) % NITEMS(dates) : d];
					int want = model_experience(years[y], on, days[k]);
					sqlite3_bind_text(st, 1, years[y], -1, SQLITE_STATIC);
					sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
					sqlite3_bind_text(st, 3, days[k], -1, SQLITE_STATIC);
					assert_int_equal(sqlite3_step(st), SQLITE_ROW);
					if (want < 0 ? sqlite3_column_type(st, 0) != SQLITE_NULL
						     : sqlite3_column_int(st, 0) != want)
						fail_msg("experience_on(%s, %s, %s): %s, model_experience %d",
							 years[y] ? years[y] : "NULL", on ? on : "NULL", days[k],
							 (const char *)sqlite3_column_text(st, 0), want);
					sqlite3_reset(st);
					checked++;
				}
	sqlite3_finalize(st);
	assert_true(checked > 800);
	close_db(s);
}

static void test_orgs_add_up(void **state)
{
	struct store *s;
	char *msg = NULL;

	(void)state;
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	orgs_add_up(s);
	/* The same connection: what it remembers of the persons goes with
	 * the change. */
	if (sqlite3_exec(store_db(s), others, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("others: %s", msg);
	orgs_add_up(s);
	close_db(s);
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(store_db(s), "INSERT INTO person (id, surname, name, org_id, experience_years,"
			 " experience_date) VALUES (-7, 'Отрицательный', 'П', 2, 1, '2024-09-01');"
			 " INSERT INTO diagnostic (person_id, form, kind, diag_date) VALUES"
			 " (-7, 'standardized', 'entry', '2024-05-05');"
			 " INSERT INTO iom (id, template, person_id, status, start_date) VALUES"
			 " (20, 'ippr', -7, 'in_progress', '2024-02-02')", NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("below 0: %s", msg);
	orgs_add_up(s);
	close_db(s);
}

/* The protected figures: what the one rule decides for the region (k = 2
 * here, the register is small), read back from what is kept while nothing
 * they are read from has changed, and after a change equal to the figures
 * decided afresh. */
static void figures_of(struct store *s, const struct config *cfg, const char *f, int year,
		       struct indicator_figure *out, int n)
{
	static const char *const kinds[] = { "region", "mun", "mun", "org", "org", "org", "org" };
	static const int64_t ids[] = { 0, 1, 2, 1, 2, 3, 4 };

	for (int i = 0; i < n && i < 7; i++)
		assert_int_equal(indicator_figure_get(s, cfg, f, year, kinds[i], ids[i], &out[i]), ST_OK);
}

static void test_kept_decisions(void **state)
{
	struct config *cfg = config_defaults();
	struct indicator_figure a[7], b[7], c[7];
	struct indicator_org *rows;
	struct share_org orgs[16];
	struct share_group *g;
	struct store *s;
	char *msg = NULL;
	int n, ng;
	int64_t stamp;

	(void)state;
	cfg->min_group_size = 2;
	s = open_db();
	if (sqlite3_exec(store_db(s), fixture, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	figures_of(s, cfg, "diagnosed", 2024, a, 7);
	assert_true(a[0].of_persons);
	assert_true(store_int(s, "SELECT count(*) FROM figure_cache WHERE formula = 'shares:diagnosed:k2:v1'"
			      " AND year = 2024", NULL) > 3);
	/* What the rule decides, group by group. */
	assert_int_equal(store_indicator_orgs(s, "diagnosed", 2024, &rows, &n, &stamp), ST_OK);
	assert_true(n <= 16);
	for (int i = 0; i < n; i++)
		orgs[i] = (struct share_org){ rows[i].org, rows[i].mun, rows[i].num, rows[i].den };
	free(rows);
	ng = shares_decide(orgs, n, 2, &g);
	for (int i = 0; i < ng; i++) {
		static const char kind_of[] = { 'r', 'm', 'm', 'o', 'o', 'o', 'o' };
		static const int64_t id_of[] = { 0, 1, 2, 1, 2, 3, 4 };
		for (int j = 0; j < 7; j++)
			if (g[i].kind == kind_of[j] && g[i].id == id_of[j]) {
				assert_int_equal(a[j].den_shown, g[i].den_shown);
				assert_int_equal(a[j].num_shown, g[i].num_shown && g[i].den_shown);
				if (a[j].den_shown)
					assert_int_equal(a[j].den, g[i].den);
				if (a[j].num_shown)
					assert_int_equal(a[j].num, g[i].num);
			}
	}
	free(g);
	/* A kept decision is what is read back. */
	assert_int_equal(store_run(s, "UPDATE figure_cache SET num = 999 WHERE formula = 'shares:diagnosed:k2:v1'"
				   " AND year = 2024 AND mid = 0 AND oid = 0", NULL), ST_OK);
	figures_of(s, cfg, "diagnosed", 2024, b, 1);
	assert_int_equal(b[0].num, 999);
	/* Another minimum is another decision. */
	cfg->min_group_size = 3;
	figures_of(s, cfg, "diagnosed", 2024, b, 1);
	assert_true(b[0].num != 999);
	cfg->min_group_size = 2;
	/* After a change, kept equals afresh. */
	assert_int_equal(store_run(s, "UPDATE person SET archived = 1 WHERE id = 1", NULL), ST_OK);
	figures_of(s, cfg, "diagnosed", 2024, b, 7);
	assert_int_equal(store_run(s, "DELETE FROM figure_cache", NULL), ST_OK);
	figures_of(s, cfg, "diagnosed", 2024, c, 7);
	assert_memory_equal(b, c, sizeof b);
	assert_true(memcmp(a, b, sizeof a) != 0);
	/* A group with nobody: 0 of 0 once the region is decided. */
	figures_of(s, cfg, "young_mentees", 2024, c, 7);
	assert_true(c[6].den_shown && c[6].den == 0 && c[6].num == 0);
	/* Schools keep the small-group rule: the denominator is shown. */
	assert_int_equal(indicator_figure_get(s, cfg, "schools_contests", 2024, "org", 1, &c[0]), ST_OK);
	assert_false(c[0].of_persons);
	assert_true(c[0].den_shown && c[0].den == 1 && !c[0].num_shown);
	close_db(s);
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_file),
		cmocka_unit_test(test_good_and_bad_files),
		cmocka_unit_test(test_mark),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_compute),
		cmocka_unit_test(test_mentoring_orgs_and_young),
		cmocka_unit_test(test_plans_and_technologies),
		cmocka_unit_test(test_municipal_msoko),
		cmocka_unit_test(test_kept_figures),
		cmocka_unit_test(test_experience_on),
		cmocka_unit_test(test_orgs_add_up),
		cmocka_unit_test(test_kept_decisions),
	};
	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
