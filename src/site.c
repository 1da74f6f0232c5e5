/* See site.h. */
#include "site.h"
#include "date.h"
#include "route.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

void site_window(int y, char from[11], char to[11])
{
	snprintf(from, 11, "%04d-09-01", y);
	snprintf(to, 11, "%04d-11-01", y);
}

const char *site_check_application(const char *entered_iso, const char *applied_iso)
{
	static char msg[240];
	char from[11], to[11], day[11], shown[11];
	int y, m, d;

	if (entered_iso == NULL || !date_parse_iso(entered_iso, &y, &m, &d))
		return "не известен день ввода заявки";
	if (applied_iso == NULL || !date_parse_iso(applied_iso, &y, &m, &d))
		return "укажите дату заявки";
	date_parse_iso(entered_iso, &y, &m, &d);
	site_window(y, from, to);
	date_format_ru(entered_iso, day);
	if (strcmp(entered_iso, from) < 0) {
		snprintf(msg, sizeof msg, "приём заявок с 1 сентября по 1 ноября; в %d году он ещё не открыт", y);
		return msg;
	}
	if (strcmp(entered_iso, to) > 0) {
		snprintf(msg, sizeof msg, "приём заявок с 1 сентября по 1 ноября; в %d году он закрыт", y);
		return msg;
	}
	if (strcmp(applied_iso, entered_iso) > 0) {
		snprintf(msg, sizeof msg, "дата заявки позже сегодняшнего дня (%s)", day);
		return msg;
	}
	if (strcmp(applied_iso, from) < 0) {
		date_format_ru(applied_iso, shown);
		snprintf(msg, sizeof msg, "заявка от %s вне приёма %d года (с 1 сентября по 1 ноября)", shown, y);
		return msg;
	}
	return NULL;
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

const char *site_may_book(const struct site_booking *b)
{
	static char msg[240];
	char from[11] = "", to[11] = "", day[11] = "", ev[11] = "";
	const char *ev_last = b->ev_end && *b->ev_end ? b->ev_end : b->ev_start;

	if (b->state == NULL || strcmp(b->state, "granted") != 0)
		return "площадка сейчас не действует: записываться можно только на площадку со статусом";
	if (b->term_from && *b->term_from)
		date_format_ru(b->term_from, from);
	if (b->term_to && *b->term_to)
		date_format_ru(b->term_to, to);
	if (b->entered && *b->entered)
		date_format_ru(b->entered, day);
	if (b->entered && ((from[0] && strcmp(b->entered, b->term_from) < 0) ||
			   (to[0] && strcmp(b->entered, b->term_to) > 0))) {
		snprintf(msg, sizeof msg, "запись %s вне срока площадки: с %s по %s", day,
			 from[0] ? from : "—", to[0] ? to : "—");
		return msg;
	}
	if ((b->ev_start && *b->ev_start && from[0] && strcmp(b->ev_start, b->term_from) < 0) ||
	    (ev_last && *ev_last && to[0] && strcmp(ev_last, b->term_to) > 0)) {
		date_format_ru(b->ev_start && *b->ev_start &&
			       from[0] && strcmp(b->ev_start, b->term_from) < 0 ? b->ev_start : ev_last, ev);
		snprintf(msg, sizeof msg, "мероприятие %s вне срока площадки: с %s по %s",
			 ev, from[0] ? from : "—", to[0] ? to : "—");
		return msg;
	}
	if (b->places >= 0 && b->used >= b->places) {
		snprintf(msg, sizeof msg, "на мероприятии площадки нет свободных мест (занято %d из %d)",
			 b->used, b->places);
		return msg;
	}
	return NULL;
}

const char *site_check_end(const char *term_from, const char *term_to, const char *end_iso)
{
	static char msg[200];
	char shown[11];
	int y, m, d;

	if (end_iso == NULL || !date_parse_iso(end_iso, &y, &m, &d))
		return "укажите дату прекращения";
	if (term_from && *term_from && strcmp(end_iso, term_from) < 0) {
		date_format_ru(term_from, shown);
		snprintf(msg, sizeof msg, "дата раньше начала срока статуса (%s)", shown);
		return msg;
	}
	if (term_to && *term_to && strcmp(end_iso, term_to) >= 0) {
		date_format_ru(term_to, shown);
		snprintf(msg, sizeof msg, "срок статуса и так кончается %s", shown);
		return msg;
	}
	return NULL;
}
