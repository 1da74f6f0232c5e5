/* See site.h. */
#include "site.h"
#include "date.h"
#include "route.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

const char *site_check_window(const char *applied_iso)
{
	int y, m, d;

	if (applied_iso == NULL || !date_parse_iso(applied_iso, &y, &m, &d))
		return "укажите дату заявки";
	if ((m >= 9 && m <= 10) || (m == 11 && d == 1))
		return NULL;
	return "заявки на статус принимаются с 1 сентября по 1 ноября";
}

void site_default_end(const char *from_iso, char out[11])
{
	int y, m, d;

	if (!date_parse_iso(from_iso, &y, &m, &d)) {
		out[0] = '\0';
		return;
	}
	date_iso(route_add_months(y, m, d, 12 * SITE_MAX_YEARS) - 1, out);
}

const char *site_check_grant(const char *from_iso, const char *to_iso)
{
	static char msg[160];
	int y, m, d, y2, m2, d2;
	char last[11], shown[11];

	if (from_iso == NULL || to_iso == NULL || !date_parse_iso(from_iso, &y, &m, &d) ||
	    !date_parse_iso(to_iso, &y2, &m2, &d2))
		return "укажите срок статуса: с какого и по какое число";
	if (date_to_days(y2, m2, d2) < date_to_days(y, m, d))
		return "срок статуса кончается раньше, чем начинается";
	site_default_end(from_iso, last);
	if (strcmp(to_iso, last) > 0) {
		date_format_ru(last, shown);
		snprintf(msg, sizeof msg, "статус присваивается не более чем на %d года: самое позднее по %s",
			 SITE_MAX_YEARS, shown);
		return msg;
	}
	return NULL;
}

static const struct { const char *from, *to[4]; } moves[] = {
	{ "applied", { "review", "rejected", NULL } },
	{ "review", { "granted", "rejected", NULL } },
	{ "granted", { "terminated", "expired", NULL } },
};

int site_moves(const char *from, const char *to[4])
{
	int n = 0;

	for (size_t i = 0; from && i < NITEMS(moves); i++)
		if (strcmp(moves[i].from, from) == 0)
			for (; n < 4 && moves[i].to[n]; n++)
				to[n] = moves[i].to[n];
	return n;
}

bool site_move_allowed(const char *from, const char *to)
{
	const char *t[4];
	int n = site_moves(from, t);

	for (int i = 0; to && i < n; i++)
		if (strcmp(t[i], to) == 0)
			return true;
	return false;
}

const char *site_may_book(const char *state, const char *term_end_iso, const char *today_iso,
			  int max_places, int used)
{
	static char msg[160];

	if (state == NULL || strcmp(state, "granted") != 0 ||
	    (term_end_iso && today_iso && *term_end_iso && strcmp(term_end_iso, today_iso) < 0))
		return "площадка сейчас не действует: записываться можно только на площадку со статусом";
	if (max_places >= 0 && used >= max_places) {
		snprintf(msg, sizeof msg, "на стажировочной площадке нет свободных мест (занято %d из %d)",
			 used, max_places);
		return msg;
	}
	return NULL;
}
