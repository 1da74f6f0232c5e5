/* The ИОМ card in the store (see iom.h): creation with a number from the
 * year's sequence, versioned and audited edits and moves, the roadmap and
 * its proposals from the events catalogue, and the history of changes made
 * after approval with the three confirmations (004 App.3 §5.11).
 *
 * Audit rows: the card's own columns under tbl 'iom' (record = the card;
 * 'create' per value given, 'update' per changed column, 'status' per column
 * a move changes); a roadmap row accepted from the catalogue under tbl
 * 'iom_activity' ('create' per value, as records.c writes them); a
 * confirmation under tbl 'iom_change' ('confirm', field = the role's
 * *_confirmed_at column, after = the time).
 *
 * Numbers: iom_number_seq holds the last sequence number of each year; it
 * is raised in the same transaction as the card is inserted, so a refused
 * or failed creation rolls it back too (no gap), and a committed number is
 * never given again (not even after the card is deleted, nor when a number
 * of that form already exists: such numbers are skipped). */
#include "errtext.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "store/sites.h"
#include "site.h"
#include "store.h"
#include "store_int.h"
#include "config.h"
#include "date.h"
#include "model.h"
#include "route.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sanity limits for the free text (the form enforces the configured ones). */
#define IOM_LINE_CHARS 300
#define IOM_MEMO_CHARS 10000

void iom_init(struct iom_head *h)
{
	memset(h, 0, sizeof *h);
	h->final_event_participants = -1;
}

void iom_free(struct iom_head *h)
{
	free(h->tasks);
	free(h->final_event);
	free(h->self_analysis);
	free(h->conclusions);
	free(h->cancel_reason);
	iom_init(h);
}

static bool same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static const char *empty_null(const char *s)
{
	return s && *s ? s : NULL;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static char *id_text(int64_t v)
{
	return v > 0 ? xasprintf("%lld", (long long)v) : NULL;
}

static void free_values(char **v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i]);
		v[i] = NULL;
	}
}

static bool known_code(const struct enum_opt *opts, const char *code)
{
	for (; opts->code; opts++)
		if (strcmp(opts->code, code) == 0)
			return true;
	return false;
}


/* Short labels of the roadmap's categories for the lists. */
static const char *const category_short[6] = {
	"", "1. Знания", "2. Обмен опытом", "3. Свой опыт", "4. Наставничество",
	"5. Профилактика выгорания",
};

static const char *category_label(const char *num)
{
	int c = num ? atoi(num) : 0;
	return c >= 1 && c <= 5 ? category_short[c] : "";
}

/* --- the card's columns ----------------------------------------------------- */

enum ckind { K_TEXT, K_MEMO, K_DATE, K_INT, K_PERSON, K_DIAG, K_ENUM, K_MODEL, K_STATUS };

struct icol {
	const char *col;
	const char *label;
	enum ckind kind;
	const struct enum_opt *opts;
};

/* Editable columns (store_iom_update), in this order. */
enum { IF_TASKS, IF_START, IF_END, IF_CURATOR, IF_DEVELOPER, IF_MODEL, IF_ENTRY, IF_FINAL_DIAG,
       IF_FEVENT, IF_FLEVEL, IF_FPART, IF_FDATE, IF_SELF, IF_CONCL, IF_OUTCOME, IF_NEXT, IF_N };

static const struct icol icols[] = {
	{ "tasks", "Задачи", K_MEMO, NULL },
	{ "start_date", "Начало", K_DATE, NULL },
	{ "end_date", "Окончание", K_DATE, NULL },
	{ "curator_id", "Куратор", K_PERSON, NULL },
	{ "developer_id", "Разработчик", K_PERSON, NULL },
	{ "model", "Модель", K_MODEL, NULL },
	{ "entry_diagnostic_id", "Входная диагностика", K_DIAG, NULL },
	{ "final_diagnostic_id", "Итоговая диагностика", K_DIAG, NULL },
	{ "final_event", "Заключительное мероприятие", K_TEXT, NULL },
	{ "final_event_level", "Уровень заключительного мероприятия", K_ENUM, model_event_levels },
	{ "final_event_participants", "Число участников", K_INT, NULL },
	{ "final_event_date", "Дата заключительного мероприятия", K_DATE, NULL },
	{ "self_analysis", "Самоанализ", K_MEMO, NULL },
	{ "conclusions", "Выводы", K_MEMO, NULL },
	{ "outcome", "Итог", K_ENUM, route_outcomes },
	{ "next_diagnostic_date", "Следующая диагностика", K_DATE, NULL },
	/* Set by the moves only. */
	{ "status", "Статус", K_STATUS, NULL },
	{ "review_sent_date", "Направлен на согласование", K_DATE, NULL },
	{ "corrected_date", "Итоговая форма", K_DATE, NULL },
	{ "approved_date", "Утверждён", K_DATE, NULL },
	{ "approved_by_id", "Утвердил", K_PERSON, NULL },
	{ "completed_date", "Завершён", K_DATE, NULL },
	{ "cancel_reason", "Причина отмены", K_TEXT, NULL },
	{ "approval_order_no", "Приказ об утверждении, №", K_TEXT, NULL },
	{ "approval_order_date", "Приказ об утверждении, дата", K_DATE, NULL },
	/* Set on creation. */
	{ "prolonged_from_id", "Продолжение карты", K_INT, NULL },
	{ "number", "Номер", K_TEXT, NULL },
	{ "person_id", "Педагог", K_PERSON, NULL },
	{ "org_id", "Организация", K_INT, NULL },
	{ "position", "Должность", K_TEXT, NULL },
	{ "developed_date", "Дата разработки", K_DATE, NULL },
};

static const struct icol *icol_find(const char *col)
{
	for (size_t i = 0; col && i < NITEMS(icols); i++)
		if (strcmp(icols[i].col, col) == 0)
			return &icols[i];
	return NULL;
}

/* The editable values of h as stored text (NULL = empty). */
static void head_values(const struct iom_head *h, char *v[IF_N])
{
	v[IF_TASKS] = dup_or_null(h->tasks);
	v[IF_START] = dup_or_null(h->start);
	v[IF_END] = dup_or_null(h->end);
	v[IF_CURATOR] = id_text(h->curator_id);
	v[IF_DEVELOPER] = id_text(h->developer_id);
	v[IF_MODEL] = xasprintf("%d", h->model);
	v[IF_ENTRY] = id_text(h->entry_diag_id);
	v[IF_FINAL_DIAG] = id_text(h->final_diag_id);
	v[IF_FEVENT] = dup_or_null(h->final_event);
	v[IF_FLEVEL] = dup_or_null(h->final_event_level);
	v[IF_FPART] = h->final_event_participants >= 0
		? xasprintf("%d", h->final_event_participants) : NULL;
	v[IF_FDATE] = dup_or_null(h->final_event_date);
	v[IF_SELF] = dup_or_null(h->self_analysis);
	v[IF_CONCL] = dup_or_null(h->conclusions);
	v[IF_OUTCOME] = dup_or_null(h->outcome);
	v[IF_NEXT] = dup_or_null(h->next_diag);
}

/* Set one column (a constant name) of the card; integer columns are cast. */
static int set_col(struct store *s, const char *col, bool isint, const char *value, int64_t id)
{
	char *sql = xasprintf("UPDATE iom SET %s = %s WHERE id = ?2", col,
			      isint ? "CAST(?1 AS INTEGER)" : "?1");
	int rc = store_run(s, sql, "ti", value, id);

	free(sql);
	return rc;
}

static bool is_int_kind(enum ckind k)
{
	return k == K_INT || k == K_PERSON || k == K_DIAG || k == K_MODEL;
}

static int fail(struct store *s, int rc, const char *msg)
{
	store_set_error(s, msg);
	return rc;
}

/* --- the log of changes after approval ------------------------------------- */

/* The final stage's records on the card (the final diagnostic, the final
 * event, the self-analysis, the curator's conclusions and the outcome,
 * 004 App.3 §4.5) conclude the route rather than change it: §5.11's
 * signatures are for the route's content, and a final diagnostic picked on
 * the last day would otherwise hold the completion until the head and the
 * teacher came back to sign it. */
static bool concludes_route(const char *table, const char *field)
{
	if (table == NULL || field == NULL || strcmp(table, "iom") != 0)
		return false;
	for (int i = IF_FINAL_DIAG; i <= IF_OUTCOME; i++)
		if (strcmp(icols[i].col, field) == 0)
			return true;
	return false;
}

int store_iom_log_change(struct store *s, const struct actor *a, int64_t iom_id,
			 const char *table, int64_t record_id, const char *field,
			 const char *before, const char *after)
{
	char *status = store_text(s, "SELECT status FROM iom WHERE id = ?", "i", iom_id);
	char now[20];
	int rc = ST_OK;

	if (route_change_needs_confirmation(status) && !concludes_route(table, field)) {
		now_utc_today(now);
		rc = store_run(s, "INSERT INTO iom_change (iom_id, at, user_id, tbl, record_id, field,"
			       " before, after) VALUES (?, ?, (SELECT id FROM app_user WHERE id = ?),"
			       " ?, ?, ?, ?, ?)", "ititittt", iom_id, now,
			       a ? a->user_id : (int64_t)0, table, record_id, field, before, after);
		/* The one who made the change has confirmed it for his part: the
		 * card's curator or the teacher himself. */
		if (rc == ST_OK && a && a->user_id)
			rc = store_run(s, "UPDATE iom_change SET"
				       " curator_confirmed_at = CASE WHEN u.person_id = i.curator_id THEN ?1 END,"
				       " curator_user_id = CASE WHEN u.person_id = i.curator_id THEN u.id END,"
				       " teacher_confirmed_at = CASE WHEN u.person_id = i.person_id THEN ?1 END,"
				       " teacher_user_id = CASE WHEN u.person_id = i.person_id THEN u.id END"
				       " FROM app_user u, iom i WHERE iom_change.id = last_insert_rowid()"
				       " AND u.id = ?2 AND i.id = iom_change.iom_id", "ti", now, a->user_id);
	}
	free(status);
	return rc;
}

/* --- reading ------------------------------------------------------------------ */

static void col_copy(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	text_fit(t ? (const char *)t : "", (int)size, dst, size);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	char *v = store_col(st, i);
	if (v && *v == '\0') {
		free(v);
		v = NULL;
	}
	return v;
}


int store_iom_get(struct store *s, int64_t id, struct iom_head *out)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT i.version, i.person_id, coalesce(i.org_id, 0), i.number, i.model, i.status,"
		" coalesce(i.entry_diagnostic_id, 0), coalesce(i.final_diagnostic_id, 0),"
		" coalesce(i.curator_id, 0), coalesce(i.developer_id, 0), i.tasks, i.start_date,"
		" i.end_date, i.developed_date, i.review_sent_date, i.approved_date, i.completed_date,"
		" i.final_event, i.final_event_level, coalesce(i.final_event_participants, -1),"
		" i.final_event_date, i.self_analysis, i.conclusions, i.outcome,"
		" i.next_diagnostic_date, i.cancel_reason, " STORE_FIO("p") ","
		" coalesce(o.short_name, o.name),"
		" (SELECT " STORE_FIO("c") " FROM person c WHERE c.id = i.curator_id),"
		" (SELECT " STORE_FIO("d") " FROM person d WHERE d.id = i.developer_id),"
		" i.approval_order_no, i.approval_order_date, coalesce(i.prolonged_from_id, 0),"
		" (SELECT number FROM iom f WHERE f.id = i.prolonged_from_id),"
		" coalesce((SELECT max(n.id) FROM iom n WHERE n.prolonged_from_id = i.id), 0),"
		" (SELECT number FROM iom n WHERE n.id = (SELECT max(id) FROM iom WHERE prolonged_from_id = i.id))"
		" FROM iom i JOIN person p ON p.id = i.person_id"
		" LEFT JOIN organisation o ON o.id = i.org_id WHERE i.id = ?");
	int rc;

	iom_init(out);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return fail(s, ST_ERROR, errtext_db(s->db));
		return fail(s, ST_NOTFOUND, "карта ИОМ не найдена");
	}
	out->id = id;
	out->version = sqlite3_column_int64(st, 0);
	out->person_id = sqlite3_column_int64(st, 1);
	out->org_id = sqlite3_column_int64(st, 2);
	col_copy(st, 3, out->number, sizeof out->number);
	out->model = sqlite3_column_int(st, 4);
	col_copy(st, 5, out->status, sizeof out->status);
	out->entry_diag_id = sqlite3_column_int64(st, 6);
	out->final_diag_id = sqlite3_column_int64(st, 7);
	out->curator_id = sqlite3_column_int64(st, 8);
	out->developer_id = sqlite3_column_int64(st, 9);
	out->tasks = col_dup(st, 10);
	col_copy(st, 11, out->start, sizeof out->start);
	col_copy(st, 12, out->end, sizeof out->end);
	col_copy(st, 13, out->developed, sizeof out->developed);
	col_copy(st, 14, out->review_sent, sizeof out->review_sent);
	col_copy(st, 15, out->approved, sizeof out->approved);
	col_copy(st, 16, out->completed, sizeof out->completed);
	out->final_event = col_dup(st, 17);
	col_copy(st, 18, out->final_event_level, sizeof out->final_event_level);
	out->final_event_participants = sqlite3_column_int(st, 19);
	col_copy(st, 20, out->final_event_date, sizeof out->final_event_date);
	out->self_analysis = col_dup(st, 21);
	out->conclusions = col_dup(st, 22);
	col_copy(st, 23, out->outcome, sizeof out->outcome);
	col_copy(st, 24, out->next_diag, sizeof out->next_diag);
	out->cancel_reason = col_dup(st, 25);
	col_copy(st, 26, out->person_name, sizeof out->person_name);
	col_copy(st, 27, out->org_name, sizeof out->org_name);
	col_copy(st, 28, out->curator_name, sizeof out->curator_name);
	col_copy(st, 29, out->developer_name, sizeof out->developer_name);
	col_copy(st, 30, out->order_no, sizeof out->order_no);
	col_copy(st, 31, out->order_date, sizeof out->order_date);
	out->prev_id = sqlite3_column_int64(st, 32);
	col_copy(st, 33, out->prev_number, sizeof out->prev_number);
	out->next_id = sqlite3_column_int64(st, 34);
	col_copy(st, 35, out->next_number, sizeof out->next_number);
	sqlite3_reset(st);
	return ST_OK;
}

int64_t store_iom_by_number(struct store *s, const char *number)
{
	int64_t id;
	char *q;

	if (number == NULL || *number == '\0')
		return 0;
	id = store_int(s, "SELECT id FROM iom WHERE number = ?", "t", number);
	if (id)
		return id;
	/* Typed in another case (иом-…) or with ё. */
	q = text_fold(number);
	id = store_int(s, "SELECT min(id) FROM iom WHERE fold(number) = ?", "t", q);
	free(q);
	return id;
}

/* --- creation ------------------------------------------------------------------ */

/* A diagnostic given for a card: it must exist and be this person's. */
static const char *diag_problem(struct store *s, int64_t diag_id, int64_t person_id)
{
	int64_t owner;

	if (diag_id <= 0)
		return NULL;
	owner = store_int(s, "SELECT person_id FROM diagnostic WHERE id = ?", "i", diag_id);
	if (owner == 0)
		return "нет такой диагностики";
	if (owner != person_id)
		return "диагностика другого педагога: ИОМ строится по диагностике самого педагога";
	return NULL;
}

/* Next number of the year, raised in the caller's transaction; numbers
 * already taken (an import, a format without the year) are skipped. */
static int next_number(struct store *s, const struct config *cfg, int year, char **number)
{
	*number = NULL;
	for (int tries = 0; tries < 10000; tries++) {
		int64_t seq;
		int rc = store_run(s, "INSERT INTO iom_number_seq (year, last) VALUES (?, 1)"
				   " ON CONFLICT(year) DO UPDATE SET last = last + 1", "i", (int64_t)year);
		if (rc != ST_OK)
			return rc;
		seq = store_int(s, "SELECT last FROM iom_number_seq WHERE year = ?", "i", (int64_t)year);
		*number = route_format_number(cfg->iom_number_format, year, (long)seq);
		if (*number == NULL) {
			const char *why = route_check_number_format(cfg->iom_number_format);
			char msg[400];
			snprintf(msg, sizeof msg, "формат номера ИОМ в настройках (number_format) не подходит%s%s",
				 why ? ": " : "", why ? why : "");
			return fail(s, ST_CONSTRAINT, msg);
		}
		if (store_int(s, "SELECT count(*) FROM iom WHERE number = ?", "t", *number) == 0)
			return ST_OK;
		free(*number);
		*number = NULL;
	}
	return fail(s, ST_CONSTRAINT, "не удаётся подобрать свободный номер ИОМ: проверьте формат номера");
}

static int audit_created(struct store *s, const struct actor *a, int64_t id)
{
	static const char *const cols[] = {
		"number", "person_id", "org_id", "position", "model", "status", "entry_diagnostic_id",
		"curator_id", "developer_id", "developed_date",
	};
	sqlite3_stmt *st = store_prepare(s,
		"SELECT number, person_id, org_id, position, model, status, entry_diagnostic_id,"
		" curator_id, developer_id, developed_date FROM iom WHERE id = ?");
	char *v[NITEMS(cols)];
	int rc = ST_OK;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return fail(s, ST_ERROR, errtext_db(s->db));
	}
	for (size_t i = 0; i < NITEMS(cols); i++)
		v[i] = store_col(st, (int)i);
	sqlite3_reset(st);
	for (size_t i = 0; rc == ST_OK && i < NITEMS(cols); i++)
		if (v[i])
			rc = store_audit(s, a, "create", "iom", id, cols[i], NULL, v[i]);
	free_values(v, (int)NITEMS(cols));
	return rc;
}

static int iom_insert(struct store *s, const struct actor *a, const struct config *cfg,
		      int64_t person_id, int model, int64_t entry_diag_id, int64_t curator_id,
		      int64_t developer_id, int64_t *id)
{
	char today[11], *number = NULL;
	const char *m;
	int rc;

	if (store_int(s, "SELECT count(*) FROM person WHERE id = ?", "i", person_id) == 0)
		return fail(s, ST_NOTFOUND, "нет такого педагога");
	if ((m = diag_problem(s, entry_diag_id, person_id)) != NULL)
		return fail(s, ST_CONSTRAINT, m);
	if (curator_id > 0 && curator_id == person_id)
		return fail(s, ST_CONSTRAINT, "куратором ИОМ не может быть сам педагог");
	today_iso(today);
	rc = next_number(s, cfg, atoi(today), &number);
	if (rc != ST_OK)
		return rc;
	rc = store_run(s, "INSERT INTO iom (number, model, person_id, org_id, position, status,"
		       " entry_diagnostic_id, curator_id, developer_id, developed_date, created_by)"
		       " SELECT ?1, ?2, p.id, p.org_id, p.position, 'draft', nullif(?3, 0),"
		       " nullif(?4, 0), nullif(?5, 0), ?6, (SELECT id FROM app_user WHERE id = ?7)"
		       " FROM person p WHERE p.id = ?8",
		       "tiiiitii", number, (int64_t)model, entry_diag_id, curator_id, developer_id,
		       today, a ? a->user_id : (int64_t)0, person_id);
	free(number);
	if (rc != ST_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	return audit_created(s, a, *id);
}

int store_iom_create(struct store *s, const struct actor *a, const struct config *cfg,
		     int64_t person_id, int model, int64_t entry_diag_id, int64_t curator_id,
		     int64_t developer_id, struct iom_head *out)
{
	int64_t id = 0;
	int rc;

	iom_init(out);
	if (route_model_label(model) == NULL)
		return fail(s, ST_CONSTRAINT, "неизвестная модель ИОМ (допустимы 1, 2 и 3)");
	if (model == ROUTE_MODEL_DIAGNOSTIC && entry_diag_id <= 0)
		return fail(s, ST_CONSTRAINT, "ИОМ по результатам диагностики строится по входной диагностике:"
			    " выберите её");
	if (cfg == NULL || cfg->iom_number_format == NULL)
		return fail(s, ST_CONSTRAINT, "формат номера ИОМ в настройках (number_format) не задан");
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = iom_insert(s, a, cfg, person_id, model, entry_diag_id, curator_id, developer_id, &id);
	rc = store_end(s, rc);
	if (rc != ST_OK)
		return rc;
	return store_iom_get(s, id, out);
}

/* --- editing ----------------------------------------------------------------------- */

static const char *check_date(const char *what, const char *iso)
{
	static _Thread_local char msg[160];
	int y, m, d;

	if (iso == NULL || *iso == '\0' || date_parse_iso(iso, &y, &m, &d))
		return NULL;
	snprintf(msg, sizeof msg, "%s: неверная дата", what);
	return msg;
}

static const char *check_text(const char *what, const char *v, size_t max, int multiline)
{
	static _Thread_local char msg[256];
	const char *m;

	if (v == NULL || *v == '\0')
		return NULL;
	m = text_check(v, max, multiline);
	if (m == NULL)
		return NULL;
	snprintf(msg, sizeof msg, "%s: %s", what, m);
	return msg;
}

/* What is wrong with the editable values of h for the card of person_id. */
static const char *head_problem(struct store *s, const struct iom_head *h, int64_t person_id)
{
	const char *m;

	if (route_model_label(h->model) == NULL)
		return "неизвестная модель ИОМ (допустимы 1, 2 и 3)";
	for (int i = 0; i < IF_N; i++) {
		const char *v = NULL;
		switch (i) {
		case IF_START: v = h->start; break;
		case IF_END: v = h->end; break;
		case IF_FDATE: v = h->final_event_date; break;
		case IF_NEXT: v = h->next_diag; break;
		default: continue;
		}
		if ((m = check_date(icols[i].label, v)) != NULL)
			return m;
	}
	if (h->start[0] && h->end[0] && strcmp(h->start, h->end) > 0)
		return "окончание работы по ИОМ раньше начала";
	if (h->final_event_level[0] && !known_code(model_event_levels, h->final_event_level))
		return "неизвестный уровень заключительного мероприятия";
	if (h->outcome[0] && !known_code(route_outcomes, h->outcome))
		return "неизвестный итог ИОМ";
	if (h->final_event_participants < -1)
		return "число участников не может быть отрицательным";
	if (h->curator_id > 0 && h->curator_id == person_id)
		return "куратором ИОМ не может быть сам педагог";
	if ((m = diag_problem(s, h->entry_diag_id, person_id)) != NULL ||
	    (m = diag_problem(s, h->final_diag_id, person_id)) != NULL)
		return m;
	if (h->entry_diag_id > 0 && h->entry_diag_id == h->final_diag_id)
		return "итоговая диагностика не может совпадать с входной";
	if ((m = check_text("задачи", h->tasks, IOM_MEMO_CHARS, 1)) != NULL ||
	    (m = check_text("заключительное мероприятие", h->final_event, IOM_LINE_CHARS, 0)) != NULL ||
	    (m = check_text("самоанализ", h->self_analysis, IOM_MEMO_CHARS, 1)) != NULL ||
	    (m = check_text("выводы", h->conclusions, IOM_MEMO_CHARS, 1)) != NULL)
		return m;
	return NULL;
}

static int iom_update(struct store *s, const struct actor *a, const struct iom_head *h,
		      int *changed)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT tasks, start_date, end_date, curator_id, developer_id, model,"
		" entry_diagnostic_id, final_diagnostic_id, final_event, final_event_level,"
		" final_event_participants, final_event_date, self_analysis, conclusions, outcome,"
		" next_diagnostic_date, version, person_id FROM iom WHERE id = ?");
	char *cur[IF_N], *v[IF_N];
	const char *m;
	int64_t version, person;
	int rc;

	sqlite3_bind_int64(st, 1, h->id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return fail(s, ST_ERROR, errtext_db(s->db));
		return fail(s, ST_NOTFOUND, "карта ИОМ не найдена");
	}
	for (int i = 0; i < IF_N; i++)
		cur[i] = store_col(st, i);
	version = sqlite3_column_int64(st, IF_N);
	person = sqlite3_column_int64(st, IF_N + 1);
	sqlite3_reset(st);
	if (version != h->version) {
		free_values(cur, IF_N);
		return fail(s, ST_CONFLICT, "карту ИОМ уже изменили: откройте её заново");
	}
	if ((m = head_problem(s, h, person)) != NULL) {
		free_values(cur, IF_N);
		return fail(s, ST_CONSTRAINT, m);
	}
	head_values(h, v);
	rc = ST_OK;
	for (int i = 0; rc == ST_OK && i < IF_N; i++) {
		if (same(cur[i], v[i]))
			continue;
		rc = set_col(s, icols[i].col, is_int_kind(icols[i].kind), v[i], h->id);
		if (rc == ST_OK)
			rc = store_audit(s, a, "update", "iom", h->id, icols[i].col, cur[i], v[i]);
		/* An approved card: the change awaits the three confirmations. */
		if (rc == ST_OK)
			rc = store_iom_log_change(s, a, h->id, "iom", h->id, icols[i].col, cur[i], v[i]);
		(*changed)++;
	}
	free_values(cur, IF_N);
	free_values(v, IF_N);
	if (rc == ST_OK && *changed) {
		rc = store_run(s, "UPDATE iom SET version = version + 1 WHERE id = ? AND version = ?",
			       "ii", h->id, h->version);
		if (rc == ST_OK && sqlite3_changes(s->db) != 1)
			rc = fail(s, ST_CONFLICT, "карту ИОМ уже изменили: откройте её заново");
	}
	return rc;
}

/* The display names that follow the curator and the developer. */
static void refresh_names(struct store *s, struct iom_head *h)
{
	char *c = store_ref_name(s, "person", h->curator_id);
	char *d = store_ref_name(s, "person", h->developer_id);

	text_fit(c, (int)sizeof h->curator_name, h->curator_name, sizeof h->curator_name);
	text_fit(d, (int)sizeof h->developer_name, h->developer_name, sizeof h->developer_name);
	free(c);
	free(d);
}

int store_iom_update(struct store *s, const struct actor *a, struct iom_head *h)
{
	int rc, changed = 0;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = iom_update(s, a, h, &changed);
	rc = store_end(s, rc);
	if (rc == ST_OK && changed) {
		h->version++;
		refresh_names(s, h);
	}
	return rc;
}

/* --- lifecycle moves ---------------------------------------------------------------- */

/* A roadmap row counts for a deficit code when its codes name it or its
 * catalogue event addresses it. */
#define ROW_COVERS(row, code_id, code) \
	"(instr(',' || replace(coalesce(" row ".deficit_codes, ''), ' ', '') || ',', ',' || " code " || ',') > 0" \
	" OR EXISTS (SELECT 1 FROM event_deficit ed WHERE ed.event_id = " row ".event_id" \
	"  AND ed.deficit_code_id = " code_id "))"

int store_iom_move_facts(struct store *s, int64_t id, struct route_facts *f)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT coalesce(i.start_date, ''), coalesce(i.end_date, ''), coalesce(i.developed_date, ''),"
		" trim(coalesce(i.tasks, '')) <> '',"
		" (SELECT count(*) FROM iom_activity a WHERE a.iom_id = i.id AND a.archived = 0),"
		" (SELECT count(*) FROM diagnostic_deficit dd JOIN deficit_code dc ON dc.id = dd.deficit_code_id"
		"   WHERE dd.diagnostic_id = i.entry_diagnostic_id AND NOT EXISTS (SELECT 1 FROM iom_activity a"
		"   WHERE a.iom_id = i.id AND a.archived = 0 AND " ROW_COVERS("a", "dd.deficit_code_id", "dc.code") ")),"
		" (SELECT group_concat(code, ', ') FROM (SELECT dc.code FROM diagnostic_deficit dd"
		"   JOIN deficit_code dc ON dc.id = dd.deficit_code_id"
		"   WHERE dd.diagnostic_id = i.entry_diagnostic_id AND NOT EXISTS (SELECT 1 FROM iom_activity a"
		"   WHERE a.iom_id = i.id AND a.archived = 0 AND " ROW_COVERS("a", "dd.deficit_code_id", "dc.code") ")"
		"   ORDER BY dc.code)),"
		" i.final_diagnostic_id IS NOT NULL,"
		" coalesce((SELECT d.diag_date FROM diagnostic d WHERE d.id = i.final_diagnostic_id), ''),"
		" (SELECT count(*) FROM iom_change c WHERE c.iom_id = i.id AND (c.curator_confirmed_at IS NULL"
		"   OR c.head_confirmed_at IS NULL OR c.teacher_confirmed_at IS NULL)),"
		" (SELECT count(*) FROM iom_activity a WHERE a.iom_id = i.id AND a.archived = 0"
		"   AND a.done IS NOT 1 AND trim(coalesce(a.reason_not_done, '')) = ''),"
		" (SELECT count(*) FROM iom_proposal p WHERE p.iom_id = i.id AND p.answer IS NULL)"
		" FROM iom i WHERE i.id = ?");
	int rc;

	memset(f, 0, sizeof *f);
	today_iso(f->today);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return fail(s, ST_ERROR, errtext_db(s->db));
		return fail(s, ST_NOTFOUND, "карта ИОМ не найдена");
	}
	col_copy(st, 0, f->start, sizeof f->start);
	col_copy(st, 1, f->end, sizeof f->end);
	col_copy(st, 2, f->developed, sizeof f->developed);
	f->has_tasks = sqlite3_column_int(st, 3) != 0;
	f->rows = sqlite3_column_int(st, 4);
	f->uncovered_n = sqlite3_column_int(st, 5);
	{
		const unsigned char *t = sqlite3_column_text(st, 6);
		text_fit_ellipsis(t ? (const char *)t : "", (int)sizeof f->uncovered - 8, f->uncovered,
				  sizeof f->uncovered);
	}
	f->has_final_diag = sqlite3_column_int(st, 7) != 0;
	col_copy(st, 8, f->final_diag_date, sizeof f->final_diag_date);
	f->unconfirmed = sqlite3_column_int(st, 9);
	f->unmarked = sqlite3_column_int(st, 10);
	f->open_proposals = sqlite3_column_int(st, 11);
	sqlite3_reset(st);
	return ST_OK;
}

enum { MV_STATUS, MV_REVIEW, MV_CORRECTED, MV_APPROVED, MV_APPROVED_BY, MV_COMPLETED,
       MV_OUTCOME, MV_CANCEL, MV_ORDER_NO, MV_ORDER_DATE, MV_N };
static const struct { const char *col; bool isint; } mcols[MV_N] = {
	{ "status", false }, { "review_sent_date", false }, { "corrected_date", false },
	{ "approved_date", false }, { "approved_by_id", true }, { "completed_date", false },
	{ "outcome", false }, { "cancel_reason", false }, { "approval_order_no", false },
	{ "approval_order_date", false },
};

static void set_value(char **slot, const char *val)
{
	char *n = val ? xstrdup(val) : NULL;
	free(*slot);
	*slot = n;
}

/* What is wrong with the details a move carries, before anything is read. */
static const char *args_problem(const struct config *cfg, const struct iom_move_args *m)
{
	static _Thread_local char msg[300];
	const char *why;
	char today[11];

	if (strcmp(m->to, "approved") == 0) {
		bool no = empty_null(m->order_no) != NULL, date = empty_null(m->order_date) != NULL;
		if (no != date)
			return "приказ об утверждении: нужны и номер, и дата (или ни того, ни другого)";
		if (no && (why = check_text("номер приказа", m->order_no, 64, 0)) != NULL)
			return why;
		if (date && (why = check_date("дата приказа", m->order_date)) != NULL)
			return why;
		today_iso(today);
		if (date && strcmp(m->order_date, today) > 0)
			return "дата приказа об утверждении позже сегодняшнего дня";
	} else if (strcmp(m->to, "prolonged") == 0) {
		if (empty_null(m->new_end) == NULL)
			return "пролонгация: укажите дату окончания продолжения ИОМ";
		if ((why = check_date("новая дата окончания", m->new_end)) != NULL)
			return why;
		today_iso(today);
		if ((why = route_check_period(cfg, today, m->new_end)) != NULL) {
			snprintf(msg, sizeof msg, "продолжение ИОМ: %s", why);
			return msg;
		}
	}
	return NULL;
}

/* The continuation of a prolonged card: a draft of the same person, model,
 * curator and developer, starting from this card's final diagnostic, with
 * its tasks, from today to new_end. */
static int continuation(struct store *s, const struct actor *a, const struct config *cfg,
			int64_t id, const char *new_end, int64_t *new_id)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT person_id, model, coalesce(final_diagnostic_id, entry_diagnostic_id, 0),"
		" coalesce(curator_id, 0), coalesce(developer_id, 0), tasks FROM iom WHERE id = ?");
	int64_t person, diag, curator, developer;
	int model, rc;
	char *tasks, today[11];

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return fail(s, ST_ERROR, errtext_db(s->db));
	}
	person = sqlite3_column_int64(st, 0);
	model = sqlite3_column_int(st, 1);
	diag = sqlite3_column_int64(st, 2);
	curator = sqlite3_column_int64(st, 3);
	developer = sqlite3_column_int64(st, 4);
	tasks = store_col(st, 5);
	sqlite3_reset(st);
	rc = iom_insert(s, a, cfg, person, model, diag, curator, developer, new_id);
	today_iso(today);
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE iom SET prolonged_from_id = ?1, tasks = ?2, start_date = ?3,"
			       " end_date = ?4 WHERE id = ?5", "ittti", id, tasks, today, new_end, *new_id);
	if (rc == ST_OK) {
		char *from = id_text(id);
		rc = store_audit(s, a, "create", "iom", *new_id, "prolonged_from_id", NULL, from);
		if (rc == ST_OK && tasks)
			rc = store_audit(s, a, "create", "iom", *new_id, "tasks", NULL, tasks);
		if (rc == ST_OK)
			rc = store_audit(s, a, "create", "iom", *new_id, "start_date", NULL, today);
		if (rc == ST_OK)
			rc = store_audit(s, a, "create", "iom", *new_id, "end_date", NULL, new_end);
		free(from);
	}
	free(tasks);
	return rc;
}

static int iom_move(struct store *s, const struct actor *a, const struct config *cfg, int64_t id,
		    int64_t version, struct iom_move_args *m)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT status, review_sent_date, corrected_date, approved_date, approved_by_id,"
		" completed_date, outcome, cancel_reason, approval_order_no, approval_order_date,"
		" version FROM iom WHERE id = ?");
	char *cur[MV_N], *v[MV_N], today[11];
	const char *problem;
	int64_t cur_version;
	int rc, changed = 0;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return fail(s, ST_ERROR, errtext_db(s->db));
		return fail(s, ST_NOTFOUND, "карта ИОМ не найдена");
	}
	for (int i = 0; i < MV_N; i++)
		cur[i] = store_col(st, i);
	cur_version = sqlite3_column_int64(st, MV_N);
	sqlite3_reset(st);

	rc = ST_OK;
	if (cur_version != version)
		rc = fail(s, ST_CONFLICT, "карту ИОМ уже изменили: откройте её заново");
	else if (same(cur[MV_STATUS], m->to))
		rc = fail(s, ST_CONSTRAINT, "карта ИОМ уже в этом статусе");
	else if ((problem = args_problem(cfg, m)) != NULL)
		rc = fail(s, ST_CONSTRAINT, problem);
	else {
		/* The move's own checks: route.c decides on the facts. */
		struct route_facts facts;
		struct route_missing miss;
		rc = store_iom_move_facts(s, id, &facts);
		if (rc == ST_OK && route_move_check(cfg, cur[MV_STATUS], m->to, &facts, &miss) > 0) {
			char text[sizeof s->err];
			route_missing_text(&miss, text, sizeof text);
			rc = fail(s, ST_CONSTRAINT, text);
		}
	}
	if (rc != ST_OK) {
		free_values(cur, MV_N);
		return rc;
	}

	/* The new values: the current ones with what this move sets. */
	today_iso(today);
	for (int i = 0; i < MV_N; i++)
		v[i] = cur[i] ? xstrdup(cur[i]) : NULL;
	free(v[MV_STATUS]);
	v[MV_STATUS] = xstrdup(m->to);
	if (strcmp(m->to, "review") == 0) {
		set_value(&v[MV_REVIEW], today);
	} else if (strcmp(m->to, "final_form") == 0) {
		set_value(&v[MV_CORRECTED], today);
	} else if (strcmp(m->to, "approved") == 0) {
		char *by = store_text(s, "SELECT person_id FROM app_user WHERE id = ?", "i",
				      a ? a->user_id : (int64_t)0);
		set_value(&v[MV_APPROVED], today);
		if (by) {
			set_value(&v[MV_APPROVED_BY], by);
			free(by);
		}
		set_value(&v[MV_ORDER_NO], empty_null(m->order_no));
		set_value(&v[MV_ORDER_DATE], empty_null(m->order_date));
	} else if (strcmp(m->to, "completed") == 0) {
		set_value(&v[MV_COMPLETED], today);
		set_value(&v[MV_OUTCOME], "success");
	} else if (strcmp(m->to, "prolonged") == 0) {
		set_value(&v[MV_OUTCOME], "prolongation");
	} else if (strcmp(m->to, "cancelled") == 0) {
		set_value(&v[MV_CANCEL], empty_null(m->reason));
	}

	/* A lifecycle move is not a correction of the card awaiting the
	 * confirmations of §5.11: it is made by the one who may make it and
	 * kept in the audit log with its dates. */
	for (int i = 0; rc == ST_OK && i < MV_N; i++) {
		if (same(cur[i], v[i]))
			continue;
		rc = set_col(s, mcols[i].col, mcols[i].isint, v[i], id);
		if (rc == ST_OK)
			rc = store_audit(s, a, "status", "iom", id, mcols[i].col, cur[i], v[i]);
		changed++;
	}
	free_values(cur, MV_N);
	free_values(v, MV_N);
	if (rc == ST_OK && changed) {
		rc = store_run(s, "UPDATE iom SET version = version + 1 WHERE id = ? AND version = ?",
			       "ii", id, version);
		if (rc == ST_OK && sqlite3_changes(s->db) != 1)
			rc = fail(s, ST_CONFLICT, "карту ИОМ уже изменили: откройте её заново");
	}
	if (rc == ST_OK && strcmp(m->to, "prolonged") == 0)
		rc = continuation(s, a, cfg, id, m->new_end, &m->continuation_id);
	return rc;
}

int store_iom_move(struct store *s, const struct actor *a, const struct config *cfg, int64_t id,
		   int64_t version, struct iom_move_args *m)
{
	int rc;

	m->continuation_id = 0;
	if (m->to == NULL || !route_status_valid(m->to))
		return fail(s, ST_CONSTRAINT, "неизвестный статус ИОМ");
	if (cfg == NULL)
		return fail(s, ST_ERROR, "нет настроек ИОМ");
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = iom_move(s, a, cfg, id, version, m);
	rc = store_end(s, rc);
	if (rc != ST_OK)
		m->continuation_id = 0;
	return rc;
}

/* --- the cards in scope ---------------------------------------------------------- */

struct iom_bind {
	const struct iom_scope *sc;
	const struct iom_filter *f;
	const struct name_query *nq;
};

static const struct listq *iom_q(void)
{
	static struct listq q;
	static char *where;

	if (where == NULL) {
		where = xasprintf("i.archived = 0"
				  " AND (:status IS NULL OR i.status = :status)"
				  " AND (:q IS NULL"
				  "      OR name_match(p.surname_key, :nq)"
				  "      OR (fold(i.number) >= :q AND fold(i.number) < :q || x'f48fbfbf')"
				  "      OR (:digits IS NOT NULL AND instr(i.number, :digits) > 0))"
				  " AND (%s OR i.curator_id = :tied OR %s)", store_scope_sql,
				  STORE_MO_HEAD_OF(":tied", "p.id"));
		q.select = "SELECT i.id, coalesce(i.number, ''), i.number, " STORE_FIO("p") ","
			   " coalesce(o.short_name, o.name), i.status, i.archived";
		q.from = " FROM iom i JOIN person p ON p.id = i.person_id"
			 " LEFT JOIN organisation o ON o.id = p.org_id";
		q.where = where;
		q.key = "coalesce(i.number, '')";
		q.id = "i.id";
	}
	return &q;
}

/* Only digits (at least three): a part of the number such as "000123". */
static bool digits_only(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (*s < '0' || *s > '9')
			return false;
	return n >= 3;
}

static void iom_bind_fn(sqlite3_stmt *st, const void *ctx)
{
	const struct iom_bind *b = ctx;
	const char *search = b->f ? b->f->search : NULL;
	char *q = search && *search ? text_fold(search) : NULL;

	store_bind_scope(st, b->sc ? &b->sc->persons : NULL);
	store_bind_named_int(st, ":tied", b->sc ? b->sc->tied : 0);
	store_bind_named_text(st, ":status", b->f ? empty_null(b->f->status) : NULL);
	store_bind_named_text(st, ":q", q && *q ? q : NULL);
	store_bind_named_text(st, ":digits", q && digits_only(q) ? q : NULL);
	free(q);
	store_bind_name_query(st, b->nq);
}

int store_iom_page(struct store *s, const struct iom_scope *sc, const struct iom_filter *f,
		   const struct page_req *r, struct page *out)
{
	struct name_query nq;
	struct iom_bind b = { sc, f, &nq };
	int rc;

	/* The cards are read in their number's order anyway: the person's
	 * name is tested on each, by the register's rule (store_name_query). */
	store_name_query(s, f ? f->search : NULL, false, &nq);
	rc = store_run_page(s, iom_q(), iom_bind_fn, &b, r, out);
	store_name_query_free(&nq);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		page_set_col(out, i, 3, route_status_label(out->rows[i].cols[3]));
	}
	return rc;
}

int store_iom_count(struct store *s, const struct iom_scope *sc, const struct iom_filter *f,
		    int *count)
{
	struct name_query nq;
	struct iom_bind b = { sc, f, &nq };
	int rc;

	store_name_query(s, f ? f->search : NULL, false, &nq);
	rc = store_run_count(s, iom_q(), iom_bind_fn, &b, count);
	store_name_query_free(&nq);
	return rc;
}

/* --- a person's cards, newest first ------------------------------------------------ */

#define PERSON_IOM_KEY "printf('k%08d%012d', 99999999 - CAST(replace(coalesce(i.developed_date," \
	" substr(i.created_at, 1, 10)), '-', '') AS INTEGER), 999999999999 - i.id)"

static void int_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":id", *(const int64_t *)ctx);
}

/* "ДД.ММ.ГГГГ–ДД.ММ.ГГГГ" from two ISO dates (either may be missing). */
static char *period_text(const char *start, const char *end)
{
	char a[11] = "", b[11] = "";

	date_format_ru(start ? start : "", a);
	date_format_ru(end ? end : "", b);
	if (a[0] && b[0])
		return strcmp(a, b) == 0 ? xstrdup(a) : xasprintf("%s–%s", a, b);
	if (a[0])
		return xasprintf("с %s", a);
	if (b[0])
		return xasprintf("до %s", b);
	return xstrdup("");
}

/* A column holding "start|end" (ISO) becomes the period text. */
static void period_col(char **col)
{
	char *v = *col, *bar = strchr(v, '|');

	if (bar == NULL) {
		*col = xstrdup("");
	} else {
		*bar = '\0';
		*col = period_text(v, bar + 1);
	}
	free(v);
}

int store_iom_of_person_page(struct store *s, int64_t person_id, const struct page_req *r,
			     struct page *out)
{
	/* cols = number, status label, period, curator. */
	static const struct listq q = {
		"SELECT i.id, " PERSON_IOM_KEY ", i.number, i.status,"
		" coalesce(i.start_date, '') || '|' || coalesce(i.end_date, ''),"
		" (SELECT " STORE_FIO("c") " FROM person c WHERE c.id = i.curator_id), i.archived",
		" FROM iom i",
		"i.person_id = :id",
		PERSON_IOM_KEY,
		"i.id", false
	};
	int rc = store_run_page(s, &q, int_bind, &person_id, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		page_set_col(out, i, 1, route_status_label(out->rows[i].cols[1]));
		period_col(&out->rows[i].cols[2]);
	}
	return rc;
}

/* --- the roadmap ----------------------------------------------------------------------- */

#define ACTIVITY_KEY "printf('%d%012d', a.category, a.sort + 100000000000)"

int store_iom_activity_page(struct store *s, int64_t iom_id, const struct page_req *r,
			    struct page *out)
{
	static const struct listq q = {
		"SELECT a.id, " ACTIVITY_KEY ", a.category, a.activity,"
		" coalesce(a.start_date, '') || '|' || coalesce(a.end_date, ''),"
		" CASE a.done WHEN 1 THEN 'выполнено'"
		"  WHEN 0 THEN 'не выполнено' || coalesce(': ' || nullif(a.reason_not_done, ''), '')"
		"  ELSE '' END, 0",
		" FROM iom_activity a",
		"a.iom_id = :id AND a.archived = 0",
		ACTIVITY_KEY,
		"a.id", false
	};
	int rc = store_run_page(s, &q, int_bind, &iom_id, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		page_set_col(out, i, 0, category_label(out->rows[i].cols[0]));
		period_col(&out->rows[i].cols[2]);
	}
	return rc;
}

/* Codes of the event's deficits found by the card's entry diagnostic. */
#define MATCHING_CODES(ev, diag) \
	"(SELECT group_concat(code, ', ') FROM (SELECT dc.code FROM event_deficit ed" \
	"   JOIN diagnostic_deficit dd ON dd.deficit_code_id = ed.deficit_code_id" \
	"   JOIN deficit_code dc ON dc.id = ed.deficit_code_id" \
	"   WHERE ed.event_id = " ev " AND dd.diagnostic_id = " diag " ORDER BY dc.code))"

#define PROPOSAL_DIAG "(SELECT entry_diagnostic_id FROM iom WHERE id = :id)"
/* Events that answer the diagnostic's deficits first, then the rest of the
 * catalogue; by category and date within each. */
#define PROPOSAL_KEY "(CASE WHEN EXISTS (SELECT 1 FROM event_deficit ed" \
	" JOIN diagnostic_deficit dd ON dd.deficit_code_id = ed.deficit_code_id" \
	" WHERE ed.event_id = e.id AND dd.diagnostic_id = " PROPOSAL_DIAG ") THEN '0' ELSE '1' END)" \
	" || coalesce(e.category, 9) || ' ' || coalesce(e.start_date, '9999-12-31')"

/* Each word of the search starts a word of the event's title (as the
 * organisations are found: store_query_words, word_in). */
#define PROPOSAL_WORD(n) " AND (:w" #n " IS NULL OR word_in(e.title, :w" #n "))"
#define PROPOSAL_WHERE "e.archived = 0" \
	" AND NOT EXISTS (SELECT 1 FROM iom_activity a WHERE a.iom_id = :id AND a.event_id = e.id)" \
	PROPOSAL_WORD(1) PROPOSAL_WORD(2) PROPOSAL_WORD(3) PROPOSAL_WORD(4)

struct proposal_bind {
	int64_t iom_id;
	const char *search;
};

static void proposal_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct proposal_bind *b = ctx;
	char *w[STORE_QUERY_WORDS];

	store_bind_named_int(st, ":id", b->iom_id);
	store_query_words(b->search, w);
	for (int i = 0; i < STORE_QUERY_WORDS; i++) {
		char name[8];
		snprintf(name, sizeof name, ":w%d", i + 1);
		store_bind_named_text(st, name, w[i]);
		free(w[i]);
	}
}

int store_iom_proposals_find_page(struct store *s, int64_t iom_id, bool with_findings, const char *search,
				  const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT e.id, " PROPOSAL_KEY ", e.category, e.title,"
		" coalesce(e.start_date, '') || '|' || coalesce(e.end_date, ''),"
		" " MATCHING_CODES("e.id", PROPOSAL_DIAG) ", e.archived",
		" FROM event e",
		PROPOSAL_WHERE,
		PROPOSAL_KEY,
		"e.id", false
	};
	/* Without the card's findings neither the codes nor the order they
	 * would give away: the catalogue by category and date. */
#define PLAIN_KEY "coalesce(e.category, 9) || ' ' || coalesce(e.start_date, '9999-12-31')"
	static const struct listq plain = {
		"SELECT e.id, " PLAIN_KEY ", e.category, e.title,"
		" coalesce(e.start_date, '') || '|' || coalesce(e.end_date, ''), '', e.archived",
		" FROM event e",
		PROPOSAL_WHERE,
		PLAIN_KEY,
		"e.id", false
	};
#undef PLAIN_KEY
	struct proposal_bind b = { iom_id, search };
	int rc = store_run_page(s, with_findings ? &q : &plain, proposal_bind, &b, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		page_set_col(out, i, 0, category_label(out->rows[i].cols[0]));
		period_col(&out->rows[i].cols[2]);
	}
	return rc;
}

int store_iom_proposals_page(struct store *s, int64_t iom_id, bool with_findings,
			     const struct page_req *r, struct page *out)
{
	return store_iom_proposals_find_page(s, iom_id, with_findings, NULL, r, out);
}

/* A category for an event that has none, from its kind (DOMAIN.md §6). */
static const char *category_of_kind(const char *kind)
{
	static const struct { const char *kind, *cat; } map[] = {
		{ "retraining", "1" }, { "course", "1" }, { "internship", "1" },
		{ "contest", "3" }, { "open_lesson", "3" }, { "talk", "3" },
		{ "mentoring", "4" }, { "training", "5" }, { "coaching", "5" },
	};
	for (size_t i = 0; kind && i < NITEMS(map); i++)
		if (strcmp(map[i].kind, kind) == 0)
			return map[i].cat;
	return "2";
}

/* The roadmap row made from an event, inserted with its audit rows (as
 * records.c writes them) and, for an approved card, its history row. */
static int accept_event(struct store *s, const struct actor *a, int64_t iom_id, int64_t event_id,
			int64_t *activity_id)
{
	const struct table_desc *t = &model_iom_activity;
	sqlite3_stmt *st;
	char *v[5], *iom_text;
	int64_t id, diag;
	int rc;

	if (store_int(s, "SELECT count(*) FROM iom WHERE id = ?", "i", iom_id) == 0)
		return fail(s, ST_NOTFOUND, "карта ИОМ не найдена");
	if (store_int(s, "SELECT count(*) FROM event WHERE id = ? AND archived = 0", "i", event_id) == 0)
		return fail(s, ST_NOTFOUND, "нет такого мероприятия в каталоге");
	if (store_int(s, "SELECT count(*) FROM iom_activity WHERE iom_id = ? AND event_id = ?", "ii",
		      iom_id, event_id))
		return fail(s, ST_CONSTRAINT, "это мероприятие уже есть в дорожной карте");
	{
		char *es = store_text(s, "SELECT start_date FROM event WHERE id = ?", "i", event_id);
		char *ee = store_text(s, "SELECT end_date FROM event WHERE id = ?", "i", event_id);
		const char *m = store_iom_activity_problem(s, iom_id, es, ee);
		free(es);
		free(ee);
		if (m)
			return fail(s, ST_CONSTRAINT, m);
	}
	diag = store_int(s, "SELECT coalesce(entry_diagnostic_id, 0) FROM iom WHERE id = ?", "i", iom_id);
	/* An event held by an internship site takes one of its own places,
	 * booked on a day in the site's term (store/sites.c). */
	if ((rc = store_site_book_check(s, event_id)) != ST_OK)
		return rc;

	st = store_prepare(s, "SELECT e.category, e.kind, e.title, coalesce(e.organiser, o.short_name, o.name),"
			   " " MATCHING_CODES("e.id", "?2")
			   " FROM event e LEFT JOIN organisation o ON o.id = e.organiser_org_id"
			   " WHERE e.id = ?1");
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, diag);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return fail(s, ST_ERROR, errtext_db(s->db));
	}
	for (int i = 0; i < 5; i++)
		v[i] = store_col(st, i);
	sqlite3_reset(st);
	if (v[0] == NULL)
		v[0] = xstrdup(category_of_kind(v[1]));

	rc = store_run(s, "INSERT INTO iom_activity (iom_id, category, event_id, internship_site_id,"
		       " activity, competencies, level, organiser, start_date, end_date, hours,"
		       " deficit_codes, sort)"
		       " SELECT ?1, CAST(?2 AS INTEGER), e.id, e.internship_site_id, e.title,"
		       " (SELECT group_concat(name, ', ') FROM (SELECT b.name FROM event_block eb"
		       "   JOIN competency_block b ON b.id = eb.block_id WHERE eb.event_id = e.id"
		       "   ORDER BY b.sort, b.id)),"
		       " e.level, ?4, e.start_date, e.end_date, e.hours, ?5,"
		       " (SELECT coalesce(max(sort), 0) + 1 FROM iom_activity"
		       "   WHERE iom_id = ?1 AND category = CAST(?2 AS INTEGER))"
		       " FROM event e WHERE e.id = ?3",
		       "ititt", iom_id, v[0], event_id, v[3], v[4]);
	free_values(v, 5);
	if (rc != ST_OK)
		return rc;
	id = sqlite3_last_insert_rowid(s->db);

	/* Audit the values as records.c does: one 'create' row per column of
	 * the descriptor that has a value, and the catalogue link. */
	{
		char *sql = xstrdup("SELECT ");
		for (int i = 0; i < t->nfields; i++) {
			char *n = xasprintf("%s%s, ", sql, t->fields[i].col);
			free(sql);
			sql = n;
		}
		{
			char *n = xasprintf("%sevent_id FROM iom_activity WHERE id = ?", sql);
			free(sql);
			sql = n;
		}
		st = store_prepare(s, sql);
		free(sql);
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return fail(s, ST_ERROR, errtext_db(s->db));
	}
	{
		int n = t->nfields + 1;
		char **vals = xcalloc((size_t)n, sizeof *vals);
		for (int i = 0; i < n; i++)
			vals[i] = store_col(st, i);
		sqlite3_reset(st);
		rc = ST_OK;
		for (int i = 0; rc == ST_OK && i < n; i++)
			if (vals[i])
				rc = store_audit(s, a, "create", "iom_activity", id,
						 i < t->nfields ? t->fields[i].col : "event_id", NULL, vals[i]);
		iom_text = xstrdup(vals[model_field_index(t, "activity")]);
		free_values(vals, n);
		free(vals);
	}
	if (rc == ST_OK)
		rc = store_iom_log_change(s, a, iom_id, "iom_activity", id, "activity", NULL, iom_text);
	free(iom_text);
	if (rc == ST_OK && activity_id)
		*activity_id = id;
	return rc;
}

int store_iom_accept_event(struct store *s, const struct actor *a, int64_t iom_id,
			   int64_t event_id, int64_t *activity_id)
{
	int rc;

	if (activity_id)
		*activity_id = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = accept_event(s, a, iom_id, event_id, activity_id);
	rc = store_end(s, rc);
	if (rc != ST_OK && activity_id)
		*activity_id = 0;
	return rc;
}

const char *store_iom_activity_problem(struct store *s, int64_t iom_id, const char *start,
				       const char *end)
{
	static _Thread_local char msg[200];
	char *ps = store_text(s, "SELECT start_date FROM iom WHERE id = ?", "i", iom_id);
	char *pe = store_text(s, "SELECT end_date FROM iom WHERE id = ?", "i", iom_id);
	const char *ds = empty_null(start), *de = empty_null(end);
	bool out = false;

	/* A row of one day may give one date; a long programme (mentoring
	 * over the school year) that runs into the period belongs to it:
	 * refused is what ends before the start or begins after the end. */
	if (ds == NULL)
		ds = de;
	if (de == NULL)
		de = ds;
	if (de && empty_null(ps) && strcmp(de, ps) < 0)
		out = true;
	if (ds && empty_null(pe) && strcmp(ds, pe) > 0)
		out = true;
	if (out) {
		char *period = period_text(ps, pe);
		snprintf(msg, sizeof msg, "мероприятие вне срока реализации ИОМ (%s): измените его даты",
			 period);
		free(period);
	}
	free(ps);
	free(pe);
	return out ? msg : NULL;
}

static int remove_activity(struct store *s, const struct actor *a, int64_t iom_id, int64_t activity_id)
{
	char *what = store_text(s, "SELECT activity FROM iom_activity WHERE id = ? AND iom_id = ?"
				" AND archived = 0", "ii", activity_id, iom_id);
	int rc;

	if (what == NULL)
		return fail(s, ST_NOTFOUND, "этой строки уже нет в дорожной карте");
	rc = store_run(s, "UPDATE iom_activity SET archived = 1, version = version + 1 WHERE id = ?", "i",
		       activity_id);
	if (rc == ST_OK)
		rc = store_audit(s, a, "archive", "iom_activity", activity_id, "archived", "0", "1");
	/* An approved card: the removal awaits the three confirmations. */
	if (rc == ST_OK)
		rc = store_iom_log_change(s, a, iom_id, "iom_activity", activity_id, "activity", what, NULL);
	free(what);
	return rc;
}

int store_iom_remove_activity(struct store *s, const struct actor *a, int64_t iom_id,
			      int64_t activity_id)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = remove_activity(s, a, iom_id, activity_id);
	return store_end(s, rc);
}

int iom_compare_blocks(const struct diagnostic *e, const struct diagnostic *f,
		       struct iom_cmp *out, int max)
{
	int n = 0;

	for (int pass = 0; pass < 2; pass++) {
		const struct diagnostic *d = pass == 0 ? e : f, *o = pass == 0 ? f : e;
		for (int i = 0; i < d->nblocks && n < max; i++) {
			const struct diag_block *b = &d->blocks[i], *ob = NULL;
			for (int j = 0; j < o->nblocks; j++)
				if (o->blocks[j].block_id == b->block_id)
					ob = &o->blocks[j];
			/* The final's blocks the entry also has were listed in pass 0. */
			if (pass == 1 && ob != NULL)
				continue;
			if (b->pct_overall < 0 && (ob == NULL || ob->pct_overall < 0))
				continue;
			text_fit(b->block_name, (int)sizeof out[n].block, out[n].block, sizeof out[n].block);
			out[n].entry_pct = pass == 0 ? b->pct_overall : ob ? ob->pct_overall : -1;
			out[n].final_pct = pass == 0 ? (ob ? ob->pct_overall : -1) : b->pct_overall;
			if (out[n].entry_pct < 0)
				out[n].entry_pct = -1;
			if (out[n].final_pct < 0)
				out[n].final_pct = -1;
			n++;
		}
	}
	return n;
}

static int level_rank(const char *level)
{
	return strcmp(level, "high") == 0 ? 3 : strcmp(level, "medium") == 0 ? 2
		: strcmp(level, "low") == 0 ? 1 : 0;
}

static const char *block_level(const struct diagnostic *d, const char *name)
{
	for (int i = 0; i < d->nblocks; i++)
		if (strncmp(d->blocks[i].block_name, name, strlen(name)) == 0)
			return d->blocks[i].level;
	return "";
}

int store_iom_compare_moves(struct store *s, int64_t entry_id, int64_t final_id,
			    struct iom_cmp_move *out, int max)
{
	struct diagnostic e, f;
	struct iom_cmp rows[2 * DIAG_MAX_BLOCKS];
	int n = 0, rc;

	diag_init(&e);
	diag_init(&f);
	/* Read whole here, below the policy: only the direction leaves. */
	rc = store_diag_get(s, entry_id, DIAG_WITH_RESULTS, &e);
	if (rc == ST_OK)
		rc = store_diag_get(s, final_id, DIAG_WITH_RESULTS, &f);
	if (rc == ST_OK) {
		int m = iom_compare_blocks(&e, &f, rows, (int)NITEMS(rows));
		for (int i = 0; i < m && n < max; i++, n++) {
			int a = level_rank(block_level(&e, rows[i].block));
			int b = level_rank(block_level(&f, rows[i].block));
			strlcpy0(out[n].block, rows[i].block, sizeof out[n].block);
			out[n].move = rows[i].entry_pct < 0 ? "во входной диагностике не оценивался"
				: rows[i].final_pct < 0 ? "в итоговой диагностике не оценивался"
				: a == 0 || b == 0 ? "уровень не определён"
				: b < a ? "дефицит снизился" : b > a ? "дефицит вырос" : "уровень дефицита не изменился";
		}
	}
	diag_free(&e);
	diag_free(&f);
	return rc == ST_OK ? n : -1;
}

/* --- the history after approval ---------------------------------------------------- */

const char *store_iom_field_label(const char *tbl, const char *field)
{
	if (tbl && strcmp(tbl, "iom") == 0 && icol_find(field))
		return icol_find(field)->label;
	if (tbl && strcmp(tbl, "iom_activity") == 0 && field && model_field(&model_iom_activity, field))
		return model_field(&model_iom_activity, field)->label;
	return NULL;
}

char *store_iom_value_label(struct store *s, const char *tbl, const char *field, const char *v)
{
	char *d = NULL;

	if (v == NULL || *v == '\0')
		return xstrdup("—");
	if (strcmp(tbl, "iom") == 0) {
		const struct icol *c = icol_find(field);
		char buf[11];
		switch (c ? c->kind : K_TEXT) {
		case K_DATE:
			date_format_ru(v, buf);
			d = xstrdup(buf[0] ? buf : v);
			break;
		case K_PERSON:
			d = store_ref_name(s, "person", strtoll(v, NULL, 10));
			break;
		case K_DIAG: {
			char *date = store_text(s, "SELECT diag_date FROM diagnostic WHERE id = ?", "i",
						(int64_t)strtoll(v, NULL, 10));
			date_format_ru(date ? date : "", buf);
			d = buf[0] ? xasprintf("диагностика от %s", buf) : xstrdup(v);
			free(date);
			break;
		}
		case K_ENUM:
			d = xstrdup(model_enum_label(c->opts, v));
			break;
		case K_MODEL:
			d = xstrdup(route_model_label(atoi(v)) ? route_model_label(atoi(v)) : v);
			break;
		case K_STATUS:
			d = xstrdup(route_status_label(v));
			break;
		default:
			d = c && strcmp(c->col, "org_id") == 0
				? store_ref_name(s, "organisation", strtoll(v, NULL, 10)) : xstrdup(v);
		}
	} else if (strcmp(tbl, "iom_activity") == 0 && model_field(&model_iom_activity, field)) {
		const struct field_desc *f = model_field(&model_iom_activity, field);
		if (f->type == F_REF)
			d = store_ref_name(s, f->ref_table, strtoll(v, NULL, 10));
		else
			d = model_display(f, v);
	} else {
		d = xstrdup(v);
	}
	if (d == NULL || *d == '\0') {
		free(d);
		d = xstrdup(v);
	}
	return d;
}

/* The columns of a confirming role; NULL for an unknown role. */
static const char *role_prefix(const char *role)
{
	if (role == NULL)
		return NULL;
	if (strcmp(role, "curator") == 0)
		return "curator";
	if (strcmp(role, "school") == 0)
		return "head";
	if (strcmp(role, "teacher") == 0)
		return "teacher";
	return NULL;
}

int store_iom_awaiting(struct store *s, int64_t iom_id, const char *role)
{
	const char *p = role_prefix(role);
	char *sql;
	int n;

	if (role == NULL)
		return (int)store_int(s, "SELECT count(*) FROM iom_change WHERE iom_id = ? AND"
				      " (curator_confirmed_at IS NULL OR head_confirmed_at IS NULL"
				      "  OR teacher_confirmed_at IS NULL)", "i", iom_id);
	if (p == NULL)
		return 0;
	sql = xasprintf("SELECT count(*) FROM iom_change WHERE iom_id = ? AND %s_confirmed_at IS NULL", p);
	n = (int)store_int(s, sql, "i", iom_id);
	free(sql);
	return n;
}

static int confirm(struct store *s, const struct actor *a, int64_t iom_id, const char *p, int *n)
{
	char *sel = xasprintf("SELECT id FROM iom_change WHERE iom_id = ? AND %s_confirmed_at IS NULL"
			      " ORDER BY id", p);
	char *upd = xasprintf("UPDATE iom_change SET %s_confirmed_at = ?, %s_user_id ="
			      " (SELECT id FROM app_user WHERE id = ?), version = version + 1"
			      " WHERE id = ? AND %s_confirmed_at IS NULL", p, p, p);
	char *field = xasprintf("%s_confirmed_at", p);
	sqlite3_stmt *st = store_prepare(s, sel);
	int64_t *ids = NULL;
	int cnt = 0, cap = 0, step, rc = ST_OK;
	char now[20];

	sqlite3_bind_int64(st, 1, iom_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xrealloc(ids, (size_t)cap * sizeof *ids);
		}
		ids[cnt++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		rc = fail(s, ST_ERROR, errtext_db(s->db));
	now_utc_today(now);
	for (int i = 0; rc == ST_OK && i < cnt; i++) {
		rc = store_run(s, upd, "tii", now, a ? a->user_id : (int64_t)0, ids[i]);
		if (rc == ST_OK)
			rc = store_audit(s, a, "confirm", "iom_change", ids[i], field, NULL, now);
	}
	if (rc == ST_OK)
		*n = cnt;
	free(ids);
	free(sel);
	free(upd);
	free(field);
	return rc;
}

int store_iom_confirm(struct store *s, const struct actor *a, int64_t iom_id, const char *role,
		      int *n)
{
	const char *p = role_prefix(role);
	int rc, cnt = 0;

	if (n)
		*n = 0;
	if (p == NULL)
		return fail(s, ST_CONSTRAINT, "подтверждают изменения куратор, руководитель ОО и педагог");
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = confirm(s, a, iom_id, p, &cnt);
	rc = store_end(s, rc);
	if (rc == ST_OK && n)
		*n = cnt;
	return rc;
}

/* --- demo: the institute's plan for 2026/27 ------------------------------------------ */

struct demo_event {
	const char *title;
	int category;
	const char *kind, *level, *format;
	const char *start, *end;
	int hours;                 /* 0 = not given */
	int places;                /* 0 = not given */
	const char *place;
	const char *codes[3];
};

#define SOIRO_PLACE "СОИРО, г. Смоленск, ул. Октябрьской революции, д. 20А"

static const struct demo_event demo_events[] = {
	{ "Формирование функциональной грамотности обучающихся", 1, "course", "regional", "mixed",
	  "2026-10-05", "2026-10-16", 36, 30, SOIRO_PLACE, { "М-3", "М-2", NULL } },
	{ "Методика преподавания предмета по обновлённым ФГОС", 1, "course", "regional", "mixed",
	  "2026-11-09", "2026-11-27", 72, 30, SOIRO_PLACE, { "М-1", "П-3", "М-4" } },
	{ "Цифровая образовательная среда: ресурсы и платформы для урока", 1, "course", "regional",
	  "online", "2027-01-18", "2027-01-29", 36, 50, "дистанционно, платформа СОИРО",
	  { "Ц-1", "Ц-2", NULL } },
	{ "Инклюзивное образование: обучение детей с ОВЗ в общеобразовательной школе", 1, "course",
	  "regional", "offline", "2027-02-08", "2027-02-19", 72, 25, SOIRO_PLACE,
	  { "ПП-4", "ПП-3", NULL } },
	{ "Стажировка «Урок в логике системно-деятельностного подхода»", 1, "internship", "regional",
	  "offline", "2027-03-15", "2027-03-19", 24, 12,
	  "МБОУ «СШ № 33» г. Смоленска (стажировочная площадка)", { "М-4", "М-2", NULL } },
	{ "Семинар «Мотивация учебной деятельности: приёмы и инструменты учителя»", 2, "seminar",
	  "regional", "offline", "2026-10-22", "2026-10-22", 6, 40, SOIRO_PLACE,
	  { "ПП-2", "ПП-3", NULL } },
	{ "Вебинар «Взаимодействие с родителями: трудные разговоры»", 2, "webinar", "regional",
	  "online", "2026-11-12", "2026-11-12", 2, 0, "онлайн", { "К-2", "К-3", NULL } },
	{ "Мастер-класс «Групповая работа на уроке: учебное сотрудничество»", 2, "master_class",
	  "regional", "offline", "2026-12-03", "2026-12-03", 4, 25, SOIRO_PLACE,
	  { "К-1", "М-2", NULL } },
	{ "Школа молодого педагога", 2, "workshop", "regional", "mixed", "2026-09-24", "2027-05-20",
	  36, 40, SOIRO_PLACE " (очные встречи раз в месяц)", { "М-1", "ПП-2", "К-2" } },
	{ "Региональная конференция «Функциональная грамотность: от диагностики к результату»", 2,
	  "conference", "regional", "mixed", "2027-03-25", "2027-03-26", 12, 150,
	  "г. Смоленск, СОИРО, актовый зал", { "М-3", "П-2", NULL } },
	{ "Семинар руководителей «Непрерывное профессиональное развитие педагогов в ОО»", 2,
	  "seminar", "regional", "offline", "2026-12-10", "2026-12-10", 6, 40, SOIRO_PLACE,
	  { "У-4", "У-5", NULL } },
	{ "Тренинг «Профилактика профессионального выгорания педагога»", 5, "training", "regional",
	  "offline", "2026-11-19", "2026-11-20", 12, 20, SOIRO_PLACE ", ауд. 204",
	  { "К-3", "ПП-2", NULL } },
	{ "Вебинар «Ресурсное состояние педагога: техники саморегуляции»", 5, "webinar", "regional",
	  "online", "2027-02-17", "2027-02-17", 2, 0, "онлайн", { "К-3", NULL, NULL } },
	{ "Региональный конкурс профессионального мастерства «Учитель года — 2027»", 3, "contest",
	  "regional", "offline", "2027-01-20", "2027-03-31", 0, 0, "г. Смоленск",
	  { "М-4", "П-2", NULL } },
	{ "Конкурс методических разработок «Цифровой урок»", 3, "contest", "regional", "online",
	  "2027-04-01", "2027-04-30", 0, 0, "заочно", { "Ц-1", "М-4", NULL } },
	{ "Открытые уроки участников конкурса «Учитель года»", 3, "open_lesson", "municipal",
	  "offline", "2027-04-12", "2027-04-23", 0, 0, "школы г. Смоленска", { "М-4", "К-1", NULL } },
	{ "Программа наставничества «Опытный педагог — молодой специалист»", 4, "mentoring",
	  "school", "offline", "2026-09-01", "2027-05-31", 0, 0, "в своей образовательной организации",
	  { "М-1", "К-1", "ПП-1" } },
};

static int demo_event_insert(struct store *s, const struct demo_event *e)
{
	int64_t id;
	int rc;

	if (store_int(s, "SELECT count(*) FROM event WHERE title = ? AND start_date = ?", "tt",
		      e->title, e->start))
		return ST_OK;   /* already there (a second run) */
	rc = store_run(s, "INSERT INTO event (title, category, kind, level, source, organiser,"
		       " organiser_org_id, start_date, end_date, place, format, hours, places)"
		       " VALUES (?1, ?2, ?3, ?4, 'institute', 'СОИРО (ЦНППМ)',"
		       " (SELECT id FROM organisation WHERE code = 'SOIRO'), ?5, ?6, ?7, ?8,"
		       " nullif(?9, 0), nullif(?10, 0))",
		       "tittttttii", e->title, (int64_t)e->category, e->kind,
		       e->level, e->start, e->end, e->place, e->format, (int64_t)e->hours,
		       (int64_t)e->places);
	if (rc != ST_OK)
		return rc;
	id = sqlite3_last_insert_rowid(s->db);
	for (int i = 0; rc == ST_OK && i < 3 && e->codes[i]; i++) {
		/* A code missing from the catalogue is skipped. */
		rc = store_run(s, "INSERT OR IGNORE INTO event_deficit (event_id, deficit_code_id)"
			       " SELECT ?, id FROM deficit_code WHERE code = ?", "it", id, e->codes[i]);
		if (rc == ST_OK)
			rc = store_run(s, "INSERT OR IGNORE INTO event_block (event_id, block_id)"
				       " SELECT ?, block_id FROM deficit_code WHERE code = ?", "it",
				       id, e->codes[i]);
	}
	return rc;
}

int store_demo_events(struct store *s, char *err, int errsz)
{
	int rc = ST_OK;

	if (errsz > 0)
		err[0] = '\0';
	if (store_begin(s) != ST_OK) {
		snprintf(err, errsz, "не удаётся начать запись в базу: %s", store_errmsg(s));
		return ST_ERROR;
	}
	for (size_t i = 0; rc == ST_OK && i < NITEMS(demo_events); i++)
		rc = demo_event_insert(s, &demo_events[i]);
	if (rc != ST_OK)
		snprintf(err, errsz, "каталог мероприятий не записан: %s", store_errmsg(s));
	rc = store_end(s, rc);
	if (rc != ST_OK && errsz > 0 && err[0] == '\0')
		snprintf(err, errsz, "каталог мероприятий не записан: %s", store_errmsg(s));
	return rc;
}

/* --- hooks on the generic save path (records.c) ------------------------------ */

/* A change to an approved ИОМ or its roadmap, made through the generic
 * record form, awaits confirmations like one made here: a new roadmap row
 * as its activity, each changed column as itself. */
static int log_saved(struct store *s, const struct actor *a, const struct table_desc *t,
		     const struct record *row, const char *col, const char *before, const char *after)
{
	const char *of;
	int64_t iom_id;

	if (strcmp(t->table, model_iom.table) == 0)
		return col ? store_iom_log_change(s, a, row->id, t->table, row->id, col, before, after)
			   : ST_OK;
	of = row->v[model_field_index(t, "iom_id")];
	iom_id = of ? strtoll(of, NULL, 10) : 0;
	if (col == NULL)
		return store_iom_log_change(s, a, iom_id, t->table, row->id, "activity", NULL,
					    row->v[model_field_index(t, "activity")]);
	return store_iom_log_change(s, a, iom_id, t->table, row->id, col, before, after);
}

void store_iom_register_hooks(struct store *s)
{
	store_on_save(s, model_iom.table, log_saved);
	store_on_save(s, model_iom_activity.table, log_saved);
}
