/* Typical (mass) deficits of a group: counted in SQL, per teacher's latest
 * entry and latest final diagnostic; nothing personal leaves the store. */
#include "store.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Teachers of the group, and each one's latest diagnostic of a kind (the
 * latest date, then the latest record: date and id in one integer). */
/* The group's persons, then each one's latest entry and final diagnostic.
 * One statement per kind of group: the region needs no organisation at
 * all, and a join that only one kind uses would be paid by every kind. */
#define GROUP(persons) \
	"WITH grp AS (SELECT p.id FROM person p " persons \
	"  AND (:subj IS NULL OR instr(fold(p.subjects), :subj) > 0))," \
	" latest AS (SELECT d.person_id, d.kind," \
	"  max(CAST(replace(d.diag_date, '-', '') AS INTEGER) * 1000000000 + d.id) AS k" \
	"  FROM diagnostic d JOIN grp ON grp.id = d.person_id" \
	"  WHERE d.archived = 0 AND d.kind IN ('entry', 'final') GROUP BY d.person_id, d.kind)," \
	" last AS MATERIALIZED (SELECT l.person_id, l.kind, l.k % 1000000000 AS diag_id FROM latest l)"
#define GROUP_REGION GROUP("WHERE p.archived = 0")
#define GROUP_MUN GROUP("JOIN organisation o ON o.id = p.org_id WHERE p.archived = 0 AND o.mun_id = :id")
#define GROUP_ORG GROUP("WHERE p.archived = 0 AND p.org_id = :id")

static void bind_group(sqlite3_stmt *st, const struct deficit_group *g, const char *subj)
{
	store_bind_named_text(st, ":kind", g->scope_kind);
	store_bind_named_int(st, ":id", g->scope_id);
	store_bind_named_text(st, ":subj", subj);
}

/* What typical deficits are read from (store_tables_stamp). */
#define DEFICIT_TABLES (T_PERSON | T_ORG | T_DIAG | T_DIAG_DEFICIT | T_DIAG_BLOCK | T_CODE | T_BLOCK)

struct deficit_out {
	int *group_size;
	struct deficit_stat *codes;
	int max, *ncodes;
	struct level_stat *levels;
	int maxl, *nlevels;
};

/* One row of the result, computed or kept: part 0 the group's size, 1 a
 * code with its entry and final counts, 2 a block's levels. Columns: part,
 * two texts, six numbers. */
static void take_row(sqlite3_stmt *st, struct deficit_out *o)
{
	int part = sqlite3_column_int(st, 0);

	if (part == 0) {
		*o->group_size = sqlite3_column_int(st, 3);
	} else if (part == 1 && *o->ncodes < o->max) {
		struct deficit_stat *d = &o->codes[(*o->ncodes)++];
		strlcpy0(d->code, (const char *)sqlite3_column_text(st, 1), sizeof d->code);
		d->wording = xstrdup((const char *)sqlite3_column_text(st, 2));
		d->entry = sqlite3_column_int(st, 3);
		d->final = sqlite3_column_int(st, 4);
	} else if (part == 2 && *o->nlevels < o->maxl) {
		struct level_stat *l = &o->levels[(*o->nlevels)++];
		strlcpy0(l->block, (const char *)sqlite3_column_text(st, 1), sizeof l->block);
		for (int k = 0; k < 3; k++) {
			l->entry[k] = sqlite3_column_int(st, 3 + k);
			l->final[k] = sqlite3_column_int(st, 6 + k);
		}
	}
}

static bool cache_read(struct store *s, const char *key, int64_t stamp, struct deficit_out *o)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT part, t1, t2, n1, n2, n3, n4, n5, n6 FROM deficit_cache"
					 " WHERE grp = ? AND stamp = ? ORDER BY seq");
	bool hit = false;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, stamp);
	while (sqlite3_step(st) == SQLITE_ROW) {
		take_row(st, o);
		hit = true;
	}
	sqlite3_reset(st);
	return hit;
}

static int cache_row(struct store *s, const char *key, int seq, int part, const char *t1,
		     const char *t2, const int n[6], int64_t stamp)
{
	return store_run(s, "INSERT INTO deficit_cache (grp, seq, part, t1, t2, n1, n2, n3, n4, n5, n6, stamp)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "tiitt" "iiiiii" "i", key,
			 (int64_t)seq, (int64_t)part, t1, t2, (int64_t)n[0], (int64_t)n[1], (int64_t)n[2],
			 (int64_t)n[3], (int64_t)n[4], (int64_t)n[5], stamp);
}

/* Keep a computed result: all its rows or none, in a transaction of its
 * own (not when the caller has one open); a failure only means it is
 * computed again next time. */
static void cache_write(struct store *s, const char *key, int64_t stamp, const struct deficit_out *o)
{
	int n[6] = { *o->group_size, 0, 0, 0, 0, 0 }, seq = 0, rc;

	if (!store_cache_begin(s))
		return;
	/* Rows of older counters are stale for every group: they go too. */
	rc = store_run(s, "DELETE FROM deficit_cache WHERE grp = ? OR stamp <> ?", "ti", key, stamp);
	if (rc == ST_OK)
		rc = cache_row(s, key, seq++, 0, NULL, NULL, n, stamp);
	for (int i = 0; rc == ST_OK && i < *o->ncodes; i++) {
		int m[6] = { o->codes[i].entry, o->codes[i].final, 0, 0, 0, 0 };
		rc = cache_row(s, key, seq++, 1, o->codes[i].code, o->codes[i].wording, m, stamp);
	}
	for (int i = 0; rc == ST_OK && i < *o->nlevels; i++) {
		const struct level_stat *l = &o->levels[i];
		int m[6] = { l->entry[0], l->entry[1], l->entry[2], l->final[0], l->final[1], l->final[2] };
		rc = cache_row(s, key, seq++, 2, l->block, NULL, m, stamp);
	}
	store_end(s, rc);
}

int store_deficit_stats(struct store *s, const struct deficit_group *g, int *group_size,
			struct deficit_stat *codes, int max, int *ncodes,
			struct level_stat *levels, int maxl, int *nlevels)
{
	char *subj = g->subject && *g->subject ? text_fold(g->subject) : NULL;
	struct deficit_out o = { group_size, codes, max, ncodes, levels, maxl, nlevels };
	sqlite3_stmt *st;
	int rc = ST_OK;
	/* The counters first: a change committed meanwhile makes the kept
	 * result stale at once, never wrong. */
	int64_t stamp = store_tables_stamp(s, DEFICIT_TABLES);
	char *key = xasprintf("%s|%lld|%s|%d|%d", g->scope_kind ? g->scope_kind : "",
			      (long long)g->scope_id, subj ? subj : "", max, maxl);

	*ncodes = *nlevels = 0;
	*group_size = 0;
	if (cache_read(s, key, stamp, &o)) {
		free(key);
		free(subj);
		return ST_OK;
	}
	/* One statement, so the group's latest diagnostics are found once:
	 * part 0 the group's size, 1 the codes, 2 the levels per block. */
#define DEFICIT_STATS\
		" SELECT 0, NULL, NULL, count(*), 0, 0, 0, 0, 0 FROM last WHERE kind = 'entry'"\
		" UNION ALL SELECT * FROM (SELECT 1, c.code, c.wording,"\
		"  sum(l.kind = 'entry'), sum(l.kind = 'final'), 0, 0, 0, 0"\
		"  FROM last l JOIN diagnostic_deficit dd ON dd.diagnostic_id = l.diag_id"\
		"  JOIN deficit_code c ON c.id = dd.deficit_code_id"\
		"  GROUP BY c.id ORDER BY sum(l.kind = 'entry') DESC, c.code LIMIT :max)"\
		" UNION ALL SELECT * FROM (SELECT 2, cb.name, NULL,"\
		"  sum(l.kind = 'entry' AND b.level = 'high'), sum(l.kind = 'entry' AND b.level = 'medium'),"\
		"  sum(l.kind = 'entry' AND b.level = 'low'), sum(l.kind = 'final' AND b.level = 'high'),"\
		"  sum(l.kind = 'final' AND b.level = 'medium'), sum(l.kind = 'final' AND b.level = 'low')"\
		"  FROM last l JOIN diagnostic_block b ON b.diagnostic_id = l.diag_id"\
		"  JOIN competency_block cb ON cb.id = b.block_id"\
		"  GROUP BY cb.id ORDER BY cb.sort LIMIT :maxl)"
	{
		const char *kind = g->scope_kind ? g->scope_kind : "region";
		st = store_prepare(s, strcmp(kind, "mun") == 0 ? GROUP_MUN DEFICIT_STATS
				   : strcmp(kind, "org") == 0 ? GROUP_ORG DEFICIT_STATS
				   : GROUP_REGION DEFICIT_STATS);
	}
	bind_group(st, g, subj);
	store_bind_named_int(st, ":max", max);
	store_bind_named_int(st, ":maxl", maxl);
	while (sqlite3_step(st) == SQLITE_ROW)
		take_row(st, &o);
	if (sqlite3_errcode(s->db) != SQLITE_OK && sqlite3_errcode(s->db) != SQLITE_DONE &&
	    sqlite3_errcode(s->db) != SQLITE_ROW)
		rc = ST_ERROR;
	sqlite3_reset(st);
	if (rc == ST_OK)
		cache_write(s, key, stamp, &o);
	free(key);
	free(subj);
	return rc;
}
