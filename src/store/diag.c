/* Diagnostics of professional deficits: one diagnostic with its per-block
 * results and its deficit codes, saved as one versioned, audited IMMEDIATE
 * transaction. The deficit levels and the overall % are derived here
 * (model_deficit_level is the one rule). Without results (with_results
 * false) the result columns, and without findings (with_findings false)
 * the deficit codes and recommendations, are neither selected on read nor
 * written on save, so a caller who may not see them cannot wipe them
 * either.
 *
 * Audit rows: the diagnostic's own fields under tbl 'diagnostic' (record =
 * the diagnostic); a block row's values under tbl 'diagnostic_block'
 * (record = the block row; 'create' per value given, 'update' per changed
 * column, 'remove' with field block_id when every value was cleared); the
 * deficits under tbl 'diagnostic_deficit' (record = the diagnostic, field
 * deficit_code, 'add' with after = code, 'remove' with before = code). */
#include "errtext.h"
#include "diag.h"
#include "store.h"
#include "store_int.h"
#include "date.h"
#include "model.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sanity limits for the free text (the form enforces the configured ones). */
#define DIAG_LINE_CHARS 300
#define DIAG_MEMO_CHARS 10000

const struct enum_opt diag_forms[] = {
	{ "standardized", "стандартизированная процедура" },
	{ "self", "самодиагностика" },
	{ "activity", "по результатам деятельности" },
	{ "expert", "экспертная оценка" },
	{ NULL, NULL },
};

const struct enum_opt diag_kinds[] = {
	{ "entry", "входная" },
	{ "final", "итоговая" },
	{ "comprehensive", "комплексная" },
	{ "course_entry", "входная в рамках ДПП" },
	{ "course_final", "итоговая в рамках ДПП" },
	{ NULL, NULL },
};

const struct enum_opt diag_levels[] = {
	{ "high", "высокий дефицит" },
	{ "medium", "средний дефицит" },
	{ "low", "низкий дефицит" },
	{ NULL, NULL },
};

/* A diagnostic's summary as a described record (the import reads it). */
static const struct field_desc diagnostic_fields[] = {
	{ "person_id", "Педагог", F_REF, true, 0, 0, NULL, "person" },
	{ "org_id", "Организация", F_REF, false, 0, 0, NULL, "organisation" },
	{ "form", "Форма диагностики", F_ENUM, true, 0, 0, diag_forms, NULL },
	{ "kind", "Вид диагностики", F_ENUM, true, 0, 0, diag_kinds, NULL },
	{ "diag_date", "Дата диагностики", F_DATE, true, 0, 0, NULL, NULL },
	{ "subject", "Предмет", F_TEXT, false, 0, 0, NULL, NULL },
	{ "instrument", "Инструментарий", F_TEXT, false, 0, 0, NULL, NULL },
	{ "organiser", "Организатор", F_TEXT, false, 0, 0, NULL, NULL },
	{ "pct_overall", "Общий % выполнения", F_INT, false, 0, 100, NULL, NULL },
	{ "level", "Уровень дефицита", F_ENUM, false, 0, 0, diag_levels, NULL },
	{ "result_given_date", "Результаты сообщены", F_DATE, false, 0, 0, NULL, NULL },
	{ "recommendations", "Рекомендации", F_MEMO, false, 0, 0, NULL, NULL },
};

const struct table_desc model_diagnostic = {
	"diagnostic", "диагностика", diagnostic_fields, (int)NITEMS(diagnostic_fields),
	NULL, { NULL, NULL, NULL, NULL },
	"person_id",
};

static void block_clear(struct diag_block *b)
{
	free(b->difficulties);
	memset(b, 0, sizeof *b);
	b->pct_low = b->pct_medium = b->pct_high = b->pct_overall = -1;
}

void diag_init(struct diagnostic *d)
{
	memset(d, 0, sizeof *d);
	d->pct_overall = -1;
	d->with_results = true;
	d->with_findings = true;
	for (int i = 0; i < DIAG_MAX_BLOCKS; i++)
		block_clear(&d->blocks[i]);
}

void diag_free(struct diagnostic *d)
{
	free(d->subject);
	free(d->organiser);
	free(d->recommendations);
	for (int i = 0; i < DIAG_MAX_BLOCKS; i++)
		free(d->blocks[i].difficulties);
	diag_init(d);
}

static bool known_code(const struct enum_opt *opts, const char *code)
{
	for (; opts->code; opts++)
		if (strcmp(opts->code, code) == 0)
			return true;
	return false;
}

static const char *empty_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* --- blocks of a diagnostic ----------------------------------------------- */

static void col_copy(sqlite3_stmt *st, int i, char *dst, size_t size);

int store_diag_blocks(struct store *s, bool manager, struct diagnostic *d)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, name, short_name FROM competency_block"
					 " WHERE kind = ? AND archived = 0 ORDER BY sort, id LIMIT ?");
	int rc = SQLITE_DONE, n = 0;

	for (int i = 0; i < DIAG_MAX_BLOCKS; i++)
		block_clear(&d->blocks[i]);
	sqlite3_bind_text(st, 1, manager ? "manager" : "teacher", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, DIAG_MAX_BLOCKS);
	while (n < DIAG_MAX_BLOCKS && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct diag_block *b = &d->blocks[n++];
		b->block_id = sqlite3_column_int64(st, 0);
		text_fit((const char *)sqlite3_column_text(st, 1), 80, b->block_name,
			 sizeof b->block_name);
		col_copy(st, 2, b->block_short, sizeof b->block_short);
	}
	if (n < DIAG_MAX_BLOCKS && rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(s->db));
		sqlite3_reset(st);
		d->nblocks = 0;
		return ST_ERROR;
	}
	sqlite3_reset(st);
	d->nblocks = n;
	return ST_OK;
}

/* --- checking --------------------------------------------------------------- */

static const char *text_field(const char *what, const char *v, size_t max, int multiline)
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

static bool pct_ok(int p)
{
	return p == -1 || (p >= 0 && p <= 100);
}

const char *store_diag_check(struct store *s, const struct diagnostic *d)
{
	const char *m;
	int y, mo, dd;

	if (d->person_id <= 0 ||
	    store_int(s, "SELECT count(*) FROM person WHERE id = ?", "i", d->person_id) == 0)
		return "нет такого педагога";
	if (!known_code(diag_forms, d->form))
		return "неизвестная форма диагностики";
	if (!known_code(diag_kinds, d->kind))
		return "неизвестный вид диагностики";
	if (d->date[0] == '\0')
		return "не указана дата диагностики";
	if (!date_parse_iso(d->date, &y, &mo, &dd))
		return "неверная дата диагностики";
	if (d->result_given[0] != '\0') {
		if (!date_parse_iso(d->result_given, &y, &mo, &dd))
			return "неверная дата выдачи результатов";
		if (strcmp(d->result_given, d->date) < 0)
			return "дата выдачи результатов раньше даты диагностики";
	}
	if ((m = text_field("предмет", d->subject, DIAG_LINE_CHARS, 0)) != NULL ||
	    (m = text_field("организатор", d->organiser, DIAG_LINE_CHARS, 0)) != NULL ||
	    (m = text_field("рекомендации", d->recommendations, DIAG_MEMO_CHARS, 1)) != NULL)
		return m;
	if (d->nblocks < 0 || d->nblocks > DIAG_MAX_BLOCKS)
		return "слишком много блоков компетенций";
	if (d->ndeficits < 0 || d->ndeficits > DIAG_MAX_DEFICITS)
		return "слишком много дефицитов";
	for (int i = 0; i < d->nblocks; i++) {
		const struct diag_block *b = &d->blocks[i];
		if (store_int(s, "SELECT count(*) FROM competency_block WHERE id = ?", "i",
			      b->block_id) == 0)
			return "нет такого блока компетенций";
		for (int j = 0; j < i; j++)
			if (d->blocks[j].block_id == b->block_id)
				return "блок компетенций указан дважды";
		if (!d->with_results)
			continue;
		if (!pct_ok(b->pct_low) || !pct_ok(b->pct_medium) || !pct_ok(b->pct_high) ||
		    !pct_ok(b->pct_overall))
			return "процент должен быть от 0 до 100";
		if ((m = text_field("затруднения", b->difficulties, DIAG_MEMO_CHARS, 1)) != NULL)
			return m;
	}
	for (int i = 0; i < d->ndeficits; i++) {
		if (store_int(s, "SELECT count(*) FROM deficit_code WHERE id = ?", "i",
			      d->deficit_ids[i]) == 0)
			return "нет такого кода дефицита";
		for (int j = 0; j < i; j++)
			if (d->deficit_ids[j] == d->deficit_ids[i])
				return "код дефицита указан дважды";
	}
	return NULL;
}

/* --- saving ------------------------------------------------------------------ */

static bool same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static char *int_text(int v)
{
	return v < 0 ? NULL : xasprintf("%d", v);
}

static char *id_text(int64_t v)
{
	return xasprintf("%lld", (long long)v);
}

static bool block_given(const struct diag_block *b)
{
	return (b->difficulties && *b->difficulties) || b->pct_low >= 0 || b->pct_medium >= 0 ||
	       b->pct_high >= 0 || b->pct_overall >= 0;
}

/* Levels of the blocks and the overall % and level, from the blocks' %. */
static void derive(const struct config *cfg, struct diagnostic *d)
{
	int sum = 0, n = 0;

	for (int i = 0; i < d->nblocks; i++) {
		struct diag_block *b = &d->blocks[i];
		strlcpy0(b->level, b->pct_overall >= 0 ? model_deficit_level(cfg, b->pct_overall) : "",
			 sizeof b->level);
		if (b->pct_overall >= 0) {
			sum += b->pct_overall;
			n++;
		}
	}
	d->pct_overall = n ? (2 * sum + n) / (2 * n) : -1;
	strlcpy0(d->level, n ? model_deficit_level(cfg, d->pct_overall) : "", sizeof d->level);
}

/* The diagnostic's editable columns; the last two are results. */
enum { DF_FORM, DF_KIND, DF_DATE, DF_SUBJECT, DF_ORGANISER, DF_ORDERED, DF_GIVEN, DF_RECOMM,
       DF_PCT, DF_LEVEL, DF_N };
static const struct { const char *col; bool isint; } dcols[DF_N] = {
	{ "form", false }, { "kind", false }, { "diag_date", false }, { "subject", false },
	{ "organiser", false }, { "ordered_by_authority", true }, { "result_given_date", false },
	{ "recommendations", false }, { "pct_overall", true }, { "level", false },
};

static void diag_values(const struct diagnostic *d, char *v[DF_N])
{
	v[DF_FORM] = xstrdup(d->form);
	v[DF_KIND] = xstrdup(d->kind);
	v[DF_DATE] = xstrdup(d->date);
	v[DF_SUBJECT] = empty_null(d->subject) ? xstrdup(d->subject) : NULL;
	v[DF_ORGANISER] = empty_null(d->organiser) ? xstrdup(d->organiser) : NULL;
	v[DF_ORDERED] = xstrdup(d->ordered ? "1" : "0");
	v[DF_GIVEN] = d->result_given[0] ? xstrdup(d->result_given) : NULL;
	v[DF_RECOMM] = empty_null(d->recommendations) ? xstrdup(d->recommendations) : NULL;
	v[DF_PCT] = int_text(d->pct_overall);
	v[DF_LEVEL] = d->level[0] ? xstrdup(d->level) : NULL;
}

/* A block row's columns. */
enum { BF_DIFF, BF_LOW, BF_MED, BF_HIGH, BF_OVERALL, BF_LEVEL, BF_N };
static const struct { const char *col; bool isint; } bcols[BF_N] = {
	{ "difficulties", false }, { "pct_low", true }, { "pct_medium", true },
	{ "pct_high", true }, { "pct_overall", true }, { "level", false },
};

static void block_values(const struct diag_block *b, char *v[BF_N])
{
	v[BF_DIFF] = empty_null(b->difficulties) ? xstrdup(b->difficulties) : NULL;
	v[BF_LOW] = int_text(b->pct_low);
	v[BF_MED] = int_text(b->pct_medium);
	v[BF_HIGH] = int_text(b->pct_high);
	v[BF_OVERALL] = int_text(b->pct_overall);
	v[BF_LEVEL] = b->level[0] ? xstrdup(b->level) : NULL;
}

static void free_values(char **v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i]);
		v[i] = NULL;
	}
}

static int audit_block_create(struct store *s, const struct actor *a, int64_t row,
			      const struct diag_block *b, char *v[BF_N])
{
	char *bid = id_text(b->block_id);
	int rc = store_audit(s, a, "create", "diagnostic_block", row, "block_id", NULL, bid);

	free(bid);
	for (int i = 0; rc == ST_OK && i < BF_N; i++)
		if (v[i])
			rc = store_audit(s, a, "create", "diagnostic_block", row, bcols[i].col, NULL, v[i]);
	return rc;
}

static int insert_block(struct store *s, const struct actor *a, int64_t diag_id,
			const struct diag_block *b)
{
	char *v[BF_N];
	int rc;

	block_values(b, v);
	rc = store_run(s, "INSERT INTO diagnostic_block (diagnostic_id, block_id, difficulties,"
		       " pct_low, pct_medium, pct_high, pct_overall, level) VALUES (?, ?, ?,"
		       " nullif(?, -1), nullif(?, -1), nullif(?, -1), nullif(?, -1), ?)",
		       "iitiiiiz", diag_id, b->block_id, v[BF_DIFF], (int64_t)b->pct_low,
		       (int64_t)b->pct_medium, (int64_t)b->pct_high, (int64_t)b->pct_overall, b->level);
	if (rc == ST_OK)
		rc = audit_block_create(s, a, sqlite3_last_insert_rowid(s->db), b, v);
	free_values(v, BF_N);
	return rc;
}

static int add_deficit(struct store *s, const struct actor *a, int64_t diag_id, int64_t code_id)
{
	char *code;
	int rc = store_run(s, "INSERT INTO diagnostic_deficit (diagnostic_id, deficit_code_id)"
			   " VALUES (?, ?)", "ii", diag_id, code_id);

	if (rc != ST_OK)
		return rc;
	code = store_text(s, "SELECT code FROM deficit_code WHERE id = ?", "i", code_id);
	rc = store_audit(s, a, "add", "diagnostic_deficit", diag_id, "deficit_code", NULL, code);
	free(code);
	return rc;
}

static int diag_insert(struct store *s, const struct actor *a, struct diagnostic *d)
{
	char *v[DF_N], *org;
	int64_t id;
	int rc;

	diag_values(d, v);
	rc = store_run(s, "INSERT INTO diagnostic (person_id, org_id, form, kind, diag_date, subject,"
		       " organiser, ordered_by_authority, pct_overall, level, result_given_date,"
		       " recommendations, author_id, application_id) VALUES (?1, (SELECT org_id FROM person WHERE id = ?1),"
		       " ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, -1), ?9, ?10, ?11,"
		       " (SELECT id FROM app_user WHERE id = ?12),"
		       " (SELECT id FROM diagnostic_application WHERE id = ?13))",
		       "itttzziizzzii", d->person_id, d->form, d->kind, d->date, d->subject, d->organiser,
		       (int64_t)d->ordered, (int64_t)d->pct_overall, d->level, d->result_given,
		       d->recommendations, a ? a->user_id : (int64_t)0, d->application_id);
	if (rc != ST_OK) {
		free_values(v, DF_N);
		return rc;
	}
	id = sqlite3_last_insert_rowid(s->db);
	{
		char *pid = id_text(d->person_id);
		rc = store_audit(s, a, "create", "diagnostic", id, "person_id", NULL, pid);
		free(pid);
	}
	org = store_text(s, "SELECT org_id FROM diagnostic WHERE id = ?", "i", id);
	if (rc == ST_OK && org)
		rc = store_audit(s, a, "create", "diagnostic", id, "org_id", NULL, org);
	free(org);
	/* The application it answers: the chain from application to card. */
	org = store_text(s, "SELECT application_id FROM diagnostic WHERE id = ?", "i", id);
	if (rc == ST_OK && org)
		rc = store_audit(s, a, "create", "diagnostic", id, "application_id", NULL, org);
	free(org);
	for (int i = 0; rc == ST_OK && i < DF_N; i++)
		if (v[i])
			rc = store_audit(s, a, "create", "diagnostic", id, dcols[i].col, NULL, v[i]);
	free_values(v, DF_N);
	for (int i = 0; rc == ST_OK && d->with_results && i < d->nblocks; i++)
		if (block_given(&d->blocks[i]))
			rc = insert_block(s, a, id, &d->blocks[i]);
	for (int i = 0; rc == ST_OK && i < d->ndeficits; i++)
		rc = add_deficit(s, a, id, d->deficit_ids[i]);
	for (int i = 0; rc == ST_OK && i < d->nanswers; i++)
		rc = store_run(s, "INSERT INTO selfcheck_answer (diagnostic_id, statement_id, score)"
			       " VALUES (?, ?, ?)", "iii", id, d->answer_ids[i], (int64_t)d->answer_scores[i]);
	if (rc == ST_OK) {
		d->id = id;
		d->version = 1;
	}
	return rc;
}

/* Set one column (a constant name) of a row; integer columns are cast. */
static int set_col(struct store *s, const char *table, const char *col, bool isint,
		   const char *value, int64_t id)
{
	char *sql = xasprintf("UPDATE %s SET %s = %s WHERE id = ?2", table, col,
			      isint ? "CAST(?1 AS INTEGER)" : "?1");
	int rc = store_run(s, sql, "ti", value, id);

	free(sql);
	return rc;
}

/* The stored block rows of a diagnostic. */
struct cur_block {
	int64_t row, block_id;
	char *v[BF_N];
	bool keep;
};

static int read_blocks(struct store *s, int64_t diag_id, struct cur_block **out, int *n)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, block_id, difficulties, pct_low, pct_medium,"
					 " pct_high, pct_overall, level FROM diagnostic_block"
					 " WHERE diagnostic_id = ? ORDER BY id");
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, diag_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cur_block *c;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		c = &(*out)[(*n)++];
		c->row = sqlite3_column_int64(st, 0);
		c->block_id = sqlite3_column_int64(st, 1);
		for (int i = 0; i < BF_N; i++)
			c->v[i] = store_col(st, 2 + i);
		c->keep = false;
	}
	if (rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(s->db));
		sqlite3_reset(st);
		return ST_ERROR;
	}
	sqlite3_reset(st);
	return ST_OK;
}

static void free_blocks(struct cur_block *c, int n)
{
	for (int i = 0; i < n; i++)
		free_values(c[i].v, BF_N);
	free(c);
}

/* Bring the block rows to the state in d; *changed counts the changes. */
static int update_blocks(struct store *s, const struct actor *a, const struct diagnostic *d,
			 int *changed)
{
	struct cur_block *cur;
	int ncur, rc = read_blocks(s, d->id, &cur, &ncur);

	for (int i = 0; rc == ST_OK && i < d->nblocks; i++) {
		const struct diag_block *b = &d->blocks[i];
		struct cur_block *c = NULL;
		char *v[BF_N];
		int row_changes = 0;

		for (int k = 0; k < ncur; k++)
			if (cur[k].block_id == b->block_id)
				c = &cur[k];
		if (!block_given(b))
			continue;   /* a stored row for it is removed below */
		if (c == NULL) {
			rc = insert_block(s, a, d->id, b);
			(*changed)++;
			continue;
		}
		c->keep = true;
		block_values(b, v);
		for (int f = 0; rc == ST_OK && f < BF_N; f++) {
			if (same(c->v[f], v[f]))
				continue;
			rc = set_col(s, "diagnostic_block", bcols[f].col, bcols[f].isint, v[f], c->row);
			if (rc == ST_OK)
				rc = store_audit(s, a, "update", "diagnostic_block", c->row, bcols[f].col,
						 c->v[f], v[f]);
			row_changes++;
		}
		free_values(v, BF_N);
		if (rc == ST_OK && row_changes)
			rc = store_run(s, "UPDATE diagnostic_block SET version = version + 1 WHERE id = ?",
				       "i", c->row);
		*changed += row_changes;
	}
	for (int k = 0; rc == ST_OK && k < ncur; k++) {
		char *bid;
		if (cur[k].keep)
			continue;
		rc = store_run(s, "DELETE FROM diagnostic_block WHERE id = ?", "i", cur[k].row);
		bid = id_text(cur[k].block_id);
		if (rc == ST_OK)
			rc = store_audit(s, a, "remove", "diagnostic_block", cur[k].row, "block_id", bid, NULL);
		free(bid);
		(*changed)++;
	}
	free_blocks(cur, ncur);
	return rc;
}

/* Bring the deficit rows to the set in d. */
static int update_deficits(struct store *s, const struct actor *a, const struct diagnostic *d,
			   int *changed)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT dd.deficit_code_id, dc.code FROM diagnostic_deficit dd"
					 " JOIN deficit_code dc ON dc.id = dd.deficit_code_id"
					 " WHERE dd.diagnostic_id = ? ORDER BY dc.code");
	int64_t *ids = NULL;
	char **codes = NULL;
	int n = 0, cap = 0, rc;

	sqlite3_bind_int64(st, 1, d->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xrealloc(ids, (size_t)cap * sizeof *ids);
			codes = xrealloc(codes, (size_t)cap * sizeof *codes);
		}
		ids[n] = sqlite3_column_int64(st, 0);
		codes[n++] = store_col(st, 1);
	}
	sqlite3_reset(st);
	rc = rc == SQLITE_DONE ? ST_OK : ST_ERROR;
	if (rc != ST_OK)
		store_set_error(s, errtext_db(s->db));
	for (int k = 0; rc == ST_OK && k < n; k++) {
		bool kept = false;
		for (int i = 0; i < d->ndeficits; i++)
			if (d->deficit_ids[i] == ids[k])
				kept = true;
		if (kept)
			continue;
		rc = store_run(s, "DELETE FROM diagnostic_deficit WHERE diagnostic_id = ? AND"
			       " deficit_code_id = ?", "ii", d->id, ids[k]);
		if (rc == ST_OK)
			rc = store_audit(s, a, "remove", "diagnostic_deficit", d->id, "deficit_code",
					 codes[k], NULL);
		(*changed)++;
	}
	for (int i = 0; rc == ST_OK && i < d->ndeficits; i++) {
		bool had = false;
		for (int k = 0; k < n; k++)
			if (ids[k] == d->deficit_ids[i])
				had = true;
		if (had)
			continue;
		rc = add_deficit(s, a, d->id, d->deficit_ids[i]);
		(*changed)++;
	}
	for (int k = 0; k < n; k++)
		free(codes[k]);
	free(codes);
	free(ids);
	return rc;
}

static int diag_update(struct store *s, const struct actor *a, struct diagnostic *d,
		       int *changed)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT form, kind, diag_date, subject, organiser,"
					 " ordered_by_authority, result_given_date, recommendations,"
					 " pct_overall, level, version, person_id FROM diagnostic WHERE id = ?");
	char *cur[DF_N], *v[DF_N];
	int64_t version, person;
	int rc, nf = d->with_results ? DF_N : DF_PCT;

	sqlite3_bind_int64(st, 1, d->id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			store_set_error(s, errtext_db(s->db));
			return ST_ERROR;
		}
		store_set_error(s, "диагностика не найдена");
		return ST_NOTFOUND;
	}
	for (int i = 0; i < DF_N; i++)
		cur[i] = store_col(st, i);
	version = sqlite3_column_int64(st, DF_N);
	person = sqlite3_column_int64(st, DF_N + 1);
	sqlite3_reset(st);
	if (version != d->version) {
		free_values(cur, DF_N);
		store_set_error(s, "диагностику уже изменили: откройте её заново");
		return ST_CONFLICT;
	}
	if (person != d->person_id) {
		free_values(cur, DF_N);
		store_set_error(s, "диагностику нельзя перенести другому педагогу");
		return ST_CONSTRAINT;
	}
	diag_values(d, v);
	rc = ST_OK;
	for (int i = 0; rc == ST_OK && i < nf; i++) {
		if (same(cur[i], v[i]) || (i == DF_RECOMM && !d->with_findings))
			continue;
		rc = set_col(s, "diagnostic", dcols[i].col, dcols[i].isint, v[i], d->id);
		if (rc == ST_OK)
			rc = store_audit(s, a, "update", "diagnostic", d->id, dcols[i].col, cur[i], v[i]);
		(*changed)++;
	}
	free_values(cur, DF_N);
	free_values(v, DF_N);
	if (rc == ST_OK && d->with_results)
		rc = update_blocks(s, a, d, changed);
	/* Codes are findings: read without them, they are not written. */
	if (rc == ST_OK && d->with_findings)
		rc = update_deficits(s, a, d, changed);
	if (rc == ST_OK && *changed) {
		rc = store_run(s, "UPDATE diagnostic SET version = version + 1 WHERE id = ? AND version = ?",
			       "ii", d->id, d->version);
		if (rc == ST_OK && sqlite3_changes(s->db) != 1)
			rc = ST_CONFLICT;
	}
	return rc;
}

int store_diag_save(struct store *s, const struct actor *a, const struct config *cfg,
		    struct diagnostic *d)
{
	const char *msg = store_diag_check(s, d);
	int rc, changed = 0;

	if (msg) {
		store_set_error(s, msg);
		return ST_CONSTRAINT;
	}
	if (d->with_results) {
		derive(cfg, d);
	} else if (d->id == 0) {
		d->pct_overall = -1;   /* nothing of the results is written */
		d->level[0] = '\0';
	}
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	if (d->id == 0)
		rc = diag_insert(s, a, d);
	else
		rc = diag_update(s, a, d, &changed);
	rc = store_end(s, rc);
	if (rc == ST_OK && d->id && changed)
		d->version++;
	return rc;
}

/* --- reading --------------------------------------------------------------- */

static char *col_dup(sqlite3_stmt *st, int i)
{
	char *v = store_col(st, i);
	if (v && *v == '\0') {
		free(v);
		v = NULL;
	}
	return v;
}

static void col_copy(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	text_fit(t ? (const char *)t : "", (int)size, dst, size);
}

static int col_pct(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i);
}

int store_diag_get(struct store *s, int64_t id, unsigned disclose, struct diagnostic *out)
{
	bool with_results = (disclose & DIAG_WITH_RESULTS) != 0;
	bool with_findings = (disclose & DIAG_WITH_FINDINGS) != 0;
	/* Without results the result columns are not even selected. */
	static const char sql_plain[] =
		"SELECT person_id, form, kind, diag_date, subject, organiser, ordered_by_authority,"
		" result_given_date, recommendations, version, coalesce(developer_id, 0),"
		" coalesce(application_id, 0) FROM diagnostic WHERE id = ?";
	static const char sql_results[] =
		"SELECT person_id, form, kind, diag_date, subject, organiser, ordered_by_authority,"
		" result_given_date, recommendations, version, coalesce(developer_id, 0),"
		" coalesce(application_id, 0), pct_overall, level"
		" FROM diagnostic WHERE id = ?";
	static const char blocks_plain[] =
		"SELECT b.block_id, c.name, c.short_name FROM diagnostic_block b"
		" JOIN competency_block c ON c.id = b.block_id"
		" WHERE b.diagnostic_id = ? ORDER BY c.sort, c.id LIMIT ?";
	static const char blocks_results[] =
		"SELECT b.block_id, c.name, b.difficulties, b.pct_low, b.pct_medium, b.pct_high,"
		" b.pct_overall, b.level, c.short_name FROM diagnostic_block b"
		" JOIN competency_block c ON c.id = b.block_id"
		" WHERE b.diagnostic_id = ? ORDER BY c.sort, c.id LIMIT ?";
	sqlite3_stmt *st = store_prepare(s, with_results ? sql_results : sql_plain);
	int rc;

	diag_init(out);
	out->with_results = with_results;
	out->with_findings = with_findings;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			store_set_error(s, errtext_db(s->db));
			return ST_ERROR;
		}
		return ST_NOTFOUND;
	}
	out->id = id;
	out->person_id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, out->form, sizeof out->form);
	col_copy(st, 2, out->kind, sizeof out->kind);
	col_copy(st, 3, out->date, sizeof out->date);
	out->subject = col_dup(st, 4);
	out->organiser = col_dup(st, 5);
	out->ordered = sqlite3_column_int(st, 6) != 0;
	col_copy(st, 7, out->result_given, sizeof out->result_given);
	out->recommendations = with_findings ? col_dup(st, 8) : NULL;
	out->version = sqlite3_column_int64(st, 9);
	out->developer_id = sqlite3_column_int64(st, 10);
	out->application_id = sqlite3_column_int64(st, 11);
	if (with_results) {
		out->pct_overall = col_pct(st, 12);
		col_copy(st, 13, out->level, sizeof out->level);
	}
	sqlite3_reset(st);

	st = store_prepare(s, with_results ? blocks_results : blocks_plain);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, DIAG_MAX_BLOCKS);
	while (out->nblocks < DIAG_MAX_BLOCKS && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct diag_block *b = &out->blocks[out->nblocks++];
		b->block_id = sqlite3_column_int64(st, 0);
		col_copy(st, 1, b->block_name, sizeof b->block_name);
		col_copy(st, with_results ? 8 : 2, b->block_short, sizeof b->block_short);
		if (with_results) {
			b->difficulties = col_dup(st, 2);
			b->pct_low = col_pct(st, 3);
			b->pct_medium = col_pct(st, 4);
			b->pct_high = col_pct(st, 5);
			b->pct_overall = col_pct(st, 6);
			col_copy(st, 7, b->level, sizeof b->level);
		}
	}
	sqlite3_reset(st);

	/* The deficit codes are findings: the card carries them. */
	if (!with_findings)
		return ST_OK;
	st = store_prepare(s, "SELECT dd.deficit_code_id, dc.code FROM diagnostic_deficit dd"
			   " JOIN deficit_code dc ON dc.id = dd.deficit_code_id"
			   " WHERE dd.diagnostic_id = ? ORDER BY dc.code LIMIT ?");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, DIAG_MAX_DEFICITS);
	while (out->ndeficits < DIAG_MAX_DEFICITS && sqlite3_step(st) == SQLITE_ROW) {
		out->deficit_ids[out->ndeficits] = sqlite3_column_int64(st, 0);
		col_copy(st, 1, out->deficit_codes[out->ndeficits], sizeof out->deficit_codes[0]);
		out->ndeficits++;
	}
	sqlite3_reset(st);
	return ST_OK;
}

int store_diag_set_developer(struct store *s, const struct actor *a, int64_t id, int64_t version,
			     int64_t developer)
{
	char *before, *after;
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	before = store_text(s, "SELECT developer_id FROM diagnostic WHERE id = ?", "i", id);
	after = developer ? xasprintf("%lld", (long long)developer) : NULL;
	rc = store_run(s, "UPDATE diagnostic SET developer_id = nullif(?, 0), version = version + 1"
		       " WHERE id = ? AND version = ?", "iii", developer, id, version);
	if (rc == ST_OK && sqlite3_changes(s->db) != 1) {
		store_set_error(s, "диагностику уже изменили: откройте её заново");
		rc = ST_CONFLICT;
	}
	if (rc == ST_OK)
		rc = store_audit(s, a, "update", "diagnostic", id, "developer_id", before, after);
	free(before);
	free(after);
	return store_end(s, rc);
}

int64_t store_diag_person(struct store *s, int64_t id)
{
	return store_int(s, "SELECT person_id FROM diagnostic WHERE id = ?", "i", id);
}

/* --- a person's diagnostics, newest first (the key is the inverted date) --- */

#define DIAG_KEY "'k' || (99999999 - CAST(replace(d.diag_date, '-', '') AS INTEGER))"

static const struct listq diag_q_results = {
	"SELECT d.id, " DIAG_KEY ", strftime('%d.%m.%Y', d.diag_date), d.kind, d.form, d.level,"
	" d.archived",
	" FROM diagnostic d",
	"d.person_id = :person AND d.archived = 0",
	DIAG_KEY,
	"d.id", false
};

static const struct listq diag_q_plain = {
	"SELECT d.id, " DIAG_KEY ", strftime('%d.%m.%Y', d.diag_date), d.kind, d.form,"
	" 'конфиденциально', d.archived",
	" FROM diagnostic d",
	"d.person_id = :person AND d.archived = 0",
	DIAG_KEY,
	"d.id", false
};

static void diag_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":person", *(const int64_t *)ctx);
}

static void relabel(char **col, const struct enum_opt *opts)
{
	char *code = *col;
	*col = xstrdup(*code ? model_enum_label(opts, code) : "");
	free(code);
}

int store_diag_page(struct store *s, int64_t person_id, unsigned disclose,
		    const struct page_req *r, struct page *out)
{
	bool with_results = (disclose & DIAG_WITH_RESULTS) != 0;
	int rc = store_run_page(s, with_results ? &diag_q_results : &diag_q_plain, diag_bind,
				&person_id, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		relabel(&out->rows[i].cols[1], diag_kinds);
		relabel(&out->rows[i].cols[2], diag_forms);
		if (with_results)
			relabel(&out->rows[i].cols[3], diag_levels);
	}
	return rc;
}
