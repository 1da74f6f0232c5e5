/* Dates and the production calendar: day arithmetic in the proleptic
 * Gregorian calendar, parsing of what a user types, and a calendar of
 * working days loaded from a libconfuse file. */
#include "date.h"
#include "conftext.h"
#include "util.h"

#include <confuse.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2200

/* Longest user input worth looking at ("  05.03.2026  " and then some). */
#define RU_INPUT_MAX 64

/* ASCII only, whatever the locale. */
static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && is_leap(y))
		return 29;
	return mdays[m - 1];
}

bool date_valid(int y, int m, int d)
{
	if (y < YEAR_MIN || y > YEAR_MAX)
		return false;
	if (m < 1 || m > 12)
		return false;
	return d >= 1 && d <= month_days(y, m);
}

/* Howard Hinnant's days_from_civil: exact for any year, no tables. */
dayno date_to_days(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;                              /* [0, 399] */
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* [0, 146096] */

	return era * 146097 + doe - 719468;
}

void date_from_days(dayno n, int *y, int *m, int *d)
{
	long z = n + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;                            /* [0, 146096] */
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);     /* [0, 365] */
	long mp = (5 * doy + 2) / 153;                          /* [0, 11] */
	int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	long yy = yoe + era * 400 + (mm <= 2);

	if (y)
		*y = (int)yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
}

int date_weekday(dayno n)
{
	/* 1970-01-01 was a Thursday (4). */
	long r = (n % 7 + 7) % 7;

	return (int)((r + 3) % 7) + 1;
}

/* Reads 1..maxd decimal digits; returns how many were read (0 if none or
 * more than maxd follow). */
static int read_digits(const char *s, int maxd, int *val)
{
	int n = 0, v = 0;

	while (is_digit(s[n])) {
		if (n == maxd)
			return 0;
		v = v * 10 + (s[n] - '0');
		n++;
	}
	*val = v;
	return n;
}

/* The year a two-digit year yy stands for (see date.h for the rules). */
static int full_year(int yy, enum date_kind kind, int ty, int tm, int td, int m, int d)
{
	int y;

	if (kind == DATE_BIRTH) {
		/* The latest year ending in yy for which the day is not in the
		 * future. */
		y = ty - ((ty % 100 - yy + 100) % 100);
		if (y == ty && (m > tm || (m == tm && d > td)))
			y -= 100;
		return y;
	}
	/* The year ending in yy nearest to this year; a tie goes to the past:
	 * in 2026, 76..99 are 1976..1999 and 00..75 are 2000..2075. */
	y = ty - ty % 100 + yy;
	if (y - ty > 49)
		y -= 100;
	else if (ty - y > 50)
		y += 100;
	return y;
}

const char *date_read(const char *in, enum date_kind kind, const char *today, char iso[11])
{
	static char msg[160];
	const char *fmt_msg = DATE_FORMAT_MSG;
	const char *p, *end;
	char now[11];
	int d = 0, m = 0, y = 0, k, ydigits, ty, tm, td;
	char sep, out[32];

	if (in == NULL)
		return fmt_msg;
	if (strnlen(in, RU_INPUT_MAX + 1) > RU_INPUT_MAX)
		return fmt_msg;
	if (today == NULL) {
		today_iso(now);
		today = now;
	}
	if (!date_parse_iso(today, &ty, &tm, &td))
		return fmt_msg;
	p = in;
	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\n' || end[-1] == '\r'))
		end--;

	k = read_digits(p, 8, &d);
	if (p + k == end && (k == 8 || k == 6)) {
		/* ДДММГГГГ or ДДММГГ, digits only. */
		ydigits = k - 4;
		y = d % (k == 8 ? 10000 : 100);
		m = d / (k == 8 ? 10000 : 100) % 100;
		d = d / (k == 8 ? 1000000 : 10000);
	} else {
		/* Д.М.ГГГГ with one separator used twice: . , / - */
		if (k == 0 || k > 2)
			return fmt_msg;
		sep = p[k];
		if (sep != '.' && sep != ',' && sep != '/' && sep != '-')
			return fmt_msg;
		p += k + 1;
		k = read_digits(p, 2, &m);
		if (k == 0 || p[k] != sep)
			return fmt_msg;
		p += k + 1;
		k = read_digits(p, 4, &y);
		if ((k != 4 && k != 2) || p + k != end)
			return fmt_msg;
		ydigits = k;
	}
	if (ydigits == 2)
		y = full_year(y, kind, ty, tm, td, m, d);

	if (y < YEAR_MIN || y > YEAR_MAX) {
		snprintf(msg, sizeof(msg), "год должен быть от %d до %d: %02d.%02d.%04d",
			 YEAR_MIN, YEAR_MAX, d, m, y);
		return msg;
	}
	if (!date_valid(y, m, d)) {
		snprintf(msg, sizeof(msg), "такой даты нет: %02d.%02d.%04d", d, m, y);
		return msg;
	}
	if (kind == DATE_BIRTH) {
		if (date_to_days(y, m, d) > date_to_days(ty, tm, td)) {
			snprintf(msg, sizeof(msg), "не может быть в будущем: %02d.%02d.%04d", d, m, y);
			return msg;
		}
		if (y < DATE_BIRTH_MIN_YEAR) {
			snprintf(msg, sizeof(msg), "не может быть раньше %d года: %02d.%02d.%04d",
				 DATE_BIRTH_MIN_YEAR, d, m, y);
			return msg;
		}
	}
	snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
	memcpy(iso, out, 11);
	return NULL;
}

const char *date_parse_ru(const char *in, char iso[11])
{
	return date_read(in, DATE_ANY, NULL, iso);
}

bool date_parse_iso(const char *iso, int *y, int *m, int *d)
{
	int yy = 0, mm = 0, dd = 0, i;

	if (iso == NULL || strnlen(iso, 11) != 10)
		return false;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (iso[i] != '-')
				return false;
		} else if (!is_digit(iso[i])) {
			return false;
		}
	}
	for (i = 0; i < 4; i++)
		yy = yy * 10 + (iso[i] - '0');
	mm = (iso[5] - '0') * 10 + (iso[6] - '0');
	dd = (iso[8] - '0') * 10 + (iso[9] - '0');
	if (!date_valid(yy, mm, dd))
		return false;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return true;
}

void date_format_ru(const char *iso, char out[11])
{
	int y, m, d;

	if (!date_parse_iso(iso, &y, &m, &d)) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 11, "%02d.%02d.%04d", d, m, y);
}

void date_iso(dayno n, char out[11])
{
	int y, m, d;

	date_from_days(n, &y, &m, &d);
	if (y < 0 || y > 9999) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int date_years_between(const char *from_iso, const char *to_iso)
{
	int fy, fm, fd, ty, tm, td, years;

	if (!date_parse_iso(from_iso, &fy, &fm, &fd) ||
	    !date_parse_iso(to_iso, &ty, &tm, &td))
		return -1;
	if (date_to_days(ty, tm, td) < date_to_days(fy, fm, fd))
		return -1;
	/* A 29 February anniversary falls on 28 February in common years
	 * (the last day of the month, as the Civil Code counts terms). */
	if (fm == 2 && fd == 29 && !is_leap(ty))
		fd = 28;
	years = ty - fy;
	if (tm < fm || (tm == fm && td < fd))
		years--;
	return years;
}

/* ---- production calendar ---- */

/* One described year: bit i of off[] is set when day i of the year
 * (0 = 1 January) is not a working day. */
struct cal_year {
	bool present;
	uint8_t off[(366 + 7) / 8];
};

struct calendar {
	int first;		/* year of years[0] */
	int count;		/* years[] covers first .. first + count - 1 */
	struct cal_year *years;
	char *path;		/* the file, named in the warning */
	/* A year the file lacks is said once: a bit per year YEAR_MIN..YEAR_MAX.
	 * Behind a pointer, so that a count through a const calendar marks it. */
	uint8_t *warned;
	calendar_warn_fn *warn;	/* NULL: stderr */
	void *warn_ctx;
};

static void warn_stderr(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "marshrut: предупреждение: %s\n", msg);
}

void calendar_set_warn(struct calendar *c, calendar_warn_fn *fn, void *ctx)
{
	if (c == NULL)
		return;
	c->warn = fn;
	c->warn_ctx = ctx;
}

/* The year is not in the file: say so, once per year and calendar. */
static void warn_missing(const struct calendar *c, int year)
{
	char msg[512];
	int i = year - YEAR_MIN;

	if (c == NULL || c->warned == NULL || i < 0 || year > YEAR_MAX)
		return;
	if (c->warned[i / 8] & (1u << (i % 8)))
		return;
	c->warned[i / 8] |= (uint8_t)(1u << (i % 8));
	snprintf(msg, sizeof msg, "в производственном календаре нет %d года: его праздники и переносы "
		 "не известны, рабочие дни считаются без них (выходные — только суббота и воскресенье); "
		 "добавьте год в %s", year, c->path ? c->path : "календарь");
	(c->warn ? c->warn : warn_stderr)(c->warn_ctx, msg);
}

static const struct cal_year *cal_find(const struct calendar *c, int year)
{
	if (c == NULL || year < c->first || year >= c->first + c->count)
		return NULL;
	if (!c->years[year - c->first].present)
		return NULL;
	return &c->years[year - c->first];
}

bool calendar_has_year(const struct calendar *c, int year)
{
	return cal_find(c, year) != NULL;
}

bool calendar_year_known(const struct calendar *c, int year)
{
	if (cal_find(c, year) != NULL)
		return true;
	warn_missing(c, year);
	return false;
}

bool calendar_is_workday(const struct calendar *c, dayno n)
{
	const struct cal_year *cy;
	int y, m, d;
	long doy;

	date_from_days(n, &y, &m, &d);
	cy = cal_find(c, y);
	if (cy == NULL) {
		warn_missing(c, y);
		return date_weekday(n) <= 5;
	}
	doy = n - date_to_days(y, 1, 1);
	return !(cy->off[doy / 8] & (1u << (doy % 8)));
}

dayno calendar_add_workdays(const struct calendar *c, dayno from, int n)
{
	dayno d = from;

	if (n <= 0) {
		while (!calendar_is_workday(c, d))
			d++;
		return d;
	}
	/* The n-th working day strictly after from: then
	 * calendar_workdays_between(from, result) == n. */
	while (n > 0) {
		d++;
		if (calendar_is_workday(c, d))
			n--;
	}
	return d;
}

int calendar_workdays_between(const struct calendar *c, dayno from, dayno to)
{
	dayno lo = from < to ? from : to;
	dayno hi = from < to ? to : from;
	dayno d;
	int count = 0;

	for (d = lo + 1; d <= hi; d++)
		if (calendar_is_workday(c, d))
			count++;
	return to < from ? -count : count;
}

void calendar_free(struct calendar *c)
{
	if (c == NULL)
		return;
	free(c->years);
	free(c->warned);
	free(c->path);
	free(c);
}

/* libconfuse reports through a callback without a user pointer: the
 * file and error buffer of the calendar_load() in progress. */
static void set_err(char *err, int errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, int errsz, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsz <= 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, (size_t)errsz, fmt, ap);
	va_end(ap);
}

/* Parses "ДД.ММ" (also "Д.М") of the given year into a day of the year. */
static bool parse_day(const char *s, int year, int *doy)
{
	int d, m, k;

	k = read_digits(s, 2, &d);
	if (k == 0 || s[k] != '.')
		return false;
	s += k + 1;
	k = read_digits(s, 2, &m);
	if (k == 0 || s[k] != '\0')
		return false;
	if (!date_valid(year, m, d))
		return false;
	*doy = (int)(date_to_days(year, m, d) - date_to_days(year, 1, 1));
	return true;
}

/* Parses a section title into a year; false when not a plain number in
 * range. */
static bool parse_year(const char *s, int *year)
{
	int k;

	if (s == NULL)
		return false;
	k = read_digits(s, 4, year);
	if (k != 4 || s[k] != '\0')
		return false;
	return *year >= YEAR_MIN && *year <= YEAR_MAX;
}

/* Fills one year from its section; false with err set on a bad day. */
static bool fill_year(struct cal_year *cy, cfg_t *sec, int year,
		      const char *path, char *err, int errsz)
{
	uint8_t listed[(366 + 7) / 8];
	dayno jan1 = date_to_days(year, 1, 1);
	int ndays = is_leap(year) ? 366 : 365;
	unsigned int i, n;
	int doy;

	memset(cy->off, 0, sizeof(cy->off));
	memset(listed, 0, sizeof(listed));
	for (doy = 0; doy < ndays; doy++)
		if (date_weekday(jan1 + doy) >= 6)
			cy->off[doy / 8] |= (uint8_t)(1u << (doy % 8));

	n = cfg_size(sec, "holidays");
	for (i = 0; i < n; i++) {
		const char *s = cfg_getnstr(sec, "holidays", i);

		if (s == NULL || !parse_day(s, year, &doy)) {
			set_err(err, errsz, "%s: год %d: неверная дата «%s»",
				path, year, s ? s : "");
			return false;
		}
		cy->off[doy / 8] |= (uint8_t)(1u << (doy % 8));
		listed[doy / 8] |= (uint8_t)(1u << (doy % 8));
	}
	n = cfg_size(sec, "workdays");
	for (i = 0; i < n; i++) {
		const char *s = cfg_getnstr(sec, "workdays", i);

		if (s == NULL || !parse_day(s, year, &doy)) {
			set_err(err, errsz, "%s: год %d: неверная дата «%s»",
				path, year, s ? s : "");
			return false;
		}
		if (listed[doy / 8] & (1u << (doy % 8))) {
			set_err(err, errsz,
				"%s: год %d: дата «%s» указана и в holidays, и в workdays",
				path, year, s);
			return false;
		}
		cy->off[doy / 8] &= (uint8_t)~(1u << (doy % 8));
	}
	cy->present = true;
	return true;
}

struct calendar *calendar_load(const char *path, char *err, int errsz)
{
	cfg_opt_t year_opts[] = {
		CFG_STR_LIST("holidays", NULL, CFGF_NONE),
		CFG_STR_LIST("workdays", NULL, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t opts[] = {
		CFG_SEC("year", year_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	struct calendar *c = NULL;
	cfg_t *cfg;
	unsigned int i, nsec;
	int rc, year, lo = YEAR_MAX, hi = YEAR_MIN;

	if (err && errsz > 0)
		err[0] = '\0';
	if (path == NULL) {
		set_err(err, errsz, "файл календаря не задан");
		return NULL;
	}
	cfg = cfg_init(opts, CFGF_NONE);
	if (cfg == NULL) {
		set_err(err, errsz, "%s: не удаётся разобрать файл", path);
		return NULL;
	}
	rc = conf_parse(cfg, path, err, errsz);
	if (rc != CFG_SUCCESS) {
		if (err && errsz > 0 && err[0] == '\0')
			set_err(err, errsz, "%s: ошибка разбора", path);
		goto out;
	}

	nsec = cfg_size(cfg, "year");
	if (nsec == 0) {
		set_err(err, errsz, "%s: не описан ни один год (year ГГГГ { ... })", path);
		goto out;
	}
	for (i = 0; i < nsec; i++) {
		cfg_t *sec = cfg_getnsec(cfg, "year", i);
		const char *title = cfg_title(sec);

		if (!parse_year(title, &year)) {
			set_err(err, errsz, "%s: неверный год «%s» (нужен %d–%d)",
				path, title ? title : "", YEAR_MIN, YEAR_MAX);
			goto out;
		}
		if (year < lo)
			lo = year;
		if (year > hi)
			hi = year;
	}

	c = xcalloc(1, sizeof(*c));
	c->first = lo;
	c->count = hi - lo + 1;
	c->years = xcalloc((size_t)c->count, sizeof(*c->years));
	c->path = xstrdup(path);
	c->warned = xcalloc((YEAR_MAX - YEAR_MIN + 1 + 7) / 8, 1);
	for (i = 0; i < nsec; i++) {
		cfg_t *sec = cfg_getnsec(cfg, "year", i);

		parse_year(cfg_title(sec), &year);
		if (!fill_year(&c->years[year - lo], sec, year, path, err, errsz)) {
			calendar_free(c);
			c = NULL;
			goto out;
		}
	}
out:
	cfg_free(cfg);
	return c;
}
