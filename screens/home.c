/* The home screen: a menu built from what the access policy allows this
 * user. A teacher, who may see only himself, is offered only his own card. */
#include "screens/screens.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1 };
enum item { I_PERSONS, I_IOMS, I_APPLICATIONS, I_RADAR, I_MONITORING, I_ANALYTICS, I_POOL, I_MEASURES,
	    I_MEETING, I_REGISTRIES, I_MENTORING, I_SITES, I_ORGS, I_CODIFIER, I_IMPORT, I_AUDIT, I_OWN_CARD, I_SELFCHECK, I_QUIT };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(10), CMD_QUIT, "Выход", "выйти из программы (спросит)" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть выбранный раздел" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, Home/End, номер или начало названия — выбор" },
	{ 0, 0, NULL, NULL }
};

static const char *const item_labels[] = {
	[I_PERSONS] = "Педагоги — реестр и информационные справки",
	[I_IOMS] = "Индивидуальные образовательные маршруты (ИОМ)",
	[I_APPLICATIONS] = "Заявки на диагностику",
	[I_RADAR] = "Контроль сроков",
	[I_MONITORING] = "Мониторинг: показатели и цели",
	[I_ANALYTICS] = "Типичные дефициты (сводно, без имён)",
	[I_POOL] = "Методический актив и нагрузка кураторов",
	[I_MEASURES] = "Меры поддержки и рекомендации",
	[I_ORGS] = "Образовательные организации",
	[I_SITES] = "Стажировочные площадки",
	[I_REGISTRIES] = "Реестры: мероприятия, участие, кадры, планы ОО, продукты",
	[I_MENTORING] = "Наставничество: пары, молодые специалисты, анкеты",
	[I_MEETING] = "Отметка участия в мероприятии (режим совещания)",
	[I_CODIFIER] = "Кодификатор профессиональных дефицитов",
	[I_IMPORT] = "Загрузка таблиц (CSV, Excel) в реестр",
	[I_AUDIT] = "Журнал изменений",
	[I_OWN_CARD] = "Моя информационная справка",
	[I_SELFCHECK] = "Пройти самодиагностику",
	[I_QUIT] = "Выход",
};

/* The same, short enough for half the screen, when the menu takes two
 * columns (a user with several roles). */
static const char *const short_labels[] = {
	[I_PERSONS] = "Педагоги — реестр и справки",
	[I_IOMS] = "Индивидуальные маршруты (ИОМ)",
	[I_APPLICATIONS] = "Заявки на диагностику",
	[I_RADAR] = "Контроль сроков",
	[I_MONITORING] = "Мониторинг: показатели и цели",
	[I_ANALYTICS] = "Типичные дефициты (сводно)",
	[I_POOL] = "Методический актив и кураторы",
	[I_MEASURES] = "Меры поддержки и рекомендации",
	[I_ORGS] = "Образовательные организации",
	[I_SITES] = "Стажировочные площадки",
	[I_REGISTRIES] = "Реестры: мероприятия, кадры",
	[I_MENTORING] = "Наставничество: пары, анкеты",
	[I_MEETING] = "Отметка участия (совещание)",
	[I_CODIFIER] = "Кодификатор дефицитов",
	[I_IMPORT] = "Загрузка таблиц (CSV, Excel)",
	[I_AUDIT] = "Журнал изменений",
	[I_OWN_CARD] = "Моя информационная справка",
	[I_SELFCHECK] = "Пройти самодиагностику",
	[I_QUIT] = "Выход",
};

struct home {
	struct session *ss;
	enum item items[24];
	int n, sel;
	char typed[64];   /* letters typed: jump to the item that starts so */
	int pending;      /* a first digit that may begin a two-digit number */
	char *roles;      /* "Роль: куратор ИОМ", scopes by their names */
	int first;        /* the first menu row shown, when the menu scrolls */
	/* Where each item was drawn, on the screen (the mouse). */
	int item_y[24], item_x[24], item_w;
	int per;          /* items in the left column of two; 0: one column */
	int waiting;      /* what «Контроль сроков» holds for the user; -1: not counted yet */
};

/* Whether a scope reaches beyond the user's own person. */
static bool wider_than_self(struct session *ss, enum perm p)
{
	struct store_scope sc = access_scope(ss, p);
	bool wide = sc.all || sc.curator_person || strcmp(sc.orgs, "[]") != 0 ||
		    strcmp(sc.muns, "[]") != 0;
	access_scope_free(&sc);
	return wide;
}

/* The user's roles in words: the role's name and, for a school or a
 * municipality, its name as the register keeps it. */
static char *roles_text(struct session *ss)
{
	const struct user *u = &ss->user;
	char *out = xstrdup(u->nroles > 1 ? "Роли: " : "Роль: ");

	for (int i = 0; i < u->nroles; i++) {
		const struct role_grant *g = &u->roles[i];
		char *scope = g->org_id ? store_ref_name(ss->store, "organisation", g->org_id)
			    : g->mun_id ? store_ref_name(ss->store, "municipality", g->mun_id)
					: xstrdup("");
		char *next = xasprintf("%s%s%s%s%s", out, i ? "; " : "",
				       model_enum_label(model_roles, g->role), scope[0] ? " — " : "", scope);
		free(scope);
		free(out);
		out = next;
	}
	return out;
}

/* Lines of text cut at "; " to fit cols; returns the count (at most max). */
static int wrap_parts(const char *text, int cols, char lines[][400], int max)
{
	int n = 0;
	const char *p = text;

	while (*p && n < max) {
		const char *end = p, *q;
		size_t len;
		/* Take parts while they fit. */
		for (q = p; *q;) {
			const char *sep = strstr(q, "; ");
			const char *stop = sep ? sep : q + strlen(q);
			char *part = xstrndup(p, (size_t)(stop - p));
			bool fits = text_width(part) <= cols;
			free(part);
			if (!fits && end != p)
				break;
			end = stop;
			if (!fits || !sep)
				break;
			q = sep + 2;
		}
		if (n == max - 1 && *end)
			end = p + strlen(p);   /* the last line takes the rest, cut with "…" */
		len = (size_t)(end - p) < sizeof lines[n] - 1 ? (size_t)(end - p) : sizeof lines[n] - 1;
		/* Never half a character: back off to the start of one. */
		while (len > 0 && (size_t)(end - p) > len && ((unsigned char)p[len] & 0xc0) == 0x80)
			len--;
		memcpy(lines[n], p, len);
		lines[n][len] = '\0';
		n++;
		p = *end ? end + 2 : end;
	}
	return n;
}

static bool count_waiting(struct screen *sc)
{
	struct home *st = sc->state;

	st->waiting = screen_radar_waiting(st->ss);
	sc->dirty = st->waiting > 0;
	return false;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct home *st = sc->state;
	const struct user *u = &st->ss->user;
	char line[400], head[5][400];
	int cols = getmaxx(w), h = getmaxy(w), y, nh = 0, ncol, per, rows, colw, x0;
	attr_t sel_attr = ui_has_color() ? COLOR_PAIR(UI_PAIR_SEL) : A_REVERSE;

	snprintf(head[nh++], sizeof head[0], "Пользователь: %s (логин %s)", u->full_name, u->login);
	nh += wrap_parts(st->roles, cols - 4, head + nh, 3);
	if (strcmp(st->ss->real_login, u->login) != 0)
		snprintf(head[nh++], sizeof head[0], "Вход выполнен как %s от имени %s", st->ss->real_login,
			 u->login);

	/* Blank lines above and below the header only where the whole menu
	 * still fits in one column. */
	y = nh + st->n + 2 <= h ? 1 : 0;
	for (int i = 0; i < nh; i++)
		ui_put(w, y + i, 2, head[i], cols - 4,
				i == 0 ? A_BOLD : i == nh - 1 && strcmp(st->ss->real_login, u->login) ? A_DIM
													   : A_NORMAL);
	y += nh;
	if (y + st->n < h)
		y++;
	/* One column when it fits, else two (1…k on the left, the rest on the
	 * right); a menu taller than that scrolls, with a marker. */
	rows = h - y > 1 ? h - y : 1;
	ncol = st->n <= rows ? 1 : 2;
	per = (st->n + ncol - 1) / ncol;
	if (per > rows) {
		rows--;   /* the marker line */
		if (st->sel % per < st->first)
			st->first = st->sel % per;
		if (st->sel % per >= st->first + rows)
			st->first = st->sel % per - rows + 1;
	} else {
		st->first = 0;
	}
	colw = ncol == 1 ? (cols - 8 < 70 ? cols - 8 : 70) : (cols - 6) / 2;
	st->item_w = colw;
	st->per = ncol == 2 ? per : 0;
	for (int i = 0; i < st->n; i++) {
		int r = i % per - st->first, x = (ncol == 1 ? 4 : 2) + (i / per) * (colw + 2);
		attr_t a = i == st->sel ? sel_attr : A_NORMAL;

		st->item_y[i] = st->item_x[i] = -1;
		if (r < 0 || r >= rows)
			continue;
		snprintf(line, sizeof line, "%c%2d. %s", i == st->sel ? '>' : ' ', i + 1,
			 (ncol == 1 ? item_labels : short_labels)[st->items[i]]);
		/* The work waiting, so that the first screen says where to begin. */
		if (st->items[i] == I_RADAR && st->waiting > 0)
			snprintf(line + strlen(line), sizeof line - strlen(line),
				 ncol == 1 ? " — ждут внимания: %d" : ": %d", st->waiting);
		ui_put_padded(w, y + r, x, line, colw, a);
		if (i == st->sel)
			mvwaddch(w, y + r, x, '>' | a | A_BOLD);
		st->item_y[i] = getbegy(w) + y + r;
		st->item_x[i] = getbegx(w) + x;
	}
	if (per > rows) {
		snprintf(line, sizeof line, "%s%s", st->first > 0 ? "↑ выше есть пункты  " : "",
			 st->first + rows < per ? "↓ ниже есть пункты" : "");
		ui_put(w, y + rows, 4, line, cols - 8, A_DIM);
	}
	/* The cursor on the selected item, for screen readers. */
	x0 = (ncol == 1 ? 4 : 2) + (st->sel / per) * (colw + 2);
	if (st->sel % per - st->first >= 0 && st->sel % per - st->first < rows)
		ui_park(w, y + st->sel % per - st->first, x0);
}

/* Open the selected item; false when it is «Выход». */
static bool open_item(struct home *st)
{
	/* The menu's own hint («Пункт 1: …») does not follow into what opens
	 * (a dialog over the menu included). */
	ui_clear_status();
	switch (st->items[st->sel]) {
	case I_PERSONS:
		ui_push(screen_persons(st->ss, 0));
		break;
	case I_IOMS:
		ui_push(screen_iom_list(st->ss));
		break;
	case I_APPLICATIONS:
		ui_push(screen_applications(st->ss));
		break;
	case I_RADAR:
		ui_push(screen_radar(st->ss));
		break;
	case I_MONITORING:
		ui_push(screen_monitoring(st->ss, NULL, 0));
		break;
	case I_ANALYTICS:
		ui_push(screen_analytics(st->ss));
		break;
	case I_POOL:
		ui_push(screen_pool(st->ss));
		break;
	case I_MEASURES:
		ui_push(screen_measures(st->ss));
		break;
	case I_ORGS:
		ui_push(screen_orgs(st->ss));
		break;
	case I_CODIFIER:
		ui_push(screen_codifier(st->ss));
		break;
	case I_SITES:
		ui_push(screen_sites(st->ss));
		break;
	case I_MENTORING:
		ui_push(screen_mentoring(st->ss));
		break;
	case I_REGISTRIES:
		screen_registries(st->ss);
		break;
	case I_MEETING: {
		struct screen *m = screen_meeting(st->ss);
		if (m)
			ui_push(m);
		break;
	}
	case I_IMPORT:
		ui_push(screen_import(st->ss));
		break;
	case I_AUDIT:
		ui_push(screen_audit(st->ss));
		break;
	case I_SELFCHECK:
		ui_push(screen_selfcheck(st->ss));
		break;
	case I_OWN_CARD:
		ui_push(screen_person_card(st->ss, st->ss->user.person_id));
		break;
	case I_QUIT:
		return false;
	}
	return true;
}

/* A digit: the item of that number. Where it may begin a longer number
 * («1» of 18 items) it only selects, and the next digit completes the
 * number (1 then 3: item 13); Enter opens what is selected. Otherwise the
 * item opens at once. Nothing typed after a digit goes to another screen
 * unless that screen was asked for. */
static bool digit(struct screen *sc, struct home *st, int d)
{
	int want = st->pending ? st->pending * 10 + d : d;

	(void)sc;
	if (st->pending) {
		st->pending = 0;
		ui_clear_status();
		if (want > st->n) {
			ui_set_error("Пункта %d нет: в меню %d пунктов", want, st->n);
			return true;
		}
		st->sel = want - 1;
		return open_item(st);
	}
	if (want == 0 || want > st->n) {
		ui_set_error("Пункта %d нет: в меню %d пунктов", want, st->n);
		return true;
	}
	st->sel = want - 1;
	if (want * 10 <= st->n) {
		st->pending = want;
		ui_set_status("Пункт %d: Enter — открыть, вторая цифра — пункт %d–%d", want, want * 10,
			      want * 10 + 9 < st->n ? want * 10 + 9 : st->n);
		return true;
	}
	return open_item(st);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct home *st = sc->state;
	int per = st->per;

	sc->dirty = true;
	if (k.code == 0 && k.ch >= '0' && k.ch <= '9') {
		st->typed[0] = '\0';
		return digit(sc, st, (int)(k.ch - '0'));
	}
	if (st->pending) {
		/* Anything but a second digit ends the number: item 1 stays
		 * selected, and the key acts on it. */
		st->pending = 0;
		ui_clear_status();
	}
	if (k.code == KEY_DOWN && st->sel < st->n - 1)
		st->sel++;
	else if (k.code == KEY_UP && st->sel > 0)
		st->sel--;
	else if (k.code == KEY_RIGHT && per && st->sel + per < st->n)
		st->sel += per;
	else if (k.code == KEY_LEFT && per && st->sel - per >= 0)
		st->sel -= per;
	else if (k.code == KEY_HOME)
		st->sel = 0;
	else if (k.code == KEY_END)
		st->sel = st->n - 1;
	else if (k.code == UI_KEY_WHEEL_DOWN && st->sel < st->n - 1)
		st->sel++;
	else if (k.code == UI_KEY_WHEEL_UP && st->sel > 0)
		st->sel--;
	else if (k.code == UI_KEY_CLICK) {
		for (int i = 0; i < st->n; i++)
			if (st->item_y[i] == k.y && k.x >= st->item_x[i] && k.x < st->item_x[i] + st->item_w) {
				st->sel = i;
				ui_click_hit();
			}
	} else if (ui_search_key(st->typed, sizeof st->typed, k)) {
		/* Type the beginning of an item's name to jump to it. */
		char *want = text_fold(st->typed);
		for (int i = 0; i < st->n; i++) {
			char *label = text_fold(item_labels[st->items[i]]);
			bool match = strncmp(label, want, strlen(want)) == 0;
			free(label);
			if (match) {
				st->sel = i;
				break;
			}
		}
		free(want);
		return true;
	}
	if (k.code != 0 || cmd == C_OPEN)
		st->typed[0] = '\0';
	if (cmd != C_OPEN)
		return true;
	return open_item(st);
}

/* F10, Esc or «Выход» on the home menu leaves the program: asked first. */
static bool can_leave(struct screen *sc)
{
	(void)sc;
	return ui_confirm("Выйти из программы?");
}

static void free_state(struct screen *sc)
{
	struct home *st = sc->state;

	free(st->roles);
	free(st);
}

static const struct screen_ops ops = { "home", keys, draw, key, NULL, free_state, can_leave, NULL };

/* The user's person is one of the managers of an educational
 * organisation (is_manager on his card; a head or deputy of a school, a
 * kindergarten, a college: not of the centre or the authority), who are
 * diagnosed on the management blocks. */
static bool is_manager(struct session *ss)
{
	struct record p, o;
	bool yes = false;

	if (store_get(ss->store, &model_person, NULL, ss->user.person_id, &p) != ST_OK)
		return false;
	int mi = model_field_index(&model_person, "is_manager"), oi = model_field_index(&model_person, "org_id");
	if (p.v[mi] && strcmp(p.v[mi], "1") == 0 && p.v[oi] &&
	    store_get(ss->store, &model_organisation, NULL, strtoll(p.v[oi], NULL, 10), &o) == ST_OK) {
		const char *kind = o.v[model_field_index(&model_organisation, "kind")];
		yes = kind && strcmp(kind, "institute") != 0 && strcmp(kind, "authority") != 0;
		record_free(&o);
	}
	record_free(&p);
	return yes;
}

struct screen *screen_home(struct session *ss)
{
	struct home *st = xcalloc(1, sizeof *st);

	st->ss = ss;
	st->roles = roles_text(ss);
	if (wider_than_self(ss, P_PERSON_VIEW))
		st->items[st->n++] = I_PERSONS;
	/* Every user sees the cards his scope reaches (a teacher: his own). */
	st->items[st->n++] = I_IOMS;
	if (access_may(ss, P_APPLICATION, 0, NULL))
		st->items[st->n++] = I_APPLICATIONS;
	/* Deadlines of whatever the user reaches (a teacher: his own route). */
	st->items[st->n++] = I_RADAR;
	if (screen_analytics_available(ss)) {
		st->items[st->n++] = I_MONITORING;
		st->items[st->n++] = I_ANALYTICS;
	}
	/* The region's pool is the regional centre's to balance. */
	if (access_has_role(&ss->user, "regional") || access_has_role(&ss->user, "admin"))
		st->items[st->n++] = I_POOL;
	/* The decisions are kept by the region and the municipalities; a
	 * school reads those addressed to it. */
	if (screen_analytics_available(ss))
		st->items[st->n++] = I_MEASURES;
	if (access_may(ss, P_PARTICIPATION, 0, NULL))
		st->items[st->n++] = I_MEETING;
	/* Staff keep the registries; a teacher sees his own records on his card. */
	if (wider_than_self(ss, P_PERSON_VIEW))
		st->items[st->n++] = I_REGISTRIES;
	if (access_may(ss, P_MENTORING, 0, NULL))
		st->items[st->n++] = I_MENTORING;
	if (access_may(ss, P_SITES, 0, NULL))
		st->items[st->n++] = I_SITES;
	if (wider_than_self(ss, P_ORG_VIEW))
		st->items[st->n++] = I_ORGS;
	/* Staff look codes up; the regional centre and admin edit them. */
	if (wider_than_self(ss, P_PERSON_VIEW))
		st->items[st->n++] = I_CODIFIER;
	if (access_may(ss, P_IMPORT, 0, NULL))
		st->items[st->n++] = I_IMPORT;
	if (access_may(ss, P_AUDIT, 0, NULL))
		st->items[st->n++] = I_AUDIT;
	if (ss->user.person_id && access_may(ss, P_PERSON_VIEW, ss->user.person_id, NULL))
		st->items[st->n++] = I_OWN_CARD;
	/* Self-diagnosis is one's own: a teacher's checklist, or the
	 * management blocks' for a school head or deputy (управленческие
	 * кадры), whatever his working role. */
	if (ss->user.person_id && access_may(ss, P_SELF_DIAG, ss->user.person_id, NULL) &&
	    (access_has_role(&ss->user, "teacher") || is_manager(ss)))
		st->items[st->n++] = I_SELFCHECK;
	st->items[st->n++] = I_QUIT;
	st->waiting = -1;
	{
		struct screen *sc = screen_new(&ops, st, "Маршрут — главное меню");
		sc->work = count_waiting;   /* after the first screen is up: no delay to it */
		return sc;
	}
}
