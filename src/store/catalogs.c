/* Catalogues: the deficit codifier and the competency blocks. */
#include "store.h"
#include "store_int.h"
#include "catalog.h"
#include "store/indicators.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_codifier_import(struct store *s, const struct actor *a, const struct codifier_entry *e,
			  int n, int *added)
{
	int rc = ST_OK;

	*added = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	for (int i = 0; rc == ST_OK && i < n; i++) {
		int64_t block = store_int(s, "SELECT id FROM competency_block WHERE code = ?", "t", e[i].block);
		if (block == 0) {
			snprintf(s->err, sizeof s->err, "код «%s»: нет блока компетенций «%s»",
				 e[i].code, e[i].block);
			rc = ST_CONSTRAINT;
			break;
		}
		/* A code the directory has, in either alphabet («М-1» or a
		 * Latin "M-1" saved before), is there already (schema step 10
		 * would refuse a second). */
		rc = store_run(s, "INSERT INTO deficit_code(code, block_id, wording, sort) SELECT ?1, ?2, ?3, ?4"
			       " WHERE NOT EXISTS (SELECT 1 FROM deficit_code WHERE code_cmp = code_key(?1))"
			       " ON CONFLICT(code) DO NOTHING", "titi", e[i].code, block, e[i].wording,
			       (int64_t)i);
		if (rc == ST_OK && sqlite3_changes(s->db) == 1) {
			(*added)++;
			rc = store_audit(s, a, "create", "deficit_code", sqlite3_last_insert_rowid(s->db),
					 "code", NULL, e[i].code);
		}
	}
	return store_end(s, rc);
}

static void deficit_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct deficit_filter *f = ctx;
	char *q = f->search && *f->search ? text_fold(f->search) : NULL;

	store_bind_named_text(st, ":q", q && *q ? q : NULL);
	char *ck = q && *q ? store_code_key(q) : NULL;

	store_bind_named_text(st, ":code", f->search && *f->search ? f->search : NULL);
	store_bind_named_text(st, ":ckey", ck);
	store_bind_named_int(st, ":block", f->block_id);
	free(ck);
	store_bind_named_int(st, ":archived", f->archived);
	free(q);
}

/* Ordered by block, then by the order of the shipped file, then code. */
static const struct listq deficit_q = {
	"SELECT d.id, printf('%02d%06d', b.sort, d.sort) || d.code, d.code, b.short_name, d.wording,"
	" '', d.archived",
	" FROM deficit_code d JOIN competency_block b ON b.id = d.block_id",
	"d.archived = :archived AND (:block = 0 OR d.block_id = :block)"
	" AND (:q IS NULL OR d.code LIKE :code || '%' OR instr(fold(d.wording), :q) > 0"
	"      OR substr(code_key(d.code), 1, length(:ckey)) = :ckey)",
	"printf('%02d%06d', b.sort, d.sort) || d.code",
	"d.id", false
};

int store_deficit_page(struct store *s, const struct deficit_filter *f, const struct page_req *r,
		       struct page *out)
{
	return store_run_page(s, &deficit_q, deficit_bind, f, r, out);
}

int store_deficit_count(struct store *s, const struct deficit_filter *f, int *count)
{
	return store_run_count(s, &deficit_q, deficit_bind, f, count);
}

int store_small_catalog(struct store *s, const char *table, int64_t *ids, char **labels, int max)
{
	sqlite3_stmt *st;
	int n = 0;

	if (strcmp(table, "competency_block") == 0)
		st = store_prepare(s, "SELECT id FROM competency_block WHERE archived = 0 ORDER BY sort, id LIMIT ?");
	else if (strcmp(table, "municipality") == 0)
		st = store_prepare(s, "SELECT id FROM municipality ORDER BY name, id LIMIT ?");
	else if (strcmp(table, "indicator") == 0)
		st = store_prepare(s, "SELECT id FROM indicator WHERE archived = 0 ORDER BY sort, code LIMIT ?");
	else if (strcmp(table, "city_mo") == 0)
		st = store_prepare(s, "SELECT id FROM city_mo WHERE archived = 0 ORDER BY sort, name, id LIMIT ?");
	else
		return 0;
	sqlite3_bind_int(st, 1, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0; i < n; i++)
		labels[i] = store_ref_name(s, table, ids[i]);
	return n;
}

/* Exactly, else folded, else with look-alike letters of the other
 * alphabet (М-1 typed with a Latin M); the codifier is a small catalogue. */
int64_t store_deficit_by_code(struct store *s, const char *code)
{
	char *key = text_fold(code), *ck = store_code_key(code);
	int64_t id = store_int(s, "SELECT id FROM deficit_code WHERE archived = 0"
			       " AND (code = ?1 OR fold(code) = ?2 OR code_key(code) = ?3)"
			       " ORDER BY code = ?1 DESC, fold(code) = ?2 DESC LIMIT 1", "ttt", code, key, ck);
	free(key);
	free(ck);
	return id;
}

int store_selfcheck_import(struct store *s, const struct actor *a, const struct selfcheck_entry *e,
			   int n, int *added)
{
	int rc = ST_OK;

	*added = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	for (int i = 0; rc == ST_OK && i < n; i++) {
		int64_t block = store_int(s, "SELECT id FROM competency_block WHERE code = ?", "t", e[i].block);
		int64_t def = e[i].deficit ? store_int(s, "SELECT id FROM deficit_code WHERE code = ?", "t",
						       e[i].deficit) : 0;
		if (block == 0 || (e[i].deficit && def == 0)) {
			snprintf(s->err, sizeof s->err, "утверждение «%s»: нет %s «%s»", e[i].key,
				 block ? "кода дефицита" : "блока компетенций", block ? e[i].deficit : e[i].block);
			rc = ST_CONSTRAINT;
			break;
		}
		if (store_int(s, "SELECT count(*) FROM selfcheck_statement WHERE block_id = ? AND text = ?",
			      "it", block, e[i].text))
			continue;
		rc = store_run(s, "INSERT INTO selfcheck_statement (block_id, deficit_code_id, text, sort)"
			       " VALUES (?, nullif(?, 0), ?, ?)", "iiti", block, def, e[i].text, (int64_t)i);
		if (rc == ST_OK) {
			(*added)++;
			rc = store_audit(s, a, "create", "selfcheck_statement", sqlite3_last_insert_rowid(s->db),
					 "text", NULL, e[i].text);
		}
	}
	return store_end(s, rc);
}

int store_selfcheck_items(struct store *s, bool manager, struct selfcheck_item *items, int max)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT q.id, q.block_id, coalesce(q.deficit_code_id, 0), b.name, q.text"
		" FROM selfcheck_statement q JOIN competency_block b ON b.id = q.block_id"
		" WHERE q.archived = 0 AND b.archived = 0 AND b.kind = ?"
		" ORDER BY b.sort, q.sort, q.id LIMIT ?");
	int n = 0;

	sqlite3_bind_text(st, 1, manager ? "manager" : "teacher", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		struct selfcheck_item *it = &items[n++];
		it->id = sqlite3_column_int64(st, 0);
		it->block_id = sqlite3_column_int64(st, 1);
		it->deficit_id = sqlite3_column_int64(st, 2);
		strlcpy0(it->block, (const char *)sqlite3_column_text(st, 3), sizeof it->block);
		it->text = xstrdup((const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	return n;
}

int store_associations_import(struct store *s, const struct actor *a, const struct association_entry *e,
			      int n, int *added)
{
	int rc = ST_OK;

	*added = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	for (int i = 0; rc == ST_OK && i < n; i++) {
		if (store_int(s, "SELECT count(*) FROM city_mo WHERE conf_key = ?", "t", e[i].key))
			continue;
		/* One made by hand under the seed's name is the same association. */
		rc = store_run(s, "UPDATE city_mo SET conf_key = ?1 WHERE id = (SELECT id FROM city_mo"
			       " WHERE mun_id IS NULL AND name = ?2 AND conf_key IS NULL LIMIT 1)", "tt",
			       e[i].key, e[i].name);
		if (rc != ST_OK || sqlite3_changes(s->db) == 1)
			continue;
		/* (A name already keyed otherwise stays as it is: no second.) */
		rc = store_run(s, "INSERT INTO city_mo (name, kind, sort, conf_key) VALUES (?, ?, ?, ?)"
			       " ON CONFLICT DO NOTHING", "ttit", e[i].name, e[i].kind, (int64_t)(i + 1), e[i].key);
		if (rc == ST_OK && sqlite3_changes(s->db) == 1) {
			(*added)++;
			rc = store_audit(s, a, "create", "city_mo", sqlite3_last_insert_rowid(s->db), "name", NULL,
					 e[i].name);
		}
	}
	return store_end(s, rc);
}

int store_measures_import(struct store *s, const struct actor *a, const struct measure_entry *e,
			  int n, int *added)
{
	int rc = ST_OK;

	*added = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	for (int i = 0; rc == ST_OK && i < n; i++) {
		int64_t ind = e[i].indicator ? store_indicator_by_code(s, e[i].indicator) : 0;
		if (e[i].indicator && ind == 0) {
			snprintf(s->err, sizeof s->err, "мера «%s»: нет показателя «%s»", e[i].key, e[i].indicator);
			rc = ST_CONSTRAINT;
			break;
		}
		if (store_int(s, "SELECT count(*) FROM support_measure WHERE conf_key = ?", "t", e[i].key))
			continue;
		rc = store_run(s, "INSERT INTO support_measure (activity, responsible, period, documents,"
			       " indicator_id, sort, conf_key) VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?)", "ttttiit",
			       e[i].activity, e[i].responsible, e[i].period, e[i].documents, ind, (int64_t)(i + 1),
			       e[i].key);
		if (rc == ST_OK) {
			(*added)++;
			rc = store_audit(s, a, "create", "support_measure", sqlite3_last_insert_rowid(s->db),
					 "activity", NULL, e[i].activity);
		}
	}
	return store_end(s, rc);
}
