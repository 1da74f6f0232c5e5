/* See store/elements.h. Constant statements, bound values. */
#include "store/elements.h"
#include "store.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field_desc element_fields[] = {
	{ "diagnostic_id", "Диагностика", F_REF, true, 0, 0, NULL, "diagnostic" },
	{ "deficit_code_id", "Код элемента", F_REF, true, 0, 0, NULL, "deficit_code" },
	{ "max_score", "Максимальный балл", F_INT, true, 1, 1000, NULL, NULL },
	{ "score", "Балл", F_INT, true, 0, 1000, NULL, NULL },
	{ "pct", "% выполнения", F_INT, false, 0, 100, NULL, NULL },
};

const struct table_desc model_diagnostic_element = {
	"diagnostic_element", "результат по оцениваемому элементу", element_fields, (int)NITEMS(element_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"diagnostic_id",
};

void element_derive(struct record *rec)
{
	const struct table_desc *d = &model_diagnostic_element;
	const char *mx = rec->v[model_field_index(d, "max_score")], *sc = rec->v[model_field_index(d, "score")];
	char buf[24];
	long m, v;

	if (mx == NULL || sc == NULL || (m = strtol(mx, NULL, 10)) <= 0)
		return;
	v = strtol(sc, NULL, 10);
	snprintf(buf, sizeof buf, "%ld", (200 * v + m) / (2 * m));   /* half up */
	record_set(rec, model_field_index(d, "pct"), buf);
}

int64_t store_element_diagnostic(struct store *s, int64_t person_id, const char *date, const char *form)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id FROM diagnostic WHERE person_id = ? AND diag_date = ?"
					 " AND form = ? AND archived = 0 LIMIT 2");
	int64_t id = 0;

	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, form, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = -1;
	}
	sqlite3_reset(st);
	return id;
}

bool store_element_block_is(struct store *s, int64_t code_id, const char *text, char **block)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT b.name, fold(b.name) = ?2 OR fold(coalesce(b.short_name, '')) = ?2"
					 " OR fold(b.code) = ?2 FROM deficit_code c JOIN competency_block b"
					 " ON b.id = c.block_id WHERE c.id = ?1");
	char *key = text_fold(text ? text : "");
	bool same = false;

	*block = NULL;
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*block = store_col(st, 0);
		same = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	free(key);
	return same;
}

/* Each active teacher's latest entry and final diagnostic of the year
 * (diag_latest, as typical deficits), its element results, then per
 * organisation and kind: the teachers with results, and per element and
 * per block the teachers, the sum of scores and the sum of maxima. */
static const char counts_sql[] =
	"WITH src AS MATERIALIZED (SELECT l.diag_id AS diag_id, l.kind = 'final' AS fin,"
	"  coalesce(p.org_id, 0) AS org, coalesce(o.mun_id, 0) AS mun"
	"  FROM diag_latest l JOIN person p ON p.id = l.person_id AND p.archived = 0"
	"  LEFT JOIN organisation o ON o.id = p.org_id"
	"  WHERE l.year = :year AND l.kind IN ('entry', 'final')),"
	" el AS MATERIALIZED (SELECT s.org, s.mun, s.fin, s.diag_id, e.deficit_code_id AS code_id,"
	"  e.score AS score, e.max_score AS mx FROM src s JOIN diagnostic_element e ON e.diagnostic_id = s.diag_id"
	"  WHERE e.archived = 0 AND e.score IS NOT NULL AND e.max_score IS NOT NULL)"
	" SELECT 0, org, mun, fin, NULL, NULL, 0, count(DISTINCT diag_id), 0, 0 FROM el GROUP BY org, fin"
	" UNION ALL SELECT 1, el.org, el.mun, el.fin, c.code, c.wording, b.sort * 10000 + c.sort, count(*),"
	"  sum(el.score), sum(el.mx) FROM el JOIN deficit_code c ON c.id = el.code_id"
	"  JOIN competency_block b ON b.id = c.block_id GROUP BY el.org, el.fin, c.id"
	" UNION ALL SELECT 2, el.org, el.mun, el.fin, b.name, NULL, b.sort, count(DISTINCT el.diag_id),"
	"  sum(el.score), sum(el.mx) FROM el JOIN deficit_code c ON c.id = el.code_id"
	"  JOIN competency_block b ON b.id = c.block_id GROUP BY el.org, el.fin, b.id";

int store_element_counts(struct store *s, int year, struct element_count **out, int *n)
{
	sqlite3_stmt *st = store_prepare(s, counts_sql);
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	store_bind_named_int(st, ":year", year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct element_count *c;
		if (*n == cap) {
			cap = cap ? 2 * cap : 128;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		c = &(*out)[(*n)++];
		c->part = sqlite3_column_int(st, 0);
		c->org_id = sqlite3_column_int64(st, 1);
		c->mun_id = sqlite3_column_int64(st, 2);
		c->kind = sqlite3_column_int(st, 3);
		c->item = store_col(st, 4);
		c->wording = store_col(st, 5);
		c->sort = sqlite3_column_int(st, 6);
		c->people = sqlite3_column_int(st, 7);
		c->score = sqlite3_column_int64(st, 8);
		c->max = sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_set_error(s, sqlite3_errmsg(s->db));
		store_element_counts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return ST_ERROR;
	}
	return ST_OK;
}

void store_element_counts_free(struct element_count *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].item);
		free(c[i].wording);
	}
	free(c);
}
