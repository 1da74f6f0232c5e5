/* See store/mentoring.h. */
#include "store/mentoring.h"
#include "store_int.h"
#include "date.h"
#include "errtext.h"
#include "model.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair_bind {
	const struct store_scope *sc;
	int year;
};

static void pair_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct pair_bind *b = ctx;
	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":y", b->year);
}

/* The pairs' order: by the mentee's name. */
#define PAIR_KEY "p.surname_key || printf('%09d', mp.id)"

static const struct listq *pair_q(void)
{
	static struct listq q;
	static char *where;

	if (where == NULL) {
		where = xasprintf("mp.archived = 0 AND %s", store_scope_sql);
		q.select = "SELECT mp.id, " PAIR_KEY ", " STORE_FIO("p") ", " STORE_FIO("m") ","
			   " mp.start_date || '|' || coalesce(mp.end_date, ''),"
			   " mp.state || '|' || (SELECT coalesce(group_concat(CASE ms.respondent WHEN 'mentor'"
			   "   THEN 'наставник: ' ELSE 'наставляемый: ' END || CASE ms.satisfied WHEN 1 THEN 'да'"
			   "   ELSE 'нет' END, '; '), '') FROM mentoring_survey ms WHERE ms.pair_id = mp.id"
			   "   AND ms.year = :y AND ms.archived = 0), mp.archived";
		q.from = " FROM mentoring_pair mp JOIN person p ON p.id = mp.mentee_id"
			 " LEFT JOIN organisation o ON o.id = p.org_id JOIN person m ON m.id = mp.mentor_id";
		q.where = where;
		q.key = PAIR_KEY;
		q.id = "mp.id";
	}
	return &q;
}

int store_pair_page(struct store *s, const struct store_scope *sc, int year, const struct page_req *r,
		    struct page *out)
{
	struct pair_bind b = { sc, year };
	int rc = store_run_page(s, pair_q(), pair_bind, &b, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char *v = xstrdup(out->rows[i].cols[2]), *bar = strchr(v, '|'), a[11] = "", e[11] = "", *text;
		if (bar) {
			*bar = '\0';
			date_format_ru(bar + 1, e);
		}
		date_format_ru(v, a);
		text = xasprintf("%s–%s", a, e[0] ? e : "…");
		page_set_col(out, i, 2, text);
		free(text);
		free(v);
		v = xstrdup(out->rows[i].cols[3]);
		bar = strchr(v, '|');
		if (bar)
			*bar++ = '\0';
		text = xasprintf("%s%s%s", model_enum_label(model_pair_states, v), bar && *bar ? "; " : "",
				 bar ? bar : "");
		page_set_col(out, i, 3, text);
		free(text);
		free(v);
	}
	return rc;
}

int store_pair_count(struct store *s, const struct store_scope *sc, int *count)
{
	struct pair_bind b = { sc, 0 };
	return store_run_count(s, pair_q(), pair_bind, &b, count);
}

static const struct listq *young_q(void)
{
	static struct listq q;
	static char *where;

	if (where == NULL) {
		where = xasprintf("p.archived = 0 AND " STORE_YOUNG_SQL
				  " AND NOT EXISTS (SELECT 1 FROM mentoring_pair mp WHERE mp.mentee_id = p.id"
				  "  AND mp.archived = 0 AND mp.state IN ('planned', 'active'))"
				  " AND %s", store_scope_sql);
		q.select = "SELECT p.id, p.surname_key || printf('%09d', p.id), " STORE_FIO("p") ","
			   " coalesce(o.short_name, o.name, ''), " STORE_EXPERIENCE_IN(":y") ","
			   " coalesce(p.position, ''), p.archived";
		q.from = " FROM person p LEFT JOIN organisation o ON o.id = p.org_id";
		q.where = where;
		q.key = "p.surname_key || printf('%09d', p.id)";
		q.id = "p.id";
	}
	return &q;
}

int store_young_page(struct store *s, const struct store_scope *sc, int year, const struct page_req *r,
		     struct page *out)
{
	struct pair_bind b = { sc, year };
	return store_run_page(s, young_q(), pair_bind, &b, r, out);
}

int store_young_count(struct store *s, const struct store_scope *sc, int year, int *count)
{
	struct pair_bind b = { sc, year };
	return store_run_count(s, young_q(), pair_bind, &b, count);
}

char *store_pair_key(struct store *s, int64_t pair_id)
{
	return store_text(s, "SELECT " PAIR_KEY " FROM mentoring_pair mp JOIN person p ON p.id = mp.mentee_id"
			  " WHERE mp.id = ?", "i", pair_id);
}

char *store_pair_names(struct store *s, int64_t pair_id)
{
	return store_text(s, "SELECT " STORE_FIO("p") " || '|' || " STORE_FIO("m") " FROM mentoring_pair mp"
			  " JOIN person p ON p.id = mp.mentee_id JOIN person m ON m.id = mp.mentor_id"
			  " WHERE mp.id = ?", "i", pair_id);
}

int64_t store_pair_mentee(struct store *s, int64_t pair_id)
{
	return store_int(s, "SELECT mentee_id FROM mentoring_pair WHERE id = ?", "i", pair_id);
}

int store_survey_set(struct store *s, const struct actor *a, int64_t pair_id, int year,
		     const char *respondent, bool satisfied)
{
	const struct table_desc *t = &model_mentoring_survey;
	/* One answer per pair, year and respondent (the schema's key). */
	int64_t id = store_int(s, "SELECT id FROM mentoring_survey WHERE pair_id = ? AND year = ? AND respondent = ?",
			       "iit", pair_id, (int64_t)year, respondent);
	struct record rec;
	char y[8], p[24], today[11];
	int rc;

	if (id) {
		if ((rc = store_get(s, t, NULL, id, &rec)) != ST_OK)
			return rc;
		record_set(&rec, model_field_index(t, "satisfied"), satisfied ? "1" : "0");
		rc = store_update(s, a, t, &rec, NULL);
	} else {
		snprintf(y, sizeof y, "%d", year);
		snprintf(p, sizeof p, "%lld", (long long)pair_id);
		today_iso(today);
		record_init(&rec, t);
		record_set(&rec, model_field_index(t, "pair_id"), p);
		record_set(&rec, model_field_index(t, "year"), y);
		record_set(&rec, model_field_index(t, "respondent"), respondent);
		record_set(&rec, model_field_index(t, "satisfied"), satisfied ? "1" : "0");
		record_set(&rec, model_field_index(t, "survey_date"), today);
		rc = store_insert(s, a, t, &rec);
	}
	record_free(&rec);
	return rc;
}

/* The mentee's running card: the tail of a SELECT, the mentee bound. */
#define RUNNING_IOM " FROM iom WHERE person_id = ? AND archived = 0" \
	" AND status NOT IN ('completed', 'cancelled') ORDER BY id DESC LIMIT 1"
#define NO_RUNNING_IOM "у наставляемого нет действующей карты ИОМ: сначала разработайте её"

int store_pair_running_iom(struct store *s, int64_t pair_id, struct pair_iom *out)
{
	sqlite3_stmt *st;
	int64_t mentee = store_pair_mentee(s, pair_id);
	int rc;

	memset(out, 0, sizeof *out);
	if (mentee == 0) {
		store_set_error(s, "пара не найдена");
		return ST_NOTFOUND;
	}
	st = store_prepare(s, "SELECT id, coalesce(number, ''), model, status, coalesce(mentoring_pair_id, 0)"
			   RUNNING_IOM);
	sqlite3_bind_int64(st, 1, mentee);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		strlcpy0(out->number, (const char *)sqlite3_column_text(st, 1), sizeof out->number);
		out->model = sqlite3_column_int(st, 2);
		strlcpy0(out->status, (const char *)sqlite3_column_text(st, 3), sizeof out->status);
		out->pair_id = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ST_OK;
	if (rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(s->db));
		return ST_ERROR;
	}
	store_set_error(s, NO_RUNNING_IOM);
	return ST_NOTFOUND;
}

int store_pair_link_iom(struct store *s, const struct actor *a, int64_t pair_id, int64_t *iom_id)
{
	sqlite3_stmt *st;
	char before[8] = "", pair[24], was[24] = "";
	int64_t mentee = store_pair_mentee(s, pair_id), linked = 0;
	int rc;

	*iom_id = 0;
	if (mentee == 0) {
		store_set_error(s, "пара не найдена");
		return ST_NOTFOUND;
	}
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	st = store_prepare(s, "SELECT id, model, coalesce(mentoring_pair_id, 0)" RUNNING_IOM);
	sqlite3_bind_int64(st, 1, mentee);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*iom_id = sqlite3_column_int64(st, 0);
		snprintf(before, sizeof before, "%d", sqlite3_column_int(st, 1));
		linked = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (*iom_id == 0) {
		store_set_error(s, NO_RUNNING_IOM);
		return store_end(s, ST_NOTFOUND);
	}
	if (linked == pair_id && strcmp(before, "3") == 0)
		return store_end(s, ST_OK);   /* already so: nothing to change */
	if (linked && linked != pair_id) {
		store_set_error(s, "карта ИОМ наставляемого уже связана с другой парой наставничества");
		return store_end(s, ST_CONSTRAINT);
	}
	snprintf(pair, sizeof pair, "%lld", (long long)pair_id);
	if (linked)
		snprintf(was, sizeof was, "%lld", (long long)linked);
	rc = store_run(s, "UPDATE iom SET model = 3, mentoring_pair_id = ?, version = version + 1 WHERE id = ?",
		       "ii", pair_id, *iom_id);
	if (rc == ST_OK && strcmp(before, "3") != 0)
		rc = store_audit(s, a, "update", "iom", *iom_id, "model", before, "3");
	if (rc == ST_OK && linked != pair_id)
		rc = store_audit(s, a, "update", "iom", *iom_id, "mentoring_pair_id", was[0] ? was : NULL, pair);
	if (rc == ST_OK)
		rc = store_iom_log_change(s, a, *iom_id, "iom", *iom_id, "model", before, "3");
	return store_end(s, rc);
}
