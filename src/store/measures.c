/* The plan of support measures and the targeted recommendations. */
#include "store.h"
#include "store_int.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct measure_bind {
	const struct store_scope *sc;
	const struct measure_filter *f;
};

static void measure_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct measure_bind *b = ctx;
	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":year", b->f->year);
	store_bind_named_text(st, ":state", b->f->state);
}

/* Rows of the whole region (no municipality, no organisation) are seen by
 * the whole-region scope; the others by the organisation scope of their
 * organisation, or of any organisation of their municipality. */
#define MEASURE_SCOPE \
	"(:sc_all OR (m.org_id IS NOT NULL AND m.org_id IN (SELECT o.id FROM organisation o WHERE %s))" \
	" OR (m.org_id IS NULL AND m.mun_id IS NOT NULL AND m.mun_id IN" \
	"     (SELECT o.mun_id FROM organisation o WHERE %s)))"

static const struct listq *measure_q(bool recommendations)
{
	static struct listq q[2];
	static char *where[2];
	int i = recommendations;

	if (where[i] == NULL) {
		char *scope = xasprintf(MEASURE_SCOPE, store_org_scope_sql, store_org_scope_sql);
		if (!recommendations) {
			/* A measure with no year (a standing one of the roadmap:
			 * «ежегодно», «в течение учебного года») is in every year's plan. */
			where[i] = xasprintf("m.archived = 0 AND (:year = 0 OR m.year = :year OR m.year IS NULL)"
					     " AND (:state IS NULL OR m.state = :state) AND %s", scope);
			q[i].select = "SELECT m.id, printf('%04d', m.year) || printf('%06d', m.sort),"
				      " coalesce(m.year, 'ежег.'), m.activity,"
				      " coalesce(o2.short_name, o2.name, mu.name, 'регион'), m.state, m.archived";
			q[i].from = " FROM support_measure m LEFT JOIN organisation o2 ON o2.id = m.org_id"
				    " LEFT JOIN municipality mu ON mu.id = m.mun_id";
			q[i].key = "printf('%04d', m.year) || printf('%06d', m.sort)";
		} else {
			where[i] = xasprintf("m.archived = 0 AND (:year = 0 OR substr(m.rec_date, 1, 4) = printf('%%04d', :year))"
					     " AND (:state IS NULL OR m.state = :state) AND %s", scope);
			q[i].select = "SELECT m.id, 'k' || (99999999 - CAST(replace(m.rec_date, '-', '') AS INTEGER)),"
				      " strftime('%d.%m.%Y', m.rec_date), m.text,"
				      " coalesce(o2.short_name, o2.name, mu.name, 'регион'), m.state, m.archived";
			q[i].from = " FROM recommendation m LEFT JOIN organisation o2 ON o2.id = m.org_id"
				    " LEFT JOIN municipality mu ON mu.id = m.mun_id";
			q[i].key = "'k' || (99999999 - CAST(replace(m.rec_date, '-', '') AS INTEGER))";
		}
		q[i].where = where[i];
		q[i].id = "m.id";
		free(scope);
	}
	return &q[i];
}

int store_measure_page(struct store *s, const struct store_scope *sc, const struct measure_filter *f,
		       const struct page_req *r, struct page *out)
{
	struct measure_bind b = { sc, f };
	int rc = store_run_page(s, measure_q(f->recommendations), measure_bind, &b, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		page_set_col(out, i, 3, model_enum_label(f->recommendations ? model_recommendation_states
									 : model_measure_states, out->rows[i].cols[3]));
	}
	return rc;
}

int store_measure_count(struct store *s, const struct store_scope *sc, const struct measure_filter *f,
			int *count)
{
	struct measure_bind b = { sc, f };
	return store_run_count(s, measure_q(f->recommendations), measure_bind, &b, count);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v && *v ? xstrdup(v) : NULL;
}

int store_measure_link(struct store *s, int64_t measure_id, struct measure_link *out)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT coalesce(m.year, 0), coalesce(m.org_id, 0), coalesce(m.mun_id, 0), coalesce(i.id, 0),"
		" i.code, i.name, i.formula, i.unit, coalesce(i.higher_better, 1),"
		" m.activity, m.responsible, m.period, m.documents, coalesce(o.name, mu.name, 'регион')"
		" FROM support_measure m LEFT JOIN indicator i ON i.id = m.indicator_id"
		" LEFT JOIN organisation o ON o.id = m.org_id LEFT JOIN municipality mu ON mu.id = m.mun_id"
		" WHERE m.id = ?");
	int rc = ST_NOTFOUND;

	memset(out, 0, sizeof *out);
	out->kind = "region";
	sqlite3_bind_int64(st, 1, measure_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t org = sqlite3_column_int64(st, 1), mun = sqlite3_column_int64(st, 2);
		out->year = sqlite3_column_int(st, 0);
		out->kind = org ? "org" : mun ? "mun" : "region";
		out->group_id = org ? org : mun;
		out->indicator_id = sqlite3_column_int64(st, 3);
		if (out->indicator_id) {
			strlcpy0(out->code, (const char *)sqlite3_column_text(st, 4), sizeof out->code);
			out->name = xstrdup((const char *)sqlite3_column_text(st, 5));
			if (sqlite3_column_text(st, 6))
				strlcpy0(out->formula, (const char *)sqlite3_column_text(st, 6), sizeof out->formula);
			strlcpy0(out->unit, (const char *)sqlite3_column_text(st, 7), sizeof out->unit);
			out->higher_better = sqlite3_column_int(st, 8) != 0;
		}
		out->activity = col_dup(st, 9);
		out->responsible = col_dup(st, 10);
		out->period = col_dup(st, 11);
		out->documents = col_dup(st, 12);
		out->addressee = col_dup(st, 13);
		rc = ST_OK;
	} else {
		snprintf(s->err, sizeof s->err, "мера поддержки не найдена");
	}
	sqlite3_reset(st);
	return rc;
}

void store_measure_link_free(struct measure_link *l)
{
	free(l->name);
	free(l->activity);
	free(l->responsible);
	free(l->period);
	free(l->documents);
	free(l->addressee);
	l->name = l->activity = l->responsible = l->period = l->documents = l->addressee = NULL;
}
