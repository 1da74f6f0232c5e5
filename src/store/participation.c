/* See store/participation.h. */
#include "store/participation.h"
#include "store_int.h"
#include "date.h"
#include "model.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *store_event_record_kind(const char *event_kind)
{
	static const char *const courses[] = { "course", "retraining", "internship" };

	for (size_t i = 0; event_kind && i < NITEMS(courses); i++)
		if (strcmp(event_kind, courses[i]) == 0)
			return "course";
	return event_kind && strcmp(event_kind, "contest") == 0 ? "contest" : "scimethod";
}

int store_event_brief(struct store *s, int64_t event_id, char *title, size_t titlesz, char kind[16])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT title, kind FROM event WHERE id = ? AND archived = 0");
	int rc = ST_NOTFOUND;

	sqlite3_bind_int64(st, 1, event_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		strlcpy0(title, (const char *)sqlite3_column_text(st, 0), titlesz);
		strlcpy0(kind, store_event_record_kind((const char *)sqlite3_column_text(st, 1)), 16);
		rc = ST_OK;
	}
	sqlite3_reset(st);
	return rc;
}

int store_event_dates(struct store *s, int64_t event_id, char start[11], char end[11])
{
	sqlite3_stmt *st = store_prepare(s, "SELECT coalesce(start_date, ''), coalesce(end_date, start_date, '')"
					    " FROM event WHERE id = ?");
	int rc = ST_NOTFOUND;

	sqlite3_bind_int64(st, 1, event_id);
	start[0] = end[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		strlcpy0(start, (const char *)sqlite3_column_text(st, 0), 11);
		strlcpy0(end, (const char *)sqlite3_column_text(st, 1), 11);
		rc = ST_OK;
	}
	sqlite3_reset(st);
	return rc;
}

/* Mark done the person's open roadmap rows for the event, on the day
 * the event took place (done_date), linked to the course record when the
 * event was a course (course_id 0: none). */
static int mark_roadmap(struct store *s, const struct actor *a, int64_t event_id, int64_t person,
			const char *done_date, int64_t course_id, int *marked)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT a.id FROM iom_activity a JOIN iom i ON i.id = a.iom_id WHERE a.event_id = ?"
		" AND i.person_id = ? AND a.done IS NULL AND a.archived = 0"
		" AND i.status IN ('approved', 'in_progress') ORDER BY a.id LIMIT 32");
	int64_t ids[32];
	int n = 0, rc = ST_OK;

	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_int64(st, 2, person);
	while (n < 32 && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		struct record rec;
		char cid[24];

		if ((rc = store_get(s, &model_iom_activity, NULL, ids[i], &rec)) != ST_OK)
			break;
		record_set(&rec, model_field_index(&model_iom_activity, "done"), "1");
		rc = store_update(s, a, &model_iom_activity, &rec, NULL);
		record_free(&rec);
		/* The day and the course are not fields of the roadmap form:
		 * written here, audited as the form's fields are. */
		if (rc == ST_OK)
			rc = store_run(s, "UPDATE iom_activity SET done_date = ?, marked_at = datetime('now'),"
				       " course_id = coalesce(nullif(?, 0), course_id) WHERE id = ?", "tii",
				       done_date, course_id, ids[i]);
		if (rc == ST_OK)
			rc = store_audit(s, a, "update", "iom_activity", ids[i], "done_date", NULL, done_date);
		snprintf(cid, sizeof cid, "%lld", (long long)course_id);
		if (rc == ST_OK && course_id)
			rc = store_audit(s, a, "update", "iom_activity", ids[i], "course_id", NULL, cid);
		if (rc == ST_OK)
			(*marked)++;
	}
	return rc;
}

/* The event as the records of its kind take it. */
struct event_facts {
	char *title, *level, *start, *end, *hours, *provider, *study_mode, *course_form, *kind;
};

static void event_facts_free(struct event_facts *e)
{
	free(e->title);
	free(e->level);
	free(e->start);
	free(e->end);
	free(e->hours);
	free(e->provider);
	free(e->study_mode);
	free(e->course_form);
	free(e->kind);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static bool read_event(struct store *s, int64_t event_id, struct event_facts *e)
{
	/* The provider: the organiser as written, else the organising
	 * organisation; the form of study from the event's format. */
	sqlite3_stmt *st = store_prepare(s,
		"SELECT e.title, e.level, coalesce(e.start_date, e.end_date, today()),"
		" coalesce(e.end_date, e.start_date, today()), e.hours,"
		" coalesce(nullif(trim(e.organiser), ''), o.short_name, o.name),"
		" CASE e.format WHEN 'offline' THEN 'full_time' WHEN 'online' THEN 'distance'"
		" WHEN 'mixed' THEN 'mixed' END,"
		" CASE e.kind WHEN 'retraining' THEN 'retraining' WHEN 'internship' THEN 'internship'"
		" ELSE 'advanced' END, e.kind"
		" FROM event e LEFT JOIN organisation o ON o.id = e.organiser_org_id"
		" WHERE e.id = ? AND e.archived = 0");
	bool found = false;

	memset(e, 0, sizeof *e);
	sqlite3_bind_int64(st, 1, event_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		e->title = col_dup(st, 0);
		e->level = col_dup(st, 1);
		e->start = col_dup(st, 2);
		e->end = col_dup(st, 3);
		e->hours = col_dup(st, 4);
		e->provider = col_dup(st, 5);
		e->study_mode = col_dup(st, 6);
		e->course_form = col_dup(st, 7);
		e->kind = col_dup(st, 8);
		found = true;
	}
	sqlite3_reset(st);
	return found;
}

/* A course taken at the event: the person's course record (Table 3,
 * УИ-3), hours and provider from the event; *id gets its id. */
static int insert_course(struct store *s, const struct actor *a, const struct event_facts *e,
			 int64_t event_id, int64_t person, int64_t *id)
{
	const struct table_desc *t = &model_course;
	struct record rec;
	char pid[24], eid[24];
	int rc;

	snprintf(pid, sizeof pid, "%lld", (long long)person);
	snprintf(eid, sizeof eid, "%lld", (long long)event_id);
	record_init(&rec, t);
	record_set(&rec, model_field_index(t, "person_id"), pid);
	record_set(&rec, model_field_index(t, "title"), e->title);
	record_set(&rec, model_field_index(t, "form"), e->course_form);
	record_set(&rec, model_field_index(t, "hours"), e->hours);
	record_set(&rec, model_field_index(t, "provider"), e->provider);
	record_set(&rec, model_field_index(t, "start_date"), e->start);
	record_set(&rec, model_field_index(t, "end_date"), e->end);
	record_set(&rec, model_field_index(t, "study_mode"), e->study_mode);
	rc = store_insert(s, a, t, &rec);
	*id = rec.id;
	record_free(&rec);
	/* The event is not a field of the course form: linked here. */
	if (rc == ST_OK)
		rc = store_run(s, "UPDATE course SET event_id = ? WHERE id = ?", "ii", event_id, *id);
	if (rc == ST_OK)
		rc = store_audit(s, a, "update", "course", *id, "event_id", NULL, eid);
	return rc;
}

/* A contest or another event: a participation row with the result or role. */
static int insert_participation(struct store *s, const struct actor *a, const struct meeting *m,
				const struct event_facts *e, int64_t person)
{
	const struct table_desc *t = &model_participation;
	struct record rec;
	char pid[24], eid[24], year[8], *org;
	int rc;

	snprintf(pid, sizeof pid, "%lld", (long long)person);
	snprintf(eid, sizeof eid, "%lld", (long long)m->event_id);
	snprintf(year, sizeof year, "%.4s", e->start);
	org = store_text(s, "SELECT org_id FROM person WHERE id = ?", "i", person);
	record_init(&rec, t);
	record_set(&rec, model_field_index(t, "person_id"), pid);
	record_set(&rec, model_field_index(t, "org_id"), org);
	record_set(&rec, model_field_index(t, "event_id"), eid);
	record_set(&rec, model_field_index(t, "kind"), m->kind);
	record_set(&rec, model_field_index(t, "title"), e->title);
	record_set(&rec, model_field_index(t, "level"), e->level);
	record_set(&rec, model_field_index(t, "year"), year);
	record_set(&rec, model_field_index(t, "event_date"), e->start);
	if (strcmp(m->kind, "contest") == 0)
		record_set(&rec, model_field_index(t, "result"), m->result);
	else
		record_set(&rec, model_field_index(t, "role"), m->role);
	rc = store_insert(s, a, t, &rec);
	record_free(&rec);
	free(org);
	return rc;
}

int store_meeting_recorded(struct store *s, int64_t event_id, int64_t person)
{
	return store_int(s, "SELECT EXISTS (SELECT 1 FROM participation WHERE person_id = ?1 AND event_id = ?2"
			 " AND archived = 0) OR EXISTS (SELECT 1 FROM course WHERE event_id = ?2"
			 " AND person_id = ?1 AND archived = 0)", "ii", person, event_id) != 0;
}

int store_meeting_record(struct store *s, const struct actor *a, const struct meeting *m,
			 const int64_t *persons, int n, int *added, int *already, int *marked)
{
	struct event_facts e;
	bool course;
	int rc = ST_OK;

	*added = *already = *marked = 0;
	if (store_begin(s) != ST_OK)
		return ST_ERROR;
	if (!read_event(s, m->event_id, &e)) {
		store_set_error(s, "мероприятие не найдено");
		return store_end(s, ST_NOTFOUND);
	}
	/* The kind is the event's, whatever the screen thought it was. */
	course = strcmp(store_event_record_kind(e.kind), "course") == 0;
	if (course && (e.hours == NULL || atoi(e.hours) < 1)) {
		store_set_error(s, "у курса в каталоге мероприятий не указано количество часов: укажите его"
				" в карточке мероприятия, тогда участие можно будет записать");
		event_facts_free(&e);
		return store_end(s, ST_CONSTRAINT);
	}
	for (int i = 0; rc == ST_OK && i < n; i++) {
		int64_t course_id = 0;

		if (store_meeting_recorded(s, m->event_id, persons[i])) {
			(*already)++;
			continue;
		}
		rc = course ? insert_course(s, a, &e, m->event_id, persons[i], &course_id)
			    : insert_participation(s, a, m, &e, persons[i]);
		if (rc == ST_OK)
			(*added)++;
		if (rc == ST_OK)
			rc = mark_roadmap(s, a, m->event_id, persons[i], e.end, course_id, marked);
	}
	event_facts_free(&e);
	return store_end(s, rc);
}

/* --- namesakes to choose from --- */

struct people_bind {
	const struct store_scope *sc;
	const struct name_query *nq;
	int64_t event_id;
};

/* Found by name as the register finds them (store_name_query), and
 * ranked for a methodist who types the first letters of a surname: those
 * whose surname the longest typed word starts come first, then those it
 * found by name or patronymic («Ник» finds Никитина, Николаева… before
 * every «…Николаевна»); each group in surname order. The rank is the first
 * character of the page key ('0' or '1' before the folded name), so the
 * list pages by it like any other. With the part index driving, the rank
 * is in the sort; a walk in surname order (NAME_WALK, a region-wide list
 * and a token of many names) walks each group in turn (people_walk_page). */
#define PEOPLE_SURNAME(k) k " >= :nq_drive AND " k " < :nq_drive || x'f48fbfbf'"
#define PEOPLE_COLS                                                                          \
	" " STORE_FIO("p") ", coalesce(o.short_name, o.name, ''), coalesce(substr(p.birth_date, 1, 4), ''),"      \
	" CASE WHEN EXISTS (SELECT 1 FROM participation x WHERE x.person_id = p.id"               \
	" AND x.event_id = :ev AND x.archived = 0) OR EXISTS (SELECT 1 FROM course x"              \
	" WHERE x.event_id = :ev AND x.person_id = p.id AND x.archived = 0)"                       \
	" THEN '1' ELSE '' END, p.archived"
#define PEOPLE_WHERE "p.archived = 0 AND %s"

static const struct name_listq *people_q(enum name_plan plan)
{
	static struct name_listq q[3];
	static bool made[3];

	if (!made[plan]) {
		store_name_listq(&q[plan], plan,
				 plan == NAME_DRIVE ? "SELECT p.id, pk.pick_key," PEOPLE_COLS
						    : "SELECT p.id, p.surname_key," PEOPLE_COLS,
				 xasprintf(PEOPLE_WHERE, store_scope_sql));
		if (plan == NAME_DRIVE)
			q[plan].page.key = "((NOT (" PEOPLE_SURNAME("n.surname_key") ")) || n.surname_key)";
		made[plan] = true;
	}
	return &q[plan];
}

/* The walk of one group in surname order: 0, the surnames the token
 * starts (a range of the surname index), 1, the others that match. */
static const struct listq *people_walk_q(int group)
{
	static struct listq q[2];
	static bool made;

	if (!made) {
		for (int g = 0; g < 2; g++) {
			q[g].select = "SELECT p.id, p.surname_key," PEOPLE_COLS;
			q[g].from = " FROM person p LEFT JOIN organisation o ON o.id = p.org_id";
			q[g].where = xasprintf("%s(" PEOPLE_SURNAME("p.surname_key") ") AND name_match(p.surname_key, :nq)"
					       " AND " PEOPLE_WHERE, g ? "NOT " : "", store_scope_sql);
			q[g].key = "p.surname_key";
			q[g].id = "p.id";
		}
		made = true;
	}
	return &q[group];
}

/* The rows' keys as the ranked list knows them: the group's digit first. */
static void people_rank_keys(struct page *p, int group)
{
	for (int i = 0; i < p->n; i++) {
		char *k = xasprintf("%d%s", group, p->rows[i].key);
		free(p->rows[i].key);
		p->rows[i].key = k;
	}
}

/* Appends b's rows to a's (both ascending), b emptied. */
static void page_join(struct page *a, struct page *b)
{
	a->rows = xrealloc(a->rows, (size_t)(a->n + b->n + 1) * sizeof *a->rows);
	memcpy(a->rows + a->n, b->rows, (size_t)b->n * sizeof *b->rows);
	a->n += b->n;
	free(b->rows);
	b->rows = NULL;
	b->n = 0;
}

static void people_bind(sqlite3_stmt *st, const void *ctx);

/* A page of the ranked list by two walks: from the anchor's group on (or
 * back), and into the next group (or the one before) when the first ends
 * before the page is full. */
static int people_walk_page(struct store *s, const void *b, const struct page_req *r, struct page *out)
{
	/* (a key is the group's digit, then the walk's own key) */
	bool keyed = r->key && r->key[0] != '\0';
	int first = keyed ? r->key[0] == '1' : r->dir < 0;
	struct page_req in = { keyed ? r->key + 1 : NULL, r->id, r->dir, r->limit };
	struct page more = { 0, NULL };
	int rc = store_run_page(s, people_walk_q(first), people_bind, b, &in, out);

	if (rc != ST_OK)
		return rc;
	people_rank_keys(out, first);
	if (out->n >= r->limit || (first == 0 && r->dir < 0) || (first == 1 && r->dir > 0))
		return ST_OK;
	in.key = NULL;
	in.id = 0;
	in.limit = r->limit - out->n;
	rc = store_run_page(s, people_walk_q(!first), people_bind, b, &in, &more);
	if (rc != ST_OK) {
		page_free(out);
		return rc;
	}
	people_rank_keys(&more, !first);
	if (r->dir > 0) {
		page_join(out, &more);
	} else {
		page_join(&more, out);
		*out = more;
	}
	return ST_OK;
}

static void people_bind(sqlite3_stmt *st, const void *ctx)
{
	const struct people_bind *b = ctx;

	store_bind_scope(st, b->sc);
	store_bind_name_query(st, b->nq);
	store_bind_named_int(st, ":ev", b->event_id);
}

int store_meeting_people_page(struct store *s, const struct store_scope *sc, const char *search,
			      int64_t event_id, const struct page_req *r, struct page *out)
{
	struct name_query nq;
	struct people_bind b = { sc, &nq, event_id };
	int rc;

	store_name_query(s, search, sc && sc->all, &nq);
	if (nq.plan == NAME_WALK)
		rc = people_walk_page(s, &b, r, out);
	else
		rc = store_name_page(s, people_q(nq.plan), people_bind, &b, r, out);
	store_name_query_free(&nq);
	return rc;
}

int store_meeting_people_count(struct store *s, const struct store_scope *sc, const char *search,
			       int *count)
{
	struct name_query nq;
	struct people_bind b = { sc, &nq, 0 };
	int rc;

	store_name_query(s, search, false, &nq);
	rc = store_run_count(s, &people_q(nq.plan)->count, people_bind, &b, count);
	store_name_query_free(&nq);
	return rc;
}
