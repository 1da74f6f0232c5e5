/* Dates and the production calendar (working days). No terminal, no SQL.
 * Dates are stored as ISO "YYYY-MM-DD" text and shown as "ДД.ММ.ГГГГ". */
#ifndef MARSHRUT_DATE_H
#define MARSHRUT_DATE_H

#include <stdbool.h>

/* Days since 1970-01-01 (proleptic Gregorian), for arithmetic. */
typedef long dayno;

bool date_valid(int y, int m, int d);           /* 1900 <= y <= 2200 */
dayno date_to_days(int y, int m, int d);
void date_from_days(dayno n, int *y, int *m, int *d);
int date_weekday(dayno n);                       /* 1 = Monday .. 7 = Sunday */

/* What a date typed by a user is read as. */
enum date_kind {
	DATE_ANY,      /* any date: a two-digit year is the one nearest to this
	                * year, a tie to the past (in 2026: 76..99 -> 1976..1999,
	                * 00..75 -> 2000..2075) */
	DATE_BIRTH,    /* a birth date: a two-digit year is the latest one for
	                * which the day is not in the future (in 2026: 88 -> 1988,
	                * 25 -> 2025); refused when in the future or before
	                * DATE_BIRTH_MIN_YEAR */
};
#define DATE_BIRTH_MIN_YEAR 1930

/* The rules in the words a form shows (hint below the field, message). */
#define DATE_FORMAT_MSG "дата в формате ДД.ММ.ГГГГ (или ДДММГГГГ, ДД,ММ,ГГ)"
#define DATE_HINT "ДД.ММ.ГГГГ; можно 05,03,2025 05032025 05.03.25 (ГГ — ближайший к текущему)"
#define DATE_HINT_BIRTH "ДД.ММ.ГГГГ; можно 18,09,1988 18091988 18.09.88 (ГГ — последний прошедший)"

/* Read what a user typed: ДД.ММ.ГГГГ, with "," "/" or "-" for the dots
 * (the same one twice), one-digit day and month, ДДММГГГГ, and a
 * two-digit year in both (ДД.ММ.ГГ, ДДММГГ) by the rule of kind;
 * surrounding spaces are ignored. today is ISO "YYYY-MM-DD" (NULL: the
 * local date now). On success writes ISO "YYYY-MM-DD" into iso and returns
 * NULL; otherwise returns a Russian message, e.g. DATE_FORMAT_MSG,
 * "такой даты нет: 31.02.2026", for a birth date "не может быть в
 * будущем: 01.02.2030" (the form puts the field's label before it). */
const char *date_read(const char *in, enum date_kind kind, const char *today, char iso[11]);
/* date_read(in, DATE_ANY, NULL, iso): every date field goes through it. */
const char *date_parse_ru(const char *in, char iso[11]);
/* Parse ISO "YYYY-MM-DD"; returns false when malformed or impossible. */
bool date_parse_iso(const char *iso, int *y, int *m, int *d);
/* ISO -> "ДД.ММ.ГГГГ"; an empty or malformed input gives "". */
void date_format_ru(const char *iso, char out[11]);
/* ISO of a day number. */
void date_iso(dayno n, char out[11]);
/* Whole years between ISO dates from and to (age, experience); -1 if bad. */
int date_years_between(const char *from_iso, const char *to_iso);

/* The Russian production calendar: weekends are Saturday and Sunday, plus
 * public holidays and transfers, year by year, loaded from a file. */
struct calendar;

/* Load a calendar file (format: see conf/calendar.conf). Returns NULL and
 * writes a message "FILE:LINE: what is wrong" into err on failure. */
struct calendar *calendar_load(const char *path, char *err, int errsz);
void calendar_free(struct calendar *c);
/* Whether the year is described by the file (for the warning outside it). */
bool calendar_has_year(const struct calendar *c, int year);

/* A year the file does not describe is not guessed silently: its working
 * days are counted without its holidays and transfers (Saturdays and
 * Sundays only), and the first count that touches it says so — once per
 * year and calendar — through the calendar's warning sink: stderr unless
 * set (the terminal interface puts it on its status line). A NULL calendar
 * (none loaded) counts the same way and warns nothing. */
typedef void calendar_warn_fn(void *ctx, const char *msg);
void calendar_set_warn(struct calendar *c, calendar_warn_fn *fn, void *ctx);
/* calendar_has_year(), warning as a count would when the year is missing
 * (for a program that is about to count in that year: init, start-up). */
bool calendar_year_known(const struct calendar *c, int year);
bool calendar_is_workday(const struct calendar *c, dayno n);
/* The day that is n working days after `from` (n >= 0; n = 0 gives from
 * itself if it is a working day, else the next working day). */
dayno calendar_add_workdays(const struct calendar *c, dayno from, int n);
/* Working days in (from, to]: a deadline of N working days from `from` is
 * overdue on day `to` when this exceeds N. Negative if to < from. */
int calendar_workdays_between(const struct calendar *c, dayno from, dayno to);

#endif
