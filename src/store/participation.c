/* See store/participation.h. */
#include "store/participation.h"
#include "store_int.h"
#include "date.h"
#include "model.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_event_brief(struct store *s, int64_t event_id, char *title, size_t titlesz, char kind[16])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT title, kind FROM event WHERE id = ? AND archived = 0");
	int rc = ST_NOTFOUND;

	sqlite3_bind_int64(st, 1, event_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		strlcpy0(title, (const char *)sqlite3_column_text(st, 0), titlesz);
		strlcpy0(kind, strcmp((const char *)sqlite3_column_text(st, 1), "contest") == 0 ? "contest"
			 : "scimethod", 16);
		rc = ST_OK;
	}
	sqlite3_reset(st);
	return rc;
}

int store_event_dates(struct store *s, int64_t event_id, char start[11], char end[11])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT coalesce(start_date, ''), coalesce(end_date, start_date, '')"
					    " FROM event WHERE id = ?");
	int rc = ST_NOTFOUND;

	sqlite3_bind_int64(st, 1, event_id);
	start[0] = end[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		strlcpy0(start, (const char *)sqlite3_column_text(st, 0), 11);
		strlcpy0(end, (const char *)sqlite3_column_text(st, 1), 11);
		rc = ST_OK;
	}
	sqlite3_reset(st);
	return rc;
}

/* Mark done the person's open roadmap rows for the event. */
static int mark_roadmap(struct store *s, const struct actor *a, int64_t event_id, int64_t person,
			int *marked)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT a.id FROM iom_activity a JOIN iom i ON i.id = a.iom_id WHERE a.event_id = ?"
		" AND i.person_id = ? AND a.done IS NULL AND a.archived = 0"
		" AND i.status IN ('approved', 'in_progress') ORDER BY a.id LIMIT 32");
	int64_t ids[32];
	int n = 0, rc = ST_OK;

	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, person);
	while (n < 32 && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		struct record rec;
		if ((rc = store_get(s, &model_iom_activity, NULL, ids[i], &rec)) != ST_OK)
			break;
		record_set(&rec, model_field_index(&model_iom_activity, "done"), "1");
		rc = store_update(s, a, &model_iom_activity, &rec, NULL);
		record_free(&rec);
		if (rc == ST_OK)
			(*marked)++;
	}
	return rc;
}

int store_meeting_record(struct store *s, const struct actor *a, const struct meeting *m,
			 const int64_t *persons, int n, int *added, int *already, int *marked)
{
	const struct table_desc *t = &model_participation;
	sqlite3_stmt *st;
	char *title = NULL, *level = NULL, *date = NULL, year[8], event[24];
	int rc = ST_OK;

	*added = *already = *marked = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	st = store_prepare(s, "SELECT title, level, coalesce(start_date, today())"
			   " FROM event WHERE id = ? AND archived = 0");
	sqlite3_bind_int64(st, 1, m->event_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		title = xstrdup((const char *)sqlite3_column_text(st, 0));
		level = xstrdup((const char *)sqlite3_column_text(st, 1));
		date = xstrdup((const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (title == NULL) {
		store_set_error(s, "мероприятие не найдено");
		return store_end(s, ST_NOTFOUND);
	}
	snprintf(year, sizeof year, "%.4s", date);
	snprintf(event, sizeof event, "%lld", (long long)m->event_id);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		struct record rec;
		char person[24], *org;
		if (store_int(s, "SELECT count(*) FROM participation WHERE person_id = ? AND event_id = ?"
			      " AND archived = 0", "ii", persons[i], m->event_id) > 0) {
			(*already)++;
			continue;
		}
		snprintf(person, sizeof person, "%lld", (long long)persons[i]);
		org = store_text(s, "SELECT org_id FROM person WHERE id = ?", "i", persons[i]);
		record_init(&rec, t);
		record_set(&rec, model_field_index(t, "person_id"), person);
		record_set(&rec, model_field_index(t, "org_id"), org);
		record_set(&rec, model_field_index(t, "event_id"), event);
		record_set(&rec, model_field_index(t, "kind"), m->kind);
		record_set(&rec, model_field_index(t, "title"), title);
		record_set(&rec, model_field_index(t, "level"), level);
		record_set(&rec, model_field_index(t, "year"), year);
		record_set(&rec, model_field_index(t, "event_date"), date);
		if (strcmp(m->kind, "contest") == 0)
			record_set(&rec, model_field_index(t, "result"), m->result);
		else
			record_set(&rec, model_field_index(t, "role"), m->role);
		rc = store_insert(s, a, t, &rec);
		record_free(&rec);
		free(org);
		if (rc == ST_OK)
			(*added)++;
		if (rc == ST_OK)
			rc = mark_roadmap(s, a, m->event_id, persons[i], marked);
	}
	free(title);
	free(level);
	free(date);
	return store_end(s, rc);
}

/* --- namesakes to choose from --- */

struct people_bind {
	const struct store_scope *sc;
	const struct name_query *nq;
	int64_t event_id;
};

/* Found by name as the register finds them (store_name_query). */
static const struct name_listq *people_q(enum name_plan plan)
{
	static struct name_listq q[3];
	static bool made[3];

	if (!made[plan]) {
		store_name_listq(&q[plan], plan,
				 "SELECT p.id, p.surname_key, " STORE_FIO("p") ","
				 " coalesce(o.short_name, o.name, ''), coalesce(substr(p.birth_date, 1, 4), ''),"
				 " CASE WHEN EXISTS (SELECT 1 FROM participation x WHERE x.person_id = p.id"
				 " AND x.event_id = :ev AND x.archived = 0) THEN '1' ELSE '' END, p.archived",
				 xasprintf("p.archived = 0 AND %s", store_scope_sql));
		made[plan] = true;
	}
	return &q[plan];
}

static void people_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct people_bind *b = ctx;

	store_bind_scope(st, b->sc);
	store_bind_name_query(st, b->nq);
	store_bind_named_int(st, ":ev", b->event_id);
}

int store_meeting_people_page(struct store *s, const struct store_scope *sc, const char *search,
			      int64_t event_id, const struct page_req *r, struct page *out)
{
	struct name_query nq;
	struct people_bind b = { sc, &nq, event_id };
	int rc;

	store_name_query(s, search, sc && sc->all, &nq);
	rc = store_name_page(s, people_q(nq.plan), people_bind, &b, r, out);
	store_name_query_free(&nq);
	return rc;
}

int store_meeting_people_count(struct store *s, const struct store_scope *sc, const char *search,
			       int *count)
{
	struct name_query nq;
	struct people_bind b = { sc, &nq, 0 };
	int rc;

	store_name_query(s, search, false, &nq);
	rc = store_run_count(s, &people_q(nq.plan)->count, people_bind, &b, count);
	store_name_query_free(&nq);
	return rc;
}
