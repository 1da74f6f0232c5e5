/* Who may curate a teacher's ИОМ, and how loaded each one is. */
#include "store.h"
#include "store_int.h"
#include "analytics.h"
#include "route.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A person's current load: teachers in curatorship, and ИОМ cards not yet
 * final that name him curator, counted once per teacher. */
#define LOAD_SQL \
	"(SELECT count(*) FROM (SELECT person_id FROM curatorship WHERE curator_id = p.id" \
	"  AND (end_date IS NULL OR end_date >= today())" \
	"  UNION SELECT person_id FROM iom WHERE curator_id = p.id AND archived = 0" \
	"  AND status NOT IN ('completed', 'cancelled')))"

int store_curator_load(struct store *s, int64_t curator_id)
{
	return (int)store_int(s, "SELECT " LOAD_SQL " FROM person p WHERE p.id = ?", "i", curator_id);
}

/* The rows of a candidates' query (id, label), at most max; resets it. */
static int take_candidates(sqlite3_stmt *st, int64_t *ids, char **labels, int max)
{
	int n = 0;

	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		labels[n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_reset(st);
	return n;
}

int store_curator_candidates(struct store *s, int kind, int64_t teacher_id, int64_t *ids,
			     char **labels, int max)
{
	/* Which persons qualify, by kind: methodists of the region; staff of
	 * the institute; the institute or the school's methodists (МО heads);
	 * the school's mentors or the region's methodists. */
	static const char sql[] =
		"SELECT p.id, " STORE_FIO("p")
		" || ' — ' || coalesce(o.short_name, o.name, 'без организации')"
		" || ', курирует ' || " LOAD_SQL " AS label"
		" FROM person p LEFT JOIN organisation o ON o.id = p.org_id"
		" WHERE p.archived = 0 AND p.id <> :teacher AND ("
		"  (:kind = 1 AND p.is_methodist = 1)"
		"  OR (:kind = 2 AND o.kind = 'institute')"
		"  OR (:kind = 3 AND (o.kind = 'institute' OR (p.org_id = :org AND p.is_methodist = 1)))"
		"  OR (:kind = 4 AND ((p.org_id = :org AND p.is_mentor = 1) OR p.is_methodist = 1)))"
		/* The teacher's present curator first (continuity), then the
		 * least loaded. */
		" ORDER BY EXISTS (SELECT 1 FROM curatorship c WHERE c.curator_id = p.id"
		"   AND c.person_id = :teacher AND (c.end_date IS NULL OR c.end_date >= today())) DESC,"
		" " LOAD_SQL ", p.surname_key, p.id LIMIT :max";
	sqlite3_stmt *st;
	int code;

	switch (kind) {
	case ROUTE_CURATOR_REGIONAL_METHODIST:
		code = 1;
		break;
	case ROUTE_CURATOR_LECTURER:
		code = 2;
		break;
	case ROUTE_CURATOR_LECTURER_OR_MO_HEAD:
		code = 3;
		break;
	case ROUTE_CURATOR_MENTOR_OR_METHODIST:
		code = 4;
		break;
	default:
		return 0;
	}
	st = store_prepare(s, sql);
	store_bind_named_int(st, ":teacher", teacher_id);
	store_bind_named_int(st, ":kind", code);
	store_bind_named_int(st, ":org", store_int(s, "SELECT coalesce(org_id, 0) FROM person WHERE id = ?",
						     "i", teacher_id));
	store_bind_named_int(st, ":max", max);
	return take_candidates(st, ids, labels, max);
}

int store_developer_candidates(struct store *s, int64_t *ids, char **labels, int max)
{
	/* Persons whose working account holds the developer role; the least
	 * loaded with cards in the making first. */
	sqlite3_stmt *st = store_prepare(s,
		"SELECT p.id, " STORE_FIO("p") " || ' — карт: ' ||"
		" (SELECT count(*) FROM iom i WHERE i.developer_id = p.id AND i.status IN ('draft', 'review', 'final_form'))"
		" || ', без карты: ' ||"
		" (SELECT count(*) FROM diagnostic d WHERE d.developer_id = p.id AND d.archived = 0"
		"   AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = d.id)) AS label"
		" FROM person p WHERE p.archived = 0 AND EXISTS (SELECT 1 FROM app_user u"
		"  JOIN user_role r ON r.user_id = u.id WHERE u.person_id = p.id AND u.disabled = 0"
		"  AND r.role = 'developer')"
		" ORDER BY (SELECT count(*) FROM iom i WHERE i.developer_id = p.id"
		"  AND i.status IN ('draft', 'review', 'final_form')), p.surname_key, p.id LIMIT ?");

	sqlite3_bind_int(st, 1, max);
	return take_candidates(st, ids, labels, max);
}

static void no_bind(sqlite3_stmt *st, const void *ctx)
{
	(void)st;
	(void)ctx;
}

int store_curators_page(struct store *s, const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT c.id, printf('%06d', 999999 - c.load) || c.surname_key, c.name, c.org,"
		" c.load, '', 0",
		" FROM (SELECT p.id, p.surname_key,"
		"  " STORE_FIO("p") " AS name,"
		"  coalesce(o.short_name, o.name, '') AS org, " LOAD_SQL " AS load"
		"  FROM person p LEFT JOIN organisation o ON o.id = p.org_id"
		"  WHERE p.archived = 0 AND (p.id IN (SELECT curator_id FROM curatorship"
		"   WHERE end_date IS NULL OR end_date >= today())"
		"   OR p.id IN (SELECT curator_id FROM iom WHERE archived = 0 AND curator_id IS NOT NULL"
		"    AND status NOT IN ('completed', 'cancelled')))) c",
		"1",
		"printf('%06d', 999999 - c.load) || c.surname_key",
		"c.id", false
	};
	return store_run_page(s, &q, no_bind, NULL, r, out);
}

int store_pool_figures(struct store *s, int year, int *teachers, int *pool, bool *pool_listed,
		       int *curators)
{
	*teachers = (int)store_int(s, "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id"
				   " WHERE p.archived = 0 AND o.kind <> 'institute' AND o.kind <> 'authority'", NULL);
	*pool = (int)store_int(s, "SELECT count(*) FROM methodist_pool WHERE year = ? AND state = 'member'"
				 " AND archived = 0", "i", (int64_t)year);
	*pool_listed = *pool > 0;
	if (!*pool_listed)
		*pool = (int)store_int(s, "SELECT count(*) FROM person WHERE archived = 0 AND is_methodist = 1", NULL);
	*curators = (int)store_int(s, "SELECT count(*) FROM (SELECT curator_id FROM curatorship"
				   " WHERE end_date IS NULL OR end_date >= today()"
				   " UNION SELECT curator_id FROM iom WHERE archived = 0 AND curator_id IS NOT NULL"
				   " AND status NOT IN ('completed', 'cancelled'))", NULL);
	return ST_OK;
}

static void year_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":year", *(const int *)ctx);
}

int store_pool_page(struct store *s, int year, const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT mp.id, p.surname_key || printf('%09d', mp.id),"
		" " STORE_FIO("p") ", mp.state,"
		" coalesce(p.category, '') || '|' || coalesce(p.education, '') || '|'"
		" || coalesce(" STORE_EXPERIENCE_IN(":year") ", -1),"
		" (SELECT count(*) FROM curatorship c WHERE c.curator_id = p.id"
		"  AND (c.end_date IS NULL OR c.end_date >= today())), 0",
		" FROM methodist_pool mp JOIN person p ON p.id = mp.person_id",
		"mp.year = :year AND mp.archived = 0",
		"p.surname_key || printf('%09d', mp.id)",
		"mp.id", false
	};
	int rc = store_run_page(s, &q, year_bind, &year, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		/* "category|education|years", each part possibly empty. */
		char *v = xstrdup(out->rows[i].cols[2]), *edu = strchr(v, '|'), *years, text[160];
		years = edu ? strchr(edu + 1, '|') : NULL;
		if (edu)
			*edu++ = '\0';
		if (years)
			*years++ = '\0';
		analytics_pool_requirements_text(analytics_pool_requirements(*v ? v : NULL, edu && *edu ? edu : NULL,
									     years ? atoi(years) : -1),
						 text, sizeof text);
		page_set_col(out, i, 2, text);
		page_set_col(out, i, 1, model_enum_label(model_pool_states, out->rows[i].cols[1]));
		free(v);
	}
	return rc;
}

int store_pool_add(struct store *s, const struct actor *a, int year, int64_t person_id)
{
	const struct table_desc *t = &model_methodist_pool;
	struct record rec;
	char y[8], p[24];
	int rc;

	if (store_int(s, "SELECT count(*) FROM methodist_pool WHERE year = ? AND person_id = ?", "ii",
		      (int64_t)year, person_id) > 0) {
		store_set_error(s, "этот педагог уже в списке актива на этот год");
		return ST_CONSTRAINT;
	}
	snprintf(y, sizeof y, "%d", year);
	snprintf(p, sizeof p, "%lld", (long long)person_id);
	record_init(&rec, t);
	record_set(&rec, model_field_index(t, "person_id"), p);
	record_set(&rec, model_field_index(t, "year"), y);
	record_set(&rec, model_field_index(t, "state"), "candidate");
	rc = store_insert(s, a, t, &rec);
	record_free(&rec);
	return rc;
}

/* --- the rating of methodological activity (weights: analytics.c) --- */

/* "CASE col WHEN 'a' THEN n … ELSE dflt END" from a weight table: text
 * made of the table's constant codes, never of data. */
static char *weight_case(const char *col, const struct rating_weight *w, int dflt)
{
	char *sql = xasprintf("CASE %s", col), *next;

	for (; w->code; w++) {
		next = xasprintf("%s WHEN '%s' THEN %d", sql, w->code, w->points);
		free(sql);
		sql = next;
	}
	next = xasprintf("%s ELSE %d END", sql, dflt);
	free(sql);
	return next;
}

static const struct listq *rating_q(void)
{
	static struct listq q;

	if (q.select == NULL) {
		char *lvl = weight_case("pa.level", analytics_level_points, 1);
		char *res = weight_case("pa.result", analytics_outcome_bonus, 0);
		char *role = weight_case("pa.role", analytics_outcome_bonus, 0);
		char *vlvl = weight_case("v.level", analytics_level_points, 1);
		q.select = xasprintf(
			"WITH pts AS (SELECT pa.person_id AS pid, %s + %s + %s AS pt FROM participation pa"
			"  WHERE pa.archived = 0 AND pa.year = :y"
			" UNION ALL SELECT v.person_id, %s + %d FROM innovation v"
			"  WHERE v.archived = 0 AND v.year = :y AND v.result = 'positive'),"
			" tot AS (SELECT pid, sum(pt) AS points, count(*) AS n FROM pts GROUP BY pid)"
			" SELECT p.id, printf('%%06d', 999999 - tot.points) || p.surname_key,"
			" " STORE_FIO("p") ","
			" coalesce(o.short_name, o.name, ''), tot.points, tot.n, p.archived",
			lvl, res, role, vlvl, ANALYTICS_PRODUCT_BONUS);
		free(lvl);
		free(res);
		free(role);
		free(vlvl);
		q.from = " FROM tot JOIN person p ON p.id = tot.pid LEFT JOIN organisation o ON o.id = p.org_id";
		q.where = xasprintf("p.archived = 0 AND %s", store_scope_sql);
		q.key = "printf('%06d', 999999 - tot.points) || p.surname_key";
		q.id = "p.id";
	}
	return &q;
}

struct rating_bind {
	const struct store_scope *sc;
	int year;
};

static void rating_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct rating_bind *b = ctx;
	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":y", b->year);
}

int store_rating_page(struct store *s, const struct store_scope *sc, int year, const struct page_req *r,
		      struct page *out)
{
	struct rating_bind b = { sc, year };
	return store_run_page(s, rating_q(), rating_bind, &b, r, out);
}
