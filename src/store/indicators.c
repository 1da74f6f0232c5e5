/* See store/indicators.h. Every query is bound: the year's bounds, the
 * scope ids and the few codes are parameters, the SQL is constant text. */
#include "errtext.h"
#include "store/indicators.h"
#include "store_int.h"
#include "../indicators.h"   /* src/indicators.h: the file reader and the formula registry */
#include "model.h"
#include "util.h"

#include <math.h>   /* isfinite (a macro: no libm needed) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- experience ---------------------------------------------------------- */

/* model_experience(years, on_date, day) takes the dates only as the
 * years between them: n + the years since on_date, or n - the years back
 * to day (then -1 when below 0), or n when a date does not parse; and
 * every negative is NULL here. So the dates' part is that of a large n
 * (no date is 100 000 years back), remembered for the last pair of dates:
 * a region's persons mostly share them, and the function is asked for
 * every person of the region (young specialists). */
enum { EXP_LARGE = 100000 };
static int experience_dates(const char *on_date, const char *day)
{
	static char on[16], d[16];
	static int delta;
	static bool valid;

	if (on_date == NULL || strlen(on_date) >= sizeof on || strlen(day) >= sizeof d)
		return model_experience("100000", on_date, day) - EXP_LARGE;
	if (!valid || strcmp(on, on_date) != 0 || strcmp(d, day) != 0) {
		delta = model_experience("100000", on_date, day) - EXP_LARGE;
		strlcpy0(on, on_date, sizeof on);
		strlcpy0(d, day, sizeof d);
		valid = true;
	}
	return delta;
}

/* experience_on(years, on_date, day): model_experience, NULL for -1. */
static void experience_on_func(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *years = (const char *)sqlite3_value_text(argv[0]);
	const char *on_date = (const char *)sqlite3_value_text(argv[1]);
	const char *day = (const char *)sqlite3_value_text(argv[2]);
	int n;

	(void)argc;
	n = day && years && *years ? atoi(years) + experience_dates(on_date, day) : -1;
	if (n < 0)
		sqlite3_result_null(cx);
	else
		sqlite3_result_int(cx, n);
}

void store_register_experience(sqlite3 *db)
{
	sqlite3_create_function(db, "experience_on", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				NULL, experience_on_func, NULL, NULL);
}

/* --- import -------------------------------------------------------------- */

static int insert_target(struct store *s, const struct actor *a, int64_t ind, int year,
			 int64_t mun_id, double target, bool *inserted)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO indicator_target (indicator_id, year, mun_id, target)"
		" VALUES (?, ?, nullif(?, 0), ?) ON CONFLICT DO NOTHING");
	char buf[32];
	int rc;

	*inserted = false;
	sqlite3_bind_int64(st, 1, ind);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, mun_id);
	sqlite3_bind_double(st, 4, target);
	if ((rc = store_step_done(s, st)) != ST_OK || sqlite3_changes(s->db) != 1)
		return rc;
	*inserted = true;
	indicator_format(target, '.', buf, sizeof buf);
	return store_audit(s, a, "create", "indicator_target", sqlite3_last_insert_rowid(s->db),
			   "target", NULL, buf);
}

int store_indicators_import(struct store *s, const struct actor *a,
			    const struct indicator_entry *e, int n, int *added)
{
	int rc = ST_OK;

	*added = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	for (int i = 0; rc == ST_OK && i < n; i++) {
		int64_t id;
		rc = store_run(s, "INSERT INTO indicator (code, name, source, unit, period, criterion, formula,"
			       " higher_better, description, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			       " ON CONFLICT(code) DO NOTHING", "tttttttiti",
			       e[i].code, e[i].name, e[i].source, e[i].unit, e[i].period, e[i].criterion,
			       e[i].formula, (int64_t)(e[i].higher_better ? 1 : 0), e[i].description,
			       (int64_t)(i + 1));
		if (rc != ST_OK)
			break;
		if (sqlite3_changes(s->db) == 1) {
			(*added)++;
			rc = store_audit(s, a, "create", "indicator", sqlite3_last_insert_rowid(s->db),
					 "code", NULL, e[i].code);
		}
		id = store_int(s, "SELECT id FROM indicator WHERE code = ?", "t", e[i].code);
		if (rc == ST_OK && id == 0) {
			snprintf(s->err, sizeof s->err, "показатель «%s» не записан", e[i].code);
			rc = ST_ERROR;
		}
		for (int j = 0; rc == ST_OK && j < e[i].ntargets; j++) {
			bool inserted;
			rc = insert_target(s, a, id, e[i].targets[j].year, 0, e[i].targets[j].value, &inserted);
		}
	}
	return store_end(s, rc);
}

/* --- list and targets ---------------------------------------------------- */

int store_indicator_list(struct store *s, struct indicator_row *rows, int max)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT id, code, name, coalesce(source, ''), unit, period, coalesce(formula, ''),"
		" higher_better FROM indicator WHERE archived = 0 ORDER BY sort, code, id LIMIT ?");
	int n = 0;

	sqlite3_bind_int(st, 1, max > 0 ? max : 0);
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		struct indicator_row *r = &rows[n++];
		r->id = sqlite3_column_int64(st, 0);
		strlcpy0(r->code, (const char *)sqlite3_column_text(st, 1), sizeof r->code);
		r->name = xstrdup((const char *)sqlite3_column_text(st, 2));
		strlcpy0(r->source, (const char *)sqlite3_column_text(st, 3), sizeof r->source);
		strlcpy0(r->unit, (const char *)sqlite3_column_text(st, 4), sizeof r->unit);
		strlcpy0(r->period, (const char *)sqlite3_column_text(st, 5), sizeof r->period);
		strlcpy0(r->formula, (const char *)sqlite3_column_text(st, 6), sizeof r->formula);
		r->higher_better = sqlite3_column_int(st, 7) != 0;
	}
	sqlite3_reset(st);
	return n;
}

void store_indicator_rows_free(struct indicator_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		free(rows[i].name);
		rows[i].name = NULL;
	}
}

int64_t store_indicator_by_code(struct store *s, const char *code)
{
	return store_int(s, "SELECT id FROM indicator WHERE code = ?", "t", code);
}

/* The target row of a year for a municipality (mun_id > 0) or the
 * general one (0): its id and value, 0 when there is none. */
static int64_t target_row(struct store *s, int64_t indicator_id, int year, int64_t mun_id,
			  double *target)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT id, target FROM indicator_target WHERE indicator_id = ? AND year = ?"
		" AND ifnull(mun_id, 0) = ?");
	int64_t id = 0;

	sqlite3_bind_int64(st, 1, indicator_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, mun_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*target = sqlite3_column_double(st, 1);
	}
	sqlite3_reset(st);
	return id;
}

int store_indicator_target(struct store *s, int64_t indicator_id, int year, int64_t mun_id,
			   double *target, bool *own)
{
	if (own)
		*own = false;
	if (mun_id > 0 && target_row(s, indicator_id, year, mun_id, target) != 0) {
		if (own)
			*own = true;
		return ST_OK;
	}
	return target_row(s, indicator_id, year, 0, target) != 0 ? ST_OK : ST_NOTFOUND;
}

/* The checks every change of a target shares: the year, and the indicator
 * and the municipality exist. Inside the caller's transaction. */
static int target_checks(struct store *s, int64_t indicator_id, int year, int64_t mun_id, char **unit)
{
	*unit = NULL;
	if (year < 2000 || year > 2100) {
		snprintf(s->err, sizeof s->err, "год %d вне 2000–2100", year);
		return ST_CONSTRAINT;
	}
	*unit = store_text(s, "SELECT unit FROM indicator WHERE id = ?", "i", indicator_id);
	if (*unit == NULL) {
		store_set_error(s, "показатель не найден");
		return ST_NOTFOUND;
	}
	if (mun_id < 0 || (mun_id > 0 && store_int(s, "SELECT count(*) FROM municipality WHERE id = ?",
						   "i", mun_id) == 0)) {
		store_set_error(s, "муниципалитет не найден");
		return ST_NOTFOUND;
	}
	return ST_OK;
}

int store_indicator_set_target(struct store *s, const struct actor *a, int64_t indicator_id,
			       int year, int64_t mun_id, double target)
{
	char *unit = NULL;
	char before[32], after[32];
	int64_t row;
	double old = 0;
	int rc;

	if (!isfinite(target) || target < 0) {
		store_set_error(s, "целевое значение не может быть отрицательным");
		return ST_CONSTRAINT;
	}
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = target_checks(s, indicator_id, year, mun_id, &unit);
	if (rc == ST_OK && strcmp(unit, "percent") == 0 && target > 100) {
		store_set_error(s, "доля не может быть больше 100 %");
		rc = ST_CONSTRAINT;
	}
	free(unit);
	if (rc != ST_OK)
		return store_end(s, rc);
	row = target_row(s, indicator_id, year, mun_id, &old);
	indicator_format(target, '.', after, sizeof after);
	if (row == 0) {
		bool inserted;
		rc = insert_target(s, a, indicator_id, year, mun_id, target, &inserted);
		if (rc == ST_OK && !inserted)
			rc = ST_CONFLICT;   /* cannot happen inside the transaction */
	} else if (old != target) {
		sqlite3_stmt *st = store_prepare(s, "UPDATE indicator_target SET target = ?,"
						 " version = version + 1 WHERE id = ?");
		sqlite3_bind_double(st, 1, target);   /* the value itself, not its rounded text */
		sqlite3_bind_int64(st, 2, row);
		rc = store_step_done(s, st);
		indicator_format(old, '.', before, sizeof before);
		if (rc == ST_OK)
			rc = store_audit(s, a, "update", "indicator_target", row, "target", before, after);
	}
	return store_end(s, rc);
}

int store_indicator_clear_target(struct store *s, const struct actor *a, int64_t indicator_id,
				 int year, int64_t mun_id)
{
	char *unit = NULL;
	char before[32];
	double old = 0;
	int64_t row;
	int rc;

	if (mun_id <= 0) {
		store_set_error(s, "общее целевое значение не удаляется, его можно только изменить");
		return ST_CONSTRAINT;
	}
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	rc = target_checks(s, indicator_id, year, mun_id, &unit);
	free(unit);
	if (rc == ST_OK && (row = target_row(s, indicator_id, year, mun_id, &old)) != 0) {
		rc = store_run(s, "DELETE FROM indicator_target WHERE id = ?", "i", row);
		indicator_format(old, '.', before, sizeof before);
		if (rc == ST_OK)
			rc = store_audit(s, a, "delete", "indicator_target", row, "target", before, NULL);
	}
	return store_end(s, rc);
}

/* --- figures ------------------------------------------------------------- */

/* Organisation o in the scope: :rid 0 = any region. */
#define ORG_SCOPE \
	"(:rid = 0 OR o.region_id = :rid) AND (:mid = 0 OR o.mun_id = :mid)" \
	" AND (:oid = 0 OR o.id = :oid)"

/* Pedagogical workers p (STORE_PED_WORKER) of organisations o in the scope. */
#define PERSONS \
	" FROM person p JOIN organisation o ON o.id = p.org_id WHERE " STORE_PED_WORKER " AND " ORG_SCOPE

/* Active schools o in the scope. */
#define SCHOOLS_WHERE "o.kind = 'school' AND o.archived = 0 AND " ORG_SCOPE
#define SCHOOLS " FROM organisation o WHERE " SCHOOLS_WHERE

/* Active educational organisations o of every kind in the scope (not the
 * authorities nor the institute): «образовательные организации». */
#define ORGS_WHERE "o.kind NOT IN ('authority', 'institute') AND o.archived = 0 AND " ORG_SCOPE
#define ORGS " FROM organisation o WHERE " ORGS_WHERE

/* Of them, those a municipality founded («муниципальные»). */
#define MUN_ORGS_WHERE ORGS_WHERE " AND o.founder = 'municipal'"
#define MUN_ORGS " FROM organisation o WHERE " MUN_ORGS_WHERE

/* An ИОМ / ИППР card i of person p in force during the year: not
 * cancelled; from its start (or approval, development, creation) to its
 * completion (or planned end, or open). Cards archived after completion
 * (kept one year, then archived) still count for their years. */
#define CARD_LIVE_IN_YEAR \
	"i.status <> 'cancelled'" \
	" AND coalesce(i.start_date, i.approved_date, i.developed_date, substr(i.created_at, 1, 10)) <= :y1" \
	" AND coalesce(i.completed_date, i.end_date, '9999-12-31') >= :y0"
#define CARD_IN_YEAR "i.person_id = p.id AND " CARD_LIVE_IN_YEAR

/* A mentoring pair mp running during the year (started, not planned only). */
#define PAIR_IN_YEAR \
	"mp.archived = 0 AND mp.state <> 'planned' AND mp.start_date <= :y1" \
	" AND (mp.end_date IS NULL OR mp.end_date >= :y0)"

/* The organisation of a pair: its own, else the mentee's. */
#define PAIR_ORG "coalesce(mp.org_id, (SELECT org_id FROM person WHERE id = mp.mentee_id))"

/* An organisation o with a pair running in the year. */
#define ORG_HAS_PAIR "o.id IN (SELECT " PAIR_ORG " FROM mentoring_pair mp WHERE " PAIR_IN_YEAR ")"

/* Participation of kind :pkind at municipal level in the year, by the
 * organisation that sent the teacher (else his present one). The set of
 * organisations is built once, not searched school by school. */
#define SCHOOL_TOOK_PART \
	"o.id IN (SELECT coalesce(pa.org_id, q.org_id) FROM participation pa JOIN person q ON q.id = pa.person_id" \
	" WHERE pa.archived = 0 AND pa.kind = :pkind AND pa.level = 'municipal' AND pa.year = :y)"

/* A need for staff (vacancy) of the year, any quarter, not withdrawn. */
#define NEED(kind_cond) \
	"EXISTS (SELECT 1 FROM staffing_need n WHERE n.org_id = o.id AND n.year = :y AND n.archived = 0" \
	" AND n.state <> 'cancelled' AND n.count > 0" kind_cond ")"

/* Answers of one kind of respondent (:who) of the year, by the pair's
 * organisation; the respondent is an active person. */
#define SATISFACTION(head, tail) \
	"SELECT " head "coalesce(sum(ms.satisfied), 0), count(*) FROM mentoring_survey ms" \
	" JOIN mentoring_pair mp ON mp.id = ms.pair_id" \
	" JOIN person r ON r.id = CASE ms.respondent WHEN 'mentor' THEN mp.mentor_id ELSE mp.mentee_id END" \
	" JOIN organisation o ON o.id = " PAIR_ORG \
	" WHERE ms.year = :y AND ms.respondent = :who AND ms.archived = 0 AND mp.archived = 0" \
	" AND r.archived = 0" tail

#define T_PEOPLE (T_PERSON | T_ORG)

/* Organisations o (every educational kind) that adopted a plan, the
 * date in column col, by the year's end, of all of them. */
#define PLAN_ADOPTED(col) "o." col " <= :y1"
#define ORG_PLAN(col) "SELECT coalesce(sum(" PLAN_ADOPTED(col) "), 0), count(*)" ORGS

/* An organisation o with staff counts of the year and no vacancy of
 * teachers (schools_staffed). */
#define ORG_STAFFED \
	"EXISTS (SELECT 1 FROM staff_count sc WHERE sc.org_id = o.id AND sc.archived = 0" \
	" AND sc.year = :y) AND NOT " NEED(" AND n.staff_kind = 'ped'")

/* Pedagogical staff (teachers, educators, others; not the leaders) under
 * 30 above 16.5 %: 1000 · under30 > 165 · all, in integers (schools_young30). */
#define ORG_YOUNG30 \
	"EXISTS (SELECT 1 FROM staff_count sc WHERE sc.org_id = o.id AND sc.archived = 0" \
	" AND sc.year = :y AND (sc.under30_teachers + sc.under30_educators + sc.under30_others) * 1000" \
	" > (sc.teachers + sc.educators + sc.others) * 165)"

/* Municipalities m in the scope (an organisation's: its own), and of
 * them those whose МСОКО took the ИППР's management by the year's end. */
#define MUN_SCOPE \
	"(:rid = 0 OR m.region_id = :rid) AND (:mid = 0 OR m.id = :mid)" \
	" AND (:oid = 0 OR m.id = (SELECT mun_id FROM organisation WHERE id = :oid))"
#define MSOKO_ADOPTED "m.msoko_ippr_date <= :y1"

/* A person p who uses modern educational technologies by the year's end. */
#define MODERN_TECH "p.modern_tech_date <= :y1"

struct formula_sql {
	const char *key;
	const char *sql;        /* one row: numerator, denominator (or the numerator alone) */
	const char *text_name;  /* a text parameter, or NULL */
	const char *text_value;
	bool persons_den;       /* the denominator is the scope's active persons */
	unsigned tables;        /* what the figure is read from (T_*) */
	/* Answers (satisfaction): the same for every organisation at once,
	 * rows of the organisation, its municipality, both figures; NULL
	 * for the others. */
	const char *orgs;
	/* Persons, for every organisation at once: rows of a person's id (of
	 * every person the figure reads; who is a pedagogical worker of which
	 * organisation is decided by ped_workers), then conditions 1, 2, ...
	 * Each person gets a mark: bit 0 a row of his, bit k condition k held
	 * in one. He is in the numerator when his mark has one of num_bits,
	 * in the denominator when it has one of den_bits (0: every person).
	 * Formulas with the same each share its reading (one pass). */
	const char *each;
	unsigned char num_bits, den_bits;
};

/* Persons p (active, of organisations o in the scope) counted once each
 * from the events of the year: the date indexes select the events, so a
 * large region is not scanned person by person. EVENT_PERSONS_ is the
 * statement for one scope (head "", tail IN_SCOPE); for every
 * organisation of the database at once, which the one rule for shares of
 * persons protects as a whole, the same events are read as EVENT_EACH
 * (formula_sql.each) and grouped by ped_workers. The shape BY_ORG ...
 * GROUPED gives the organisation, its municipality (0 when none), then
 * the figures. */
#define IN_SCOPE " AND " ORG_SCOPE
#define BY_ORG "o.id, coalesce(o.mun_id, 0), "
#define GROUPED " GROUP BY o.id"
#define EVENT_PERSONS_(head, table, alias, join, cond, tail) \
	"SELECT " head "count(DISTINCT " alias ".person_id) FROM " table " " alias \
	join " person p ON p.id = " alias ".person_id" join " organisation o ON o.id = p.org_id" \
	" WHERE " STORE_PED_WORKER " AND " cond tail
#define EVENT_PERSONS(table, alias, cond) EVENT_PERSONS_("", table, alias, " JOIN", cond, IN_SCOPE)

/* A person p who presented a completed card's result in the year (the
 * persons who did are found once, as a set, not looked up card by card). */
#define PRESENTED_SET \
	"(SELECT f.person_id FROM iom f" \
	" WHERE f.status = 'completed' AND trim(coalesce(f.final_event, '')) <> ''" \
	" AND f.final_event_date BETWEEN :y0 AND :y1)"
#define PRESENTED "p.id IN " PRESENTED_SET

/* Of the persons with a card in force, those who presented a completed
 * one's result in the year. */
#define IPPR_PRESENTED(head, tail) \
	"SELECT " head "count(DISTINCT CASE WHEN " PRESENTED " THEN p.id END), count(DISTINCT p.id)" \
	" FROM iom i JOIN person p ON p.id = i.person_id JOIN organisation o ON o.id = p.org_id" \
	" WHERE " STORE_PED_WORKER " AND " CARD_IN_YEAR tail

/* A person p mentored in a pair running in the year. */
#define MENTEE_IN_YEAR "EXISTS (SELECT 1 FROM mentoring_pair mp WHERE mp.mentee_id = p.id AND " PAIR_IN_YEAR ")"

#define YOUNG_MENTEES(head, tail) \
	"SELECT " head "coalesce(sum(" MENTEE_IN_YEAR "), 0), count(*) FROM person p JOIN organisation o ON o.id = p.org_id" \
	" WHERE " STORE_PED_WORKER " AND " STORE_YOUNG_SQL tail

/* The events that put a person in a formula's numerator, each written
 * once: the figure counts them (EVENT_PERSONS) and the list of who counts
 * reads them (EVENT_MEMBER). */
#define DIAGNOSED_COND "d.archived = 0 AND d.diag_date BETWEEN :y0 AND :y1"
#define COURSE_YEAR_COND "c.archived = 0 AND c.end_date BETWEEN :y0 AND :y1"
#define COURSE_3Y_COND "c.archived = 0 AND c.end_date BETWEEN :y3 AND :y1"
#define IPPR_TEMPLATE "i.template = 'ippr'"
#define IPPR_CARD_LIVE IPPR_TEMPLATE " AND " CARD_LIVE_IN_YEAR
#define IPPR_CARD_COND "i.person_id = p.id AND " IPPR_CARD_LIVE
#define PROJECT_COND "v.archived = 0 AND v.year = :y"
/* The persons of such events, each as often as he has them, for the
 * figures of every organisation at once: who of them is a pedagogical
 * worker (STORE_PED_WORKER), and of which organisation, is the one list
 * of them (ped_workers below), not looked up event by event. */
#define EVENT_EACH(table, alias, cond) "SELECT " alias ".person_id FROM " table " " alias " WHERE " cond
/* The cards in force in the year, read once for the three formulas of
 * cards: a person with one (bit 0), with an ИППР (bit 1), who presented
 * a completed card's result in the year (bit 2). */
static const char iom_cards[] =
	"SELECT i.person_id, " IPPR_TEMPLATE ", i.person_id IN " PRESENTED_SET " FROM iom i WHERE " CARD_LIVE_IN_YEAR;
/* A person p with such an event. */
#define EVENT_MEMBER(table, alias, cond) \
	"EXISTS (SELECT 1 FROM " table " " alias " WHERE " alias ".person_id = p.id AND " cond ")"

static const struct formula_sql formula_sql[] = {
	{ "diagnosed",
	  EVENT_PERSONS("diagnostic", "d", DIAGNOSED_COND),
	  NULL, NULL, true, T_PEOPLE | T_DIAG,
	  NULL,
	  EVENT_EACH("diagnostic", "d", DIAGNOSED_COND), 1, 0 },
	{ "course_year",
	  EVENT_PERSONS("course", "c", COURSE_YEAR_COND),
	  NULL, NULL, true, T_PEOPLE | T_COURSE,
	  NULL,
	  EVENT_EACH("course", "c", COURSE_YEAR_COND), 1, 0 },
	{ "course_3y",
	  EVENT_PERSONS("course", "c", COURSE_3Y_COND),
	  NULL, NULL, true, T_PEOPLE | T_COURSE,
	  NULL,
	  EVENT_EACH("course", "c", COURSE_3Y_COND), 1, 0 },
	{ "iom_share",
	  EVENT_PERSONS("iom", "i", CARD_IN_YEAR), NULL, NULL, true, T_PEOPLE | T_IOM,
	  NULL,
	  iom_cards, 1, 0 },
	{ "ippr_share",
	  EVENT_PERSONS("iom", "i", IPPR_CARD_COND), NULL, NULL, true, T_PEOPLE | T_IOM,
	  NULL,
	  iom_cards, 2, 0 },
	{ "ippr_presented", IPPR_PRESENTED("", IN_SCOPE), NULL, NULL, false, T_PEOPLE | T_IOM,
	  NULL,
	  iom_cards, 4, 1 },
	{ "young_mentees", YOUNG_MENTEES("", IN_SCOPE), NULL, NULL, false, T_PEOPLE | T_PAIR,
	  NULL,
	  /* p.archived = 0 only spares the others' experience (ped_workers). */
	  "SELECT p.id, " MENTEE_IN_YEAR " FROM person p WHERE p.archived = 0 AND " STORE_YOUNG_SQL, 2, 1 },
	{ "mentee_satisfaction", SATISFACTION("", IN_SCOPE), ":who", "mentee", false, T_PEOPLE | T_PAIR | T_SURVEY,
	  SATISFACTION(BY_ORG, GROUPED), NULL, 0, 0 },
	{ "mentor_satisfaction", SATISFACTION("", IN_SCOPE), ":who", "mentor", false, T_PEOPLE | T_PAIR | T_SURVEY,
	  SATISFACTION(BY_ORG, GROUPED), NULL, 0, 0 },
	{ "projects",
	  EVENT_PERSONS("innovation", "v", PROJECT_COND), NULL, NULL, true, T_PEOPLE | T_INNOV,
	  NULL,
	  EVENT_EACH("innovation", "v", PROJECT_COND), 1, 0 },
	{ "schools_contests",
	  "SELECT coalesce(sum(" SCHOOL_TOOK_PART "), 0), count(*)" ORGS, ":pkind", "contest", false, T_PEOPLE | T_PART,
	  NULL, NULL, 0, 0 },
	{ "schools_scimethod",
	  "SELECT coalesce(sum(" SCHOOL_TOOK_PART "), 0), count(*)" ORGS, ":pkind", "scimethod", false, T_PEOPLE | T_PART,
	  NULL, NULL, 0, 0 },
	{ "schools_mentoring",
	  "SELECT coalesce(sum(" ORG_HAS_PAIR "), 0), count(*)" SCHOOLS, NULL, NULL, false, T_PEOPLE | T_PAIR, NULL, NULL, 0, 0 },
	/* №7: a mentoring programme adopted (its date on the organisation's
	 * card) by the end of the year. */
	{ "orgs_mentoring_plan",
	  ORG_PLAN("mentoring_plan_date"), NULL, NULL, false,
	  T_ORG, NULL, NULL, 0, 0 },
	/* №9: carried out — at least one pair running in the year. */
	{ "mun_orgs_mentoring",
	  "SELECT coalesce(sum(" ORG_HAS_PAIR "), 0), count(*)" MUN_ORGS, NULL, NULL, false, T_PEOPLE | T_PAIR, NULL, NULL, 0, 0 },
	/* 003 №6 and the organisations' indicators of 000: a plan adopted (its
	 * date on the organisation's card) by the end of the year. */
	{ "orgs_attestation_plan", ORG_PLAN("attestation_plan_date"), NULL, NULL, false, T_ORG, NULL, NULL, 0, 0 },
	{ "orgs_pd_statute", ORG_PLAN("pd_statute_date"), NULL, NULL, false, T_ORG, NULL, NULL, 0, 0 },
	{ "orgs_vsoko_ippr", ORG_PLAN("vsoko_ippr_date"), NULL, NULL, false, T_ORG, NULL, NULL, 0, 0 },
	{ "orgs_job_ippr", ORG_PLAN("job_ippr_date"), NULL, NULL, false, T_ORG, NULL, NULL, 0, 0 },
	/* 003 №18: teachers using modern educational technologies by the end of
	 * the year (the date on the person's card). */
	{ "modern_tech", "SELECT count(*)" PERSONS " AND " MODERN_TECH, NULL, NULL, true, T_PEOPLE, NULL,
	  "SELECT p.id FROM person p WHERE p.archived = 0 AND " MODERN_TECH, 1, 0 },
	{ "schools_vacancies",
	  "SELECT coalesce(sum(" NEED("") "), 0), count(*)" ORGS, NULL, NULL, false, T_ORG | T_NEED, NULL, NULL, 0, 0 },
	{ "schools_staffed",
	  "SELECT coalesce(sum(" ORG_STAFFED "), 0), count(*)" ORGS,
	  NULL, NULL, false, T_ORG | T_NEED | T_COUNT, NULL, NULL, 0, 0 },
	{ "schools_young30",
	  "SELECT coalesce(sum(" ORG_YOUNG30 "), 0), count(*)" ORGS, NULL, NULL, false,
	  T_ORG | T_COUNT, NULL, NULL, 0, 0 },
	/* 000: municipalities (municipal education systems) that included the
	 * management of the ИППР in their МСОКО (the date on the municipality)
	 * by the end of the year, of all municipalities of the scope; an
	 * organisation's scope is its municipality. */
	{ "muns_msoko_ippr",
	  "SELECT coalesce(sum(" MSOKO_ADOPTED "), 0), count(*) FROM municipality m WHERE " MUN_SCOPE,
	  NULL, NULL, false, T_MUN, NULL, NULL, 0, 0 },
	{ "recommendations_visits",
	  /* A recommendation with neither organisation nor municipality belongs to the region. */
	  "SELECT count(*), 1 FROM recommendation r LEFT JOIN organisation o ON o.id = r.org_id"
	  " LEFT JOIN municipality m ON m.id = coalesce(r.mun_id, o.mun_id)"
	  " WHERE r.archived = 0 AND r.source IN ('visit_municipal', 'visit_regional')"
	  " AND r.rec_date BETWEEN :y0 AND :y1"
	  " AND (:rid = 0 OR coalesce(o.region_id, m.region_id, :rid) = :rid)"
	  " AND (:mid = 0 OR coalesce(r.mun_id, o.mun_id) = :mid) AND (:oid = 0 OR r.org_id = :oid)",
	  NULL, NULL, false, T_ORG | T_MUN | T_REC, NULL, NULL, 0, 0 },
};

/* The active persons of the scope, remembered while the counters of
 * persons and organisations (stamp) stay the same. */
static long scope_persons(struct store *s, int64_t rid, int64_t mid, int64_t oid, int64_t stamp)
{
	sqlite3_stmt *st;

	if (s->persons_memo.valid && s->persons_memo.rid == rid && s->persons_memo.mid == mid &&
	    s->persons_memo.oid == oid && s->persons_memo.stamp == stamp)
		return s->persons_memo.persons;
	st = store_prepare(s, "SELECT count(*)" PERSONS);
	store_bind_named_int(st, ":rid", rid);
	store_bind_named_int(st, ":mid", mid);
	store_bind_named_int(st, ":oid", oid);
	s->persons_memo.persons = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	s->persons_memo.valid = true;
	s->persons_memo.rid = rid;
	s->persons_memo.mid = mid;
	s->persons_memo.oid = oid;
	s->persons_memo.stamp = stamp;
	return s->persons_memo.persons;
}

int store_wide_begin(struct store *s)
{
	int prev = (int)store_int(s, "PRAGMA cache_size", NULL);
	char sql[48];

	if (prev == 0 || (prev < 0 ? -(int64_t)prev : (int64_t)prev * 4) >= STORE_WIDE_CACHE_KB)
		return 0;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -(int)STORE_WIDE_CACHE_KB);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return prev;
}

void store_wide_end(struct store *s, int prev)
{
	char sql[48];

	if (prev == 0)
		return;
	/* The persons one by one (ped_workers_load, each_marks) are a
	 * region-wide computation's too: given back with the pages (at 100 000
	 * teachers half a megabyte a session would keep). The organisations'
	 * persons (orgs_memo) go with them, read again with them. */
	free(s->ped_memo.row);
	free(s->ped_memo.slots);
	for (size_t i = 0; i < NITEMS(s->each_memo); i++)
		free(s->each_memo[i].mark);
	memset(&s->ped_memo, 0, sizeof s->ped_memo);
	memset(&s->each_memo, 0, sizeof s->each_memo);
	s->orgs_memo.valid = false;
	/* SQLite frees the pages above the smaller size at once. */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", prev);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static bool cache_get(struct store *s, const char *formula, int year, const int64_t key[3],
		      int64_t stamp, long *num, long *den)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT num, den FROM figure_cache WHERE formula = ? AND year = ? AND rid = ?"
		" AND mid = ? AND oid = ? AND stamp = ?");
	bool hit;

	sqlite3_bind_text(st, 1, formula, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	for (int i = 0; i < 3; i++)
		sqlite3_bind_int64(st, 3 + i, key[i]);
	sqlite3_bind_int64(st, 6, stamp);
	hit = sqlite3_step(st) == SQLITE_ROW;
	if (hit) {
		*num = (long)sqlite3_column_int64(st, 0);
		*den = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return hit;
}

/* Keeping a figure is an optimisation: when the file is busy (or the
 * caller has a transaction open) the figure is still right, only computed
 * again next time. The formula's figures of older counters go with it, so
 * the table holds only current ones. */
static void cache_put(struct store *s, const char *formula, int year, const int64_t key[3],
		      int64_t stamp, long num, long den)
{
	sqlite3_stmt *st;
	int rc;

	if (!store_cache_begin(s))
		return;
	rc = store_run(s, "DELETE FROM figure_cache WHERE formula = ? AND stamp <> ?", "ti", formula, stamp);
	st = store_prepare(s,
		"INSERT INTO figure_cache (formula, year, rid, mid, oid, num, den, stamp)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (formula, year, rid, mid, oid) DO UPDATE"
		" SET num = excluded.num, den = excluded.den, stamp = excluded.stamp"
		" WHERE excluded.stamp >= figure_cache.stamp");

	sqlite3_bind_text(st, 1, formula, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	for (int i = 0; i < 3; i++)
		sqlite3_bind_int64(st, 3 + i, key[i]);
	sqlite3_bind_int64(st, 6, num);
	sqlite3_bind_int64(st, 7, den);
	sqlite3_bind_int64(st, 8, stamp);
	if (rc == ST_OK)
		rc = store_step_done(s, st);
	else
		sqlite3_reset(st);
	store_end(s, rc);
}

/* The formula of a key, and the year checked; NULL with the store's
 * message set when either is wrong (*rc: ST_NOTFOUND or ST_CONSTRAINT). */
static const struct formula_sql *formula_of(struct store *s, const char *formula, int year, int *rc)
{
	const struct formula_sql *f = NULL;

	for (size_t i = 0; formula && i < NITEMS(formula_sql); i++)
		if (strcmp(formula_sql[i].key, formula) == 0)
			f = &formula_sql[i];
	if (f == NULL) {
		snprintf(s->err, sizeof s->err, "неизвестная формула показателя «%s»",
			 formula ? formula : "");
		*rc = ST_NOTFOUND;
		return NULL;
	}
	if (year < 2000 || year > 2100) {
		snprintf(s->err, sizeof s->err, "год %d вне 2000–2100", year);
		*rc = ST_CONSTRAINT;
		return NULL;
	}
	return f;
}

/* The year's bounds and the scope, bound by name (absent names are skipped). */
static void bind_year_scope(sqlite3_stmt *st, const struct formula_sql *f, int year, int64_t rid,
			    int64_t mid, int64_t oid)
{
	char y0[24], y1[24], y3[24];

	snprintf(y0, sizeof y0, "%04d-01-01", year);
	snprintf(y1, sizeof y1, "%04d-12-31", year);
	snprintf(y3, sizeof y3, "%04d-01-01", year - 2);   /* three calendar years to the end of year */
	store_bind_named_int(st, ":y", year);
	store_bind_named_text(st, ":y0", y0);
	store_bind_named_text(st, ":y1", y1);
	store_bind_named_text(st, ":y3", y3);
	store_bind_named_int(st, ":rid", rid);
	store_bind_named_int(st, ":mid", mid);
	store_bind_named_int(st, ":oid", oid);
	if (f->text_name)
		store_bind_named_text(st, f->text_name, f->text_value);
}

int store_indicator_compute(struct store *s, const char *formula, int year,
			    const char *scope_kind, int64_t scope_id, long *num, long *den)
{
	const struct formula_sql *f;
	int64_t rid = 0, mid = 0, oid = 0, key[3], stamp;
	sqlite3_stmt *st;
	int rc;

	*num = *den = 0;
	if ((f = formula_of(s, formula, year, &rc)) == NULL)
		return rc;
	if (scope_kind && strcmp(scope_kind, "region") == 0 && scope_id >= 0) {
		rid = scope_id;
	} else if (scope_kind && strcmp(scope_kind, "mun") == 0 && scope_id > 0) {
		mid = scope_id;
	} else if (scope_kind && strcmp(scope_kind, "org") == 0 && scope_id > 0) {
		oid = scope_id;
	} else {
		store_set_error(s, "охват показателя: ожидается region, mun или org с кодом записи");
		return ST_CONSTRAINT;
	}
	key[0] = rid;
	key[1] = mid;
	key[2] = oid;
	/* The counters are read before the figure: a change committed in
	 * between makes the kept figure stale at once, never wrong. */
	stamp = store_tables_stamp(s, f->tables);
	if (cache_get(s, f->key, year, key, stamp, num, den))
		return ST_OK;
	st = store_prepare(s, f->sql);
	bind_year_scope(st, f, year, rid, mid, oid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*num = (long)sqlite3_column_int64(st, 0);
		*den = f->persons_den ? 0 : (long)sqlite3_column_int64(st, 1);
		rc = ST_OK;
	} else {
		store_set_error(s, errtext_db(s->db));
		rc = ST_ERROR;
	}
	sqlite3_reset(st);
	if (rc == ST_OK && f->persons_den)
		*den = scope_persons(s, rid, mid, oid, store_tables_stamp(s, T_PEOPLE));
	if (rc == ST_OK)
		cache_put(s, f->key, year, key, stamp, *num, *den);
	return rc;
}

/* --- figures of persons, organisation by organisation --------------------- */

bool store_indicator_of_persons(const char *formula)
{
	for (size_t i = 0; formula && i < NITEMS(formula_sql); i++)
		if (strcmp(formula_sql[i].key, formula) == 0)
			return formula_sql[i].orgs != NULL || formula_sql[i].each != NULL;
	return false;
}

int64_t store_indicator_stamp(struct store *s, const char *formula)
{
	for (size_t i = 0; formula && i < NITEMS(formula_sql); i++)
		if (strcmp(formula_sql[i].key, formula) == 0)
			return store_tables_stamp(s, formula_sql[i].tables);
	return 0;
}

static int cmp_slot(const void *a, const void *b)
{
	const struct ped_slot *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Rows of (organisation, municipality, numerator, denominator) in *out. */
static int read_orgs(struct store *s, sqlite3_stmt *st, struct indicator_org **out, int *n)
{
	int rc, cap = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct indicator_org *o;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		o = &(*out)[(*n)++];
		o->org = sqlite3_column_int64(st, 0);
		o->mun = sqlite3_column_int64(st, 1);
		o->num = (long)sqlite3_column_int64(st, 2);
		o->den = (long)sqlite3_column_int64(st, 3);
	}
	if (rc != SQLITE_DONE)
		store_set_error(s, errtext_db(s->db));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : ST_ERROR;
}

/* The pedagogical workers of the database one by one, organisation by
 * organisation (each organisation read once, its persons from the index
 * of persons by organisation): the person, his organisation and its
 * municipality (0 when none). */
static const char ped_workers[] =
	"SELECT p.id, o.id, coalesce(o.mun_id, 0) FROM organisation o CROSS JOIN person p ON p.org_id = o.id"
	" WHERE " STORE_PED_WORKER " ORDER BY o.id";

/* The active persons of every organisation (orgs_memo: den the persons)
 * and the persons themselves (ped_memo: each one's row of orgs_memo),
 * read at once and remembered while the counters of persons and
 * organisations stay the same. Ids are dense (rowids): a person's slot is
 * his id, unless they are too sparse (or below 0), then his place among
 * them sorted. */
static int ped_workers_load(struct store *s)
{
	int64_t pstamp = store_tables_stamp(s, T_PEOPLE), max = 0, min = 0;
	sqlite3_stmt *st;
	struct indicator_org *rows = NULL;
	struct ped_slot *ps = NULL;
	int np = 0, pcap = 0, nr = 0, rcap = 0, rc;

	if (s->orgs_memo.valid && s->orgs_memo.stamp == pstamp)
		return ST_OK;
	st = store_prepare(s, ped_workers);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t org = sqlite3_column_int64(st, 1);
		if (nr == 0 || rows[nr - 1].org != org) {
			if (nr == rcap) {
				rcap = rcap ? 2 * rcap : 256;
				rows = xrealloc(rows, (size_t)rcap * sizeof *rows);
			}
			rows[nr++] = (struct indicator_org){ org, sqlite3_column_int64(st, 2), 0, 0 };
		}
		if (np == pcap) {
			pcap = pcap ? 2 * pcap : 1024;
			ps = xrealloc(ps, (size_t)pcap * sizeof *ps);
		}
		ps[np].id = sqlite3_column_int64(st, 0);
		ps[np].row = nr - 1;
		if (ps[np].id > max)
			max = ps[np].id;
		if (ps[np].id < min)
			min = ps[np].id;
		rows[nr - 1].den++;
		np++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(s->db));
		free(rows);
		free(ps);
		return ST_ERROR;
	}
	free(s->orgs_memo.rows);
	free(s->ped_memo.slots);
	free(s->ped_memo.row);
	s->orgs_memo.rows = rows ? rows : xcalloc(1, sizeof *rows);
	s->orgs_memo.n = nr;
	s->orgs_memo.stamp = pstamp;
	s->orgs_memo.valid = true;
	s->ped_memo.slots = NULL;
	s->ped_memo.row = NULL;
	if (min >= 0 && max <= 4 * (int64_t)np + 4096) {
		s->ped_memo.dense = true;
		s->ped_memo.n = (int)max + 1;
		s->ped_memo.row = xcalloc((size_t)max + 1, sizeof *s->ped_memo.row);
		for (int64_t i = 0; i <= max; i++)
			s->ped_memo.row[i] = -1;
		for (int i = 0; i < np; i++)
			s->ped_memo.row[ps[i].id] = ps[i].row;
		free(ps);
	} else {
		s->ped_memo.dense = false;
		s->ped_memo.n = np;
		qsort(ps, (size_t)np, sizeof *ps, cmp_slot);
		s->ped_memo.slots = ps;
	}
	return ST_OK;
}

/* A person's slot in ped_memo, -1 when he is not a pedagogical worker. */
static int ped_slot(const struct store *s, int64_t id)
{
	const struct ped_slot key = { id, 0 }, *p;

	if (s->ped_memo.dense)
		return id >= 0 && id < s->ped_memo.n && s->ped_memo.row[id] >= 0 ? (int)id : -1;
	p = bsearch(&key, s->ped_memo.slots, (size_t)s->ped_memo.n, sizeof key, cmp_slot);
	return p ? (int)(p - s->ped_memo.slots) : -1;
}

/* The row of orgs_memo of a slot. */
static int ped_row(const struct store *s, int slot)
{
	return s->ped_memo.dense ? s->ped_memo.row[slot] : s->ped_memo.slots[slot].row;
}

/* Whether another formula reads the same persons (formula_sql.each). */
static bool each_shared(const struct formula_sql *f)
{
	for (size_t i = 0; i < NITEMS(formula_sql); i++)
		if (&formula_sql[i] != f && formula_sql[i].each == f->each)
			return true;
	return false;
}

/* The marks of each's persons (formula_sql.each) in the year, by slot
 * of ped_memo: read, or, when another formula reads the same persons,
 * kept for it (each_memo: the last few such readings, while the statement,
 * year, counters and slots stay). *own: the caller frees them. */
static unsigned char *each_marks(struct store *s, const struct formula_sql *f, int year,
				 int64_t stamp, bool *own)
{
	sqlite3_stmt *st;
	unsigned char *mark;
	int ns, cols, rc;

	*own = false;
	if (ped_workers_load(s) != ST_OK)
		return NULL;
	ns = s->ped_memo.n;
	/* Same statement, parameters, counters, and persons' slots. */
	for (size_t i = 0; i < NITEMS(s->each_memo); i++) {
		const struct each_memo *e = &s->each_memo[i];
		if (e->mark && e->sql == f->each && e->text == f->text_value && e->year == year &&
		    e->stamp == stamp && e->slots_stamp == s->orgs_memo.stamp && e->n == ns)
			return e->mark;
	}
	st = store_prepare(s, f->each);
	bind_year_scope(st, f, year, 0, 0, 0);
	cols = sqlite3_column_count(st);
	mark = xcalloc((size_t)ns + 1, 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = ped_slot(s, sqlite3_column_int64(st, 0));
		if (k < 0)
			continue;
		mark[k] |= 1;
		for (int c = 1; c < cols && c < 8; c++)
			if (sqlite3_column_int(st, c))
				mark[k] |= (unsigned char)(1u << c);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(s->db));
		free(mark);
		return NULL;
	}
	if (!each_shared(f)) {
		*own = true;
		return mark;
	}
	{
		struct each_memo *e = &s->each_memo[s->each_next];
		s->each_next = (s->each_next + 1) % (int)NITEMS(s->each_memo);
		free(e->mark);
		e->mark = mark;
		e->sql = f->each;
		e->text = f->text_value;
		e->slots_stamp = s->orgs_memo.stamp;
		e->year = year;
		e->stamp = stamp;
		e->n = ns;
	}
	return mark;
}

/* A figure of persons of every organisation from its persons' marks
 * (each_marks: a person counted once, whatever his events), counted
 * organisation by organisation. Over all persons the denominator is
 * every organisation's persons; otherwise the persons of den_bits, and an
 * organisation with none of them has no row. */
static int orgs_of_each(struct store *s, const struct formula_sql *f, int year, int64_t stamp,
			struct indicator_org **out, int *n)
{
	bool own;
	unsigned char *mark = each_marks(s, f, year, stamp, &own);
	long *num, *den;
	int ns, nr, w = 0;

	if (mark == NULL)
		return ST_ERROR;
	ns = s->ped_memo.n;
	nr = s->orgs_memo.n;
	num = xcalloc((size_t)nr + 1, sizeof *num);
	den = xcalloc((size_t)nr + 1, sizeof *den);
	for (int i = 0; i < ns; i++)
		if (mark[i]) {
			int r = ped_row(s, i);
			if (f->den_bits & mark[i])
				den[r]++;
			if (f->num_bits & mark[i])
				num[r]++;
		}
	*out = xcalloc((size_t)nr + 1, sizeof **out);
	for (int i = 0; i < nr; i++) {
		if (f->den_bits && den[i] == 0)
			continue;
		(*out)[w] = s->orgs_memo.rows[i];
		(*out)[w].num = num[i];
		if (f->den_bits)
			(*out)[w].den = den[i];
		w++;
	}
	*n = w;
	free(num);
	free(den);
	if (own)
		free(mark);
	return ST_OK;
}

int store_indicator_orgs(struct store *s, const char *formula, int year, struct indicator_org **out,
			 int *n, int64_t *stamp)
{
	const struct formula_sql *f;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	*stamp = 0;
	if ((f = formula_of(s, formula, year, &rc)) == NULL)
		return rc;
	if (f->orgs == NULL && f->each == NULL) {
		snprintf(s->err, sizeof s->err, "формула «%s» считает не педагогов", formula);
		return ST_NOTFOUND;
	}
	/* The counters first: a change committed meanwhile makes what is kept
	 * of these figures stale at once, never wrong. */
	*stamp = store_tables_stamp(s, f->tables);
	if (f->each)
		return orgs_of_each(s, f, year, *stamp, out, n);
	/* The rest (answers, not persons): both figures by the statement. */
	st = store_prepare(s, f->orgs);
	bind_year_scope(st, f, year, 0, 0, 0);
	if ((rc = read_orgs(s, st, out, n)) != ST_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* --- protected figures, kept --------------------------------------------- */

bool store_figure_kept(struct store *s, const char *key, int year, int64_t mid, int64_t oid,
		       int64_t stamp, long *num, long *den)
{
	const int64_t k[3] = { 0, mid, oid };

	return cache_get(s, key, year, k, stamp, num, den);
}

/* A decision's rows go in KEEP_ROWS to a statement (one statement, not
 * one per row: a region's decision is a row per organisation), the rest
 * one by one. */
enum { KEEP_ROWS = 64 };
#define KEEP_INSERT "INSERT INTO figure_cache (formula, year, rid, mid, oid, num, den, stamp) VALUES "
#define KEEP_ROW "(?, ?, 0, ?, ?, ?, ?, ?)"
#define KEEP_UPSERT \
	" ON CONFLICT (formula, year, rid, mid, oid) DO UPDATE" \
	" SET num = excluded.num, den = excluded.den, stamp = excluded.stamp"

static const char *keep_many_sql(void)
{
	static char sql[sizeof KEEP_INSERT + KEEP_ROWS * (sizeof KEEP_ROW + 2) + sizeof KEEP_UPSERT];

	if (sql[0] == '\0') {
		size_t w = (size_t)snprintf(sql, sizeof sql, "%s", KEEP_INSERT);
		for (int i = 0; i < KEEP_ROWS; i++)
			w += (size_t)snprintf(sql + w, sizeof sql - w, "%s" KEEP_ROW, i ? ", " : "");
		snprintf(sql + w, sizeof sql - w, "%s", KEEP_UPSERT);
	}
	return sql;
}

void store_figure_keep(struct store *s, const char *key, int year, int64_t stamp,
		       const struct kept_figure *rows, int n)
{
	sqlite3_stmt *st;
	int rc, i = 0;

	if (!store_cache_begin(s))
		return;
	rc = store_run(s, "DELETE FROM figure_cache WHERE formula = ? AND (stamp <> ? OR year = ?)", "tii",
		       key, stamp, (int64_t)year);
	while (rc == ST_OK && i < n) {
		int m = n - i >= KEEP_ROWS ? KEEP_ROWS : 1;
		st = store_prepare(s, m == KEEP_ROWS ? keep_many_sql() : KEEP_INSERT KEEP_ROW KEEP_UPSERT);
		for (int j = 0; j < m; j++, i++) {
			int b = 7 * j;
			sqlite3_bind_text(st, b + 1, key, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, b + 2, year);
			sqlite3_bind_int64(st, b + 3, rows[i].mid);
			sqlite3_bind_int64(st, b + 4, rows[i].oid);
			sqlite3_bind_int64(st, b + 5, rows[i].num);
			sqlite3_bind_int64(st, b + 6, rows[i].den);
			sqlite3_bind_int64(st, b + 7, stamp);
		}
		rc = store_step_done(s, st);
	}
	store_end(s, rc);
}

/* --- who counts: the members behind a figure ------------------------------ */

/* A formula's members, by the conditions its figure is counted with
 * (formula_sql above): for persons, den is what puts an active person of
 * the scope (STORE_PED_WORKER, ORG_SCOPE) in the denominator and num what
 * puts him in the numerator; for organisations, den is the whole
 * condition of the denominator (ORGS_WHERE and its kin) and num the
 * numerator's; for municipalities, the same (MUN_SCOPE). Formulas not
 * here (satisfaction: answers, not persons; records) list nothing. */
struct member_sql {
	const char *key;
	char kind;              /* 'p' persons, 'o' organisations, 'm' municipalities */
	const char *den;
	const char *num;
};

static const struct member_sql member_sql[] = {
	{ "diagnosed", 'p', "1", EVENT_MEMBER("diagnostic", "d", DIAGNOSED_COND) },
	{ "course_year", 'p', "1", EVENT_MEMBER("course", "c", COURSE_YEAR_COND) },
	{ "course_3y", 'p', "1", EVENT_MEMBER("course", "c", COURSE_3Y_COND) },
	{ "iom_share", 'p', "1", EVENT_MEMBER("iom", "i", CARD_IN_YEAR) },
	{ "ippr_share", 'p', "1", EVENT_MEMBER("iom", "i", IPPR_CARD_COND) },
	{ "ippr_presented", 'p', "EXISTS (SELECT 1 FROM iom i WHERE " CARD_IN_YEAR ")", PRESENTED },
	{ "young_mentees", 'p', STORE_YOUNG_SQL, MENTEE_IN_YEAR },
	{ "projects", 'p', "1", EVENT_MEMBER("innovation", "v", PROJECT_COND) },
	{ "modern_tech", 'p', "1", MODERN_TECH },
	{ "schools_contests", 'o', ORGS_WHERE, SCHOOL_TOOK_PART },
	{ "schools_scimethod", 'o', ORGS_WHERE, SCHOOL_TOOK_PART },
	{ "schools_mentoring", 'o', SCHOOLS_WHERE, ORG_HAS_PAIR },
	{ "orgs_mentoring_plan", 'o', ORGS_WHERE, PLAN_ADOPTED("mentoring_plan_date") },
	{ "mun_orgs_mentoring", 'o', MUN_ORGS_WHERE, ORG_HAS_PAIR },
	{ "orgs_attestation_plan", 'o', ORGS_WHERE, PLAN_ADOPTED("attestation_plan_date") },
	{ "orgs_pd_statute", 'o', ORGS_WHERE, PLAN_ADOPTED("pd_statute_date") },
	{ "orgs_vsoko_ippr", 'o', ORGS_WHERE, PLAN_ADOPTED("vsoko_ippr_date") },
	{ "orgs_job_ippr", 'o', ORGS_WHERE, PLAN_ADOPTED("job_ippr_date") },
	{ "schools_vacancies", 'o', ORGS_WHERE, NEED("") },
	{ "schools_staffed", 'o', ORGS_WHERE, ORG_STAFFED },
	{ "schools_young30", 'o', ORGS_WHERE, ORG_YOUNG30 },
	{ "muns_msoko_ippr", 'm', MUN_SCOPE, MSOKO_ADOPTED },
};

static const struct member_sql *member_of(const char *formula)
{
	for (size_t i = 0; formula && i < NITEMS(member_sql); i++)
		if (strcmp(member_sql[i].key, formula) == 0)
			return &member_sql[i];
	return NULL;
}

char store_indicator_members(const char *formula)
{
	const struct member_sql *m = member_of(formula);

	return m ? m->kind : 0;
}

/* The statement parts of one formula's part, narrowed or not, built once
 * for the process's life (the texts are constant, the values bound). */
static const struct listq *member_q(const struct member_sql *m, enum indicator_part part, bool narrowed)
{
	static struct listq q[NITEMS(member_sql)][2][2];
	static bool made[NITEMS(member_sql)][2][2];
	size_t i = (size_t)(m - member_sql);
	int k = part == IND_PART_NUM ? 0 : 1;
	struct listq *l = &q[i][k][narrowed];
	char *which;

	if (made[i][k][narrowed])
		return l;
	/* In the numerator: the condition holds; only in the denominator: it
	 * does not (NULL, as a date not set, does not hold). */
	which = k == 0 ? xasprintf("(%s)", m->num) : xasprintf("NOT coalesce((%s), 0)", m->num);
	if (m->kind == 'p') {
		l->select = "SELECT p.id, p.surname_key, " STORE_FIO("p") ", coalesce(p.position, ''),"
			    " coalesce(o.short_name, o.name), '', p.archived";
		l->from = " FROM person p JOIN organisation o ON o.id = p.org_id";
		l->where = xasprintf(STORE_PED_WORKER " AND " ORG_SCOPE " AND (%s) AND %s%s%s", m->den, which,
				     narrowed ? " AND " : "", narrowed ? store_scope_sql : "");
		l->key = "p.surname_key";
		l->id = "p.id";
	} else if (m->kind == 'm') {
		/* A municipality the viewer sees: his own, or one of an
		 * organisation of his scope (the policy's scope of organisations). */
		l->select = "SELECT m.id, fold(m.name), m.name, coalesce(strftime('%d.%m.%Y', m.msoko_ippr_date), '—'),"
			    " m.code, '', 0";
		l->from = " FROM municipality m";
		l->where = xasprintf("%s AND %s%s%s%s", m->den, which,
				     narrowed ? " AND (:sc_all OR m.id IN (SELECT value FROM json_each(:sc_muns))"
						" OR m.id IN (SELECT o.mun_id FROM organisation o WHERE " : "",
				     narrowed ? store_org_scope_sql : "", narrowed ? "))" : "");
		l->key = "fold(m.name)";
		l->id = "m.id";
	} else {
		l->select = "SELECT o.id, fold(coalesce(o.short_name, o.name)), coalesce(o.short_name, o.name),"
			    " coalesce(m.name, ''), o.code, '', o.archived";
		l->from = " FROM organisation o LEFT JOIN municipality m ON m.id = o.mun_id";
		l->where = xasprintf("%s AND %s%s%s", m->den, which, narrowed ? " AND " : "",
				     narrowed ? store_org_scope_sql : "");
		l->key = "fold(coalesce(o.short_name, o.name))";
		l->id = "o.id";
	}
	l->reverse = false;
	made[i][k][narrowed] = true;
	free(which);
	return l;
}

struct member_bind {
	const struct formula_sql *f;
	int year;
	int64_t rid, mid, oid;
	const struct store_scope *sc;
};

static void member_bind_fn(sqlite3_stmt *st, const void *ctx)
{
	const struct member_bind *b = ctx;

	bind_year_scope(st, b->f, b->year, b->rid, b->mid, b->oid);
	if (b->sc)
		store_bind_scope(st, b->sc);
}

/* The formula, its members and the scope checked as store_indicator_compute does. */
static int member_setup(struct store *s, const char *formula, int year, const char *scope_kind,
			int64_t scope_id, const struct store_scope *sc, const struct member_sql **m,
			struct member_bind *b)
{
	int rc = ST_OK;

	memset(b, 0, sizeof *b);
	if ((b->f = formula_of(s, formula, year, &rc)) == NULL)
		return rc;
	if ((*m = member_of(formula)) == NULL) {
		snprintf(s->err, sizeof s->err, "формула «%s» не считает ни педагогов, ни организации", formula);
		return ST_NOTFOUND;
	}
	if (scope_kind && strcmp(scope_kind, "region") == 0 && scope_id >= 0) {
		b->rid = scope_id;
	} else if (scope_kind && strcmp(scope_kind, "mun") == 0 && scope_id > 0) {
		b->mid = scope_id;
	} else if (scope_kind && strcmp(scope_kind, "org") == 0 && scope_id > 0) {
		b->oid = scope_id;
	} else {
		store_set_error(s, "охват показателя: ожидается region, mun или org с кодом записи");
		return ST_CONSTRAINT;
	}
	b->year = year;
	b->sc = sc;
	return ST_OK;
}

int store_indicator_member_page(struct store *s, const char *formula, int year, const char *scope_kind,
				int64_t scope_id, enum indicator_part part, const struct store_scope *sc,
				const struct page_req *r, struct page *out)
{
	const struct member_sql *m = NULL;
	struct member_bind b;
	int rc;

	out->n = 0;
	out->rows = NULL;
	if ((rc = member_setup(s, formula, year, scope_kind, scope_id, sc, &m, &b)) != ST_OK)
		return rc;
	return store_run_page(s, member_q(m, part, sc != NULL), member_bind_fn, &b, r, out);
}

int store_indicator_member_count(struct store *s, const char *formula, int year, const char *scope_kind,
				 int64_t scope_id, enum indicator_part part, const struct store_scope *sc,
				 int *count)
{
	const struct member_sql *m = NULL;
	struct member_bind b;
	int rc;

	*count = 0;
	if ((rc = member_setup(s, formula, year, scope_kind, scope_id, sc, &m, &b)) != ST_OK)
		return rc;
	return store_run_count(s, member_q(m, part, sc != NULL), member_bind_fn, &b, count);
}
