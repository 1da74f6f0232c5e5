/* Drafts of forms whose session ended before they were saved (the link
 * dropped, the terminal died, SIGTERM): one row per user and form, the
 * contents encoded by the screen that owns them. */
#include "store/store_int.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int store_draft_save(struct store *s, int64_t user_id, const char *screen, const char *tbl,
		     int64_t record_id, const char *data)
{
	return store_run(s, "INSERT INTO form_draft(user_id, screen, tbl, record_id, data)"
			 " VALUES (?, ?, ?, ?, ?)"
			 " ON CONFLICT(user_id, screen, tbl, record_id) DO UPDATE"
			 " SET data = excluded.data, saved_at = datetime('now')",
			 "ittit", user_id, screen, tbl, record_id, data);
}

int store_draft_delete(struct store *s, int64_t user_id, const char *screen, const char *tbl,
		       int64_t record_id)
{
	return store_run(s, "DELETE FROM form_draft WHERE user_id = ? AND screen = ? AND tbl = ?"
			 " AND record_id = ?", "itti", user_id, screen, tbl, record_id);
}

int store_draft_next(struct store *s, int64_t user_id, int64_t after_id, struct draft *out)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, screen, tbl, record_id, data, saved_at"
					 " FROM form_draft WHERE user_id = ? AND id > ? ORDER BY id LIMIT 1");
	int rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, after_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->screen = xstrdup((const char *)sqlite3_column_text(st, 1));
		out->tbl = xstrdup((const char *)sqlite3_column_text(st, 2));
		out->record_id = sqlite3_column_int64(st, 3);
		out->data = xstrdup((const char *)sqlite3_column_text(st, 4));
		utc_to_local((const char *)sqlite3_column_text(st, 5), out->saved_at);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : ST_ERROR;
}

void store_draft_free(struct draft *d)
{
	free(d->screen);
	free(d->tbl);
	free(d->data);
	memset(d, 0, sizeof *d);
}
