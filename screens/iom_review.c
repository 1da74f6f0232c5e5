/* The ИОМ card between its moves (see iom_review.h): proposals and notes,
 * changes read and confirmed one by one, the self-analysis, and the
 * card's lines of what awaits whom. Every right from the policy. */
#include "screens/iom_review.h"
#include "date.h"
#include "route.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "text.h"
#include "ui/ask.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Dialog questions are one paragraph: line breaks become spaces. */
static void flatten(char *t)
{
	for (; *t; t++)
		if (*t == '\n' || *t == '\r' || *t == '\t')
			*t = ' ';
}

/* A value cut for a question box. */
static char *cut(const char *v, int cols)
{
	char *clean = text_sanitize(v), *out = xmalloc(strlen(clean) + 4);
	flatten(clean);
	text_fit_ellipsis(clean, cols, out, strlen(clean) + 4);
	free(clean);
	return out;
}

/* --- the discussion tab ----------------------------------------------------- */

static bool may_read(struct iom_disc *d, const char **why)
{
	const struct iom_head *h = d->h;
	return access_iom(d->ss, IOM_DISCUSSION, h->person_id, h->curator_id, h->status, why);
}

static int disc_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct iom_disc *d = ctx;

	if (!may_read(d, NULL)) {
		out->n = 0;
		out->rows = NULL;
		return ST_OK;
	}
	return store_iom_discussion_page(d->ss->store, d->h->id, r, out);
}

void iom_disc_setup(struct iom_disc *d, struct session *ss, const struct iom_head *h)
{
	static const struct ui_column cols[] = {
		{ "Дата", 4 },
		{ "Кто", 4 },
		{ "Предложение или заметка", 10 },
		{ "Ответ или вид", 5 },
	};
	d->ss = ss;
	d->h = h;
	ui_list_setup(&d->list, disc_fetch, NULL, d, cols, 4,
		      "Предложений и заметок нет");
}

void iom_disc_free(struct iom_disc *d)
{
	ui_list_free(&d->list);
}

bool iom_disc_may_add(struct iom_disc *d, const char **why)
{
	const struct iom_head *h = d->h;
	/* The proposal's reason is the one worth reading when neither is open. */
	return access_iom(d->ss, IOM_NOTE, h->person_id, h->curator_id, h->status, NULL) ||
	       access_iom(d->ss, IOM_PROPOSE, h->person_id, h->curator_id, h->status, why);
}

/* The user's part in a proposal: himself, the curator, the head, the МО head. */
static const char *party_of(struct session *ss, const struct iom_head *h)
{
	if (ss->user.person_id && ss->user.person_id == h->person_id)
		return "teacher";
	if (ss->user.person_id && ss->user.person_id == h->curator_id)
		return "curator";
	if (access_iom(ss, IOM_CONFIRM_HEAD, h->person_id, h->curator_id, h->status, NULL))
		return "school";
	return "mo_head";
}

/* What the proposal is about: the card, a field, or a roadmap row. Returns
 * false on Esc. */
static bool pick_about(struct iom_disc *d, int64_t *row, const char **field)
{
	const char *labels[16];
	int n = 0, choice, nf = 0;
	struct page pg = { 0, NULL };
	struct page_req r = { NULL, 0, 1, 30 };

	*row = 0;
	*field = NULL;
	labels[n++] = "Карта в целом";
	labels[n++] = "Строка дорожной карты…";
	for (; iom_proposal_fields[nf].code && n < 16; nf++)
		labels[n++] = iom_proposal_fields[nf].label;
	choice = ui_pick("К чему предложение", labels, n, 0);
	if (choice < 0)
		return false;
	if (choice >= 2) {
		*field = iom_proposal_fields[choice - 2].code;
		return true;
	}
	if (choice == 0)
		return true;
	if (store_iom_activity_page(d->ss->store, d->h->id, &r, &pg) != ST_OK || pg.n == 0) {
		page_free(&pg);
		ui_set_error("Дорожная карта пуста: предложение — к карте в целом");
		return false;
	}
	{
		char **rows = xcalloc((size_t)pg.n, sizeof *rows);
		for (int i = 0; i < pg.n; i++) {
			char *clean = text_sanitize(pg.rows[i].cols[1] ? pg.rows[i].cols[1] : "");
			rows[i] = xasprintf("%s — %s", pg.rows[i].cols[0] ? pg.rows[i].cols[0] : "", clean);
			free(clean);
		}
		choice = ui_pick("Строка дорожной карты", (const char *const *)rows, pg.n, 0);
		if (choice >= 0)
			*row = pg.rows[choice].id;
		for (int i = 0; i < pg.n; i++)
			free(rows[i]);
		free(rows);
	}
	page_free(&pg);
	return choice >= 0;
}

static void add_proposal(struct iom_disc *d)
{
	const struct iom_head *h = d->h;
	int64_t row;
	const char *field;
	char *text;
	int rc;

	if (!pick_about(d, &row, &field))
		return;
	text = ui_prompt("Предложение по корректировке ИОМ", "");
	if (text == NULL)
		return;
	rc = store_iom_proposal_add(d->ss->store, &d->ss->actor, h->id, party_of(d->ss, h),
				    d->ss->user.person_id, row, field, text, NULL);
	free(text);
	if (rc == ST_CONSTRAINT)
		ui_set_error("Предложение не сохранено: %s", store_errmsg(d->ss->store));
	else if (rc != ST_OK)
		screen_store_error(d->ss, rc);
	else
		ui_set_status("Предложение внесено: его видят педагог, куратор, руководитель ОО и разработчик");
}

static void add_note(struct iom_disc *d)
{
	const char *kinds[4];
	int n = 0, choice, rc;
	char today[11], shown[11], iso[11], *typed, *text;
	const char *m;

	for (; iom_note_kinds[n].code; n++)
		kinds[n] = iom_note_kinds[n].label;
	choice = ui_pick("Заметка куратора", kinds, n, 0);
	if (choice < 0)
		return;
	today_iso(today);
	date_format_ru(today, shown);
	typed = ui_prompt("Дата (ДД.ММ.ГГГГ)", shown);
	if (typed == NULL)
		return;
	m = date_parse_ru(typed, iso);
	free(typed);
	if (m) {
		ui_set_error("Дата заметки: %s", m);
		return;
	}
	text = ui_prompt(iom_note_kinds[choice].label, "");
	if (text == NULL)
		return;
	rc = store_iom_note_add(d->ss->store, &d->ss->actor, d->h->id, iso, iom_note_kinds[choice].code,
				text, d->ss->user.person_id, NULL);
	free(text);
	if (rc == ST_CONSTRAINT)
		ui_set_error("Заметка не сохранена: %s", store_errmsg(d->ss->store));
	else if (rc != ST_OK)
		screen_store_error(d->ss, rc);
	else
		ui_set_status("Заметка сохранена: её видят педагог и руководитель ОО");
}

void iom_disc_add(struct iom_disc *d)
{
	const struct iom_head *h = d->h;
	bool propose = access_iom(d->ss, IOM_PROPOSE, h->person_id, h->curator_id, h->status, NULL);
	bool note = access_iom(d->ss, IOM_NOTE, h->person_id, h->curator_id, h->status, NULL);
	const char *why = NULL;

	if (propose && note) {
		static const char *const what[] = { "Заметка куратора", "Предложение по корректировке" };
		int c = ui_pick("Добавить", what, 2, 0);
		if (c == 0)
			add_note(d);
		else if (c == 1)
			add_proposal(d);
	} else if (propose) {
		add_proposal(d);
	} else if (note) {
		add_note(d);
	} else {
		access_iom(d->ss, IOM_PROPOSE, h->person_id, h->curator_id, h->status, &why);
		ui_set_error("%s", why ? why : "добавлять сюда вы не можете");
		return;
	}
	ui_list_reload(&d->list);
}

static void open_note(struct iom_disc *d, int64_t id)
{
	char date[11], shown[11], kind[64], author[200], *text, *clean, *msg;

	if (store_iom_note_get(d->ss->store, id, date, kind, author, &text) != ST_OK) {
		ui_set_error("Заметка не найдена");
		return;
	}
	date_format_ru(date, shown);
	clean = text_sanitize(text);
	msg = xasprintf("%s, %s\nКуратор: %s\n\n%s", kind, shown, author, clean);
	ui_message("Заметка куратора", msg);
	free(msg);
	free(clean);
	free(text);
}

/* After an answer, the cursor goes on to the next proposal still awaiting
 * one (in the rows on screen), so the developer answers them in a row
 * with Enter alone. */
static void next_open(struct iom_disc *d)
{
	struct ui_list *l = &d->list;

	for (int i = l->sel + 1; i < l->win.n; i++) {
		const struct list_row *r = &l->win.rows[i];
		if (r->key && strlen(r->key) >= 11 && r->key[10] == 'P' && r->cols[3] &&
		    strcmp(r->cols[3], "ждёт ответа") == 0) {
			l->sel = i;
			return;
		}
	}
}

static void open_proposal(struct iom_disc *d, int64_t id)
{
	bool answered = false;

	struct iom_proposal p;
	char *text, *ans = NULL, *msg;
	const char *why;
	int rc;

	if (store_iom_proposal_get(d->ss->store, id, &p) != ST_OK) {
		ui_set_error("Предложение не найдено");
		return;
	}
	text = text_sanitize(p.text);
	if (p.answer[0]) {
		char *a = text_sanitize(p.answer_text ? p.answer_text : "");
		ans = xasprintf("\n\nОтвет разработчика (%s, %s): %s%s%s", p.answerer, p.answered_at,
				strcmp(p.answer, "accepted") == 0 ? "принято" : "отклонено", *a ? " — " : "", a);
		free(a);
	}
	msg = xasprintf("От: %s, %s (%s)\nК чему: %s\n\n%s%s", model_enum_label(iom_proposal_parties, p.party),
			p.author, p.at, p.about, text, ans ? ans : "\n\nОтвета пока нет.");
	free(text);
	free(ans);
	if (p.answer[0] ||
	    !access_iom(d->ss, IOM_ANSWER, d->h->person_id, d->h->curator_id, d->h->status, &why)) {
		ui_message("Предложение по корректировке", msg);
	} else {
		static const char *const answers[] = { "Принять", "Отклонить", "Закрыть" };   /* each its own letter */
		int c;
		flatten(msg);
		c = ui_ask("Предложение по корректировке", msg, answers, 3, 0, 2);
		char *reason = NULL;
		if (c == 0 || c == 1) {
			reason = ui_prompt(c == 0 ? "Что изменено (можно оставить пустым)" : "Причина отказа", "");
			if (reason != NULL) {
				rc = store_iom_proposal_answer(d->ss->store, &d->ss->actor, p.id, p.version, c == 0,
							       reason);
				if (rc == ST_CONSTRAINT || rc == ST_CONFLICT)
					ui_set_error("Ответ не сохранён: %s", store_errmsg(d->ss->store));
				else if (rc != ST_OK)
					screen_store_error(d->ss, rc);
				else {
					int open = 0;
					store_iom_open_proposals(d->ss->store, d->h->id, &open);
					ui_set_status("%s. Без ответа: %d", c == 0 ? "Принято — внесите изменение в карту"
						      : "Отклонено", open);
					answered = true;
				}
			}
			free(reason);
		}
	}
	free(msg);
	iom_proposal_free(&p);
	ui_list_reload(&d->list);
	if (answered)
		next_open(d);
}

void iom_disc_open(struct iom_disc *d)
{
	const struct list_row *r = ui_list_current(&d->list);
	const char *why;

	if (!may_read(d, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (r == NULL || r->key == NULL || strlen(r->key) < 11)
		return;
	if (r->key[10] == 'N')
		open_note(d, r->id);
	else
		open_proposal(d, r->id);
}

/* --- changes after approval ---------------------------------------------------- */

static const struct {
	enum iom_right right;
	const char *role, *label;
} parties[] = {
	{ IOM_CONFIRM_CURATOR, "curator", "куратор" },
	{ IOM_CONFIRM_HEAD, "school", "руководитель ОО" },
	{ IOM_CONFIRM_TEACHER, "teacher", "педагог" },
};

static bool waits(const struct iom_change_view *v, const char *role)
{
	return strcmp(role, "curator") == 0 ? v->wait_curator
	     : strcmp(role, "school") == 0 ? v->wait_head : v->wait_teacher;
}

static char *change_text(const struct iom_change_view *v)
{
	char *b = text_sanitize(v->before), *a = text_sanitize(v->after), *out;
	char wait[120] = "";

	if (v->wait_curator)
		strcat(wait, "куратор, ");
	if (v->wait_head)
		strcat(wait, "руководитель ОО, ");
	if (v->wait_teacher)
		strcat(wait, "педагог, ");
	if (*wait)
		wait[strlen(wait) - 2] = '\0';
	out = xasprintf("%s\nБыло: %s\nСтало: %s\nИзменил: %s, %s\nЖдёт подтверждения: %s", v->what, b, a,
			v->who, v->at, *wait ? wait : "никого — подтверждено всеми");
	free(b);
	free(a);
	return out;
}

void iom_change_open(struct session *ss, const struct iom_head *h, int64_t change_id, const unsigned *disclose)
{
	struct iom_change_view v;
	char *text;
	int mine = 0, done = 0;

	if (store_iom_change_get(ss->store, change_id, access_masker, disclose, &v) != ST_OK) {
		ui_set_error("Изменение не найдено");
		return;
	}
	text = change_text(&v);
	for (size_t i = 0; i < NITEMS(parties); i++)
		if (waits(&v, parties[i].role) &&
		    access_iom(ss, parties[i].right, h->person_id, h->curator_id, h->status, NULL))
			mine++;
	if (mine == 0) {
		ui_message("Изменение карты ИОМ", text);
	} else {
		char *b = cut(v.before, 100), *a = cut(v.after, 100);
		char *q = xasprintf("%s. Было: %s. Стало: %s. Изменил(а): %s, %s. Подтвердить это изменение?",
				    v.what, b, a, v.who, v.at);
		free(b);
		free(a);
		if (ui_confirm(q)) {
			for (size_t i = 0; i < NITEMS(parties); i++) {
				int rc;
				if (!waits(&v, parties[i].role) ||
				    !access_iom(ss, parties[i].right, h->person_id, h->curator_id, h->status, NULL))
					continue;
				rc = store_iom_change_confirm_one(ss->store, &ss->actor, v.id, parties[i].role);
				if (rc == ST_OK)
					done++;
				else if (rc == ST_CONFLICT)
					ui_set_error("%s", store_errmsg(ss->store));
				else
					screen_store_error(ss, rc);
			}
			if (done)
				ui_set_status("Изменение подтверждено");
		}
		free(q);
	}
	free(text);
	iom_change_view_free(&v);
}

void iom_changes_confirm_all(struct session *ss, const struct iom_head *h, const unsigned *disclose)
{
	enum { MAX = 50 };
	char *all = xstrdup("");
	int total = 0, done = 0;
	bool any = false;

	for (size_t i = 0; i < NITEMS(parties); i++) {
		int64_t ids[MAX];
		int n;
		if (!access_iom(ss, parties[i].right, h->person_id, h->curator_id, h->status, NULL))
			continue;
		any = true;
		n = store_iom_pending_ids(ss->store, h->id, parties[i].role, ids, MAX);
		for (int k = 0; k < n; k++) {
			struct iom_change_view v;
			if (store_iom_change_get(ss->store, ids[k], access_masker, disclose, &v) != ST_OK)
				continue;
			char *b = cut(v.before, 60), *a = cut(v.after, 60);
			char *line = xasprintf("%s%d. %s: %s → %s\n", all, total + 1, v.what, b, a);
			free(all);
			all = line;
			free(b);
			free(a);
			iom_change_view_free(&v);
			total++;
		}
	}
	if (!any) {
		ui_set_error("изменения подтверждают куратор, руководитель ОО и сам педагог");
	} else if (total == 0) {
		ui_set_status("Изменений, ждущих вашего подтверждения, нет");
	} else {
		char *q = xasprintf("Подтвердить все показанные изменения (%d)?", total);
		ui_message("Ждут вашего подтверждения", all);
		if (ui_confirm(q)) {
			for (size_t i = 0; i < NITEMS(parties); i++) {
				int n = 0;
				if (!access_iom(ss, parties[i].right, h->person_id, h->curator_id, h->status, NULL))
					continue;
				if (store_iom_confirm(ss->store, &ss->actor, h->id, parties[i].role, &n) == ST_OK)
					done += n;
			}
			ui_set_status("Подтверждено изменений: %d", done);
		}
		free(q);
	}
	free(all);
}

/* --- self-analysis ----------------------------------------------------------------- */

void iom_self_analysis(struct session *ss, struct iom_head *h)
{
	const char *why;
	char *text;
	int rc;

	if (!access_iom(ss, IOM_SELF_ANALYSIS, h->person_id, h->curator_id, h->status, &why)) {
		ui_set_error("%s", why);
		return;
	}
	text = ui_prompt("Самоанализ: что удалось, что нет и почему (Enter — сохранить)",
			 h->self_analysis ? h->self_analysis : "");
	if (text == NULL)
		return;
	rc = store_iom_set_self_analysis(ss->store, &ss->actor, h->id, h->version, text);
	free(text);
	if (rc == ST_CONSTRAINT || rc == ST_CONFLICT)
		ui_set_error("Самоанализ не сохранён: %s", store_errmsg(ss->store));
	else if (rc != ST_OK)
		screen_store_error(ss, rc);
	else
		ui_set_status("Самоанализ сохранён");
}

/* --- the card's lines -------------------------------------------------------------- */

struct notes_ctx {
	void (*add)(void *ctx, const char *line);
	void *ctx;
	int n;
};

static void note_line(void *ctx, const char *date, const char *kind, const char *author, const char *text)
{
	struct notes_ctx *n = ctx;
	char shown[11], fit[200], *clean = text_sanitize(text ? text : ""), *line;

	for (char *p = clean; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	date_format_ru(date ? date : "", shown);
	text_fit_ellipsis(clean, 52, fit, sizeof fit);
	line = xasprintf("  %s %s (%s): %s", shown, kind, author ? author : "", fit);
	if (n->n++ == 0)
		n->add(n->ctx, "Заметки куратора (все — на вкладке «Обсуждение»):");
	n->add(n->ctx, line);
	free(line);
	free(clean);
}

static int workdays_since(struct session *ss, const char *iso)
{
	int y, m, d, ty, tm, td;
	char today[11];

	today_iso(today);
	if (!date_parse_iso(iso, &y, &m, &d) || !date_parse_iso(today, &ty, &tm, &td))
		return 0;
	return calendar_workdays_between(ss->cal, date_to_days(y, m, d), date_to_days(ty, tm, td));
}

void iom_review_card_lines(struct session *ss, const struct iom_head *h,
			   void (*add)(void *ctx, const char *line), void *ctx)
{
	char *line;
	int open = 0;

	if (!access_iom(ss, IOM_DISCUSSION, h->person_id, h->curator_id, h->status, NULL))
		return;
	if (store_iom_open_proposals(ss->store, h->id, &open) == ST_OK && open > 0) {
		line = xasprintf("Предложения по корректировке без ответа разработчика: %d%s", open,
				 strcmp(h->status, "review") == 0 ? " (итоговая форма — когда ответ дан на все)" : "");
		add(ctx, line);
		free(line);
	}
	for (size_t i = 0; i < NITEMS(parties); i++) {
		char since[11], shown[11];
		store_iom_pending_since(ss->store, h->id, parties[i].role, since);
		if (!since[0])
			continue;
		date_format_ru(since, shown);
		line = xasprintf("  ждёт подтверждения: %s — %d изм., с %s (%d раб. дн.)", parties[i].label,
				 store_iom_awaiting(ss->store, h->id, parties[i].role), shown,
				 workdays_since(ss, since));
		add(ctx, line);
		free(line);
	}
	if (route_change_needs_confirmation(h->status) || route_status_final(h->status)) {
		struct notes_ctx n = { add, ctx, 0 };
		store_iom_notes_each(ss->store, h->id, 5, note_line, &n);
	}
}
