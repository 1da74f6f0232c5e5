#include "applic.h"
#include "config.h"
#include "date.h"
#include "route.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static bool given(const char *iso)
{
	return iso && *iso;
}

static dayno day(const char *iso)
{
	int y, m, d;
	return date_parse_iso(iso, &y, &m, &d) ? date_to_days(y, m, d) : 0;
}

bool applic_deadline(const struct calendar *cal, const struct config *cfg,
		     const struct applic_dates *d, const char *today_iso, char *out, size_t n)
{
	dayno today = day(today_iso), due;
	char shown[11], iso[11];
	int late;

	if (!given(d->received)) {
		snprintf(out, n, "нет даты получения");
		return false;
	}
	if (!given(d->contacted)) {
		due = calendar_add_workdays(cal, day(d->received), cfg->dl_application_contact);
		date_iso(due, iso);
		date_format_ru(iso, shown);
		late = route_days_overdue(cal, due, today);
		if (late > 0)
			snprintf(out, n, "уведомить до %s: просрочено %d р. дн.", shown, late);
		else
			snprintf(out, n, "уведомить до %s", shown);
		return late > 0;
	}
	if (!given(d->diagnostic)) {
		snprintf(out, n, "ждёт назначения диагностики");
		return false;
	}
	due = calendar_add_workdays(cal, day(d->diagnostic),
				    d->ordered ? cfg->dl_results_ordered : cfg->dl_results);
	date_iso(due, iso);
	date_format_ru(iso, shown);
	if (given(d->results)) {
		late = route_days_overdue(cal, due, day(d->results));
		if (late > 0)
			snprintf(out, n, "результаты сообщены с опозданием %d р. дн.", late);
		else
			snprintf(out, n, "результаты сообщены в срок");
		return false;
	}
	late = route_days_overdue(cal, due, today);
	if (late > 0)
		snprintf(out, n, "результаты до %s: просрочено %d р. дн.", shown, late);
	else
		snprintf(out, n, "результаты до %s", shown);
	return late > 0;
}
