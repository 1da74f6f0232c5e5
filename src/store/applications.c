/* Applications for diagnostics and the teachers' consents. */
#include "store.h"
#include "store_int.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct app_bind {
	const struct store_scope *sc;
	const struct application_filter *f;
};

static void app_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct app_bind *b = ctx;
	store_bind_scope(st, b->sc);
	store_bind_named_text(st, ":state", b->f->state);
	store_bind_named_int(st, ":archived", b->f->archived);
}

/* Newest first: the key inverts the received date. The scope is the
 * organisation scope (an individual application without one: region only). */
static const struct listq *app_q(void)
{
	static struct listq q;
	static char *where;

	if (where == NULL) {
		where = xasprintf("a.archived = :archived AND (:state IS NULL OR a.state = :state)"
				  " AND (:sc_all OR (a.org_id IS NOT NULL AND %s))", store_org_scope_sql);
		q.select = "SELECT a.id, 'k' || (99999999 - CAST(replace(a.received_date, '-', '') AS INTEGER)),"
			   " strftime('%d.%m.%Y', a.received_date),"
			   " coalesce(a.applicant_name, '') || coalesce(' — ' || coalesce(o.short_name, o.name), ''),"
			   " a.state,"
			   " a.received_date || '|' || coalesce(a.contacted_date, '') || '|'"
			   " || coalesce(a.diagnostic_date, '') || '|' || coalesce(a.results_date, '') || '|'"
			   " || a.ordered_by_authority, a.archived";
		q.from = " FROM diagnostic_application a LEFT JOIN organisation o ON o.id = a.org_id";
		q.where = where;
		q.key = "'k' || (99999999 - CAST(replace(a.received_date, '-', '') AS INTEGER))";
		q.id = "a.id";
	}
	return &q;
}

int store_application_page(struct store *s, const struct store_scope *sc,
			   const struct application_filter *f, const struct page_req *r,
			   struct page *out)
{
	struct app_bind b = { sc, f };
	int rc = store_run_page(s, app_q(), app_bind, &b, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		page_set_col(out, i, 2, model_enum_label(model_application_states, out->rows[i].cols[2]));
	}
	return rc;
}

int store_application_count(struct store *s, const struct store_scope *sc,
			    const struct application_filter *f, int *count)
{
	struct app_bind b = { sc, f };
	return store_run_count(s, app_q(), app_bind, &b, count);
}

static void consent_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":app", *(const int64_t *)ctx);
}

int store_consent_page(struct store *s, int64_t application_id, const struct page_req *r,
		       struct page *out)
{
	static const struct listq q = {
		"SELECT c.id, p.surname_key || printf('%04d', b.sort), p.surname || ' ' || p.name"
		" || coalesce(' ' || nullif(p.patronymic, ''), ''), c.subject, b.short_name,"
		" CASE c.consent WHEN 1 THEN 'согласен' ELSE 'не согласен' END, c.archived",
		" FROM application_consent c JOIN person p ON p.id = c.person_id"
		" JOIN competency_block b ON b.id = c.block_id",
		"c.application_id = :app AND c.archived = 0",
		"p.surname_key || printf('%04d', b.sort)",
		"c.id", false
	};
	return store_run_page(s, &q, consent_bind, &application_id, r, out);
}

int store_application_blocks(struct store *s, int64_t application_id, int64_t *ids, int max)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT ab.block_id FROM application_block ab"
					 " JOIN competency_block b ON b.id = ab.block_id"
					 " WHERE ab.application_id = ? ORDER BY b.sort, b.id LIMIT ?");
	int n = 0;

	sqlite3_bind_int64(st, 1, application_id);
	sqlite3_bind_int(st, 2, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

static bool listed(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

int store_application_set_blocks(struct store *s, const struct actor *a, int64_t application_id,
				 const int64_t *ids, int n)
{
	int64_t had[32];
	int nhad, rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	if (store_int(s, "SELECT count(*) FROM diagnostic_application WHERE id = ?", "i", application_id) == 0) {
		store_set_error(s, "заявка не найдена");
		return store_end(s, ST_NOTFOUND);
	}
	nhad = store_application_blocks(s, application_id, had, 32);
	rc = ST_OK;
	for (int i = 0; rc == ST_OK && i < nhad; i++)
		if (!listed(ids, n, had[i])) {
			char *b = xasprintf("%lld", (long long)had[i]);
			rc = store_run(s, "DELETE FROM application_block WHERE application_id = ? AND block_id = ?",
				       "ii", application_id, had[i]);
			if (rc == ST_OK)
				rc = store_audit(s, a, "remove", "diagnostic_application", application_id, "block_id", b, NULL);
			free(b);
		}
	for (int i = 0; rc == ST_OK && i < n; i++)
		if (!listed(had, nhad, ids[i])) {
			char *b = xasprintf("%lld", (long long)ids[i]);
			rc = store_run(s, "INSERT INTO application_block (application_id, block_id) VALUES (?, ?)",
				       "ii", application_id, ids[i]);
			if (rc == ST_OK)
				rc = store_audit(s, a, "add", "diagnostic_application", application_id, "block_id", NULL, b);
			free(b);
		}
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE diagnostic_application SET version = version + 1 WHERE id = ?", "i",
			       application_id);
	return store_end(s, rc);
}

int store_application_chain(struct store *s, int64_t application_id, struct application_chain *out)
{
	char *blocks = store_text(s, "SELECT group_concat(name, ', ') FROM (SELECT b.name FROM application_block ab"
				  " JOIN competency_block b ON b.id = ab.block_id WHERE ab.application_id = ?"
				  " ORDER BY b.sort, b.id)", "i", application_id);

	memset(out, 0, sizeof *out);
	strlcpy0(out->blocks, blocks ? blocks : "", sizeof out->blocks);
	free(blocks);
	out->diagnostics = (int)store_int(s, "SELECT count(*) FROM diagnostic WHERE application_id = ? AND archived = 0",
					  "i", application_id);
	out->cards = (int)store_int(s, "SELECT count(*) FROM iom i JOIN diagnostic d ON d.id = i.entry_diagnostic_id"
				    " WHERE d.application_id = ? AND d.archived = 0 AND i.archived = 0", "i",
				    application_id);
	return ST_OK;
}
