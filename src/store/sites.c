/* See store/sites.h. */
#include "store/sites.h"
#include "store_int.h"
#include "date.h"
#include "model.h"
#include "site.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SITE_USED \
	"(SELECT count(*) FROM iom_activity a JOIN iom c ON c.id = a.iom_id" \
	" WHERE a.internship_site_id = i.id AND a.archived = 0 AND a.done IS NULL" \
	" AND c.archived = 0 AND c.status NOT IN ('completed', 'cancelled'))"

static const struct listq *site_q(void)
{
	static struct listq q;
	static char *where;

	if (where == NULL) {
		where = xasprintf("i.archived = 0 AND %s", store_org_scope_sql);
		q.select = "SELECT i.id, o.name_key || printf('%09d', i.id), coalesce(o.short_name, o.name),"
			   " i.direction, i.state || '|' || coalesce(i.granted_to, ''),"
			   " " SITE_USED " || '/' || coalesce(i.max_places, '—'), i.archived";
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
		text = xasprintf("%s%s%s", model_enum_label(model_site_states, v), to[0] ? " до " : "", to);
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

int store_site_places(struct store *s, int64_t id, int *used, int *max)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT " SITE_USED ", coalesce(i.max_places, -1)"
					 " FROM internship_site i WHERE i.id = ?");
	int rc = ST_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*used = sqlite3_column_int(st, 0);
		*max = sqlite3_column_int(st, 1);
		rc = ST_OK;
	}
	sqlite3_reset(st);
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
	}
	record_free(&r);
	return store_end(s, rc);
}
