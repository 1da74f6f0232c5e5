/* See store/import.h. Constant statements, bound values. */
#include "store/import.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The one id the statement yields, -1 when it yields several, 0 none. */
static int64_t one_id(sqlite3_stmt *st)
{
	int64_t id = 0;

	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = -1;
	}
	sqlite3_reset(st);
	return id;
}

int64_t store_import_ref(struct store *s, const char *table, const char *text)
{
	char *key = text_fold(text ? text : ""), *ck = store_code_key(text ? text : "");
	sqlite3_stmt *st;
	int64_t id;

	if (strcmp(table, "organisation") == 0) {
		/* A code names one, compared by its key as a form's picker
		 * finds it («ОО001» typed in Cyrillic is OO001; the key's
		 * index); a name may name several. */
		st = store_prepare(s, "SELECT id FROM organisation WHERE code = ?1 AND archived = 0");
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		if ((id = one_id(st)) == 0) {
			st = store_prepare(s, "SELECT id FROM organisation WHERE code_cmp = ?1 AND archived = 0 LIMIT 2");
			sqlite3_bind_text(st, 1, ck, -1, SQLITE_STATIC);
			id = one_id(st);
		}
		if (id == 0) {
			st = store_prepare(s, "SELECT id FROM organisation WHERE archived = 0"
					   " AND (fold(name) = ?1 OR fold(coalesce(short_name, '')) = ?1) LIMIT 2");
			sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
			id = one_id(st);
		}
	} else if (strcmp(table, "municipality") == 0) {
		st = store_prepare(s, "SELECT id FROM municipality WHERE code_key(code) = ?1 OR fold(name) = ?2 LIMIT 2");
		sqlite3_bind_text(st, 1, ck, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		id = one_id(st);
	} else if (strcmp(table, "deficit_code") == 0) {
		/* An element of a diagnostic names its code of the codifier. */
		char *t = xstrdup(text ? text : "");
		strtrim(t);
		st = store_prepare(s, "SELECT id FROM deficit_code WHERE code = ?1 AND archived = 0");
		sqlite3_bind_text(st, 1, t, -1, SQLITE_TRANSIENT);
		id = one_id(st);
		free(t);
	} else {
		id = 0;
	}
	free(key);
	free(ck);
	return id;
}

int64_t store_import_person(struct store *s, const char *external_id, const char *surname,
			    const char *name, const char *patronymic, const char *birth_date)
{
	sqlite3_stmt *st;
	char *fio, *key;
	int64_t id;

	if (external_id && *external_id) {
		st = store_prepare(s, "SELECT id FROM person WHERE external_id = ? LIMIT 2");
		sqlite3_bind_text(st, 1, external_id, -1, SQLITE_STATIC);
		return one_id(st);
	}
	fio = xasprintf("%s %s %s", surname ? surname : "", name ? name : "", patronymic ? patronymic : "");
	key = text_fold(fio);
	st = store_prepare(s, "SELECT id FROM person WHERE surname_key = ? AND birth_date IS ? LIMIT 2");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (birth_date && *birth_date)
		sqlite3_bind_text(st, 2, birth_date, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	id = one_id(st);
	free(key);
	free(fio);
	return id;
}

static const char *val(const struct table_desc *t, const struct record *rec, const char *col)
{
	int i = model_field_index(t, col);
	return i >= 0 ? rec->v[i] : NULL;
}

static void bind_val(sqlite3_stmt *st, int k, const char *v)
{
	if (v)
		sqlite3_bind_text(st, k, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, k);
}

int64_t store_import_find(struct store *s, const struct table_desc *t, const struct record *rec)
{
	static const struct {
		const char *table;
		const char *sql;
		const char *cols[4];
	} keys[] = {
		{ "organisation", "SELECT id FROM organisation WHERE code_cmp = code_key(?1) AND archived = 0 LIMIT 2",
		  { "code" } },
		{ "course", "SELECT id FROM course WHERE person_id = ?1 AND title = ?2 AND end_date IS ?3"
		  " AND archived = 0", { "person_id", "title", "end_date" } },
		{ "diagnostic", "SELECT id FROM diagnostic WHERE person_id = ?1 AND form = ?2 AND kind = ?3"
		  " AND diag_date = ?4 AND archived = 0", { "person_id", "form", "kind", "diag_date" } },
		{ "event", "SELECT id FROM event WHERE title = ?1 AND start_date IS ?2 AND archived = 0",
		  { "title", "start_date" } },
		{ "diagnostic_element", "SELECT id FROM diagnostic_element WHERE diagnostic_id = ?1"
		  " AND deficit_code_id = ?2", { "diagnostic_id", "deficit_code_id" } },
	};
	sqlite3_stmt *st;

	if (strcmp(t->table, "person") == 0)
		return store_import_person(s, val(t, rec, "external_id"), val(t, rec, "surname"),
					   val(t, rec, "name"), val(t, rec, "patronymic"), val(t, rec, "birth_date"));
	for (size_t i = 0; i < NITEMS(keys); i++) {
		if (strcmp(keys[i].table, t->table) != 0)
			continue;
		st = store_prepare(s, keys[i].sql);
		for (int k = 0; k < 4 && keys[i].cols[k]; k++)
			bind_val(st, k + 1, val(t, rec, keys[i].cols[k]));
		return one_id(st);
	}
	return 0;
}

/* --- an import in two passes ---------------------------------------------- */

int store_import_stage_reset(struct store *s)
{
	char *msg = NULL;
	/* The tables of the last import are dropped with no journal (its pages
	 * would be kept in memory: there is nothing to roll back to). Then
	 * the temporary database's journal is in memory: a transaction of the
	 * first pass touches a thousand rows' pages at most, one of the
	 * second pass a batch's. */
	int rc = sqlite3_exec(s->db,
		"PRAGMA temp.journal_mode = OFF;"
		"DROP TABLE IF EXISTS temp.import_stage; DROP TABLE IF EXISTS temp.import_key;"
		/* The temporary file gives its space back (a terminal session
		 * may live long after a large import). */
		"VACUUM temp;"
		"PRAGMA temp.journal_mode = MEMORY;"
		"CREATE TEMP TABLE import_stage (seq INTEGER PRIMARY KEY, line INTEGER NOT NULL,"
		" vals BLOB NOT NULL);"
		"CREATE TEMP TABLE import_key (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;",
		NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		store_set_error(s, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return ST_ERROR;
	}
	return ST_OK;
}

static int exec_plain(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		store_set_constraint_error(s, sqlite3_extended_errcode(s->db));
		return ST_ERROR;
	}
	return ST_OK;
}

int store_import_read_begin(struct store *s)
{
	/* Deferred: the register is only read, so no write lock is taken. */
	return exec_plain(s, "BEGIN");
}

int store_import_read_end(struct store *s)
{
	if (sqlite3_get_autocommit(s->db))
		return ST_OK;
	return exec_plain(s, "COMMIT");
}

/* A value of a key, NULL told apart from empty. */
static void key_add(char **key, const char *v)
{
	char *k = xasprintf("%s\x1f%s", *key, v ? v : "\x1e");
	free(*key);
	*key = k;
}

/* The key of a new row as store_import_find compares it; a person named
 * by the табельный номер also by name and birth date (alt). */
static char *row_key(const struct table_desc *t, const struct record *rec, bool alt)
{
	char *key = xstrdup(t->table);

	if (strcmp(t->table, "person") == 0) {
		const char *ext = val(t, rec, "external_id");
		if (ext && *ext && !alt) {
			key_add(&key, "e");
			key_add(&key, ext);
		} else {
			const char *sn = val(t, rec, "surname"), *n = val(t, rec, "name"), *pn = val(t, rec, "patronymic");
			char *fio = xasprintf("%s %s %s", sn ? sn : "", n ? n : "", pn ? pn : "");
			char *folded = text_fold(fio);
			key_add(&key, "f");
			key_add(&key, folded);
			key_add(&key, val(t, rec, "birth_date"));
			free(folded);
			free(fio);
		}
	} else if (strcmp(t->table, "organisation") == 0) {
		char *ck = store_code_key(val(t, rec, "code") ? val(t, rec, "code") : "");
		key_add(&key, ck);
		free(ck);
	} else if (strcmp(t->table, "course") == 0) {
		key_add(&key, val(t, rec, "person_id"));
		key_add(&key, val(t, rec, "title"));
		key_add(&key, val(t, rec, "end_date"));
	} else if (strcmp(t->table, "diagnostic") == 0) {
		key_add(&key, val(t, rec, "person_id"));
		key_add(&key, val(t, rec, "form"));
		key_add(&key, val(t, rec, "kind"));
		key_add(&key, val(t, rec, "diag_date"));
	} else if (strcmp(t->table, "diagnostic_element") == 0) {
		key_add(&key, val(t, rec, "diagnostic_id"));
		key_add(&key, val(t, rec, "deficit_code_id"));
	} else if (strcmp(t->table, "event") == 0) {
		key_add(&key, val(t, rec, "title"));
		key_add(&key, val(t, rec, "start_date"));
	}
	return key;
}

static int key_line(struct store *s, const char *key)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT line FROM temp.import_key WHERE key = ?");
	int line = 0;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		line = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return line;
}

static void key_put(struct store *s, const char *key, int line)
{
	sqlite3_stmt *st = store_prepare(s, "INSERT OR IGNORE INTO temp.import_key (key, line) VALUES (?, ?)");

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, line);
	store_step_done(s, st);
}

int store_import_key_seen(struct store *s, const struct table_desc *t, const struct record *rec, int64_t id,
			  int line)
{
	char *key = id > 0 ? xasprintf("%s#%lld", t->table, (long long)id) : row_key(t, rec, false);
	int earlier = key_line(s, key);

	if (earlier == 0) {
		key_put(s, key, line);
		if (id == 0 && strcmp(t->table, "person") == 0) {
			char *alt = row_key(t, rec, true);
			key_put(s, alt, line);
			free(alt);
		}
	}
	free(key);
	return earlier;
}

int store_import_stage_put(struct store *s, int line, const void *vals, size_t n)
{
	sqlite3_stmt *st = store_prepare(s, "INSERT INTO temp.import_stage (line, vals) VALUES (?, ?)");

	sqlite3_bind_int(st, 1, line);
	sqlite3_bind_blob64(st, 2, vals, n, SQLITE_STATIC);
	return store_step_done(s, st);
}

static void *copy_blob(sqlite3_stmt *st, int col, size_t *n)
{
	const void *b = sqlite3_column_blob(st, col);
	void *out;

	*n = (size_t)sqlite3_column_bytes(st, col);
	if (b == NULL)
		return NULL;
	out = xmalloc(*n ? *n : 1);
	memcpy(out, b, *n);
	return out;
}

int store_import_stage_next(struct store *s, int64_t after, int64_t *seq, int *line, void **vals, size_t *n)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT seq, line, vals FROM temp.import_stage WHERE seq > ?"
					 " ORDER BY seq LIMIT 1");
	int found = 0;

	sqlite3_bind_int64(st, 1, after);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		*line = sqlite3_column_int(st, 1);
		*vals = copy_blob(st, 2, n);
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

int store_import_stage_drop(struct store *s, int64_t seq)
{
	return store_run(s, "DELETE FROM temp.import_stage WHERE seq = ?", "i", seq);
}

int store_import_batch_begin(struct store *s, long wait_ms)
{
	long limit = s->busy_limit_us;
	int rc;

	s->busy_limit_us = wait_ms * 1000L;
	rc = store_begin(s);
	s->busy_limit_us = limit;
	if (rc == ST_OK) {
		s->flat = true;
		s->chain_later = true;
	}
	return rc;
}

int store_import_batch_commit(struct store *s)
{
	int rc = store_chain_extend(s);

	s->flat = false;
	s->chain_later = false;
	if (rc != ST_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s);
}

void store_import_batch_rollback(struct store *s)
{
	s->flat = false;
	s->chain_later = false;
	s->depth = 1;
	store_rollback(s);
}

/* --- what the batches did, kept with them (import_run, import_undo) ---------
 * In the main database, written in each batch's own transaction: when the
 * importing process dies between two batches (SIGKILL, a power cut), the
 * next one to look finds the run still 'writing', its process gone, and
 * takes back every batch it had written (src/import.c import_recover). */

int store_import_run_begin(struct store *s, const char *kind, const struct actor *a,
			   const struct import_owner *o)
{
	char now[20];
	int rc;

	now_utc(now);
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "INSERT INTO import_run (kind, state, pid, pstart, boot, user_id, login, started_at)"
		       " VALUES (?, 'writing', ?, ?, ?, nullif(?, 0), ?, ?)", "tittitt", kind,
		       (int64_t)o->pid, o->pstart, o->boot, a ? a->user_id : (int64_t)0, a ? a->login : NULL,
		       now);
	if (rc == ST_OK)
		s->import_run = sqlite3_last_insert_rowid(s->db);
	rc = store_end(s, rc);
	if (rc != ST_OK)
		s->import_run = 0;
	return rc;
}

int store_import_run_state(struct store *s, const char *state)
{
	bool own = s->depth == 0;
	int rc;

	if (own && store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "UPDATE import_run SET state = ? WHERE id = ?", "ti", state, s->import_run);
	return own ? store_end(s, rc) : rc;
}

int store_import_run_next(struct store *s, int64_t after, int64_t *id, char **kind, struct import_owner *o)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, kind, pid, pstart, boot FROM import_run"
					 " WHERE state IN ('writing', 'undoing') AND id > ? ORDER BY id LIMIT 1");
	int found = 0;

	sqlite3_bind_int64(st, 1, after);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*kind = xstrdup((const char *)sqlite3_column_text(st, 1));
		o->pid = (long)sqlite3_column_int64(st, 2);
		strlcpy0(o->pstart, (const char *)sqlite3_column_text(st, 3), sizeof o->pstart);
		strlcpy0(o->boot, (const char *)sqlite3_column_text(st, 4), sizeof o->boot);
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

int store_import_run_claim(struct store *s, int64_t id, const struct import_owner *was,
			   const struct import_owner *me)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	/* Whoever changes the owner first takes the run; the others find it
	 * changed and leave it. */
	rc = store_run(s, "UPDATE import_run SET state = 'undoing', pid = ?, pstart = ?, boot = ?"
		       " WHERE id = ? AND state IN ('writing', 'undoing') AND pid = ? AND pstart = ? AND boot = ?",
		       "ittiitt", (int64_t)me->pid, me->pstart, me->boot, id, (int64_t)was->pid, was->pstart,
		       was->boot);
	if (rc == ST_OK && sqlite3_changes(s->db) != 1)
		rc = ST_CONFLICT;
	rc = store_end(s, rc);
	if (rc == ST_OK)
		s->import_run = id;
	return rc;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int store_import_run_close(struct store *s, long ms)
{
	int64_t start = now_ms();
	int rc = ST_OK;

	s->import_run = 0;
	/* A finished run's rows go, a few thousand a transaction. */
	while (rc == ST_OK && store_int(s, "SELECT EXISTS (SELECT 1 FROM import_run r WHERE r.state IN ('done', 'undone')"
					" AND EXISTS (SELECT 1 FROM import_undo u WHERE u.run_id = r.id))", NULL)) {
		if (store_begin(s) != ST_OK)
			return ST_ERROR;
		rc = store_run(s, "DELETE FROM import_undo WHERE (run_id, seq) IN (SELECT u.run_id, u.seq"
			       " FROM import_run r JOIN import_undo u ON u.run_id = r.id"
			       " WHERE r.state IN ('done', 'undone') LIMIT 5000)", NULL);
		rc = store_end(s, rc);
		if (ms >= 0 && now_ms() - start >= ms)
			break;
		/* Others' saves get in between, as between an import's batches. */
		usleep(20000);
	}
	return rc;
}

int store_import_done_put(struct store *s, int64_t seq, int64_t id, int64_t version, bool added, const void *pre,
			  size_t n)
{
	sqlite3_stmt *st = store_prepare(s, "INSERT INTO import_undo (run_id, seq, id, version, added, pre)"
					 " VALUES (?, ?, ?, ?, ?, ?)");

	sqlite3_bind_int64(st, 1, s->import_run);
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, version);
	sqlite3_bind_int(st, 5, added);
	if (pre)
		sqlite3_bind_blob64(st, 6, pre, n, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	return store_step_done(s, st);
}

int store_import_done_prev(struct store *s, int64_t before, int64_t *seq, int *line, int64_t *id,
			   int64_t *version, bool *added, void **pre, size_t *n)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT d.seq, d.id, d.version, d.added, d.pre, coalesce(k.line, 0)"
					 " FROM import_undo d LEFT JOIN temp.import_stage k ON k.seq = d.seq"
					 " WHERE d.run_id = ? AND d.seq < ? ORDER BY d.seq DESC LIMIT 1");
	int found = 0;

	sqlite3_bind_int64(st, 1, s->import_run);
	sqlite3_bind_int64(st, 2, before);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		*id = sqlite3_column_int64(st, 1);
		*version = sqlite3_column_int64(st, 2);
		*added = sqlite3_column_int(st, 3) != 0;
		*pre = copy_blob(st, 4, n);
		*line = sqlite3_column_int(st, 5);
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

int store_import_done_drop(struct store *s, int64_t seq)
{
	return store_run(s, "DELETE FROM import_undo WHERE run_id = ? AND seq = ?", "ii", s->import_run, seq);
}

int64_t store_import_done_count(struct store *s)
{
	return store_int(s, "SELECT count(*) FROM import_undo WHERE run_id = ?", "i", s->import_run);
}

int store_import_undo_add(struct store *s, const struct actor *a, const struct table_desc *t, int64_t id,
			  int64_t version)
{
	/* The table's name is the model's constant, never the file's. */
	char *sql = xasprintf("DELETE FROM %s WHERE id = ? AND version = ?", t->table);
	int rc;

	if (store_begin(s) != ST_OK) {
		free(sql);
		return ST_ERROR;
	}
	/* Rows that would go with it (ON DELETE CASCADE, SET NULL) are
	 * someone's work since the import: then it stays. Rows that refer
	 * to it otherwise make the delete itself fail. The one query that
	 * looks for them is built from the schema once per table. */
	if (strcmp(s->import_fk.table, t->table) != 0) {
		sqlite3_stmt *fk = store_prepare(s, "SELECT m.name, f.\"from\" FROM sqlite_master m,"
						 " pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"
						 " AND f.\"table\" = ? AND f.on_delete <> 'NO ACTION'"
						 " AND f.on_delete <> 'RESTRICT'");
		char *q = sqlite3_mprintf("SELECT 0");
		sqlite3_bind_text(fk, 1, t->table, -1, SQLITE_STATIC);
		while (q && sqlite3_step(fk) == SQLITE_ROW) {
			/* Names from the schema, quoted as identifiers. */
			char *more = sqlite3_mprintf("%s OR EXISTS (SELECT 1 FROM \"%w\" WHERE \"%w\" = ?1)", q,
						     (const char *)sqlite3_column_text(fk, 0),
						     (const char *)sqlite3_column_text(fk, 1));
			sqlite3_free(q);
			q = more;
		}
		sqlite3_reset(fk);
		sqlite3_free(s->import_fk.sql);
		s->import_fk.sql = q;
		strlcpy0(s->import_fk.table, q ? t->table : "", sizeof s->import_fk.table);
	}
	if (s->import_fk.sql == NULL || store_int(s, s->import_fk.sql, "i", id) != 0) {
		free(sql);
		store_set_error(s, "на запись уже ссылаются другие");
		return store_end(s, ST_CONSTRAINT);
	}
	rc = store_run(s, sql, "ii", id, version);
	free(sql);
	if (rc == ST_OK && sqlite3_changes(s->db) != 1)
		rc = ST_CONFLICT;
	if (rc == ST_OK)
		rc = store_audit(s, a, "delete", t->table, id, NULL, NULL, NULL);
	return store_end(s, rc);
}
