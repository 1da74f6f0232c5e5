/* See import.h. */
#include "config.h"
#include "import.h"
#include "model.h"
#include "progress.h"
#include "text.h"
#include "util.h"
#include "store/diag.h"
#include "store/elements.h"
#include "store/import.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The second pass holds the write lock a batch at a time, about import_batch_ms,
 * then lets go of it for YIELD_US: longer than the longest sleep of a
 * waiting save's busy handler (10 ms, store/db.c), so every save that
 * waits gets in between two batches. */
#define YIELD_US 20000
int import_batch_ms = 100;
/* The import itself waits for others' saves up to this long. */
#define LOCK_WAIT_MS 60000
/* Rows of the first pass per read transaction. */
#define READ_ROWS 1000
/* Problems kept for the report; the rest are counted. */
#define MAX_PROBLEMS 1000

/* Columns that name the person a row is about (courses, diagnostics). */
enum { UNMAPPED = -100, PK_EXTERNAL = -1, PK_SURNAME = -2, PK_NAME = -3, PK_PATRONYMIC = -4,
       PK_BIRTH = -5,
       /* and for results by element, the diagnostic and the block */
       PK_DIAG_DATE = -6, PK_FORM = -7, PK_BLOCK = -8, PK__N = 9 };
static const struct { int id; const char *label; } person_cols[] = {
	{ PK_EXTERNAL, "Табельный номер" }, { PK_SURNAME, "Фамилия" }, { PK_NAME, "Имя" },
	{ PK_PATRONYMIC, "Отчество" }, { PK_BIRTH, "Дата рождения" },
};
/* Columns of results by element that name the diagnostic (with the
 * teacher) and the element's block (checked against the codifier). */
static const struct { int id; const char *label; } element_cols[] = {
	{ PK_DIAG_DATE, "Дата диагностики" }, { PK_FORM, "Форма" }, { PK_BLOCK, "Блок" },
};
/* Their form of the diagnostic: the diagnostics' choices, and their
 * synonyms in import_words («Форма диагностики | …»). */
static const struct field_desc element_form = { "form", "Форма диагностики", F_ENUM, true, 0, 0, diag_forms, NULL };

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
	[IMPORT_ELEMENTS] = { "elements", "Результаты по оцениваемым элементам", &model_diagnostic_element, true },
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
	{ "Форма", "Форма диагностики" },
	{ "Блок", "Блок компетенций" },
	{ "Код элемента", "Элемент" },
	{ "Код элемента", "Код дефицита" },
	{ "Максимальный балл", "Макс. балл" },
	{ "Балл", "Набранный балл" },
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
	for (size_t k = 0; w == IMPORT_ELEMENTS && k < NITEMS(element_cols); k++)
		if (same_header(cell, element_cols[k].label) || is_alias(cell, element_cols[k].label))
			return element_cols[k].id;
	return UNMAPPED;
}

/* Map the header; every problem is a row-1 problem. False when rows
 * cannot be read. */
static bool read_header(enum import_what w, const struct csv_table *t, int *map, struct import_report *r)
{
	const struct table_desc *d = whats[w].t;
	int line = t->header_line ? t->header_line : 1;
	bool ok = true, seen_pk[PK__N] = { false };

	for (int k = 0; k < t->ncols; k++) {
		const char *h = t->header[k];
		map[k] = UNMAPPED;
		if (h[strspn(h, " \t")] == '\0')
			continue;   /* an empty header: its cells must be empty too */
		map[k] = map_header(w, h);
		if (map[k] == UNMAPPED) {
			problem(r, line, h, NULL, "неизвестный столбец (заголовки — см. пример в conf/import/)");
			ok = false;
			continue;
		}
		for (int j = 0; j < k; j++)
			if (map[j] == map[k]) {
				problem(r, line, h, NULL, "столбец повторяется");
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
			problem(r, line, d->fields[i].label, NULL, "нет обязательного столбца");
			ok = false;
		}
	}
	if (whats[w].by_person && !seen_pk[-PK_EXTERNAL] && !(seen_pk[-PK_SURNAME] && seen_pk[-PK_NAME])) {
		problem(r, line, NULL, NULL, "нет столбцов, называющих педагога: «Табельный номер» или "
			"«Фамилия», «Имя» (и «Отчество», «Дата рождения»)");
		ok = false;
	}
	for (size_t k = 0; w == IMPORT_ELEMENTS && k < NITEMS(element_cols); k++)
		if (element_cols[k].id != PK_BLOCK && !seen_pk[-element_cols[k].id]) {
			problem(r, line, element_cols[k].label, NULL, "нет обязательного столбца");
			ok = false;
		}
	return ok;
}

/* Whether s (after the date) is a time of day: [ T]Ч:ММ[:СС[.ддд]]. */
static bool is_time(const char *s)
{
	if (*s != ' ' && *s != 'T')
		return false;
	s++;
	if (!isdigit((unsigned char)s[0]))
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && *s != ':' && *s != '.')
			return false;
	return true;
}

/* A whole number as spreadsheets write it: «72%», «64,5», «64.5» (one
 * decimal or more, rounded half up to the whole number the field keeps:
 * «64,5» → 65, «64,45» → 64). False when cell is not such a number. */
static bool as_whole(const char *cell, char buf[16])
{
	const char *c = cell + strspn(cell, " "), *frac = NULL;
	bool neg = *c == '-', up = false;
	int n = 0;

	c += neg;
	if (!isdigit((unsigned char)*c))
		return false;
	for (; isdigit((unsigned char)*c); c++) {
		if (n > 100000000)
			return false;
		n = n * 10 + (*c - '0');
	}
	if (*c == ',' || *c == '.') {
		frac = ++c;
		if (!isdigit((unsigned char)*c))
			return false;
		while (isdigit((unsigned char)*c))
			c++;
	}
	c += strspn(c, " ");
	if (*c == '%')
		c++;
	if (c[strspn(c, " ")] != '\0' || (frac == NULL && strchr(cell, '%') == NULL))
		return false;
	/* Half up: .5 and more rounds a positive number up; a negative one goes
	 * down only past .5. */
	if (frac && !neg)
		up = *frac >= '5';
	else if (frac && neg)
		up = *frac > '5' || (*frac == '5' && frac[1 + strspn(frac + 1, "0")] >= '1' &&
				     isdigit((unsigned char)frac[1 + strspn(frac + 1, "0")]));
	n += up;
	snprintf(buf, 16, "%s%d", neg && n ? "-" : "", n);
	return true;
}

/* Spreadsheets write dates as ДД.ММ.ГГГГ, exports often as ГГГГ-ММ-ДД,
 * and either with a time of day after (Excel's and LibreOffice's
 * date-times): all are turned into the first for the one date rule. Whole
 * numbers may come with «%» and a decimal comma (as_whole). */
static const char *as_typed(const struct field_desc *f, const char *cell, char buf[16])
{
	if (f->type == F_DATE && strlen(cell) >= 10 && cell[4] == '-' && cell[7] == '-' &&
	    (cell[10] == '\0' || is_time(cell + 10))) {
		snprintf(buf, 16, "%.2s.%.2s.%.4s", cell + 8, cell + 5, cell);
		return buf;
	}
	if (f->type == F_DATE && strlen(cell) > 10 && cell[2] == '.' && cell[5] == '.' && is_time(cell + 10)) {
		snprintf(buf, 16, "%.10s", cell);
		return buf;
	}
	if (f->type == F_INT && as_whole(cell, buf))
		return buf;
	return cell;
}

/* Synonyms of official wordings (config import_words): «Заголовок |
 * как пишут = официальная формулировка», compared folded (text_fold). */
struct word {
	const struct field_desc *f;
	char *said;               /* folded */
	const char *official;     /* the label in f->opts */
};

struct words {
	struct word *w;
	int n;
};

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static void words_free(struct words *ws)
{
	for (int i = 0; i < ws->n; i++)
		free(ws->w[i].said);
	free(ws->w);
	memset(ws, 0, sizeof *ws);
}

/* Load the synonyms for what w imports; a file that is not there gives
 * none. 0, or -1 with the file's line in err. */
static int words_load(const char *path, enum import_what w, struct words *ws, char *err, size_t errsz)
{
	const struct table_desc *d = whats[w].t;
	FILE *f;
	char line[512];
	int no = 0, rc = 0;

	memset(ws, 0, sizeof *ws);
	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		char *bar = strchr(line, '|'), *eq = bar ? strchr(bar, '=') : NULL, *label, *said, *official;
		const struct field_desc *fd = NULL;
		const struct enum_opt *o = NULL;
		no++;
		if (line[strspn(line, " \t\r\n")] == '#' || line[strspn(line, " \t\r\n")] == '\0')
			continue;
		if (bar == NULL || eq == NULL) {
			snprintf(err, errsz, "%s, строка %d: нужно «Заголовок | как пишут = официальная формулировка»",
				 path, no);
			rc = -1;
			break;
		}
		label = trimmed(line, (size_t)(bar - line));
		said = trimmed(bar + 1, (size_t)(eq - bar - 1));
		official = trimmed(eq + 1, strcspn(eq + 1, "\n"));
		/* A column of another kind of table is no error: its line serves
		 * that table's import. */
		for (int i = 0; i < d->nfields && !fd; i++)
			if (d->fields[i].type == F_ENUM && same_header(label, d->fields[i].label))
				fd = &d->fields[i];
		if (!fd && w == IMPORT_ELEMENTS && same_header(label, element_form.label))
			fd = &element_form;
		for (o = fd ? fd->opts : NULL; o && o->code && !same_header(official, o->label); o++)
			;
		if (fd && (o == NULL || o->code == NULL)) {
			snprintf(err, errsz, "%s, строка %d: «%s» — не официальная формулировка столбца «%s»", path,
				 no, official, label);
			rc = -1;
		} else if (fd && *said) {
			ws->w = xrealloc(ws->w, (size_t)(ws->n + 1) * sizeof *ws->w);
			ws->w[ws->n++] = (struct word){ fd, text_fold(said), o->label };
		}
		free(label);
		free(said);
		free(official);
	}
	fclose(f);
	if (rc != 0)
		words_free(ws);
	return rc;
}

/* The official wording a synonym stands for, or cell. */
static const char *official_word(const struct words *ws, const struct field_desc *f, const char *cell)
{
	const char *found = cell;
	char *k;

	if (ws == NULL || ws->n == 0 || f->type != F_ENUM)
		return cell;
	k = text_fold(cell);
	for (int i = 0; i < ws->n; i++)
		if (ws->w[i].f == f && strcmp(ws->w[i].said, k) == 0) {
			found = ws->w[i].official;
			break;
		}
	free(k);
	return found;
}

/* What a column of choices accepts, for the message: its official
 * wordings (the codes are accepted too). */
static char *enum_accepts(const struct field_desc *f)
{
	size_t cap = 256, len;
	char *m = xmalloc(cap);

	len = (size_t)snprintf(m, cap, "нет такого значения; допустимо:");
	for (const struct enum_opt *o = f->opts; o && o->code; o++) {
		size_t need = strlen(o->label) + 8;
		if (len + need >= cap) {
			cap = 2 * (len + need);
			m = xrealloc(m, cap);
		}
		len += (size_t)snprintf(m + len, cap - len, "%s «%s»", o == f->opts ? "" : ",", o->label);
	}
	return m;
}

/* The record of one row, checked cell by cell; false with problems. */
static bool read_row(struct store *s, const struct config *cfg, enum import_what w,
		     const struct csv_table *t, const int *map, const struct csv_row *row,
		     struct record *rec, struct import_report *r, const struct words *ws, const char **pk)
{
	const struct table_desc *d = whats[w].t;
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
		} else if ((why = model_check(cfg, &d->fields[i],
					      as_typed(&d->fields[i], official_word(ws, &d->fields[i], cell), buf),
					      &out)) != NULL) {
			char *accepts = d->fields[i].type == F_ENUM ? enum_accepts(&d->fields[i]) : NULL;
			problem(r, row->line, t->header[k], cell, accepts ? accepts : why);
			free(accepts);
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

/* A row of results by element: the diagnostic it is of is the teacher's
 * (read_row put the teacher where the diagnostic goes) on the date, in
 * the form the row names; the block, when given, is the element's own in
 * the codifier; the score is at most the maximum; the percent is derived. */
static bool element_rules(struct store *s, const struct config *cfg, const struct csv_row *row,
			  const char **pk, struct record *rec, struct import_report *r, const struct words *ws)
{
	const struct table_desc *d = &model_diagnostic_element;
	static const struct field_desc date = { "diag_date", "Дата диагностики", F_DATE, true, 0, 0, NULL, NULL };
	const struct field_desc *form = &element_form;
	int di = model_field_index(d, "diagnostic_id"), ci = model_field_index(d, "deficit_code_id");
	const char *mx = rec->v[model_field_index(d, "max_score")], *sc = rec->v[model_field_index(d, "score")];
	char *iso = NULL, *code = NULL, buf[16];
	const char *why;
	bool ok = true;
	int64_t id;

	if ((why = model_check(cfg, &date, pk[-PK_DIAG_DATE] ? as_typed(&date, pk[-PK_DIAG_DATE], buf) : "", &iso))
	    != NULL || iso == NULL) {
		problem(r, row->line, date.label, pk[-PK_DIAG_DATE] ? pk[-PK_DIAG_DATE] : "",
			why ? why : "обязательное значение не заполнено");
		ok = false;
	}
	if ((why = model_check(cfg, form, pk[-PK_FORM] ? official_word(ws, form, pk[-PK_FORM]) : "", &code)) != NULL ||
	    code == NULL) {
		char *accepts = enum_accepts(form);
		problem(r, row->line, "Форма", pk[-PK_FORM] ? pk[-PK_FORM] : "", accepts);
		free(accepts);
		ok = false;
	}
	if (ok && rec->v[di]) {
		id = store_element_diagnostic(s, strtoll(rec->v[di], NULL, 10), iso, code);
		if (id <= 0) {
			char *what = xasprintf("%s %s", pk[-PK_DIAG_DATE], pk[-PK_FORM]);
			problem(r, row->line, "Диагностика", what, id < 0
				? "у педагога несколько диагностик этой формы в этот день"
				: "у педагога нет диагностики этой формы в этот день: сначала загрузите её («Диагностики»)");
			free(what);
			ok = false;
		} else {
			char idbuf[24];
			snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
			record_set(rec, di, idbuf);
		}
	}
	if (ok && rec->v[ci] && pk[-PK_BLOCK] && pk[-PK_BLOCK][strspn(pk[-PK_BLOCK], " \t")] != '\0') {
		char *block = NULL;
		if (!store_element_block_is(s, strtoll(rec->v[ci], NULL, 10), pk[-PK_BLOCK], &block)) {
			char *what = xasprintf("элемент относится к блоку «%s»", block ? block : "?");
			problem(r, row->line, "Блок", pk[-PK_BLOCK], what);
			free(what);
			ok = false;
		}
		free(block);
	}
	if (ok && mx && sc && atoi(sc) > atoi(mx)) {
		char *what = xasprintf("балл больше максимального (%s)", mx);
		problem(r, row->line, d->fields[model_field_index(d, "score")].label, sc, what);
		free(what);
		ok = false;
	}
	if (ok)
		element_derive(rec);
	free(iso);
	free(code);
	return ok;
}

static bool same_value(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* The file's columns over the stored record cur: rec takes cur's values
 * for the columns the file has not, and its id and version. Whether any
 * column of the file changes the record. */
static bool merge(const struct table_desc *d, const int *map, int ncols, struct record *rec,
		  const struct record *cur)
{
	bool changed = false;

	for (int i = 0; i < d->nfields; i++) {
		bool in_file = d->parent_col && strcmp(d->fields[i].col, d->parent_col) == 0;
		for (int k = 0; k < ncols; k++)
			in_file |= map[k] == i;
		if (!in_file)
			record_set(rec, i, cur->v[i]);
		else if (!same_value(rec->v[i], cur->v[i]))
			changed = true;
	}
	if (d == &model_diagnostic_element)
		element_derive(rec);   /* the percent from the score and maximum in the file */
	rec->id = cur->id;
	rec->version = cur->version;
	return changed;
}

/* A record kept in the scratch tables: id, version, then each value as a
 * flag (NULL or not), its length and its bytes. */
static void *encode(const struct record *rec, size_t *n)
{
	size_t size = 16;
	unsigned char *b, *o;

	for (int i = 0; i < rec->n; i++)
		size += 5 + (rec->v[i] ? strlen(rec->v[i]) : 0);
	b = o = xmalloc(size);
	memcpy(o, &rec->id, 8);
	memcpy(o + 8, &rec->version, 8);
	o += 16;
	for (int i = 0; i < rec->n; i++) {
		uint32_t len = rec->v[i] ? (uint32_t)strlen(rec->v[i]) : 0;
		*o++ = rec->v[i] != NULL;
		memcpy(o, &len, 4);
		o += 4;
		if (len)
			memcpy(o, rec->v[i], len);
		o += len;
	}
	*n = size;
	return b;
}

static bool decode(const struct table_desc *d, const void *blob, size_t n, struct record *rec)
{
	const unsigned char *b = blob, *end = b + n;

	record_init(rec, d);
	if (blob == NULL || n < 16)
		return false;
	memcpy(&rec->id, b, 8);
	memcpy(&rec->version, b + 8, 8);
	b += 16;
	for (int i = 0; i < d->nfields; i++) {
		uint32_t len;
		if (end - b < 5)
			return false;
		bool set = *b++;
		memcpy(&len, b, 4);
		b += 4;
		if ((size_t)(end - b) < len)
			return false;
		if (set) {
			rec->v[i] = xmalloc(len + 1);
			memcpy(rec->v[i], b, len);
			rec->v[i][len] = '\0';
		}
		b += len;
	}
	return true;
}

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* --- the process that writes (an import's run) ------------------------ */

/* The start time of process pid in clock ticks since boot (/proc/PID/stat's
 * 22nd field); false when there is no such process, or it is a zombie. */
static bool proc_start(long pid, char out[24])
{
	char path[64], buf[1024], *p;
	FILE *f;
	size_t n;
	int field = 2;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command's name may hold spaces and parentheses: fields count
	 * from the last ')'. */
	if ((p = strrchr(buf, ')')) == NULL)
		return false;
	for (p++; *p; ) {
		char *tok;
		size_t len;
		p += strspn(p, " ");
		tok = p;
		len = strcspn(p, " ");
		p += len;
		field++;
		if (field == 3 && len == 1 && (*tok == 'Z' || *tok == 'X'))
			return false;
		if (field == 22) {
			snprintf(out, 24, "%.*s", (int)(len < 23 ? len : 23), tok);
			return true;
		}
	}
	return false;
}

static void boot_id(char out[40])
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	out[0] = '\0';
	if (f) {
		if (fgets(out, 40, f) == NULL)
			out[0] = '\0';
		out[strcspn(out, "\n")] = '\0';
		fclose(f);
	}
}

static void owner_self(struct import_owner *o)
{
	memset(o, 0, sizeof *o);
	o->pid = (long)getpid();
	if (!proc_start(o->pid, o->pstart))
		strlcpy0(o->pstart, "?", sizeof o->pstart);
	boot_id(o->boot);
}

/* Whether the process that owns a run still runs: the same boot, the pid
 * alive and started when the run's owner did (not a pid reused since). */
static bool owner_alive(const struct import_owner *o)
{
	char boot[40], start[24];

	boot_id(boot);
	if (strcmp(boot, o->boot) != 0)
		return false;
	if (o->pid <= 0 || (kill((pid_t)o->pid, 0) != 0 && errno == ESRCH))
		return false;
	if (strcmp(o->pstart, "?") == 0)
		return true;   /* no /proc to tell: alive while the pid is */
	return proc_start(o->pid, start) && strcmp(start, o->pstart) == 0;
}

/* Where the rows come from: a table in memory, or a file a piece at a time. */
struct source {
	struct csv_table *t;          /* the header, and the rows in hand */
	struct csvin_stream *st;      /* NULL: t holds every row */
	int i;                        /* the next row of t */
	long total;                   /* data rows in all */
	char err[600];
	bool failed;
};

static const struct csv_row *next_row(struct source *src)
{
	int rc;

	if (src->i < src->t->nrows)
		return &src->t->rows[src->i++];
	if (src->st == NULL || src->failed)
		return NULL;
	if ((rc = csvin_more(src->st, src->t, src->err, sizeof src->err)) < 0)
		src->failed = true;
	src->i = 0;
	return rc > 0 ? &src->t->rows[src->i++] : NULL;
}

/* What the passes share. */
struct job {
	struct store *s;
	const struct config *cfg;
	const struct actor *a;
	enum import_what w;
	const struct table_desc *d;
	const struct csv_table *t;
	const int *map;
	const struct import_opts *o;
	struct progress *p;
	struct import_report *r;
	const struct words *words;   /* synonyms of official wordings */
};

/* The first pass over one row: read and checked as a form checks it, the
 * record it names found, a second row about the same record refused; the
 * rows that change something are kept for the second pass. */
static void check_row(struct job *j, const struct csv_row *row)
{
	struct import_report *r = j->r;
	struct record rec, cur;
	const char *pk[PK__N] = { NULL };
	int before = r->np + r->more, earlier;
	bool ok;
	int64_t id = 0;

	record_init(&rec, j->d);
	ok = read_row(j->s, j->cfg, j->w, j->t, j->map, row, &rec, r, j->words, pk) &&
	     (j->w != IMPORT_DIAGNOSTICS || diagnostic_rules(j->s, j->cfg, row, &rec, r)) &&
	     (j->w != IMPORT_ELEMENTS || element_rules(j->s, j->cfg, row, pk, &rec, r, j->words));
	if (ok && (id = store_import_find(j->s, j->d, &rec)) < 0) {
		problem(r, row->line, NULL, NULL, "ключ строки подходит к нескольким записям реестра:"
			" укажите табельный номер или исправьте дубли в реестре");
		ok = false;
	}
	if (ok && (earlier = store_import_key_seen(j->s, j->d, &rec, id, row->line)) > 0) {
		char *why = xasprintf("повторяет запись из строки %d (тот же ключ)", earlier);
		problem(r, row->line, NULL, NULL, why);
		free(why);
		ok = false;
	}
	if (ok && id == 0) {
		/* A code taken by an archived record is refused by the save. */
		int ci = model_field_index(j->d, "code");
		char *taken = ci >= 0 ? store_code_taken(j->s, j->d, 0, rec.v[ci]) : NULL;
		if (taken) {
			problem(r, row->line, j->d->fields[ci].label, rec.v[ci], taken);
			free(taken);
			ok = false;
		}
	}
	if (ok) {
		/* Kept as read: the merge is made again when the row is
		 * written, over the record as it is then. */
		size_t n;
		void *b = encode(&rec, &n);
		bool write = true;
		if (id == 0) {
			r->added++;
		} else if (store_get(j->s, j->d, NULL, id, &cur) != ST_OK) {
			problem(r, row->line, NULL, NULL, store_errmsg(j->s));
			ok = write = false;
		} else {
			write = merge(j->d, j->map, j->t->ncols, &rec, &cur);
			if (write)
				r->updated++;
			else
				r->unchanged++;
			record_free(&cur);
		}
		if (write && !j->o->dry_run && store_import_stage_put(j->s, row->line, b, n) != ST_OK) {
			problem(r, row->line, NULL, NULL, store_errmsg(j->s));
			if (id == 0)
				r->added--;
			else
				r->updated--;
			ok = false;
		}
		free(b);
	}
	if (!ok) {
		r->bad++;
		if (r->np + r->more == before)
			problem(r, row->line, NULL, NULL, "строка не записана");
	}
	record_free(&rec);
}

/* Counts of one batch, added to the report when it is committed. */
struct tally {
	int added, updated, unchanged;
};

/* The second pass over one kept row, inside a batch: the record its key
 * names now (someone may have added it since the check), then a new
 * record or the file's columns over the stored one, through the one save
 * path (audited); what was done is kept for taking it back. */
static int write_row(struct job *j, int64_t seq, struct record *rec, struct tally *n, char *why, size_t whysz)
{
	struct store *s = j->s;
	int64_t id = store_import_find(s, j->d, rec);
	struct record cur;
	int rc;

	if (id < 0) {
		snprintf(why, whysz, "ключ строки подходит к нескольким записям реестра (их добавили во время импорта)");
		return ST_CONSTRAINT;
	}
	if (id == 0) {
		if ((rc = store_insert(s, j->a, j->d, rec)) == ST_OK &&
		    (rc = store_import_done_put(s, seq, rec->id, rec->version, true, NULL, 0)) == ST_OK)
			n->added++;
	} else if ((rc = store_get(s, j->d, NULL, id, &cur)) == ST_OK) {
		if (!merge(j->d, j->map, j->t->ncols, rec, &cur)) {
			n->unchanged++;
		} else if ((rc = store_update(s, j->a, j->d, rec, NULL)) == ST_OK) {
			size_t sz;
			void *pre = encode(&cur, &sz);
			if ((rc = store_import_done_put(s, seq, rec->id, rec->version, false, pre, sz)) == ST_OK)
				n->updated++;
			free(pre);
		}
		record_free(&cur);
	}
	if (rc != ST_OK)
		snprintf(why, whysz, "%s", store_errmsg(s));
	return rc;
}

/* Take back what the second pass wrote, newest first, in batches as short
 * as its own: a record added is deleted, a record updated gets its values
 * back, each audited. A record someone changed since is left as it is and
 * said. */
static int undo(struct job *j)
{
	struct import_report *r = j->r;
	int64_t before = INT64_MAX, seq, id, version;
	long total = (long)store_import_done_count(j->s), done = 0;
	bool more = total > 0;

	if (!more)
		store_import_run_state(j->s, "undone");

	while (more) {
		int64_t start = now_ms();
		if (store_import_batch_begin(j->s, LOCK_WAIT_MS) != ST_OK) {
			problem(r, 0, NULL, NULL, store_errmsg(j->s));
			r->kept += (int)(total - done);
			return -1;
		}
		while (more) {
			bool added;
			void *pre;
			size_t n;
			int rc, line;
			if (!(more = store_import_done_prev(j->s, before, &seq, &line, &id, &version, &added, &pre, &n)))
				break;
			before = seq;
			if (added) {
				rc = store_import_undo_add(j->s, j->a, j->d, id, version);
			} else {
				struct record prev;
				decode(j->d, pre, n, &prev);
				prev.id = id;
				prev.version = version;
				rc = store_update(j->s, j->a, j->d, &prev, NULL);
				record_free(&prev);
			}
			free(pre);
			done++;
			/* Taken back or left as someone changed it: either way
			 * it is no longer the run's to take back. */
			if (store_import_done_drop(j->s, seq) != ST_OK) {
				store_import_batch_rollback(j->s);
				problem(r, 0, NULL, NULL, store_errmsg(j->s));
				r->kept += (int)(total - done + 1);
				return -1;
			}
			if (rc == ST_OK) {
				r->undone++;
			} else {
				r->kept++;
				problem(r, line, NULL, NULL, rc == ST_CONFLICT
					? "записанное из этой строки успел изменить другой пользователь — оставлено"
					: "к записанному из этой строки уже привязаны другие записи — оставлено");
			}
			if (now_ms() - start >= import_batch_ms)
				break;
		}
		if (!more && store_import_run_state(j->s, "undone") != ST_OK) {
			store_import_batch_rollback(j->s);
			problem(r, 0, NULL, NULL, store_errmsg(j->s));
			return -1;
		}
		if (store_import_batch_commit(j->s) != ST_OK) {
			problem(r, 0, NULL, NULL, store_errmsg(j->s));
			return -1;
		}
		progress_step(j->p, "отменено", done, total);
		if (more)
			usleep(YIELD_US);
	}
	return 0;
}

/* The second pass: the kept rows written in batches of about import_batch_ms,
 * the lock let go between them. A row that fails undoes its batch: with
 * skip_bad it is left out and the batch written again, else everything
 * written is taken back. */
static int write_all(struct job *j, long total)
{
	struct import_report *r = j->r;
	int64_t seq = 0;
	long done = 0;
	bool more = true, failed = false;

	r->added = r->updated = 0;
	{
		/* The run is kept in the database before its first batch: if
		 * this process dies between two batches, the next one to look
		 * takes back what they wrote (import_recover). */
		struct import_owner me;
		owner_self(&me);
		if (store_import_run_begin(j->s, whats[j->w].name, j->a, &me) != ST_OK) {
			problem(r, 0, NULL, NULL, store_errmsg(j->s));
			r->failed = true;
			return 0;
		}
	}
	while (more) {
		struct tally n = { 0, 0, 0 };
		int64_t start, first = seq, next;
		long done0 = done;
		int line = 0, rc = ST_OK;
		char why[600] = "";

		if (store_import_batch_begin(j->s, LOCK_WAIT_MS) != ST_OK) {
			problem(r, 0, NULL, NULL, store_errmsg(j->s));
			failed = true;
			break;
		}
		start = now_ms();
		for (;;) {
			struct record rec;
			void *vals;
			size_t sz;
			if (!(more = store_import_stage_next(j->s, seq, &next, &line, &vals, &sz)))
				break;
			decode(j->d, vals, sz, &rec);
			free(vals);
			rc = write_row(j, next, &rec, &n, why, sizeof why);
			record_free(&rec);
			if (rc != ST_OK)
				break;
			seq = next;
			done++;
			if (now_ms() - start >= import_batch_ms)
				break;
		}
		/* The last batch ends the run in its own transaction: from its
		 * commit on, the import is whole and nothing takes it back. */
		if (rc == ST_OK && !more && store_import_run_state(j->s, "done") != ST_OK) {
			store_import_batch_rollback(j->s);
			problem(r, 0, NULL, NULL, store_errmsg(j->s));
			failed = true;
			break;
		}
		if (rc != ST_OK) {
			store_import_batch_rollback(j->s);
			problem(r, line, NULL, NULL, why);
			r->bad++;
			if (!j->o->skip_bad) {
				failed = true;
				break;
			}
			/* Written again without the row. */
			store_import_stage_drop(j->s, next);
			seq = first;
			done = done0;
			more = true;
			continue;
		}
		if (store_import_batch_commit(j->s) != ST_OK) {
			problem(r, 0, NULL, NULL, store_errmsg(j->s));
			failed = true;
			break;
		}
		r->added += n.added;
		r->updated += n.updated;
		r->unchanged += n.unchanged;
		/* Asked to stop after the last batch, it is done anyway. */
		if (more && !progress_step(j->p, "записано", done, total)) {
			r->stopped = true;
			break;
		}
		if (more)
			usleep(YIELD_US);
	}
	if (failed || r->stopped) {
		r->failed = failed;
		/* The watcher is told how the taking back goes ("отменено"). */
		if (j->p)
			j->p->stop = false;
		undo(j);
		r->written = r->kept > 0;
		r->added = r->updated = 0;
	} else {
		r->written = r->added + r->updated > 0;
	}
	/* What the run kept goes now, by the one who made it so large. */
	store_import_run_close(j->s, -1);
	return 0;
}

/* Whether a row names the columns: two of its cells, or all of its
 * non-blank ones, are known headers. */
static bool names_columns(enum import_what w, char **cells, int n)
{
	int known = 0, filled = 0;

	for (int k = 0; k < n; k++) {
		if (cells[k][strspn(cells[k], " \t")] == '\0')
			continue;
		filled++;
		known += map_header(w, cells[k]) != UNMAPPED;
	}
	return known >= 2 || (known > 0 && known == filled);
}

/* The header is the first of the first 10 rows that names the columns: a
 * title, a date or merged cells above it are skipped (and not counted as
 * rows). When none does, the first row stays, and read_header says what
 * is wrong with it. */
#define HEADER_ROWS 10
static void find_header(enum import_what w, struct source *src)
{
	struct csv_table *t = src->t;
	const struct csv_row *row;
	long skipped = 0;

	if (names_columns(w, t->header, t->ncols))
		return;
	while ((row = next_row(src)) != NULL && row->line <= HEADER_ROWS) {
		struct csv_row *h = (struct csv_row *)row;
		skipped++;
		if (!names_columns(w, h->cells, h->n))
			continue;
		for (int k = 0; k < t->ncols; k++)
			free(t->header[k]);
		free(t->header);
		t->header = h->cells;
		t->ncols = h->n;
		t->header_line = h->line;
		h->cells = NULL;
		h->n = 0;
		src->total -= skipped;
		return;
	}
}

/* Both passes over the rows of src. */
static int run(struct store *s, const struct config *cfg, const struct actor *a, enum import_what w,
	       struct source *src, const struct import_opts *o, struct progress *p, struct import_report *r)
{
	const struct csv_table *t = src->t;
	int *map;
	struct job j;
	struct words words;
	const struct csv_row *row;
	long i = 0, staged;
	int rc = 0;

	strlcpy0(r->encoding, t->encoding, sizeof r->encoding);
	r->delim = t->delim;
	if (words_load(cfg->import_words, w, &words, src->err, sizeof src->err) != 0) {
		problem(r, 0, NULL, NULL, src->err);
		r->unreadable = true;
		r->header_ok = true;   /* the report says the reason below, not the headers */
		return 0;
	}
	find_header(w, src);
	map = xcalloc((size_t)(t->ncols ? t->ncols : 1), sizeof *map);
	j = (struct job){ s, cfg, a, w, whats[w].t, t, map, o, p, r, &words };
	r->rows = (int)src->total;
	if (!read_header(w, t, map, r)) {
		free(map);
		words_free(&words);
		return 0;
	}
	r->header_ok = true;
	progress_step(p, "прочитано", src->total, 0);
	if (store_import_stage_reset(s) != ST_OK || store_import_read_begin(s) != ST_OK) {
		free(map);
		words_free(&words);
		return -1;
	}
	/* The first pass: nothing of the register is locked. */
	while ((row = next_row(src)) != NULL) {
		if (!progress_step(p, "проверено", i, src->total)) {
			r->stopped = true;
			break;
		}
		if (++i % READ_ROWS == 0 && (store_import_read_end(s) != ST_OK || store_import_read_begin(s) != ST_OK)) {
			rc = -1;
			break;
		}
		check_row(&j, row);
	}
	store_import_read_end(s);
	if (src->failed) {
		problem(r, 0, NULL, NULL, src->err);
		r->unreadable = true;
	}
	staged = r->added + r->updated;
	if (rc == 0 && !r->stopped && !o->dry_run && !r->unreadable && (r->bad == 0 || o->skip_bad) && staged > 0)
		rc = write_all(&j, staged);
	if (o->dry_run || r->unreadable || (r->bad > 0 && !o->skip_bad))
		r->written = false;
	store_import_stage_reset(s);
	free(map);
	words_free(&words);
	return rc;
}

/* Runs left unfinished by a process that is gone (killed while it wrote,
 * or the server lost power): each is taken over by one process and
 * everything its batches wrote is taken back, in batches as short as the
 * import's, journalled as a's. */
int import_recover(struct store *s, const struct actor *a, int *undone, int *kept)
{
	struct import_owner me, was;
	int64_t id, after = 0;
	char *kind;
	int rc = 0;

	*undone = *kept = 0;
	me.pid = 0;
	while (store_import_run_next(s, after, &id, &kind, &was)) {
		enum import_what w;
		after = id;
		if (me.pid == 0)
			owner_self(&me);
		if (owner_alive(&was) || import_what_parse(kind, &w) != 0 ||
		    store_import_run_claim(s, id, &was, &me) != ST_OK) {
			free(kind);
			continue;
		}
		free(kind);
		if (store_import_stage_reset(s) != ST_OK) {
			rc = -1;
			break;
		}
		{
			struct import_opts o = { 0 };
			struct import_report r;
			struct job j = { 0 };
			memset(&r, 0, sizeof r);
			j.s = s;
			j.a = a;
			j.w = w;
			j.d = whats[w].t;
			j.o = &o;
			j.r = &r;
			if (undo(&j) != 0)
				rc = -1;   /* stopped short: the next one goes on */
			*undone += r.undone;
			*kept += r.kept;
			import_report_free(&r);
		}
		store_import_run_close(s, 0);
	}
	/* Left over by an importer that died after its last batch: a little
	 * at each open. */
	store_import_run_close(s, 200);
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
	struct source src;

	memset(r, 0, sizeof *r);
	memset(&src, 0, sizeof src);
	src.t = (struct csv_table *)t;
	src.total = t->nrows;
	return run(s, cfg, a, w, &src, o, p, r);
}

int import_file(struct store *s, const struct config *cfg, const struct actor *a, enum import_what w,
		const char *path, enum csv_encoding enc, char delim, const struct import_opts *o,
		struct progress *p, struct import_report *r, char *err, size_t errsz)
{
	struct csv_table t;
	struct source src;
	int rc;

	memset(r, 0, sizeof *r);
	memset(&src, 0, sizeof src);
	if ((src.st = csvin_open(path, enc, delim, &t, err, errsz)) == NULL)
		return -2;
	src.t = &t;
	src.i = t.nrows;   /* the rows read with the header come from csvin_more */
	src.total = csvin_rows(src.st);
	rc = run(s, cfg, a, w, &src, o, p, r);
	csvin_close(src.st, &t);
	return rc;
}

const char *import_format_text(const struct import_report *r, char *buf, size_t n)
{
	if (strcmp(r->encoding, "xlsx") == 0)
		snprintf(buf, n, "книга Excel (.xlsx), первый лист");
	else
		snprintf(buf, n, "кодировка %s, разделитель «%s»", r->encoding,
			 r->delim == '\t' ? "табуляция" : r->delim == ';' ? ";" : ",");
	return buf;
}

void import_report_print(const struct import_report *r, const struct import_opts *o, FILE *out)
{
	if (!r->header_ok) {
		fprintf(out, "Заголовки не распознаны: строки не читались, ничего не записано.\n");
	} else if (r->unreadable) {
		fprintf(out, "Файл не прочитан до конца (причина ниже): ничего не записано.\n");
	} else if (r->stopped) {
		fprintf(out, o->dry_run ? "Проверка прервана, ничего не записано.\n"
			: "Импорт прерван, ничего не записано.\n");
	} else if (r->failed) {
		fprintf(out, "Импорт не завершён (причина ниже): ничего не записано.\n");
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
	if (r->undone > 0)
		fprintf(out, "Уже записанные строки (%d) отменены: реестр как до импорта; в журнале изменений"
			" видны и запись, и отмена.\n", r->undone);
	if (r->kept > 0)
		fprintf(out, "Не отменено строк: %d — их успели изменить другие пользователи (см. ниже).\n", r->kept);
	for (int i = 0; i < r->np; i++) {
		const struct import_problem *p = &r->p[i];
		if (p->line > 0)
			fprintf(out, "строка %d", p->line);
		if (p->column)
			fprintf(out, "%s«%s»", p->line > 0 ? ", " : "", p->column);
		if (p->value)
			fprintf(out, " = «%s»", p->value);
		fprintf(out, "%s%s\n", p->line > 0 || p->column ? ": " : "", p->what);
	}
	if (r->more > 0)
		fprintf(out, "…и ещё замечаний: %d (исправьте показанные и проверьте файл снова).\n", r->more);
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
