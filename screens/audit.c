/* The audit log for the regional centre and the administrator: every
 * change with who made it (and under whose identity), when, the record,
 * the field, before and after; newest first, filtered by person, record,
 * period and who. Nothing here edits it: the screen has no such key and
 * the store has no such statement. */
#include "screens/screens.h"
#include "date.h"
#include "route.h"
#include "store/audit.h"
#include "store/iom.h"
#include "store/diag.h"
#include "text.h"
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
	char recname[200], who[200];   /* the record and the user filtered by, named */
	struct ui_list list;
};

/* Tables that are not forms of their own, by the names the log uses. */
static const struct { const char *tbl, *label; } other_tables[] = {
	{ "app_user", "пользователь" },
	{ "diagnostic", "диагностика" },
	{ "diagnostic_block", "блок диагностики" },
	{ "diagnostic_deficit", "дефициты диагностики" },
	{ "indicator", "показатель" },
	{ "indicator_target", "целевое значение" },
	{ "iom_change", "изменение ИОМ" },
	{ "iom_proposal", "предложение по корректировке ИОМ" },
	{ "iom_note", "заметка куратора ИОМ" },
	{ "event_deficit", "дефициты мероприятия" },
	{ "selfcheck_statement", "утверждение самодиагностики" },
	{ "competency_block", "блок компетенций" },
	{ "municipality", "муниципалитет" },
	{ "meta", "база" },
};

/* Shorter words for the list's narrow «Запись» column, where the name
 * that follows matters more; the entry (Enter) says it in full. */
static const struct { const char *tbl, *label; } short_tables[] = {
	{ "iom_activity", "строка ИОМ" }, { "diagnostic_application", "заявка" },
	{ "application_consent", "согласие" }, { "course_interview", "собеседование" },
	{ "support_measure", "мера" }, { "recommendation", "рекомендация" },
	{ "internship_site", "площадка" }, { "methodist_pool", "актив" },
	{ "mentoring_pair", "наставничество" }, { "mentoring_survey", "анкета" },
	{ "mentor_training", "подготовка" }, { "staff_movement", "кадры" },
	{ "staffing_need", "вакансия" }, { "staff_count", "численность" },
	{ "school_dev_plan", "план ОО" }, { "innovation", "продукт" },
	{ "difficulty_bank", "затруднение" }, { "city_mo", "объединение" },
	{ "diagnostic_block", "диагностика" }, { "diagnostic_deficit", "диагностика" },
	{ "selfcheck_statement", "утверждение" }, { "event_deficit", "мероприятие" },
	{ "indicator_target", "цель" }, { "iom_change", "ИОМ" },
	{ "iom_proposal", "предложение" }, { "iom_note", "заметка" }, { "competency_block", "блок" },
	{ "deficit_code", "дефицит" },
};

/* Columns the forms do not describe, as the log names them: first those
 * of one table (the card of an ИОМ, a diagnostic and its blocks, a user),
 * then those of any table (NULL). Every value is shown by its type. */
static const struct { const char *tbl; struct field_desc f; } other_fields[] = {
	{ "iom", { "mentoring_pair_id", "Пара наставничества", F_REF, false, 0, 0, NULL, "mentoring_pair" } },
	{ "diagnostic", { "form", "Форма", F_ENUM, false, 0, 0, diag_forms, NULL } },
	{ "diagnostic", { "kind", "Вид", F_ENUM, false, 0, 0, diag_kinds, NULL } },
	{ "diagnostic", { "diag_date", "Дата", F_DATE, false, 0, 0, NULL, NULL } },
	{ "diagnostic", { "subject", "Предмет", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "diagnostic", { "organiser", "Организатор", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "diagnostic", { "ordered_by_authority", "Заказ органа управления", F_BOOL, false, 0, 0, NULL, NULL } },
	{ "diagnostic", { "result_given_date", "Результаты выданы", F_DATE, false, 0, 0, NULL, NULL } },
	{ "diagnostic", { "recommendations", "Рекомендации", F_MEMO, false, 0, 0, NULL, NULL } },
	{ "diagnostic", { "pct_overall", "% освоения", F_INT, false, 0, 0, NULL, NULL } },
	{ "diagnostic", { "level", "Уровень дефицита", F_ENUM, false, 0, 0, diag_levels, NULL } },
	{ "diagnostic", { "developer_id", "ИОМ строит", F_REF, false, 0, 0, NULL, "person" } },
	{ "diagnostic", { "application_id", "По заявке", F_REF, false, 0, 0, NULL, "diagnostic_application" } },
	{ "diagnostic_block", { "difficulties", "Затруднения", F_MEMO, false, 0, 0, NULL, NULL } },
	{ "diagnostic_block", { "pct_low", "% базовый", F_INT, false, 0, 0, NULL, NULL } },
	{ "diagnostic_block", { "pct_medium", "% повышенный", F_INT, false, 0, 0, NULL, NULL } },
	{ "diagnostic_block", { "pct_high", "% высокий", F_INT, false, 0, 0, NULL, NULL } },
	{ "diagnostic_block", { "pct_overall", "% освоения", F_INT, false, 0, 0, NULL, NULL } },
	{ "diagnostic_block", { "level", "Уровень дефицита", F_ENUM, false, 0, 0, diag_levels, NULL } },
	{ "iom_change", { "curator_confirmed_at", "Подтвердил куратор", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "iom_change", { "head_confirmed_at", "Подтвердил руководитель ОО", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "iom_change", { "teacher_confirmed_at", "Подтвердил педагог", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "app_user", { "login", "Логин", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "app_user", { "role", "Роль", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "app_user", { "disabled", "Отключён", F_BOOL, false, 0, 0, NULL, NULL } },
	{ "app_user", { "pw_hash", "Пароль", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "indicator_target", { "target", "Целевое значение", F_TEXT, false, 0, 0, NULL, NULL } },
	{ "selfcheck_statement", { "text", "Утверждение", F_MEMO, false, 0, 0, NULL, NULL } },
	{ "meta", { "teachers", "Педагогов в демо-данных", F_INT, false, 0, 0, NULL, NULL } },
	{ NULL, { "archived", "В архиве", F_BOOL, false, 0, 0, NULL, NULL } },
	{ NULL, { "version", "Версия записи", F_INT, false, 0, 0, NULL, NULL } },
	{ NULL, { "code", "Код", F_TEXT, false, 0, 0, NULL, NULL } },
	{ NULL, { "deficit_code", "Код дефицита", F_TEXT, false, 0, 0, NULL, NULL } },
	{ NULL, { "person_id", "Педагог", F_REF, false, 0, 0, NULL, "person" } },
	{ NULL, { "org_id", "Организация", F_REF, false, 0, 0, NULL, "organisation" } },
	{ NULL, { "mun_id", "Муниципалитет", F_REF, false, 0, 0, NULL, "municipality" } },
	{ NULL, { "event_id", "Мероприятие", F_REF, false, 0, 0, NULL, "event" } },
	{ NULL, { "iom_id", "ИОМ", F_REF, false, 0, 0, NULL, "iom" } },
	{ NULL, { "course_id", "Курс", F_REF, false, 0, 0, NULL, "course" } },
	{ NULL, { "block_id", "Блок компетенций", F_REF, false, 0, 0, NULL, "competency_block" } },
	{ NULL, { "deficit_code_id", "Код дефицита", F_REF, false, 0, 0, NULL, "deficit_code" } },
	{ NULL, { "indicator_id", "Показатель", F_REF, false, 0, 0, NULL, "indicator" } },
	{ NULL, { "internship_site_id", "Площадка", F_REF, false, 0, 0, NULL, "internship_site" } },
	{ NULL, { "year", "Год", F_INT, false, 0, 0, NULL, NULL } },
	{ NULL, { "quarter", "Квартал", F_INT, false, 0, 0, NULL, NULL } },
	{ NULL, { "created_at", "Создано", F_TEXT, false, 0, 0, NULL, NULL } },
};

/* Forms that keep their records in the table of another (a site's
 * decision, a site's event): their columns are the table's too. */
static const struct table_desc *const shared_forms[] = { &model_site_decision, &model_site_event };

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
	return "запись";
}

static const char *table_short(const char *tbl)
{
	for (size_t i = 0; i < NITEMS(short_tables); i++)
		if (strcmp(short_tables[i].tbl, tbl) == 0)
			return short_tables[i].label;
	return table_label(tbl);
}

/* The description of a logged column: the form's, else the log's own. */
static const struct field_desc *field_of(const char *tbl, const char *col)
{
	const struct table_desc *t = model_by_table(tbl);
	const struct field_desc *f = t && col ? model_field(t, col) : NULL;

	for (size_t i = 0; !f && col && i < NITEMS(shared_forms); i++)
		if (strcmp(shared_forms[i]->table, tbl) == 0)
			f = model_field(shared_forms[i], col);
	for (int pass = 0; !f && col && pass < 2; pass++)
		for (size_t k = 0; !f && k < NITEMS(other_fields); k++)
			if (strcmp(other_fields[k].f.col, col) == 0 &&
			    (pass == 0 ? other_fields[k].tbl && strcmp(other_fields[k].tbl, tbl) == 0
				       : other_fields[k].tbl == NULL))
				f = &other_fields[k].f;
	return f;
}

static const char *field_label(const char *tbl, const char *col)
{
	/* The card's and its roadmap's columns: the one labelling (store/iom.c). */
	if (store_iom_field_label(tbl, col))
		return store_iom_field_label(tbl, col);
	const struct field_desc *f = field_of(tbl, col);

	return f ? f->label : col ? "поле" : "";
}

static const char *action_label(const char *action)
{
	for (size_t i = 0; i < NITEMS(actions); i++)
		if (strcmp(actions[i].action, action) == 0)
			return actions[i].label;
	return "изменение";
}

/* The screen width of column c of the list as ui_list_draw lays it out
 * on a full-width window, less the gap. */
static const struct ui_column cols[] = {
	{ "Когда", 17 },
	{ "Кто", 14 },
	{ "Запись", 22 },
	{ "Изменение", 25 },
};

static int col_width(int c)
{
	int sum = 0, w;

	for (size_t i = 0; i < NITEMS(cols); i++)
		sum += cols[i].weight;
	w = (COLS - 2) * cols[c].weight / sum;
	if (c == (int)NITEMS(cols) - 1) {
		int used = 0;
		for (size_t i = 0; i + 1 < NITEMS(cols); i++)
			used += (COLS - 2) * cols[i].weight / sum;
		w = COLS - 2 - used;
	}
	return w - 1;
}

/* The first of the texts that fits width columns, else the last one
 * (the list shortens it with «…»); NULL texts are skipped. Frees the
 * others. */
static char *first_fitting(int width, char **texts, int n)
{
	int pick = -1, last = -1;

	for (int i = 0; i < n; i++) {
		if (texts[i] == NULL)
			continue;
		last = i;
		if (pick < 0 && text_width(texts[i]) <= width)
			pick = i;
	}
	if (pick < 0)
		pick = last;
	for (int i = 0; i < n; i++)
		if (i != pick)
			free(texts[i]);
	return pick >= 0 ? texts[pick] : xstrdup("");
}

/* Does a word begin with a capital letter (Latin or Cyrillic)? */
static bool capital(const char *w)
{
	const unsigned char *u = (const unsigned char *)w;

	return (u[0] >= 'A' && u[0] <= 'Z') ||
	       (u[0] == 0xD0 && ((u[1] >= 0x90 && u[1] <= 0xAF) || u[1] == 0x81));
}

/* «Иванова И. И.» of «Иванова Ирина Ивановна» (a name of three words or
 * two, each capitalised); compact drops the space between the initials.
 * Other names (a service account's «Администратор системы») stay. */
static char *short_name(const char *full, bool compact)
{
	char w[4][200];
	int n = sscanf(full, "%199s %199s %199s %199s", w[0], w[1], w[2], w[3]);
	char i1[8] = "", i2[8] = "";

	if (n < 2 || n > 3)
		return xstrdup(full);
	for (int k = 0; k < n; k++)
		if (!capital(w[k]))
			return xstrdup(full);
	/* The first letter of a word, whole (one UTF-8 sequence). */
	for (int k = 1; k < n; k++) {
		char *dst = k == 1 ? i1 : i2;
		size_t len = 1;
		while (len < 4 && (w[k][len] & 0xC0) == 0x80)
			len++;
		memcpy(dst, w[k], len);
		dst[len] = '\0';
	}
	if (n == 2)
		return xasprintf("%s %s.", w[0], i1);
	return xasprintf("%s %s.%s%s.", w[0], i1, compact ? "" : " ", i2);
}

#define NO_ACCESS "(нет доступа)"

/* A person's name where the policy lets this user see him. */
static char *person_text(struct audit *st, int64_t pid, bool full)
{
	char *name;

	if (!access_may(st->ss, P_PERSON_VIEW, pid, NULL))
		return xstrdup(NO_ACCESS);
	name = store_audit_person_name(st->ss->store, pid, full);
	if (*name == '\0') {
		free(name);
		return xstrdup("(нет в базе)");
	}
	return name;
}

/* A stored reference by the name of what it points at. */
static char *ref_text(struct audit *st, const char *table, const char *stored, bool full)
{
	struct audit_record r;
	char *end, *out;
	long long id = strtoll(stored, &end, 10);

	if (end == stored || *end || id <= 0)
		return xstrdup(stored);
	if (strcmp(table, "person") == 0)
		return person_text(st, id, full);
	store_audit_record(st->ss->store, table, id, &r);
	if (r.gone)
		out = xstrdup("(нет в базе)");
	else if (*r.name)
		out = full && strcmp(table, "diagnostic") == 0 ? xasprintf("диагностика %s", r.name)
							       : xstrdup(r.name);
	else if (r.person_id)
		out = person_text(st, r.person_id, full);
	else
		out = xstrdup(table_label(table));
	store_audit_record_free(&r);
	return out;
}

/* A login by the user's name, the login in brackets where it fits
 * width (0: always, the name in full). A login that is no user's is the
 * program's own (init). */
static char *user_text(struct audit *st, const char *login, int width)
{
	char *name;

	if (login == NULL)
		return xstrdup("система");
	name = store_audit_user_name(st->ss->store, login);
	if (name == NULL) {
		char *texts[] = { xasprintf("система (%s)", login), xstrdup("система") };
		return width ? first_fitting(width, texts, 2) : (free(texts[1]), texts[0]);
	}
	if (width == 0) {
		char *t = xasprintf("%s (%s)", name, login);
		free(name);
		return t;
	}
	char *s = short_name(name, false), *c = short_name(name, true);
	char *surname = strcmp(c, name) != 0 ? xstrndup(name, strcspn(name, " ")) : NULL;
	char *texts[] = { xasprintf("%s (%s)", name, login), xasprintf("%s (%s)", s, login),
			  xstrdup(name), s, c, surname };
	free(name);
	return first_fitting(width, texts, (int)NITEMS(texts));
}

/* One logged value as the form shows it: labels, да/нет, ДД.ММ.ГГГГ,
 * names; a masked value stays masked. full: names in full, line breaks
 * kept (the entry); else short names on one line (the list). */
static char *value_text(struct audit *st, const struct audit_entry *e, const char *v, bool full)
{
	const struct field_desc *f = field_of(e->tbl, e->field);
	char *out;

	if (strcmp(v, ACCESS_MASKED) == 0)
		return xstrdup(v);
	if (strcmp(e->action, "login_as") == 0 || strcmp(e->action, "user_add") == 0) {
		/* A login: the user's name (short in the list), else as it is
		 * (the system account one came in through). */
		char *name = store_audit_user_name(st->ss->store, v);
		if (name == NULL)
			return xstrdup(v);
		out = full ? xasprintf("%s (%s)", name, v) : short_name(name, false);
		free(name);
		return out;
	}
	if (e->field && strcmp(e->field, "pw_hash") == 0)
		return xstrdup("задан");
	if (strcmp(e->tbl, "app_user") == 0 && e->field && strcmp(e->field, "role") == 0) {
		char role[40];
		const char *colon = strchr(v, ':');
		size_t n = colon ? (size_t)(colon - v) : strlen(v);
		char *scope;
		snprintf(role, sizeof role, "%.*s", (int)n, v);
		scope = colon ? store_audit_scope_name(st->ss->store, colon + 1) : NULL;
		/* An organisation or municipality gone from the base: its code. */
		if (scope == NULL && colon)
			scope = xstrdup(strchr(colon + 1, ':') ? strchr(colon + 1, ':') + 1 : colon + 1);
		out = xasprintf("%s%s%s", model_enum_label(model_roles, role), scope ? ", " : "",
				scope ? scope : "");
		free(scope);
		return out;
	}
	if (strcmp(e->tbl, "iom_change") == 0 || (e->field && strcmp(e->field, "created_at") == 0)) {
		char local[17];
		utc_to_local(v, local);
		return xstrdup(local[0] ? local : v);
	}
	if (store_iom_field_label(e->tbl, e->field))
		out = store_iom_value_label(st->ss->store, e->tbl, e->field, v);
	else if (f && f->type == F_REF)
		out = ref_text(st, f->ref_table, v, full);
	else if (f)
		out = model_display(f, v);
	else
		out = xstrdup(v);
	if (*out == '\0') {
		free(out);
		out = xstrdup(v);
	}
	for (char *p = out; !full && *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return out;
}

/* The record: what it is and whose (or its name). In the list the
 * shortest form that fits width; in the entry (width 0) all of it. */
static char *record_text(struct audit *st, const struct audit_entry *e, int width)
{
	struct audit_record r;
	char *who = NULL, *out;
	const char *label = table_label(e->tbl);

	store_audit_record(st->ss->store, e->tbl, e->record_id, &r);
	if (r.person_id)
		who = person_text(st, r.person_id, width == 0);
	if (width == 0) {
		/* «курс «Основы ФГОС», педагог Иванова Ирина Ивановна» */
		bool person = strcmp(e->tbl, "person") == 0;
		if (r.gone && strcmp(e->tbl, "meta") != 0)
			out = xasprintf("%s (нет в базе)", label);
		else
			out = xasprintf("%s%s%s%s%s%s", label, *r.name ? " «" : "", r.name, *r.name ? "»" : "",
					who ? (person ? " " : *r.name ? ", педагог " : " — педагог ") : "",
					who ? who : "");
	} else if (r.gone) {
		char *texts[] = { xasprintf("%s (нет в базе)", label),
				  xasprintf("%s (нет в базе)", table_short(e->tbl)) };
		out = first_fitting(width, texts, 2);
	} else {
		/* The fullest form that fits: «педагог Иванова И. И.», then
		 * shorter words, initials closer, the surname, the name alone. */
		const char *shortl = table_short(e->tbl);
		char *name, *compact = NULL;
		if (who && strcmp(who, NO_ACCESS) != 0) {
			char *full = store_audit_person_name(st->ss->store, r.person_id, true);
			name = xstrdup(who);
			compact = short_name(full, true);
			free(full);
		} else if (who) {
			name = xstrdup(who);
		} else if (strcmp(e->tbl, "app_user") == 0) {
			name = short_name(r.name, false);
			compact = short_name(r.name, true);
		} else {
			name = xstrdup(r.name);
		}
		/* A person's surname with what the record is, before the
		 * initials without it. */
		char *surname = compact ? xstrndup(compact, strcspn(compact, " ")) : NULL;
		char *texts[] = {
			*name ? xasprintf("%s %s", label, name) : xstrdup(label),
			*name ? xasprintf("%s %s", shortl, name) : xstrdup(shortl),
			compact ? xasprintf("%s %s", shortl, compact) : NULL,
			surname ? xasprintf("%s %s", shortl, surname) : NULL,
			*name ? xstrdup(compact ? compact : name) : xstrdup(shortl),
		};
		free(surname);
		free(compact);
		free(name);
		out = first_fitting(width, texts, (int)NITEMS(texts));
	}
	free(who);
	store_audit_record_free(&r);
	return out;
}

/* What a journal row whose values went after their retention time (a
 * completed card's, App.3 §4.5.4; store/chain.c) shows instead of them. */
#define REDACTED_TEXT "стёрто по сроку хранения"

/* "Поле: стало (было: …)" for the list: the new value first, as the
 * column is narrow; Enter shows both in full. */
static char *change_text(struct audit *st, const struct audit_entry *e)
{
	const char *field = field_label(e->tbl, e->field);
	char *a = e->after ? value_text(st, e, e->after, false) : NULL;
	char *b = e->before ? value_text(st, e, e->before, false) : NULL;
	char *out;

	if (*field == '\0' || strcmp(e->action, "login_as") == 0)
		field = action_label(e->action);
	if (e->redacted && !a && !b)
		out = xasprintf("%s: %s", *field ? field : action_label(e->action), REDACTED_TEXT);
	else if (strcmp(e->action, "login_as") == 0 && a)
		out = xasprintf("%s: %s", field, a);
	else if (b && a)
		out = xasprintf("%s: %s (было: %s)", field, a, b);
	else if (a)
		out = xasprintf("%s: %s", field, a);
	else if (b)
		out = xasprintf("%s: %s (%s)", field, b, action_label(e->action));
	else
		out = xasprintf("%s%s%s", action_label(e->action), *field ? ": " : "", field);
	free(a);
	free(b);
	return out;
}

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct audit *st = ctx;
	int rc = store_audit_page(st->ss->store, &st->f, r, out);

	/* Only the rows on the screen are worded, with their labels and
	 * names: a few look-ups by id for each. */
	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		struct audit_entry e;
		if (store_audit_get(st->ss->store, out->rows[i].id, &e) != ST_OK)
			continue;
		access_mask_audit_entry(st->ss, &e);
		char *who = user_text(st, e.login, col_width(1));
		char *rec = record_text(st, &e, col_width(2));
		char *change = change_text(st, &e);
		page_set_col(out, i, 1, who);
		page_set_col(out, i, 2, rec);
		page_set_col(out, i, 3, change);
		free(who);
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
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s; ", st->recname);
	if (st->f.from || st->f.to) {
		char a[11] = "…", b[11] = "…";
		if (st->f.from)
			date_format_ru(st->f.from, a);
		if (st->f.to)
			date_format_ru(st->f.to, b);
		snprintf(line + strlen(line), sizeof line - strlen(line), "с %s по %s; ", a, b);
	}
	if (st->f.login)
		snprintf(line + strlen(line), sizeof line - strlen(line), "кто: %s; ", st->who);
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
	char *who, *rec, *before, *after, *text;
	bool as;

	if (store_audit_get(st->ss->store, id, &e) != ST_OK)
		return;
	access_mask_audit_entry(st->ss, &e);
	as = e.real_login && e.login && strcmp(e.real_login, e.login) != 0;
	who = user_text(st, e.login, 0);
	rec = record_text(st, &e, 0);
	before = e.before ? value_text(st, &e, e.before, true) : xstrdup(e.redacted ? REDACTED_TEXT : "—");
	after = e.after ? value_text(st, &e, e.after, true) : xstrdup(e.redacted ? REDACTED_TEXT : "—");
	text = xasprintf("Когда: %s\nКто: %s%s%s\nЗапись: %s\nДействие: %s\n"
			 "Поле: %s\nБыло: %s\nСтало: %s",
			 e.at, who, as ? ", вход: " : "", as ? e.real_login : "", rec,
			 action_label(e.action), *field_label(e.tbl, e.field) ? field_label(e.tbl, e.field) : "—",
			 before, after);
	ui_message("Запись журнала изменений", text);
	free(text);
	free(who);
	free(rec);
	free(before);
	free(after);
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
		struct audit_entry e = { .tbl = (char *)tbls[c], .record_id = id };
		struct audit_record rr;
		char *name;
		strlcpy0(st->tbl, tbls[c], sizeof st->tbl);
		st->f.tbl = st->tbl;
		st->f.record_id = id;
		/* The record by its name; one that is gone by what was typed. */
		store_audit_record(st->ss->store, st->tbl, id, &rr);
		name = rr.gone ? xasprintf("%s № %lld (нет в базе)", table_label(st->tbl), id)
			       : record_text(st, &e, 60);
		strlcpy0(st->recname, name, sizeof st->recname);
		free(name);
		store_audit_record_free(&rr);
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
		char from[11] = "", to[11] = "";
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
			if (st->f.login) {
				char *name = user_text(st, st->login, 60);
				strlcpy0(st->who, name, sizeof st->who);
				free(name);
			}
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

	st->ss = ss;
	ui_list_setup(&st->list, fetch, count, st, cols, (int)NITEMS(cols), "Изменений с такими условиями нет");
	struct screen *made = screen_new(&ops, st, "Журнал изменений");

	made->offers = offers;
	return made;
}
