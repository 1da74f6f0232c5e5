/* Unit tests for src/date.c: date arithmetic, parsing and the production
 * calendar loaded from conf/calendar.conf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "date.h"
#include "util.h"

#define CAL_PATH TEST_CONF_DIR "/calendar.conf"

static dayno D(int y, int m, int d)
{
	return date_to_days(y, m, d);
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2026, 2, 29));
	assert_true(date_valid(2000, 2, 29));
	assert_false(date_valid(2100, 2, 29));
	assert_false(date_valid(2026, 4, 31));
	assert_true(date_valid(2026, 12, 31));
	assert_false(date_valid(2026, 13, 1));
	assert_false(date_valid(2026, 0, 1));
	assert_false(date_valid(2026, 1, 0));
	assert_true(date_valid(1900, 1, 1));
	assert_true(date_valid(2200, 12, 31));
	assert_false(date_valid(1899, 12, 31));
	assert_false(date_valid(2201, 1, 1));
}

static void test_parse_ru_ok(void **state)
{
	char iso[11];

	(void)state;
	assert_null(date_parse_ru("05.03.2026", iso));
	assert_string_equal(iso, "2026-03-05");
	assert_null(date_parse_ru(" 5.3.2026 ", iso));
	assert_string_equal(iso, "2026-03-05");
	assert_null(date_parse_ru("29.02.2024", iso));
	assert_string_equal(iso, "2024-02-29");
	assert_null(date_parse_ru("31.12.2200", iso));
	assert_string_equal(iso, "2200-12-31");
}

static void test_parse_ru_bad(void **state)
{
	static const char *const bad[] = {
		"2026-03-05", "", "   ", "ab.cd.efgh", "10.13.2026", "1.1.2",
		"5.3.2026.", "5..2026", "005.03.2026", "05.03.20266",
		"05.03.2026 x", "+5.3.2026", "05,03/2026", "0.03.2026",
		"01.01.1899", "01.01.2201", "05.03.026", "5032026", "0503202",
		"050320266", "05 03 2026", "05;03;2026", "05..03.2026", "05.03.2026,",
		"05ж03ж2026", "0503.2026", "05.0320.26", "00.00.0000",
	};
	char iso[11], longin[200];
	const char *msg;
	size_t i;

	(void)state;
	msg = date_parse_ru("31.02.2026", iso);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "такой даты нет"));
	assert_non_null(strstr(msg, "31.02.2026"));

	msg = date_parse_ru("29.02.2026", iso);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "такой даты нет"));

	msg = date_parse_ru("2026-03-05", iso);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "ДД.ММ.ГГГГ"));

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msg = date_parse_ru(bad[i], iso);
		if (msg == NULL)
			fail_msg("accepted «%s»", bad[i]);
	}

	memset(longin, ' ', sizeof(longin) - 1);
	longin[sizeof(longin) - 1] = '\0';
	memcpy(longin + 90, "05.03.2026", 10);
	assert_non_null(date_parse_ru(longin, iso));
	memset(longin, '1', sizeof(longin) - 1);
	assert_non_null(date_parse_ru(longin, iso));
}

/* Every way a date is typed reads as the same day. */
static void test_read_forms(void **state)
{
	static const char *const same[] = {
		"18.09.1988", "18,09,1988", "18/09/1988", "18-09-1988", "18091988",
		"18.09.88", "18,09,88", "18/09/88", "18-09-88", "180988", " 18,09,1988 ",
		"18.9.1988", "18,9,88",
	};
	char iso[11];

	(void)state;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		const char *m = date_read(same[i], DATE_ANY, "2026-12-07", iso);
		if (m)
			fail_msg("«%s» refused: %s", same[i], m);
		assert_string_equal(iso, "1988-09-18");
		m = date_read(same[i], DATE_BIRTH, "2026-12-07", iso);
		if (m)
			fail_msg("birth «%s» refused: %s", same[i], m);
		assert_string_equal(iso, "1988-09-18");
	}
	/* Without a today: the local date (a year with four digits does not
	 * depend on it). */
	assert_null(date_parse_ru("05,03,2026", iso));
	assert_string_equal(iso, "2026-03-05");
	assert_null(date_parse_ru("05032026", iso));
	assert_string_equal(iso, "2026-03-05");
	assert_null(date_parse_ru("1.1.2026", iso));
	assert_string_equal(iso, "2026-01-01");
	/* Impossible days are named whatever the form. */
	assert_non_null(strstr(date_read("31022026", DATE_ANY, "2026-12-07", iso), "такой даты нет: 31.02.2026"));
	assert_non_null(strstr(date_read("29,02,26", DATE_ANY, "2026-12-07", iso), "такой даты нет: 29.02.2026"));
	assert_non_null(strstr(date_read("18.9", DATE_ANY, "2026-12-07", iso), "ДД.ММ.ГГГГ"));
	/* A bad today is refused, not guessed. */
	assert_non_null(date_read("18.09.1988", DATE_ANY, "garbage", iso));
}

/* A two-digit year outside birth dates: the nearest to this year, a tie to
 * the past (in 2026: 76..99 -> 19xx, 00..75 -> 20xx). */
static void test_read_two_digit_any(void **state)
{
	static const struct { const char *today, *in, *want; } cases[] = {
		{ "2026-12-07", "01.01.00", "2000-01-01" },
		{ "2026-12-07", "01.01.26", "2026-01-01" },
		{ "2026-12-07", "01.01.27", "2027-01-01" },
		{ "2026-12-07", "01.01.75", "2075-01-01" },
		{ "2026-12-07", "01.01.76", "1976-01-01" },
		{ "2026-12-07", "01.01.99", "1999-01-01" },
		{ "2026-12-07", "010188", "1988-01-01" },
		{ "2080-06-01", "01.01.10", "2110-01-01" },
		{ "2080-06-01", "01.01.30", "2030-01-01" },
		{ "2080-06-01", "01.01.29", "2129-01-01" },
		{ "2001-01-01", "01.01.51", "1951-01-01" },
		{ "2001-01-01", "01.01.50", "2050-01-01" },
		{ "1999-12-31", "01.01.05", "2005-01-01" },
	};
	char iso[11];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *m = date_read(cases[i].in, DATE_ANY, cases[i].today, iso);
		if (m)
			fail_msg("«%s» on %s refused: %s", cases[i].in, cases[i].today, m);
		if (strcmp(iso, cases[i].want) != 0)
			fail_msg("«%s» on %s: %s, want %s", cases[i].in, cases[i].today, iso, cases[i].want);
	}
}

/* A birth date's two-digit year: the latest year for which the day is not
 * in the future; then the range 1930..today. */
static void test_read_birth(void **state)
{
	static const struct { const char *today, *in, *want; } ok[] = {
		{ "2026-12-07", "18.09.88", "1988-09-18" },
		{ "2026-12-07", "01.01.26", "2026-01-01" },
		{ "2026-12-07", "07.12.26", "2026-12-07" },
		{ "2026-12-07", "01.01.00", "2000-01-01" },
		{ "2026-12-07", "01.01.30", "1930-01-01" },
		{ "2026-12-07", "01.01.1930", "1930-01-01" },
		{ "2026-12-07", "07.12.2026", "2026-12-07" },
		{ "2026-12-07", "31.12.99", "1999-12-31" },
		{ "2050-03-01", "01.01.45", "2045-01-01" },
	};
	static const struct { const char *today, *in, *says; } bad[] = {
		{ "2026-12-07", "01.02.2030", "не может быть в будущем: 01.02.2030" },
		{ "2026-12-07", "08.12.2026", "не может быть в будущем: 08.12.2026" },
		{ "2026-12-07", "31.12.1929", "не может быть раньше 1930 года: 31.12.1929" },
		{ "2026-12-07", "01.01.1900", "раньше 1930 года" },
		{ "2026-12-07", "01.01.29", "не может быть раньше 1930 года: 01.01.1929" },
		/* 08.12.26 is tomorrow: the year before is 1926, too early. */
		{ "2026-12-07", "08.12.26", "не может быть раньше 1930 года: 08.12.1926" },
		{ "2026-12-07", "30.02.88", "такой даты нет" },
		{ "2026-12-07", "18.09", "ДД.ММ.ГГГГ" },
	};
	char iso[11];

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		const char *m = date_read(ok[i].in, DATE_BIRTH, ok[i].today, iso);
		if (m)
			fail_msg("birth «%s» on %s refused: %s", ok[i].in, ok[i].today, m);
		if (strcmp(iso, ok[i].want) != 0)
			fail_msg("birth «%s» on %s: %s, want %s", ok[i].in, ok[i].today, iso, ok[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *m = date_read(bad[i].in, DATE_BIRTH, bad[i].today, iso);
		if (m == NULL)
			fail_msg("birth «%s» on %s accepted as %s", bad[i].in, bad[i].today, iso);
		if (strstr(m, bad[i].says) == NULL)
			fail_msg("birth «%s»: «%s», want «%s»", bad[i].in, m, bad[i].says);
	}
	/* Outside birth dates the same days are fine. */
	assert_null(date_read("01.02.2030", DATE_ANY, "2026-12-07", iso));
	assert_null(date_read("31.12.1929", DATE_ANY, "2026-12-07", iso));
}

static void test_parse_iso(void **state)
{
	int y = 0, m = 0, d = 0;

	(void)state;
	assert_true(date_parse_iso("2026-03-05", &y, &m, &d));
	assert_int_equal(y, 2026);
	assert_int_equal(m, 3);
	assert_int_equal(d, 5);
	assert_false(date_parse_iso("2026-02-30", &y, &m, &d));
	assert_false(date_parse_iso("2026-3-05", &y, &m, &d));
	assert_false(date_parse_iso("2026-03-05x", &y, &m, &d));
	assert_false(date_parse_iso("", &y, &m, &d));
	assert_false(date_parse_iso(NULL, &y, &m, &d));
	assert_false(date_parse_iso("1899-12-31", &y, &m, &d));
}

static void test_format_ru(void **state)
{
	char iso[11], out[11];

	(void)state;
	date_format_ru("2026-03-05", out);
	assert_string_equal(out, "05.03.2026");
	assert_null(date_parse_ru(out, iso));
	assert_string_equal(iso, "2026-03-05");

	date_format_ru("", out);
	assert_string_equal(out, "");
	date_format_ru("2026-02-31", out);
	assert_string_equal(out, "");
	date_format_ru("garbage", out);
	assert_string_equal(out, "");
	date_format_ru(NULL, out);
	assert_string_equal(out, "");
}

static void test_days_roundtrip(void **state)
{
	dayno n, prev;
	int y, m, d, wd, pwd;
	char iso[11], ru[11], back[11];

	(void)state;
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(D(1970, 1, 2), 1);
	assert_int_equal(D(1969, 12, 31), -1);
	assert_int_equal(D(2000, 3, 1) - D(2000, 2, 28), 2);
	assert_int_equal(D(2100, 3, 1) - D(2100, 2, 28), 1);

	prev = D(1900, 1, 1) - 1;
	pwd = date_weekday(prev);
	for (n = D(1900, 1, 1); n <= D(2200, 12, 31); n++) {
		assert_int_equal(n, prev + 1);
		date_from_days(n, &y, &m, &d);
		assert_true(date_valid(y, m, d));
		assert_int_equal(date_to_days(y, m, d), n);
		wd = date_weekday(n);
		assert_int_equal(wd, pwd % 7 + 1);
		prev = n;
		pwd = wd;
	}

	date_iso(D(2026, 11, 22), iso);
	assert_string_equal(iso, "2026-11-22");
	date_format_ru(iso, ru);
	assert_string_equal(ru, "22.11.2026");
	assert_null(date_parse_ru(ru, back));
	assert_string_equal(back, iso);

	assert_int_equal(date_weekday(D(2026, 11, 22)), 7);
	assert_int_equal(date_weekday(D(2026, 11, 23)), 1);
	assert_int_equal(date_weekday(D(1970, 1, 1)), 4);
	assert_int_equal(date_weekday(D(1900, 1, 1)), 1);
	assert_int_equal(date_weekday(D(2024, 4, 27)), 6);
}

static void test_years_between(void **state)
{
	(void)state;
	assert_int_equal(date_years_between("2000-05-10", "2026-05-09"), 25);
	assert_int_equal(date_years_between("2000-05-10", "2026-05-10"), 26);
	assert_int_equal(date_years_between("2000-05-10", "2026-04-30"), 25);
	assert_int_equal(date_years_between("2000-05-10", "2026-06-01"), 26);
	assert_int_equal(date_years_between("2026-03-05", "2026-03-05"), 0);
	assert_int_equal(date_years_between("2004-02-29", "2025-02-27"), 20);
	assert_int_equal(date_years_between("2004-02-29", "2025-02-28"), 21);
	assert_int_equal(date_years_between("2004-02-29", "2028-02-28"), 23);
	assert_int_equal(date_years_between("2004-02-29", "2028-02-29"), 24);
	assert_int_equal(date_years_between("2026-03-05", "2025-03-05"), -1);
	assert_int_equal(date_years_between("", "2026-03-05"), -1);
	assert_int_equal(date_years_between("2026-03-05", "05.03.2026"), -1);
}

static int cal_setup(void **state)
{
	char err[512] = "";
	struct calendar *c = calendar_load(CAL_PATH, err, sizeof(err));

	if (c == NULL) {
		print_error("calendar_load(%s): %s\n", CAL_PATH, err);
		return -1;
	}
	*state = c;
	return 0;
}

static int cal_teardown(void **state)
{
	calendar_free(*state);
	return 0;
}

static void test_cal_days(void **state)
{
	const struct calendar *c = *state;

	assert_false(calendar_is_workday(c, D(2026, 1, 1)));
	assert_false(calendar_is_workday(c, D(2026, 1, 8)));
	assert_false(calendar_is_workday(c, D(2026, 1, 9)));
	assert_true(calendar_is_workday(c, D(2026, 1, 12)));
	assert_false(calendar_is_workday(c, D(2026, 3, 9)));
	assert_false(calendar_is_workday(c, D(2026, 5, 11)));
	assert_false(calendar_is_workday(c, D(2026, 11, 4)));
	assert_true(calendar_is_workday(c, D(2026, 11, 5)));
	assert_false(calendar_is_workday(c, D(2026, 12, 31)));
	assert_false(calendar_is_workday(c, D(2026, 11, 22)));	/* Sunday */

	/* 2024: working Saturdays, and the days they moved to. */
	assert_true(calendar_is_workday(c, D(2024, 4, 27)));
	assert_true(calendar_is_workday(c, D(2024, 11, 2)));
	assert_true(calendar_is_workday(c, D(2024, 12, 28)));
	assert_false(calendar_is_workday(c, D(2024, 4, 29)));
	assert_false(calendar_is_workday(c, D(2024, 12, 31)));
	assert_true(calendar_is_workday(c, D(2025, 11, 1)));
	assert_true(calendar_is_workday(c, D(2021, 2, 20)));
	assert_false(calendar_is_workday(c, D(2021, 11, 5)));

	/* Outside the file: plain weekends. */
	assert_true(calendar_is_workday(c, D(2030, 1, 1)));	/* Tuesday */
	assert_false(calendar_is_workday(c, D(2030, 1, 5)));	/* Saturday */
}

static void test_cal_years(void **state)
{
	const struct calendar *c = *state;
	int y, count;
	dayno n;

	assert_true(calendar_has_year(c, 2026));
	assert_true(calendar_has_year(c, 2021));
	assert_true(calendar_has_year(c, 2027));
	assert_false(calendar_has_year(c, 2030));
	assert_false(calendar_has_year(c, 2020));
	assert_false(calendar_has_year(NULL, 2026));

	/* Official totals of working days (five-day week). */
	for (y = 2021; y <= 2026; y++) {
		count = 0;
		for (n = D(y, 1, 1); n <= D(y, 12, 31); n++)
			count += calendar_is_workday(c, n);
		assert_int_equal(count, y == 2024 ? 248 : 247);
		assert_int_equal(calendar_workdays_between(c, D(y, 1, 1) - 1,
							   D(y, 12, 31)), count);
	}
}

static void test_cal_add(void **state)
{
	const struct calendar *c = *state;

	/* 2026: off on 1 May (Fri), 2-3 (weekend), 9-10 (weekend), 11 (Mon).
	 * From Thu 30 April: 4,5,6,7,8 May (5), 12,13,14,15 (9), 18 (10). */
	assert_int_equal(calendar_add_workdays(c, D(2026, 4, 30), 10), D(2026, 5, 18));
	/* 2025: off 1-4 May and 8-11 May. From Wed 30 April: 5,6,7 (3),
	 * 12..16 (8), 19 (9), 20 (10). */
	assert_int_equal(calendar_add_workdays(c, D(2025, 4, 30), 10), D(2025, 5, 20));
	/* n = 0: the day itself when working, else the next working day. */
	assert_int_equal(calendar_add_workdays(c, D(2026, 4, 30), 0), D(2026, 4, 30));
	assert_int_equal(calendar_add_workdays(c, D(2026, 5, 1), 0), D(2026, 5, 4));
	assert_int_equal(calendar_add_workdays(c, D(2025, 12, 31), 0), D(2026, 1, 12));
	/* From a holiday: the first working day after it counts as one. */
	assert_int_equal(calendar_add_workdays(c, D(2026, 5, 1), 1), D(2026, 5, 4));
	assert_int_equal(calendar_add_workdays(c, D(2026, 1, 2), 1), D(2026, 1, 12));
	/* No calendar: weekends only. */
	assert_int_equal(calendar_add_workdays(NULL, D(2026, 4, 30), 10), D(2026, 5, 14));
}

static void test_cal_between(void **state)
{
	const struct calendar *c = *state;

	assert_int_equal(calendar_workdays_between(c, D(2026, 4, 30), D(2026, 5, 18)), 10);
	assert_int_equal(calendar_workdays_between(c, D(2026, 5, 18), D(2026, 4, 30)), -10);
	assert_int_equal(calendar_workdays_between(c, D(2026, 4, 30), D(2026, 4, 30)), 0);
	assert_int_equal(calendar_workdays_between(c, D(2026, 4, 30), D(2026, 5, 11)), 5);
	/* January 2026: 22 weekdays, 7 of them holidays. */
	assert_int_equal(calendar_workdays_between(c, D(2025, 12, 31), D(2026, 1, 31)), 15);
	/* Overdue test as the header describes it. */
	assert_true(calendar_workdays_between(c, D(2026, 4, 30), D(2026, 5, 19)) > 10);
	assert_false(calendar_workdays_between(c, D(2026, 4, 30), D(2026, 5, 18)) > 10);
}

/* Writes text to a fresh temporary file; the caller unlinks it. */
static void write_temp(char path[64], const char *text)
{
	int fd;
	FILE *f;

	strcpy(path, "/tmp/test_date_XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void expect_load_error(const char *text, const char *needle)
{
	char path[64], err[512] = "";
	struct calendar *c;

	write_temp(path, text);
	c = calendar_load(path, err, sizeof(err));
	unlink(path);
	if (c != NULL) {
		calendar_free(c);
		fail_msg("loaded a bad calendar:\n%s", text);
	}
	if (strstr(err, path) == NULL || strstr(err, needle) == NULL)
		fail_msg("error «%s» lacks «%s» or «%s»", err, path, needle);
}

static void test_cal_errors(void **state)
{
	char err[512] = "";
	struct calendar *c;

	(void)state;
	/* Syntax error on line 3. */
	expect_load_error("year 2026 {\n"
			  "    holidays = { \"01.01\" }\n"
			  "    workdays = = { }\n"
			  "}\n", ":3");
	/* Unknown option on line 3. */
	expect_load_error("# comment\n"
			  "year 2026 {\n"
			  "    weekends = { \"01.01\" }\n"
			  "}\n", ":3");
	expect_load_error("year 2026 {\n"
			  "    holidays = { \"01.01\", \"31.02\" }\n"
			  "}\n", "неверная дата «31.02»");
	expect_load_error("year 2025 {\n"
			  "    holidays = { \"29.02\" }\n"
			  "}\n", "год 2025");
	expect_load_error("year 2026 {\n"
			  "    workdays = { \"1 мая\" }\n"
			  "}\n", "неверная дата");
	/* Line numbers stay right after comments of every kind. */
	expect_load_error("# one\n"
			  "// two\n"
			  "/* three\n"
			  "   four */\n"
			  "year 2026 { # five\n"
			  "    holidays = { \"01.01\", # six\n"
			  "                 \"02.01\" }\n"
			  "    bogus = 1\n"
			  "}\n", ":8:");
	expect_load_error("year 2026 {\n"
			  "    holidays = { \"01.01\" }\n"
			  "/* never closed\n"
			  "}\n", ":3:");
	expect_load_error("year 2026 {\n"
			  "    holidays = { \"01.01\"\n", ":");
	expect_load_error("year 1800 {\n}\n", "1800");
	expect_load_error("year abc {\n}\n", "abc");
	expect_load_error("# no years at all\n", "год");
	expect_load_error("", "год");
	expect_load_error("year 2026 {\n}\nyear 2026 {\n}\n", "2026");

	c = calendar_load("/nonexistent/calendar.conf", err, sizeof(err));
	assert_null(c);
	assert_non_null(strstr(err, "/nonexistent/calendar.conf"));
	assert_non_null(strstr(err, "не удаётся открыть"));

	/* A small error buffer is truncated, not overrun. */
	c = calendar_load("/nonexistent/calendar.conf", err, 8);
	assert_null(c);
	assert_true(strlen(err) < 8);
}

static void test_cal_minimal(void **state)
{
	char path[64], err[512] = "";
	struct calendar *c;

	(void)state;
	write_temp(path, "# comment with \"quotes\" and 'apostrophes'\n"
			 "year 2030 {\n"
			 "    holidays = { \"1.1\", # New Year\n"
			 "                 \"02.01\"  // the next day\n"
			 "    }\n"
			 "    workdays = { /* a Saturday */ \"05.01\" }\n"
			 "}\n"
			 "year 2032 {\n"
			 "}\n");
	c = calendar_load(path, err, sizeof(err));
	unlink(path);
	if (c == NULL)
		fail_msg("%s", err);
	assert_true(calendar_has_year(c, 2030));
	assert_false(calendar_has_year(c, 2031));
	assert_true(calendar_has_year(c, 2032));
	assert_false(calendar_is_workday(c, D(2030, 1, 1)));
	assert_false(calendar_is_workday(c, D(2030, 1, 2)));
	assert_true(calendar_is_workday(c, D(2030, 1, 3)));
	assert_true(calendar_is_workday(c, D(2030, 1, 5)));	/* Saturday */
	assert_false(calendar_is_workday(c, D(2030, 1, 6)));	/* Sunday */
	assert_false(calendar_is_workday(c, D(2032, 1, 3)));	/* Saturday */
	calendar_free(c);
	calendar_free(NULL);
}

/* today_set() fixes «today» for C and SQL alike; NULL gives the clock back. */
static void test_today_fixed(void **state)
{
	char d[11], clock[11];

	(void)state;
	today_set("2027-01-05");
	today_iso(d);
	assert_string_equal(d, "2027-01-05");
	today_set(NULL);
	today_iso(d);
	assert_string_not_equal(d, "2027-01-05");
	assert_int_equal(strlen(d), 10);
	clock[0] = '\0';
	today_iso(clock);
	assert_string_equal(d, clock);

	/* A moment recorded on the fixed day reads back as that local day. */
	{
		char utc[20], local[17];
		today_set("2027-01-05");
		now_utc_today(utc);
		utc_to_local(utc, local);
		assert_memory_equal(local, "05.01.2027", 10);
		today_set(NULL);
		now_utc_today(utc);
		utc_to_local(utc, local);
		assert_memory_equal(local + 6, clock, 4);   /* the clock's year again */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_parse_ru_ok),
		cmocka_unit_test(test_parse_ru_bad),
		cmocka_unit_test(test_read_forms),
		cmocka_unit_test(test_read_two_digit_any),
		cmocka_unit_test(test_read_birth),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_format_ru),
		cmocka_unit_test(test_days_roundtrip),
		cmocka_unit_test(test_years_between),
		cmocka_unit_test_setup_teardown(test_cal_days, cal_setup, cal_teardown),
		cmocka_unit_test_setup_teardown(test_cal_years, cal_setup, cal_teardown),
		cmocka_unit_test_setup_teardown(test_cal_add, cal_setup, cal_teardown),
		cmocka_unit_test_setup_teardown(test_cal_between, cal_setup, cal_teardown),
		cmocka_unit_test(test_cal_errors),
		cmocka_unit_test(test_cal_minimal),
		cmocka_unit_test(test_today_fixed),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
