/* The audit log, read-only: a page of entries newest first, filtered by
 * person, record, period and who. The log is written by every change in
 * the change's own transaction (store_audit) and never edited. */
#include "store/store_int.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Changes to a person's own records: his card, courses, diagnostics (with
 * their blocks and deficits), ИОМ cards and their roadmap rows. */
#define AUDIT_PERSON \
	"(:person = 0 OR (a.tbl = 'person' AND a.record_id = :person)" \
	" OR (a.tbl = 'course' AND a.record_id IN (SELECT id FROM course WHERE person_id = :person))" \
	" OR (a.tbl IN ('diagnostic', 'diagnostic_deficit')" \
	"     AND a.record_id IN (SELECT id FROM diagnostic WHERE person_id = :person))" \
	" OR (a.tbl = 'diagnostic_block' AND a.record_id IN (SELECT b.id FROM diagnostic_block b" \
	"     JOIN diagnostic d ON d.id = b.diagnostic_id WHERE d.person_id = :person))" \
	" OR (a.tbl = 'iom' AND a.record_id IN (SELECT id FROM iom WHERE person_id = :person))" \
	" OR (a.tbl = 'iom_activity' AND a.record_id IN (SELECT r.id FROM iom_activity r" \
	"     JOIN iom i ON i.id = r.iom_id WHERE i.person_id = :person)))"

static const struct listq audit_q = {
	.select = "SELECT a.id, a.id, strftime('%d.%m.%Y %H:%M', a.at, 'localtime'),"
		  " coalesce(a.login, '') || CASE WHEN a.real_login IS NOT NULL AND a.real_login <> a.login"
		  " THEN ' (' || a.real_login || ')' ELSE '' END, a.tbl, a.field, 0",
	.from = " FROM audit a",
	.where = AUDIT_PERSON
		 " AND (:tbl IS NULL OR (a.tbl = :tbl AND a.record_id = :rec))"
		 " AND (:from IS NULL OR a.at >= :from)"
		 " AND (:to IS NULL OR a.at < :to)"
		 " AND (:login IS NULL OR a.login = :login OR a.real_login = :login)",
	.key = "a.id",
	.id = "a.id",
	.reverse = true,
};

static void bind(sqlite3_stmt *st, const void *ctx)
{
	const struct audit_filter *f = ctx;
	char from[20], to[20];

	store_bind_named_int(st, ":person", f->person_id);
	store_bind_named_text(st, ":tbl", f->tbl);
	store_bind_named_int(st, ":rec", f->record_id);
	/* Local dates, inclusive, against UTC times. */
	if (f->from)
		local_day_start_utc(f->from, 0, from);
	if (f->to)
		local_day_start_utc(f->to, 1, to);
	store_bind_named_text(st, ":from", f->from ? from : NULL);
	store_bind_named_text(st, ":to", f->to ? to : NULL);
	store_bind_named_text(st, ":login", f->login);
}

int store_audit_page(struct store *s, const struct audit_filter *f, const struct page_req *r,
		     struct page *out)
{
	return store_run_page(s, &audit_q, bind, f, r, out);
}

int store_audit_filter_count(struct store *s, const struct audit_filter *f, int *count)
{
	return store_run_count(s, &audit_q, bind, f, count);
}

int store_audit_get(struct store *s, int64_t id, struct audit_entry *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT at, login, real_login, action, tbl, record_id,"
					 " field, before, after FROM audit WHERE id = ?");
	int rc;

	memset(e, 0, sizeof *e);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		e->id = id;
		utc_to_local((const char *)sqlite3_column_text(st, 0), e->at);
		e->login = store_col(st, 1);
		e->real_login = store_col(st, 2);
		e->action = store_col(st, 3);
		e->tbl = store_col(st, 4);
		e->record_id = sqlite3_column_int64(st, 5);
		e->field = store_col(st, 6);
		e->before = store_col(st, 7);
		e->after = store_col(st, 8);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : ST_ERROR;
}

void store_audit_entry_free(struct audit_entry *e)
{
	free(e->login);
	free(e->real_login);
	free(e->action);
	free(e->tbl);
	free(e->field);
	free(e->before);
	free(e->after);
	memset(e, 0, sizeof *e);
}

int64_t store_record_person(struct store *s, const char *tbl, int64_t id, int64_t *iom_id,
			    int64_t *diag_id)
{
	*iom_id = *diag_id = 0;
	if (strcmp(tbl, "diagnostic") == 0 || strcmp(tbl, "diagnostic_deficit") == 0) {
		*diag_id = id;
		return store_int(s, "SELECT person_id FROM diagnostic WHERE id = ?", "i", id);
	}
	if (strcmp(tbl, "diagnostic_block") == 0) {
		*diag_id = store_int(s, "SELECT diagnostic_id FROM diagnostic_block WHERE id = ?", "i", id);
		return store_int(s, "SELECT person_id FROM diagnostic WHERE id = ?", "i", *diag_id);
	}
	if (strcmp(tbl, "iom_activity") == 0) {
		*iom_id = store_int(s, "SELECT iom_id FROM iom_activity WHERE id = ?", "i", id);
		return store_int(s, "SELECT person_id FROM iom WHERE id = ?", "i", *iom_id);
	}
	if (strcmp(tbl, "iom") == 0) {
		*iom_id = id;
		return store_int(s, "SELECT person_id FROM iom WHERE id = ?", "i", id);
	}
	return 0;
}
