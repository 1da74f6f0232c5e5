/* See store/registry.h. */
#include "store/registry.h"
#include "store_int.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* A column: an SQL expression, shown through a field of the table (enum
 * labels, dates) when field is set, else as it is. */
struct rcol {
	const char *sql;
	const char *field;
};

struct rsql {
	struct registry_def def;
	const char *from;      /* " FROM x ..." with p (person) or o (organisation) when reached so */
	const char *key;       /* sort key (text) */
	const char *text;      /* what the search looks in (folded) */
	struct rcol cols[4];
};

static const struct rsql regs[REG__COUNT] = {
	[REG_EVENTS] = {
		{ "Каталог мероприятий", &model_event, REACH_ALL, { "Начало", "Мероприятие", "Уровень", "Дефициты" } },
		" FROM event x",
		"printf('%08d', 99991231 - CAST(replace(coalesce(x.start_date, '0001-01-01'), '-', '') AS INTEGER))",
		"fold(x.title)",
		{ { "x.start_date", "start_date" }, { "x.title", NULL }, { "x.level", "level" },
		  { "(SELECT coalesce(group_concat(c.code, ', '), '') FROM event_deficit ed"
		    " JOIN deficit_code c ON c.id = ed.deficit_code_id WHERE ed.event_id = x.id)", NULL } },
	},
	[REG_PARTICIPATION] = {
		{ "Участие педагогов: конкурсы, мероприятия, МО", &model_participation, REACH_PERSON,
		  { "Педагог", "Мероприятие", "Год", "Итог" } },
		" FROM participation x JOIN person p ON p.id = x.person_id LEFT JOIN organisation o ON o.id = p.org_id"
		" LEFT JOIN event e ON e.id = x.event_id",
		"printf('%04d', 9999 - x.year) || p.surname_key",
		"p.surname_key || ' ' || fold(coalesce(x.title, e.title, ''))",
		{ { STORE_FIO("p"), NULL }, { "coalesce(x.title, e.title, '')", NULL }, { "x.year", NULL },
		  { "coalesce(x.result, x.role, '')", "result" } },
	},
	[REG_INNOVATION] = {
		{ "Инновационные продукты педагогов", &model_innovation, REACH_PERSON,
		  { "Педагог", "Продукт", "Год", "Заключение" } },
		" FROM innovation x JOIN person p ON p.id = x.person_id LEFT JOIN organisation o ON o.id = p.org_id",
		"printf('%04d', 9999 - x.year) || p.surname_key",
		"p.surname_key || ' ' || fold(x.title)",
		{ { STORE_FIO("p"), NULL }, { "x.title", NULL }, { "x.year", NULL }, { "x.result", "result" } },
	},
	[REG_STAFF_MOVES] = {
		{ "Движение кадров: приняты и уволились", &model_staff_movement, REACH_ORG,
		  { "Организация", "Работник", "Квартал", "Движение" } },
		" FROM staff_movement x JOIN organisation o ON o.id = x.org_id",
		"printf('%04d%d', 9999 - x.year, 9 - x.quarter) || o.name_key",
		"o.name_key || ' ' || fold(x.surname)",
		{ { "coalesce(o.short_name, o.name)", NULL }, { "x.surname || coalesce(' ' || x.name, '')", NULL },
		  { "x.year || ', ' || x.quarter || ' кв.'", NULL }, { "x.kind", "kind" } },
	},
	[REG_STAFF_NEEDS] = {
		{ "Потребность в кадрах (вакансии)", &model_staffing_need, REACH_ORG,
		  { "Организация", "Должность", "Квартал", "Состояние" } },
		" FROM staffing_need x JOIN organisation o ON o.id = x.org_id",
		"printf('%04d%d', 9999 - x.year, 9 - x.quarter) || o.name_key",
		"o.name_key || ' ' || fold(x.position || ' ' || coalesce(x.subject, ''))",
		{ { "coalesce(o.short_name, o.name)", NULL },
		  { "x.position || coalesce(' (' || x.subject || ')', '') || ' — ' || x.count", NULL },
		  { "x.year || ', ' || x.quarter || ' кв.'", NULL }, { "x.state", "state" } },
	},
	[REG_DEV_PLAN] = {
		{ "Планы непрерывного профессионального развития ОО", &model_school_dev_plan, REACH_ORG,
		  { "Организация", "Год", "Образование", "Для кого" } },
		" FROM school_dev_plan x JOIN organisation o ON o.id = x.org_id",
		"o.name_key || printf('%04d', 9999 - x.year) || x.education || x.audience",
		"o.name_key",
		/* The grid's words, short enough for their columns whole. */
		{ { "coalesce(o.short_name, o.name)", NULL }, { "x.year", NULL },
		  { "CASE x.education WHEN 'formal' THEN 'формальное' WHEN 'nonformal' THEN 'неформальное'"
		    " ELSE 'информальное' END", NULL },
		  { "CASE x.audience WHEN 'staff' THEN 'весь коллектив' WHEN 'groups' THEN 'объединения (группы)'"
		    " ELSE 'отдельные педагоги' END", NULL } },
	},
	[REG_DIFFICULTIES] = {
		{ "Банк затруднений и лучших практик", &model_difficulty_bank, REACH_ALL,
		  { "Затруднение", "Практика", "Ведущий педагог", "Год" } },
		" FROM difficulty_bank x LEFT JOIN person p ON p.id = x.leading_person_id",
		"fold(coalesce(x.difficulty, ''))",
		"fold(coalesce(x.difficulty, '') || ' ' || coalesce(x.practice, ''))",
		{ { "coalesce(x.difficulty, '')", NULL }, { "coalesce(x.practice, '')", NULL },
		  { "coalesce(" STORE_FIO("p") ", '')", NULL }, { "coalesce(x.year, '')", NULL } },
	},
	[REG_CITY_MO] = {
		{ "Городские педагогические объединения", &model_city_mo, REACH_ALL,
		  { "Объединение", "Вид", "Муниципалитет", "Участников" } },
		" FROM city_mo x LEFT JOIN municipality m ON m.id = x.mun_id",
		"fold(x.name)",
		"fold(x.name)",
		{ { "x.name", NULL }, { "x.kind", "kind" }, { "coalesce(m.name, 'регион')", NULL },
		  { "(SELECT count(DISTINCT person_id) FROM participation pa WHERE pa.city_mo_id = x.id"
		    " AND pa.archived = 0)", NULL } },
	},
	[REG_STAFF_COUNT] = {
		{ "Численность работников по годам", &model_staff_count, REACH_ORG,
		  { "Организация", "Год", "Педагогов", "До 30 лет" } },
		" FROM staff_count x JOIN organisation o ON o.id = x.org_id",
		"o.name_key || printf('%04d', 9999 - x.year)",
		"o.name_key",
		{ { "coalesce(o.short_name, o.name)", NULL }, { "x.year", NULL },
		  { "x.teachers + x.educators + x.others", NULL },
		  { "x.under30_teachers + x.under30_educators + x.under30_others", NULL } },
	},
};

const struct registry_def *registry_def(enum registry_id id)
{
	return &regs[id].def;
}

static struct listq queries[REG__COUNT];

static const struct listq *query(enum registry_id id)
{
	struct listq *q = &queries[id];
	const struct rsql *g = &regs[id];

	if (q->select == NULL) {
		const char *scope = g->def.reach == REACH_PERSON ? store_scope_sql
				    : g->def.reach == REACH_ORG ? store_org_scope_sql : "1";
		q->select = xasprintf("SELECT x.id, %s, %s, %s, %s, %s, x.archived", g->key, g->cols[0].sql,
				      g->cols[1].sql, g->cols[2].sql, g->cols[3].sql);
		q->from = g->from;
		q->where = xasprintf("x.archived = 0 AND (:q IS NULL OR instr(%s, :q) > 0) AND %s", g->text, scope);
		q->key = g->key;
		q->id = "x.id";
	}
	return q;
}

struct rbind {
	const struct store_scope *sc;
	const char *search;
};

static void bind(sqlite3_stmt *st, const void *ctx)
{
	const struct rbind *b = ctx;
	char *q = b->search && *b->search ? text_fold(b->search) : NULL;

	store_bind_scope(st, b->sc);
	store_bind_named_text(st, ":q", q && *q ? q : NULL);
	free(q);
}

int store_registry_page(struct store *s, enum registry_id id, const struct store_scope *sc,
			const char *search, const struct page_req *r, struct page *out)
{
	struct rbind b = { sc, search };
	int rc = store_run_page(s, query(id), bind, &b, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++)
		for (int c = 0; c < 4; c++) {
			const struct field_desc *f = regs[id].cols[c].field
				? model_field(regs[id].def.t, regs[id].cols[c].field) : NULL;
			char *shown;
			if (f == NULL || out->rows[i].cols[c][0] == '\0')
				continue;
			/* A participation's outcome is a result or a role. */
			if (id == REG_PARTICIPATION && model_enum_code(model_contest_results, out->rows[i].cols[c]) == NULL)
				shown = xstrdup(model_enum_label(model_participation_roles, out->rows[i].cols[c]));
			else
				shown = model_display(f, out->rows[i].cols[c]);
			page_set_col(out, i, c, shown);
			free(shown);
		}
	return rc;
}

int store_registry_count(struct store *s, enum registry_id id, const struct store_scope *sc,
			 const char *search, int *count)
{
	struct rbind b = { sc, search };
	return store_run_count(s, query(id), bind, &b, count);
}

int store_event_toggle_deficit(struct store *s, const struct actor *a, int64_t event_id, int64_t code_id,
			       bool *linked)
{
	int64_t id;
	char *code;
	int rc;

	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	code = store_text(s, "SELECT code FROM deficit_code WHERE id = ?", "i", code_id);
	if (code == NULL || store_int(s, "SELECT count(*) FROM event WHERE id = ?", "i", event_id) == 0) {
		free(code);
		store_set_error(s, "нет такого мероприятия или кода");
		return store_end(s, ST_NOTFOUND);
	}
	id = store_int(s, "SELECT id FROM event_deficit WHERE event_id = ? AND deficit_code_id = ?", "ii",
		       event_id, code_id);
	if (id) {
		rc = store_run(s, "DELETE FROM event_deficit WHERE id = ?", "i", id);
		if (rc == ST_OK)
			rc = store_audit(s, a, "delete", "event_deficit", event_id, "deficit_code", code, NULL);
		*linked = false;
	} else {
		rc = store_run(s, "INSERT INTO event_deficit (event_id, deficit_code_id) VALUES (?, ?)", "ii",
			       event_id, code_id);
		if (rc == ST_OK)
			rc = store_audit(s, a, "create", "event_deficit", event_id, "deficit_code", NULL, code);
		*linked = true;
	}
	free(code);
	return store_end(s, rc);
}
