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
	{ KEY_F(10), CMD_QUIT, "Выход", "выйти из программы" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть выбранный раздел" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, цифра или первые буквы названия — выбор раздела" },
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
	[I_IMPORT] = "Загрузка таблиц (CSV) в реестр",
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

static void draw(struct screen *sc, WINDOW *w)
{
	struct home *st = sc->state;
	const struct user *u = &st->ss->user;
	char line[400];
	int cols = getmaxx(w), y = 1;

	snprintf(line, sizeof line, "Пользователь: %s (%s)", u->full_name, u->login);
	ui_put(w, y++, 2, line, cols - 4, A_BOLD);
	line[0] = '\0';
	for (int i = 0; i < u->nroles; i++) {
		char part[120];
		snprintf(part, sizeof part, "%s%s%s%s", i ? ", " : "Роли: ",
			 model_enum_label(model_roles, u->roles[i].role),
			 u->roles[i].scope_code[0] ? " " : "", u->roles[i].scope_code);
		strncat(line, part, sizeof line - strlen(line) - 1);
	}
	ui_put(w, y++, 2, line, cols - 4, A_NORMAL);
	if (strcmp(st->ss->real_login, u->login) != 0) {
		snprintf(line, sizeof line, "Вход выполнен как %s от имени %s", st->ss->real_login, u->login);
		ui_put(w, y++, 2, line, cols - 4, A_DIM);
	}
	y++;
	/* A long menu (the regional centre's) scrolls with the selection. */
	int rows = getmaxy(w) - y, first = 0;
	if (rows < 1)
		rows = 1;
	if (st->sel >= rows)
		first = st->sel - rows + 1;
	for (int i = first; i < st->n && i - first < rows; i++) {
		attr_t a = i == st->sel ? (ui_has_color() ? COLOR_PAIR(UI_PAIR_SEL) : A_REVERSE) : A_NORMAL;
		snprintf(line, sizeof line, " %d. %s ", i + 1, item_labels[st->items[i]]);
		ui_put_padded(w, y + i - first, 4, line, cols - 8 < 64 ? cols - 8 : 64, a);
	}
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct home *st = sc->state;

	sc->dirty = true;
	if (k.code == KEY_DOWN && st->sel < st->n - 1)
		st->sel++;
	else if (k.code == KEY_UP && st->sel > 0)
		st->sel--;
	else if (k.code == KEY_HOME)
		st->sel = 0;
	else if (k.code == KEY_END)
		st->sel = st->n - 1;
	else if (k.code == 0 && k.ch >= '1' && (int)(k.ch - '1') < st->n)
		st->sel = (int)(k.ch - '1'), cmd = C_OPEN;
	else if (ui_search_key(st->typed, sizeof st->typed, k)) {
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

static void free_state(struct screen *sc)
{
	free(sc->state);
}

static const struct screen_ops ops = { "home", keys, draw, key, NULL, free_state, NULL, NULL };

struct screen *screen_home(struct session *ss)
{
	struct home *st = xcalloc(1, sizeof *st);

	st->ss = ss;
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
	/* Self-diagnosis is the teacher's own (a teacher's checklist, or a
	 * manager's for the school's managers). */
	if (ss->user.person_id && access_has_role(&ss->user, "teacher") &&
	    access_may(ss, P_SELF_DIAG, ss->user.person_id, NULL))
		st->items[st->n++] = I_SELFCHECK;
	st->items[st->n++] = I_QUIT;
	return screen_new(&ops, st, "Маршрут — главное меню");
}
