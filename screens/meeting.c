/* Meeting mode: at a seminar or an МО meeting a methodist records, for one
 * event, everyone who took part, in one pass: type the first letters of a
 * surname, Enter ticks the person under the cursor (and clears the search
 * for the next one), F2 records them all with the chosen result or role.
 * About two keys per person beyond the letters. Each participation is
 * stored, and the person's ИОМ roadmap rows for the event are marked. */
#include "screens/screens.h"
#include "store/participation.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_TICK = 1, C_SAVE, C_RESULT, C_EVENT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_SAVE, "Запись", "записать участие всех отмеченных" },
	{ KEY_F(4), C_RESULT, "Итог", "результат (конкурс) или роль для отмечаемых" },
	{ KEY_F(5), C_EVENT, "Событ.", "выбрать другое мероприятие" },
	{ KEY_F(10), CMD_QUIT, "Выход", "закрыть (спросит, если отмеченные не записаны)" },
	{ KEY_ENTER, C_TICK, NULL, "отметить педагога под курсором (или снять отметку)" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — то же, что F10" },
	{ KEY_DOWN, CMD_NONE, NULL, "буквы — поиск по фамилии, стрелки — выбор в списке" },
	{ 0, 0, NULL, NULL }
};

struct meet {
	struct session *ss;
	struct store_scope sc;
	struct person_filter pf;
	char search[128];
	int64_t event_id;
	char title[300];
	char kind[16];           /* contest or scimethod */
	const char *outcome;     /* result (contest) or role code */
	int64_t *ticked;
	int nticked;
	struct ui_list list;
};

static bool is_ticked(const struct meet *st, int64_t id)
{
	for (int i = 0; i < st->nticked; i++)
		if (st->ticked[i] == id)
			return true;
	return false;
}

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct meet *st = ctx;
	int rc = store_person_page(st->ss->store, &st->sc, &st->pf, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		char *mark = xasprintf("%s%s", is_ticked(st, out->rows[i].id) ? "✓ " : "  ", out->rows[i].cols[0]);
		page_set_col(out, i, 0, mark);
		free(mark);
	}
	return rc;
}

static int count(void *ctx, int *n)
{
	struct meet *st = ctx;
	return store_person_count(st->ss->store, &st->sc, &st->pf, n);
}

static const struct enum_opt *outcomes(const struct meet *st)
{
	return strcmp(st->kind, "contest") == 0 ? model_contest_results : model_participation_roles;
}

static bool pick_event(struct meet *st)
{
	int64_t id = screen_pick_event(st->ss);

	if (id == 0)
		return false;
	if (store_event_brief(st->ss->store, id, st->title, sizeof st->title, st->kind) != ST_OK) {
		ui_set_error("Мероприятие не найдено");
		return false;
	}
	st->event_id = id;
	st->outcome = outcomes(st)[0].code;   /* участник */
	return true;
}

static void pick_outcome(struct meet *st)
{
	const struct enum_opt *o = outcomes(st);
	const char *labels[8];
	int n = 0, cur = 0, c;

	for (; o[n].code && n < 8; n++) {
		labels[n] = o[n].label;
		if (strcmp(o[n].code, st->outcome) == 0)
			cur = n;
	}
	c = ui_pick(strcmp(st->kind, "contest") == 0 ? "Результат конкурса" : "Роль участника", labels, n, cur);
	if (c >= 0)
		st->outcome = o[c].code;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct meet *st = sc->state;
	char line[400];
	int cols = getmaxx(w);

	snprintf(line, sizeof line, "Мероприятие: %s", st->title);
	ui_put_ellipsis(w, 0, 1, line, cols - 2, A_BOLD);
	snprintf(line, sizeof line, "%s: %s.  Отмечено: %d (F2 — записать)",
		 strcmp(st->kind, "contest") == 0 ? "Результат" : "Роль",
		 model_enum_label(outcomes(st), st->outcome), st->nticked);
	ui_put(w, 1, 1, line, cols - 2, A_NORMAL);
	snprintf(line, sizeof line, "Поиск: %s%s", st->search, st->search[0] ? "_" : "(начните печатать фамилию)");
	ui_put(w, 2, 1, line, cols - 2, st->search[0] ? A_BOLD : A_DIM);
	ui_list_draw(&st->list, w, 3, getmaxy(w) - 3);
}

static void tick(struct meet *st)
{
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;

	if (r == NULL)
		return;
	if (!access_may(st->ss, P_PARTICIPATION, r->id, &why)) {
		ui_set_error("%s", why);
		return;
	}
	for (int i = 0; i < st->nticked; i++)
		if (st->ticked[i] == r->id) {
			st->ticked[i] = st->ticked[--st->nticked];
			ui_list_reload(&st->list);
			return;
		}
	st->ticked = xrealloc(st->ticked, (size_t)(st->nticked + 1) * sizeof *st->ticked);
	st->ticked[st->nticked++] = r->id;
	/* The next person is found from the start. */
	st->search[0] = '\0';
	ui_list_reset(&st->list);
}

static void save(struct meet *st)
{
	struct meeting m = { st->event_id, st->kind, st->outcome, st->outcome };
	int added, already, marked, rc;

	if (st->nticked == 0) {
		ui_set_error("Никто не отмечен: найдите педагога и нажмите Enter");
		return;
	}
	rc = store_meeting_record(st->ss->store, &st->ss->actor, &m, st->ticked, st->nticked, &added,
				  &already, &marked);
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);   /* the ticks stay: nothing is lost */
		return;
	}
	st->nticked = 0;
	ui_list_reload(&st->list);
	ui_set_status("Записано участие: %d; уже было записано: %d; отмечено в ИОМ: %d", added, already,
		      marked);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct meet *st = sc->state;

	sc->dirty = true;
	switch (cmd) {
	case C_TICK:
		tick(st);
		return true;
	case C_SAVE:
		save(st);
		return true;
	case C_RESULT:
		pick_outcome(st);
		return true;
	case C_EVENT:
		if (st->nticked && !ui_confirm("Отмеченные не записаны. Выбрать другое мероприятие и снять отметки?"))
			return true;
		if (pick_event(st))
			st->nticked = 0;
		ui_list_reload(&st->list);
		return true;
	default:
		break;
	}
	ui_list_search_key(&st->list, st->search, sizeof st->search, k);
	return true;
}

/* Ticked but not recorded: asked before leaving, never lost silently. */
static bool can_leave(struct screen *sc)
{
	struct meet *st = sc->state;
	return st->nticked == 0 || ui_confirm("Отмеченные педагоги не записаны. Выйти без записи?");
}

static void meet_free(struct meet *st)
{
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st->ticked);
	free(st);
}

static void free_state(struct screen *sc)
{
	meet_free(sc->state);
}

/* The link dropped with people ticked: keep the event, the result or role
 * and who was ticked; the next start offers them back. */
static void hangup(struct screen *sc)
{
	struct meet *st = sc->state;
	char *buf = xstrdup(""), num[32];
	size_t len = 0;

	if (st->nticked == 0) {
		free(buf);
		return;
	}
	draft_put(&buf, &len, sc->title);
	snprintf(num, sizeof num, "%lld", (long long)st->event_id);
	draft_put(&buf, &len, num);
	draft_put(&buf, &len, st->outcome);
	snprintf(num, sizeof num, "%d", st->nticked);
	draft_put(&buf, &len, num);
	for (int i = 0; i < st->nticked; i++) {
		snprintf(num, sizeof num, "%lld", (long long)st->ticked[i]);
		draft_put(&buf, &len, num);
	}
	store_draft_save(st->ss->store, st->ss->user.id, "meeting", "participation", 0, buf);
	free(buf);
}

static const struct screen_ops ops = { "meeting", keys, draw, key, NULL, free_state, can_leave, hangup };

static struct meet *meet_new(struct session *ss)
{
	struct meet *st = xcalloc(1, sizeof *st);
	static const struct ui_column cols[] = {
		{ "Педагог", 6 },
		{ "Организация", 4 },
		{ "Должность", 3 },
		{ "Категория", 2 },
	};

	st->ss = ss;
	st->sc = access_scope(ss, P_PARTICIPATION);
	st->pf.search = st->search;
	ui_list_setup(&st->list, fetch, count, st, cols, 4, "Никого не найдено");
	return st;
}

struct screen *screen_meeting_restore(struct session *ss, const struct draft *d, const char **why)
{
	const char *p = d->data;
	char *title = draft_get(&p), *event = draft_get(&p), *outcome = draft_get(&p);
	char *count_s = draft_get(&p);
	long n = count_s ? strtol(count_s, NULL, 10) : -1;
	struct meet *st = meet_new(ss);
	bool ok = title && event && outcome && n > 0 && n < 100000;

	*why = "черновик повреждён";
	if (ok && store_event_brief(ss->store, strtoll(event, NULL, 10), st->title, sizeof st->title,
				    st->kind) != ST_OK) {
		*why = "мероприятие удалено";
		ok = false;
	}
	if (ok) {
		st->event_id = strtoll(event, NULL, 10);
		st->outcome = outcomes(st)[0].code;
		for (const struct enum_opt *o = outcomes(st); o->code; o++)
			if (strcmp(o->code, outcome) == 0)
				st->outcome = o->code;
		st->ticked = xcalloc((size_t)n, sizeof *st->ticked);
		for (long i = 0; ok && i < n; i++) {
			char *id = draft_get(&p);
			/* Only those the user may still record. */
			if ((ok = id != NULL) && access_may(ss, P_PARTICIPATION, strtoll(id, NULL, 10), NULL))
				st->ticked[st->nticked++] = strtoll(id, NULL, 10);
			free(id);
		}
	}
	free(title);
	free(event);
	free(outcome);
	free(count_s);
	if (!ok) {
		meet_free(st);
		return NULL;
	}
	/* Recorded by the F2 that follows; a dropped draft goes on leaving. */
	store_draft_delete(ss->store, ss->user.id, "meeting", "participation", 0);
	return screen_new(&ops, st, "Отметка участия (режим совещания)");
}

struct screen *screen_meeting(struct session *ss)
{
	struct meet *st = meet_new(ss);

	if (!pick_event(st)) {
		meet_free(st);
		return NULL;
	}
	return screen_new(&ops, st, "Отметка участия (режим совещания)");
}
