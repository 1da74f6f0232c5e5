/* The ИОМ card (Карта индивидуального образовательного маршрута): the card
 * itself with its deadlines, the roadmap by category, and the changes made
 * after approval with the confirmations they await. Lifecycle moves come
 * from route.c; who may make them from access.c. */
#include "screens/screens.h"
#include "screens/iom_review.h"
#include "secure.h"
#include "sshcmd.h"
#include "config.h"
#include "export.h"
#include "date.h"
#include "route.h"
#include "store/diag.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "store/omsk.h"
#include "text.h"
#include "ui/list.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct screen *iom_form(struct session *ss, const struct table_desc *t, int64_t id,
			       int64_t parent, const char *const *marks);

enum { C_TAB = 1, C_BACKTAB, C_EDIT, C_NEW, C_OPEN, C_MOVE, C_CURATOR, C_PROPOSALS, C_CONFIRM, C_FINAL, C_PRINT, C_REMOVE };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_CONFIRM, "Подтв.", "показать все изменения, ждущие вашей подписи, и подтвердить их "
					  "(куратор, руководитель ОО, педагог); по одному — Enter на вкладке «Изменения»" },
	{ KEY_F(3), C_FINAL, "Итог.Д", "выбрать итоговую диагностику для сравнения с входной" },
	{ KEY_F(4), C_EDIT, "Правка", "изменить карту (на вкладках дорожной карты и ИППР — строку); "
				       "педагог — написать самоанализ" },
	{ KEY_F(5), C_CURATOR, "Куратор", "назначить или сменить куратора" },
	{ KEY_F(6), C_MOVE, "Статус", "перевести ИОМ в следующий статус (утвердить, завершить, отменить…)" },
	{ KEY_F(7), C_NEW, "Строка", "на вкладке дорожной карты — мероприятие каталога (сначала "
				  "предложенные по дефицитам) или своё; на вкладке ИППР — строку ИППР; на вкладке "
				  "«Обсуждение» — предложение по корректировке или заметку куратора" },
	{ KEY_F(8), C_REMOVE, "Удалить", "на дорожной карте — убрать строку (после утверждения — "
				     "изменение, которое подтверждают куратор, руководитель и педагог)" },
	{ KEY_F(9), C_PRINT, "Печать", "сохранить карту для печати (HTML для A4) в домашнюю папку" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ '\t', C_TAB, NULL, "вкладки: карта / дорожная карта / изменения / таблица ИППР / обсуждение" },
	{ KEY_BTAB, C_BACKTAB, NULL, "Shift-Tab — на вкладку назад" },
	{ KEY_ENTER, C_OPEN, NULL, "на дорожной карте — открыть строку (педагог — отметить выполнение); на вкладке "
					  "«Изменения» — прочитать изменение и подтвердить его; в «Обсуждении» — "
					  "прочитать (разработчик — ответить на предложение)" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ 0, 0, NULL, NULL }
};

enum tab { TAB_CARD, TAB_ROADMAP, TAB_CHANGES, TAB_IPPR, TAB_DISC, TAB_COUNT };

struct icard {
	struct session *ss;
	int64_t id;
	struct iom_head h;
	bool loaded;
	int awaiting;            /* proposals awaiting the user's answer as the card opened */
	bool viewed;         /* its opening is logged (access transparency) once */
	unsigned disclose;   /* what the one rule shows this user of the card's diagnostics */
	enum tab tab;
	int scroll;
	char **lines;
	int nlines;
	struct ui_list roadmap, changes, ippr;
	struct iom_disc disc;   /* proposals and notes (screens/iom_review.c) */
};

static void add(struct icard *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct icard *st, const char *fmt, ...)
{
	va_list ap;

	st->lines = xrealloc(st->lines, (size_t)(st->nlines + 1) * sizeof *st->lines);
	va_start(ap, fmt);
	st->lines[st->nlines++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static void add_text(struct icard *st, const char *label, const char *text)
{
	char *clean;
	struct text_lines wl = { 0 };

	if (text == NULL || !*text)
		return;
	clean = text_sanitize_lines(text);   /* its own line breaks kept */
	if (label)
		add(st, "%s:", label);
	text_wrap(clean, 74, 74, &wl);
	for (int i = 0; i < wl.n; i++)
		add(st, "  %s", wl.v[i]);
	text_lines_free(&wl);
	free(clean);
}

/* "ДД.ММ.ГГГГ", or "—". */
static const char *ru(const char *iso, char out[11])
{
	date_format_ru(iso, out);
	if (!out[0])
		strcpy(out, "—");
	return out;
}

/* A deadline in working days and how it stands today. */
static void add_deadline(struct icard *st, const char *what, dayno due, bool done)
{
	char today[11], iso[11], shown[11];
	int y, m, d, late;

	today_iso(today);
	if (!date_parse_iso(today, &y, &m, &d))
		return;
	date_iso(due, iso);
	late = route_days_overdue(st->ss->cal, due, date_to_days(y, m, d));
	add(st, "%s: до %s%s", what, ru(iso, shown),
	    done ? "" : late > 0 ? " — ПРОСРОЧЕНО" : " — в работе");
	if (!done && late > 0)
		add(st, "  просрочено на %d раб. дн.", late);
}

/* A bar of `cells` columns for a percent: filled, then empty. */
static void bar(char *out, size_t size, int pct, int cells)
{
	int full = pct < 0 ? 0 : (pct * cells + 50) / 100;
	out[0] = '\0';
	for (int i = 0; i < cells; i++)
		strncat(out, i < full ? "█" : "░", size - strlen(out) - 1);
}

/* Entry against final, block by block: both values, the bars, the change;
 * a block only one of them assessed is named «не оценивался» on that side.
 * Only for those who may see the teacher's results. */
static void add_comparison(struct icard *st)
{
	struct diagnostic e, f;
	struct iom_cmp rows[2 * DIAG_MAX_BLOCKS];
	char a[11], b[11];

	if (!(st->disclose & DISCLOSE_RESULTS)) {
		struct iom_cmp_move mv[2 * DIAG_MAX_BLOCKS];
		int n = st->disclose & DISCLOSE_FINDINGS
			? store_iom_compare_moves(st->ss->store, st->h.entry_diag_id, st->h.final_diag_id, mv,
						  (int)NITEMS(mv)) : -1;
		add(st, "%s", "");
		if (n < 0) {
			add(st, "Итоговая диагностика: %s", ACCESS_MASKED);
			return;
		}
		/* The findings without the results: how each block moved. */
		add(st, "Сравнение входной и итоговой диагностики (проценты конфиденциальны):");
		for (int i = 0; i < n; i++) {
			char name[64];
			text_fit_ellipsis(mv[i].block, 18, name, sizeof name);
			add(st, "  %s%*s %s", name, 18 - text_width(name), "", mv[i].move);
		}
		return;
	}
	diag_init(&e);
	diag_init(&f);
	if (store_diag_get(st->ss->store, st->h.entry_diag_id, st->disclose, &e) == ST_OK &&
	    store_diag_get(st->ss->store, st->h.final_diag_id, st->disclose, &f) == ST_OK) {
		int n = iom_compare_blocks(&e, &f, rows, (int)NITEMS(rows));
		add(st, "%s", "");
		add(st, "Сравнение входной (%s) и итоговой (%s) диагностики:", ru(e.date, a), ru(f.date, b));
		for (int i = 0; i < n; i++) {
			char name[64], be[128], bf[128];
			text_fit_ellipsis(rows[i].block, 18, name, sizeof name);
			if (rows[i].entry_pct < 0 || rows[i].final_pct < 0) {
				add(st, "  %s%*s %s", name, 18 - text_width(name), "",
				    rows[i].entry_pct < 0 ? "во входной диагностике не оценивался"
							  : "в итоговой диагностике не оценивался");
				continue;
			}
			bar(be, sizeof be, rows[i].entry_pct, 10);
			bar(bf, sizeof bf, rows[i].final_pct, 10);
			add(st, "  %s%*s %s %3d%% → %s %3d%%  %+d", name, 18 - text_width(name), "",
			    be, rows[i].entry_pct, bf, rows[i].final_pct, rows[i].final_pct - rows[i].entry_pct);
		}
	}
	diag_free(&e);
	diag_free(&f);
}

static dayno days_of(const char *iso)
{
	int y, m, d;
	return date_parse_iso(iso, &y, &m, &d) ? date_to_days(y, m, d) : 0;
}

static void add_line(void *ctx, const char *line)
{
	add(ctx, "%s", line);
}

static void build(struct icard *st)
{
	struct iom_head *h = &st->h;
	char a[11], b[11];
	int pending;

	for (int i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
	st->lines = NULL;
	st->nlines = 0;
	add(st, "Номер: %s      Статус: %s", h->number, route_status_label(h->status));
	{
		/* The Omsk template says so on the card (its print is the ИППР table). */
		char tpl[8] = "";
		store_iom_template(st->ss->store, h->id, tpl);
		add(st, "Модель: %s%s", route_model_label(h->model) ? route_model_label(h->model) : "—",
		    strcmp(tpl, IOM_TEMPLATE_IPPR) == 0 ? "      Шаблон: ИППР (Омск)" : "");
	}
	add(st, "Педагог: %s — %s", h->person_name, h->org_name[0] ? h->org_name : "без организации");
	add(st, "Куратор: %s", h->curator_name[0] ? h->curator_name : "не назначен (F5)");
	add(st, "Разработчик: %s", h->developer_name[0] ? h->developer_name : "—");
	add(st, "Срок реализации: %s – %s", ru(h->start, a), ru(h->end, b));
	/* What waits for signatures comes first: the card's findings below
	 * may run past the screen. */
	pending = store_iom_awaiting(st->ss->store, h->id, NULL);
	if (pending > 0)
		add(st, "Изменения ждут подтверждения: %d (куратор %d, руководитель %d, педагог %d)",
		    pending, store_iom_awaiting(st->ss->store, h->id, "curator"),
		    store_iom_awaiting(st->ss->store, h->id, "school"),
		    store_iom_awaiting(st->ss->store, h->id, "teacher"));
	iom_review_card_lines(st->ss, h, add_line, st);
	add(st, "%s", "");
	add(st, "Разработан: %s", ru(h->developed, a));
	if (h->entry_diag_id && !(st->disclose & DISCLOSE_FINDINGS)) {
		add(st, "Входная диагностика и выявленные дефициты: %s", ACCESS_MASKED);
	} else if (h->entry_diag_id) {
		struct diagnostic d;
		diag_init(&d);
		if (store_diag_get(st->ss->store, h->entry_diag_id, st->disclose, &d) == ST_OK) {
			add(st, "Входная диагностика: %s, %s%s%s", ru(d.date, a), model_enum_label(diag_kinds, d.kind),
			    d.level[0] ? ", " : "", d.level[0] ? model_enum_label(diag_levels, d.level) : "");
			/* The findings the card carries (App.3 §5.4): codes with
			 * their wordings, and the recommendations. */
			add(st, "Выявленные дефициты:%s", d.ndeficits ? "" : " —");
			for (int k = 0; k < d.ndeficits; k++) {
				char *w = store_ref_name(st->ss->store, "deficit_code", d.deficit_ids[k]);
				add_text(st, NULL, w);
				free(w);
			}
			add_text(st, "Рекомендации", d.recommendations);
			add_deadline(st, "Срок разработки ИОМ", route_develop_due(st->ss->cal, st->ss->cfg,
									   days_of(d.date)),
				     strcmp(h->status, "draft") != 0);
		}
		diag_free(&d);
	}
	if (h->review_sent[0]) {
		add(st, "Направлен на согласование: %s", ru(h->review_sent, a));
		add_deadline(st, "Срок корректировок", route_correct_due(st->ss->cal, st->ss->cfg,
									 days_of(h->review_sent)),
			     strcmp(h->status, "review") != 0);
	}
	if (h->approved[0])
		add(st, "Утверждён руководителем ОО: %s", ru(h->approved, a));
	if (h->order_no[0])
		add(st, "  утверждён приказом № %s от %s", h->order_no, ru(h->order_date, a));
	if (h->prev_id)
		add(st, "Продолжение ИОМ %s (пролонгация)", h->prev_number);
	if (h->next_id)
		add(st, "Пролонгирован: продолжение — ИОМ %s", h->next_number);
	if (h->completed[0])
		add(st, "Завершён: %s", ru(h->completed, a));
	if (h->entry_diag_id && h->final_diag_id)
		add_comparison(st);
	add_text(st, "Задачи", h->tasks);
	if (h->final_event) {
		add(st, "%s", "");
		add(st, "Итоговое публичное мероприятие: %s", h->final_event);
		add(st, "  уровень: %s, участников: %d, дата: %s",
		    h->final_event_level[0] ? model_enum_label(model_event_levels, h->final_event_level) : "—",
		    h->final_event_participants > 0 ? h->final_event_participants : 0, ru(h->final_event_date, a));
	}
	/* The self-analysis reads as the proposals and notes do (the policy). */
	if (access_iom(st->ss, IOM_DISCUSSION, h->person_id, h->curator_id, h->status, NULL))
		add_text(st, "Самоанализ педагога", h->self_analysis);
	else if (h->self_analysis)
		add(st, "Самоанализ педагога: %s", ACCESS_MASKED);
	add_text(st, "Выводы куратора", h->conclusions);
	if (h->outcome[0])
		add(st, "Итог: %s", model_enum_label(route_outcomes, h->outcome));
	if (h->next_diag[0])
		add(st, "Следующая диагностика: %s", ru(h->next_diag, a));
	if (h->cancel_reason)
		add(st, "Причина отмены: %s", h->cancel_reason);
}

static void load(struct screen *sc)
{
	struct icard *st = sc->state;
	int rc;

	iom_free(&st->h);
	iom_init(&st->h);
	st->loaded = false;
	rc = store_iom_get(st->ss->store, st->id, &st->h);
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);
		return;
	}
	if (!access_iom(st->ss, IOM_VIEW, st->h.person_id, st->h.curator_id, st->h.status, NULL)) {
		ui_set_error("Нет доступа к этому ИОМ");
		return;
	}
	st->loaded = true;
	/* Opening a card that carries diagnostic results is a view of them. */
	st->disclose = st->viewed || (!st->h.entry_diag_id && !st->h.final_diag_id)
		? access_disclosure(st->ss, st->h.person_id, st->h.id, 0)
		: access_disclosure_open(st->ss, st->h.person_id, st->h.id, 0, "card", st->h.id, "карта ИОМ");
	st->viewed = true;
	snprintf(sc->title, sizeof sc->title, "Карта ИОМ %s: %s", st->h.number, st->h.person_name);
	build(st);
	ui_list_reload(&st->roadmap);
	ui_list_reload(&st->changes);
	ui_list_reload(&st->ippr);
	ui_list_reload(&st->disc.list);
}

static int roadmap_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct icard *st = ctx;
	return store_iom_activity_page(st->ss->store, st->id, r, out);
}

static int ippr_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct icard *st = ctx;
	return store_ippr_page(st->ss->store, st->id, r, out);
}

static int changes_fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct icard *st = ctx;
	/* A change of a column the viewer may not see is listed, its values not. */
	return store_iom_change_rows_page(st->ss->store, st->id, access_masker, &st->disclose, r, out);
}

static bool may(struct icard *st, int cmd, const char **why);

/* The roadmap, and beneath it the row under the cursor whole: its
 * direction and event, then its mark or reason, in three lines; what the
 * columns shorten at 80 columns is read there. */
static void roadmap_draw(struct icard *st, WINDOW *w, int h)
{
	const struct list_row *r;

	ui_list_draw(&st->roadmap, w, 1, h - 4);
	if ((r = ui_list_current(&st->roadmap)) != NULL) {
		const char *c0 = r->cols[0] ? r->cols[0] : "", *mark = r->cols[3] ? r->cols[3] : "";
		char *what = xasprintf("%s%s%s", c0, *c0 ? ": " : "", r->cols[1] ? r->cols[1] : "");
		char *done = *mark ? xasprintf("Отметка: %s", mark) : NULL;
		const char *paras[] = { what, done };
		screen_put_whole(w, h - 3, 1, getmaxx(w) - 2, 3, paras, 2);
		free(what);
		free(done);
	}
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct icard *st = sc->state;
	static const char *const tabs[] = { "Карта", "Дорожная карта", "Изменения", "ИППР", "Обсуждение" };
	int h = getmaxy(w), cols = getmaxx(w), x = 1;

	if (!st->loaded) {
		ui_put(w, 1, 2, "Карта ИОМ недоступна", cols - 4, A_BOLD);
		return;
	}
	for (int i = 0; i < TAB_COUNT; i++) {
		char buf[48];
		snprintf(buf, sizeof buf, (int)st->tab == i ? "[*%s*]" : "[ %s ]", tabs[i]);
		ui_put(w, 0, x, buf, cols - x - 1, (int)st->tab == i ? A_BOLD : A_NORMAL);
		x += text_width(buf) + 1;   /* five tabs and the status fit in 80 columns */
	}
	ui_put(w, 0, x + 1, route_status_label(st->h.status), cols - x - 2, A_DIM);
	/* An empty list names F7 only where F7 is offered. */
	if (st->tab == TAB_ROADMAP) {
		st->roadmap.empty_text = may(st, C_NEW, NULL)
			? "Дорожная карта пуста: F7 — мероприятие из каталога или своё" : "Дорожная карта пуста";
		roadmap_draw(st, w, h);
	} else if (st->tab == TAB_CHANGES) {
		ui_list_draw(&st->changes, w, 1, h - 1);
	} else if (st->tab == TAB_DISC) {
		st->disc.list.empty_text = iom_disc_may_add(&st->disc, NULL)
			? "Предложений и заметок нет. F7 — добавить" : "Предложений и заметок нет";
		ui_list_draw(&st->disc.list, w, 1, h - 1);
	} else if (st->tab == TAB_IPPR) {
		st->ippr.empty_text = may(st, C_NEW, NULL)
			? "Таблица ИППР пуста. F7 — строка: задача, ТФ, знания, действия, результат"
			: "Таблица ИППР пуста";
		ui_list_draw(&st->ippr, w, 1, h - 1);
	} else {
		ui_scroll_clamp(&st->scroll, st->nlines, h - 1);
		for (int y = 1; y < h && st->scroll + y - 1 < st->nlines; y++)
			ui_put(w, y, 1, st->lines[st->scroll + y - 1], cols - 2, A_NORMAL);
	}
}

/* One rule for the key bar (why NULL) and the refusal. */
static bool may(struct icard *st, int cmd, const char **why)
{
	static const enum iom_right confirms[] = { IOM_CONFIRM_CURATOR, IOM_CONFIRM_HEAD, IOM_CONFIRM_TEACHER };
	static char no_move[200];
	const struct iom_head *h = &st->h;
	const char *roles[16], *to[12], *action[12];

	if (!st->loaded)
		return true;
	switch (cmd) {
	case C_NEW:
		if (st->tab == TAB_DISC)
			return iom_disc_may_add(&st->disc, why);
		/* A row goes where it is seen: the roadmap or the ИППР table. */
		if (st->tab != TAB_ROADMAP && st->tab != TAB_IPPR) {
			if (why)
				*why = "Строку добавляют на вкладке «Дорожная карта» или «ИППР» (Tab)";
			return false;
		}
		/* fall through */
	case C_FINAL:
	case C_PROPOSALS:
		return access_iom(st->ss, IOM_EDIT, h->person_id, h->curator_id, h->status, why);
	case C_REMOVE:
		if (st->tab != TAB_ROADMAP) {
			if (why)
				*why = "Строку убирают на вкладке «Дорожная карта» (Tab)";
			return false;
		}
		return access_iom(st->ss, IOM_EDIT, h->person_id, h->curator_id, h->status, why);
	case C_EDIT:
		if (st->tab == TAB_CHANGES) {
			if (why)
				*why = "Изменения карты — её журнал: их не правят (подтвердить — Enter или F2)";
			return false;
		}
		if (st->tab == TAB_DISC) {
			if (why)
				*why = "Обсуждение не правят: F7 — добавить, Enter — открыть";
			return false;
		}
		/* The teacher writes his own self-analysis (§4.5.2). */
		if (st->tab == TAB_CARD &&
		    !access_iom(st->ss, IOM_EDIT, h->person_id, h->curator_id, h->status, NULL) &&
		    access_iom(st->ss, IOM_SELF_ANALYSIS, h->person_id, h->curator_id, h->status, NULL))
			return true;
		if (st->tab == TAB_ROADMAP &&
		    access_iom(st->ss, IOM_EDIT, h->person_id, h->curator_id, h->status, NULL))
			return true;
		return access_iom(st->ss, st->tab == TAB_ROADMAP ? IOM_MARK : IOM_EDIT, h->person_id,
				  h->curator_id, h->status, why);
	case C_CURATOR:
		/* A finished card keeps the curator who saw it through. */
		if (route_status_final(h->status)) {
			if (why)
				*why = "ИОМ завершён или отменён: куратора больше не меняют";
			return false;
		}
		/* The developer proposes at creation; afterwards the regional centre changes it. */
		if (why)
			*why = "Куратора меняет региональный центр";
		return access_has_role(&st->ss->user, "regional") ||
		       (h->curator_id == 0 && access_iom(st->ss, IOM_EDIT, h->person_id, 0, h->status, NULL));
	case C_CONFIRM:
		if (why)
			*why = "нечего подтверждать";
		for (size_t i = 0; i < NITEMS(confirms); i++)
			if (access_iom(st->ss, confirms[i], h->person_id, h->curator_id, h->status, why))
				return true;
		return false;
	case C_MOVE:
		if (!access_may(st->ss, P_PERSON_VIEW, h->person_id, why))
			return false;
		snprintf(no_move, sizeof no_move, "Из статуса «%s» вы не можете перевести этот ИОМ",
			 route_status_label(h->status));
		if (why)
			*why = no_move;
		return route_moves_from(h->status, roles, access_role_codes(st->ss, roles, 16), to, action, 12) > 0;
	default:
		return true;
	}
}

/* The list of the tab shown, or NULL on the card itself. */
static struct ui_list *tab_list(struct icard *st)
{
	return st->tab == TAB_ROADMAP ? &st->roadmap : st->tab == TAB_CHANGES ? &st->changes
	     : st->tab == TAB_IPPR ? &st->ippr : st->tab == TAB_DISC ? &st->disc.list : NULL;
}

static bool offers(struct screen *sc, int cmd)
{
	struct icard *st = sc->state;
	struct ui_list *l = tab_list(st);

	/* Editing or removing a row needs one. */
	if ((cmd == C_EDIT || cmd == C_REMOVE) && l && ui_list_current(l) == NULL)
		return false;
	return st->loaded && may(st, cmd, NULL);
}

/* Refused for what the card lacks: the list, one a line. */
static void show_missing(const char *action, const char *text)
{
	char *title = xasprintf("Нельзя %s", action);
	ui_message(title, text);
	free(title);
}

/* The head's approval: a question, then the paper order (optional: its
 * number and date). False when he declines or leaves. */
static bool ask_approval(struct icard *st, char **order_no, char order_date[11])
{
	char q[300], today[11], shown[11];
	char *typed;
	const char *m;

	snprintf(q, sizeof q, "Утвердить ИОМ %s (%s)?", st->h.number, st->h.person_name);
	if (!ui_confirm(q))
		return false;
	*order_no = ui_prompt("Приказ об утверждении, № (пусто — без приказа)", "");
	if (*order_no == NULL)
		return false;
	order_date[0] = '\0';
	if (!**order_no)
		return true;
	today_iso(today);
	typed = ui_prompt("Дата приказа (ДД.ММ.ГГГГ)", ru(today, shown));
	m = typed ? date_parse_ru(typed, order_date) : "отменено";
	free(typed);
	if (m) {
		ui_set_error("Дата приказа: %s", m);
		free(*order_no);
		*order_no = NULL;
		return false;
	}
	return true;
}

/* The move offered first: the first one on along the road (in review, the
 * final form rather than back to the draft), never the cancellation. */
static int forward_move(const char *status, const char *const *to, int n)
{
	int from = -1;

	for (int i = 0; route_statuses[i].code; i++)
		if (status && strcmp(route_statuses[i].code, status) == 0)
			from = i;
	for (int j = 0; j < n; j++) {
		if (strcmp(to[j], "cancelled") == 0)
			continue;
		for (int i = from + 1; from >= 0 && route_statuses[i].code; i++)
			if (strcmp(route_statuses[i].code, to[j]) == 0)
				return j;
	}
	return 0;
}
/* A lifecycle move: the allowed ones for this user, what the move lacks
 * (route.c decides on the store's facts), then the details it needs (a
 * reason to cancel, the continuation's end to prolong, the head's
 * confirmation and order to approve). */
static void change_status(struct icard *st)
{
	const char *roles[16], *to[12], *action[12], *why;
	int nroles = access_role_codes(st->ss, roles, 16), n, choice, rc;
	char *reason = NULL, *order_no = NULL, iso[11], order_date[11] = "", text[1024];
	struct iom_move_args mv = { 0 };
	struct route_facts facts;
	struct route_missing miss;

	if (!may(st, C_MOVE, &why)) {
		ui_set_error("%s", why);
		return;
	}
	n = route_moves_from(st->h.status, roles, nroles, to, action, 12);
	choice = ui_pick("Действие с ИОМ", action, n, forward_move(st->h.status, to, n));
	if (choice < 0)
		return;
	if (!access_iom_move(st->ss, st->h.person_id, st->h.status, to[choice], &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (store_iom_move_facts(st->ss->store, st->h.id, &facts) != ST_OK) {
		screen_store_error(st->ss, ST_ERROR);
		return;
	}
	/* The deficit codes are the diagnostic's findings: named only to
	 * those the one rule shows them. */
	if (!(st->disclose & DISCLOSE_FINDINGS))
		facts.uncovered[0] = '\0';
	if (route_move_check(st->ss->cfg, st->h.status, to[choice], &facts, &miss) > 0) {
		route_missing_text(&miss, text, sizeof text);
		show_missing(action[choice], text);
		ui_set_error("ИОМ не переведён: %s", miss.what[0]);
		return;
	}
	mv.to = to[choice];
	if (strcmp(to[choice], "cancelled") == 0) {
		reason = ui_prompt("Причина отмены", "");
		if (reason == NULL || !*reason) {
			ui_set_error("Отмена ИОМ требует причины");
			free(reason);
			return;
		}
		mv.reason = reason;
	} else if (strcmp(to[choice], "approved") == 0) {
		if (!ask_approval(st, &order_no, order_date))
			return;
		mv.order_no = order_no;
		mv.order_date = order_date;
	} else if (strcmp(to[choice], "prolonged") == 0) {
		char today[11];
		char *typed = ui_prompt("Продолжение ИОМ: дата окончания (ДД.ММ.ГГГГ)", "");
		const char *m = typed ? date_parse_ru(typed, iso) : "отменено";
		free(typed);
		if (m) {
			ui_set_error("Пролонгация: %s", m);
			return;
		}
		today_iso(today);
		if ((m = route_check_period(st->ss->cfg, today, iso)) != NULL) {
			ui_set_error("Пролонгация: %s", m);
			return;
		}
		mv.new_end = iso;
	}
	rc = store_iom_move(st->ss->store, &st->ss->actor, st->ss->cfg, st->h.id, st->h.version, &mv);
	free(reason);
	free(order_no);
	if (rc == ST_CONSTRAINT && strchr(store_errmsg(st->ss->store), '\n')) {
		show_missing(action[choice], store_errmsg(st->ss->store));
		return;
	}
	if (rc != ST_OK) {
		screen_store_error(st->ss, rc);
		return;
	}
	if (mv.continuation_id) {
		struct iom_head c;
		iom_init(&c);
		if (store_iom_get(st->ss->store, mv.continuation_id, &c) == ST_OK)
			ui_set_status("ИОМ %s пролонгирован: продолжение — %s", st->h.number, c.number);
		iom_free(&c);
	} else {
		ui_set_status("ИОМ %s: %s", st->h.number, route_status_label(to[choice]));
	}
}

/* F8 on the roadmap: before approval the row goes after a question; after
 * approval its removal is a change the three parties confirm. */
static void remove_row(struct icard *st)
{
	const struct list_row *r = ui_list_current(&st->roadmap);
	const char *why;
	char q[400], name[200];
	int rc;

	if (!may(st, C_REMOVE, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (r == NULL) {
		ui_set_error("Дорожная карта пуста: убирать нечего");
		return;
	}
	{
		char *clean = text_sanitize(r->cols[1] ? r->cols[1] : "");
		text_fit_ellipsis(clean, 60, name, sizeof name);
		free(clean);
	}
	snprintf(q, sizeof q, route_change_needs_confirmation(st->h.status)
		 ? "Убрать «%s» из утверждённой дорожной карты? Изменение подтвердят куратор, руководитель и педагог"
		 : "Убрать «%s» из дорожной карты?", name);
	if (!ui_confirm(q))
		return;
	rc = store_iom_remove_activity(st->ss->store, &st->ss->actor, st->id, r->id);
	if (rc != ST_OK)
		screen_store_error(st->ss, rc);
	else
		ui_set_status("Строка убрана из дорожной карты");
}

static void change_curator(struct icard *st)
{
	struct curator_proposal cp;
	char title[200];
	const char *why;
	int choice;

	if (!may(st, C_CURATOR, &why)) {
		ui_set_error("%s", why);
		return;
	}
	/* The rule reads the diagnostic in the store, whatever this user may
	 * see of it; only the proposal and its reason come back. */
	store_curator_propose(st->ss->store, st->h.model, st->h.person_id, st->h.entry_diag_id,
			      st->h.developer_id, &cp);
	if (cp.n == 0) {
		ui_set_error("Нет подходящих кандидатов: %s", cp.reason);
		return;
	}
	snprintf(title, sizeof title, "Куратор: %s", route_curator_label(cp.kind));
	/* Why this kind, under the picker: no level, no percentage. */
	ui_set_status("%s", cp.reason);
	ui_draw_status();
	wnoutrefresh(stdscr);
	choice = ui_pick(title, (const char *const *)cp.labels, cp.n, 0);
	if (choice >= 0) {
		st->h.curator_id = cp.ids[choice];
		if (!access_iom(st->ss, IOM_VIEW, st->h.person_id, 0, NULL, &why))
			ui_set_error("%s", why);
		else {
			int rc = store_iom_update(st->ss->store, &st->ss->actor, &st->h);
			if (rc != ST_OK)
				screen_store_error(st->ss, rc);
			else
				ui_set_status("Куратор назначен (%s)", cp.reason);
		}
	}
	curator_proposal_free(&cp);
}

static void proposals(struct icard *st)
{
	const char *why;
	int64_t ev, act;

	if (!may(st, C_PROPOSALS, &why)) {
		ui_set_error("%s", why);
		return;
	}
	ev = screen_pick_proposal(st->ss, st->id);
	if (ev == 0)
		return;
	if (store_iom_accept_event(st->ss->store, &st->ss->actor, st->id, ev, &act) == ST_OK) {
		ui_set_status("Мероприятие добавлено в дорожную карту");
		st->tab = TAB_ROADMAP;
	} else {
		ui_set_error("Не добавлено: %s", store_errmsg(st->ss->store));
	}
}

/* Save the printable card (HTML for A4) as a new file; the name defaults to
 * the number in the user's home folder. */
static void print_card(struct icard *st)
{
	const char *home = getenv("HOME");
	char *def = xasprintf("%s/%s.html", home && *home ? home : ".", st->h.number), *path, err[300];
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	path = ui_prompt("Сохранить карту для печати (HTML) в файл", def);
	free(def);
	if (path == NULL || !*path) {
		free(path);
		return;
	}
	/* Built in memory first: nothing half-written reaches the file. */
	mem = open_memstream(&buf, &len);
	rc = mem ? export_card(st->ss, st->id, EXPORT_HTML, mem, err, sizeof err) : EXPORT_ERROR;
	if (mem)
		fclose(mem);
	if (rc != EXPORT_OK)
		ui_set_error("Карта не сохранена: %s", mem ? err : "нет памяти");
	else if (secure_write_new(path, buf, len, err, sizeof err) != 0)
		ui_set_error("%s", err);
	else {
		/* Over SSH: the one command that brings the card to his PC. */
		const char *args[] = { "export", "card", st->h.number, "--format", "html" };
		char *local = xasprintf("%s.html", st->h.number);
		char *note = sshcmd_fetch_note(st->ss->cfg, st->ss->real_login, path, args, 5, local);
		ui_set_status("Карта сохранена: %s", path);
		if (note)
			ui_message("Карта сохранена", note);
		free(note);
		free(local);
	}
	free(buf);
	free(path);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct icard *st = sc->state;
	const struct list_row *r = ui_list_current(&st->roadmap);
	const char *why;

	sc->dirty = true;
	if (!st->loaded)
		return true;
	switch (cmd) {
	case C_TAB:
	case C_BACKTAB:
		st->tab = (st->tab + (cmd == C_TAB ? 1 : TAB_COUNT - 1)) % TAB_COUNT;
		return true;
	case C_PRINT:
		print_card(st);
		return true;
	case C_REMOVE:
		remove_row(st);
		load(sc);
		return true;
	case C_MOVE:
		change_status(st);
		load(sc);
		return true;
	case C_CURATOR:
		change_curator(st);
		load(sc);
		return true;
	case C_CONFIRM:
		if (!may(st, C_CONFIRM, &why))
			ui_set_error("%s", why);
		else
			iom_changes_confirm_all(st->ss, &st->h, &st->disclose);
		load(sc);
		return true;
	case C_FINAL:
		if (!may(st, C_FINAL, &why)) {
			ui_set_error("%s", why);
		} else {
			int64_t d = screen_pick_diagnostic(st->ss, st->h.person_id);
			if (d) {
				int rc;
				st->h.final_diag_id = d;
				rc = store_iom_update(st->ss->store, &st->ss->actor, &st->h);
				if (rc != ST_OK)
					ui_set_error("Не сохранено: %s", store_errmsg(st->ss->store));
				else
					ui_set_status("Итоговая диагностика выбрана");
			}
		}
		load(sc);
		return true;
	case C_NEW:
		if (!may(st, C_NEW, &why)) {
			ui_set_error("%s", why);
		} else if (st->tab == TAB_DISC) {
			iom_disc_add(&st->disc);
			load(sc);
		} else if (st->tab == TAB_IPPR) {
			ui_push(iom_form(st->ss, &model_ippr_row, 0, st->id, NULL));
		} else {
			/* A row of the roadmap: from the catalogue, or one's own. */
			static const char *const how[] = {
				"Из каталога: сначала предложенные по дефицитам",
				"Своё мероприятие (заполнить форму)",
			};
			int choice = ui_pick("Новая строка дорожной карты", how, 2, 0);
			if (choice == 0) {
				proposals(st);
				load(sc);
			} else if (choice == 1) {
				st->tab = TAB_ROADMAP;
				ui_push(iom_form(st->ss, &model_iom_activity, 0, st->id, NULL));
			}
		}
		return true;
	case C_EDIT:
	case C_OPEN:
		if (cmd == C_OPEN && st->tab == TAB_DISC) {
			iom_disc_open(&st->disc);
			load(sc);
		} else if (cmd == C_OPEN && st->tab == TAB_CHANGES) {
			if (ui_list_current(&st->changes))
				iom_change_open(st->ss, &st->h, ui_list_current(&st->changes)->id, &st->disclose);
			load(sc);
		} else if (cmd == C_EDIT && st->tab != TAB_CARD && !may(st, C_EDIT, &why)) {
			ui_set_error("%s", why);
		} else if (cmd == C_EDIT && tab_list(st) && ui_list_current(tab_list(st)) == NULL) {
			ui_set_error("%s", st->tab == TAB_ROADMAP ? "Дорожная карта пуста: изменять нечего"
								  : "Таблица ИППР пуста: изменять нечего");
		} else if (st->tab == TAB_CARD && cmd == C_EDIT) {
			if (!may(st, C_EDIT, &why))
				ui_set_error("%s", why);
			else if (!access_iom(st->ss, IOM_EDIT, st->h.person_id, st->h.curator_id, st->h.status, NULL)) {
				iom_self_analysis(st->ss, &st->h);
				load(sc);
			} else {
				/* Everything but the self-analysis: the teacher writes it. */
				static const char *cols[16];
				int n = 0;
				for (int i = 0; i < model_iom.nfields && n < 15; i++)
					if (strcmp(model_iom.fields[i].col, "self_analysis") != 0)
						cols[n++] = model_iom.fields[i].col;
				cols[n] = NULL;
				ui_push(iom_form(st->ss, &model_iom, st->id, 0, cols));
			}
		} else if (st->tab == TAB_IPPR && ui_list_current(&st->ippr)) {
			if (may(st, C_EDIT, &why))
				ui_push(iom_form(st->ss, &model_ippr_row, ui_list_current(&st->ippr)->id,
						 st->id, NULL));
			else
				ui_set_error("%s", why);
		} else if (st->tab == TAB_ROADMAP && r) {
			static const char *const marks[] = { "done", "reason_not_done", "result", "result_form", NULL };
			if (!may(st, C_EDIT, &why))
				ui_set_error("%s", why);
			else if (access_iom(st->ss, IOM_EDIT, st->h.person_id, st->h.curator_id, st->h.status, NULL))
				ui_push(iom_form(st->ss, &model_iom_activity, r->id, st->id, NULL));
			else
				ui_push(iom_form(st->ss, &model_iom_activity, r->id, st->id, marks));
		}
		return true;
	default:
		break;
	}
	if (st->tab == TAB_ROADMAP)
		ui_list_key(&st->roadmap, k);
	else if (st->tab == TAB_CHANGES)
		ui_list_key(&st->changes, k);
	else if (st->tab == TAB_IPPR)
		ui_list_key(&st->ippr, k);
	else if (st->tab == TAB_DISC)
		ui_list_key(&st->disc.list, k);
	else
		ui_scroll_key(&st->scroll, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct icard *st = sc->state;

	iom_free(&st->h);
	for (int i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	free(st->lines);
	ui_list_free(&st->roadmap);
	ui_list_free(&st->changes);
	ui_list_free(&st->ippr);
	iom_disc_free(&st->disc);
	free(st);
}

static const struct screen_ops ops = { "iom_card", keys, draw, key, load, free_state, NULL, NULL };

/* Once the card is up (the status line is the open screen's): what made
 * it open on «Обсуждение». */
static bool say_awaiting(struct screen *sc)
{
	struct icard *st = sc->state;

	ui_set_status("Предложений без ответа: %d. Enter — прочитать и ответить", st->awaiting);
	return false;
}

struct screen *screen_iom_card(struct session *ss, int64_t id)
{
	struct icard *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->id = id;
	iom_init(&st->h);
	{
		/* At 80 columns: the period whole (ДД.ММ.ГГГГ–ДД.ММ.ГГГГ); the
		 * row under the cursor is whole beneath the list. */
		static const struct ui_column cols[] = {
			{ "Направление", 12 },
			{ "Мероприятие", 26 },
			{ "Сроки", 22 },
			{ "Отметка", 18 },
		};
		ui_list_setup(&st->roadmap, roadmap_fetch, NULL, st, cols, 4,
		              "Дорожная карта пуста: F7 — мероприятие из каталога или своё");
	}
	{
		static const struct ui_column cols[] = {
			{ "Когда", 3 },
			{ "Кто", 3 },
			{ "Что изменено: было → стало", 12 },
			{ "Ждёт подписи", 4 },
		};
		ui_list_setup(&st->changes, changes_fetch, NULL, st, cols, 4,
		              "Изменений после утверждения нет");
	}
	{
		static const struct ui_column cols[] = {
			{ "Компетенция", 4 },
			{ "Что будет сделано", 8 },
			{ "Ожидаемый результат", 7 },
			{ "Срок", 3 },
		};
		ui_list_setup(&st->ippr, ippr_fetch, NULL, st, cols, 4,
		              "Таблица ИППР пуста. F7 — строка: задача, ТФ, знания, действия, результат");
	}
	iom_disc_setup(&st->disc, ss, &st->h);
	sc = screen_new(&ops, st, "Карта ИОМ");
	sc->offers = offers;
	load(sc);
	/* The card opens where the user's work waits: for whoever answers
	 * proposals (the developer), on «Обсуждение» while some await him. */
	if (st->loaded && access_iom(ss, IOM_ANSWER, st->h.person_id, st->h.curator_id, st->h.status, NULL) &&
	    store_iom_open_proposals(ss->store, id, &st->awaiting) == ST_OK && st->awaiting > 0) {
		st->tab = TAB_DISC;
		sc->work = say_awaiting;
	}
	return sc;
}

/* --- the record form over the card, its roadmap and its ИППР table ------- */

#define IOM_DRAFT "iom_form"

/* Who may change the card (within the period the statute allows, route.c)
 * or a row of it (limited: only the teacher's own marks). */
static bool iom_form_rights(struct session *ss, const struct table_desc *t, const struct record *r,
			    int64_t parent, bool limited, const char **why)
{
	int64_t iom_id = parent;
	struct iom_head h;
	bool ok;

	if (strcmp(t->table, model_iom.table) == 0) {
		const char *start = r->v[model_field_index(t, "start_date")];
		const char *end = r->v[model_field_index(t, "end_date")];
		if (start && end && (*why = route_check_period(ss->cfg, start, end)) != NULL)
			return false;
		iom_id = r->id;
		limited = false;
	} else if (strcmp(t->table, model_ippr_row.table) == 0) {
		limited = false;
	}
	iom_init(&h);
	if (store_iom_get(ss->store, iom_id, &h) != ST_OK) {
		if (why)
			*why = "ИОМ не найден";
		return false;
	}
	ok = access_iom(ss, limited ? IOM_MARK : IOM_EDIT, h.person_id, h.curator_id, h.status, why);
	iom_free(&h);
	return ok;
}

/* A roadmap row's mark leads on to what it asks for: «выполнено» to the
 * result, «не выполнено» to the reason. */
static const char *mark_next(const char *col, const char *code)
{
	if (strcmp(col, "done") != 0)
		return NULL;
	return strcmp(code, "1") == 0 ? "result" : "reason_not_done";
}

/* marks: the teacher's marks only, the form opening on the first of them. */
static struct screen *iom_form(struct session *ss, const struct table_desc *t, int64_t id,
			       int64_t parent, const char *const *marks)
{
	const struct rf_open o = { .t = t, .id = id, .parent = parent, .editable = marks,
				   .focus = marks ? marks[0] : NULL, .rights = iom_form_rights,
				   .draft = IOM_DRAFT, .after_pick = mark_next };

	return screen_record_form_open(ss, &o);
}

struct screen *screen_iom_form_restore(struct session *ss, const struct draft *d, const char **why)
{
	const struct rf_open o = { .rights = iom_form_rights, .draft = IOM_DRAFT, .after_pick = mark_next };

	return screen_record_form_restore_open(ss, d, &o, why);
}

void screen_iom_create(struct session *ss, int64_t person_id, int64_t diag_id)
{
	static const char *const models[] = {
		"1. По результатам диагностики",
		"2. Посткурсовое сопровождение",
		"3. Часть программы наставничества",
	};
	struct curator_proposal cp;
	struct iom_head h;
	char title[200];
	const char *why;
	int model, choice, rc;
	int64_t curator;
	const char *tpl;

	if (!access_iom(ss, IOM_CREATE, person_id, 0, NULL, &why)) {
		ui_set_error("%s", why);
		return;
	}
	model = ui_pick("Модель ИОМ", models, 3, 0);
	if (model < 0)
		return;
	model++;
	if ((tpl = screen_pick_template()) == NULL)
		return;
	/* The curator rule reads the diagnostic in the store whatever this
	 * user may see of it: the regional centre and the developer get the
	 * same proposal; the creator is never proposed. */
	store_curator_propose(ss->store, model, person_id, diag_id, ss->user.person_id, &cp);
	snprintf(title, sizeof title, "Куратор (%s)", route_curator_label(cp.kind));
	/* Why this kind, under the picker: no level, no percentage. */
	ui_set_status("%s", cp.reason);
	ui_draw_status();
	wnoutrefresh(stdscr);
	choice = cp.n ? ui_pick(title, (const char *const *)cp.labels, cp.n, 0) : -1;
	curator = choice >= 0 ? cp.ids[choice] : 0;
	if (cp.n && choice < 0) {
		curator_proposal_free(&cp);
		return;
	}
	iom_init(&h);
	rc = store_iom_create_template(ss->store, &ss->actor, ss->cfg, tpl, person_id, model, diag_id,
				       curator, ss->user.person_id, &h);
	if (rc != ST_OK) {
		ui_set_error("ИОМ не создан: %s", store_errmsg(ss->store));
		iom_free(&h);
		curator_proposal_free(&cp);
		return;
	}
	if (curator)
		ui_set_status("Создан %s", h.number);
	else
		ui_set_status("Создан %s без куратора: %s", h.number, cp.reason);
	curator_proposal_free(&cp);
	ui_push(screen_iom_card(ss, h.id));
	iom_free(&h);
}
