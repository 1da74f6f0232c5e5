/* The one save path for every described table: read with a version, write
 * back only if the version is unchanged, and audit each changed field in the
 * same IMMEDIATE transaction. Statement text is assembled only from the
 * column names of the descriptors in model.c (constants), never from data. */
#include "errtext.h"
#include "store.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void record_init(struct record *r, const struct table_desc *t)
{
	memset(r, 0, sizeof *r);
	r->n = t->nfields;
	r->v = xcalloc((size_t)t->nfields, sizeof *r->v);
}

void record_free(struct record *r)
{
	if (r->v)
		for (int i = 0; i < r->n; i++)
			free(r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

void record_set(struct record *r, int i, const char *value)
{
	free(r->v[i]);
	r->v[i] = value ? xstrdup(value) : NULL;
}

char *store_col(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	return xstrdup((const char *)sqlite3_column_text(st, i));
}

void store_on_save(struct store *s, const char *table, store_save_hook fn)
{
	if (s->nsave_hooks < (int)NITEMS(s->save_hooks)) {
		s->save_hooks[s->nsave_hooks].table = table;
		s->save_hooks[s->nsave_hooks++].fn = fn;
	}
}

/* The owners' hooks for t's row (col NULL: the row is new). */
static int run_hooks(struct store *s, const struct actor *a, const struct table_desc *t,
		     const struct record *row, const char *col, const char *before, const char *after)
{
	int rc = ST_OK;

	for (int i = 0; rc == ST_OK && i < s->nsave_hooks; i++)
		if (strcmp(s->save_hooks[i].table, t->table) == 0)
			rc = s->save_hooks[i].fn(s, a, t, row, col, before, after);
	return rc;
}

static bool same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* "SELECT c1, c2, ..., version, archived FROM t WHERE id = ?" */
static char *select_sql(const struct table_desc *t)
{
	char *cols = xstrdup(""), *sql;

	for (int i = 0; i < t->nfields; i++) {
		char *n = xasprintf("%s%s, ", cols, t->fields[i].col);
		free(cols);
		cols = n;
	}
	/* A municipality is never archived (it has no such column). */
	sql = xasprintf("SELECT %sversion, %s FROM %s WHERE id = ?", cols,
			strcmp(t->table, "municipality") == 0 ? "0" : "archived", t->table);
	free(cols);
	return sql;
}

static int read_row(struct store *s, const struct table_desc *t, int64_t id, struct record *out)
{
	char *sql = select_sql(t);
	sqlite3_stmt *st = store_prepare(s, sql);
	int rc;

	free(sql);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			store_set_error(s, errtext_db(s->db));
		return rc == SQLITE_DONE ? ST_NOTFOUND : ST_ERROR;
	}
	record_init(out, t);
	out->id = id;
	for (int i = 0; i < t->nfields; i++)
		out->v[i] = store_col(st, i);
	out->version = sqlite3_column_int64(st, t->nfields);
	out->archived = sqlite3_column_int(st, t->nfields + 1) != 0;
	sqlite3_reset(st);
	return ST_OK;
}

/* Whether a person or organisation is inside the scope. */
static bool in_scope(struct store *s, const struct table_desc *t, const struct store_scope *sc,
		     int64_t id)
{
	sqlite3_stmt *st;
	bool ok;

	if (sc == NULL)
		return true;
	if (strcmp(t->table, "person") == 0) {
		static const char sql_p[] =
			"SELECT 1 FROM person p LEFT JOIN organisation o ON o.id = p.org_id "
			"WHERE p.id = ?1 AND ";
		char *sql = xasprintf("%s%s", sql_p, store_scope_sql);
		st = store_prepare(s, sql);
		free(sql);
	} else if (strcmp(t->table, "organisation") == 0) {
		char *sql = xasprintf("SELECT 1 FROM organisation o WHERE o.id = ?1 AND %s",
				      store_org_scope_sql);
		st = store_prepare(s, sql);
		free(sql);
	} else {
		return sc->all;
	}
	sqlite3_bind_int64(st, 1, id);
	store_bind_scope(st, sc);
	ok = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return ok;
}

int store_get(struct store *s, const struct table_desc *t, const struct store_scope *sc,
	      int64_t id, struct record *out)
{
	memset(out, 0, sizeof *out);
	if (!in_scope(s, t, sc, id))
		return ST_NOTFOUND;
	return read_row(s, t, id, out);
}

/* Recompute the folded key of a row from its source columns. */
static int update_key(struct store *s, const struct table_desc *t, const struct record *r)
{
	char buf[1024] = "";
	char *key, *sql;
	int rc;

	if (t->key_col == NULL)
		return ST_OK;
	for (int k = 0; k < 4 && t->key_from[k]; k++) {
		int i = model_field_index(t, t->key_from[k]);
		const char *v = i >= 0 ? r->v[i] : NULL;
		if (v && *v) {
			if (buf[0])
				strncat(buf, " ", sizeof buf - strlen(buf) - 1);
			strncat(buf, v, sizeof buf - strlen(buf) - 1);
		}
	}
	/* Organisations without a short name sort by their full name. */
	if (buf[0] == '\0') {
		int i = model_field_index(t, "name");
		if (i >= 0 && r->v[i])
			strlcpy0(buf, r->v[i], sizeof buf);
	}
	key = text_fold(buf);
	sql = xasprintf("UPDATE %s SET %s = ? WHERE id = ?", t->table, t->key_col);
	rc = store_run(s, sql, "ti", key, r->id);
	free(sql);
	free(key);
	return rc;
}

/* --- codes given once (schema step 10 refuses them too) --- */

char *store_code_taken(struct store *s, const struct table_desc *t, int64_t id, const char *code)
{
	sqlite3_stmt *st;
	char *msg = NULL, *key;

	if (code == NULL || *code == '\0')
		return NULL;
	if (strcmp(t->table, "organisation") == 0)
		st = store_prepare(s, "SELECT code, coalesce(short_name, name) FROM organisation"
				   " WHERE code_cmp = ?1 AND id <> ?2 LIMIT 1");
	else if (strcmp(t->table, "deficit_code") == 0)
		st = store_prepare(s, "SELECT code, NULL FROM deficit_code WHERE code_cmp = ?1 AND id <> ?2 LIMIT 1");
	else
		return NULL;
	key = store_code_key(code);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	free(key);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		char *have = text_sanitize((const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			char *name = text_sanitize((const char *)sqlite3_column_text(st, 1)), cut[160];
			text_fit_ellipsis(name, 40, cut, sizeof cut);
			msg = xasprintf("такая запись уже есть: код %s у организации «%s»", have, cut);
			free(name);
		} else {
			msg = xasprintf("такая запись уже есть: код %s в кодификаторе", have);
		}
		free(have);
	}
	sqlite3_reset(st);
	return msg;
}

/* ST_CONSTRAINT, with the message, when rec's code is another row's. */
static int code_once(struct store *s, const struct table_desc *t, const struct record *rec)
{
	int i = model_field_index(t, "code");
	char *m;

	if (i < 0 || !model_field_is_code(&t->fields[i]) ||
	    (m = store_code_taken(s, t, rec->id, rec->v[i])) == NULL)
		return ST_OK;
	store_set_error(s, m);
	free(m);
	return ST_CONSTRAINT;
}

/* ST_CONSTRAINT, with the message, for a roadmap row dated outside its
 * card's period (the rule is the card's: store_iom_activity_problem). */
static int activity_in_period(struct store *s, const struct table_desc *t, const struct record *rec)
{
	const char *m;

	if (strcmp(t->table, "iom_activity") != 0 || rec->v[model_field_index(t, "iom_id")] == NULL)
		return ST_OK;
	m = store_iom_activity_problem(s, strtoll(rec->v[model_field_index(t, "iom_id")], NULL, 10),
				       rec->v[model_field_index(t, "start_date")],
				       rec->v[model_field_index(t, "end_date")]);
	if (m == NULL)
		return ST_OK;
	store_set_error(s, m);
	return ST_CONSTRAINT;
}

int store_insert(struct store *s, const struct actor *a, const struct table_desc *t,
		 struct record *rec)
{
	char *cols = xstrdup(""), *marks = xstrdup(""), *sql, *tmp;
	sqlite3_stmt *st;
	int rc, n = 0;

	/* Only the columns that have a value: the others take the schema's
	 * defaults (a flag's 0, an empty subject). */
	for (int i = 0; i < t->nfields; i++) {
		if (rec->v[i] == NULL)
			continue;
		tmp = xasprintf("%s%s%s", cols, n ? ", " : "", t->fields[i].col);
		free(cols);
		cols = tmp;
		tmp = xasprintf("%s%s?", marks, n ? ", " : "");
		free(marks);
		marks = tmp;
		n++;
	}
	if (strcmp(t->table, "organisation") == 0)
		sql = xasprintf("INSERT INTO %s (%s%sregion_id) VALUES (%s%s(SELECT min(id) FROM region))",
				t->table, cols, n ? ", " : "", marks, n ? ", " : "");
	else if (n == 0)
		sql = xasprintf("INSERT INTO %s DEFAULT VALUES", t->table);
	else
		sql = xasprintf("INSERT INTO %s (%s) VALUES (%s)", t->table, cols, marks);
	free(cols);
	free(marks);

	if (store_begin(s) != ST_OK) {
		free(sql);
		return ST_ERROR;
	}
	if ((rc = code_once(s, t, rec)) != ST_OK || (rc = activity_in_period(s, t, rec)) != ST_OK) {
		free(sql);
		return store_end(s, rc);
	}
	st = store_prepare(s, sql);
	free(sql);
	for (int i = 0, k = 1; i < t->nfields; i++)
		if (rec->v[i])
			sqlite3_bind_text(st, k++, rec->v[i], -1, SQLITE_TRANSIENT);
	rc = store_step_done(s, st);
	if (rc == ST_OK) {
		rec->id = sqlite3_last_insert_rowid(s->db);
		rec->version = 1;
		rc = update_key(s, t, rec);
	}
	for (int i = 0; rc == ST_OK && i < t->nfields; i++)
		if (rec->v[i])
			rc = store_audit(s, a, "create", t->table, rec->id, t->fields[i].col,
					 NULL, rec->v[i]);
	if (rc == ST_OK)
		rc = run_hooks(s, a, t, rec, NULL, NULL, NULL);
	return store_end(s, rc);
}

int store_update(struct store *s, const struct actor *a, const struct table_desc *t,
		 struct record *rec, struct record *current)
{
	struct record cur;
	bool key_changed = false;
	int rc, changed = 0;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = read_row(s, t, rec->id, &cur);
	if (rc != ST_OK) {
		store_rollback(s);
		return rc;
	}
	if (cur.version != rec->version) {
		store_rollback(s);
		if (current) {
			record_free(current);
			*current = cur;
		} else {
			record_free(&cur);
		}
		return ST_CONFLICT;
	}
	{
		int ci = model_field_index(t, "code");
		if (ci >= 0 && !same(cur.v[ci], rec->v[ci]))
			rc = code_once(s, t, rec);
		if (rc == ST_OK && strcmp(t->table, "iom_activity") == 0 &&
		    (!same(cur.v[model_field_index(t, "start_date")], rec->v[model_field_index(t, "start_date")]) ||
		     !same(cur.v[model_field_index(t, "end_date")], rec->v[model_field_index(t, "end_date")])))
			rc = activity_in_period(s, t, rec);
	}
	for (int i = 0; rc == ST_OK && i < t->nfields; i++) {
		const char *col = t->fields[i].col;
		char *sql;
		if (same(cur.v[i], rec->v[i]))
			continue;
		sql = xasprintf("UPDATE %s SET %s = ? WHERE id = ? AND version = ?", t->table, col);
		rc = store_run(s, sql, "tii", rec->v[i], rec->id, rec->version);
		free(sql);
		if (rc == ST_OK)
			rc = store_audit(s, a, "update", t->table, rec->id, col, cur.v[i], rec->v[i]);
		if (rc == ST_OK)
			rc = run_hooks(s, a, t, &cur, col, cur.v[i], rec->v[i]);
		changed++;
		for (int k = 0; k < 4 && t->key_from[k]; k++)
			if (strcmp(t->key_from[k], col) == 0 || strcmp(col, "name") == 0)
				key_changed = true;
	}
	if (rc == ST_OK && changed) {
		char *sql = xasprintf("UPDATE %s SET version = version + 1 WHERE id = ? AND version = ?",
				      t->table);
		rc = store_run(s, sql, "ii", rec->id, rec->version);
		free(sql);
		if (rc == ST_OK && sqlite3_changes(s->db) != 1)
			rc = ST_CONFLICT;
	}
	if (rc == ST_OK && key_changed)
		rc = update_key(s, t, rec);
	record_free(&cur);
	rc = store_end(s, rc);
	if (rc == ST_OK && changed)
		rec->version++;
	return rc;
}

int store_set_archived(struct store *s, const struct actor *a, const struct table_desc *t,
		       int64_t id, int64_t version, bool archived)
{
	char *sql = xasprintf("UPDATE %s SET archived = ?, version = version + 1 "
			      "WHERE id = ? AND version = ?", t->table);
	int rc;

	if (store_begin(s) != ST_OK) {
		free(sql);
		return ST_ERROR;
	}
	{
		/* Nothing to do (and nothing to audit) when it is already so. */
		char *q = xasprintf("SELECT archived = ? FROM %s WHERE id = ? AND version = ?", t->table);
		int64_t already = store_int(s, q, "iii", (int64_t)archived, id, version);
		free(q);
		if (already) {
			free(sql);
			return store_end(s, ST_OK);
		}
	}
	rc = store_run(s, sql, "iii", (int64_t)archived, id, version);
	free(sql);
	if (rc == ST_OK && sqlite3_changes(s->db) != 1) {
		char *q = xasprintf("SELECT count(*) FROM %s WHERE id = ?", t->table);
		rc = store_int(s, q, "i", id) ? ST_CONFLICT : ST_NOTFOUND;
		free(q);
	}
	if (rc == ST_OK)
		rc = store_audit(s, a, archived ? "archive" : "restore", t->table, id,
				 "archived", archived ? "0" : "1", archived ? "1" : "0");
	return store_end(s, rc);
}

char *store_ref_name(struct store *s, const char *table, int64_t id)
{
	char *v = NULL;

	if (id == 0)
		return xstrdup("");
	if (strcmp(table, "organisation") == 0)
		v = store_text(s, "SELECT coalesce(short_name, name) FROM organisation WHERE id = ?", "i", id);
	else if (strcmp(table, "municipality") == 0)
		v = store_text(s, "SELECT name FROM municipality WHERE id = ?", "i", id);
	else if (strcmp(table, "iom") == 0)
		v = store_text(s, "SELECT number FROM iom WHERE id = ?", "i", id);
	else if (strcmp(table, "diagnostic_application") == 0)
		v = store_text(s, "SELECT 'заявка от ' || strftime('%d.%m.%Y', received_date) || ', '"
			       " || applicant_name FROM diagnostic_application WHERE id = ?", "i", id);
	else if (strcmp(table, "indicator") == 0)
		v = store_text(s, "SELECT code || ' — ' || name FROM indicator WHERE id = ?", "i", id);
	else if (strcmp(table, "deficit_code") == 0)
		v = store_text(s, "SELECT code || ' — ' || wording FROM deficit_code WHERE id = ?", "i", id);
	else if (strcmp(table, "competency_block") == 0)
		v = store_text(s, "SELECT name || ' (' || CASE kind WHEN 'teacher' THEN 'педагоги'"
			       " ELSE 'управленцы' END || ')' FROM competency_block WHERE id = ?", "i", id);
	else if (strcmp(table, "person") == 0)
		v = store_text(s, "SELECT " STORE_FIO("p") " FROM person p WHERE p.id = ?", "i", id);
	else if (strcmp(table, "internship_site") == 0)
		v = store_text(s, "SELECT coalesce(o.short_name, o.name) || ': ' || i.topic FROM internship_site i"
			       " JOIN organisation o ON o.id = i.org_id WHERE i.id = ?", "i", id);
	else if (strcmp(table, "event") == 0)
		v = store_text(s, "SELECT title FROM event WHERE id = ?", "i", id);
	else if (strcmp(table, "city_mo") == 0)
		v = store_text(s, "SELECT name FROM city_mo WHERE id = ?", "i", id);
	return v ? v : xstrdup("");
}

int store_audit(struct store *s, const struct actor *a, const char *action,
		const char *table, int64_t id, const char *field,
		const char *before, const char *after)
{
	char now[20];
	int rc;

	now_utc(now);
	/* The row and its link in the chain, together (chain.c). */
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "INSERT INTO audit(at, user_id, login, real_login, action, tbl, record_id,"
		       " field, before, after) VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)",
		       "tittttittt", now,
		       a ? a->user_id : (int64_t)0, a ? a->login : NULL, a ? a->real_login : NULL,
		       action, table, id, field, before, after);
	if (rc == ST_OK && !s->chain_later)
		rc = store_chain_extend(s);
	return store_end(s, rc);
}

int store_audit_count(struct store *s, const char *table, int64_t id, int *count)
{
	*count = (int)store_int(s, "SELECT count(*) FROM audit WHERE tbl = ? AND record_id = ?",
				"ti", table, id);
	return ST_OK;
}

int store_last_change(struct store *s, const char *table, int64_t id, char at[20], char login[33])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT at, coalesce(login, '') FROM audit"
					 " WHERE tbl = ? AND record_id = ? ORDER BY id DESC LIMIT 1");
	int rc;

	at[0] = login[0] = '\0';
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		strlcpy0(at, (const char *)sqlite3_column_text(st, 0), 20);
		strlcpy0(login, (const char *)sqlite3_column_text(st, 1), 33);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : ST_NOTFOUND;
}
