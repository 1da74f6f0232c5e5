/* libFuzzer harness for src/date.c: what a user types (ДД.ММ.ГГГГ), ISO
 * dates as stored, and day arithmetic, with round trips checked (abort()
 * on a broken invariant).
 *
 * Input: the text, tried as a Russian date, as an ISO date and, split at
 * the first '|', as two ISO dates for date_years_between(); its first bytes
 * also make a year, month, day and day count for the arithmetic. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tests/fuzz/fuzz.h"

/* An ISO date that date_parse_iso() accepts: valid, and the same after
 * showing it in Russian and reading it back. */
static void check_iso(const char *iso)
{
	int y, m, d, y2, m2, d2;
	char ru[11], back[11];

	CHECK(date_parse_iso(iso, &y, &m, &d));
	CHECK(date_valid(y, m, d));
	date_format_ru(iso, ru);
	CHECK(strlen(ru) == 10);
	CHECK(date_parse_ru(ru, back) == NULL);
	CHECK(strcmp(back, iso) == 0);
	date_from_days(date_to_days(y, m, d), &y2, &m2, &d2);
	CHECK(y2 == y && m2 == m && d2 == d);
}

static void check_arith(const uint8_t *data, size_t size)
{
	uint8_t b[6] = { 0 };
	int y, m, d, y2, m2, d2, wd;
	dayno n;
	char iso[11];

	memcpy(b, data, size < sizeof b ? size : sizeof b);
	y = 1850 + (b[0] | b[1] << 8) % 400;   /* around the accepted 1900..2200 */
	m = b[2] % 14;
	d = b[3] % 33;
	if (date_valid(y, m, d)) {
		CHECK(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
		n = date_to_days(y, m, d);
		date_from_days(n, &y2, &m2, &d2);
		CHECK(y2 == y && m2 == m && d2 == d);
		wd = date_weekday(n);
		CHECK(wd >= 1 && wd <= 7);
		CHECK(date_weekday(n + 1) == wd % 7 + 1);
		date_iso(n, iso);
		check_iso(iso);
		/* The next day is the next date. */
		date_from_days(n + 1, &y2, &m2, &d2);
		CHECK(date_valid(y2, m2, d2) || y2 == 2201);
		CHECK(date_to_days(y2, m2, d2) == n + 1);
	}
	/* Any day number: back and forth, and a weekday in range. */
	n = (dayno)(int32_t)((uint32_t)b[2] | (uint32_t)b[3] << 8 | (uint32_t)b[4] << 16 |
			     (uint32_t)b[5] << 24) % 3000000;
	date_from_days(n, &y2, &m2, &d2);
	CHECK(m2 >= 1 && m2 <= 12 && d2 >= 1 && d2 <= 31);
	CHECK(date_to_days(y2, m2, d2) == n);
	wd = date_weekday(n);
	CHECK(wd >= 1 && wd <= 7);
	date_iso(n, iso);
	CHECK(iso[0] == '\0' || strlen(iso) == 10);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *bar, iso[11], ru[11];
	const char *m;
	int y;

	check_arith(data, size);

	s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';

	/* As typed: accepted means a valid ISO date that shows as the input
	 * (up to leading zeros, separators and surrounding spaces). */
	memset(iso, 'X', sizeof iso);
	m = date_parse_ru(s, iso);
	if (m == NULL) {
		CHECK(memchr(iso, '\0', sizeof iso) != NULL && strlen(iso) == 10);
		check_iso(iso);
		date_format_ru(iso, ru);
		/* The year as typed, or its last two digits (ДД.ММ.ГГ). */
		CHECK(strstr(s, ru + 8) != NULL);
	} else {
		CHECK(*m != '\0');
	}

	/* As stored. */
	if (date_parse_iso(s, NULL, NULL, NULL))
		check_iso(s);
	date_format_ru(s, ru);
	CHECK(ru[0] == '\0' || strlen(ru) == 10);

	/* Two dates: whole years between them. */
	if ((bar = strchr(s, '|')) != NULL) {
		*bar = '\0';
		y = date_years_between(s, bar + 1);
		CHECK(y >= -1 && y <= 300);
		if (y >= 0)
			CHECK(date_years_between(s, s) == 0);
	}
	free(s);
	return 0;
}
