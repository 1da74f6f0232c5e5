/* The Omsk card templates (000): the ИППР table and the interview after a
 * course. Their rows are saved through the generic save path. */
#include "store.h"
#include "store_int.h"
#include "store/iom.h"
#include "store/omsk.h"
#include "model.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void id_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":id", *(const int64_t *)ctx);
}

int store_ippr_page(struct store *s, int64_t iom_id, const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT i.id, printf('%04d%06d', b.sort, i.sort), b.short_name, i.actions,"
		" coalesce(i.expected_result, ''),"
		" coalesce(strftime('%d.%m.%Y', i.due_date), i.deadline, ''), i.archived",
		" FROM ippr_row i JOIN competency_block b ON b.id = i.block_id",
		"i.iom_id = :id AND i.archived = 0",
		"printf('%04d%06d', b.sort, i.sort)",
		"i.id", false
	};
	return store_run_page(s, &q, id_bind, &iom_id, r, out);
}

/* "now → planned" of one level pair, "—" for a side not given. */
static char *level_pair(const char *now, const char *planned)
{
	return xasprintf("%s → %s", *now ? model_enum_label(model_mastery_levels, now) : "—",
			 *planned ? model_enum_label(model_mastery_levels, planned) : "—");
}

int store_interview_page(struct store *s, int64_t person_id, bool levels, const struct page_req *r,
			 struct page *out)
{
	/* The levels per competency as "short|now|planned;…", else the
	 * interview's own pair (rows written before the levels per block). */
	static const struct listq q = {
		"SELECT c.id, 'k' || (99999999 - CAST(replace(c.interview_date, '-', '') AS INTEGER)),"
		" strftime('%d.%m.%Y', c.interview_date), coalesce(c.course_title, ''),"
		" coalesce((SELECT group_concat(x, ';') FROM (SELECT coalesce(nullif(b.short_name, ''), b.name)"
		"  || '|' || coalesce(l.level_now, '') || '|' || coalesce(l.level_planned, '') AS x"
		"  FROM course_interview_level l JOIN competency_block b ON b.id = l.block_id"
		"  WHERE l.interview_id = c.id ORDER BY b.sort, b.id)),"
		"  '|' || coalesce(c.level_now, '') || '|' || coalesce(c.level_planned, '')),"
		" coalesce(strftime('%d.%m.%Y', c.employer_followup_date), ''), c.archived",
		" FROM course_interview c",
		"c.person_id = :id AND c.archived = 0",
		"'k' || (99999999 - CAST(replace(c.interview_date, '-', '') AS INTEGER))",
		"c.id", false
	};
	int rc = store_run_page(s, &q, id_bind, &person_id, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char *raw = out->rows[i].cols[2], *text = xstrdup(""), *save = NULL;

		for (char *item = strtok_r(raw, ";", &save); levels && item; item = strtok_r(NULL, ";", &save)) {
			char *b1 = strchr(item, '|'), *b2 = b1 ? strchr(b1 + 1, '|') : NULL, *pair, *t;
			if (b2 == NULL || (b1[1] == '|' && b2[1] == '\0'))
				continue;
			*b1 = *b2 = '\0';
			pair = level_pair(b1 + 1, b2 + 1);
			t = xasprintf("%s%s%s%s%s", text, *text ? "; " : "", item, *item ? ": " : "", pair);
			free(pair);
			free(text);
			text = t;
		}
		out->rows[i].cols[2] = text;
		free(raw);
	}
	return rc;
}

/* --- the card's template -------------------------------------------------------- */

int store_iom_template(struct store *s, int64_t iom_id, char tpl[8])
{
	char *t = store_text(s, "SELECT template FROM iom WHERE id = ?", "i", iom_id);

	tpl[0] = '\0';
	if (t == NULL)
		return ST_NOTFOUND;
	strlcpy0(tpl, t, 8);
	free(t);
	return ST_OK;
}

int store_iom_set_template(struct store *s, const struct actor *a, int64_t iom_id, const char *tpl)
{
	char *was, *status;
	int rc;

	if (tpl == NULL || (strcmp(tpl, IOM_TEMPLATE_IOM) != 0 && strcmp(tpl, IOM_TEMPLATE_IPPR) != 0)) {
		store_set_error(s, "неизвестный шаблон карты (допустимы «Карта ИОМ» и ИППР)");
		return ST_CONSTRAINT;
	}
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	was = store_text(s, "SELECT template FROM iom WHERE id = ?", "i", iom_id);
	status = store_text(s, "SELECT status FROM iom WHERE id = ?", "i", iom_id);
	if (was == NULL) {
		store_set_error(s, "карта ИОМ не найдена");
		rc = ST_NOTFOUND;
	} else if (strcmp(was, tpl) == 0) {
		rc = ST_OK;
	} else if (status == NULL || strcmp(status, "draft") != 0) {
		store_set_error(s, "шаблон выбирается при создании карты: карта уже не черновик");
		rc = ST_CONSTRAINT;
	} else {
		rc = store_run(s, "UPDATE iom SET template = ?, version = version + 1 WHERE id = ?", "ti",
			       tpl, iom_id);
		if (rc == ST_OK)
			rc = store_audit(s, a, "update", "iom", iom_id, "template", was, tpl);
	}
	free(was);
	free(status);
	return store_end(s, rc);
}

int store_iom_create_template(struct store *s, const struct actor *a, const struct config *cfg,
			      const char *tpl, int64_t person_id, int model, int64_t entry_diag_id,
			      int64_t curator_id, int64_t developer_id, struct iom_head *out)
{
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	/* Both steps nest in this transaction (savepoints). */
	rc = store_iom_create(s, a, cfg, person_id, model, entry_diag_id, curator_id, developer_id, out);
	if (rc == ST_OK && strcmp(tpl, IOM_TEMPLATE_IOM) != 0)
		rc = store_iom_set_template(s, a, out->id, tpl);
	rc = store_end(s, rc);
	if (rc != ST_OK) {
		iom_free(out);
		iom_init(out);
	}
	return rc;
}

/* --- the interview after a course ---------------------------------------------- */

const char *const interview_stage_keys[INTERVIEW_STAGES] = {
	"setting", "reflective", "motivational", "design", "prognostic",
};

static const char *const stage_cols[INTERVIEW_STAGES] = {
	"stage_setting", "stage_reflective", "stage_motivational", "stage_design", "stage_prognostic",
};

void interview_init(struct interview *iv)
{
	memset(iv, 0, sizeof *iv);
}

void interview_free(struct interview *iv)
{
	free(iv->course_title);
	for (int i = 0; i < INTERVIEW_STAGES; i++)
		free(iv->stage[i]);
	free(iv->followup_note);
	free(iv->levels);
	interview_init(iv);
}

static void copy_col(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	strlcpy0(buf, v ? v : "", n);
}

static char *dup_col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v && *v ? xstrdup(v) : NULL;
}

char *store_course_label(struct store *s, int64_t course_id, int64_t person_id)
{
	return store_text(s, "SELECT title || ' (' || strftime('%d.%m.%Y', end_date) || ')' FROM course"
			  " WHERE id = ? AND person_id = ? AND archived = 0", "ii", course_id, person_id);
}

int store_ippr_blocks(struct store *s, int64_t *ids, char **names, char **shorts, int max)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, name, coalesce(nullif(short_name, ''), name) FROM competency_block"
					 " WHERE kind = 'teacher' AND archived = 0 ORDER BY sort, id");
	int n = 0;

	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		names[n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		if (shorts)
			shorts[n] = xstrdup((const char *)sqlite3_column_text(st, 2));
		n++;
	}
	sqlite3_reset(st);
	return n;
}

int64_t store_ippr_interview(struct store *s, int64_t iom_id)
{
	return store_int(s, "SELECT id FROM course_interview WHERE iom_id = ? AND archived = 0"
			 " ORDER BY interview_date DESC, id DESC LIMIT 1", "i", iom_id);
}

#define MAX_BLOCKS 32

int store_interview_get(struct store *s, int64_t id, int64_t person_id, struct interview *out)
{
	int64_t ids[MAX_BLOCKS];
	char *names[MAX_BLOCKS], *shorts[MAX_BLOCKS];
	int n;

	interview_init(out);
	out->person_id = person_id;
	if (id) {
		sqlite3_stmt *st = store_prepare(s,
			"SELECT id, version, person_id, coalesce(course_id, 0), coalesce(iom_id, 0),"
			" course_title, interview_date, stage_setting, stage_reflective, stage_motivational,"
			" stage_design, stage_prognostic, employer_followup_date, employer_followup_note"
			" FROM course_interview WHERE id = ?");
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			store_set_error(s, "собеседование не найдено");
			return ST_NOTFOUND;
		}
		out->id = sqlite3_column_int64(st, 0);
		out->version = sqlite3_column_int64(st, 1);
		out->person_id = sqlite3_column_int64(st, 2);
		out->course_id = sqlite3_column_int64(st, 3);
		out->iom_id = sqlite3_column_int64(st, 4);
		out->course_title = dup_col(st, 5);
		copy_col(st, 6, out->date, sizeof out->date);
		for (int i = 0; i < INTERVIEW_STAGES; i++)
			out->stage[i] = dup_col(st, 7 + i);
		copy_col(st, 12, out->followup_date, sizeof out->followup_date);
		out->followup_note = dup_col(st, 13);
		sqlite3_reset(st);
		if (out->course_id) {
			char *label = store_course_label(s, out->course_id, out->person_id);
			if (label) {
				free(out->course_title);
				out->course_title = label;
			}
		}
	} else {
		out->iom_id = store_int(s, "SELECT id FROM iom WHERE person_id = ? AND template = 'ippr'"
					" AND archived = 0 AND status <> 'cancelled'"
					" ORDER BY coalesce(start_date, developed_date) DESC, id DESC LIMIT 1",
					"i", person_id);
	}
	n = store_ippr_blocks(s, ids, names, shorts, MAX_BLOCKS);
	out->levels = xcalloc((size_t)(n ? n : 1), sizeof *out->levels);
	out->nlevels = n;
	for (int i = 0; i < n; i++) {
		struct interview_level *l = &out->levels[i];
		l->block_id = ids[i];
		strlcpy0(l->name, names[i], sizeof l->name);
		strlcpy0(l->short_name, shorts[i], sizeof l->short_name);
		free(names[i]);
		free(shorts[i]);
		if (out->id) {
			sqlite3_stmt *st = store_prepare(s, "SELECT coalesce(level_now, ''), coalesce(level_planned, '')"
							 " FROM course_interview_level WHERE interview_id = ? AND block_id = ?");
			sqlite3_bind_int64(st, 1, out->id);
			sqlite3_bind_int64(st, 2, l->block_id);
			if (sqlite3_step(st) == SQLITE_ROW) {
				copy_col(st, 0, l->now, sizeof l->now);
				copy_col(st, 1, l->planned, sizeof l->planned);
			}
			sqlite3_reset(st);
		}
	}
	return ST_OK;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static const char *nz(const char *v)
{
	return v && *v ? v : NULL;
}

/* One level of a block as the journal keeps it: "Предметные: by_model". */
static char *level_entry(const char *block, const char *code)
{
	return code && *code ? xasprintf("%s: %s", block, code) : NULL;
}

static int save_levels(struct store *s, const struct actor *a, const struct interview *iv)
{
	int rc = ST_OK;

	for (int i = 0; rc == ST_OK && i < iv->nlevels; i++) {
		const struct interview_level *l = &iv->levels[i];
		char was_now[16] = "", was_planned[16] = "";
		sqlite3_stmt *st = store_prepare(s, "SELECT coalesce(level_now, ''), coalesce(level_planned, '')"
						 " FROM course_interview_level WHERE interview_id = ? AND block_id = ?");
		bool had;

		sqlite3_bind_int64(st, 1, iv->id);
		sqlite3_bind_int64(st, 2, l->block_id);
		had = sqlite3_step(st) == SQLITE_ROW;
		if (had) {
			copy_col(st, 0, was_now, sizeof was_now);
			copy_col(st, 1, was_planned, sizeof was_planned);
		}
		sqlite3_reset(st);
		if (strcmp(was_now, l->now) == 0 && strcmp(was_planned, l->planned) == 0)
			continue;
		if (!l->now[0] && !l->planned[0])
			rc = store_run(s, "DELETE FROM course_interview_level WHERE interview_id = ? AND block_id = ?",
				       "ii", iv->id, l->block_id);
		else if (had)
			rc = store_run(s, "UPDATE course_interview_level SET level_now = ?, level_planned = ?,"
				       " version = version + 1 WHERE interview_id = ? AND block_id = ?", "ttii",
				       nz(l->now), nz(l->planned), iv->id, l->block_id);
		else
			rc = store_run(s, "INSERT INTO course_interview_level(interview_id, block_id, level_now,"
				       " level_planned) VALUES (?, ?, ?, ?)", "iitt",
				       iv->id, l->block_id, nz(l->now), nz(l->planned));
		if (rc == ST_OK && strcmp(was_now, l->now) != 0) {
			char *b = level_entry(l->name, was_now), *n = level_entry(l->name, l->now);
			rc = store_audit(s, a, iv->version ? "update" : "create", "course_interview", iv->id,
					 "level_now", b, n);
			free(b);
			free(n);
		}
		if (rc == ST_OK && strcmp(was_planned, l->planned) != 0) {
			char *b = level_entry(l->name, was_planned), *n = level_entry(l->name, l->planned);
			rc = store_audit(s, a, iv->version ? "update" : "create", "course_interview", iv->id,
					 "level_planned", b, n);
			free(b);
			free(n);
		}
	}
	return rc;
}

int store_interview_save(struct store *s, const struct actor *a, struct interview *iv)
{
	struct interview cur;
	char *title = NULL;
	int rc = ST_OK;

	if (iv->course_id) {
		title = store_course_label(s, iv->course_id, iv->person_id);
		if (title == NULL) {
			store_set_error(s, "курс не из истории курсов этого педагога");
			return ST_CONSTRAINT;
		}
		free(iv->course_title);
		iv->course_title = title;
	}
	if (iv->course_title == NULL || iv->date[0] == '\0') {
		store_set_error(s, "нужны курс и дата собеседования");
		return ST_CONSTRAINT;
	}
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	if (iv->id == 0) {
		rc = store_run(s, "INSERT INTO course_interview(person_id, course_id, course_title, iom_id,"
			       " interview_date, interviewer_id, stage_setting, stage_reflective, stage_motivational,"
			       " stage_design, stage_prognostic, employer_followup_date, employer_followup_note)"
			       " VALUES (?, nullif(?, 0), ?, nullif(?, 0), ?, (SELECT person_id FROM app_user WHERE id = ?),"
			       " ?, ?, ?, ?, ?, ?, ?)", "iititittttttt",
			       iv->person_id, iv->course_id, iv->course_title, iv->iom_id, iv->date,
			       a ? a->user_id : (int64_t)0, nz(iv->stage[0]), nz(iv->stage[1]), nz(iv->stage[2]),
			       nz(iv->stage[3]), nz(iv->stage[4]), nz(iv->followup_date), nz(iv->followup_note));
		if (rc == ST_OK) {
			iv->id = sqlite3_last_insert_rowid(s->db);
			rc = store_audit(s, a, "create", "course_interview", iv->id, "course_title", NULL,
					 iv->course_title);
		}
		if (rc == ST_OK)
			rc = save_levels(s, a, iv);
		if (rc == ST_OK)
			iv->version = 1;
		else
			iv->id = 0;
		return store_end(s, rc);
	}
	rc = store_interview_get(s, iv->id, iv->person_id, &cur);
	if (rc == ST_OK && cur.version != iv->version)
		rc = ST_CONFLICT;
	if (rc == ST_OK) {
		struct {
			const char *col, *was, *now;
		} f[] = {
			{ "course_title", cur.course_title, iv->course_title },
			{ "interview_date", cur.date, iv->date },
			{ "employer_followup_date", cur.followup_date, iv->followup_date },
			{ "employer_followup_note", cur.followup_note, iv->followup_note },
			{ stage_cols[0], cur.stage[0], iv->stage[0] },
			{ stage_cols[1], cur.stage[1], iv->stage[1] },
			{ stage_cols[2], cur.stage[2], iv->stage[2] },
			{ stage_cols[3], cur.stage[3], iv->stage[3] },
			{ stage_cols[4], cur.stage[4], iv->stage[4] },
		};
		if (cur.course_id != iv->course_id)
			rc = store_run(s, "UPDATE course_interview SET course_id = nullif(?, 0) WHERE id = ?", "ii",
				       iv->course_id, iv->id);
		for (size_t i = 0; rc == ST_OK && i < NITEMS(f); i++) {
			char *sql;
			if (same_text(f[i].was, f[i].now))
				continue;
			sql = xasprintf("UPDATE course_interview SET %s = ? WHERE id = ?", f[i].col);
			rc = store_run(s, sql, "ti", nz(f[i].now), iv->id);
			free(sql);
			if (rc == ST_OK)
				rc = store_audit(s, a, "update", "course_interview", iv->id, f[i].col,
						 nz(f[i].was), nz(f[i].now));
		}
		if (rc == ST_OK)
			rc = save_levels(s, a, iv);
		if (rc == ST_OK) {
			/* The version moves with every save, levels alone included. */
			rc = store_run(s, "UPDATE course_interview SET version = version + 1 WHERE id = ? AND version = ?",
				       "ii", iv->id, iv->version);
			if (rc == ST_OK && sqlite3_changes(s->db) != 1)
				rc = ST_CONFLICT;
		}
	}
	interview_free(&cur);
	rc = store_end(s, rc);
	if (rc == ST_OK)
		iv->version++;
	return rc;
}
