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
#define GROUP \
	"WITH grp AS (SELECT p.id FROM person p LEFT JOIN organisation o ON o.id = p.org_id" \
	"  WHERE p.archived = 0 AND (:kind = 'region' OR (:kind = 'mun' AND o.mun_id = :id)" \
	"   OR (:kind = 'org' AND p.org_id = :id))" \
	"  AND (:subj IS NULL OR instr(fold(p.subjects), :subj) > 0))," \
	" latest AS (SELECT d.person_id, d.kind," \
	"  max(CAST(replace(d.diag_date, '-', '') AS INTEGER) * 1000000000 + d.id) AS k" \
	"  FROM diagnostic d JOIN grp ON grp.id = d.person_id" \
	"  WHERE d.archived = 0 AND d.kind IN ('entry', 'final') GROUP BY d.person_id, d.kind)," \
	" last AS MATERIALIZED (SELECT l.person_id, l.kind, l.k % 1000000000 AS diag_id FROM latest l)"

static void bind_group(sqlite3_stmt *st, const struct deficit_group *g, const char *subj)
{
	store_bind_named_text(st, ":kind", g->scope_kind);
	store_bind_named_int(st, ":id", g->scope_id);
	store_bind_named_text(st, ":subj", subj);
}

int store_deficit_stats(struct store *s, const struct deficit_group *g, int *group_size,
			struct deficit_stat *codes, int max, int *ncodes,
			struct level_stat *levels, int maxl, int *nlevels)
{
	char *subj = g->subject && *g->subject ? text_fold(g->subject) : NULL;
	sqlite3_stmt *st;
	int rc = ST_OK;

	*ncodes = *nlevels = 0;
	*group_size = 0;
	/* One statement, so the group's latest diagnostics are found once:
	 * part 0 the group's size, 1 the codes, 2 the levels per block. */
	st = store_prepare(s, GROUP
		" SELECT 0, NULL, NULL, count(*), 0, 0, 0, 0, 0 FROM last WHERE kind = 'entry'"
		" UNION ALL SELECT * FROM (SELECT 1, c.code, c.wording,"
		"  sum(l.kind = 'entry'), sum(l.kind = 'final'), 0, 0, 0, 0"
		"  FROM last l JOIN diagnostic_deficit dd ON dd.diagnostic_id = l.diag_id"
		"  JOIN deficit_code c ON c.id = dd.deficit_code_id"
		"  GROUP BY c.id ORDER BY sum(l.kind = 'entry') DESC, c.code LIMIT :max)"
		" UNION ALL SELECT * FROM (SELECT 2, cb.name, NULL,"
		"  sum(l.kind = 'entry' AND b.level = 'high'), sum(l.kind = 'entry' AND b.level = 'medium'),"
		"  sum(l.kind = 'entry' AND b.level = 'low'), sum(l.kind = 'final' AND b.level = 'high'),"
		"  sum(l.kind = 'final' AND b.level = 'medium'), sum(l.kind = 'final' AND b.level = 'low')"
		"  FROM last l JOIN diagnostic_block b ON b.diagnostic_id = l.diag_id"
		"  JOIN competency_block cb ON cb.id = b.block_id"
		"  GROUP BY cb.id ORDER BY cb.sort LIMIT :maxl)");
	bind_group(st, g, subj);
	store_bind_named_int(st, ":max", max);
	store_bind_named_int(st, ":maxl", maxl);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int part = sqlite3_column_int(st, 0);
		if (part == 0) {
			*group_size = sqlite3_column_int(st, 3);
		} else if (part == 1 && *ncodes < max) {
			struct deficit_stat *d = &codes[(*ncodes)++];
			strlcpy0(d->code, (const char *)sqlite3_column_text(st, 1), sizeof d->code);
			d->wording = xstrdup((const char *)sqlite3_column_text(st, 2));
			d->entry = sqlite3_column_int(st, 3);
			d->final = sqlite3_column_int(st, 4);
		} else if (part == 2 && *nlevels < maxl) {
			struct level_stat *l = &levels[(*nlevels)++];
			strlcpy0(l->block, (const char *)sqlite3_column_text(st, 1), sizeof l->block);
			for (int k = 0; k < 3; k++) {
				l->entry[k] = sqlite3_column_int(st, 3 + k);
				l->final[k] = sqlite3_column_int(st, 6 + k);
			}
		}
	}
	if (sqlite3_errcode(s->db) != SQLITE_OK && sqlite3_errcode(s->db) != SQLITE_DONE &&
	    sqlite3_errcode(s->db) != SQLITE_ROW)
		rc = ST_ERROR;
	sqlite3_reset(st);
	free(subj);
	return rc;
}
