/* The audit log for the regional centre and the administrator: every
 * change with who made it (and under whose identity), when, the record,
 * the field, before and after; newest first, filtered by person, record,
 * period and who. Nothing here edits it: the screen has no such key and
 * the store has no such statement. */
#include "screens/screens.h"
#include "date.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1, C_PERSON, C_RECORD, C_PERIOD, C_WHO, C_RESET, C_VIEWS };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_VIEWS, "Просм.", "кто открывал результаты диагностики (региональный центр)" },
	{ KEY_F(3), C_WHO, "Кто", "изменения, сделанные пользователем (логин)" },
	{ KEY_F(4), C_PERSON, "Педагог", "изменения сведений педагога, его диагностик, ИОМ и курсов" },
	{ KEY_F(5), C_RECORD, "Запись", "изменения одной записи (вид записи и её номер)" },
	{ KEY_F(6), C_PERIOD, "Период", "изменения за период (даты включительно)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "показать запись журнала целиком" },
	{ UI_KEY_ESC, C_RESET, NULL, "снять все отборы, повторно — назад" },
	{ 0, 0, NULL, NULL }
};

struct audit {
	struct session *ss;
	struct audit_filter f;
	char person[200], tbl[40], from[11], to[11], login[40];
	struct ui_list list;
};

/* Tables that are not forms of their own, by the names the log uses. */
static const struct { const char *tbl, *label; } other_tables[] = {
	{ "app_user", "пользователь" },
	{ "diagnostic", "диагностика" },
	{ "diagnostic_block", "блок диагностики" },
	{ "diagnostic_deficit", "дефицит диагностики" },
	{ "indicator", "показатель" },
	{ "indicator_target", "целевое значение" },
	{ "iom_change", "изменение ИОМ" },
	{ "event_deficit", "дефицит мероприятия" },
	{ "selfcheck_statement", "утверждение самодиагностики" },
	{ "meta", "база" },
};

/* Fields of the tables above, by column. */
static const struct { const char *col, *label; } other_fields[] = {
	{ "pct_overall", "% освоения" }, { "pct_low", "% базовый" }, { "pct_medium", "% повышенный" },
	{ "pct_high", "% высокий" }, { "level", "уровень дефицита" }, { "block_id", "блок" },
	{ "difficulties", "затруднения" }, { "deficit_code", "код дефицита" }, { "kind", "вид" },
	{ "form", "форма" }, { "diag_date", "дата" }, { "target", "целевое значение" },
	{ "code", "код" }, { "role", "роль" }, { "status", "статус" },
	{ "developer_id", "ИОМ строит (разработчик)" }, { "recommendations", "рекомендации" },
};

static const struct { const char *action, *label; } actions[] = {
	{ "create", "создано" }, { "update", "изменено" }, { "archive", "в архив" },
	{ "restore", "из архива" }, { "status", "смена статуса" }, { "add", "добавлено" },
	{ "remove", "удалено" }, { "delete", "удалено" }, { "confirm", "подтверждено" },
	{ "role_grant", "роль выдана" }, { "role_revoke", "роль снята" },
	{ "user_add", "пользователь добавлен" }, { "user_disable", "пользователь отключён" },
	{ "password_set", "пароль задан" }, { "login_failed", "неудачный вход" },
	{ "login_as", "вход от имени" }, { "demo_fill", "демо-данные" },
};

static const char *table_label(const char *tbl)
{
	const struct table_desc *t = model_by_table(tbl);

	if (t)
		return t->label;
	for (size_t i = 0; i < NITEMS(other_tables); i++)
		if (strcmp(other_tables[i].tbl, tbl) == 0)
			return other_tables[i].label;
	return tbl;
}

static const char *field_label(const char *tbl, const char *col)
{
	const struct table_desc *t = model_by_table(tbl);
	int i = t && col ? model_field_index(t, col) : -1;

	if (i >= 0)
		return t->fields[i].label;
	for (size_t k = 0; col && k < NITEMS(other_fields); k++)
		if (strcmp(other_fields[k].col, col) == 0)
			return other_fields[k].label;
	return col ? col : "";
}

static const char *action_label(const char *action)
{
	for (size_t i = 0; i < NITEMS(actions); i++)
		if (strcmp(actions[i].action, action) == 0)
			return actions[i].label;
	return action;
}

/* "Поле: стало (было: …)" for the list: the new value first, as the
 * column is narrow; Enter shows both in full. */
static char *change_text(const struct audit_entry *e)
{
	const char *field = field_label(e->tbl, e->field);

	if (*field == '\0')
		field = action_label(e->action);
	if (e->before && e->after)
		return xasprintf("%s: %s (было: %s)", field, e->after, e->before);
	if (e->after)
		return xasprintf("%s%s%s", *field ? field : action_label(e->action), ": ", e->after);
	if (e->before)
		return xasprintf("%s: %s (%s)", *field ? field : action_label(e->action), e->before,
				 action_label(e->action));
	return xasprintf("%s%s%s", action_label(e->action), *field ? ": " : "", field);
}

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct audit *st = ctx;
	int rc = store_audit_page(st->ss->store, &st->f, r, out);

	/* Only the rows on the screen are worded, with their labels. */
	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		struct audit_entry e;
		if (store_audit_get(st->ss->store, out->rows[i].id, &e) != ST_OK)
			continue;
		access_mask_audit_entry(st->ss, &e);
		char *rec = xasprintf("%s № %lld", table_label(e.tbl), (long long)e.record_id);
		char *change = change_text(&e);
		page_set_col(out, i, 2, rec);
		page_set_col(out, i, 3, change);
		free(rec);
		free(change);
		store_audit_entry_free(&e);
	}
	return rc;
}

static int count(void *ctx, int *n)
{
	struct audit *st = ctx;
	return store_audit_filter_count(st->ss->store, &st->f, n);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct audit *st = sc->state;
	char line[600] = "";
	size_t n;

	if (st->f.person_id)
		snprintf(line + strlen(line), sizeof line - strlen(line), "педагог %s; ", st->person);
	if (st->f.tbl)
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s № %lld; ",
			 table_label(st->f.tbl), (long long)st->f.record_id);
	if (st->f.from || st->f.to) {
		char a[11] = "…", b[11] = "…";
		if (st->f.from)
			date_format_ru(st->f.from, a);
		if (st->f.to)
			date_format_ru(st->f.to, b);
		snprintf(line + strlen(line), sizeof line - strlen(line), "с %s по %s; ", a, b);
	}
	if (st->f.login)
		snprintf(line + strlen(line), sizeof line - strlen(line), "кто: %s; ", st->f.login);
	n = strlen(line);
	if (n >= 2)
		line[n - 2] = '\0';
	ui_put_padded(w, 0, 1, n ? "Отбор:" : "Все изменения, новые сверху", n ? 7 : getmaxx(w) - 2, A_BOLD);
	if (n)
		ui_put_padded(w, 0, 8, line, getmaxx(w) - 9, A_NORMAL);
	ui_list_draw(&st->list, w, 1, getmaxy(w) - 1);
}

static void show(struct audit *st, int64_t id)
{
	struct audit_entry e;
	char *name, *text;

	if (store_audit_get(st->ss->store, id, &e) != ST_OK)
		return;
	access_mask_audit_entry(st->ss, &e);
	name = store_ref_name(st->ss->store, e.tbl, e.record_id);
	text = xasprintf("Когда: %s\nКто: %s%s%s%s\nЗапись: %s № %lld%s%s%s\nДействие: %s\n"
			 "Поле: %s\nБыло: %s\nСтало: %s",
			 e.at, e.login ? e.login : "система",
			 e.real_login && e.login && strcmp(e.real_login, e.login) != 0 ? " (вход " : "",
			 e.real_login && e.login && strcmp(e.real_login, e.login) != 0 ? e.real_login : "",
			 e.real_login && e.login && strcmp(e.real_login, e.login) != 0 ? ")" : "",
			 table_label(e.tbl), (long long)e.record_id, *name ? " «" : "", name, *name ? "»" : "",
			 action_label(e.action), field_label(e.tbl, e.field),
			 e.before ? e.before : "—", e.after ? e.after : "—");
	ui_message("Запись журнала изменений", text);
	free(text);
	free(name);
	store_audit_entry_free(&e);
}

/* Ask a date "ДД.ММ.ГГГГ" (empty: none); false when cancelled or wrong. */
static bool ask_date(const char *title, char iso[11], bool *set)
{
	char *in = ui_prompt(title, "");
	const char *m;

	if (in == NULL)
		return false;
	*set = *strtrim(in) != '\0';
	m = *set ? date_parse_ru(in, iso) : NULL;
	free(in);
	if (m) {
		ui_set_error("%s", m);
		return false;
	}
	return true;
}

static void pick_record(struct audit *st)
{
	static const char *const tbls[] = { "person", "diagnostic", "iom", "iom_activity", "course",
					     "organisation", "app_user" };
	const char *labels[NITEMS(tbls)];
	int c;
	char *in, *end;
	long long id;

	for (size_t i = 0; i < NITEMS(tbls); i++)
		labels[i] = table_label(tbls[i]);
	if ((c = ui_pick("Вид записи", labels, (int)NITEMS(tbls), 0)) < 0)
		return;
	if ((in = ui_prompt("Номер записи", "")) == NULL)
		return;
	id = strtoll(in, &end, 10);
	if (end == in || *strtrim(end) || id <= 0) {
		ui_set_error("Номер записи — целое положительное число");
	} else {
		strlcpy0(st->tbl, tbls[c], sizeof st->tbl);
		st->f.tbl = st->tbl;
		st->f.record_id = id;
		ui_list_reset(&st->list);
	}
	free(in);
}

/* The views of results are the regional centre's: the same question
 * screen_result_views asks before it opens. */
static bool offers(struct screen *sc, int cmd)
{
	struct audit *st = sc->state;
	return cmd != C_VIEWS || access_may_list_views(st->ss, 0);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct audit *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (r)
			show(st, r->id);
		break;
	case C_PERSON: {
		int64_t id = screen_pick_person(st->ss, 0);
		if (id) {
			char *name = store_ref_name(st->ss->store, "person", id);
			strlcpy0(st->person, name, sizeof st->person);
			free(name);
			st->f.person_id = id;
			ui_list_reset(&st->list);
		}
		break;
	}
	case C_RECORD:
		pick_record(st);
		break;
	case C_PERIOD: {
		char from[11], to[11];
		bool has_from, has_to;
		if (!ask_date("Начало периода, ДД.ММ.ГГГГ (пусто — без начала)", from, &has_from) ||
		    !ask_date("Конец периода, ДД.ММ.ГГГГ (пусто — по сегодня)", to, &has_to))
			break;
		if (has_from && has_to && strcmp(from, to) > 0) {
			ui_set_error("Начало периода позже его конца");
			break;
		}
		strlcpy0(st->from, from, sizeof st->from);
		strlcpy0(st->to, to, sizeof st->to);
		st->f.from = has_from ? st->from : NULL;
		st->f.to = has_to ? st->to : NULL;
		ui_list_reset(&st->list);
		break;
	}
	case C_WHO: {
		char *in = ui_prompt("Логин пользователя (пусто — все)", st->f.login ? st->login : "");
		if (in) {
			strlcpy0(st->login, strtrim(in), sizeof st->login);
			st->f.login = st->login[0] ? st->login : NULL;
			free(in);
			ui_list_reset(&st->list);
		}
		break;
	}
	case C_RESET: {
		static const struct audit_filter none;
		if (memcmp(&st->f, &none, sizeof none) == 0)
			return false;
		memset(&st->f, 0, sizeof st->f);
		ui_list_reset(&st->list);
		break;
	}
	case C_VIEWS: {
		struct screen *v = screen_result_views(st->ss);
		if (v)
			ui_push(v);
		break;
	}
	default:
		ui_list_key(&st->list, k);
	}
	return true;
}

static void reload(struct screen *sc)
{
	struct audit *st = sc->state;
	ui_list_reload(&st->list);
}

static void free_state(struct screen *sc)
{
	struct audit *st = sc->state;
	ui_list_free(&st->list);
	free(st);
}

static const struct screen_ops ops = { "audit", keys, draw, key, reload, free_state, NULL, NULL };

struct screen *screen_audit(struct session *ss)
{
	struct audit *st = xcalloc(1, sizeof *st);
	static const struct ui_column cols[] = {
		{ "Когда", 9 },
		{ "Кто", 6 },
		{ "Запись", 8 },
		{ "Изменение", 17 },
	};

	st->ss = ss;
	ui_list_setup(&st->list, fetch, count, st, cols, 4, "Изменений с такими условиями нет");
	struct screen *made = screen_new(&ops, st, "Журнал изменений");

	made->offers = offers;
	return made;
}
