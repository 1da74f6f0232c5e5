/* See store/sites.h. */
#include "store/sites.h"
#include "store_int.h"
#include "date.h"
#include "model.h"
#include "site.h"
#include "store/iom_review.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The places an event takes: every booking on it, on a card not
 * cancelled (a held one kept its place); each event on its own. */
#define EVENT_USED(ev) \
	"(SELECT count(*) FROM iom_activity a JOIN iom c ON c.id = a.iom_id" \
	" WHERE a.event_id = " ev " AND a.archived = 0 AND c.status <> 'cancelled')"
/* Its number: the event's own, else its site's maximum; -1 no limit. */
#define EVENT_PLACES(ev, site) "coalesce(" ev ".places, " site ".max_places, -1)"

static const struct listq *site_q(void)
{
	static struct listq q;
	static char *where;

	if (where == NULL) {
		where = xasprintf("i.archived = 0 AND %s", store_org_scope_sql);
		q.select = "SELECT i.id, o.name_key || printf('%09d', i.id), coalesce(o.short_name, o.name),"
			   " i.direction, i.state || '|' || coalesce(CASE WHEN i.state IN ('terminated', 'expired')"
			   " THEN i.termination_date END, i.granted_to, ''),"
			   " coalesce(i.max_places, '—'), i.archived";
		q.from = " FROM internship_site i JOIN organisation o ON o.id = i.org_id";
		q.where = where;
		q.key = "o.name_key || printf('%09d', i.id)";
		q.id = "i.id";
	}
	return &q;
}

static void site_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_scope(st, ctx);
}

int store_site_page(struct store *s, const struct store_scope *sc, const struct page_req *r,
		    struct page *out)
{
	int rc = store_run_page(s, site_q(), site_bind, sc, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char *v = out->rows[i].cols[2], *bar = strchr(v, '|'), to[11] = "", *text;
		page_set_col(out, i, 1, model_enum_label(model_site_directions, out->rows[i].cols[1]));
		if (bar) {
			*bar = '\0';
			date_format_ru(bar + 1, to);
		}
		/* Granted: until the term's end; ended: on the day it ended. */
		text = xasprintf("%s%s%s", model_enum_label(model_site_states, v),
				 !to[0] ? "" : strcmp(v, "terminated") == 0 || strcmp(v, "expired") == 0 ? " " : " до ",
				 to);
		page_set_col(out, i, 2, text);
		free(text);
	}
	return rc;
}

int store_site_count(struct store *s, const struct store_scope *sc, int *count)
{
	return store_run_count(s, site_q(), site_bind, sc, count);
}

int store_site_brief(struct store *s, int64_t id, int64_t *org_id, char state[16], char term_end[11])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT org_id, state, coalesce(granted_to, '')"
					 " FROM internship_site WHERE id = ?");
	int rc = ST_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*org_id = sqlite3_column_int64(st, 0);
		strlcpy0(state, (const char *)sqlite3_column_text(st, 1), 16);
		strlcpy0(term_end, (const char *)sqlite3_column_text(st, 2), 11);
		rc = ST_OK;
	}
	sqlite3_reset(st);
	return rc;
}

int store_site_info(struct store *s, int64_t id, struct site_info *out)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT i.org_id, i.state, coalesce(i.granted_from, ''),"
					 " coalesce(i.granted_to, ''), coalesce(i.max_places, -1),"
					 /* By characters: the name fits its buffer whole. */
					 " substr(coalesce(o.short_name, o.name) || ': ' || i.topic, 1, 140)"
					 " FROM internship_site i JOIN organisation o ON o.id = i.org_id WHERE i.id = ?");
	int rc = ST_NOTFOUND;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->org_id = sqlite3_column_int64(st, 0);
		strlcpy0(out->state, (const char *)sqlite3_column_text(st, 1), sizeof out->state);
		strlcpy0(out->from, (const char *)sqlite3_column_text(st, 2), sizeof out->from);
		strlcpy0(out->to, (const char *)sqlite3_column_text(st, 3), sizeof out->to);
		out->max_places = sqlite3_column_int(st, 4);
		strlcpy0(out->name, (const char *)sqlite3_column_text(st, 5), sizeof out->name);
		rc = ST_OK;
	}
	sqlite3_reset(st);
	return rc;
}

int store_site_event_places(struct store *s, int64_t event_id, int *used, int *places)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT " EVENT_USED("e.id") ", " EVENT_PLACES("e", "i")
					 " FROM event e JOIN internship_site i ON i.id = e.internship_site_id"
					 " WHERE e.id = ?");
	int rc = ST_NOTFOUND;

	sqlite3_bind_int64(st, 1, event_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*used = sqlite3_column_int(st, 0);
		*places = sqlite3_column_int(st, 1);
		rc = ST_OK;
	}
	sqlite3_reset(st);
	return rc;
}

int store_site_book_check(struct store *s, int64_t event_id)
{
	int64_t site = store_int(s, "SELECT coalesce(internship_site_id, 0) FROM event WHERE id = ?", "i",
				 event_id);
	struct site_info si;
	struct site_booking b;
	char today[11], *es, *ee;
	const char *why;
	int used = 0, places = -1;

	if (site == 0)
		return ST_OK;
	if (store_site_info(s, site, &si) != ST_OK || store_site_event_places(s, event_id, &used, &places) != ST_OK) {
		store_set_error(s, "стажировочная площадка мероприятия не найдена");
		return ST_NOTFOUND;
	}
	today_iso(today);
	es = store_text(s, "SELECT start_date FROM event WHERE id = ?", "i", event_id);
	ee = store_text(s, "SELECT end_date FROM event WHERE id = ?", "i", event_id);
	memset(&b, 0, sizeof b);
	b.state = si.state;
	b.term_from = si.from;
	b.term_to = si.to;
	b.entered = today;
	b.ev_start = es;
	b.ev_end = ee;
	b.places = places;
	b.used = used;
	why = site_may_book(&b);
	free(es);
	free(ee);
	if (why == NULL)
		return ST_OK;
	store_set_error(s, why);
	return ST_CONSTRAINT;
}

/* --- a site's events and their places -------------------------------------- */

struct site_ctx {
	const struct store_scope *sc;
	int64_t site;
	const char *date;
};

static void site_ctx_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct site_ctx *c = ctx;

	store_bind_scope(st, c->sc);
	store_bind_named_int(st, ":site", c->site);
	store_bind_named_text(st, ":date", c->date);
}

#define EVENT_KEY "coalesce(e.start_date, '9999-12-31') || printf('%012d', e.id)"
static const struct listq event_q = {
	"SELECT e.id, " EVENT_KEY ", e.title,"
	" coalesce(e.start_date, '') || '|' || coalesce(e.end_date, ''),"
	" " EVENT_USED("e.id") " || '|' || " EVENT_PLACES("e", "i") ", '', e.archived",
	" FROM event e JOIN internship_site i ON i.id = e.internship_site_id",
	"e.internship_site_id = :site AND e.archived = 0",
	EVENT_KEY,
	"e.id", false
};

int store_site_event_page(struct store *s, int64_t site_id, const struct page_req *r, struct page *out)
{
	struct site_ctx c = { NULL, site_id, NULL };
	int rc = store_run_page(s, &event_q, site_ctx_bind, &c, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char *d = out->rows[i].cols[1], *bar = strchr(d, '|'), from[11] = "", to[11] = "", *text;
		int used = 0, places = -1;

		if (bar) {
			*bar = '\0';
			date_format_ru(d, from);
			date_format_ru(bar + 1, to);
		}
		if (from[0] && to[0] && strcmp(from, to) != 0)
			text = xasprintf("%s–%s", from, to);
		else
			text = xstrdup(from[0] ? from : to[0] ? to : "без даты");
		page_set_col(out, i, 1, text);
		free(text);
		sscanf(out->rows[i].cols[2], "%d|%d", &used, &places);
		if (places >= 0)
			text = xasprintf("занято %d из %d", used, places);
		else
			text = xasprintf("занято %d, без ограничения", used);
		page_set_col(out, i, 2, text);
		free(text);
	}
	return rc;
}

int store_site_event_count(struct store *s, int64_t site_id, int *count)
{
	struct site_ctx c = { NULL, site_id, NULL };
	return store_run_count(s, &event_q, site_ctx_bind, &c, count);
}

/* --- the bookings an early end leaves without a place ---------------------- */

/* The day a booking is held: its own dates, else its event's. */
#define BOOKING_LAST "coalesce(a.end_date, a.start_date, e.end_date, e.start_date)"
#define BOOKING_FIRST "coalesce(a.start_date, e.start_date, a.end_date, e.end_date)"
#define ENDING_WHERE \
	"a.internship_site_id = :site AND a.archived = 0 AND a.done IS NULL" \
	" AND c.archived = 0 AND c.status NOT IN ('completed', 'cancelled')" \
	" AND (" BOOKING_LAST " IS NULL OR " BOOKING_LAST " > :date)"
#define ENDING_KEY "coalesce(" BOOKING_FIRST ", '9999-12-31') || printf('%012d', a.id)"

static const struct listq *ending_q(void)
{
	static struct listq q;
	static char *select;

	if (select == NULL) {
		select = xasprintf("%s%s%s", "SELECT a.id, " ENDING_KEY ", CASE WHEN ", store_scope_sql,
				   " THEN p.surname || ' ' || substr(p.name, 1, 1) || '.'"
				   " || coalesce(substr(nullif(p.patronymic, ''), 1, 1) || '.', '')"
				   " ELSE 'данные закрыты' END,"
				   " a.activity, coalesce(" BOOKING_FIRST ", ''), coalesce(c.number, '—'), 0");
		q.select = select;
		q.from = " FROM iom_activity a JOIN iom c ON c.id = a.iom_id JOIN person p ON p.id = c.person_id"
			 " LEFT JOIN event e ON e.id = a.event_id";
		q.where = ENDING_WHERE;
		q.key = ENDING_KEY;
		q.id = "a.id";
	}
	return &q;
}

int store_site_ending_page(struct store *s, const struct store_scope *sc, int64_t site_id,
			   const char *end_iso, const struct page_req *r, struct page *out)
{
	struct site_ctx c = { sc, site_id, end_iso };
	int rc = store_run_page(s, ending_q(), site_ctx_bind, &c, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char d[11] = "";
		date_format_ru(out->rows[i].cols[2], d);
		page_set_col(out, i, 2, d[0] ? d : "без даты");
	}
	return rc;
}

int store_site_ending_count(struct store *s, int64_t site_id, const char *end_iso, int *count)
{
	struct site_ctx c = { NULL, site_id, end_iso };
	return store_run_count(s, ending_q(), site_ctx_bind, &c, count);
}

/* A note on each card with a booking the site's end on end_iso leaves
 * without a place: what to replace, and why. */
static int note_ending(struct store *s, const struct actor *a, int64_t site_id, const char *end_iso)
{
	sqlite3_stmt *st;
	struct site_info si;
	char today[11], end[11], when[11];
	int rc = ST_OK, n = 0;
	struct pending { int64_t iom; char *title, *date; } *p = NULL;

	if (store_site_info(s, site_id, &si) != ST_OK)
		return ST_NOTFOUND;
	/* Read first, then write: the notes are inserted with the read done. */
	st = store_prepare(s, "SELECT a.iom_id, a.activity, coalesce(" BOOKING_FIRST ", '')"
			   " FROM iom_activity a JOIN iom c ON c.id = a.iom_id LEFT JOIN event e ON e.id = a.event_id"
			   " WHERE " ENDING_WHERE " ORDER BY a.iom_id, a.id");
	store_bind_named_int(st, ":site", site_id);
	store_bind_named_text(st, ":date", end_iso);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p = xrealloc(p, (size_t)(n + 1) * sizeof *p);
		p[n].iom = sqlite3_column_int64(st, 0);
		p[n].title = store_col(st, 1);
		p[n].date = store_col(st, 2);
		n++;
	}
	sqlite3_reset(st);
	today_iso(today);
	date_format_ru(end_iso, end);
	for (int i = 0; i < n; i++) {
		char *text;
		when[0] = '\0';
		if (p[i].date && *p[i].date)
			date_format_ru(p[i].date, when);
		text = xasprintf("Стажировочная площадка «%s» действует только по %s: мероприятие «%s» (%s)"
				 " в дорожной карте нужно заменить или перенести.",
				 si.name, end, p[i].title ? p[i].title : "", when[0] ? when : "без даты");
		if (rc == ST_OK)
			rc = store_iom_note_add(s, a, p[i].iom, today, "correction", text, 0, NULL);
		free(text);
		free(p[i].title);
		free(p[i].date);
	}
	free(p);
	return rc;
}

static void set(struct record *r, const char *col, const char *v)
{
	record_set(r, model_field_index(&model_site_decision, col), v && *v ? v : NULL);
}

int store_site_move(struct store *s, const struct actor *a, int64_t id, const struct site_move *m)
{
	const struct table_desc *t = &model_site_decision;
	struct record r;
	const char *why = NULL, *state;
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	if ((rc = store_get(s, t, NULL, id, &r)) != ST_OK) {
		store_set_error(s, "площадка не найдена");
		return store_end(s, rc);
	}
	state = r.v[model_field_index(t, "state")];
	if (!site_move_allowed(state, m->to)) {
		snprintf(s->err, sizeof s->err, "из состояния «%s» в «%s» перейти нельзя",
			 model_enum_label(model_site_states, state), model_enum_label(model_site_states, m->to));
		rc = ST_CONSTRAINT;
	} else if (strcmp(m->to, "granted") == 0) {
		why = site_check_grant(m->granted_from, m->granted_to);
	} else if (strcmp(m->to, "expired") == 0 && r.v[model_field_index(t, "granted_to")] && m->date &&
		   strcmp(r.v[model_field_index(t, "granted_to")], m->date) >= 0) {
		why = "срок статуса ещё не истёк: для досрочного прекращения выберите «статус прекращён досрочно»";
	} else if (strcmp(m->to, "terminated") == 0 &&
		   (m->reason == NULL || model_enum_code(model_site_termination_reasons, m->reason) == NULL)) {
		why = "укажите основание досрочного прекращения";
	} else if (strcmp(m->to, "terminated") == 0) {
		why = site_check_end(r.v[model_field_index(t, "granted_from")],
				     r.v[model_field_index(t, "granted_to")], m->date);
	}
	/* An end leaves bookings without a place: only when the user saw as
	 * many as there are now. */
	if (rc == ST_OK && why == NULL && (strcmp(m->to, "terminated") == 0 || strcmp(m->to, "expired") == 0)) {
		int n = 0;
		char shown[11] = "";
		if ((rc = store_site_ending_count(s, id, m->date, &n)) == ST_OK && n > m->affected_seen) {
			date_format_ru(m->date, shown);
			snprintf(s->err, sizeof s->err,
				 "после %s на площадке записей ИОМ: %d — сначала просмотрите их список",
				 shown, n);
			rc = ST_CONSTRAINT;
		}
	}
	if (why) {
		store_set_error(s, why);
		rc = ST_CONSTRAINT;
	}
	if (rc == ST_OK) {
		set(&r, "state", m->to);
		if (strcmp(m->to, "terminated") == 0 || strcmp(m->to, "expired") == 0) {
			set(&r, "termination_date", m->date);
			set(&r, "termination_reason", m->reason);
		} else {
			set(&r, "decision_date", m->date);
		}
		if (strcmp(m->to, "granted") == 0) {
			set(&r, "granted_from", m->granted_from);
			set(&r, "granted_to", m->granted_to);
		}
		rc = store_update(s, a, t, &r, NULL);
		if (rc == ST_OK && (strcmp(m->to, "terminated") == 0 || strcmp(m->to, "expired") == 0))
			rc = note_ending(s, a, id, m->date);
	}
	record_free(&r);
	return store_end(s, rc);
}

/* --- the owner's checks on the generic save path ---------------------------- */

static const char *value(const struct table_desc *t, const struct record *row, const char *col)
{
	int i = model_field_index(t, col);
	return i >= 0 && i < row->n ? row->v[i] : NULL;
}

static int refuse(struct store *s, const char *msg)
{
	store_set_error(s, msg);
	return ST_CONSTRAINT;
}

/* The day a site's application was entered, local ISO: the day of its
 * "create" row in the journal; for a row entered otherwise (demo, a file
 * older than the rule), the last day of the window of the year of the
 * date it was stored with. "" if neither is known. */
static void entered_day(struct store *s, int64_t id, const char *stored, char out[11])
{
	char *at = store_text(s, "SELECT min(at) FROM audit WHERE tbl = 'internship_site'"
			      " AND record_id = ? AND action = 'create'", "i", id);
	char local[17] = "", from[11];
	int y, m, d;

	out[0] = '\0';
	utc_to_local(at, local);            /* dd.mm.yyyy HH:MM */
	free(at);
	if (local[0] && sscanf(local, "%2d.%2d.%4d", &d, &m, &y) == 3)
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	else if (stored && date_parse_iso(stored, &y, &m, &d))
		site_window(y, from, out);
}

/* An application: its date in the selection window of the day it is
 * entered, on entry and on every later change of the date. A changed
 * maximum: not below an event's own places. */
static int site_saved(struct store *s, const struct actor *a, const struct table_desc *t,
		      const struct record *row, const char *col, const char *before, const char *after)
{
	char today[11], msg[300];
	const char *why;
	int64_t over;

	(void)a;
	if (col == NULL || strcmp(col, "applied_date") == 0) {
		if (col == NULL) {
			today_iso(today);
			why = site_check_application(today, value(t, row, "applied_date"));
		} else {
			entered_day(s, row->id, before, today);
			why = site_check_application(today[0] ? today : NULL, after);
		}
		if (why == NULL)
			return ST_OK;
		snprintf(msg, sizeof msg, "Дата заявки: %s", why);
		return refuse(s, msg);
	}
	if (strcmp(col, "max_places") != 0 || after == NULL)
		return ST_OK;
	over = store_int(s, "SELECT coalesce(max(places), -1) FROM event"
			 " WHERE internship_site_id = ? AND archived = 0", "i", row->id);
	if (over > strtoll(after, NULL, 10)) {
		snprintf(msg, sizeof msg, "у мероприятия площадки %lld мест: максимум стажировочных мест"
			 " не может быть меньше", (long long)over);
		return refuse(s, msg);
	}
	return ST_OK;
}

/* An event a site holds: its places not beyond its site's maximum, and
 * not below the bookings it already has. Checked on the row as written so
 * far (the save path writes the site before the places, and runs this after
 * each): a move to another site is checked against the new site. */
static int event_saved(struct store *s, const struct actor *a, const struct table_desc *t,
		       const struct record *row, const char *col, const char *before, const char *after)
{
	const char *site = value(t, row, "internship_site_id"), *places;
	char msg[300];
	int64_t max;

	(void)a;
	(void)before;
	(void)after;
	if (col != NULL && strcmp(col, "places") != 0 && strcmp(col, "internship_site_id") != 0)
		return ST_OK;
	if (col == NULL) {
		places = value(t, row, "places");
		if (site == NULL || places == NULL)
			return ST_OK;
		max = store_int(s, "SELECT coalesce(max_places, -1) FROM internship_site WHERE id = ?", "i",
				strtoll(site, NULL, 10));
		if (max >= 0 && strtoll(places, NULL, 10) > max)
			goto over_max;
		return ST_OK;
	}
	{
		sqlite3_stmt *st = store_prepare(s, "SELECT e.places, coalesce(i.max_places, -1), "
						 EVENT_USED("e.id") ", " EVENT_PLACES("e", "i")
						 " FROM event e LEFT JOIN internship_site i"
						 " ON i.id = e.internship_site_id WHERE e.id = ?");
		int64_t own = -1, used = 0, eff = -1;

		max = -1;
		sqlite3_bind_int64(st, 1, row->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			own = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
			max = sqlite3_column_int64(st, 1);
			used = sqlite3_column_int64(st, 2);
			eff = sqlite3_column_int64(st, 3);
		}
		sqlite3_reset(st);
		if (own >= 0 && max >= 0 && own > max)
			goto over_max;
		if (eff >= 0 && used > eff) {
			snprintf(msg, sizeof msg, "мест не может быть меньше, чем уже записано на мероприятие: %lld",
				 (long long)used);
			return refuse(s, msg);
		}
		return ST_OK;
	}
over_max:
	snprintf(msg, sizeof msg, "мест на мероприятии больше, чем максимум стажировочных мест"
		 " площадки (%lld)", (long long)max);
	return refuse(s, msg);
}

void store_sites_register_hooks(struct store *s)
{
	store_on_save(s, model_internship_site.table, site_saved);
	store_on_save(s, model_site_event.table, event_saved);
}
