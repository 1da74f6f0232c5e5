/* The audit log, read-only: a page of entries newest first, filtered by
 * person, record, period and who. The log is written by every change in
 * the change's own transaction (store_audit) and never edited. */
#include "store/audit.h"
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
	" OR (a.tbl = 'diagnostic_element' AND a.record_id IN (SELECT e.id FROM diagnostic_element e" \
	"     JOIN diagnostic d ON d.id = e.diagnostic_id WHERE d.person_id = :person))" \
	" OR (a.tbl = 'iom' AND a.record_id IN (SELECT id FROM iom WHERE person_id = :person))" \
	" OR (a.tbl = 'iom_activity' AND a.record_id IN (SELECT r.id FROM iom_activity r" \
	"     JOIN iom i ON i.id = r.iom_id WHERE i.person_id = :person))" \
	" OR (a.tbl = 'iom_proposal' AND a.record_id IN (SELECT r.id FROM iom_proposal r" \
	"     JOIN iom i ON i.id = r.iom_id WHERE i.person_id = :person))" \
	" OR (a.tbl = 'iom_note' AND a.record_id IN (SELECT r.id FROM iom_note r" \
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
	sqlite3_stmt *st = store_prepare(s, "SELECT a.at, a.login, a.real_login, a.action, a.tbl, a.record_id,"
					 " a.field, a.before, a.after, coalesce(c.redacted, 0)"
					 " FROM audit a LEFT JOIN audit_chain c ON c.audit_id = a.id WHERE a.id = ?");
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
		e->redacted = sqlite3_column_int(st, 9) != 0;
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
	if (strcmp(tbl, "diagnostic_element") == 0) {
		*diag_id = store_int(s, "SELECT diagnostic_id FROM diagnostic_element WHERE id = ?", "i", id);
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
	if (strcmp(tbl, "iom_proposal") == 0 || strcmp(tbl, "iom_note") == 0) {
		*iom_id = store_int(s, strcmp(tbl, "iom_note") == 0 ? "SELECT iom_id FROM iom_note WHERE id = ?"
				    : "SELECT iom_id FROM iom_proposal WHERE id = ?", "i", id);
		return store_int(s, "SELECT person_id FROM iom WHERE id = ?", "i", *iom_id);
	}
	if (strcmp(tbl, "course_interview") == 0)
		return store_int(s, "SELECT person_id FROM course_interview WHERE id = ?", "i", id);
	if (strcmp(tbl, "course_interview_level") == 0)
		return store_int(s, "SELECT c.person_id FROM course_interview_level l"
				 " JOIN course_interview c ON c.id = l.interview_id WHERE l.id = ?", "i", id);
	return 0;
}

/* --- the journal as a person reads it ---------------------------------------- */

#define SHORT_FIO(a) a ".surname || ' ' || substr(" a ".name, 1, 1) || '.'" \
	" || coalesce(' ' || nullif(substr(" a ".patronymic, 1, 1), '') || '.', '')"
#define ORG_NAME(a) "coalesce(" a ".short_name, " a ".name)"

/* Each table the log names: its record's own name and its person, by id. */
static const struct {
	const char *tbl, *sql;
} record_q[] = {
	{ "person", "SELECT '', id FROM person WHERE id = ?" },
	{ "organisation", "SELECT " ORG_NAME("o") ", 0 FROM organisation o WHERE o.id = ?" },
	{ "municipality", "SELECT name, 0 FROM municipality WHERE id = ?" },
	{ "course", "SELECT coalesce(title, ''), person_id FROM course WHERE id = ?" },
	{ "course_interview", "SELECT coalesce(course_title, ''), person_id FROM course_interview WHERE id = ?" },
	{ "diagnostic", "SELECT coalesce('от ' || strftime('%d.%m.%Y', diag_date), ''), person_id"
			" FROM diagnostic WHERE id = ?" },
	/* The log keeps a diagnostic's deficits under the diagnostic's id. */
	{ "diagnostic_deficit", "SELECT coalesce('от ' || strftime('%d.%m.%Y', diag_date), ''), person_id"
				" FROM diagnostic WHERE id = ?" },
	{ "diagnostic_block", "SELECT coalesce(c.short_name, c.name, ''), d.person_id FROM diagnostic_block b"
			      " JOIN diagnostic d ON d.id = b.diagnostic_id"
			      " LEFT JOIN competency_block c ON c.id = b.block_id WHERE b.id = ?" },
	{ "diagnostic_element", "SELECT coalesce(c.code, ''), d.person_id FROM diagnostic_element e"
				" JOIN diagnostic d ON d.id = e.diagnostic_id"
				" LEFT JOIN deficit_code c ON c.id = e.deficit_code_id WHERE e.id = ?" },
	{ "iom", "SELECT number, person_id FROM iom WHERE id = ?" },
	{ "iom_activity", "SELECT coalesce(r.activity, ''), i.person_id FROM iom_activity r"
			  " JOIN iom i ON i.id = r.iom_id WHERE r.id = ?" },
	{ "ippr_row", "SELECT i.number, i.person_id FROM ippr_row r JOIN iom i ON i.id = r.iom_id WHERE r.id = ?" },
	{ "iom_change", "SELECT i.number, i.person_id FROM iom_change c JOIN iom i ON i.id = c.iom_id"
			" WHERE c.id = ?" },
	{ "iom_proposal", "SELECT i.number, i.person_id FROM iom_proposal p JOIN iom i ON i.id = p.iom_id"
			  " WHERE p.id = ?" },
	{ "iom_note", "SELECT i.number, i.person_id FROM iom_note n JOIN iom i ON i.id = n.iom_id"
		      " WHERE n.id = ?" },
	{ "diagnostic_application", "SELECT coalesce(nullif(number, ''), applicant_name, ''), 0"
				    " FROM diagnostic_application WHERE id = ?" },
	{ "application_consent", "SELECT coalesce(subject, ''), person_id FROM application_consent WHERE id = ?" },
	{ "support_measure", "SELECT coalesce(activity, ''), 0 FROM support_measure WHERE id = ?" },
	{ "recommendation", "SELECT coalesce(text, ''), 0 FROM recommendation WHERE id = ?" },
	{ "event", "SELECT coalesce(title, ''), 0 FROM event WHERE id = ?" },
	/* The log keeps an event's deficits under the event's id. */
	{ "event_deficit", "SELECT coalesce(title, ''), 0 FROM event WHERE id = ?" },
	{ "participation", "SELECT coalesce(e.title, p.title, ''), p.person_id FROM participation p"
			   " LEFT JOIN event e ON e.id = p.event_id WHERE p.id = ?" },
	{ "internship_site", "SELECT " ORG_NAME("o") " || coalesce(': ' || i.topic, ''), 0 FROM internship_site i"
			     " JOIN organisation o ON o.id = i.org_id WHERE i.id = ?" },
	{ "methodist_pool", "SELECT year || ' г.', person_id FROM methodist_pool WHERE id = ?" },
	{ "mentoring_pair", "SELECT '', mentee_id FROM mentoring_pair WHERE id = ?" },
	{ "mentoring_survey", "SELECT s.year || ' г.', p.mentee_id FROM mentoring_survey s"
			      " JOIN mentoring_pair p ON p.id = s.pair_id WHERE s.id = ?" },
	{ "mentor_training", "SELECT coalesce(title, ''), person_id FROM mentor_training WHERE id = ?" },
	{ "staff_movement", "SELECT " ORG_NAME("o") ", coalesce(m.person_id, 0) FROM staff_movement m"
			    " JOIN organisation o ON o.id = m.org_id WHERE m.id = ?" },
	{ "staffing_need", "SELECT " ORG_NAME("o") " || coalesce(', ' || n.position, ''), 0 FROM staffing_need n"
			   " JOIN organisation o ON o.id = n.org_id WHERE n.id = ?" },
	{ "staff_count", "SELECT " ORG_NAME("o") " || ', ' || c.year || ' г.', 0 FROM staff_count c"
			 " JOIN organisation o ON o.id = c.org_id WHERE c.id = ?" },
	{ "school_dev_plan", "SELECT " ORG_NAME("o") " || ', ' || p.year || ' г.', 0 FROM school_dev_plan p"
			     " JOIN organisation o ON o.id = p.org_id WHERE p.id = ?" },
	{ "innovation", "SELECT coalesce(title, ''), person_id FROM innovation WHERE id = ?" },
	{ "city_mo", "SELECT name, 0 FROM city_mo WHERE id = ?" },
	{ "difficulty_bank", "SELECT coalesce(difficulty, ''), 0 FROM difficulty_bank WHERE id = ?" },
	{ "deficit_code", "SELECT code, 0 FROM deficit_code WHERE id = ?" },
	{ "competency_block", "SELECT name, 0 FROM competency_block WHERE id = ?" },
	{ "indicator", "SELECT code, 0 FROM indicator WHERE id = ?" },
	{ "indicator_target", "SELECT i.code || ', ' || t.year || ' г.', 0 FROM indicator_target t"
			      " JOIN indicator i ON i.id = t.indicator_id WHERE t.id = ?" },
	{ "selfcheck_statement", "SELECT text, 0 FROM selfcheck_statement WHERE id = ?" },
	{ "app_user", "SELECT full_name, 0 FROM app_user WHERE id = ?" },
	{ "meta", "SELECT '', 0 WHERE ? IS NOT NULL" },
};

int store_audit_record(struct store *s, const char *tbl, int64_t id, struct audit_record *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; tbl && i < NITEMS(record_q); i++)
		if (strcmp(record_q[i].tbl, tbl) == 0)
			st = store_prepare(s, record_q[i].sql);
	if (st == NULL) {
		out->name = xstrdup("");
		out->gone = true;
		return ST_NOTFOUND;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->name = store_col(st, 0);
		out->person_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (out->name == NULL)
		out->name = xstrdup("");
	out->gone = rc != SQLITE_ROW;
	return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : ST_ERROR;
}

void store_audit_record_free(struct audit_record *r)
{
	free(r->name);
	memset(r, 0, sizeof *r);
}

char *store_audit_person_name(struct store *s, int64_t person_id, bool full)
{
	char *v = store_text(s, full ? "SELECT " STORE_FIO("p") " FROM person p WHERE p.id = ?"
				     : "SELECT " SHORT_FIO("p") " FROM person p WHERE p.id = ?", "i", person_id);
	return v ? v : xstrdup("");
}

char *store_audit_user_name(struct store *s, const char *login)
{
	return login ? store_text(s, "SELECT full_name FROM app_user WHERE login = ?", "t", login) : NULL;
}

char *store_audit_scope_name(struct store *s, const char *scope)
{
	if (scope && strncmp(scope, "org:", 4) == 0)
		return store_text(s, "SELECT " ORG_NAME("o") " FROM organisation o WHERE o.code = ?", "t",
				  scope + 4);
	if (scope && strncmp(scope, "mun:", 4) == 0)
		return store_text(s, "SELECT name FROM municipality WHERE code = ?", "t", scope + 4);
	return NULL;
}
