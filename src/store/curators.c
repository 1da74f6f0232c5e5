/* Who may curate a teacher's ИОМ, and how loaded each one is. */
#include "store.h"
#include "store_int.h"
#include "errtext.h"
#include "store/reports.h"
#include "analytics.h"
#include "route.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A person's current load: teachers in curatorship, and ИОМ cards not yet
 * final that name him curator, counted once per teacher. */
#define LOAD_SQL \
	"(SELECT count(*) FROM (SELECT person_id FROM curatorship WHERE curator_id = p.id" \
	"  AND (end_date IS NULL OR end_date >= today())" \
	"  UNION SELECT person_id FROM iom WHERE curator_id = p.id AND archived = 0" \
	"  AND status NOT IN ('completed', 'cancelled')))"

int store_curator_load(struct store *s, int64_t curator_id)
{
	return (int)store_int(s, "SELECT " LOAD_SQL " FROM person p WHERE p.id = ?", "i", curator_id);
}

/* The rows of a candidates' query (id, label), at most max; resets it. */
static int take_candidates(sqlite3_stmt *st, int64_t *ids, char **labels, int max)
{
	int n = 0;

	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		labels[n] = xstrdup((const char *)sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_reset(st);
	return n;
}

/* The first item of a list of words («математика, физика» → «математика»),
 * folded, its first word cut to max characters: a stem that finds the word
 * in its Russian cases («методические», «методическим»). "" when none. */
static char *stem(const char *text, int max_chars)
{
	char *f = text_fold(text ? text : ""), *out;
	size_t n = 0;
	int chars = 0;

	while (f[n] && !strchr(",;.- ()/", f[n]) && chars < max_chars) {
		n++;
		while ((f[n] & 0xC0) == 0x80)   /* the rest of a UTF-8 sequence */
			n++;
		chars++;
	}
	out = xasprintf("%.*s", (int)n, f);
	free(f);
	return out;
}

/* The profile of a person matches a stem (both folded). */
#define MATCH(stem) "(" stem " <> '' AND instr(fold(coalesce(p.curator_profile, '')), " stem ") > 0)"
#define MATCH_BOTH "(" MATCH(":subj") " AND " MATCH(":blk") ")"
#define MATCH_ANY "(" MATCH(":subj") " OR " MATCH(":blk") ")"
/* The teacher's mentor in a pair now (§4.4.2: from his school). */
#define PAIR_MENTOR \
	"p.id IN (SELECT mentor_id FROM mentoring_pair WHERE mentee_id = :teacher AND archived = 0" \
	" AND state IN ('planned', 'active'))"

enum { WANT_METHODIST = 1, WANT_LECTURER = 2, WANT_MO_HEAD = 4, WANT_MENTOR = 8 };

/* Candidates of the wanted groups, lecturers matching the profile (need:
 * 2 subject and block, 1 either, 0 any); the teacher, the card's developer
 * and archived persons never. The teacher's present curator first, then
 * his mentor, then the better profile match, then the least loaded. */
static int candidates(struct store *s, unsigned want, int need, int64_t teacher, int64_t org,
		      int64_t developer, const char *subj, const char *blk, struct curator_proposal *out)
{
	static const char sql[] =
		"SELECT p.id, " STORE_FIO("p")
		" || ' — ' || coalesce(o.short_name, o.name, 'без организации')"
		" || ', курирует ' || " LOAD_SQL " AS label"
		" FROM person p LEFT JOIN organisation o ON o.id = p.org_id"
		" WHERE p.archived = 0 AND p.id <> :teacher AND p.id <> :developer AND ("
		"  (:want & 1 AND p.is_methodist = 1)"
		"  OR (:want & 2 AND o.kind = 'institute' AND (:need = 0"
		"   OR (:need = 1 AND " MATCH_ANY ") OR (:need = 2 AND " MATCH_BOTH ")))"
		"  OR (:want & 4 AND p.org_id = :org AND (p.is_methodist = 1"
		"   OR fold(coalesce(p.position, '')) LIKE '%руководитель%мо%'"
		"   OR fold(coalesce(p.position, '')) LIKE '%руководитель%методическ%объединени%'))"
		"  OR (:want & 8 AND p.org_id = :org AND (p.is_mentor = 1 OR " PAIR_MENTOR ")))"
		" ORDER BY EXISTS (SELECT 1 FROM curatorship c WHERE c.curator_id = p.id"
		"   AND c.person_id = :teacher AND (c.end_date IS NULL OR c.end_date >= today())) DESC,"
		" " PAIR_MENTOR " DESC, " MATCH_BOTH " DESC, " MATCH_ANY " DESC,"
		" " LOAD_SQL ", p.surname_key, p.id LIMIT :max";
	sqlite3_stmt *st = store_prepare(s, sql);

	store_bind_named_int(st, ":teacher", teacher);
	store_bind_named_int(st, ":developer", developer);
	store_bind_named_int(st, ":want", want);
	store_bind_named_int(st, ":need", need);
	store_bind_named_int(st, ":org", org);
	store_bind_named_text(st, ":subj", subj);
	store_bind_named_text(st, ":blk", blk);
	store_bind_named_int(st, ":max", STORE_CURATOR_MAX);
	out->n = take_candidates(st, out->ids, out->labels, STORE_CURATOR_MAX);
	return out->n;
}

/* Matching lecturers, the closest profile first: subject and block, else
 * either, else any lecturer (and the reason says so); with the МО heads
 * of the school too when mo is set. */
static void lecturers(struct store *s, bool mo, int64_t teacher, int64_t org, int64_t developer,
		      const char *subj_text, const char *blk_text, const char *subj,
		      const char *blk, struct curator_proposal *out)
{
	unsigned want = WANT_LECTURER | (mo ? WANT_MO_HEAD : 0);
	char profile[200];

	if (*subj_text && *blk_text)
		snprintf(profile, sizeof profile, "«%s», блок «%s»", subj_text, blk_text);
	else if (*subj_text || *blk_text)
		snprintf(profile, sizeof profile, "«%s»", *subj_text ? subj_text : blk_text);
	else
		strlcpy0(profile, "", sizeof profile);
	if (!*profile) {
		candidates(s, want, 0, teacher, org, developer, subj, blk, out);
		snprintf(out->reason + strlen(out->reason), sizeof out->reason - strlen(out->reason),
			 "; предмет и блок неизвестны — все преподаватели%s", mo ? " и руководители МО" : "");
		return;
	}
	/* With one of the two unknown, "either" is matching the other. The
	 * closeness is the lecturers' own (an МО head does not count). */
	for (int need = *subj_text && *blk_text ? 2 : 1; need >= 0; need--) {
		candidates(s, WANT_LECTURER, need, teacher, org, developer, subj, blk, out);
		if (out->n == 0 && need > 0)
			continue;
		if (mo) {
			curator_proposal_free(out);
			candidates(s, want, need, teacher, org, developer, subj, blk, out);
		}
		snprintf(out->reason + strlen(out->reason), sizeof out->reason - strlen(out->reason),
			 need == 2 || (need == 1 && (!*subj_text || !*blk_text)) ? "; профиль %s" :
			 need == 1 ? "; профиля %s нет — ближайшие по предмету или блоку" :
				     "; профиля %s нет — все преподаватели",
			 profile);
		return;
	}
}

int store_curator_propose(struct store *s, int model, int64_t teacher_id, int64_t diag_id,
			  int64_t developer_id, struct curator_proposal *out)
{
	char *level = NULL, *date = NULL, *subj_text = NULL, *blk_text = NULL, *subj, *blk;
	int64_t org = store_int(s, "SELECT coalesce(org_id, 0) FROM person WHERE id = ?", "i", teacher_id);

	memset(out, 0, sizeof *out);
	if (diag_id) {
		/* Read here whatever the asking user may see: only the proposal and
		 * its reason leave this function, never a level or a percentage. */
		level = store_text(s, "SELECT level FROM diagnostic WHERE id = ? AND person_id = ? AND archived = 0",
				   "ii", diag_id, teacher_id);
		date = store_text(s, "SELECT strftime('%d.%m.%Y', diag_date) FROM diagnostic WHERE id = ?"
				  " AND person_id = ?", "ii", diag_id, teacher_id);
		subj_text = store_text(s, "SELECT nullif(trim(subject), '') FROM diagnostic WHERE id = ?"
				       " AND person_id = ?", "ii", diag_id, teacher_id);
		/* The weakest block: the highest deficit level, then the lowest
		 * mastery; else the block with most deficits identified. */
		blk_text = store_text(s,
			"SELECT name FROM (SELECT b.name, CASE db.level WHEN 'high' THEN 0 WHEN 'medium' THEN 1"
			"  WHEN 'low' THEN 2 ELSE 3 END AS l, coalesce(db.pct_overall, 101) AS m, b.sort AS o"
			"  FROM diagnostic_block db JOIN competency_block b ON b.id = db.block_id"
			"  JOIN diagnostic d ON d.id = db.diagnostic_id"
			"  WHERE db.diagnostic_id = ?1 AND d.person_id = ?2"
			"   AND (db.level IS NOT NULL OR db.pct_overall IS NOT NULL)"
			" UNION ALL SELECT b.name, 4, 1000 - count(*), b.sort"
			"  FROM diagnostic_deficit dd JOIN deficit_code c ON c.id = dd.deficit_code_id"
			"  JOIN competency_block b ON b.id = c.block_id JOIN diagnostic d ON d.id = dd.diagnostic_id"
			"  WHERE dd.diagnostic_id = ?1 AND d.person_id = ?2 GROUP BY b.id)"
			" ORDER BY l, m, o LIMIT 1", "ii", diag_id, teacher_id);
	}
	if (subj_text == NULL)   /* the first of the teacher's subjects */
		subj_text = store_text(s, "SELECT trim(CASE WHEN instr(subjects, ',') > 0"
				       " THEN substr(subjects, 1, instr(subjects, ',') - 1) ELSE subjects END)"
				       " FROM person WHERE id = ?", "i", teacher_id);
	if (subj_text == NULL)
		subj_text = xstrdup("");
	if (blk_text == NULL)
		blk_text = xstrdup("");
	subj = stem(subj_text, 6);
	blk = stem(blk_text, 5);

	out->kind = route_curator_rule(model, level);
	switch (model) {
	case ROUTE_MODEL_DIAGNOSTIC:
		if (out->kind == ROUTE_CURATOR_UNKNOWN) {
			out->kind = ROUTE_CURATOR_REGIONAL_METHODIST;
			if (date)
				snprintf(out->reason, sizeof out->reason, "уровень дефицитов в диагностике от %s"
					 " не указан", date);
			else
				strlcpy0(out->reason, "диагностика не выбрана: уровень дефицитов неизвестен",
					 sizeof out->reason);
			candidates(s, WANT_METHODIST, 0, teacher_id, org, developer_id, subj, blk, out);
		} else if (out->kind == ROUTE_CURATOR_REGIONAL_METHODIST) {
			snprintf(out->reason, sizeof out->reason, "по уровню дефицитов в диагностике от %s", date);
			candidates(s, WANT_METHODIST, 0, teacher_id, org, developer_id, subj, blk, out);
		} else {
			snprintf(out->reason, sizeof out->reason, "по диагностике от %s", date);
			lecturers(s, false, teacher_id, org, developer_id, subj_text, blk_text, subj, blk, out);
		}
		break;
	case ROUTE_MODEL_POSTCOURSE:
		strlcpy0(out->reason, "посткурсовое сопровождение", sizeof out->reason);
		lecturers(s, true, teacher_id, org, developer_id, subj_text, blk_text, subj, blk, out);
		break;
	case ROUTE_MODEL_MENTORING:
		strlcpy0(out->reason, "наставник педагога из его школы", sizeof out->reason);
		if (candidates(s, WANT_MENTOR, 0, teacher_id, org, developer_id, subj, blk, out) == 0) {
			strlcpy0(out->reason, "в школе педагога нет педагога-наставника", sizeof out->reason);
			out->kind = ROUTE_CURATOR_REGIONAL_METHODIST;
			candidates(s, WANT_METHODIST, 0, teacher_id, org, developer_id, subj, blk, out);
		}
		break;
	default:
		strlcpy0(out->reason, route_curator_label(ROUTE_CURATOR_UNKNOWN), sizeof out->reason);
		break;
	}
	free(level);
	free(date);
	free(subj_text);
	free(blk_text);
	free(subj);
	free(blk);
	return ST_OK;
}

void curator_proposal_free(struct curator_proposal *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->labels[i]);
	p->n = 0;
}

int store_developer_candidates(struct store *s, int64_t *ids, char **labels, int max)
{
	/* Persons whose working account holds the developer role; the least
	 * loaded with cards in the making first. */
	sqlite3_stmt *st = store_prepare(s,
		"SELECT p.id, " STORE_FIO("p") " || ' — карт: ' ||"
		" (SELECT count(*) FROM iom i WHERE i.developer_id = p.id AND i.status IN ('draft', 'review', 'final_form'))"
		" || ', без карты: ' ||"
		" (SELECT count(*) FROM diagnostic d WHERE d.developer_id = p.id AND d.archived = 0"
		"   AND NOT EXISTS (SELECT 1 FROM iom i WHERE i.entry_diagnostic_id = d.id)) AS label"
		" FROM person p WHERE p.archived = 0 AND EXISTS (SELECT 1 FROM app_user u"
		"  JOIN user_role r ON r.user_id = u.id WHERE u.person_id = p.id AND u.disabled = 0"
		"  AND r.role = 'developer')"
		" ORDER BY (SELECT count(*) FROM iom i WHERE i.developer_id = p.id"
		"  AND i.status IN ('draft', 'review', 'final_form')), p.surname_key, p.id LIMIT ?");

	sqlite3_bind_int(st, 1, max);
	return take_candidates(st, ids, labels, max);
}

static void no_bind(sqlite3_stmt *st, const void *ctx)
{
	(void)st;
	(void)ctx;
}

int store_curators_page(struct store *s, const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT c.id, printf('%06d', 999999 - c.load) || c.surname_key, c.name, c.org,"
		" c.load, '', 0",
		" FROM (SELECT p.id, p.surname_key,"
		"  " STORE_FIO("p") " AS name,"
		"  coalesce(o.short_name, o.name, '') AS org, " LOAD_SQL " AS load"
		"  FROM person p LEFT JOIN organisation o ON o.id = p.org_id"
		"  WHERE p.archived = 0 AND (p.id IN (SELECT curator_id FROM curatorship"
		"   WHERE end_date IS NULL OR end_date >= today())"
		"   OR p.id IN (SELECT curator_id FROM iom WHERE archived = 0 AND curator_id IS NOT NULL"
		"    AND status NOT IN ('completed', 'cancelled')))) c",
		"1",
		"printf('%06d', 999999 - c.load) || c.surname_key",
		"c.id", false
	};
	return store_run_page(s, &q, no_bind, NULL, r, out);
}

int store_pool_figures(struct store *s, int year, int *teachers, int *pool, bool *pool_listed,
		       int *curators)
{
	/* The region's pedagogical workers by the one definition the
	 * monitoring and every table use. */
	*teachers = (int)store_int(s, "SELECT count(*) FROM person p JOIN organisation o ON o.id = p.org_id"
				   " WHERE " STORE_PED_WORKER, NULL);
	*pool = (int)store_int(s, "SELECT count(*) FROM methodist_pool WHERE year = ? AND state = 'member'"
				 " AND archived = 0", "i", (int64_t)year);
	*pool_listed = *pool > 0;
	if (!*pool_listed)
		*pool = (int)store_int(s, "SELECT count(*) FROM person WHERE archived = 0 AND is_methodist = 1", NULL);
	*curators = (int)store_int(s, "SELECT count(*) FROM (SELECT curator_id FROM curatorship"
				   " WHERE end_date IS NULL OR end_date >= today()"
				   " UNION SELECT curator_id FROM iom WHERE archived = 0 AND curator_id IS NOT NULL"
				   " AND status NOT IN ('completed', 'cancelled'))", NULL);
	return ST_OK;
}

static void year_bind(sqlite3_stmt *st, const void *ctx)
{
	store_bind_named_int(st, ":year", *(const int *)ctx);
}

int store_pool_page(struct store *s, int year, const struct page_req *r, struct page *out)
{
	static const struct listq q = {
		"SELECT mp.id, p.surname_key || printf('%09d', mp.id),"
		" " STORE_FIO("p") ", mp.state,"
		" coalesce(p.category, '') || '|' || coalesce(p.education, '') || '|'"
		" || coalesce(" STORE_EXPERIENCE_IN(":year") ", -1),"
		" (SELECT count(*) FROM curatorship c WHERE c.curator_id = p.id"
		"  AND (c.end_date IS NULL OR c.end_date >= today())), 0",
		" FROM methodist_pool mp JOIN person p ON p.id = mp.person_id",
		"mp.year = :year AND mp.archived = 0",
		"p.surname_key || printf('%09d', mp.id)",
		"mp.id", false
	};
	int rc = store_run_page(s, &q, year_bind, &year, r, out);

	for (int i = 0; rc == ST_OK && i < out->n; i++) {
		/* "category|education|years", each part possibly empty. */
		char *v = xstrdup(out->rows[i].cols[2]), *edu = strchr(v, '|'), *years, text[160];
		years = edu ? strchr(edu + 1, '|') : NULL;
		if (edu)
			*edu++ = '\0';
		if (years)
			*years++ = '\0';
		analytics_pool_requirements_text(analytics_pool_requirements(*v ? v : NULL, edu && *edu ? edu : NULL,
									     years ? atoi(years) : -1),
						 text, sizeof text);
		page_set_col(out, i, 2, text);
		page_set_col(out, i, 1, model_enum_label(model_pool_states, out->rows[i].cols[1]));
		free(v);
	}
	return rc;
}

/* The annual list of the pool for print and Excel: the report renderers'
 * table (store/reports.h), one row per member by surname. */
int store_pool_report(struct store *s, int year, struct report_table *out)
{
	static const char *const headers[] = {
		"№", "ФИО", "Организация", "Должность", "Квалификационная категория", "Образование",
		"Стаж, лет", "Статус", "Требования к методисту", "Курирует педагогов",
	};
	sqlite3_stmt *st;
	int n = 0, members = 0, rc;

	memset(out, 0, sizeof *out);
	if (year < 2000 || year > 2100) {
		store_set_error(s, "год должен быть от 2000 до 2100");
		return ST_CONSTRAINT;
	}
	out->name = "pool";
	out->sheet = "Методический актив";
	out->title = "Список регионального методического актива";
	out->caption = xasprintf("%d год", year);
	out->year = year;
	for (size_t i = 0; i < NITEMS(headers); i++)
		report_add_col(out, NULL, headers[i], i == 0 || i == 6 || i == 9 ? RCOL_INT : RCOL_TEXT);
	out->label_cols = 2;
	st = store_prepare(s,
		"SELECT " STORE_FIO("p") ", coalesce(o.short_name, o.name, ''), coalesce(p.position, ''),"
		" coalesce(p.category, ''), coalesce(p.education, ''), " STORE_EXPERIENCE_IN("?1") ", mp.state,"
		" (SELECT count(*) FROM curatorship c WHERE c.curator_id = p.id"
		"  AND (c.end_date IS NULL OR c.end_date >= today()))"
		" FROM methodist_pool mp JOIN person p ON p.id = mp.person_id"
		" LEFT JOIN organisation o ON o.id = p.org_id"
		" WHERE mp.year = ?1 AND mp.archived = 0"
		" ORDER BY p.surname_key, mp.id");
	if (st == NULL)
		return ST_ERROR;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_row *r = report_add_row(out);
		const char *cat = (const char *)sqlite3_column_text(st, 3);
		const char *edu = (const char *)sqlite3_column_text(st, 4);
		const char *state = (const char *)sqlite3_column_text(st, 6);
		bool known = sqlite3_column_type(st, 5) != SQLITE_NULL;
		int years = known ? sqlite3_column_int(st, 5) : -1;
		char req[160];

		r->c[0].state = RV_VALUE;
		r->c[0].v = ++n;
		for (int c = 0; c < 3; c++)
			report_set_text(r, c + 1, (const char *)sqlite3_column_text(st, c));
		report_set_text(r, 4, *cat ? model_enum_label(model_categories, cat) : "");
		report_set_text(r, 5, *edu ? model_enum_label(model_educations, edu) : "");
		r->c[6].state = known ? RV_VALUE : RV_NONE;
		r->c[6].v = years;
		report_set_text(r, 7, model_enum_label(model_pool_states, state));
		analytics_pool_requirements_text(analytics_pool_requirements(*cat ? cat : NULL, *edu ? edu : NULL, years),
						 req, sizeof req);
		report_set_text(r, 8, req);
		r->c[9].state = RV_VALUE;
		r->c[9].v = sqlite3_column_int(st, 7);
		members += strcmp(state, "member") == 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_set_error(s, errtext_db(store_db(s)));
		report_table_free(out);
		return ST_ERROR;
	}
	if (n == 0)
		report_add_note(out, "Списка актива на %d год нет.", year);
	else
		report_add_note(out, "Всего в списке: %d, из них членов актива: %d.", n, members);
	report_add_note(out, "Требования к методисту (положение о региональном методическом активе): высшая "
			"категория, высшее педагогическое образование, стаж не менее %d лет.", POOL_MIN_EXPERIENCE);
	return ST_OK;
}

int store_pool_add(struct store *s, const struct actor *a, int year, int64_t person_id)
{
	const struct table_desc *t = &model_methodist_pool;
	struct record rec;
	char y[8], p[24];
	int rc;

	if (store_int(s, "SELECT count(*) FROM methodist_pool WHERE year = ? AND person_id = ?", "ii",
		      (int64_t)year, person_id) > 0) {
		store_set_error(s, "этот педагог уже в списке актива на этот год");
		return ST_CONSTRAINT;
	}
	snprintf(y, sizeof y, "%d", year);
	snprintf(p, sizeof p, "%lld", (long long)person_id);
	record_init(&rec, t);
	record_set(&rec, model_field_index(t, "person_id"), p);
	record_set(&rec, model_field_index(t, "year"), y);
	record_set(&rec, model_field_index(t, "state"), "candidate");
	rc = store_insert(s, a, t, &rec);
	record_free(&rec);
	return rc;
}

/* --- the rating of methodological activity (weights: config.h) --- */

/* "CASE col WHEN 'a' THEN :wX0 … ELSE dflt END" over a list of codes: the
 * text is made of the constant codes and parameter names; the weights
 * themselves are bound (rating_bind). */
static char *weight_case(const char *col, const char *const *codes, int n, char prefix, const char *dflt)
{
	char *sql = xasprintf("CASE %s", col), *next;

	for (int i = 0; i < n; i++) {
		next = xasprintf("%s WHEN '%s' THEN :w%c%d", sql, codes[i], prefix, i);
		free(sql);
		sql = next;
	}
	next = xasprintf("%s ELSE %s END", sql, dflt);
	free(sql);
	return next;
}

static const struct listq *rating_q(void)
{
	static struct listq q;

	if (q.select == NULL) {
		/* A level that is unknown counts as the school's (the last). */
		char *lvl = weight_case("pa.level", analytics_level_codes, RATING_LEVELS, 'l', ":wl4");
		char *res = weight_case("pa.result", analytics_outcome_codes, RATING_OUTCOMES, 'o', "0");
		char *role = weight_case("pa.role", analytics_outcome_codes, RATING_OUTCOMES, 'o', "0");
		char *vlvl = weight_case("v.level", analytics_level_codes, RATING_LEVELS, 'l', ":wl4");
		q.select = xasprintf(
			"WITH pts AS (SELECT pa.person_id AS pid, %s + %s + %s AS pt FROM participation pa"
			"  WHERE pa.archived = 0 AND pa.year = :y"
			" UNION ALL SELECT v.person_id, %s + :wp FROM innovation v"
			"  WHERE v.archived = 0 AND v.year = :y AND v.result = 'positive'),"
			" tot AS (SELECT pid, sum(pt) AS points, count(*) AS n FROM pts GROUP BY pid)"
			" SELECT p.id, printf('%%09d', 999999999 - tot.points) || p.surname_key,"
			" " STORE_FIO("p") ","
			" coalesce(o.short_name, o.name, ''), tot.points, tot.n, p.archived",
			lvl, res, role, vlvl);
		free(lvl);
		free(res);
		free(role);
		free(vlvl);
		q.from = " FROM tot JOIN person p ON p.id = tot.pid LEFT JOIN organisation o ON o.id = p.org_id";
		q.where = xasprintf("p.archived = 0 AND %s", store_scope_sql);
		q.key = "printf('%09d', 999999999 - tot.points) || p.surname_key";
		q.id = "p.id";
	}
	return &q;
}

struct rating_bind {
	const struct store_scope *sc;
	int year;
	const struct rating_weights *w;
};

static void rating_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct rating_bind *b = ctx;
	char name[8];

	store_bind_scope(st, b->sc);
	store_bind_named_int(st, ":y", b->year);
	for (int i = 0; i < RATING_LEVELS; i++) {
		snprintf(name, sizeof name, ":wl%d", i);
		store_bind_named_int(st, name, b->w->level[i]);
	}
	for (int i = 0; i < RATING_OUTCOMES; i++) {
		snprintf(name, sizeof name, ":wo%d", i);
		store_bind_named_int(st, name, b->w->outcome[i]);
	}
	store_bind_named_int(st, ":wp", b->w->product);
}

int store_rating_page(struct store *s, const struct store_scope *sc, int year, const struct rating_weights *w,
		      const struct page_req *r, struct page *out)
{
	struct rating_bind b = { sc, year, w };
	return store_run_page(s, rating_q(), rating_bind, &b, r, out);
}
