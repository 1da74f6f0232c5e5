/* Meeting mode: at a seminar or an МО meeting a methodist records, for one
 * event, everyone who took part, in one pass: type the first letters of a
 * surname and Enter — one match is ticked at once, several are listed
 * (with organisation and year of birth) to choose from by a digit; Insert
 * ticks the person under the cursor, as in Midnight Commander (Space too
 * while the search is empty); F2 records them all with the chosen result
 * or role. Those whose surname the letters start come first, then those
 * found by name or patronymic (store_meeting_people_page); initials after
 * a space narrow («Сав И»). Two keys per person beyond three letters when
 * a surname is shared. Each is stored as what the event is
 * (store_event_record_kind): a course in the person's courses, a contest
 * with its result, another event with the role; the person's ИОМ roadmap
 * rows for the event are marked done on the event's day. Leaving with
 * ticks not recorded asks, with recording as the answer Enter gives; a
 * hang-up keeps them as a draft. */
#include "screens/screens.h"
#include "store/participation.h"
#include "store/registry.h"
#include "ui/ask.h"
#include "ui/list.h"
#include "date.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_TICK = 1, C_SAVE, C_RESULT, C_EVENT, C_INS, C_SPACE, C_ESC };

/* The order of those found (store_meeting_people_page), and how to narrow. */
#define MEETING_ORDER                                                                                 \
	"первыми — те, чья фамилия начинается с набранного, за ними найденные по имени или отчеству;" \
	" инициалы через пробел сужают поиск: «Сав И»"

/* F4 is named for what it sets for this event: the role of those ticked,
 * or for a contest its result («итог»), as the dialog it opens and the
 * header line name it. Choosing an event of the other kind swaps the keys. */
#define MEETING_KEYS(f4_bar, f4_help)                                                                  \
	{                                                                                              \
		{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },                               \
		{ KEY_F(2), C_SAVE, "Запись", "записать участие всех отмеченных" },                    \
		{ KEY_F(4), C_RESULT, f4_bar, f4_help },                                               \
		{ KEY_F(5), C_EVENT, "Событ.", "выбрать другое мероприятие" },                         \
		{ KEY_F(10), CMD_QUIT, "Выход", "закрыть (спросит, записать ли отмеченных)" },         \
		{ KEY_ENTER, C_TICK, NULL, "отметить найденного (из нескольких — выбрать цифрой)" },   \
		{ KEY_IC, C_INS, NULL, "Insert — отметить под курсором (или снять) и вниз" },          \
		{ ' ', C_SPACE, NULL, "при пустом поиске — то же, что Insert" },                       \
		{ UI_KEY_ESC, C_ESC, NULL, "Esc — сбросить поиск; при пустом поиске — выход" },        \
		{ KEY_DOWN, CMD_NONE, NULL, "буквы — поиск по фамилии, стрелки — по списку" },        \
		{ KEY_UP, CMD_NONE, NULL, MEETING_ORDER },                                             \
		{ 0, 0, NULL, NULL }                                                                   \
	}
static const struct keydef keys_role[] =
	MEETING_KEYS("Роль", "роль отмечаемых: участник, докладчик, эксперт…");
static const struct keydef keys_result[] =
	MEETING_KEYS("Итог", "итог конкурса для отмечаемых: участник, лауреат, призёр, победитель");
/* A course has neither: it goes into each one's course record. */
static const struct keydef keys_course[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_SAVE, "Запись", "записать курс всем отмеченным" },
	{ KEY_F(5), C_EVENT, "Событ.", "выбрать другое мероприятие" },
	{ KEY_F(10), CMD_QUIT, "Выход", "закрыть (спросит, записать ли отмеченных)" },
	{ KEY_ENTER, C_TICK, NULL, "отметить найденного (из нескольких — выбрать цифрой)" },
	{ KEY_IC, C_INS, NULL, "Insert — отметить под курсором (или снять) и вниз" },
	{ ' ', C_SPACE, NULL, "при пустом поиске — то же, что Insert" },
	{ UI_KEY_ESC, C_ESC, NULL, "Esc — сбросить поиск; при пустом поиске — выход" },
	{ KEY_DOWN, CMD_NONE, NULL, "буквы — поиск по фамилии, стрелки — по списку" },
	{ KEY_UP, CMD_NONE, NULL, MEETING_ORDER },
	{ 0, 0, NULL, NULL }
};

struct meet {
	struct session *ss;
	struct store_scope sc;
	char search[128];
	bool moved;              /* the cursor moved since the search changed */
	int64_t event_id;
	char title[300];
	char start[11], end[11]; /* the event's dates, ISO ("" when not set) */
	char warn[160];          /* the event is far in the future or long past */
	char kind[16];           /* store_event_record_kind: course, contest or scimethod */
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

/* The first column carries the tick: "✓ " or two spaces before the name;
 * the last says «записан» when his participation is recorded already. */
static const char RECORDED[] = "записан";

static void mark_rows(const struct meet *st, struct page *out)
{
	for (int i = 0; i < out->n; i++) {
		char *mark = xasprintf("%s%s", is_ticked(st, out->rows[i].id) ? "✓ " : "  ", out->rows[i].cols[0]);
		page_set_col(out, i, 0, mark);
		page_set_col(out, i, 3, out->rows[i].cols[3][0] ? RECORDED : "");
		free(mark);
	}
}

static bool row_recorded(const struct list_row *r)
{
	return strcmp(r->cols[3], RECORDED) == 0;
}

static const char *row_name(const struct list_row *r)
{
	const char *s = r->cols[0];
	return strncmp(s, "✓ ", strlen("✓ ")) == 0 ? s + strlen("✓ ") : s + 2;
}

static bool is_contest(const struct meet *st)
{
	return strcmp(st->kind, "contest") == 0;
}

static bool is_course(const struct meet *st)
{
	return strcmp(st->kind, "course") == 0;
}

static const struct enum_opt *outcomes(const struct meet *st)
{
	return is_contest(st) ? model_contest_results : model_participation_roles;
}

/* Days from today to an ISO date (0 when it is not a date). */
static long days_from_today(const char *iso)
{
	char today[11];
	int y, m, d, ty, tm, td;

	today_iso(today);
	if (!date_parse_iso(iso, &y, &m, &d) || !date_parse_iso(today, &ty, &tm, &td))
		return 0;
	return date_to_days(y, m, d) - date_to_days(ty, tm, td);
}

/* Ticks go to an event chosen by the picker's top row as easily as to the
 * one meant: an event more than a few days ahead or long past is named so
 * on the header line. */
enum { WARN_AHEAD = 3, WARN_PAST = 60 };

static void set_warning(struct meet *st)
{
	long ahead = days_from_today(st->start), past = -days_from_today(st->end);
	char when[11];

	st->warn[0] = '\0';
	if (st->start[0] && ahead > WARN_AHEAD) {
		date_format_ru(st->start, when);
		snprintf(st->warn, sizeof st->warn, "Мероприятие состоится %s (через %ld дн.) — F5, если не оно",
			 when, ahead);
	} else if (st->end[0] && past > WARN_PAST) {
		date_format_ru(st->end, when);
		snprintf(st->warn, sizeof st->warn, "Мероприятие прошло %s (%ld дн. назад) — F5, если не оно",
			 when, past);
	}
}

/* Read the event's title, kind and dates; false when it is gone. */
static bool load_event(struct meet *st, int64_t id)
{
	char title[300], kind[16], start[11], end[11];

	if (store_event_brief(st->ss->store, id, title, sizeof title, kind) != ST_OK ||
	    store_event_dates(st->ss->store, id, start, end) != ST_OK)
		return false;
	st->event_id = id;
	memcpy(st->start, start, sizeof st->start);
	memcpy(st->end, end, sizeof st->end);
	strlcpy0(st->title, title, sizeof st->title);
	strlcpy0(st->kind, kind, sizeof st->kind);
	st->outcome = outcomes(st)[0].code;   /* участник */
	set_warning(st);
	return true;
}

static bool pick_event(struct meet *st)
{
	int64_t id = screen_pick_event(st->ss);

	if (id == 0)
		return false;
	if (!load_event(st, id)) {
		ui_set_error("Мероприятие не найдено");
		return false;
	}
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
	c = ui_pick(is_contest(st) ? "Итог конкурса" : "Роль участника", labels, n, cur);
	if (c >= 0)
		st->outcome = o[c].code;
}

/* --- the people: the list, and namesakes to choose from ----------------- */

/* The same columns in the list and in the choice: names kept whole, the
 * organisation and the year of birth tell namesakes apart. */
static const struct ui_column people_cols[] = {
	{ "Педагог", 10 },
	{ "Организация", 5 },
	{ "Год рожд.", 3 },
	{ "Участие", 2 },     /* «записан» already, for this event */
};

static int people_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct meet *st = ctx;
	int rc = store_meeting_people_page(st->ss->store, &st->sc, st->search, st->event_id, r, out);

	if (rc == ST_OK)
		mark_rows(st, out);
	return rc;
}

static int people_count(void *ctx, int *n)
{
	struct meet *st = ctx;
	return store_meeting_people_count(st->ss->store, &st->sc, st->search, n);
}

/* Nine rows at a time, numbered: PgDn and PgUp turn the page by nine, so a
 * digit reaches any of them. */
enum { PAGE = 9 };

static void turn_page(struct ui_list *l, int dir)
{
	struct ui_key k = { .code = dir > 0 ? KEY_DOWN : KEY_UP };

	l->sel = dir > 0 ? l->win.n - 1 : 0;
	for (int i = 0; i < PAGE; i++)
		ui_list_key(l, k);
	l->sel = 0;
}

/* Everyone the search matches, nine at a time, numbered 1–9: a digit or
 * Enter on the highlighted one chooses, letters narrow the search (kept
 * when the window closes), Esc goes back to the list. Returns the chosen
 * person's id (0 for none) and his name in name. */
static int64_t choose_person(struct meet *st, char *name, size_t namesz, bool *recorded)
{
	int w = COLS - 4, h = PAGE + 6, top = (LINES - h) / 2;
	WINDOW *win = newwin(h, w, top, 2);
	struct ui_list l = { .height = PAGE };
	int64_t chosen = 0;

	ui_list_setup(&l, people_fetch, people_count, st, people_cols, NITEMS(people_cols), "Никого не найдено");
	keypad(win, TRUE);
	for (;;) {
		struct ui_key k;
		char head[300];
		WINDOW *in;
		int pick = -1;

		werase(win);
		box(win, 0, 0);
		if (!l.loaded)
			ui_list_reset(&l);
		snprintf(head, sizeof head, "«%s»: найдено %d — кого отметить?", st->search, l.total);
		ui_put(win, 0, 2, head, w - 4, A_BOLD);
		ui_put(win, 1, 2, "Цифра или стрелки и Enter — отметить; буквы — уточнить; Esc — назад",
				w - 4, A_NORMAL);
		in = derwin(win, PAGE + 1, w - 5, 2, 4);
		ui_list_draw(&l, in, 0, PAGE + 1);
		for (int i = 0; i < l.win.n && i < PAGE; i++) {
			char num[4];
			snprintf(num, sizeof num, "%d", i + 1);
			ui_put(win, 3 + i, 2, num, 1, i == l.sel ? A_BOLD | A_REVERSE : A_BOLD);
		}
		if (l.total > PAGE)
			ui_put(win, h - 2, 2, "PgDn, PgUp — следующие и предыдущие девять", w - 4, A_DIM);
		wnoutrefresh(win);
		if (l.win.n)
			wmove(in, 1 + l.sel, 1);   /* the cursor on the highlighted row */
		wnoutrefresh(in);
		delwin(in);
		doupdate();
		k = ui_read_key();
		if (k.code == UI_KEY_IDLE)
			continue;
		if (k.code == UI_KEY_ESC || k.code == KEY_F(10) || k.code == UI_KEY_HANGUP)
			break;
		if (k.code == 0 && k.ch >= '1' && k.ch <= '9' && (int)(k.ch - '1') < l.win.n)
			pick = (int)(k.ch - '1');
		else if (k.code == KEY_ENTER && l.win.n)
			pick = l.sel;
		if (pick >= 0) {
			chosen = l.win.rows[pick].id;
			strlcpy0(name, row_name(&l.win.rows[pick]), namesz);
			*recorded = row_recorded(&l.win.rows[pick]);
			break;
		}
		if (k.code == KEY_NPAGE || k.code == KEY_PPAGE) {
			turn_page(&l, k.code == KEY_NPAGE ? +1 : -1);
			continue;
		}
		if (k.code == 0 && k.ch >= '0' && k.ch <= '9')
			continue;   /* no such row: digits are not names */
		ui_list_search_key(&l, st->search, sizeof st->search, k);
	}
	ui_list_free(&l);
	delwin(win);
	touchwin(stdscr);
	ui_dirty();
	return chosen;
}

/* --- ticks ------------------------------------------------------------- */

/* The event's dates as the header shows them: "12.04.2027" or
 * "12.04.2027–14.04.2027". */
static void event_dates(const struct meet *st, char *out, size_t size)
{
	char from[11], to[11];

	date_format_ru(st->start, from);
	date_format_ru(st->end, to);
	if (!from[0])
		strlcpy0(out, "(дата не указана)", size);
	else if (!to[0] || strcmp(from, to) == 0)
		strlcpy0(out, from, size);
	else
		snprintf(out, size, "%s–%s", from, to);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct meet *st = sc->state;
	char line[400], dates[40];
	int cols = getmaxx(w), y = 0;
	const struct list_row *one = st->list.total == 1 && st->list.win.n == 1 ? &st->list.win.rows[0] : NULL;

	/* The date first: the title may be shortened, the date never. */
	event_dates(st, dates, sizeof dates);
	snprintf(line, sizeof line, "Мероприятие %s: %s", dates, st->title);
	ui_put(w, y, 1, line, cols - 2, A_BOLD);
	if (st->warn[0])
		ui_put(w, ++y, 1, st->warn, cols - 2, A_BOLD | A_REVERSE);
	if (is_course(st))
		snprintf(line, sizeof line, "Курс: запишется в курсы педагога.  Отмечено: %d (F2 — записать)",
			 st->nticked);
	else
		snprintf(line, sizeof line, "%s: %s.  Отмечено: %d (F2 — записать)",
			 is_contest(st) ? "Итог" : "Роль", model_enum_label(outcomes(st), st->outcome),
			 st->nticked);
	ui_put(w, ++y, 1, line, cols - 2, A_NORMAL);
	y++;
	if (st->search[0]) {
		snprintf(line, sizeof line, "Поиск: %s_   найдено: %d %s", st->search, st->list.total,
			 st->list.total == 0 ? "(Backspace — исправить, Esc — сбросить)"
			 : one && row_recorded(one) && !is_ticked(st, one->id) ? "— участие уже записано"
			 : st->moved || st->list.total == 1 ? "(Enter — отметить под курсором)"
			 : "(Enter — выбрать из них)");
		ui_put(w, y, 1, line, cols - 2, A_BOLD);
	} else {
		ui_put(w, y, 1, "Поиск: (начните печатать фамилию; Insert, Пробел — отметить под курсором)",
				cols - 2, A_DIM);
	}
	y++;
	ui_list_draw(&st->list, w, y, getmaxy(w) - y);
}

/* Tick the person (or take the tick away), if the user may record his
 * participation and it is not recorded yet; says which on the status
 * line. */
static void toggle(struct meet *st, int64_t id, const char *name, bool recorded)
{
	const char *why;

	if (!access_may(st->ss, P_PARTICIPATION, id, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (recorded && !is_ticked(st, id)) {
		ui_set_error("Участие уже записано: %s — отмечать не нужно", name);
		return;
	}
	for (int i = 0; i < st->nticked; i++)
		if (st->ticked[i] == id) {
			st->ticked[i] = st->ticked[--st->nticked];
			ui_set_status("Отметка снята: %s", name);
			return;
		}
	st->ticked = xrealloc(st->ticked, (size_t)(st->nticked + 1) * sizeof *st->ticked);
	st->ticked[st->nticked++] = id;
	ui_set_status("Отмечен педагог: %s", name);
}

/* After a person found by the search: the next one is found from the start. */
static void search_done(struct meet *st)
{
	st->search[0] = '\0';
	st->moved = false;
	ui_list_reset(&st->list);
}

/* Enter: with the search typed and the cursor not moved, one match is
 * ticked and several are listed to choose from; otherwise the person under
 * the cursor. */
static void enter(struct meet *st)
{
	const struct list_row *r = ui_list_current(&st->list);
	char name[300];
	bool recorded = false;
	int64_t id;

	if (st->search[0] && !st->moved && st->list.total > 1) {
		id = choose_person(st, name, sizeof name, &recorded);
		if (id) {
			toggle(st, id, name, recorded);
			search_done(st);
		} else {
			st->moved = false;
			ui_list_reset(&st->list);   /* the search may have been narrowed */
		}
		return;
	}
	if (r == NULL) {
		if (st->search[0])
			ui_set_error("По «%s» никого не найдено: исправьте поиск (Backspace) или Esc", st->search);
		return;
	}
	strlcpy0(name, row_name(r), sizeof name);
	toggle(st, r->id, name, row_recorded(r));
	if (st->search[0])
		search_done(st);
	else
		ui_list_reload(&st->list);
}

/* Insert, as in Midnight Commander: the person under the cursor, then the
 * cursor goes down; the search stays. */
static void insert(struct meet *st)
{
	const struct list_row *r = ui_list_current(&st->list);
	char name[300];

	if (r == NULL)
		return;
	strlcpy0(name, row_name(r), sizeof name);
	toggle(st, r->id, name, row_recorded(r));
	ui_list_reload(&st->list);
	ui_list_key(&st->list, (struct ui_key){ .code = KEY_DOWN });
	st->moved = true;
}

static bool save(struct meet *st)
{
	struct meeting m = { st->event_id, st->kind, st->outcome, st->outcome };
	int added, already, marked, rc;

	if (st->nticked == 0) {
		ui_set_error("Никто не отмечен: найдите педагога и нажмите Enter");
		return false;
	}
	rc = store_meeting_record(st->ss->store, &st->ss->actor, &m, st->ticked, st->nticked, &added,
				  &already, &marked);
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);   /* the ticks stay: nothing is lost */
		return false;
	}
	st->nticked = 0;
	ui_list_reload(&st->list);
	ui_set_status("%s: %d; уже было записано: %d; отмечено в ИОМ: %d",
		      is_course(st) ? "Записан курс" : "Записано участие", added, already, marked);
	return true;
}

/* The answers about ticks not recorded. Dropping them is not «Не…»: the
 * key of «Н» (y) means the safe «нет» everywhere else, and here that is
 * «Остаться». */
static const char *const tick_answers[] = { "Записать", "Сбросить отметки", "Остаться" };

/* Ticks not recorded: record them (Enter), drop them, or stay (Esc).
 * Returns true when the ticks are dealt with and the user may go on. */
static bool settle_ticks(struct meet *st)
{
	const char *const *answers = tick_answers;
	char q[80];

	if (st->nticked == 0)
		return true;
	snprintf(q, sizeof q, "Записать отмеченных (%d)?", st->nticked);
	switch (ui_ask("Отметка участия", q, answers, 3, 0, 2)) {
	case 0:
		return save(st);
	case 1:
		st->nticked = 0;
		ui_list_reload(&st->list);
		return true;
	default:
		return false;
	}
}

static const struct screen_ops *ops_for(const struct meet *st);

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct meet *st = sc->state;

	sc->dirty = true;
	switch (cmd) {
	case C_TICK:
		enter(st);
		return true;
	case C_INS:
		insert(st);
		return true;
	case C_SPACE:
		if (!st->search[0]) {
			insert(st);
			return true;
		}
		break;   /* a space inside the search: «Романова А» */
	case C_ESC:
		if (!st->search[0])
			return false;   /* leaving: can_leave asks about the ticks */
		search_done(st);
		return true;
	case C_SAVE:
		save(st);
		return true;
	case C_RESULT:
		pick_outcome(st);
		return true;
	case C_EVENT:
		/* The ticks belong to the event they were made for: recorded
		 * first, or dropped once another event is chosen. */
		if (st->nticked) {
			char q[120];
			int a;

			snprintf(q, sizeof q, "Записать отмеченных (%d) перед выбором другого мероприятия?",
				 st->nticked);
			a = ui_ask("Отметка участия", q, tick_answers, 3, 0, 2);
			if (a == 2 || (a == 0 && !save(st)))
				return true;
		}
		if (pick_event(st)) {
			if (st->warn[0])
				ui_set_error("%s", st->warn);
			else if (st->nticked)
				ui_set_status("Отметки сняты, не записаны: %d", st->nticked);
			else
				ui_clear_status();
			st->nticked = 0;
			sc->ops = ops_for(st);   /* F4: the role or a contest's result */
			ui_list_reload(&st->list);
		}
		return true;
	default:
		break;
	}
	if (ui_list_key(&st->list, k)) {
		st->moved = true;
		return true;
	}
	if (ui_search_key(st->search, sizeof st->search, k)) {
		st->moved = false;
		ui_list_reset(&st->list);
	}
	return true;
}

/* Ticked but not recorded: asked before leaving, never lost silently. */
static bool can_leave(struct screen *sc)
{
	return settle_ticks(sc->state);
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

static const struct screen_ops ops_role = { "meeting", keys_role, draw, key, NULL, free_state, can_leave,
					    hangup };
static const struct screen_ops ops_result = { "meeting", keys_result, draw, key, NULL, free_state, can_leave,
					      hangup };

static const struct screen_ops ops_course = { "meeting", keys_course, draw, key, NULL, free_state, can_leave,
					      hangup };

static const struct screen_ops *ops_for(const struct meet *st)
{
	return is_course(st) ? &ops_course : is_contest(st) ? &ops_result : &ops_role;
}

static struct meet *meet_new(struct session *ss)
{
	struct meet *st = xcalloc(1, sizeof *st);

	st->ss = ss;
	st->sc = access_scope(ss, P_PARTICIPATION);
	ui_list_setup(&st->list, people_fetch, people_count, st, people_cols, NITEMS(people_cols),
		      "Никого не найдено");
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
	if (ok && !load_event(st, strtoll(event, NULL, 10))) {
		*why = "мероприятие удалено";
		ok = false;
	}
	if (ok) {
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
	return screen_new(ops_for(st), st, "Отметка участия (режим совещания)");
}

struct screen *screen_meeting(struct session *ss)
{
	struct meet *st = meet_new(ss);

	if (!pick_event(st)) {
		meet_free(st);
		return NULL;
	}
	return screen_new(ops_for(st), st, "Отметка участия (режим совещания)");
}
