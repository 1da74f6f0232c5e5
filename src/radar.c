#include "radar.h"
#include "config.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

const char *radar_label(enum radar_kind k)
{
	static const char *const labels[RADAR_KINDS] = {
		[RADAR_APP_CONTACT] = "заявка: связаться",
		[RADAR_APP_RESULTS] = "заявка: результаты",
		[RADAR_APP_RESULTS_ORDERED] = "заявка (заказ): результаты",
		[RADAR_IOM_DEVELOP] = "ИОМ: разработать",
		[RADAR_IOM_CORRECT] = "ИОМ: корректировки",
		[RADAR_ACTIVITY_MARK] = "ИОМ: нет отметки",
		[RADAR_FINAL_DIAG] = "ИОМ: итог. диагностика",
		[RADAR_COURSE_3Y] = "курсы > 3 лет назад",
		[RADAR_COMPREHENSIVE_3Y] = "комплексная диагностика",
		[RADAR_SITE_EXPIRES] = "площадка: статус истекает",
		[RADAR_IOM_SIGN] = "ИОМ: изменения ждут подписи",
	};
	return k > 0 && k < RADAR_KINDS && labels[k] ? labels[k] : "";
}

/* Working days of a kind's deadline; 0 for calendar-date kinds. */
static int workdays_of(const struct config *cfg, enum radar_kind k)
{
	switch (k) {
	case RADAR_APP_CONTACT:
		return cfg->dl_application_contact;
	case RADAR_APP_RESULTS:
		return cfg->dl_results;
	case RADAR_APP_RESULTS_ORDERED:
		return cfg->dl_results_ordered;
	case RADAR_IOM_DEVELOP:
		return cfg->dl_iom_develop;
	case RADAR_IOM_CORRECT:
	case RADAR_IOM_SIGN:
		/* Signatures of a change (§5.11) within the review's 5 days. */
		return cfg->dl_iom_correct;
	default:
		return 0;
	}
}

static int years_of(enum radar_kind k)
{
	return k == RADAR_COURSE_3Y || k == RADAR_COMPREHENSIVE_3Y ? 3 : 0;
}

static dayno shift_years(dayno d, int years)
{
	int y, m, day;
	date_from_days(d, &y, &m, &day);
	y += years;
	if (m == 2 && day == 29 && !date_valid(y, 2, 29))
		day = 28;
	return date_to_days(y, m, day);
}

void radar_due(const struct calendar *cal, const struct config *cfg, enum radar_kind k,
	       const char *base_iso, char due_iso[11])
{
	int y, m, d, wd = workdays_of(cfg, k);
	dayno base;

	due_iso[0] = '\0';
	if (!date_parse_iso(base_iso, &y, &m, &d))
		return;
	base = date_to_days(y, m, d);
	if (wd > 0)
		base = calendar_add_workdays(cal, base, wd);
	else if (years_of(k))
		base = shift_years(base, years_of(k));
	date_iso(base, due_iso);
}

void radar_cutoffs(const struct calendar *cal, const struct config *cfg, dayno today, int n,
		   struct radar_cutoffs *out)
{
	dayno horizon = n > 0 ? calendar_add_workdays(cal, today, n) : today;

	memset(out, 0, sizeof *out);
	for (int k = 1; k < RADAR_KINDS; k++) {
		int wd = workdays_of(cfg, (enum radar_kind)k);
		dayno cut = horizon;
		if (wd > 0) {
			/* The latest base whose deadline is not after the horizon:
			 * step back until base + wd working days <= horizon. */
			while (calendar_add_workdays(cal, cut, wd) > horizon)
				cut--;
		} else if (years_of((enum radar_kind)k)) {
			cut = shift_years(horizon, -years_of((enum radar_kind)k));
		}
		date_iso(cut, out->date[k]);
	}
}

int radar_standing(const struct calendar *cal, const char *due_iso, dayno today)
{
	int y, m, d;
	dayno due;

	if (!date_parse_iso(due_iso, &y, &m, &d))
		return 0;
	due = date_to_days(y, m, d);
	if (due < today)
		return calendar_workdays_between(cal, due, today);
	return -calendar_workdays_between(cal, today, due);
}
