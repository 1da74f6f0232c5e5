/* Helpers every screen uses. */
#include "screens/screens.h"
#include "ui/ask.h"
#include "ui/list.h"
#include "store/iom.h"
#include "store/diag.h"
#include "store/registry.h"
#include "date.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <time.h>

struct screen *screen_new(const struct screen_ops *ops, void *state, const char *title)
{
	struct screen *sc = xcalloc(1, sizeof *sc);

	sc->ops = ops;
	sc->state = state;
	strlcpy0(sc->title, title, sizeof sc->title);
	return sc;
}

void screen_store_error(struct session *ss, int rc)
{
	switch (rc) {
	case ST_OK:
		break;
	case ST_NOTFOUND:
		ui_set_error("Запись не найдена или недоступна");
		break;
	case ST_CONFLICT:
		ui_set_error("Запись изменил другой пользователь: ваше не сохранено, откройте её заново");
		break;
	case ST_CONSTRAINT:
		ui_set_error("Не сохранено: %s", store_errmsg(ss->store));
		break;
	default:
		ui_set_error("Ошибка базы данных: %s", store_errmsg(ss->store));
		break;
	}
}

bool screen_pick_filter(const char *title, const char *all, const struct enum_opt *opts, char *code,
			size_t size)
{
	const char *labels[32];
	int n = 0, cur = 0, choice;

	labels[n++] = all;
	for (const struct enum_opt *o = opts; o->code && n < (int)NITEMS(labels); o++) {
		if (strcmp(o->code, code) == 0)
			cur = n;
		labels[n++] = o->label;
	}
	if ((choice = ui_pick(title, labels, n, cur)) < 0)
		return false;
	strlcpy0(code, choice ? opts[choice - 1].code : "", size);
	return true;
}

bool screen_ask_year(const char *title, int *year)
{
	char cur[8], *text, *end;
	long y;

	snprintf(cur, sizeof cur, "%d", *year);
	if ((text = ui_prompt(title, cur)) == NULL)
		return false;
	errno = 0;
	y = strtol(text, &end, 10);
	bool ok = *end == '\0' && end != text && errno == 0 && y >= 2000 && y <= 2100;
	free(text);
	if (!ok) {
		ui_set_error("Год — число от 2000 до 2100");
		return false;
	}
	*year = (int)y;
	return true;
}

int screen_this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

char *screen_home_file(const char *fmt, ...)
{
	const char *home = getenv("HOME");
	va_list ap;
	char *name, *path;

	va_start(ap, fmt);
	name = xvasprintf(fmt, ap);
	va_end(ap);
	for (char *p = name; *p; p++)
		if (*p == '/' || *p == ':')
			*p = '-';
	path = xasprintf("%s/%s", home && *home ? home : ".", name);
	free(name);
	return path;
}

void screen_put_whole(WINDOW *w, int y, int x, int cols, int rows, const char *const *paras, int n)
{
	struct text_lines tl = { 0 };
	int cy, cx;

	getyx(w, cy, cx);
	for (int p = 0; p < n; p++)
		if (paras[p] && paras[p][0])
			text_wrap(paras[p], cols, cols, &tl);
	for (int i = 0; i < tl.n && i < rows; i++) {
		if (i == rows - 1 && tl.n > rows) {
			/* The words that fit with « …» after them. */
			struct text_lines last = { 0 };
			char *rest = xasprintf("%s %s", tl.v[i], tl.v[i + 1]), *line;
			text_wrap(rest, cols - 2, cols - 2, &last);
			line = xasprintf("%s …", last.n ? last.v[0] : "");
			ui_put(w, y + i, x, line, cols, A_DIM);
			free(line);
			free(rest);
			text_lines_free(&last);
		} else {
			ui_put(w, y + i, x, tl.v[i], cols, A_DIM);
		}
	}
	text_lines_free(&tl);
	wmove(w, cy, cx);
}

/* --- pickers: a modal paged list with type-to-search --- */

struct picker {
	struct session *ss;
	struct store_scope sc;
	char search[128];
	struct org_filter of;
	struct deficit_filter df;
	enum { PICK_ORG, PICK_DEFICIT, PICK_PROPOSAL, PICK_DIAG, PICK_PERSON, PICK_EVENT, PICK_COURSE } what;
	struct person_filter pf;
	int64_t iom_id;       /* proposals of this card */
	bool findings;        /* the card's deficits may be shown (and order the list) */
	int64_t person_id;    /* diagnostics of this person */
	const char *empty_found;  /* shown when a search finds nothing (NULL: the list's empty text) */
	bool whole;           /* the chosen row's first two columns whole, beneath the list */
};

static int pick_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct picker *p = ctx;
	switch (p->what) {
	case PICK_DEFICIT:
		return store_deficit_page(p->ss->store, &p->df, r, out);
	case PICK_PROPOSAL:
		return store_iom_proposals_find_page(p->ss->store, p->iom_id, p->findings, p->search, r, out);
	case PICK_DIAG:
		/* Dates, kinds and forms only: the picker shows no results. */
		return store_diag_page(p->ss->store, p->person_id, 0, r, out);
	case PICK_PERSON:
		return store_person_page(p->ss->store, &p->sc, &p->pf, r, out);
	case PICK_EVENT:
		return store_registry_page(p->ss->store, REG_EVENTS, NULL, p->search, r, out);
	case PICK_COURSE:
		return store_course_page(p->ss->store, p->person_id, r, out);
	default:
		return store_org_page(p->ss->store, &p->sc, &p->of, r, out);
	}
}

static int pick_count(void *ctx, int *n)
{
	struct picker *p = ctx;
	switch (p->what) {
	case PICK_DEFICIT:
		return store_deficit_count(p->ss->store, &p->df, n);
	case PICK_PROPOSAL:
	case PICK_DIAG:
	case PICK_COURSE:
		*n = 0;   /* a short list: no count */
		return ST_OK;
	case PICK_PERSON:
		return store_person_count(p->ss->store, &p->sc, &p->pf, n);
	case PICK_EVENT:
		return store_registry_count(p->ss->store, REG_EVENTS, NULL, p->search, n);
	default:
		return store_org_count(p->ss->store, &p->sc, &p->of, n);
	}
}

/* Show the picker's list in a window until Enter (the chosen row's id) or Esc (0). */
static int64_t run_picker(struct picker *p, const char *title,
                          const struct ui_column *cols, int ncols, const char *empty)
{
	int64_t chosen = 0;
	int h = LINES - 4, w = COLS - 6;
	WINDOW *win = newwin(h, w, 2, 3);
	struct ui_list list = { .height = h - 4 };
	struct ui_list *l = &list;

	ui_list_setup(l, pick_fetch, pick_count, p, cols, ncols, empty);
	keypad(win, TRUE);
	for (;;) {
		struct ui_key k;
		char head[300];
		WINDOW *in;
		l->empty_text = p->search[0] && p->empty_found ? p->empty_found : empty;
		werase(win);
		box(win, 0, 0);
		ui_put(win, 0, 2, title, w - 4, A_BOLD);
		snprintf(head, sizeof head, "Поиск: %s_   Enter — выбрать, Esc — %s", p->search,
			 p->search[0] ? "сбросить поиск" : "отмена");
		ui_put(win, 1, 2, head, w - 4, A_NORMAL);
		in = derwin(win, h - 3, w - 2, 2, 1);
		ui_list_draw(l, in, 0, p->whole ? h - 5 : h - 3);
		if (p->whole && ui_list_current(l)) {
			/* What the columns had to shorten, whole: two lines. */
			const struct list_row *r = ui_list_current(l);
			char *text = xasprintf("%s%s%s", r->cols[0] ? r->cols[0] : "",
					       r->cols[0] && r->cols[0][0] ? ": " : "", r->cols[1] ? r->cols[1] : "");
			const char *paras[] = { text };
			screen_put_whole(in, h - 5, 1, w - 4, 2, paras, 1);
			free(text);
		}
		wnoutrefresh(win);
		wnoutrefresh(in);
		delwin(in);
		doupdate();
		k = ui_read_key();
		if (k.code == UI_KEY_IDLE)
			continue;
		if (k.code == UI_KEY_ESC && p->search[0]) {
			/* Esc clears the search first, as on every list. */
			p->search[0] = '\0';
			ui_list_reset(l);
			continue;
		}
		if (k.code == UI_KEY_ESC || k.code == KEY_F(10) || k.code == UI_KEY_HANGUP)
			break;
		if (k.code == UI_KEY_DCLICK) {
			/* A double click on a row chooses it, as Enter would. */
			k.code = UI_KEY_CLICK;
			if (!ui_list_key(l, k))
				continue;
			k.code = KEY_ENTER;
		}
		if (k.code == KEY_ENTER) {
			const struct list_row *r = ui_list_current(l);
			if (r)
				chosen = r->id;
			break;
		}
		if (ui_list_key(l, k))
			continue;
		if (ui_search_key(p->search, sizeof p->search, k))
			ui_list_reset(l);
	}
	ui_list_free(l);
	delwin(win);
	touchwin(stdscr);
	ui_dirty();
	return chosen;
}

int64_t screen_pick_org(struct session *ss, enum perm perm)
{
	struct picker p;
	int64_t id;
	static const struct ui_column cols[] = {
		{ "Код", 2 },
		{ "Организация", 6 },
		{ "Муниципалитет", 4 },
	};

	memset(&p, 0, sizeof p);
	p.ss = ss;
	p.sc = access_scope(ss, perm);
	p.of.search = p.search;
	id = run_picker(&p, "Выбор организации", cols, NITEMS(cols),
	                "Нет организаций");
	access_scope_free(&p.sc);
	return id;
}

int64_t screen_pick_event(struct session *ss)
{
	struct picker p;
	/* The date column wide enough for ДД.ММ.ГГГГ at 80 columns; the
	 * title is shortened with «…». */
	static const struct ui_column cols[] = {
		{ "Дата", 4 },
		{ "Мероприятие", 12 },
		{ "Уровень", 5 },
	};

	memset(&p, 0, sizeof p);
	p.ss = ss;
	p.what = PICK_EVENT;
	return run_picker(&p, "Мероприятие (начните печатать название)", cols, NITEMS(cols),
			  "В каталоге нет таких мероприятий");
}

int64_t screen_pick_deficit(struct session *ss)
{
	struct picker p;
	static const struct ui_column cols[] = {
		{ "Код", 2 },
		{ "Блок", 3 },
		{ "Формулировка", 12 },
	};

	memset(&p, 0, sizeof p);
	p.ss = ss;
	p.what = PICK_DEFICIT;
	p.df.search = p.search;
	return run_picker(&p, "Кодификатор дефицитов", cols, NITEMS(cols),
	                  "Кодов не найдено");
}

int64_t screen_pick_proposal(struct session *ss, int64_t iom_id)
{
	struct picker p;
	/* At 80 columns the period whole (ДД.ММ.ГГГГ–ДД.ММ.ГГГГ); what the
	 * direction and the title lose shows whole beneath the list. */
	static const struct ui_column cols[] = {
		{ "Направление", 6 },
		{ "Мероприятие", 13 },
		{ "Сроки", 11 },
		{ "Дефициты", 5 },
	};

	int64_t card = iom_id, diag, person;

	memset(&p, 0, sizeof p);
	p.ss = ss;
	p.what = PICK_PROPOSAL;
	p.iom_id = iom_id;
	person = store_record_person(ss->store, "iom", iom_id, &card, &diag);
	p.findings = (access_disclosure(ss, person, iom_id, 0) & DISCLOSE_FINDINGS) != 0;
	/* Typing narrows the catalogue by the words of the titles. */
	p.empty_found = "Нет мероприятий, в названии которых есть эти слова";
	p.whole = true;
	return run_picker(&p, p.findings ? "Каталог: сначала предложения по дефицитам (Enter — в дорожную карту)"
				       : "Каталог мероприятий (Enter — в дорожную карту)",
	                  cols, NITEMS(cols),
	                  "В каталоге нет мероприятий, которых ещё нет в карте");
}

int64_t screen_pick_diagnostic(struct session *ss, int64_t person_id)
{
	struct picker p;
	static const struct ui_column cols[] = {
		{ "Дата", 3 },
		{ "Вид", 4 },
		{ "Форма", 6 },
		{ "Дефициты", 5 },
	};

	memset(&p, 0, sizeof p);
	p.ss = ss;
	p.what = PICK_DIAG;
	p.person_id = person_id;
	return run_picker(&p, "Итоговая диагностика", cols, NITEMS(cols),
	                  "Диагностик нет");
}

int64_t screen_pick_course(struct session *ss, int64_t person_id)
{
	struct picker p;
	static const struct ui_column cols[] = {
		{ "Сроки", 5 },
		{ "Курс", 9 },
		{ "Часы", 2 },
		{ "Организатор", 4 },
	};

	memset(&p, 0, sizeof p);
	p.ss = ss;
	p.what = PICK_COURSE;
	p.person_id = person_id;
	return run_picker(&p, "Курс из истории курсов педагога", cols, NITEMS(cols),
			  "В истории курсов педагога нет курсов (добавьте курс на вкладке «Курсы»)");
}

int64_t screen_pick_person(struct session *ss, int64_t org_id)
{
	struct picker p;
	int64_t id;
	static const struct ui_column cols[] = {
		{ "ФИО", 8 },
		{ "Организация", 5 },
		{ "Должность", 4 },
	};

	memset(&p, 0, sizeof p);
	p.ss = ss;
	p.what = PICK_PERSON;
	p.sc = access_scope(ss, P_PERSON_VIEW);
	p.pf.search = p.search;
	p.pf.org_id = org_id;
	id = run_picker(&p, "Выбор педагога (начните печатать фамилию)", cols, NITEMS(cols),
	                "Никого не найдено");
	access_scope_free(&p.sc);
	return id;
}

/* --- groups for aggregated figures --- */

void screen_set_group(struct session *ss, struct group *g, const char *kind, int64_t id)
{
	char *name;

	strlcpy0(g->kind, kind, sizeof g->kind);
	g->id = id;
	if (strcmp(kind, "region") == 0) {
		char *r = store_meta_get(ss->store, "region_name");
		strlcpy0(g->name, r ? r : "регион", sizeof g->name);
		free(r);
		return;
	}
	name = store_ref_name(ss->store, strcmp(kind, "mun") == 0 ? "municipality" : "organisation", id);
	strlcpy0(g->name, name, sizeof g->name);
	free(name);
}

void screen_widest_group(struct session *ss, const struct store_scope *sc, struct group *g)
{
	if (sc->all)
		screen_set_group(ss, g, "region", 0);
	else if (strcmp(sc->muns, "[]") != 0)
		screen_set_group(ss, g, "mun", atoll(sc->muns + 1));
	else if (strcmp(sc->orgs, "[]") != 0)
		screen_set_group(ss, g, "org", atoll(sc->orgs + 1));
	else
		screen_set_group(ss, g, "org", 0);
}

void screen_pick_group(struct session *ss, const struct store_scope *sc, struct group *g)
{
	const char *labels[40];
	char *owned[40];
	int64_t ids[40], mun_ids[32];
	const char *kinds[40];
	int n = 0, nm, choice;
	char *mlabels[32];

	if (sc->all) {
		kinds[n] = "region", ids[n] = 0, owned[n] = NULL, labels[n++] = "Регион целиком";
		nm = store_small_catalog(ss->store, "municipality", mun_ids, mlabels, 32);
		for (int i = 0; i < nm; i++) {
			kinds[n] = "mun", ids[n] = mun_ids[i];
			owned[n] = xasprintf("Муниципалитет: %s", mlabels[i]);
			labels[n] = owned[n];
			n++;
			free(mlabels[i]);
		}
	} else if (strcmp(sc->muns, "[]") != 0) {
		int64_t m = atoll(sc->muns + 1);   /* "[id,...]": the first */
		char *name = store_ref_name(ss->store, "municipality", m);
		kinds[n] = "mun", ids[n] = m, owned[n] = xasprintf("Муниципалитет: %s", name);
		labels[n] = owned[n];
		n++;
		free(name);
	}
	kinds[n] = "org", ids[n] = 0, owned[n] = NULL, labels[n++] = "Организация…";
	choice = ui_pick("Группа", labels, n, 0);
	if (choice >= 0) {
		if (strcmp(kinds[choice], "org") == 0) {
			int64_t org = screen_pick_org(ss, P_PERSON_VIEW);
			if (org)
				screen_set_group(ss, g, "org", org);
		} else {
			screen_set_group(ss, g, kinds[choice], ids[choice]);
		}
	}
	for (int i = 0; i < n; i++)
		free(owned[i]);
}

bool screen_analytics_available(struct session *ss)
{
	struct store_scope sc = access_scope(ss, P_PERSON_VIEW);
	bool ok = sc.all || strcmp(sc.muns, "[]") != 0 || strcmp(sc.orgs, "[]") != 0;
	access_scope_free(&sc);
	return ok;
}

/* --- drafts of forms cut off by a hang-up --- */

/* Items are netstrings ("5:abcde,"): any text survives, nothing to escape. */
void draft_put(char **buf, size_t *len, const char *v)
{
	char *item = xasprintf("%zu:%s,", strlen(v ? v : ""), v ? v : "");
	size_t n = strlen(item);

	*buf = xrealloc(*buf, *len + n + 1);
	memcpy(*buf + *len, item, n + 1);
	*len += n;
	free(item);
}

/* The next item at *p, malloc'd; NULL when the data is damaged. */
char *draft_get(const char **p)
{
	char *end;
	unsigned long long n = strtoull(*p, &end, 10);

	if (end == *p || *end != ':' || n > strlen(end + 1) || end[1 + n] != ',')
		return NULL;
	*p = end + 2 + n;
	return xstrndup(end + 1, (size_t)n);
}

/* The forms that keep drafts, by the screen name they are saved under. */
static const struct {
	const char *screen;
	struct screen *(*restore)(struct session *ss, const struct draft *d, const char **why);
} restorers[] = {
	{ "record_form", screen_record_form_restore },
	{ "iom_form", screen_iom_form_restore },
	{ "application_form", screen_application_form_restore },
	{ "diag_form", screen_diag_form_restore },
	{ "meeting", screen_meeting_restore },
	{ "selfcheck", screen_selfcheck_restore },
	{ "interview", screen_interview_restore },
};

void screen_offer_drafts(struct session *ss)
{
	struct draft d;
	int64_t after = 0;
	struct screen *sc = NULL;

	while (sc == NULL && store_draft_next(ss->store, ss->user.id, after, &d) == ST_OK) {
		const char *p = d.data, *why;
		char *title = draft_get(&p), *q;

		after = d.id;
		q = xasprintf("Сеанс прервался %s, когда вы заполняли форму «%s».", d.saved_at,
			      title ? title : d.tbl);
		/* «Нет» here would destroy the draft: deleting takes its own
		 * answer, and Esc keeps the draft for the next start. */
		static const char *const answers[] = { "Восстановить", "Удалить черновик", "Решить позже" };
		int a = ui_ask("Несохранённый черновик", q, answers, 3, 0, 2);
		if (a == 0) {
			sc = NULL;
			why = "черновик этой формы не восстанавливается";
			for (size_t k = 0; k < NITEMS(restorers); k++)
				if (strcmp(restorers[k].screen, d.screen) == 0)
					sc = restorers[k].restore(ss, &d, &why);
			if (sc == NULL) {
				ui_message("Черновик не восстановлен", why);
				store_draft_delete(ss->store, ss->user.id, d.screen, d.tbl, d.record_id);
			}
		} else if (a == 1) {
			store_draft_delete(ss->store, ss->user.id, d.screen, d.tbl, d.record_id);
		}
		free(q);
		free(title);
		store_draft_free(&d);
	}
	if (sc) {
		ui_push(sc);
		ui_set_status("Форма восстановлена из черновика: проверьте и сохраните (F2)");
	}
}

const char *screen_check_field(struct session *ss, const struct field_desc *fd, const char *label,
			       const char *in, char **out, char **shown)
{
	static char msg[300];
	const char *m;

	*out = NULL;
	if (shown)
		*shown = NULL;
	if ((m = model_check(ss->cfg, fd, in, out)) != NULL) {
		snprintf(msg, sizeof msg, "%s: %s", label, m);
		return msg;
	}
	if (shown && fd->type == F_DATE && *out) {
		char ru[11];
		date_format_ru(*out, ru);
		*shown = xstrdup(ru);
	}
	return NULL;
}
