/* Users, their roles and scopes, and login bookkeeping. */
#include "store.h"
#include "store_int.h"
#include "store/iom.h"
#include "date.h"
#include "route.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_user_free(struct user *u)
{
	free(u->full_name);
	u->full_name = NULL;
}

static void read_roles(struct store *s, struct user *u)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT r.role, coalesce(r.org_id, 0), coalesce(r.mun_id, 0),"
		" coalesce('org:' || o.code, 'mun:' || m.code, '')"
		" FROM user_role r LEFT JOIN organisation o ON o.id = r.org_id"
		" LEFT JOIN municipality m ON m.id = r.mun_id"
		" WHERE r.user_id = ? ORDER BY r.id");

	u->nroles = 0;
	sqlite3_bind_int64(st, 1, u->id);
	while (sqlite3_step(st) == SQLITE_ROW && u->nroles < (int)NITEMS(u->roles)) {
		struct role_grant *g = &u->roles[u->nroles++];
		strlcpy0(g->role, (const char *)sqlite3_column_text(st, 0), sizeof g->role);
		g->org_id = sqlite3_column_int64(st, 1);
		g->mun_id = sqlite3_column_int64(st, 2);
		strlcpy0(g->scope_code, (const char *)sqlite3_column_text(st, 3), sizeof g->scope_code);
	}
	sqlite3_reset(st);
}

static void read_user(struct store *s, sqlite3_stmt *st, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	strlcpy0(u->login, (const char *)sqlite3_column_text(st, 1), sizeof u->login);
	u->full_name = xstrdup((const char *)sqlite3_column_text(st, 2));
	u->person_id = sqlite3_column_int64(st, 3);
	u->disabled = sqlite3_column_int(st, 4) != 0;
	u->has_password = sqlite3_column_int(st, 5) != 0;
	u->failed = sqlite3_column_int(st, 6);
	if (sqlite3_column_type(st, 7) != SQLITE_NULL)
		strlcpy0(u->locked_until, (const char *)sqlite3_column_text(st, 7), sizeof u->locked_until);
	(void)s;
}

#define USER_COLS "SELECT id, login, full_name, coalesce(person_id, 0), disabled," \
	" pw_hash IS NOT NULL, failed_logins, locked_until FROM app_user"

int store_user_get(struct store *s, const char *login, struct user *u)
{
	sqlite3_stmt *st = store_prepare(s, USER_COLS " WHERE login = ?");
	int rc;

	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_user(s, st, u);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return ST_NOTFOUND;
	read_roles(s, u);
	return ST_OK;
}

int store_user_each(struct store *s, void (*cb)(const struct user *u, void *ctx), void *ctx)
{
	/* Paged by login so that no statement stays open across the callback. */
	char last[33] = "";

	for (;;) {
		sqlite3_stmt *st = store_prepare(s, USER_COLS " WHERE login > ? ORDER BY login LIMIT 1");
		struct user u;
		int rc;

		sqlite3_bind_text(st, 1, last, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			read_user(s, st, &u);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return rc == SQLITE_DONE ? ST_OK : ST_ERROR;
		read_roles(s, &u);
		strlcpy0(last, u.login, sizeof last);
		cb(&u, ctx);
		store_user_free(&u);
	}
}

/* The statements of each step, without a transaction of their own. */
static int add_user(struct store *s, const struct actor *a, const char *login,
		    const char *full_name, int64_t person_id, int64_t *id)
{
	int rc = store_run(s, "INSERT INTO app_user(login, full_name, person_id) VALUES (?, ?, nullif(?, 0))",
			   "tti", login, full_name, person_id);
	if (rc == ST_OK) {
		*id = sqlite3_last_insert_rowid(s->db);
		rc = store_audit(s, a, "user_add", "app_user", *id, "login", NULL, login);
	}
	return rc;
}

static int add_grant(struct store *s, const struct actor *a, int64_t user_id,
		     const struct role_grant *g);
static int set_hash(struct store *s, const struct actor *a, int64_t user_id, const char *hash);

int store_user_add(struct store *s, const struct actor *a, const char *login,
		   const char *full_name, int64_t person_id, int64_t *id)
{
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	return store_end(s, add_user(s, a, login, full_name, person_id, id));
}

int store_user_create(struct store *s, const struct actor *a, const char *login,
		      const char *full_name, int64_t person_id, const struct role_grant *grants,
		      int ngrants, const char *hash, int64_t *id)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = add_user(s, a, login, full_name, person_id, id);
	for (int i = 0; rc == ST_OK && i < ngrants; i++)
		rc = add_grant(s, a, *id, &grants[i]);
	if (rc == ST_OK && hash)
		rc = set_hash(s, a, *id, hash);
	return store_end(s, rc);
}

static const char *grant_text(const struct role_grant *g, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", g->role, g->scope_code[0] ? ":" : "", g->scope_code);
	return buf;
}

static int add_grant(struct store *s, const struct actor *a, int64_t user_id,
		     const struct role_grant *g)
{
	char buf[80];
	int rc = store_run(s, "INSERT INTO user_role(user_id, role, org_id, mun_id)"
			   " VALUES (?, ?, nullif(?, 0), nullif(?, 0))",
			   "itii", user_id, g->role, g->org_id, g->mun_id);
	if (rc == ST_OK)
		rc = store_audit(s, a, "role_grant", "app_user", user_id, "role", NULL,
				 grant_text(g, buf, sizeof buf));
	return rc;
}

int store_user_grant(struct store *s, const struct actor *a, int64_t user_id,
		     const struct role_grant *g)
{
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	return store_end(s, add_grant(s, a, user_id, g));
}

int store_user_revoke(struct store *s, const struct actor *a, int64_t user_id,
		      const struct role_grant *g)
{
	char buf[80];
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "DELETE FROM user_role WHERE user_id = ? AND role = ?"
		       " AND ifnull(org_id, 0) = ? AND ifnull(mun_id, 0) = ?",
		       "itii", user_id, g->role, g->org_id, g->mun_id);
	if (rc == ST_OK && sqlite3_changes(s->db) == 0)
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		rc = store_audit(s, a, "role_revoke", "app_user", user_id, "role",
				 grant_text(g, buf, sizeof buf), NULL);
	return store_end(s, rc);
}

int store_user_disable(struct store *s, const struct actor *a, int64_t user_id)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "UPDATE app_user SET disabled = 1, version = version + 1 WHERE id = ?",
		       "i", user_id);
	if (rc == ST_OK)
		rc = store_audit(s, a, "user_disable", "app_user", user_id, "disabled", "0", "1");
	return store_end(s, rc);
}

static int set_hash(struct store *s, const struct actor *a, int64_t user_id, const char *hash)
{
	int rc = store_run(s, "UPDATE app_user SET pw_hash = ?, failed_logins = 0, locked_until = NULL,"
			   " version = version + 1 WHERE id = ?", "ti", hash, user_id);
	if (rc == ST_OK)
		rc = store_audit(s, a, "password_set", "app_user", user_id, "pw_hash", NULL, "***");
	return rc;
}

int store_user_set_hash(struct store *s, const struct actor *a, int64_t user_id,
			const char *hash)
{
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	return store_end(s, set_hash(s, a, user_id, hash));
}

char *store_user_hash(struct store *s, int64_t user_id)
{
	return store_text(s, "SELECT pw_hash FROM app_user WHERE id = ?", "i", user_id);
}

/* Login attempts, counted per typed login and source address and per
 * source alone ('' as the login). A row older than the window starts over;
 * a lock that has passed starts over too. */
#define ATTEMPT_UPSERT \
	"INSERT INTO login_attempt (login_key, source, failed, last_at) VALUES (?1, ?2, 1, ?3)" \
	" ON CONFLICT (login_key, source) DO UPDATE SET" \
	" failed = CASE WHEN last_at < ?4 OR (locked_until IS NOT NULL AND locked_until <= ?3)" \
	"  THEN 1 ELSE failed + 1 END," \
	" locked_until = CASE WHEN locked_until <= ?3 THEN NULL ELSE locked_until END," \
	" last_at = ?3"

static int attempt_count(struct store *s, const char *login, const char *source, const char *now,
			 const char *window_start, int *failed, bool *locked)
{
	sqlite3_stmt *st;
	int rc = store_run(s, ATTEMPT_UPSERT, "tttt", login, source, now, window_start);

	if (rc != ST_OK)
		return rc;
	st = store_prepare(s, "SELECT failed, locked_until > ?3 FROM login_attempt"
			   " WHERE login_key = ?1 AND source = ?2");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return ST_ERROR;
	}
	*failed = sqlite3_column_int(st, 0);
	if (locked)
		*locked = sqlite3_column_int(st, 1) != 0;
	sqlite3_reset(st);
	return ST_OK;
}

int store_login_reserve(struct store *s, const char *login, const char *source,
			const char *now, const char *window_start, struct login_count *c)
{
	int rc;

	memset(c, 0, sizeof *c);
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "DELETE FROM login_attempt WHERE last_at < ? AND"
		       " (locked_until IS NULL OR locked_until < ?)", "tt", window_start, now);
	if (rc == ST_OK)
		rc = attempt_count(s, login, source, now, window_start, &c->failed, &c->locked);
	if (rc == ST_OK)
		rc = attempt_count(s, "", source, now, window_start, &c->failed_source, NULL);
	return store_end(s, rc);
}

int store_login_settle(struct store *s, const char *login, const char *source, int64_t user_id,
		       bool ok, const char *lock_until)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	if (ok) {
		/* The source's count keeps its failures only. */
		rc = store_run(s, "DELETE FROM login_attempt WHERE login_key = ? AND source = ?",
			       "tt", login, source);
		if (rc == ST_OK)
			rc = store_run(s, "UPDATE login_attempt SET failed = max(failed - 1, 0)"
				       " WHERE login_key = '' AND source = ?", "t", source);
	} else {
		rc = lock_until == NULL ? ST_OK
			: store_run(s, "UPDATE login_attempt SET locked_until = ?"
				    " WHERE login_key = ? AND source = ? AND locked_until IS NULL",
				    "ttt", lock_until, login, source);
		if (rc == ST_OK && user_id > 0)
			rc = store_audit(s, NULL, "login_failed", "app_user", user_id, NULL, NULL, NULL);
	}
	return store_end(s, rc);
}

/* --- the login's housekeeping: completed cards past their keeping time --- */

/* The latest completion date whose card is due today (route_archive_due
 * is monotone in it: a later completion is never due earlier), into out;
 * false if none can be. */
static bool archive_cutoff(const char *today_iso, int keep_months, char out[11])
{
	int y, m, d;
	dayno lo, hi;

	if (keep_months < 0 || !date_parse_iso(today_iso, &y, &m, &d))
		return false;
	/* lo is due (over keep_months * 31 days back), hi is not (tomorrow). */
	hi = date_to_days(y, m, d) + 1;
	lo = hi - 1 - 31L * keep_months - 4;
	date_iso(lo, out);
	if (!route_archive_due(out, today_iso, keep_months))
		return false;
	while (hi - lo > 1) {
		dayno mid = lo + (hi - lo) / 2;
		date_iso(mid, out);
		if (route_archive_due(out, today_iso, keep_months))
			lo = mid;
		else
			hi = mid;
	}
	date_iso(lo, out);
	return true;
}

/* The due cards: completed, not archived, completed by the cutoff (the
 * range of the iom_completed index), the date a real one. */
#define ARCHIVE_DUE \
	" FROM iom WHERE archived = 0 AND completed_date IS NOT NULL AND completed_date <= ?1" \
	" AND status = 'completed' AND date(completed_date) IS completed_date"

int store_iom_archive_due(struct store *s, const struct actor *a, int keep_months,
			  const char *today_iso, int *n)
{
	char cutoff[11], now[20];
	int64_t redacted = 0;
	bool due, first;
	int rc;

	*n = 0;
	/* Every login asks; one index seek answers, and whichever process
	 * first finds cards due archives them all in one transaction (a
	 * second one waiting for it then finds none). The first time, the
	 * journal of the cards archived before redaction existed is redacted
	 * too (meta journal_redaction). */
	if (!archive_cutoff(today_iso, keep_months, cutoff))
		return ST_OK;
	due = store_int(s, "SELECT EXISTS (SELECT 1" ARCHIVE_DUE ")", "t", cutoff) != 0;
	first = store_int(s, "SELECT NOT EXISTS (SELECT 1 FROM meta WHERE key = 'journal_redaction')", NULL) != 0;
	if (!due && !first)
		return ST_OK;
	now_utc(now);
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	/* The content of a card past its keeping time (App.3 §4.5.4: a year
	 * from its completion) leaves the journal as it goes to the archive:
	 * its rows are redacted, the chain still whole (chain.c). */
	rc = store_run(s, "CREATE TEMP TABLE IF NOT EXISTS redact_card (id INTEGER PRIMARY KEY)", NULL);
	if (rc == ST_OK)
		rc = store_run(s, "DELETE FROM temp.redact_card", NULL);
	if (rc == ST_OK)
		rc = store_run(s, "INSERT OR IGNORE INTO temp.redact_card SELECT id" ARCHIVE_DUE, "t", cutoff);
	if (rc == ST_OK && first)
		rc = store_run(s, "INSERT OR IGNORE INTO temp.redact_card SELECT id FROM iom WHERE status = 'completed'"
			       " AND completed_date <= ?1 AND date(completed_date) IS completed_date", "t", cutoff);
	if (rc == ST_OK && first)
		rc = store_run(s, "INSERT OR IGNORE INTO meta (key, value) VALUES ('journal_redaction', ?)", "t", now);
	if (rc == ST_OK)
		rc = store_chain_redact_cards(s, &redacted);
	/* One journal row per card, in the order of their ids, as the system's. */
	if (rc == ST_OK && due)
		rc = store_run(s, "INSERT INTO audit (at, user_id, login, real_login, action, tbl, record_id,"
			       " field, before, after) SELECT ?2, nullif(?3, 0), ?4, ?5, 'archive', 'iom', id,"
			       " 'archived', '0', '1'" ARCHIVE_DUE " ORDER BY id", "ttitt", cutoff, now,
			       a ? a->user_id : (int64_t)0, a ? a->login : NULL, a ? a->real_login : NULL);
	if (rc == ST_OK && due) {
		rc = store_run(s, "UPDATE iom SET archived = 1, version = version + 1 WHERE id IN"
			       " (SELECT id" ARCHIVE_DUE ")", "t", cutoff);
		if (rc == ST_OK)
			*n = sqlite3_changes(s->db);
	}
	if (rc == ST_OK)
		rc = store_chain_extend(s);
	rc = store_end(s, rc);
	if (rc != ST_OK)
		*n = 0;
	return rc;
}
