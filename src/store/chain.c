/* The journal's hash chain (issue 17): every audit row has a row in
 * audit_chain with the SHA-256 of its content and the chain hash
 * SHA-256(previous chain hash ‖ content hash). Editing a row's content
 * breaks its content hash; deleting or inserting a row in the middle
 * breaks the chain from there; rows cut off the end are noticed against
 * the head sent to syslog with every backup and check. Content that must
 * go after its retention time is redacted by clearing it and marking the
 * chain row redacted: its stored content hash still links the chain. */
#include "store/store_int.h"
#include "errtext.h"
#include "util.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_LEN SHA256_DIGEST_SIZE

/* One field: a marker for NULL, else its length and bytes, so that no two
 * different rows serialise alike. */
static void feed(struct sha256_ctx *c, const unsigned char *v, size_t n, bool null)
{
	uint8_t len[9];

	len[0] = null ? 0 : 1;
	for (int i = 0; i < 8; i++)
		len[1 + i] = (uint8_t)((uint64_t)n >> (8 * i));
	sha256_update(c, sizeof len, len);
	if (!null && n)
		sha256_update(c, n, v);
}

static void feed_col(struct sha256_ctx *c, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	feed(c, t, t ? (size_t)sqlite3_column_bytes(st, col) : 0, sqlite3_column_type(st, col) == SQLITE_NULL);
}

/* The columns an audit row's content hash covers, in this order. */
#define AUDIT_CONTENT "a.id, a.at, a.user_id, a.login, a.real_login, a.action, a.tbl, a.record_id," \
	" a.field, a.before, a.after"
#define AUDIT_NCOLS 11

static void content_hash(sqlite3_stmt *st, int first, uint8_t out[HASH_LEN])
{
	struct sha256_ctx c;

	sha256_init(&c);
	for (int i = 0; i < AUDIT_NCOLS; i++)
		feed_col(&c, st, first + i);
	sha256_digest(&c, HASH_LEN, out);
}

static void chain_hash(const uint8_t prev[HASH_LEN], const uint8_t content[HASH_LEN], uint8_t out[HASH_LEN])
{
	struct sha256_ctx c;

	sha256_init(&c);
	sha256_update(&c, HASH_LEN, prev);
	sha256_update(&c, HASH_LEN, content);
	sha256_digest(&c, HASH_LEN, out);
}

/* The chain hash of the last chained row (zeros before the first), and its
 * audit id. */
static int64_t chain_head(struct store *s, uint8_t head[HASH_LEN])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT audit_id, chain_hash FROM audit_chain"
					 " ORDER BY audit_id DESC LIMIT 1");
	int64_t id = 0;

	memset(head, 0, HASH_LEN);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 1) == HASH_LEN) {
		id = sqlite3_column_int64(st, 0);
		memcpy(head, sqlite3_column_blob(st, 1), HASH_LEN);
	}
	sqlite3_reset(st);
	return id;
}

/* Chains every audit row after the last chained one, in order. Runs inside
 * the caller's write transaction (store_audit's), so two writers never
 * chain from the same head. */
int store_chain_extend(struct store *s)
{
	uint8_t prev[HASH_LEN], content[HASH_LEN], next[HASH_LEN];
	int64_t last = chain_head(s, prev);
	sqlite3_stmt *rows = store_prepare(s, "SELECT " AUDIT_CONTENT " FROM audit a WHERE a.id > ? ORDER BY a.id");
	sqlite3_stmt *ins;
	int rc = ST_OK;

	sqlite3_bind_int64(rows, 1, last);
	while (rc == ST_OK && sqlite3_step(rows) == SQLITE_ROW) {
		content_hash(rows, 0, content);
		chain_hash(prev, content, next);
		ins = store_prepare(s, "INSERT INTO audit_chain (audit_id, content_hash, chain_hash) VALUES (?, ?, ?)");
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(rows, 0));
		sqlite3_bind_blob(ins, 2, content, HASH_LEN, SQLITE_TRANSIENT);
		sqlite3_bind_blob(ins, 3, next, HASH_LEN, SQLITE_TRANSIENT);
		rc = store_step_done(s, ins);
		memcpy(prev, next, HASH_LEN);
	}
	sqlite3_reset(rows);
	return rc;
}

int store_chain_redact_cards(struct store *s, int64_t *n)
{
	/* The card's parts: the tables whose rows go with a card (their
	 * names from the schema, quoted as identifiers). */
	sqlite3_stmt *parts = store_prepare(s, "SELECT m.name, f.\"from\" FROM sqlite_master m,"
					    " pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"
					    " AND f.\"table\" = 'iom' AND f.on_delete = 'CASCADE' ORDER BY m.name");
	int rc;

	*n = 0;
	/* Every row is chained before its content goes. */
	if ((rc = store_chain_extend(s)) != ST_OK)
		return rc;
	rc = store_run(s, "CREATE TEMP TABLE IF NOT EXISTS redact_row (id INTEGER PRIMARY KEY)", NULL);
	if (rc == ST_OK)
		rc = store_run(s, "DELETE FROM temp.redact_row", NULL);
	if (rc == ST_OK)
		rc = store_run(s, "INSERT OR IGNORE INTO temp.redact_row SELECT a.id FROM temp.redact_card c"
			       " JOIN audit a ON a.tbl = 'iom' AND a.record_id = c.id WHERE a.action <> 'archive'", NULL);
	while (rc == ST_OK && sqlite3_step(parts) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(parts, 0);
		char *q = sqlite3_mprintf("INSERT OR IGNORE INTO temp.redact_row SELECT a.id FROM \"%w\" p"
					  " JOIN audit a ON a.tbl = %Q AND a.record_id = p.id"
					  " WHERE p.\"%w\" IN (SELECT id FROM temp.redact_card)",
					  t, t, (const char *)sqlite3_column_text(parts, 1));
		sqlite3_stmt *st;
		if (q == NULL || sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK) {
			store_set_error(s, errtext_db(s->db));
			rc = ST_ERROR;
		} else {
			if (sqlite3_step(st) != SQLITE_DONE) {
				store_set_error(s, errtext_db(s->db));
				rc = ST_ERROR;
			}
			sqlite3_finalize(st);
		}
		sqlite3_free(q);
	}
	sqlite3_reset(parts);
	/* Marked first: the journal's trigger lets a row's content be
	 * cleared only when its chain row says it is redacted. */
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE audit_chain SET redacted = 1 WHERE redacted = 0"
			       " AND audit_id IN (SELECT id FROM temp.redact_row)", NULL);
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE audit SET before = NULL, after = NULL WHERE id IN (SELECT id FROM temp.redact_row)"
			       " AND (before IS NOT NULL OR after IS NOT NULL)", NULL);
	if (rc == ST_OK)
		*n = sqlite3_changes(s->db);
	return rc;
}

static void hex(const uint8_t *h, char out[2 * HASH_LEN + 1])
{
	for (int i = 0; i < HASH_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

int64_t store_chain_head(struct store *s, char out[65])
{
	uint8_t h[HASH_LEN];
	int64_t id = chain_head(s, h);

	hex(h, out);
	return id;
}

int store_chain_catch_up(struct store *s)
{
	uint8_t h[HASH_LEN];

	if (store_int(s, "SELECT coalesce(max(id), 0) FROM audit", NULL) <= chain_head(s, h))
		return ST_OK;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	return store_end(s, store_chain_extend(s));
}

int store_chain_verify(struct store *s, struct chain_report *r)
{
	uint8_t prev[HASH_LEN], content[HASH_LEN], next[HASH_LEN];
	/* Every chained row with its audit row (or none), then audit rows the
	 * chain lacks: a full outer join in id order. */
	sqlite3_stmt *st = store_prepare(s,
		"SELECT c.audit_id, c.content_hash, c.chain_hash, c.redacted, a.id IS NOT NULL, " AUDIT_CONTENT
		" FROM audit_chain c LEFT JOIN audit a ON a.id = c.audit_id"
		" UNION ALL"
		" SELECT a.id, NULL, NULL, 0, 2, " AUDIT_CONTENT " FROM audit a"
		" WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = a.id)"
		" ORDER BY 1");

	memset(r, 0, sizeof *r);
	memset(prev, 0, HASH_LEN);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int present = sqlite3_column_int(st, 4);
		const char *why = NULL;

		if (present == 2) {
			why = "запись журнала не внесена в цепочку";
		} else if (sqlite3_column_bytes(st, 1) != HASH_LEN || sqlite3_column_bytes(st, 2) != HASH_LEN) {
			why = "повреждена запись цепочки";
		} else {
			memcpy(content, sqlite3_column_blob(st, 1), HASH_LEN);
			if (!present)
				why = "запись журнала удалена";
			else if (sqlite3_column_int(st, 3)) {
				/* Redacted: its content cleared for good (a value
				 * put back is an edit). */
				if (sqlite3_column_type(st, 5 + 9) != SQLITE_NULL ||
				    sqlite3_column_type(st, 5 + 10) != SQLITE_NULL)
					why = "содержимое записи журнала изменено";
			} else {
				uint8_t now[HASH_LEN];
				content_hash(st, 5, now);
				if (memcmp(now, content, HASH_LEN) != 0)
					why = "содержимое записи журнала изменено";
			}
			chain_hash(prev, content, next);
			if (why == NULL && memcmp(next, sqlite3_column_blob(st, 2), HASH_LEN) != 0)
				why = "цепочка прервана: запись вставлена или удалена перед этой";
			memcpy(prev, sqlite3_column_blob(st, 2), HASH_LEN);
		}
		if (why && r->bad_id == 0) {
			r->bad_id = id;
			strlcpy0(r->why, why, sizeof r->why);
		}
		r->rows++;
		r->head_id = id;
	}
	sqlite3_reset(st);
	hex(prev, r->head);
	return r->bad_id ? ST_ERROR : ST_OK;
}
