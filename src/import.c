/* See import.h. */
#include "import.h"
#include "model.h"
#include "progress.h"
#include "text.h"
#include "util.h"
#include "store/diag.h"
#include "store/import.h"

#include <stdlib.h>
#include <string.h>

/* Columns that name the person a row is about (courses, diagnostics). */
enum { UNMAPPED = -100, PK_EXTERNAL = -1, PK_SURNAME = -2, PK_NAME = -3, PK_PATRONYMIC = -4,
       PK_BIRTH = -5 };
static const struct { int id; const char *label; } person_cols[] = {
	{ PK_EXTERNAL, "Табельный номер" }, { PK_SURNAME, "Фамилия" }, { PK_NAME, "Имя" },
	{ PK_PATRONYMIC, "Отчество" }, { PK_BIRTH, "Дата рождения" },
};

static const struct {
	const char *name;
	const char *label;
	const struct table_desc *t;
	bool by_person;
} whats[] = {
	[IMPORT_ORGS] = { "orgs", "Организации", &model_organisation, false },
	[IMPORT_PERSONS] = { "persons", "Педагоги", &model_person, false },
	[IMPORT_DIAGNOSTICS] = { "diagnostics", "Диагностики", &model_diagnostic, true },
	[IMPORT_EVENTS] = { "events", "Мероприятия", &model_event, false },
	[IMPORT_COURSES] = { "courses", "Курсы повышения квалификации", &model_course, true },
};

/* Usual other headers for a column. */
static const struct { const char *label, *alias; } aliases[] = {
	{ "Табельный номер", "Внешний код" },
	{ "Полное наименование", "Наименование" },
	{ "Краткое наименование", "Сокращённое наименование" },
	{ "Предмет(ы)", "Предметы" },
	{ "Предмет(ы)", "Предмет" },
	{ "E-mail", "Электронная почта" },
	{ "E-mail", "Эл. почта" },
	{ "Пед. стаж, лет", "Педагогический стаж" },
	{ "Программа", "Название программы" },
	{ "Часов", "Количество часов" },
	{ "Организация", "Код организации" },
	{ "Муниципалитет", "Код муниципалитета" },
};

int import_what_parse(const char *name, enum import_what *w)
{
	for (size_t i = 0; i < NITEMS(whats); i++)
		if (strcmp(whats[i].name, name) == 0) {
			*w = (enum import_what)i;
			return 0;
		}
	return -1;
}

const char *import_what_label(enum import_what w)
{
	return whats[w].label;
}

const char *import_what_name(enum import_what w)
{
	return whats[w].name;
}

static void problem(struct import_report *r, int line, const char *column, const char *value,
		    const char *what)
{
	struct import_problem *p;
	char shown[200];

	r->p = xrealloc(r->p, (size_t)(r->np + 1) * sizeof *r->p);
	p = &r->p[r->np++];
	p->line = line;
	p->column = column ? text_sanitize(column) : NULL;
	p->value = NULL;
	if (value) {
		char *clean = text_sanitize(value);
		text_fit_ellipsis(clean, 60, shown, sizeof shown);
		p->value = xstrdup(shown);
		free(clean);
	}
	p->what = xstrdup(what);
}

static bool same_header(const char *cell, const char *label)
{
	char *a = text_fold(cell), *b = text_fold(label);
	bool same = strcmp(a, b) == 0;

	free(a);
	free(b);
	return same;
}

/* Whether a header is a usual synonym of label. */
static bool is_alias(const char *cell, const char *label)
{
	for (size_t k = 0; k < NITEMS(aliases); k++)
		if (strcmp(aliases[k].label, label) == 0 && same_header(cell, aliases[k].alias))
			return true;
	return false;
}

/* The field (>= 0) or person column (< 0) of a header; UNMAPPED if none. */
static int map_header(enum import_what w, const char *cell)
{
	const struct table_desc *t = whats[w].t;

	for (int i = 0; i < t->nfields; i++) {
		if (t->parent_col && strcmp(t->fields[i].col, t->parent_col) == 0)
			continue;
		if (same_header(cell, t->fields[i].label))
			return i;
		if (is_alias(cell, t->fields[i].label))
			return i;
	}
	for (size_t k = 0; whats[w].by_person && k < NITEMS(person_cols); k++)
		if (same_header(cell, person_cols[k].label) || is_alias(cell, person_cols[k].label))
			return person_cols[k].id;
	return UNMAPPED;
}

/* Map the header; every problem is a row-1 problem. False when rows
 * cannot be read. */
static bool read_header(enum import_what w, const struct csv_table *t, int *map, struct import_report *r)
{
	const struct table_desc *d = whats[w].t;
	bool ok = true, seen_pk[6] = { false };

	for (int k = 0; k < t->ncols; k++) {
		const char *h = t->header[k];
		map[k] = UNMAPPED;
		if (h[strspn(h, " \t")] == '\0')
			continue;   /* an empty header: its cells must be empty too */
		map[k] = map_header(w, h);
		if (map[k] == UNMAPPED) {
			problem(r, 1, h, NULL, "неизвестный столбец (заголовки — см. пример в conf/import/)");
			ok = false;
			continue;
		}
		for (int j = 0; j < k; j++)
			if (map[j] == map[k]) {
				problem(r, 1, h, NULL, "столбец повторяется");
				ok = false;
			}
		if (map[k] < 0)
			seen_pk[-map[k]] = true;
	}
	for (int i = 0; i < d->nfields; i++) {
		bool found = false;
		if (!d->fields[i].required || (d->parent_col && strcmp(d->fields[i].col, d->parent_col) == 0))
			continue;
		for (int k = 0; k < t->ncols; k++)
			found |= map[k] == i;
		if (!found) {
			problem(r, 1, d->fields[i].label, NULL, "нет обязательного столбца");
			ok = false;
		}
	}
	if (whats[w].by_person && !seen_pk[-PK_EXTERNAL] && !(seen_pk[-PK_SURNAME] && seen_pk[-PK_NAME])) {
		problem(r, 1, NULL, NULL, "нет столбцов, называющих педагога: «Табельный номер» или "
			"«Фамилия», «Имя» (и «Отчество», «Дата рождения»)");
		ok = false;
	}
	return ok;
}

/* Spreadsheets write dates as ДД.ММ.ГГГГ, exports often as ГГГГ-ММ-ДД:
 * the second is turned into the first for the one date rule. */
static const char *as_typed(const struct field_desc *f, const char *cell, char buf[16])
{
	if (f->type == F_DATE && strlen(cell) == 10 && cell[4] == '-' && cell[7] == '-') {
		snprintf(buf, 16, "%.2s.%.2s.%.4s", cell + 8, cell + 5, cell);
		return buf;
	}
	return cell;
}

/* The record of one row, checked cell by cell; false with problems. */
static bool read_row(struct store *s, const struct config *cfg, enum import_what w,
		     const struct csv_table *t, const int *map, const struct csv_row *row,
		     struct record *rec, struct import_report *r)
{
	const struct table_desc *d = whats[w].t;
	const char *pk[6] = { NULL };
	char *birth = NULL;
	bool ok = true;

	for (int k = 0; k < row->n; k++) {
		const char *cell = row->cells[k], *why;
		char *out = NULL, buf[16];
		int i;

		if (k >= t->ncols || map[k] == UNMAPPED) {
			if (cell[strspn(cell, " \t")] != '\0') {
				problem(r, row->line, k < t->ncols ? t->header[k] : NULL, cell,
					"значение в столбце без заголовка");
				ok = false;
			}
			continue;
		}
		if ((i = map[k]) < 0) {
			pk[-i] = cell;
			continue;
		}
		if (d->fields[i].type == F_REF && cell[strspn(cell, " \t")] != '\0') {
			int64_t id = store_import_ref(s, d->fields[i].ref_table, cell);
			if (id <= 0) {
				problem(r, row->line, t->header[k], cell, id < 0
					? "название подходит к нескольким записям: укажите код"
					: "не найдено: укажите код или точное название");
				ok = false;
				continue;
			}
			out = xasprintf("%lld", (long long)id);
		} else if ((why = model_check(cfg, &d->fields[i], as_typed(&d->fields[i], cell, buf), &out)) != NULL) {
			problem(r, row->line, t->header[k], cell, why);
			ok = false;
			continue;
		}
		record_set(rec, i, out);
		free(out);
	}
	/* Required values, for the fields whose column is there. */
	for (int i = 0; ok && i < d->nfields; i++)
		if (d->fields[i].required && rec->v[i] == NULL &&
		    !(d->parent_col && strcmp(d->fields[i].col, d->parent_col) == 0)) {
			problem(r, row->line, d->fields[i].label, "", "обязательное значение не заполнено");
			ok = false;
		}
	if (whats[w].by_person) {
		static const struct field_desc date = { "birth_date", "Дата рождения", F_DATE, false, 0, 0, NULL, NULL };
		char buf[16];
		const char *why = pk[-PK_BIRTH] ? model_check(cfg, &date, as_typed(&date, pk[-PK_BIRTH], buf), &birth)
				  : NULL;
		int64_t id = 0;
		if (why) {
			problem(r, row->line, "Дата рождения", pk[-PK_BIRTH], why);
			ok = false;
		} else {
			id = store_import_person(s, pk[-PK_EXTERNAL], pk[-PK_SURNAME], pk[-PK_NAME],
						 pk[-PK_PATRONYMIC], birth);
		}
		if (!why && id <= 0) {
			char *who = xasprintf("%s %s %s %s", pk[-PK_EXTERNAL] ? pk[-PK_EXTERNAL] : "",
					      pk[-PK_SURNAME] ? pk[-PK_SURNAME] : "", pk[-PK_NAME] ? pk[-PK_NAME] : "",
					      pk[-PK_PATRONYMIC] ? pk[-PK_PATRONYMIC] : "");
			problem(r, row->line, "Педагог", who, id < 0
				? "подходит несколько педагогов: укажите табельный номер или дату рождения"
				: "педагог не найден в реестре");
			free(who);
			ok = false;
		} else if (id > 0) {
			char idbuf[24];
			snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
			record_set(rec, model_field_index(d, d->parent_col), idbuf);
		}
		free(birth);
	}
	return ok;
}

/* A diagnostic's level is the one its percent gives by the configured
 * thresholds (model_deficit_level, the one rule): taken from it when the
 * file has none, refused when it says another; its organisation is the
 * teacher's when the file names none. */
static bool diagnostic_rules(struct store *s, const struct config *cfg, const struct csv_row *row,
			     struct record *rec, struct import_report *r)
{
	const struct table_desc *d = &model_diagnostic;
	int pi = model_field_index(d, "pct_overall"), li = model_field_index(d, "level");
	int oi = model_field_index(d, "org_id"), ri = model_field_index(d, "person_id");

	if (rec->v[pi]) {
		const char *level = model_deficit_level(cfg, atoi(rec->v[pi]));
		if (rec->v[li] && strcmp(rec->v[li], level) != 0) {
			char *why = xasprintf("при %s %% уровень по порогам — «%s»", rec->v[pi],
					      model_enum_label(diag_levels, level));
			problem(r, row->line, d->fields[li].label, model_enum_label(diag_levels, rec->v[li]), why);
			free(why);
			return false;
		}
		record_set(rec, li, level);
	}
	if (rec->v[oi] == NULL && rec->v[ri]) {
		struct person_place place;
		char buf[24];
		if (store_person_place(s, strtoll(rec->v[ri], NULL, 10), 0, &place) == ST_OK && place.org_id) {
			snprintf(buf, sizeof buf, "%lld", (long long)place.org_id);
			record_set(rec, oi, buf);
		}
	}
	return true;
}

static bool same_value(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Write one checked row: a new record, or the changed fields of the one
 * its key names. The store's save path audits and uses a savepoint. */
static int write_row(struct store *s, const struct actor *a, enum import_what w, const int *map,
		     int ncols, const struct csv_row *row, struct record *rec, int64_t **seen, int *nseen,
		     struct import_report *r)
{
	const struct table_desc *d = whats[w].t;
	int64_t id = store_import_find(s, d, rec);
	struct record cur;
	bool changed = false;
	int rc;

	if (id < 0) {
		problem(r, row->line, NULL, NULL, "ключ строки подходит к нескольким записям реестра:"
			" укажите табельный номер или исправьте дубли в реестре");
		return ST_CONSTRAINT;
	}
	for (int i = 0; i < *nseen; i++)
		if (id > 0 && (*seen)[i] == id) {
			problem(r, row->line, NULL, NULL, "повторяет запись из строки выше (тот же ключ)");
			return ST_CONSTRAINT;
		}
	if (id == 0) {
		rc = store_insert(s, a, d, rec);
		if (rc == ST_OK) {
			r->added++;
			id = rec->id;
		}
	} else if ((rc = store_get(s, d, NULL, id, &cur)) == ST_OK) {
		/* Columns of the file replace; the others stay as stored. */
		for (int i = 0; i < d->nfields; i++) {
			bool in_file = d->parent_col && strcmp(d->fields[i].col, d->parent_col) == 0;
			for (int k = 0; k < ncols; k++)
				in_file |= map[k] == i;
			if (!in_file)
				record_set(rec, i, cur.v[i]);
			else if (!same_value(rec->v[i], cur.v[i]))
				changed = true;
		}
		rec->id = cur.id;
		rec->version = cur.version;
		record_free(&cur);
		rc = changed ? store_update(s, a, d, rec, NULL) : ST_OK;
		if (rc == ST_OK && changed)
			r->updated++;
		else if (rc == ST_OK)
			r->unchanged++;
	}
	if (rc != ST_OK)
		problem(r, row->line, NULL, NULL, store_errmsg(s));
	else {
		*seen = xrealloc(*seen, (size_t)(*nseen + 1) * sizeof **seen);
		(*seen)[(*nseen)++] = id;
	}
	return rc;
}

int import_run(struct store *s, const struct config *cfg, const struct actor *a, enum import_what w,
	       const struct csv_table *t, const struct import_opts *o, struct import_report *r)
{
	return import_run_progress(s, cfg, a, w, t, o, NULL, r);
}

int import_run_progress(struct store *s, const struct config *cfg, const struct actor *a,
			enum import_what w, const struct csv_table *t, const struct import_opts *o,
			struct progress *p, struct import_report *r)
{
	int *map = xcalloc((size_t)(t->ncols ? t->ncols : 1), sizeof *map);
	int64_t *seen = NULL;
	int nseen = 0, bad = 0;

	memset(r, 0, sizeof *r);
	r->rows = t->nrows;
	if (!read_header(w, t, map, r)) {
		free(map);
		return 0;
	}
	r->header_ok = true;
	progress_step(p, "прочитано", t->nrows, 0);
	if (store_begin(s) != ST_OK) {
		free(map);
		return -1;
	}
	for (int i = 0; i < t->nrows; i++) {
		struct record rec;
		int before = r->np;
		/* Each row is checked and written (a check rolls back at the
		 * end): the count is of rows done. */
		if (!progress_step(p, o->dry_run ? "проверено" : "записано", i, t->nrows)) {
			r->stopped = true;
			break;
		}
		record_init(&rec, whats[w].t);
		if (!read_row(s, cfg, w, t, map, &t->rows[i], &rec, r) ||
		    (w == IMPORT_DIAGNOSTICS && !diagnostic_rules(s, cfg, &t->rows[i], &rec, r)) ||
		    write_row(s, a, w, map, t->ncols, &t->rows[i], &rec, &seen, &nseen, r) != ST_OK) {
			bad++;
			if (r->np == before)
				problem(r, t->rows[i].line, NULL, NULL, "строка не записана");
		}
		record_free(&rec);
	}
	if (r->stopped || o->dry_run || (bad > 0 && !o->skip_bad)) {
		store_rollback(s);
	} else if (store_commit(s) != ST_OK) {
		free(map);
		free(seen);
		return -1;
	} else {
		r->written = r->added + r->updated > 0;
	}
	r->bad = bad;
	free(map);
	free(seen);
	return 0;
}

void import_report_print(const struct import_report *r, const struct import_opts *o, FILE *out)
{
	if (!r->header_ok) {
		fprintf(out, "Заголовки не распознаны: строки не читались, ничего не записано.\n");
	} else if (r->stopped) {
		fprintf(out, o->dry_run ? "Проверка прервана, ничего не записано.\n"
			: "Импорт прерван, ничего не записано.\n");
	} else if (o->dry_run) {
		fprintf(out, "Строк с данными: %d. Будет добавлено %d, изменено %d, без изменений %d;"
			" с ошибками %d.\nЭто была проверка: ничего не записано.\n", r->rows, r->added,
			r->updated, r->unchanged, r->bad);
	} else if (r->bad > 0 && !o->skip_bad) {
		fprintf(out, "Строк с данными: %d, из них с ошибками %d. Ничего не записано: исправьте"
			" ошибки (или запустите с --skip-bad, чтобы записать остальные строки).\n",
			r->rows, r->bad);
	} else {
		fprintf(out, "Строк с данными: %d. Добавлено %d, изменено %d, без изменений %d", r->rows,
			r->added, r->updated, r->unchanged);
		if (o->skip_bad)
			fprintf(out, ", пропущено с ошибками %d", r->bad);
		fprintf(out, ".\n");
	}
	for (int i = 0; i < r->np; i++) {
		const struct import_problem *p = &r->p[i];
		if (p->line > 0)
			fprintf(out, "строка %d", p->line);
		if (p->column)
			fprintf(out, "%s«%s»", p->line > 0 ? ", " : "", p->column);
		if (p->value)
			fprintf(out, " = «%s»", p->value);
		fprintf(out, ": %s\n", p->what);
	}
}

void import_report_free(struct import_report *r)
{
	for (int i = 0; i < r->np; i++) {
		free(r->p[i].column);
		free(r->p[i].value);
		free(r->p[i].what);
	}
	free(r->p);
	memset(r, 0, sizeof *r);
}
