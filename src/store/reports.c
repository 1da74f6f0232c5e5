/* See store/reports.h. One builder per report; each reads with bound
 * parameters (:y the year, :y0 / :y1 its first and last day, :rid / :mid /
 * :oid the scope) inside one read transaction, so the figures of a report
 * agree with each other. */
#include "errtext.h"
#include "store/reports.h"
#include "store/indicators.h"
#include "store_int.h"
#include "../analytics.h"    /* src/analytics.h: the small-group rule */
#include "../indicators.h"   /* src/indicators.h: units, marks, the formula registry */
#include "../figures.h"      /* src/figures.h: the figures of persons every viewer gets */
#include "../route.h"        /* src/route.h: card statuses and models */
#include "config.h"
#include "date.h"
#include "model.h"
#include "util.h"

#include <math.h>   /* isfinite (a macro: no libm needed) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct report_def reports[] = {
	{ "courses", "Таблица 3. Курсовая подготовка по формам и продолжительности" },
	{ "contests", "Таблица 4. Конкурсы профессионального мастерства" },
	{ "mentors", "Таблица 7. Курсовая подготовка по программам наставничества" },
	{ "city_mo", "Таблица 8. Городские педагогические объединения" },
	{ "staff_moves", "Таблица 9. Принятые и уволенные педагогические работники" },
	{ "staff", "Таблица 10. Численность педагогических работников" },
	{ "needs", "К таблице 10. Потребность в кадрах" },
	{ "events", "Таблица 11. Научно-методические мероприятия" },
	{ "routes", "Таблица 12. Индивидуальные программы развития (ИОМ, ИППР)" },
	{ "indicators", "Целевые показатели: значение, цель, отметка" },
};

const struct report_def *report_list(int *n)
{
	*n = (int)NITEMS(reports);
	return reports;
}

const struct report_def *report_find(const char *name)
{
	for (size_t i = 0; name && i < NITEMS(reports); i++)
		if (strcmp(reports[i].name, name) == 0)
			return &reports[i];
	return NULL;
}

/* --- the table ------------------------------------------------------------ */

struct ctx {
	struct store *s;
	const struct config *cfg;
	int year;
	const char *kind;        /* "region" | "mun" | "org" */
	int64_t id;
	int64_t rid, mid, oid;   /* the scope as bound: 0 = any */
	int64_t mun_of_scope;    /* the municipality of a "mun" or "org" scope, 0 for none */
	char y0[16], y1[16];
};

static void col(struct report_table *t, const char *group, const char *header, enum report_col k)
{
	if (t->ncols >= REPORT_MAX_COLS)
		fatal("report %s: too many columns", t->name);
	t->groups[t->ncols] = group;
	t->headers[t->ncols] = header;
	t->kinds[t->ncols] = k;
	t->ncols++;
}

static struct report_row *add_row(struct report_table *t)
{
	struct report_row *r;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xrealloc(t->rows, (size_t)t->cap * sizeof *t->rows);
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	for (int i = 0; i < REPORT_MAX_COLS; i++)
		r->c[i].state = RV_BLANK;
	return r;
}

static void set_int(struct report_row *r, int c, long v)
{
	r->c[c].state = RV_VALUE;
	r->c[c].v = v;
}

static void set_text(struct report_row *r, int c, const char *text)
{
	free(r->c[c].text);
	r->c[c].text = xstrdup(text ? text : "");
	r->c[c].state = RV_VALUE;
}

static void set_state(struct report_row *r, int c, enum report_state st)
{
	r->c[c].state = (unsigned char)st;
}

/* Nearest whole number, without libm. */
static long round_long(double v)
{
	return v >= 0 ? (long)(v + 0.5) : -(long)(-v + 0.5);
}

/* A share in hundredths, rounded to one decimal: 1/3 → 3330 (33,3 %). */
static long share(long num, long den)
{
	return den > 0 ? (1000 * num + den / 2) / den * 10 : 0;
}

/* A share of persons: the figure, «—» with no group, withheld for a small one. */
static void set_share(struct ctx *c, struct report_table *t, struct report_row *r, int col_i,
		      long num, long den)
{
	if (den <= 0) {
		set_state(r, col_i, RV_NONE);
	} else if (analytics_withheld(c->cfg, (int)den)) {
		set_state(r, col_i, RV_WITHHELD);
		t->withheld++;
	} else {
		r->c[col_i].state = RV_VALUE;
		r->c[col_i].v = share(num, den);
	}
}

static void vnote(struct report_table *t, const char *fmt, va_list ap)
{
	if (t->nnotes < (int)NITEMS(t->notes))
		t->notes[t->nnotes++] = xvasprintf(fmt, ap);
}

static void note(struct report_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct report_table *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(t, fmt, ap);
	va_end(ap);
}

/* For tables built elsewhere (store/reports.h). */
void report_add_col(struct report_table *t, const char *group, const char *header, enum report_col k)
{
	col(t, group, header, k);
}

struct report_row *report_add_row(struct report_table *t)
{
	return add_row(t);
}

void report_set_text(struct report_row *r, int c, const char *text)
{
	set_text(r, c, text);
}

void report_add_note(struct report_table *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(t, fmt, ap);
	va_end(ap);
}

const struct report_cell *report_cell_at(const struct report_table *t, int r, int c)
{
	if (r < 0 || r >= t->nrows || c < 0 || c >= t->ncols)
		return NULL;
	return &t->rows[r].c[c];
}

int report_find_row(const struct report_table *t, int c, const char *text)
{
	for (int r = 0; c >= 0 && c < t->ncols && r < t->nrows; r++)
		if (t->rows[r].c[c].state == RV_VALUE && t->rows[r].c[c].text &&
		    strcmp(t->rows[r].c[c].text, text) == 0)
			return r;
	return -1;
}

void report_table_free(struct report_table *t)
{
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < REPORT_MAX_COLS; c++)
			free(t->rows[r].c[c].text);
	free(t->rows);
	free(t->caption);
	for (int i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	memset(t, 0, sizeof *t);
}

/* --- reading ----------------------------------------------------------------- */

/* Organisation o in the scope. */
#define ORG_IN_SCOPE \
	"(:rid = 0 OR o.region_id = :rid) AND (:mid = 0 OR o.mun_id = :mid) AND (:oid = 0 OR o.id = :oid)"

/* Pedagogical workers p (STORE_PED_WORKER) of the scope's organisations o. */
#define PERSONS \
	" FROM person p JOIN organisation o ON o.id = p.org_id WHERE " STORE_PED_WORKER " AND " ORG_IN_SCOPE

/* A participation pa of an active person p, counted for the organisation
 * that sent him (else his own), of kind :pkind in the year. */
#define PARTICIPATION \
	" FROM participation pa JOIN person p ON p.id = pa.person_id" \
	" JOIN organisation o ON o.id = coalesce(pa.org_id, p.org_id)" \
	" LEFT JOIN event e ON e.id = pa.event_id" \
	" WHERE pa.archived = 0 AND " STORE_PED_WORKER " AND pa.kind = :pkind AND pa.year = :y AND " ORG_IN_SCOPE

/* Levels from the lowest, as the forms list them. */
#define LEVEL_ORDER(x) \
	"CASE " x " WHEN 'school' THEN 1 WHEN 'municipal' THEN 2 WHEN 'regional' THEN 3" \
	" WHEN 'federal' THEN 4 WHEN 'international' THEN 5 ELSE 6 END"

/* An ИОМ / ИППР card i of person p in force during the year, as
 * store/indicators.c counts it for the iom_share indicator. */
#define CARD_IN_YEAR \
	"i.person_id = p.id AND i.status <> 'cancelled'" \
	" AND coalesce(i.start_date, i.approved_date, i.developed_date, substr(i.created_at, 1, 10)) <= :y1" \
	" AND coalesce(i.completed_date, i.end_date, '9999-12-31') >= :y0"

/* A mentoring pair mp running during the year, with its organisation (its
 * own, else the mentee's), as store/indicators.c counts them. */
#define PAIR_IN_YEAR \
	"mp.archived = 0 AND mp.state <> 'planned' AND mp.start_date <= :y1" \
	" AND (mp.end_date IS NULL OR mp.end_date >= :y0)"
#define PAIR_ORG "coalesce(mp.org_id, (SELECT org_id FROM person WHERE id = mp.mentee_id))"

static sqlite3_stmt *prepare(struct ctx *c, const char *sql)
{
	sqlite3_stmt *st = store_prepare(c->s, sql);

	store_bind_named_int(st, ":y", c->year);
	store_bind_named_text(st, ":y0", c->y0);
	store_bind_named_text(st, ":y1", c->y1);
	store_bind_named_int(st, ":rid", c->rid);
	store_bind_named_int(st, ":mid", c->mid);
	store_bind_named_int(st, ":oid", c->oid);
	store_bind_named_int(st, ":mun", c->mun_of_scope);
	return st;
}

/* 1 for a row, 0 at the end, -1 on an error (the store's message set). */
static int step(struct ctx *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	store_set_error(c->s, errtext_db(store_db(c->s)));
	sqlite3_reset(st);
	return -1;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

/* The first n numbers of a query of one row (zeros when it has none). */
static int row_longs(struct ctx *c, const char *sql, long *v, int n)
{
	sqlite3_stmt *st = prepare(c, sql);
	int rc = step(c, st);

	for (int i = 0; i < n; i++)
		v[i] = rc > 0 ? (long)sqlite3_column_int64(st, i) : 0;
	if (rc < 0)
		return ST_ERROR;
	if (rc > 0)
		sqlite3_reset(st);
	return ST_OK;
}

/* Any formula over all active persons: they share one decision on it. */
#define PERSONS_FORMULA "course_year"

/* A figure of persons that is also a monitoring figure (src/figures.h):
 * shown as the rule across the region decided it, or «скрыто» — the same
 * figure reads the same in every report and on the monitoring screen. */
static int decided(struct ctx *c, const char *formula, struct indicator_figure *f)
{
	if (indicator_figure_get(c->s, c->cfg, formula, c->year, c->kind, c->id, f) != ST_OK)
		return ST_ERROR;
	return ST_OK;
}

static void set_decided(struct report_table *t, struct report_row *r, int col_i, bool shown, long v)
{
	if (shown) {
		set_int(r, col_i, v);
	} else {
		set_state(r, col_i, RV_SUPPRESSED);
		t->withheld++;
		t->suppressed++;
	}
}

/* The active persons of the scope: the denominator every formula over all
 * persons shares, as decided (src/figures.h). */
static int staff_total(struct ctx *c, struct indicator_figure *staff)
{
	return decided(c, PERSONS_FORMULA, staff);
}

static const char *label(const char *const map[][2], const char *code, const char *none)
{
	for (int i = 0; map[i][0]; i++)
		if (strcmp(map[i][0], code) == 0)
			return map[i][1];
	return code[0] ? code : none;
}

static const char *const level_labels[][2] = {
	{ "school", "уровень ОО" }, { "municipal", "муниципальный" }, { "regional", "региональный" },
	{ "federal", "федеральный" }, { "international", "международный" }, { NULL, NULL }
};
/* Results and roles in the words the screens use (model.c): one wording
 * per role, the seed's («докладчик»). */
static const char *enum_label(const struct enum_opt *opts, const char *code, const char *none)
{
	return code[0] ? model_enum_label(opts, code) : none;
}

static const char STAFF_ALL[] = "Кол-во педагогических работников всего (без внешних совместителей)";

/* --- Таблица 3: courses -------------------------------------------------------- */

/* The form's three lines in its words (seed 003), then a line of our own
 * beneath them for retraining of 500 hours or less, which the form has no
 * line for: nothing is misfiled under «свыше 500 часов», nothing lost. */
static const char *const course_buckets[] = {
	"Профессиональная переподготовка на базе высшего образования (по программе свыше 500 часов)",
	"Краткосрочные курсы повышения квалификации (в объеме до 72 часов)",
	"Длительные курсы повышения квалификации (в объеме свыше 72 часов)",
	"Профессиональная переподготовка (по программе 500 часов и менее)",
};
enum { NBUCKETS = (int)NITEMS(course_buckets) };

/* The line of a course c: retraining by its hours (over 500 / 500 and
 * less), a course or internship of advanced training by its hours (up to
 * 72 inclusive / over 72). */
#define COURSE_BUCKET \
	"CASE WHEN c.form = 'retraining' THEN CASE WHEN c.hours > 500 THEN 0 ELSE 3 END" \
	" WHEN c.hours <= 72 THEN 1 ELSE 2 END"

/* The year's courses of the scope's workers by line, form of study and
 * provider. Region-wide (from) the courses are read in their stored order:
 * a year's courses lie on nearly every page of the table, which is larger
 * than the wide page cache, and fetched in the order of the end_date
 * index its pages were read again and again (issue 18). */
#define COURSE_LINES(from) \
	"SELECT " COURSE_BUCKET " AS b, coalesce(c.study_mode, '') AS m," \
	" trim(coalesce(c.provider, '')) AS prov, count(DISTINCT c.person_id), count(*)" \
	" FROM course c" from "JOIN person p ON p.id = c.person_id JOIN organisation o ON o.id = p.org_id" \
	" WHERE c.archived = 0 AND " STORE_PED_WORKER " AND c.end_date BETWEEN :y0 AND :y1 AND " ORG_IN_SCOPE \
	" GROUP BY b, m, prov" \
	" ORDER BY b, CASE m WHEN 'full_time' THEN 0 WHEN 'mixed' THEN 1 WHEN 'extramural' THEN 2" \
	" WHEN 'distance' THEN 3 ELSE 4 END, prov = '', fold(prov), prov"

static int build_courses(struct ctx *c, struct report_table *t)
{
	sqlite3_stmt *st;
	int rc, next = 0;
	long courses = 0;
	struct indicator_figure persons;

	t->sheet = "Таблица 3";
	t->title = "Таблица 3. Курсовая подготовка педагогических работников по формам обучения и "
		   "продолжительности";
	col(t, NULL, "Форма повышения квалификации", RCOL_TEXT);
	col(t, NULL, "Форма обучения", RCOL_TEXT);
	col(t, NULL, "Количество работников, прошедших повышение квалификации", RCOL_INT);
	col(t, NULL, "На базе какого учреждения было организовано повышение квалификации", RCOL_TEXT);
	col(t, NULL, "Количество курсов (программ), завершённых в году", RCOL_INT);
	/* Rows by the form's lines, then form of study (in the list's order,
	 * the unknown last) and provider. */
	st = prepare(c, c->mid == 0 && c->oid == 0 ? COURSE_LINES(" NOT INDEXED ") : COURSE_LINES(" "));
	while ((rc = step(c, st)) >= 0) {
		int b = rc > 0 ? sqlite3_column_int(st, 0) : NBUCKETS;
		struct report_row *r;
		const char *mode;

		/* A line of the form with no course still appears, with zeros. */
		for (; next < b && next < NBUCKETS; next++) {
			r = add_row(t);
			set_text(r, 0, course_buckets[next]);
			set_state(r, 1, RV_NONE);
			set_int(r, 2, 0);
			set_state(r, 3, RV_NONE);
			set_int(r, 4, 0);
		}
		if (rc == 0)
			break;
		if (b < 0 || b >= NBUCKETS)
			continue;
		next = b + 1;
		mode = col_text(st, 1);
		r = add_row(t);
		set_text(r, 0, course_buckets[b]);
		set_text(r, 1, mode[0] ? model_enum_label(model_study_modes, mode) : "не указана");
		set_int(r, 2, (long)sqlite3_column_int64(st, 3));
		set_text(r, 3, col_text(st, 2)[0] ? col_text(st, 2) : "не указано");
		set_int(r, 4, (long)sqlite3_column_int64(st, 4));
		courses += (long)sqlite3_column_int64(st, 4);
	}
	if (rc < 0)
		return ST_ERROR;
	/* The persons with a course: the numerator of УИ-3 (course_year). */
	if ((rc = decided(c, "course_year", &persons)) != ST_OK)
		return rc;
	{
		struct report_row *r = add_row(t);
		r->total = true;
		set_text(r, 0, "Всего");
		set_decided(t, r, 2, persons.num_shown, persons.num);
		set_int(r, 4, courses);
	}
	note(t, "Курсы, завершённые в %d году. Переподготовка свыше 500 часов — в первой строке, "
	     "500 часов и менее — в последней; курсы и стажировки повышения квалификации — по объёму: "
	     "до 72 часов включительно и свыше 72 часов. Форма обучения — очная, очно-заочная, заочная "
	     "или с применением дистанционных технологий («не указана», если в записи о курсе её нет). "
	     "Работник, прошедший несколько курсов, в строке «Всего» считается один раз.", c->year);
	return ST_OK;
}

/* --- Таблицы 4 и 11: contests and scientific-methodological events ---------------- */

static int build_participation(struct ctx *c, struct report_table *t, bool contests)
{
	sqlite3_stmt *st;
	struct indicator_figure staff;
	long all;
	int rc, first;
	const char *pkind = contests ? "contest" : "scimethod";

	if (contests) {
		t->sheet = "Таблица 4";
		t->title = "Таблица 4. Участие педагогических работников в конкурсах профессионального "
			   "мастерства";
		col(t, NULL, STAFF_ALL, RCOL_INT);
		col(t, NULL, "Наименование конкурса профессионального мастерства", RCOL_TEXT);
		col(t, NULL, "Уровень (муниципальный, региональный федеральный, международный)", RCOL_TEXT);
		col(t, NULL, "Результат участия (победитель, призер, лауреат, участник)", RCOL_TEXT);
		col(t, NULL, "Кол-во человек приняло участие", RCOL_INT);
	} else {
		t->sheet = "Таблица 11";
		t->title = "Таблица 11. Участие педагогических работников научно-методических мероприятиях";
		col(t, NULL, STAFF_ALL, RCOL_INT);
		col(t, NULL, "Наименование мероприятия", RCOL_TEXT);
		col(t, NULL, "Уровень (муниципальный, региональный, федеральный, международный)", RCOL_TEXT);
		col(t, NULL, "Роль участника (докладчик, эксперт, организатор)", RCOL_TEXT);
		col(t, NULL, "Кол-во человек приняло участие", RCOL_INT);
	}
	if ((rc = staff_total(c, &staff)) != ST_OK)
		return rc;
	st = prepare(c, contests
		? "SELECT coalesce(pa.level, e.level, '') AS lvl,"
		  " coalesce(nullif(trim(pa.title), ''), e.title, '') AS ttl,"
		  " coalesce(pa.result, 'participant') AS res, count(DISTINCT pa.person_id)" PARTICIPATION
		  " GROUP BY lvl, ttl, res ORDER BY " LEVEL_ORDER("lvl") ", fold(ttl), ttl,"
		  " CASE res WHEN 'winner' THEN 1 WHEN 'prize' THEN 2 WHEN 'laureate' THEN 3 ELSE 4 END"
		: "SELECT coalesce(pa.level, e.level, '') AS lvl,"
		  " coalesce(nullif(trim(pa.title), ''), e.title, '') AS ttl,"
		  " coalesce(pa.role, 'participant') AS rl, count(DISTINCT pa.person_id)" PARTICIPATION
		  " GROUP BY lvl, ttl, rl ORDER BY " LEVEL_ORDER("lvl") ", fold(ttl), ttl,"
		  " CASE rl WHEN 'speaker' THEN 1 WHEN 'expert' THEN 2 WHEN 'organiser' THEN 3"
		  " WHEN 'head' THEN 4 WHEN 'coordinator' THEN 5 ELSE 6 END");
	store_bind_named_text(st, ":pkind", pkind);
	first = 1;
	while ((rc = step(c, st)) > 0) {
		struct report_row *r = add_row(t);
		if (first)
			set_decided(t, r, 0, staff.den_shown, staff.den);
		first = 0;
		set_text(r, 1, col_text(st, 1)[0] ? col_text(st, 1) : "без наименования");
		set_text(r, 2, label(level_labels, col_text(st, 0), "не указан"));
		set_text(r, 3, enum_label(contests ? model_contest_results : model_participation_roles,
					  col_text(st, 2), "участник"));
		set_int(r, 4, (long)sqlite3_column_int64(st, 3));
	}
	if (rc < 0)
		return ST_ERROR;
	st = prepare(c, "SELECT count(DISTINCT pa.person_id)" PARTICIPATION);
	store_bind_named_text(st, ":pkind", pkind);
	if ((rc = step(c, st)) < 0)
		return ST_ERROR;
	all = rc > 0 ? (long)sqlite3_column_int64(st, 0) : 0;
	if (rc > 0)
		sqlite3_reset(st);
	{
		struct report_row *r = add_row(t);
		r->total = true;
		if (first)
			set_decided(t, r, 0, staff.den_shown, staff.den);
		set_text(r, 1, contests ? "Всего участников конкурсов" : "Всего участников мероприятий");
		set_int(r, 4, all);
	}
	note(t, "Участие в %d году, по организации, направившей педагога. Педагог, участвовавший "
	     "в нескольких %s, в итоговой строке считается один раз.", c->year,
	     contests ? "конкурсах" : "мероприятиях");
	return ST_OK;
}

/* --- Таблица 7: mentors' training --------------------------------------------- */

static int build_mentors(struct ctx *c, struct report_table *t)
{
	static const char *const courses = "Из них прошли курсы повышения квалификации";
	static const char *const other = "Из них прошли иную подготовку (семинары, тренинги и пр.)";
	sqlite3_stmt *st;
	struct report_row *r;
	int rc;

	t->sheet = "Таблица 7";
	t->title = "Таблица 7. Курсовая подготовка по программам наставничества";
	col(t, NULL, "Количество педагогических работников, занимающихся наставничеством", RCOL_INT);
	col(t, NULL, "привлеченных наставников (общественные организации, иные ведомства)", RCOL_INT);
	col(t, courses, "В регионе", RCOL_INT);
	col(t, courses, "В других субъектах РФ", RCOL_INT);
	col(t, other, "В регионе", RCOL_INT);
	col(t, other, "В других субъектах РФ", RCOL_INT);
	col(t, NULL, "Нуждаются в ПК", RCOL_INT);
#define TRAINED(cond) \
	"coalesce(sum(EXISTS (SELECT 1 FROM mentor_training mt WHERE mt.person_id = m.pid" \
	" AND mt.archived = 0 AND mt.year = :y AND " cond ")), 0)"
	st = prepare(c,
		"WITH m AS (SELECT mp.mentor_id AS pid, max(mp.mentor_attracted) AS attracted"
		"  FROM mentoring_pair mp JOIN person p ON p.id = mp.mentor_id"
		"  JOIN organisation o ON o.id = " PAIR_ORG
		"  WHERE " PAIR_IN_YEAR " AND p.archived = 0 AND " ORG_IN_SCOPE " GROUP BY mp.mentor_id)"
		" SELECT count(*), coalesce(sum(attracted), 0),"
		" " TRAINED("mt.kind = 'course' AND mt.place = 'region'") ","
		" " TRAINED("mt.kind = 'course' AND mt.place = 'elsewhere'") ","
		" " TRAINED("mt.kind = 'other' AND mt.place = 'region'") ","
		" " TRAINED("mt.kind = 'other' AND mt.place = 'elsewhere'") ","
		" " TRAINED("mt.need_course = 1")
		" FROM m");
#undef TRAINED
	if ((rc = step(c, st)) < 0)
		return ST_ERROR;
	r = add_row(t);
	for (int i = 0; i < 7; i++)
		set_int(r, i, rc > 0 ? (long)sqlite3_column_int64(st, i) : 0);
	if (rc > 0)
		sqlite3_reset(st);
	note(t, "Наставники пар наставничества, действовавших в %d году (по организации пары, иначе "
	     "наставляемого); подготовка и потребность в ПК — по сведениям о подготовке наставников "
	     "за тот же год.", c->year);
	return ST_OK;
}

/* --- Таблица 8: city methodological associations ------------------------------- */

static int build_city_mo(struct ctx *c, struct report_table *t)
{
	sqlite3_stmt *st;
	struct indicator_figure staff;
	long all;
	int rc, first = 1;

	t->sheet = "Таблица 8";
	t->title = "Таблица 8. Участие педагогических работников в городских педагогических объединениях";
	col(t, NULL, STAFF_ALL, RCOL_INT);
	col(t, NULL, "Наименование городского педагогического объединения", RCOL_TEXT);
	col(t, NULL, "Кол-во педагогических работников, входящих в объединение", RCOL_INT);
	col(t, NULL, "Роль участник (участник, координатор, руководитель)", RCOL_TEXT);
	if ((rc = staff_total(c, &staff)) != ST_OK)
		return rc;
	/* Every association of the scope's municipality (all of them for the
	 * region), and any other one the scope's teachers belong to. */
	st = prepare(c,
		"WITH part AS (SELECT pa.city_mo_id AS mo, coalesce(pa.role, 'participant') AS rl,"
		"   count(DISTINCT pa.person_id) AS n" PARTICIPATION " GROUP BY mo, rl),"
		" mos AS (SELECT id FROM city_mo WHERE archived = 0"
		"   AND (:mun = 0 OR mun_id IS NULL OR mun_id = :mun)"
		"   AND (:rid = 0 OR mun_id IS NULL OR (SELECT region_id FROM municipality WHERE id = mun_id) = :rid)"
		"   UNION SELECT mo FROM part)"
		" SELECT cm.name, coalesce(part.rl, ''), coalesce(part.n, 0)"
		" FROM mos JOIN city_mo cm ON cm.id = mos.id LEFT JOIN part ON part.mo = cm.id"
		" ORDER BY cm.sort, fold(cm.name), cm.id,"
		" CASE part.rl WHEN 'participant' THEN 1 WHEN 'coordinator' THEN 2 ELSE 3 END");
	store_bind_named_text(st, ":pkind", "city_mo");
	while ((rc = step(c, st)) > 0) {
		struct report_row *r = add_row(t);
		if (first)
			set_decided(t, r, 0, staff.den_shown, staff.den);
		first = 0;
		set_text(r, 1, col_text(st, 0));
		set_int(r, 2, (long)sqlite3_column_int64(st, 2));
		if (col_text(st, 1)[0])
			set_text(r, 3, enum_label(model_participation_roles, col_text(st, 1), "участник"));
		else
			set_state(r, 3, RV_NONE);
	}
	if (rc < 0)
		return ST_ERROR;
	st = prepare(c, "SELECT count(DISTINCT pa.person_id)" PARTICIPATION);
	store_bind_named_text(st, ":pkind", "city_mo");
	if ((rc = step(c, st)) < 0)
		return ST_ERROR;
	all = rc > 0 ? (long)sqlite3_column_int64(st, 0) : 0;
	if (rc > 0)
		sqlite3_reset(st);
	{
		struct report_row *r = add_row(t);
		r->total = true;
		if (first)
			set_decided(t, r, 0, staff.den_shown, staff.den);
		set_text(r, 1, "Всего входят в объединения");
		set_int(r, 2, all);
	}
	note(t, "Состав объединений в %d году; педагог, входящий в несколько объединений, в итоговой "
	     "строке считается один раз.", c->year);
	return ST_OK;
}

/* --- Таблица 9: hiring and leaving ---------------------------------------------- */

static int build_staff_moves(struct ctx *c, struct report_table *t)
{
	static const char *const kinds[2][2] = {
		{ "hired", "Принято педагогических работников (за отчетный период)" },
		{ "left", "Уволено педагогических работников (за отчетный период)" },
	};
	int rc;

	t->sheet = "Таблица 9";
	t->title = "Таблица 9. Выявление кадровых потребностей в муниципальных образовательных "
		   "учреждениях";
	col(t, NULL, "Принято / уволено", RCOL_TEXT);
	col(t, NULL, "№ пп", RCOL_INT);
	col(t, NULL, "Фамилия", RCOL_TEXT);
	col(t, NULL, "Имя", RCOL_TEXT);
	col(t, NULL, "Отчество", RCOL_TEXT);
	col(t, NULL, "дата рождения", RCOL_TEXT);
	col(t, NULL, "должность", RCOL_TEXT);
	t->label_cols = 1;
	/* The named lists of the seed: the name as the movement records it,
	 * else the linked person's. */
	for (int k = 0; k < 2; k++) {
		sqlite3_stmt *st = prepare(c,
			"SELECT coalesce(nullif(trim(m.surname), ''), q.surname, ''),"
			" coalesce(nullif(trim(m.name), ''), q.name, ''),"
			" coalesce(nullif(trim(m.patronymic), ''), q.patronymic, ''),"
			" coalesce(m.birth_date, q.birth_date, ''), trim(coalesce(m.position, q.position, ''))"
			" FROM staff_movement m JOIN organisation o ON o.id = m.org_id"
			" LEFT JOIN person q ON q.id = m.person_id"
			" WHERE m.year = :y AND m.kind = :kind AND m.archived = 0 AND " ORG_IN_SCOPE
			" ORDER BY m.quarter, coalesce(m.move_date, ''), fold(coalesce(nullif(trim(m.surname), ''),"
			" q.surname, '')), m.id");
		struct report_row *r;
		long n = 0;

		store_bind_named_text(st, ":kind", kinds[k][0]);
		while ((rc = step(c, st)) > 0) {
			char born[11];

			r = add_row(t);
			set_text(r, 0, kinds[k][1]);
			set_int(r, 1, ++n);
			for (int i = 0; i < 3; i++)
				if (col_text(st, i)[0])
					set_text(r, 2 + i, col_text(st, i));
				else
					set_state(r, 2 + i, RV_NONE);
			date_format_ru(col_text(st, 3), born);
			if (born[0])
				set_text(r, 5, born);
			else
				set_state(r, 5, RV_NONE);
			set_text(r, 6, col_text(st, 4)[0] ? col_text(st, 4) : "не указана");
		}
		if (rc < 0)
			return ST_ERROR;
		r = add_row(t);
		r->total = true;
		set_text(r, 0, kinds[k][1]);
		set_int(r, 1, n);
		set_text(r, 2, "всего");
	}
	note(t, "Поимённые списки принятых и уволенных в %d году по сведениям организаций о движении "
	     "кадров, по кварталам и датам.", c->year);
	return ST_OK;
}

/* --- Таблица 10: staff numbers; staffing needs ------------------------------------ */

/* How many of the scope's organisations (not authorities nor the institute)
 * reported in a table for the year, of how many. */
#define COVERAGE(table) \
	"SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM " table " x WHERE x.org_id = o.id" \
	" AND x.year = :y AND x.archived = 0)), 0) FROM organisation o WHERE o.archived = 0" \
	" AND o.kind NOT IN ('authority', 'institute') AND " ORG_IN_SCOPE

static int org_coverage(struct ctx *c, const char *sql, long *reported, long *orgs)
{
	long v[2];
	int rc = row_longs(c, sql, v, 2);

	*orgs = v[0];
	*reported = v[1];
	return rc;
}

/* A pedagogical worker's line of Table 10 by his position: a leader (the
 * register's «руководитель» mark), else a teacher («учитель», «учитель
 * математики», not «учитель-логопед»), an educator (any «воспитатель»:
 * «старший воспитатель» too), or another pedagogical worker. */
#define STAFF_POSITION \
	"CASE WHEN p.is_manager = 1 THEN 'leader'" \
	" WHEN fold(coalesce(p.position, '')) = 'учитель' OR fold(coalesce(p.position, '')) GLOB 'учитель *'" \
	" THEN 'teacher' WHEN fold(coalesce(p.position, '')) GLOB '*воспитатель*' THEN 'educator'" \
	" ELSE 'other' END"
/* Younger than 30 on the year's last day. */
#define UNDER30 "(p.birth_date > date(:y1, '-30 years'))"
/* The same lines read from a group g of workers of one position (pos):
 * the position folded once per distinct text, not once per worker (a
 * region repeats a few hundred); g.m of them leaders, g.y of the others
 * under 30, g.n in all. Grouped by the position alone, not by the leader
 * mark and the side of 30 as well: the sort of every worker's key is most
 * of the cost (issue 18). */
#define STAFF_NOT_LEADER_OF_GROUP \
	"CASE WHEN fold(g.pos) = 'учитель' OR fold(g.pos) GLOB 'учитель *'" \
	" THEN 'teacher' WHEN fold(g.pos) GLOB '*воспитатель*' THEN 'educator'" \
	" ELSE 'other' END"

/* The scope's workers by line of Таблица 10 (STAFF_POSITION): leaders,
 * teachers, educators, others; of the last three those under 30; all. */
#define STAFF_LINES(join) \
	"SELECT coalesce(sum(m), 0)," \
	" coalesce(sum(CASE WHEN k = 'teacher' THEN n - m END), 0)," \
	" coalesce(sum(CASE WHEN k = 'educator' THEN n - m END), 0)," \
	" coalesce(sum(CASE WHEN k = 'other' THEN n - m END), 0)," \
	" coalesce(sum(CASE WHEN k = 'teacher' THEN y END), 0)," \
	" coalesce(sum(CASE WHEN k = 'educator' THEN y END), 0)," \
	" coalesce(sum(CASE WHEN k = 'other' THEN y END), 0), coalesce(sum(n), 0)" \
	" FROM (SELECT " STAFF_NOT_LEADER_OF_GROUP " AS k, g.m AS m, g.y AS y, g.n AS n" \
	" FROM (SELECT coalesce(p.position, '') AS pos, sum(p.is_manager IS 1) AS m," \
	" sum(p.is_manager IS NOT 1 AND coalesce(" UNDER30 ", 0)) AS y, count(*) AS n" \
	" FROM person p" join "organisation o ON o.id = p.org_id WHERE " STORE_PED_WORKER " AND " \
	ORG_IN_SCOPE " GROUP BY 1) g)"

static int build_staff(struct ctx *c, struct report_table *t)
{
	static const char *const all = "Численность педагогических работников (без внешних совместителей)";
	static const char *const leave = "В отпуске по уходу за ребенком, длительных отпусках, чел.";
	struct indicator_figure staff;
	sqlite3_stmt *st;
	struct report_row *r;
	long v[8], ret[4], reported, orgs;
	int rc;

	t->sheet = "Таблица 10";
	t->title = "Таблица 10. Численность педагогических работников";
	col(t, all, "всего", RCOL_INT);
	col(t, all, "в том числе: руководителей", RCOL_INT);
	col(t, all, "педагогических работников, чел.: всего", RCOL_INT);
	col(t, all, "учителей", RCOL_INT);
	col(t, all, "воспитателей", RCOL_INT);
	col(t, all, "прочие", RCOL_INT);
	col(t, all, "из них до 30 лет: учителей", RCOL_INT);
	col(t, all, "из них до 30 лет: воспитателей", RCOL_INT);
	col(t, all, "из них до 30 лет: прочие", RCOL_INT);
	col(t, all, "пенсионного возраста", RCOL_INT);
	col(t, NULL, "Прочий персонал, чел.", RCOL_INT);
	col(t, leave, "из них: пед. работников", RCOL_INT);
	col(t, leave, "прочий персонал", RCOL_INT);
	/* The persons from the register, by the one definition: «всего» is
	 * the figure every other table states (staff_total). */
	if ((rc = staff_total(c, &staff)) != ST_OK)
		return rc;
	/* Region-wide the persons in their stored order (person by person
	 * from the organisations' index, the table, larger than the wide page
	 * cache, was read again and again; issue 18). */
	st = prepare(c, c->mid == 0 && c->oid == 0 ? STAFF_LINES(" CROSS JOIN ") : STAFF_LINES(" JOIN "));
	if ((rc = step(c, st)) < 0)
		return ST_ERROR;
	for (int i = 0; i < 8; i++)
		v[i] = rc > 0 ? (long)sqlite3_column_int64(st, i) : 0;
	if (rc > 0)
		sqlite3_reset(st);
	/* What the register does not hold: from the organisations' returns. */
	if ((rc = row_longs(c, "SELECT coalesce(sum(sc.pension_age), 0), coalesce(sum(sc.support_staff), 0),"
			    " coalesce(sum(sc.leave_ped), 0), coalesce(sum(sc.leave_other), 0)"
			    " FROM staff_count sc JOIN organisation o ON o.id = sc.org_id"
			    " WHERE sc.year = :y AND sc.archived = 0 AND " ORG_IN_SCOPE, ret, 4)) != ST_OK)
		return rc;
	r = add_row(t);
	/* Withheld with «всего», since they add up to it. */
	set_decided(t, r, 0, staff.den_shown, staff.den);
	set_decided(t, r, 1, staff.den_shown, v[0]);
	set_decided(t, r, 2, staff.den_shown, v[7] - v[0]);
	for (int i = 1; i < 7; i++)
		set_decided(t, r, 2 + i, staff.den_shown, v[i]);
	for (int i = 0; i < 4; i++)
		set_int(r, 9 + i, ret[i]);
	if ((rc = org_coverage(c, COVERAGE("staff_count"), &reported, &orgs)) != ST_OK)
		return rc;
	note(t, "Педагогические работники — по реестру (работники образовательных организаций, без органа "
	     "управления образованием и института; руководители входят в «всего» и показаны отдельно), "
	     "как во всех таблицах и показателях. Учителя, воспитатели и прочие — по должности; до 30 лет — "
	     "на 31 декабря %d года.", c->year);
	note(t, "Пенсионного возраста, прочий персонал и отпуска — по сведениям организаций о численности "
	     "за %d год: представили %ld из %ld.", c->year, reported, orgs);
	return ST_OK;
}

static int build_needs(struct ctx *c, struct report_table *t)
{
	static const char *const kinds[2][2] = {
		{ "ped", "педагогических работников" }, { "other", "прочий персонал" }
	};
	long reported, orgs;
	int rc;

	t->sheet = "Потребность в кадрах";
	t->title = "Потребность в кадрах (к таблице 10)";
	col(t, NULL, "Персонал", RCOL_TEXT);
	col(t, NULL, "Должность", RCOL_TEXT);
	col(t, NULL, "Предмет", RCOL_TEXT);
	col(t, NULL, "Нагрузка (ставка)", RCOL_DEC);
	col(t, NULL, "Образование, квалификация", RCOL_TEXT);
	col(t, NULL, "Дополнительные навыки, опыт работы", RCOL_TEXT);
	col(t, NULL, "Количество вакансий", RCOL_INT);
	for (int k = 0; k < 2; k++) {
		/* Each organisation's open needs of the last quarter it reported in the year. */
		sqlite3_stmt *st = prepare(c,
			"WITH last AS (SELECT org_id, max(quarter) AS q FROM staffing_need WHERE year = :y AND archived = 0"
			"  GROUP BY org_id)"
			" SELECT trim(n.position) AS pos, trim(coalesce(n.subject, '')) AS subj,"
			" CAST(round(sum(n.count * coalesce(n.rate, 1.0)) * 100) AS INTEGER), sum(n.count),"
			" trim(coalesce(n.education, '')) AS edu, trim(coalesce(n.skills, '')) AS skl"
			" FROM staffing_need n JOIN last ON last.org_id = n.org_id AND last.q = n.quarter"
			" JOIN organisation o ON o.id = n.org_id"
			" WHERE n.year = :y AND n.archived = 0 AND n.state = 'open' AND n.count > 0"
			" AND n.staff_kind = :kind AND "
			ORG_IN_SCOPE
			" GROUP BY pos, subj, edu, skl ORDER BY fold(pos), pos, subj = '', fold(subj), subj,"
			" fold(edu), edu, fold(skl), skl");
		long rate = 0, count = 0;
		struct report_row *r;

		store_bind_named_text(st, ":kind", kinds[k][0]);
		while ((rc = step(c, st)) > 0) {
			r = add_row(t);
			set_text(r, 0, kinds[k][1]);
			set_text(r, 1, col_text(st, 0));
			if (col_text(st, 1)[0])
				set_text(r, 2, col_text(st, 1));
			else
				set_state(r, 2, RV_NONE);
			r->c[3].state = RV_VALUE;
			r->c[3].v = (long)sqlite3_column_int64(st, 2);
			for (int i = 0; i < 2; i++)
				if (col_text(st, 4 + i)[0])
					set_text(r, 4 + i, col_text(st, 4 + i));
				else
					set_state(r, 4 + i, RV_NONE);
			set_int(r, 6, (long)sqlite3_column_int64(st, 3));
			rate += r->c[3].v;
			count += r->c[6].v;
		}
		if (rc < 0)
			return ST_ERROR;
		r = add_row(t);
		r->total = true;
		set_text(r, 0, kinds[k][1]);
		set_text(r, 1, "всего");
		r->c[3].state = RV_VALUE;
		r->c[3].v = rate;
		set_int(r, 6, count);
	}
	if ((rc = org_coverage(c, COVERAGE("staffing_need"), &reported, &orgs)) != ST_OK)
		return rc;
	note(t, "Открытые вакансии %d года по последнему кварталу, за который организация подала "
	     "сведения (сведения подали организаций: %ld из %ld); нагрузка — сумма ставок (ставка "
	     "не указана — 1).", c->year, reported, orgs);
	return ST_OK;
}

/* --- Таблица 12: individual programmes ------------------------------------------------ */

/* A row of persons and cards; its share of the staff only with the staff
 * shown (else the share and the persons would give the staff). */
static void routes_row(struct ctx *c, struct report_table *t, const char *text, long persons,
		       long cards, const struct indicator_figure *staff)
{
	struct report_row *r = add_row(t);

	set_text(r, 0, text);
	set_int(r, 2, persons);
	if (staff->den_shown)
		set_share(c, t, r, 3, persons, staff->den);
	else
		set_decided(t, r, 3, false, 0);
	set_int(r, 4, cards);
}

/* The year's cards of the scope's pedagogical workers, counted by model
 * (0, k) and by status (1, k): persons and cards. */
#define ROUTE_CARDS(join) \
	"WITH c AS MATERIALIZED (SELECT i.person_id AS pid," \
	" CASE WHEN i.template = 'ippr' THEN 0 ELSE i.model END AS model, i.status AS status" \
	" FROM iom i" join "person p ON p.id = i.person_id" join "organisation o ON o.id = p.org_id" \
	" WHERE " STORE_PED_WORKER " AND " ORG_IN_SCOPE " AND " CARD_IN_YEAR ")" \
	" SELECT 0, model, count(DISTINCT pid), count(*) FROM c GROUP BY model" \
	" UNION ALL SELECT 1, status, count(DISTINCT pid), count(*) FROM c GROUP BY status"

static int build_routes(struct ctx *c, struct report_table *t)
{
	sqlite3_stmt *st;
	struct report_row *r;
	struct indicator_figure staff, ippr;
	long cards, by_model[4][2], by_status[16][2];
	int rc, nstatus = 0;

	t->sheet = "Таблица 12";
	t->title = "Таблица 12. Информация о программах развития педагогических работников";
	col(t, NULL, "Индивидуальные программы развития", RCOL_TEXT);
	col(t, NULL, STAFF_ALL, RCOL_INT);
	col(t, NULL, "Кол-во педагогических работников, имеющих индивидуальные программы развития",
	    RCOL_INT);
	col(t, NULL, "Доля, %", RCOL_DEC);
	col(t, NULL, "Количество карт", RCOL_INT);
	/* The staff and the persons with a card: УИ-16 (iom_share); those
	 * with an ИППР: ОМ-1 (ippr_share); as decided for the region. */
	if ((rc = decided(c, "iom_share", &staff)) != ST_OK || (rc = decided(c, "ippr_share", &ippr)) != ST_OK)
		return rc;
	memset(by_model, 0, sizeof by_model);
	memset(by_status, 0, sizeof by_status);
	cards = 0;
	for (const struct enum_opt *o = route_statuses; o->code && nstatus < 16; o++)
		nstatus++;
	/* Persons and cards by template and model (0: by model, index 0:
	 * ИППР) and by status (1), from one pass over the year's cards (c).
	 * Region-wide the pass reads the cards in their stored order (the
	 * table is larger than the wide page cache: read person by person,
	 * its pages were read again and again, issue 18); in a smaller
	 * scope it begins from the scope's organisations. */
	st = prepare(c, c->mid == 0 && c->oid == 0 ? ROUTE_CARDS(" CROSS JOIN ") : ROUTE_CARDS(" JOIN "));
	while ((rc = step(c, st)) > 0) {
		long persons = (long)sqlite3_column_int64(st, 2), n = (long)sqlite3_column_int64(st, 3);
		if (sqlite3_column_int(st, 0) == 0) {
			int k = sqlite3_column_int(st, 1);
			if (k < 0 || k > 3)
				continue;
			by_model[k][0] = persons;
			by_model[k][1] = n;
			cards += n;
		} else {
			for (int k = 0; k < nstatus; k++)
				if (strcmp(route_statuses[k].code, col_text(st, 1)) == 0) {
					by_status[k][0] = persons;
					by_status[k][1] = n;
				}
		}
	}
	if (rc < 0)
		return ST_ERROR;
	r = add_row(t);
	r->total = true;
	set_text(r, 0, "Всего (ИОМ и ИППР)");
	set_decided(t, r, 1, staff.den_shown, staff.den);
	set_decided(t, r, 2, staff.num_shown, staff.num);
	if (staff.num_shown)
		set_share(c, t, r, 3, staff.num, staff.den);
	else
		set_decided(t, r, 3, false, 0);
	set_int(r, 4, cards);
	for (int m = 1; m <= 3; m++) {
		char *text = xasprintf("ИОМ, модель %d: %s", m, route_model_label(m));
		routes_row(c, t, text, by_model[m][0], by_model[m][1], &staff);
		free(text);
	}
	r = add_row(t);
	set_text(r, 0, "ИППР (программа индивидуального профессионального развития)");
	set_decided(t, r, 2, ippr.num_shown, ippr.num);
	if (ippr.num_shown)
		set_share(c, t, r, 3, ippr.num, ippr.den);
	else
		set_decided(t, r, 3, false, 0);
	set_int(r, 4, by_model[0][1]);
	for (int k = 0; k < nstatus; k++) {
		char *text;
		if (strcmp(route_statuses[k].code, "cancelled") == 0)
			continue;
		text = xasprintf("статус «%s»", route_statuses[k].label);
		routes_row(c, t, text, by_status[k][0], by_status[k][1], &staff);
		free(text);
	}
	note(t, "Карты ИОМ и ИППР, действовавшие в %d году (кроме отменённых); доля — от всех "
	     "педагогических работников.", c->year);
	return ST_OK;
}

/* --- indicators ---------------------------------------------------------------- */

#define MAX_INDICATORS 128

/* A value entered by hand for an indicator the program cannot compute. */
static int manual_value(struct ctx *c, int64_t indicator_id, double *value, double *num, double *den,
			bool *has_num, bool *has_den)
{
	sqlite3_stmt *st = prepare(c,
		"SELECT value, numerator, denominator FROM indicator_value WHERE indicator_id = :ind"
		" AND year = :y AND quarter = 0 AND ifnull(org_id, 0) = :oid AND ifnull(mun_id, 0) = :mid");
	int rc;

	store_bind_named_int(st, ":ind", indicator_id);
	if ((rc = step(c, st)) <= 0)
		return rc;
	*value = sqlite3_column_double(st, 0);
	*has_num = sqlite3_column_type(st, 1) != SQLITE_NULL;
	*has_den = sqlite3_column_type(st, 2) != SQLITE_NULL;
	*num = sqlite3_column_double(st, 1);
	*den = sqlite3_column_double(st, 2);
	sqlite3_reset(st);
	return 1;
}

static int build_indicators(struct ctx *c, struct report_table *t)
{
	struct indicator_row *rows = xcalloc(MAX_INDICATORS, sizeof *rows);
	int n = store_indicator_list(c->s, rows, MAX_INDICATORS), rc = ST_OK;

	t->sheet = "Показатели";
	t->title = "Целевые показатели эффективности деятельности по созданию условий для непрерывного "
		   "профессионального роста педагогических работников";
	col(t, NULL, "№ пп", RCOL_TEXT);
	col(t, NULL, "Показатель", RCOL_TEXT);
	col(t, NULL, "Ед. изм.", RCOL_TEXT);
	col(t, NULL, "Значение", RCOL_DEC);
	col(t, NULL, "Числитель", RCOL_INT);
	col(t, NULL, "Знаменатель", RCOL_INT);
	col(t, NULL, "Целевое значение", RCOL_DEC);
	col(t, NULL, "Отметка", RCOL_TEXT);
	t->label_cols = 2;
	for (int i = 0; i < n && rc == ST_OK; i++) {
		const struct indicator_formula *f = indicator_formula_find(rows[i].formula);
		struct report_row *r = add_row(t);
		int unit = f ? (int)f->unit : indicator_unit_parse(rows[i].unit);
		double v = -1, target = -1;
		bool withheld = false;
		const char *mark;

		set_text(r, 0, rows[i].code);
		set_text(r, 1, rows[i].name);
		set_text(r, 2, unit == IND_COUNT ? "ед." : "%");
		if (f) {
			/* The figure every viewer gets (src/figures.h). */
			struct indicator_figure fg;
			if (indicator_figure_get(c->s, c->cfg, f->key, c->year, c->kind, c->id, &fg) != ST_OK) {
				rc = ST_ERROR;
				break;
			}
			withheld = indicator_figure_withheld(&fg);
			v = indicator_figure_value(&fg, f->unit);
			if (withheld) {
				enum report_state why = fg.of_persons ? RV_SUPPRESSED : RV_WITHHELD;
				set_state(r, 3, why);
				t->withheld++;
				if (fg.of_persons)
					t->suppressed++;
			}
			if (fg.num_shown)
				set_int(r, 4, fg.num);
			else
				set_state(r, 4, fg.of_persons ? RV_SUPPRESSED : RV_WITHHELD);
			if (f->unit == IND_PERCENT && fg.den_shown)
				set_int(r, 5, fg.den);
			else if (f->unit == IND_PERCENT)
				set_state(r, 5, RV_SUPPRESSED);
		} else {
			double num, den;
			bool has_num = false, has_den = false;
			int m = manual_value(c, rows[i].id, &v, &num, &den, &has_num, &has_den);
			if (m < 0) {
				rc = ST_ERROR;
				break;
			}
			if (m == 0) {
				v = -1;
			} else {
				withheld = has_den && indicator_withheld(c->cfg, (enum indicator_unit)unit,
									 round_long(den));
				if (withheld) {
					set_state(r, 3, RV_WITHHELD);
					set_state(r, 4, RV_WITHHELD);
					t->withheld++;
					v = -1;
				} else if (has_num) {
					set_int(r, 4, round_long(num));
				}
				if (has_den)
					set_int(r, 5, round_long(den));
			}
		}
		if (!withheld) {
			if (v >= 0 && isfinite(v)) {
				r->c[3].state = RV_VALUE;
				r->c[3].v = round_long(v * 10) * 10;   /* one decimal */
			} else {
				set_state(r, 3, RV_NONE);
			}
		}
		if (store_indicator_target(c->s, rows[i].id, c->year, c->mun_of_scope, &target, NULL) == ST_OK) {
			r->c[6].state = RV_VALUE;
			r->c[6].v = round_long(target * 100);
		} else {
			set_state(r, 6, RV_NONE);
			target = -1;
		}
		mark = v >= 0 && target >= 0
			? indicator_mark_unit(v, target, rows[i].higher_better,
					      unit == IND_COUNT ? IND_COUNT : IND_PERCENT)
			: NULL;
		if (mark)
			set_text(r, 7, indicator_mark_label(mark));
		else
			set_state(r, 7, RV_NONE);
	}
	store_indicator_rows_free(rows, n);
	free(rows);
	if (rc != ST_OK)
		return rc;
	note(t, "Значения за %d календарный год; целевое значение — на %d год; отметка: «выполнен» — "
	     "цель достигнута, «близко» — отставание не больше 10 процентных пунктов (для количества — "
	     "10 %% цели), «отстаёт» — больше.", c->year, c->year);
	return ST_OK;
}

/* --- entry point ------------------------------------------------------------------ */

/* The region's decisions on the year's figures of persons, made and kept
 * before the report's read transaction (which keeps nothing): the next
 * report of any scope reads them back. Inside it they are read, or made
 * again if something changed in between. */
static void keep_decisions(struct store *s, const struct config *cfg, int year, const char *name)
{
	static const char *const used[][3] = {
		{ "courses", "course_year", NULL }, { "contests", PERSONS_FORMULA, NULL },
		{ "city_mo", PERSONS_FORMULA, NULL }, { "events", PERSONS_FORMULA, NULL },
		{ "routes", "iom_share", "ippr_share" },
	};
	struct indicator_figure f;

	if (strcmp(name, "indicators") == 0) {
		struct indicator_row *rows = xcalloc(MAX_INDICATORS, sizeof *rows);
		int n = store_indicator_list(s, rows, MAX_INDICATORS);
		for (int i = 0; i < n; i++)
			if (store_indicator_of_persons(rows[i].formula))
				indicator_figure_get(s, cfg, rows[i].formula, year, "region", 0, &f);
		store_indicator_rows_free(rows, n);
		free(rows);
	}
	for (size_t i = 0; i < NITEMS(used); i++)
		if (strcmp(name, used[i][0]) == 0)
			for (int j = 1; j < 3 && used[i][j]; j++)
				indicator_figure_get(s, cfg, used[i][j], year, "region", 0, &f);
}

static int caption(struct ctx *c, struct report_table *t)
{
	char *name = NULL, *code = NULL, *mun = NULL;

	if (strcmp(c->kind, "region") == 0) {
		if (c->rid)
			name = store_text(c->s, "SELECT name FROM region WHERE id = ?", "i", c->rid);
		else if ((name = store_meta_get(c->s, "region_name")) == NULL)
			name = store_text(c->s, "SELECT name FROM region ORDER BY id LIMIT 1", NULL);
		if (name == NULL && c->rid) {
			snprintf(c->s->err, sizeof c->s->err, "нет региона с номером %lld", (long long)c->rid);
			return ST_NOTFOUND;
		}
		t->caption = xasprintf("%s, %d год", name ? name : "Регион", c->year);
	} else if (strcmp(c->kind, "mun") == 0) {
		name = store_text(c->s, "SELECT name FROM municipality WHERE id = ?", "i", c->mid);
		code = store_text(c->s, "SELECT code FROM municipality WHERE id = ?", "i", c->mid);
		if (name == NULL) {
			snprintf(c->s->err, sizeof c->s->err, "нет муниципалитета с номером %lld",
				 (long long)c->mid);
			free(code);
			return ST_NOTFOUND;
		}
		t->caption = xasprintf("%s (%s), %d год", name, code ? code : "", c->year);
	} else {
		name = store_text(c->s, "SELECT coalesce(nullif(trim(short_name), ''), name) FROM organisation"
				  " WHERE id = ?", "i", c->oid);
		code = store_text(c->s, "SELECT code FROM organisation WHERE id = ?", "i", c->oid);
		mun = store_text(c->s, "SELECT m.name FROM organisation o JOIN municipality m ON m.id = o.mun_id"
				 " WHERE o.id = ?", "i", c->oid);
		if (name == NULL) {
			snprintf(c->s->err, sizeof c->s->err, "нет организации с номером %lld",
				 (long long)c->oid);
			free(code);
			free(mun);
			return ST_NOTFOUND;
		}
		t->caption = mun ? xasprintf("%s (%s), %s, %d год", name, code ? code : "", mun, c->year)
				 : xasprintf("%s (%s), %d год", name, code ? code : "", c->year);
	}
	free(name);
	free(code);
	free(mun);
	return ST_OK;
}

static int report_build(struct store *s, const struct config *cfg, const char *name, int year,
			const char *scope_kind, int64_t scope_id, struct report_table *out)
{
	const struct report_def *def = report_find(name);
	struct ctx c;
	bool own_tx;
	int rc;

	memset(out, 0, sizeof *out);
	if (def == NULL) {
		snprintf(s->err, sizeof s->err, "нет отчёта «%s»", name ? name : "");
		return ST_NOTFOUND;
	}
	if (year < 2000 || year > 2100) {
		snprintf(s->err, sizeof s->err, "год %d вне 2000–2100", year);
		return ST_CONSTRAINT;
	}
	memset(&c, 0, sizeof c);
	c.s = s;
	c.cfg = cfg;
	c.year = year;
	c.kind = scope_kind ? scope_kind : "";
	c.id = scope_id;
	if (strcmp(c.kind, "region") == 0 && scope_id >= 0) {
		c.rid = scope_id;
	} else if (strcmp(c.kind, "mun") == 0 && scope_id > 0) {
		c.mid = c.mun_of_scope = scope_id;
	} else if (strcmp(c.kind, "org") == 0 && scope_id > 0) {
		c.oid = scope_id;
	} else {
		store_set_error(s, "охват отчёта: ожидается region, mun или org с номером записи");
		return ST_CONSTRAINT;
	}
	snprintf(c.y0, sizeof c.y0, "%04d-01-01", year);
	snprintf(c.y1, sizeof c.y1, "%04d-12-31", year);
	/* One read transaction: the figures of a report agree with each other. */
	own_tx = sqlite3_get_autocommit(store_db(s)) != 0;
	if (own_tx)
		keep_decisions(s, cfg, year, name);
	if (own_tx && store_run(s, "BEGIN", NULL) != ST_OK)
		return ST_ERROR;
	if (c.oid)
		c.mun_of_scope = store_org_mun(s, c.oid);
	out->name = def->name;
	out->year = year;
	out->min_group = cfg->min_group_size;
	rc = caption(&c, out);
	if (rc == ST_OK) {
		if (strcmp(name, "courses") == 0)
			rc = build_courses(&c, out);
		else if (strcmp(name, "contests") == 0)
			rc = build_participation(&c, out, true);
		else if (strcmp(name, "mentors") == 0)
			rc = build_mentors(&c, out);
		else if (strcmp(name, "city_mo") == 0)
			rc = build_city_mo(&c, out);
		else if (strcmp(name, "staff_moves") == 0)
			rc = build_staff_moves(&c, out);
		else if (strcmp(name, "staff") == 0)
			rc = build_staff(&c, out);
		else if (strcmp(name, "needs") == 0)
			rc = build_needs(&c, out);
		else if (strcmp(name, "events") == 0)
			rc = build_participation(&c, out, false);
		else if (strcmp(name, "routes") == 0)
			rc = build_routes(&c, out);
		else
			rc = build_indicators(&c, out);
	}
	if (rc == ST_OK && out->withheld > out->suppressed)
		note(out, "«скрыто (<%d)» — группа меньше %d: доля не показывается, чтобы нельзя было "
		     "узнать сведения об отдельных педагогах или организациях.", out->min_group, out->min_group);
	if (rc == ST_OK && out->suppressed > 0) {
		char *e = indicator_figure_explanation(out->min_group, false);
		note(out, "%s", e);
		free(e);
	}
	if (own_tx) {
		char *msg = xstrdup(s->err);
		store_run(s, "COMMIT", NULL);
		strlcpy0(s->err, msg, sizeof s->err);
		free(msg);
	}
	if (rc != ST_OK)
		report_table_free(out);
	return rc;
}

/* With a larger page cache meanwhile (store_wide_begin): a report reads
 * table after table of the region. */
int store_report_build(struct store *s, const struct config *cfg, const char *name, int year,
		       const char *scope_kind, int64_t scope_id, struct report_table *out)
{
	int wide = store_wide_begin(s);
	int rc = report_build(s, cfg, name, year, scope_kind, scope_id, out);

	store_wide_end(s, wide);
	return rc;
}
