/* Between the moves of an ИОМ card (see iom_review.h): correction
 * proposals and their answers, the curator's notes, the teacher's
 * self-analysis, and the changes after approval read and confirmed one by
 * one.
 *
 * Audit rows: a proposal under tbl 'iom_proposal' ('create': field text;
 * 'answer': field answer, after = the answer and its reason), a note under
 * 'iom_note' ('create'), the self-analysis under 'iom' ('update', field
 * self_analysis), a confirmation under 'iom_change' ('confirm', field = the
 * role's *_confirmed_at column, after = the time) as store_iom_confirm
 * writes it. */
#include "store/iom_review.h"
#include "store/iom.h"
#include "store.h"
#include "store_int.h"
#include "date.h"
#include "route.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct enum_opt iom_proposal_parties[] = {
	{ "teacher", "педагог" },
	{ "curator", "куратор" },
	{ "school", "руководитель ОО" },
	{ "mo_head", "руководитель МО школы" },
	{ NULL, NULL }
};

const struct enum_opt iom_note_kinds[] = {
	{ "consultation", "консультация" },
	{ "intermediate", "промежуточный результат" },
	{ "correction", "корректировка" },
	{ NULL, NULL }
};

const struct enum_opt iom_proposal_fields[] = {
	{ "tasks", "Задачи" },
	{ "start_date", "Начало" },
	{ "end_date", "Окончание" },
	{ "final_event", "Заключительное мероприятие" },
	{ "final_event_date", "Дата заключительного мероприятия" },
	{ "curator_id", "Куратор" },
	{ NULL, NULL }
};

#define TEXT_MAX 4000

static int refuse(struct store *s, const char *msg)
{
	store_set_error(s, msg);
	return ST_CONSTRAINT;
}

static bool known(const struct enum_opt *o, const char *code)
{
	for (; code && o->code; o++)
		if (strcmp(o->code, code) == 0)
			return true;
	return false;
}

/* Text with something in it, not too long. */
static bool blank(const char *t)
{
	if (t == NULL)
		return true;
	for (; *t; t++)
		if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
			return false;
	return true;
}

bool store_iom_mo_head_of(struct store *s, int64_t viewer, int64_t teacher)
{
	if (viewer == 0 || teacher == 0 || viewer == teacher)
		return false;
	return store_int(s, "SELECT " STORE_MO_HEAD_OF("?1", "?2"), "ii", viewer, teacher) > 0;
}

/* --- proposals ------------------------------------------------------------ */

int store_iom_proposal_add(struct store *s, const struct actor *a, int64_t iom_id, const char *party,
			   int64_t author, int64_t activity_id, const char *field, const char *text,
			   int64_t *id)
{
	char *status;
	const char *stage;
	int rc;

	if (id)
		*id = 0;
	if (!known(iom_proposal_parties, party))
		return refuse(s, "неизвестно, от кого предложение");
	if (blank(text))
		return refuse(s, "Напишите, что предлагаете изменить");
	if (strlen(text) > TEXT_MAX)
		return refuse(s, "Предложение длиннее 4000 знаков");
	if (field && *field && !known(iom_proposal_fields, field))
		return refuse(s, "такого поля карты нет");
	if ((rc = store_begin(s)) != ST_OK)
		return rc;
	status = store_text(s, "SELECT status FROM iom WHERE id = ?", "i", iom_id);
	stage = status == NULL ? NULL : strcmp(status, "review") == 0 ? "review"
	      : route_change_needs_confirmation(status) ? "implementation" : NULL;
	if (status == NULL)
		rc = ST_NOTFOUND;
	else if (stage == NULL)
		rc = refuse(s, "предложения вносят, пока ИОМ на согласовании или реализуется");
	else if (activity_id &&
		 store_int(s, "SELECT count(*) FROM iom_activity WHERE id = ? AND iom_id = ?", "ii",
			   activity_id, iom_id) == 0)
		rc = refuse(s, "эта строка не из дорожной карты этого ИОМ");
	if (rc == ST_OK) {
		char now[20];
		now_utc_today(now);
		rc = store_run(s, "INSERT INTO iom_proposal (iom_id, stage, party, author_id, user_id,"
			       " activity_id, field, text, created_at) VALUES (?, ?, ?, nullif(?, 0),"
			       " (SELECT id FROM app_user WHERE id = ?), nullif(?, 0), nullif(?, ''), ?, ?)",
			       "ittiiittt", iom_id, stage, party, author, a ? a->user_id : (int64_t)0,
			       activity_id, field ? field : "", text, now);
	}
	if (rc == ST_OK) {
		int64_t nid = sqlite3_last_insert_rowid(store_db(s));
		rc = store_audit(s, a, "create", "iom_proposal", nid, "text", NULL, text);
		if (rc == ST_OK && id)
			*id = nid;
	}
	free(status);
	return store_end(s, rc);
}

void iom_proposal_free(struct iom_proposal *p)
{
	free(p->text);
	free(p->answer_text);
	free(p->about);
	memset(p, 0, sizeof *p);
}

static void copy_col(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	text_fit(t ? (const char *)t : "", (int)size, dst, size);
}

static void local_col(sqlite3_stmt *st, int i, char out[17])
{
	const unsigned char *t = sqlite3_column_text(st, i);
	out[0] = '\0';
	if (t)
		utc_to_local((const char *)t, out);
}

/* What a proposal is about, in words. */
static char *about_text(const char *field, const char *activity)
{
	if (activity && *activity)
		return xasprintf("строка дорожной карты «%s»", activity);
	if (field && *field)
		return xasprintf("поле «%s»", model_enum_label(iom_proposal_fields, field));
	return xstrdup("карта в целом");
}

int store_iom_proposal_get(struct store *s, int64_t id, struct iom_proposal *out)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT p.id, p.version, p.iom_id, coalesce(p.activity_id, 0), p.stage, p.party,"
		" coalesce(p.answer, ''), coalesce(p.field, ''), p.text, p.answer_text, t.activity,"
		" coalesce(" STORE_FIO("ap") ", ua.full_name, ua.login, ''),"
		" coalesce(" STORE_FIO("bp") ", ub.full_name, ub.login, ''), p.created_at, p.answered_at"
		" FROM iom_proposal p LEFT JOIN iom_activity t ON t.id = p.activity_id"
		" LEFT JOIN person ap ON ap.id = p.author_id LEFT JOIN app_user ua ON ua.id = p.user_id"
		" LEFT JOIN app_user ub ON ub.id = p.answered_by LEFT JOIN person bp ON bp.id = ub.person_id"
		" WHERE p.id = ?");
	int rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? ST_NOTFOUND : ST_ERROR;
	}
	out->id = sqlite3_column_int64(st, 0);
	out->version = sqlite3_column_int64(st, 1);
	out->iom_id = sqlite3_column_int64(st, 2);
	out->activity_id = sqlite3_column_int64(st, 3);
	copy_col(st, 4, out->stage, sizeof out->stage);
	copy_col(st, 5, out->party, sizeof out->party);
	copy_col(st, 6, out->answer, sizeof out->answer);
	copy_col(st, 7, out->field, sizeof out->field);
	out->text = store_col(st, 8);
	out->answer_text = store_col(st, 9);
	{
		char *act = store_col(st, 10);
		out->about = about_text(out->field, act);
		free(act);
	}
	copy_col(st, 11, out->author, sizeof out->author);
	copy_col(st, 12, out->answerer, sizeof out->answerer);
	local_col(st, 13, out->at);
	local_col(st, 14, out->answered_at);
	sqlite3_reset(st);
	if (out->text == NULL)
		out->text = xstrdup("");
	return ST_OK;
}

int store_iom_proposal_answer(struct store *s, const struct actor *a, int64_t id, int64_t version,
			      bool accepted, const char *reason)
{
	char now[20];
	int rc;

	if (!accepted && blank(reason))
		return refuse(s, "Отклоняя предложение, укажите причину");
	if (reason && strlen(reason) > TEXT_MAX)
		return refuse(s, "Ответ длиннее 4000 знаков");
	if ((rc = store_begin(s)) != ST_OK)
		return rc;
	now_utc_today(now);
	rc = store_run(s, "UPDATE iom_proposal SET answer = ?, answer_text = nullif(?, ''),"
		       " answered_by = (SELECT id FROM app_user WHERE id = ?), answered_at = ?,"
		       " version = version + 1 WHERE id = ? AND version = ? AND answer IS NULL",
		       "ttitii", accepted ? "accepted" : "declined", blank(reason) ? "" : reason,
		       a ? a->user_id : (int64_t)0, now, id, version);
	if (rc == ST_OK && sqlite3_changes(store_db(s)) == 0) {
		store_set_error(s, store_int(s, "SELECT count(*) FROM iom_proposal WHERE id = ?", "i", id)
				? "на это предложение уже ответили" : "предложение не найдено");
		rc = ST_CONFLICT;
	}
	if (rc == ST_OK) {
		char *after = xasprintf("%s%s%s", accepted ? "принято" : "отклонено",
					blank(reason) ? "" : ": ", blank(reason) ? "" : reason);
		rc = store_audit(s, a, "answer", "iom_proposal", id, "answer", NULL, after);
		free(after);
	}
	return store_end(s, rc);
}

int store_iom_open_proposals(struct store *s, int64_t iom_id, int *n)
{
	int64_t v = store_int(s, "SELECT count(*) FROM iom_proposal WHERE iom_id = ? AND answer IS NULL",
			      "i", iom_id);
	if (v < 0)
		return ST_ERROR;
	*n = (int)v;
	return ST_OK;
}

/* --- notes ------------------------------------------------------------------ */

int store_iom_note_add(struct store *s, const struct actor *a, int64_t iom_id, const char *date_iso,
		       const char *kind, const char *text, int64_t author, int64_t *id)
{
	char today[11];
	int y, m, d, rc;

	if (id)
		*id = 0;
	if (!known(iom_note_kinds, kind))
		return refuse(s, "вид заметки: консультация, промежуточный результат или корректировка");
	if (date_iso == NULL || !date_parse_iso(date_iso, &y, &m, &d))
		return refuse(s, "Дата заметки — ДД.ММ.ГГГГ");
	today_iso(today);
	if (strcmp(date_iso, today) > 0)
		return refuse(s, "Заметку датируют не позже сегодняшнего дня");
	if (blank(text))
		return refuse(s, "Заметка пуста");
	if (strlen(text) > TEXT_MAX)
		return refuse(s, "Заметка длиннее 4000 знаков");
	if ((rc = store_begin(s)) != ST_OK)
		return rc;
	if (store_int(s, "SELECT count(*) FROM iom WHERE id = ?", "i", iom_id) == 0)
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		rc = store_run(s, "INSERT INTO iom_note (iom_id, note_date, kind, text, author_id, user_id)"
			       " VALUES (?, ?, ?, ?, nullif(?, 0), (SELECT id FROM app_user WHERE id = ?))",
			       "itttii", iom_id, date_iso, kind, text, author, a ? a->user_id : (int64_t)0);
	if (rc == ST_OK) {
		int64_t nid = sqlite3_last_insert_rowid(store_db(s));
		char *after = xasprintf("%s, %s: %s", model_enum_label(iom_note_kinds, kind), date_iso, text);
		rc = store_audit(s, a, "create", "iom_note", nid, "text", NULL, after);
		free(after);
		if (rc == ST_OK && id)
			*id = nid;
	}
	return store_end(s, rc);
}

int store_iom_note_get(struct store *s, int64_t id, char date[11], char kind[64], char author[200],
		       char **text)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT n.note_date, n.kind, coalesce(" STORE_FIO("p") ", u.full_name, u.login, ''), n.text"
		" FROM iom_note n LEFT JOIN person p ON p.id = n.author_id"
		" LEFT JOIN app_user u ON u.id = n.user_id WHERE n.id = ?");
	char code[32];

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return ST_NOTFOUND;
	}
	copy_col(st, 0, date, 11);
	copy_col(st, 1, code, sizeof code);
	strlcpy0(kind, model_enum_label(iom_note_kinds, code), 64);
	copy_col(st, 2, author, 200);
	*text = store_col(st, 3);
	sqlite3_reset(st);
	if (*text == NULL)
		*text = xstrdup("");
	return ST_OK;
}

int store_iom_notes_each(struct store *s, int64_t iom_id, int max,
			 void (*cb)(void *ctx, const char *date, const char *kind, const char *author,
				    const char *text),
			 void *ctx)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT n.note_date, n.kind, coalesce(" STORE_FIO("p") ", u.full_name, u.login, ''), n.text"
		" FROM iom_note n LEFT JOIN person p ON p.id = n.author_id"
		" LEFT JOIN app_user u ON u.id = n.user_id WHERE n.iom_id = ?"
		" ORDER BY n.note_date, n.id LIMIT ?");
	int step;

	sqlite3_bind_int64(st, 1, iom_id);
	sqlite3_bind_int(st, 2, max);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		cb(ctx, (const char *)sqlite3_column_text(st, 0),
		   model_enum_label(iom_note_kinds, kind ? kind : ""),
		   (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? ST_OK : ST_ERROR;
}

/* --- the discussion: proposals and notes in one list ----------------------------- */

static void id_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":id", *(const int64_t *)ctx);
}

int store_iom_discussion_page(struct store *s, int64_t iom_id, const struct page_req *r,
			      struct page *out)
{
	static const struct listq q = {
		"SELECT d.id, d.k, d.day, d.who, d.what, d.state, 0",
		" FROM (SELECT p.id AS id, date(p.created_at) || 'P' || printf('%012d', p.id) AS k,"
		"  date(p.created_at) AS day,"
		"  CASE p.party WHEN 'teacher' THEN 'педагог' WHEN 'curator' THEN 'куратор'"
		"   WHEN 'school' THEN 'рук. ОО' ELSE 'рук. МО' END"
		"   || coalesce(' ' || ap.surname, '') AS who,"
		"  p.text || CASE WHEN t.activity IS NOT NULL THEN ' (к строке «' || t.activity || '»)'"
		"   WHEN p.field IS NOT NULL THEN ' (' || p.field || ')' ELSE '' END AS what,"
		"  CASE p.answer WHEN 'accepted' THEN 'принято' || coalesce(': ' || p.answer_text, '')"
		"   WHEN 'declined' THEN 'отклонено: ' || p.answer_text ELSE 'ждёт ответа' END AS state,"
		"  p.iom_id AS iom_id"
		"  FROM iom_proposal p LEFT JOIN person ap ON ap.id = p.author_id"
		"  LEFT JOIN iom_activity t ON t.id = p.activity_id"
		"  UNION ALL SELECT n.id, n.note_date || 'N' || printf('%012d', n.id), n.note_date,"
		"  'куратор' || coalesce(' ' || np.surname, ''), n.text,"
		"  CASE n.kind WHEN 'consultation' THEN 'консультация' WHEN 'intermediate' THEN"
		"   'промежуточный результат' WHEN 'correction' THEN 'корректировка' ELSE 'заметка' END,"
		"  n.iom_id"
		"  FROM iom_note n LEFT JOIN person np ON np.id = n.author_id) d",
		"d.iom_id = :id",
		"d.k",
		"d.id", false
	};
	int rc = store_run_page(s, &q, id_bind, &iom_id, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		struct list_row *row = &out->rows[i];
		char shown[11];
		date_format_ru(row->cols[0] ? row->cols[0] : "", shown);
		page_set_col(out, i, 0, shown);
		/* A field named by its column reads by its label. */
		for (const struct enum_opt *f = iom_proposal_fields; row->cols[2] && f->code; f++) {
			char *col = xasprintf("(%s)", f->code);
			char *at = strstr(row->cols[2], col);
			if (at && at[strlen(col)] == '\0') {
				char *t = xasprintf("%.*s(%s)%s", (int)(at - row->cols[2]), row->cols[2], f->label,
						    at + strlen(col));
				page_set_col(out, i, 2, t);
				free(t);
				free(col);
				break;
			}
			free(col);
		}
		for (char *p = row->cols[2]; p && *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
	}
	return rc;
}

/* --- self-analysis ------------------------------------------------------------- */

int store_iom_set_self_analysis(struct store *s, const struct actor *a, int64_t iom_id,
				int64_t version, const char *text)
{
	char *before;
	int rc;

	if (text && strlen(text) > 10000)
		return refuse(s, "Самоанализ длиннее 10000 знаков");
	if ((rc = store_begin(s)) != ST_OK)
		return rc;
	before = store_text(s, "SELECT self_analysis FROM iom WHERE id = ?", "i", iom_id);
	rc = store_run(s, "UPDATE iom SET self_analysis = nullif(?, ''), version = version + 1"
		       " WHERE id = ? AND version = ?", "tii", blank(text) ? "" : text, iom_id, version);
	if (rc == ST_OK && sqlite3_changes(store_db(s)) == 0) {
		store_set_error(s, "карту только что изменил другой пользователь: откройте её снова");
		rc = ST_CONFLICT;
	}
	if (rc == ST_OK)
		rc = store_audit(s, a, "update", "iom", iom_id, "self_analysis", before,
				 blank(text) ? NULL : text);
	free(before);
	return store_end(s, rc);
}

/* --- changes after approval, one by one -------------------------------------------- */

void iom_change_view_free(struct iom_change_view *c)
{
	free(c->what);
	free(c->before);
	free(c->after);
	memset(c, 0, sizeof *c);
}

int store_iom_change_get(struct store *s, int64_t id, store_mask_fn masked, const void *ctx,
			 struct iom_change_view *out)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT c.id, c.version, c.iom_id, c.at, coalesce(" STORE_FIO("p") ", u.full_name, u.login,"
		" 'система'), c.tbl, c.field, c.before, c.after, t.activity,"
		" c.curator_confirmed_at IS NULL, c.head_confirmed_at IS NULL, c.teacher_confirmed_at IS NULL"
		" FROM iom_change c LEFT JOIN app_user u ON u.id = c.user_id"
		" LEFT JOIN person p ON p.id = u.person_id"
		" LEFT JOIN iom_activity t ON c.tbl = 'iom_activity' AND t.id = c.record_id WHERE c.id = ?");
	char *tbl, *field, *before, *after, *row;
	const char *label;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return ST_NOTFOUND;
	}
	out->id = sqlite3_column_int64(st, 0);
	out->version = sqlite3_column_int64(st, 1);
	out->iom_id = sqlite3_column_int64(st, 2);
	local_col(st, 3, out->at);
	copy_col(st, 4, out->who, sizeof out->who);
	tbl = store_col(st, 5);
	field = store_col(st, 6);
	before = store_col(st, 7);
	after = store_col(st, 8);
	row = store_col(st, 9);
	out->wait_curator = sqlite3_column_int(st, 10);
	out->wait_head = sqlite3_column_int(st, 11);
	out->wait_teacher = sqlite3_column_int(st, 12);
	sqlite3_reset(st);
	if (tbl == NULL)
		tbl = xstrdup("");
	label = store_iom_field_label(tbl, field);
	if (label == NULL)
		label = field ? "другое поле" : "запись";
	if (strcmp(tbl, "iom_activity") == 0)
		out->what = row && !(field && strcmp(field, "activity") == 0)
			? xasprintf("Дорожная карта, «%s»: %s", row, label)
			: xasprintf("Дорожная карта: %s", label);
	else
		out->what = xstrdup(label);
	if (masked && masked(ctx, tbl, field)) {
		out->before = xstrdup(before ? "конфиденциально" : "—");
		out->after = xstrdup(after ? "конфиденциально" : "—");
	} else {
		out->before = store_iom_value_label(s, tbl, field, before);
		out->after = store_iom_value_label(s, tbl, field, after);
	}
	free(tbl);
	free(field);
	free(before);
	free(after);
	free(row);
	return ST_OK;
}

#define CHANGE_KEY "printf('k%012d', 999999999999 - c.id)"

int store_iom_change_rows_page(struct store *s, int64_t iom_id, store_mask_fn masked, const void *ctx,
			       const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT c.id, " CHANGE_KEY ", '', '', '',"
		" rtrim(CASE WHEN c.curator_confirmed_at IS NULL THEN 'куратор, ' ELSE '' END"
		"  || CASE WHEN c.head_confirmed_at IS NULL THEN 'руководитель ОО, ' ELSE '' END"
		"  || CASE WHEN c.teacher_confirmed_at IS NULL THEN 'педагог, ' ELSE '' END, ', '), 0",
		" FROM iom_change c",
		"c.iom_id = :id",
		CHANGE_KEY,
		"c.id", false
	};
	int rc = store_run_page(s, &q, id_bind, &iom_id, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		struct iom_change_view v;
		char *what;
		if (store_iom_change_get(s, out->rows[i].id, masked, ctx, &v) != ST_OK)
			continue;
		page_set_col(out, i, 0, v.at);
		page_set_col(out, i, 1, v.who);
		what = xasprintf("%s: %s → %s", v.what, v.before, v.after);
		for (char *p = what; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		page_set_col(out, i, 2, what);
		free(what);
		if (out->rows[i].cols[3] && !*out->rows[i].cols[3])
			page_set_col(out, i, 3, "подтверждено");
		iom_change_view_free(&v);
	}
	return rc;
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

int store_iom_change_confirm_one(struct store *s, const struct actor *a, int64_t change_id,
				 const char *role)
{
	const char *p = role_prefix(role);
	char now[20], *sql, *field;
	int rc;

	if (p == NULL)
		return refuse(s, "изменения подтверждают куратор, руководитель ОО и педагог");
	if ((rc = store_begin(s)) != ST_OK)
		return rc;
	now_utc_today(now);
	sql = xasprintf("UPDATE iom_change SET %s_confirmed_at = ?, %s_user_id ="
			" (SELECT id FROM app_user WHERE id = ?), version = version + 1"
			" WHERE id = ? AND %s_confirmed_at IS NULL", p, p, p);
	field = xasprintf("%s_confirmed_at", p);
	rc = store_run(s, sql, "tii", now, a ? a->user_id : (int64_t)0, change_id);
	if (rc == ST_OK && sqlite3_changes(store_db(s)) == 0) {
		store_set_error(s, "это изменение уже подтверждено");
		rc = ST_CONFLICT;
	}
	if (rc == ST_OK)
		rc = store_audit(s, a, "confirm", "iom_change", change_id, field, NULL, now);
	free(sql);
	free(field);
	return store_end(s, rc);
}

int store_iom_pending_ids(struct store *s, int64_t iom_id, const char *role, int64_t *ids, int max)
{
	const char *p = role_prefix(role);
	char *sql;
	sqlite3_stmt *st;
	int n = 0;

	if (p == NULL)
		return 0;
	sql = xasprintf("SELECT id FROM iom_change WHERE iom_id = ? AND %s_confirmed_at IS NULL"
			" ORDER BY id LIMIT ?", p);
	st = store_prepare(s, sql);
	free(sql);
	sqlite3_bind_int64(st, 1, iom_id);
	sqlite3_bind_int(st, 2, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

void store_iom_pending_since(struct store *s, int64_t iom_id, const char *role, char out[11])
{
	const char *p = role_prefix(role);
	char *sql = p ? xasprintf("SELECT min(at) FROM iom_change WHERE iom_id = ? AND %s_confirmed_at IS NULL", p)
		      : xstrdup("SELECT min(at) FROM iom_change WHERE iom_id = ? AND (curator_confirmed_at IS NULL"
				" OR head_confirmed_at IS NULL OR teacher_confirmed_at IS NULL)");
	char *at = store_text(s, sql, "i", iom_id);
	char local[17] = "";

	out[0] = '\0';
	if (at)
		utc_to_local(at, local);
	if (strlen(local) >= 10 && local[2] == '.') {
		/* ДД.ММ.ГГГГ ЧЧ:ММ → ISO */
		snprintf(out, 11, "%.4s-%.2s-%.2s", local + 6, local + 3, local);
	} else if (at) {
		snprintf(out, 11, "%.10s", at);
	}
	free(at);
	free(sql);
}

/* --- demo -------------------------------------------------------------------------- */

int demo_review_proposals(struct store *s, int64_t iom, bool answered)
{
	static const struct actor sys = { 0, "demo", "demo" };
	static const char *const text[3] = {
		"Перенести стажировку на весну: осенью у меня выпускные классы.",
		"Добавить задачу по формирующему оцениванию.",
		"Учесть нагрузку 27 часов: окончание — к концу учебного года.",
	};
	int64_t person = store_int(s, "SELECT person_id FROM iom WHERE id = ?", "i", iom);
	int64_t curator = store_int(s, "SELECT coalesce(curator_id, 0) FROM iom WHERE id = ?", "i", iom);
	int64_t row = store_int(s, "SELECT coalesce(min(id), 0) FROM iom_activity WHERE iom_id = ?"
				" AND archived = 0", "i", iom);
	int rc;

	if (answered) {
		/* A card past review: what was proposed then and how the
		 * developer answered, as the history holds it. */
		int64_t dev = store_int(s, "SELECT coalesce(u.id, 0) FROM iom i LEFT JOIN app_user u"
					" ON u.person_id = i.developer_id WHERE i.id = ?", "i", iom);
		rc = store_run(s, "INSERT INTO iom_proposal (iom_id, stage, party, author_id, activity_id, field,"
			       " text, answer, answer_text, answered_by, answered_at, created_at) VALUES"
			       " (?1, 'review', 'teacher', ?2, nullif(?3, 0), NULL, ?4, 'accepted', NULL, nullif(?7, 0),"
			       "  today() || ' 12:00:00', today() || ' 09:00:00'),"
			       " (?1, 'review', 'school', NULL, NULL, 'end_date', ?5, 'declined', ?6, nullif(?7, 0),"
			       "  today() || ' 12:00:00', today() || ' 09:00:00')", "iiittti", iom, person, row, text[0], text[2],
			       "Срок не меняется: мероприятия укладываются в учебный год.", dev);
		return rc;
	}
	rc = store_iom_proposal_add(s, &sys, iom, "teacher", person, row, NULL, text[0], NULL);
	if (rc == ST_OK && curator)
		rc = store_iom_proposal_add(s, &sys, iom, "curator", curator, 0, "tasks", text[1], NULL);
	if (rc == ST_OK)
		rc = store_iom_proposal_add(s, &sys, iom, "school", 0, 0, "end_date", text[2], NULL);
	return rc;
}
