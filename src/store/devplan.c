/* See store/devplan.h. */
#include "store/devplan.h"
#include "store.h"
#include "store_int.h"
#include "errtext.h"
#include "util.h"

#include <string.h>

int store_devplan_load(struct store *s, int64_t org_id, int year, struct devplan *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	out->org_id = org_id;
	out->year = year;
	if (year < 2000 || year > 2100) {
		store_set_error(s, "год должен быть от 2000 до 2100");
		return ST_CONSTRAINT;
	}
	out->org_name = store_text(s, "SELECT coalesce(nullif(short_name, ''), name) FROM organisation WHERE id = ?",
				   "i", org_id);
	if (out->org_name == NULL || out->org_name[0] == '\0') {
		devplan_free(out);
		store_set_error(s, "организация не найдена");
		return ST_NOTFOUND;
	}
	st = store_prepare(s, "SELECT id, education, audience, goal, content, forms FROM school_dev_plan"
			      " WHERE org_id = ? AND year = ? AND archived = 0 ORDER BY id");
	if (st == NULL) {
		devplan_free(out);
		return ST_ERROR;
	}
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		devplan_add(out, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			    (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			    (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(store_db(s)));
		devplan_free(out);
		return ST_ERROR;
	}
	return ST_OK;
}
