/* Self-diagnosis (самодиагностика): the teacher rates each statement of the
 * checklist 0–3; the mastery % per block, the level by the configured
 * thresholds and the deficits found are computed and kept as a diagnostic
 * of the self-diagnosis form. The statements are data (conf/selfcheck.conf). */
#include "screens/screens.h"
#include "catalog.h"
#include "config.h"
#include "store/diag.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_SAVE = 1 };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_SAVE, "Готово", "сохранить самодиагностику и увидеть результат" },
	{ KEY_F(10), CMD_QUIT, "Выход", "выйти (спросит, если есть оценки)" },
	{ '0', CMD_NONE, NULL, "0–3 — оценка утверждения: 0 не владею, 1 частично, 2 в основном, 3 полностью" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, PgDn/PgUp — по утверждениям" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — выйти" },
	{ 0, 0, NULL, NULL }
};

#define MAX_ITEMS DIAG_MAX_ANSWERS

struct selfcheck {
	struct session *ss;
	bool manager;
	struct selfcheck_item items[MAX_ITEMS];
	int scores[MAX_ITEMS];      /* -1 = not rated yet */
	int n, cur, top;
	bool saved;
	int item_y[MAX_ITEMS];      /* screen line of each statement shown, else -1 (the mouse) */
};

static const char *const score_names[] = { "не владею", "частично", "в основном", "полностью" };

static int unanswered(const struct selfcheck *st)
{
	int k = 0;
	for (int i = 0; i < st->n; i++)
		k += st->scores[i] < 0;
	return k;
}

/* Screen lines: a header line before each block, then its statements. */
static int line_of(const struct selfcheck *st, int item)
{
	int line = 0;
	for (int i = 0; i <= item && i < st->n; i++) {
		if (i == 0 || st->items[i].block_id != st->items[i - 1].block_id)
			line++;
		if (i < item)
			line++;
	}
	return line;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct selfcheck *st = sc->state;
	int h = getmaxy(w), cols = getmaxx(w), y = 3, line = 0, cur_line = line_of(st, st->cur);
	char head[200];
	attr_t sel = ui_has_color() ? COLOR_PAIR(UI_PAIR_SEL) : A_REVERSE;

	ui_put(w, 0, 1, "Оценка: 0 — не владею, 1 — частично, 2 — в основном, 3 — полностью",
	       cols - 2, A_NORMAL);
	snprintf(head, sizeof head, "Осталось: %d из %d      F2 — готово", unanswered(st), st->n);
	ui_put(w, 1, 1, head, cols - 2, A_DIM);
	if (st->n == 0) {
		ui_put(w, 2, 2, "Чек-лист пуст: утверждения загружает команда «marshrut init»", cols - 4, A_BOLD);
		return;
	}
	/* The last rows hold the current statement whole (a row of the list
	 * shows one line of each); the list keeps it in view above them. */
	int lh = h - 3;
	{
		struct text_lines full = { 0 };
		char *clean = text_sanitize(st->items[st->cur].text);
		text_wrap(clean, cols - 4, cols - 4, &full);
		mvwhline(w, lh, 1, ACS_HLINE, cols - 2);
		if (full.n > 0)
			ui_put(w, lh + 1, 2, full.v[0], cols - 4, A_NORMAL);
		if (full.n > 1) {
			/* The rest on the second row: what does not fit ends in «…». */
			size_t len = 0;
			for (int k = 1; k < full.n; k++)
				len += strlen(full.v[k]) + 1;
			char *rest = xcalloc(len + 1, 1);
			for (int k = 1; k < full.n; k++) {
				strcat(rest, full.v[k]);
				if (k + 1 < full.n)
					strcat(rest, " ");
			}
			ui_put(w, lh + 2, 2, rest, cols - 4, A_NORMAL);
			free(rest);
		}
		text_lines_free(&full);
		free(clean);
	}
	if (cur_line < st->top)
		st->top = cur_line > 0 ? cur_line - 1 : 0;
	if (cur_line >= st->top + lh - 3)
		st->top = cur_line - (lh - 4);
	for (int i = 0; i < st->n; i++)
		st->item_y[i] = -1;
	for (int i = 0; i < st->n && y < lh; i++) {
		if (i == 0 || st->items[i].block_id != st->items[i - 1].block_id) {
			if (line++ >= st->top && y < lh)
				ui_put(w, y++, 1, st->items[i].block, cols - 2, A_BOLD | A_UNDERLINE);
		}
		if (line++ >= st->top && y < lh) {
			char mark[32];
			attr_t a = i == st->cur ? sel : A_NORMAL;
			snprintf(mark, sizeof mark, st->scores[i] < 0 ? " [ ] " : " [%d] ", st->scores[i]);
			if (i == st->cur)
				mvwhline(w, y, 0, ' ' | a, cols);
			ui_put(w, y, 1, mark, 6, a);
			if (i == st->cur)
				mvwaddch(w, y, 0, '>' | a | A_BOLD);   /* seen without colour */
			st->item_y[i] = getbegy(w) + y;
			ui_put(w, y, 7, st->items[i].text, cols - 8 - (st->scores[i] >= 0 ? 13 : 0), a);
			if (st->scores[i] >= 0)
				ui_put(w, y, cols - 12, score_names[st->scores[i]], 11, a | A_DIM);
			y++;
		}
	}
	/* The cursor on the current statement, for screen readers. */
	if (st->item_y[st->cur] >= 0)
		ui_park(w, st->item_y[st->cur] - getbegy(w), 0);
}

/* Save as a diagnostic of the self-diagnosis form, then show the result. */
static bool save(struct selfcheck *st)
{
	struct diagnostic d;
	char summary[1600] = "", line[200];
	int left = unanswered(st), rc;
	const char *why;

	if (left) {
		ui_set_error("Оценены не все утверждения: осталось %d", left);
		return false;
	}
	if (!access_may(st->ss, P_SELF_DIAG, st->ss->user.person_id, &why)) {
		ui_set_error("%s", why);
		return false;
	}
	diag_init(&d);
	d.person_id = st->ss->user.person_id;
	strcpy(d.form, "self");
	strcpy(d.kind, "entry");
	today_iso(d.date);
	store_diag_blocks(st->ss->store, st->manager, &d);
	for (int b = 0; b < d.nblocks; b++) {
		int scores[MAX_ITEMS], k = 0;
		for (int i = 0; i < st->n; i++)
			if (st->items[i].block_id == d.blocks[b].block_id)
				scores[k++] = st->scores[i];
		d.blocks[b].pct_overall = selfcheck_percent(scores, k);
	}
	for (int i = 0; i < st->n && i < DIAG_MAX_ANSWERS; i++) {
		bool dup = false;
		d.answer_ids[d.nanswers] = st->items[i].id;
		d.answer_scores[d.nanswers++] = st->scores[i];
		if (!selfcheck_is_deficit(st->scores[i]) || st->items[i].deficit_id == 0)
			continue;
		for (int k = 0; k < d.ndeficits; k++)
			dup |= d.deficit_ids[k] == st->items[i].deficit_id;
		if (!dup && d.ndeficits < DIAG_MAX_DEFICITS)
			d.deficit_ids[d.ndeficits++] = st->items[i].deficit_id;
	}
	rc = store_diag_save(st->ss->store, &st->ss->actor, st->ss->cfg, &d);
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);
		diag_free(&d);
		return false;
	}
	for (int b = 0; b < d.nblocks; b++) {
		if (d.blocks[b].pct_overall < 0)
			continue;
		snprintf(line, sizeof line, "%s: %d %% — %s\n", d.blocks[b].block_name, d.blocks[b].pct_overall,
			 model_enum_label(diag_levels, model_deficit_level(st->ss->cfg, d.blocks[b].pct_overall)));
		strncat(summary, line, sizeof summary - strlen(summary) - 1);
	}
	snprintf(line, sizeof line, "Выявлено дефицитов: %d. Результат сохранён в диагностике.", d.ndeficits);
	strncat(summary, line, sizeof summary - strlen(summary) - 1);
	ui_message("Результат самодиагностики", summary);
	diag_free(&d);
	return true;
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct selfcheck *st = sc->state;

	sc->dirty = true;
	if (cmd == C_SAVE) {
		if (save(st)) {
			st->saved = true;
			ui_set_status("Самодиагностика сохранена");
			return false;
		}
		return true;
	}
	if (st->n == 0)
		return true;
	if (k.code == 0 && k.ch >= '0' && k.ch <= '3') {
		ui_clear_status();
		st->scores[st->cur] = (int)(k.ch - '0');
		if (st->cur < st->n - 1)
			st->cur++;
	} else if (k.code == KEY_DOWN && st->cur < st->n - 1) {
		st->cur++;
	} else if (k.code == KEY_UP && st->cur > 0) {
		st->cur--;
	} else if (k.code == KEY_NPAGE) {
		st->cur = st->cur + 10 < st->n ? st->cur + 10 : st->n - 1;
	} else if (k.code == KEY_PPAGE) {
		st->cur = st->cur > 10 ? st->cur - 10 : 0;
	} else if (k.code == KEY_HOME) {
		st->cur = 0;
	} else if (k.code == KEY_END) {
		st->cur = st->n - 1;
	} else if (k.code == UI_KEY_WHEEL_DOWN) {
		st->cur = st->cur + 3 < st->n ? st->cur + 3 : st->n - 1;
	} else if (k.code == UI_KEY_WHEEL_UP) {
		st->cur = st->cur > 3 ? st->cur - 3 : 0;
	} else if (k.code == UI_KEY_CLICK) {
		for (int i = 0; i < st->n; i++)
			if (st->item_y[i] == k.y) {
				st->cur = i;
				ui_click_hit();
			}
	}
	return true;
}

static bool can_leave(struct screen *sc)
{
	struct selfcheck *st = sc->state;
	bool leave = st->saved || unanswered(st) == st->n ||
		     ui_confirm("Оценки не сохранены. Выйти без сохранения?");
	sc->dirty = true;
	return leave;
}

static void free_state(struct screen *sc)
{
	struct selfcheck *st = sc->state;
	for (int i = 0; i < st->n; i++)
		free(st->items[i].text);
	free(st);
}

/* The link dropped in the middle of the checklist: keep each statement's
 * id with its score, so the next start offers the answers back. */
static void hangup(struct screen *sc)
{
	struct selfcheck *st = sc->state;
	char *buf = xstrdup(""), num[48];
	size_t len = 0;

	if (st->saved || unanswered(st) == st->n) {
		free(buf);
		return;
	}
	draft_put(&buf, &len, sc->title);
	snprintf(num, sizeof num, "%d", st->cur);
	draft_put(&buf, &len, num);
	for (int i = 0; i < st->n; i++) {
		snprintf(num, sizeof num, "%lld:%d", (long long)st->items[i].id, st->scores[i]);
		draft_put(&buf, &len, num);
	}
	store_draft_save(st->ss->store, st->ss->user.id, "selfcheck", "diagnostic", 0, buf);
	free(buf);
}

static const struct screen_ops ops = { "selfcheck", keys, draw, key, NULL, free_state, can_leave, hangup };

struct screen *screen_selfcheck_restore(struct session *ss, const struct draft *d, const char **why)
{
	const char *p = d->data;
	char *title = draft_get(&p), *cur = draft_get(&p), *item;
	struct screen *sc;
	struct selfcheck *st;
	int restored = 0;

	*why = "черновик повреждён";
	if (title == NULL || cur == NULL || !access_may(ss, P_SELF_DIAG, ss->user.person_id, why)) {
		free(title);
		free(cur);
		return NULL;
	}
	sc = screen_selfcheck(ss);
	st = sc->state;
	/* By statement id: a statement since removed is simply not there. */
	while ((item = draft_get(&p)) != NULL) {
		long long id;
		int score;
		if (sscanf(item, "%lld:%d", &id, &score) == 2 && score >= -1 && score <= 3)
			for (int i = 0; i < st->n; i++)
				if (st->items[i].id == id) {
					st->scores[i] = score;
					restored += score >= 0;
				}
		free(item);
	}
	st->cur = (int)strtol(cur, NULL, 10);
	if (st->cur < 0 || st->cur >= st->n)
		st->cur = 0;
	free(title);
	free(cur);
	/* The answers are on the screen again; a new drop keeps them anew. */
	store_draft_delete(ss->store, ss->user.id, "selfcheck", "diagnostic", 0);
	if (restored == 0) {
		*why = "в черновике не осталось оценок";
		sc->ops->free(sc);
		free(sc);
		return NULL;
	}
	return sc;
}

struct screen *screen_selfcheck(struct session *ss)
{
	struct selfcheck *st = xcalloc(1, sizeof *st);
	struct record p;

	st->ss = ss;
	if (store_get(ss->store, &model_person, NULL, ss->user.person_id, &p) == ST_OK) {
		int mi = model_field_index(&model_person, "is_manager");
		st->manager = p.v[mi] && strcmp(p.v[mi], "1") == 0;
		record_free(&p);
	}
	st->n = store_selfcheck_items(ss->store, st->manager, st->items, MAX_ITEMS);
	for (int i = 0; i < MAX_ITEMS; i++)
		st->scores[i] = -1;
	return screen_new(&ops, st, st->manager ? "Самодиагностика управленческих компетенций"
						 : "Самодиагностика профессиональных дефицитов");
}
