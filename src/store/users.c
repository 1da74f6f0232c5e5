/* Users, their roles and scopes, and login bookkeeping. */
#include "store.h"
#include "store_int.h"
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

int store_user_login_failed(struct store *s, int64_t user_id, int failed,
			    const char *locked_until)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?",
		       "iti", (int64_t)failed, locked_until, user_id);
	if (rc == ST_OK)
		rc = store_audit(s, NULL, "login_failed", "app_user", user_id, NULL, NULL, NULL);
	return store_end(s, rc);
}

int store_user_login_ok(struct store *s, int64_t user_id)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = store_run(s, "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ?",
		       "i", user_id);
	return store_end(s, rc);
}
