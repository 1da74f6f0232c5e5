/* Between the moves of an ИОМ card (src/store/iom_review.c and the policy's
 * IOM_PROPOSE, IOM_ANSWER, IOM_NOTE, IOM_DISCUSSION, IOM_SELF_ANALYSIS):
 * who may propose in which state, proposals added, answered and counted
 * for the move to final form, the curator's notes, the self-analysis, and
 * each change after approval read in Russian and confirmed by each party
 * one by one. Every test has its own demo database (60 teachers). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "access.h"
#include "config.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

struct fx {
	char path[64];
	struct store *s;
	struct config *cfg;
	int64_t teacher, curator, developer;   /* persons of the demo users */
	struct actor regional;
	struct session ss_teacher, ss_curator, ss_school, ss_developer, ss_municipal;
	int64_t iom, row;
};

static int64_t user_id(struct store *s, const char *login)
{
	return store_int(s, "SELECT id FROM app_user WHERE login = ?", "t", login);
}

static int64_t person_of(struct store *s, const char *login)
{
	return store_int(s, "SELECT person_id FROM app_user WHERE login = ?", "t", login);
}

static int open_session(struct fx *f, struct session *ss, const char *login)
{
	char e[300];
	if (session_start(ss, f->s, f->cfg, login, NULL, e, sizeof e) != 0) {
		fprintf(stderr, "session %s: %s\n", login, e);
		return -1;
	}
	return 0;
}

static void move(struct fx *f, const char *to)
{
	struct iom_head h;
	iom_init(&h);
	assert_int_equal(store_iom_get(f->s, f->iom, &h), ST_OK);
	struct iom_move_args m = { to, NULL, NULL, NULL, NULL, 0 };
	assert_int_equal(store_iom_move(f->s, &f->regional, f->cfg, f->iom, h.version, &m), ST_OK);
	iom_free(&h);
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct iom_head h;
	struct record rec;
	char err[512] = "";
	int fd;

	*state = f;
	today_set("2026-12-07");   /* the card's period and rows below lie around it */
	strlcpy0(f->path, "/tmp/test_iom_review_XXXXXX", sizeof f->path);
	fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	f->s = store_open(f->path, true, err, sizeof err);
	if (f->s == NULL || store_demo_fill(f->s, 60, err, sizeof err) != ST_OK) {
		fprintf(stderr, "demo: %s\n", err);
		return -1;
	}
	f->cfg = config_defaults();
	f->regional = (struct actor){ user_id(f->s, "regional"), "regional", "ivanov" };
	f->teacher = person_of(f->s, "teacher");
	f->curator = person_of(f->s, "curator");
	f->developer = person_of(f->s, "developer");
	if (open_session(f, &f->ss_teacher, "teacher") || open_session(f, &f->ss_curator, "curator") ||
	    open_session(f, &f->ss_school, "school") || open_session(f, &f->ss_developer, "developer") ||
	    open_session(f, &f->ss_municipal, "municipal"))
		return -1;
	iom_init(&h);
	if (store_iom_create(f->s, &f->regional, f->cfg, f->teacher, 2, 0, f->curator, f->developer, &h) != ST_OK)
		return -1;
	f->iom = h.id;
	iom_free(&h);
	/* What the moves check before review: a period of 6 months to 2
	 * years from the development date on, and tasks (no entry diagnostic:
	 * no deficit to cover); the roadmap row comes below. */
	if (store_iom_get(f->s, f->iom, &h) != ST_OK)
		return -1;
	free(h.tasks);
	h.tasks = xstrdup("Освоить приёмы формирующего оценивания");
	strcpy(h.start, "2026-12-07");
	strcpy(h.end, "2027-06-30");
	if (store_iom_update(f->s, &f->regional, &h) != ST_OK)
		return -1;
	iom_free(&h);
	/* One roadmap row to tie a proposal to. */
	record_init(&rec, &model_iom_activity);
	record_set(&rec, model_field_index(&model_iom_activity, "iom_id"), "0");
	record_set(&rec, model_field_index(&model_iom_activity, "category"), "1");
	record_set(&rec, model_field_index(&model_iom_activity, "activity"), "Курсы по оцениванию");
	record_set(&rec, model_field_index(&model_iom_activity, "end_date"), "2027-03-01");
	{
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)f->iom);
		record_set(&rec, model_field_index(&model_iom_activity, "iom_id"), id);
	}
	if (store_insert(f->s, &f->regional, &model_iom_activity, &rec) != ST_OK)
		return -1;
	f->row = rec.id;
	record_free(&rec);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	session_free(&f->ss_teacher);
	session_free(&f->ss_curator);
	session_free(&f->ss_school);
	session_free(&f->ss_developer);
	session_free(&f->ss_municipal);
	store_close(f->s);
	config_free(f->cfg);
	test_remove_db(f->path);
	free(f);
	today_set(NULL);
	return 0;
}

static bool may(struct fx *f, struct session *ss, enum iom_right r, const char *status)
{
	return access_iom(ss, r, f->teacher, f->curator, status, NULL);
}

/* Who proposes in which state; who answers; who keeps notes; who reads. */
static void test_rights(void **state)
{
	struct fx *f = *state;

	/* Review: the teacher, the curator and the head; not the developer. */
	assert_true(may(f, &f->ss_teacher, IOM_PROPOSE, "review"));
	assert_true(may(f, &f->ss_curator, IOM_PROPOSE, "review"));
	assert_true(may(f, &f->ss_school, IOM_PROPOSE, "review"));
	assert_false(may(f, &f->ss_developer, IOM_PROPOSE, "review"));
	assert_false(may(f, &f->ss_municipal, IOM_PROPOSE, "review"));
	/* A draft takes no proposals; nor does a finished card. */
	assert_false(may(f, &f->ss_teacher, IOM_PROPOSE, "draft"));
	assert_false(may(f, &f->ss_school, IOM_PROPOSE, "completed"));
	/* Implementation: the head (and the school МО head), not the teacher. */
	assert_true(may(f, &f->ss_school, IOM_PROPOSE, "in_progress"));
	assert_false(may(f, &f->ss_teacher, IOM_PROPOSE, "in_progress"));
	assert_false(may(f, &f->ss_curator, IOM_PROPOSE, "in_progress"));
	/* The developer answers. */
	assert_true(may(f, &f->ss_developer, IOM_ANSWER, "review"));
	assert_false(may(f, &f->ss_teacher, IOM_ANSWER, "review"));
	assert_false(may(f, &f->ss_school, IOM_ANSWER, "review"));
	/* The curator keeps notes once the card is approved. */
	assert_true(may(f, &f->ss_curator, IOM_NOTE, "in_progress"));
	assert_false(may(f, &f->ss_curator, IOM_NOTE, "review"));
	assert_false(may(f, &f->ss_teacher, IOM_NOTE, "in_progress"));
	/* The teacher and the head read them; the municipality does not. */
	assert_true(may(f, &f->ss_teacher, IOM_DISCUSSION, "in_progress"));
	assert_true(may(f, &f->ss_school, IOM_DISCUSSION, "in_progress"));
	assert_true(may(f, &f->ss_developer, IOM_DISCUSSION, "review"));
	assert_false(may(f, &f->ss_municipal, IOM_DISCUSSION, "in_progress"));
	/* The head of the school's МО: a methodist of the teacher's school, who
	 * reads the card by that tie and proposes once it is approved. */
	{
		struct session mo;
		int64_t m = store_int(f->s, "SELECT min(id) FROM person WHERE org_id = (SELECT org_id FROM person"
				      " WHERE id = ?) AND id <> ? AND archived = 0", "ii", f->teacher, f->teacher);
		assert_true(m > 0);
		assert_false(store_iom_mo_head_of(f->s, m, f->teacher));
		assert_int_equal(store_run(f->s, "UPDATE person SET is_methodist = 1 WHERE id = ?", "i", m), ST_OK);
		assert_true(store_iom_mo_head_of(f->s, m, f->teacher));
		assert_false(store_iom_mo_head_of(f->s, f->teacher, f->teacher));
		assert_int_equal(store_run(f->s, "INSERT INTO app_user (login, full_name, person_id) VALUES"
					   " ('mohead', 'Руководитель МО', ?)", "i", m), ST_OK);
		assert_int_equal(store_run(f->s, "INSERT INTO user_role (user_id, role) SELECT id, 'teacher'"
					   " FROM app_user WHERE login = 'mohead'", NULL), ST_OK);
		assert_int_equal(open_session(f, &mo, "mohead"), 0);
		assert_true(may(f, &mo, IOM_VIEW, "in_progress"));
		assert_true(may(f, &mo, IOM_DISCUSSION, "in_progress"));
		assert_true(may(f, &mo, IOM_PROPOSE, "in_progress"));
		assert_false(may(f, &mo, IOM_PROPOSE, "review"));
		assert_false(may(f, &mo, IOM_EDIT, "in_progress"));
		assert_false(may(f, &mo, IOM_CONFIRM_HEAD, "in_progress"));
		session_free(&mo);
	}
	/* The self-analysis is the teacher's own. */
	assert_true(may(f, &f->ss_teacher, IOM_SELF_ANALYSIS, "in_progress"));
	assert_false(may(f, &f->ss_curator, IOM_SELF_ANALYSIS, "in_progress"));
	assert_false(may(f, &f->ss_teacher, IOM_SELF_ANALYSIS, "review"));
}

/* The cards a session's ИОМ list holds, of f's card: 1 or 0. */
static int listed(struct fx *f, struct session *ss, int *total)
{
	struct iom_scope sc;
	struct page_req r = { NULL, 0, +1, 50 };
	struct page p;
	int found = 0;

	access_iom_scope(ss, &sc);
	assert_int_equal(store_iom_page(f->s, &sc, NULL, &r, &p), ST_OK);
	for (int i = 0; i < p.n; i++)
		found += p.rows[i].id == f->iom;
	assert_int_equal(store_iom_count(f->s, &sc, NULL, total), ST_OK);
	assert_int_equal(*total, p.n);
	page_free(&p);
	access_iom_scope_free(&sc);
	return found;
}

/* The assigned curator's rights come from the assignment, whatever his
 * role (§4.4.2): a teacher-role person made the card's curator finds it in
 * his ИОМ list, opens it and keeps notes; unassigned, he loses both. So
 * does the school's МО head by his tie: his school's cards are listed. */
static void test_assigned_reach(void **state)
{
	struct fx *f = *state;
	struct session as, mo;
	int n;
	int64_t x = store_int(f->s, "SELECT min(id) FROM person WHERE org_id <> (SELECT org_id FROM person"
			      " WHERE id = ?) AND archived = 0 AND id NOT IN (SELECT person_id FROM app_user"
			      " WHERE person_id IS NOT NULL)", "i", f->teacher);
	int64_t m = store_int(f->s, "SELECT min(id) FROM person WHERE org_id = (SELECT org_id FROM person"
			      " WHERE id = ?) AND id <> ? AND archived = 0", "ii", f->teacher, f->teacher);

	assert_true(x > 0 && m > 0);
	assert_int_equal(store_run(f->s, "INSERT INTO app_user (login, full_name, person_id) VALUES"
				   " ('assigned', 'Куратор по назначению', ?), ('mohead', 'Руководитель МО', ?)",
				   "ii", x, m), ST_OK);
	assert_int_equal(store_run(f->s, "INSERT INTO user_role (user_id, role) SELECT id, 'teacher'"
				   " FROM app_user WHERE login IN ('assigned', 'mohead')", NULL), ST_OK);
	assert_int_equal(open_session(f, &as, "assigned"), 0);
	assert_int_equal(open_session(f, &mo, "mohead"), 0);
	move(f, "review");
	move(f, "final_form");
	move(f, "approved");

	/* Not his card: neither listed nor open to him. */
	assert_int_equal(listed(f, &as, &n), 0);
	assert_int_equal(n, 0);
	assert_false(access_iom(&as, IOM_VIEW, f->teacher, f->curator, "approved", NULL));
	/* Assigned: listed, opened, noted, confirmed as its curator. */
	assert_int_equal(store_run(f->s, "UPDATE iom SET curator_id = ? WHERE id = ?", "ii", x, f->iom), ST_OK);
	assert_int_equal(listed(f, &as, &n), 1);
	assert_int_equal(n, 1);
	assert_true(access_iom(&as, IOM_VIEW, f->teacher, x, "approved", NULL));
	assert_true(access_iom(&as, IOM_NOTE, f->teacher, x, "approved", NULL));
	assert_true(access_iom(&as, IOM_CONFIRM_CURATOR, f->teacher, x, "approved", NULL));
	/* The role's own reach stays his own person: the teacher he curates
	 * is not in his person scope, only the card is. */
	assert_false(access_may(&as, P_PERSON_EDIT, f->teacher, NULL));

	/* The МО head: a methodist of the teacher's school. */
	assert_int_equal(listed(f, &mo, &n), 0);
	assert_int_equal(store_run(f->s, "UPDATE person SET is_methodist = 1 WHERE id = ?", "i", m), ST_OK);
	assert_int_equal(listed(f, &mo, &n), 1);
	assert_true(access_iom(&mo, IOM_VIEW, f->teacher, x, "approved", NULL));
	/* Not beyond his school: the other teachers' cards stay out. */
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom i JOIN person p ON p.id = i.person_id"
				   " WHERE i.archived = 0 AND (p.org_id = (SELECT org_id FROM person WHERE id = ?)"
				   " OR i.person_id = ?)", "ii", m, m), n);
	session_free(&as);
	session_free(&mo);
}

static int open_count(struct fx *f)
{
	int n = -1;
	assert_int_equal(store_iom_open_proposals(f->s, f->iom, &n), ST_OK);
	return n;
}

static void test_proposals(void **state)
{
	struct fx *f = *state;
	struct iom_proposal p;
	struct page pg = { 0, NULL };
	struct page_req r = { NULL, 0, 1, 20 };
	int64_t a, b, c, other;

	/* A draft takes none. */
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_teacher.actor, f->iom, "teacher", f->teacher, 0,
						NULL, "Рано", &a), ST_CONSTRAINT);
	move(f, "review");
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_teacher.actor, f->iom, "teacher", f->teacher,
						f->row, NULL, "Перенести курсы на весну", &a), ST_OK);
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_curator.actor, f->iom, "curator", f->curator, 0,
						"tasks", "Добавить задачу по оцениванию", &b), ST_OK);
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_school.actor, f->iom, "school", 0, 0, NULL,
						"Учесть нагрузку 27 часов", &c), ST_OK);
	assert_int_equal(open_count(f), 3);
	/* Refusals: empty text, a field the card has not, a row of another card. */
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_teacher.actor, f->iom, "teacher", f->teacher, 0,
						NULL, "   ", NULL), ST_CONSTRAINT);
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_teacher.actor, f->iom, "teacher", f->teacher, 0,
						"pw_hash", "x", NULL), ST_CONSTRAINT);
	other = store_int(f->s, "SELECT count(*) FROM iom_activity", NULL) + 1000;
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_teacher.actor, f->iom, "teacher", f->teacher,
						other, NULL, "x", NULL), ST_CONSTRAINT);
	assert_int_equal(open_count(f), 3);
	/* Read back: who, about what. */
	assert_int_equal(store_iom_proposal_get(f->s, a, &p), ST_OK);
	assert_string_equal(p.stage, "review");
	assert_string_equal(p.party, "teacher");
	assert_non_null(strstr(p.about, "Курсы по оцениванию"));
	assert_string_equal(p.answer, "");
	/* Declined needs a reason; an answered one stays answered. */
	assert_int_equal(store_iom_proposal_answer(f->s, &f->ss_developer.actor, a, p.version, false, ""),
			 ST_CONSTRAINT);
	assert_int_equal(store_iom_proposal_answer(f->s, &f->ss_developer.actor, a, p.version, true,
						   "Курсы перенесены на март"), ST_OK);
	assert_int_equal(store_iom_proposal_answer(f->s, &f->ss_developer.actor, a, p.version, false, "нет"),
			 ST_CONFLICT);
	iom_proposal_free(&p);
	assert_int_equal(open_count(f), 2);
	/* The final form waits for the other two answers, and says so. */
	{
		struct iom_head h;
		struct iom_move_args m = { "final_form", NULL, NULL, NULL, NULL, 0 };
		iom_init(&h);
		assert_int_equal(store_iom_get(f->s, f->iom, &h), ST_OK);
		assert_int_not_equal(store_iom_move(f->s, &f->regional, f->cfg, f->iom, h.version, &m), ST_OK);
		assert_non_null(strstr(store_errmsg(f->s), "предложения по корректировке без ответа разработчика: 2"));
		iom_free(&h);
	}
	assert_int_equal(store_iom_proposal_get(f->s, b, &p), ST_OK);
	assert_string_equal(p.about, "поле «Задачи»");
	assert_int_equal(store_iom_proposal_answer(f->s, &f->ss_developer.actor, b, p.version, false,
						   "Задача уже есть"), ST_OK);
	iom_proposal_free(&p);
	assert_int_equal(store_iom_proposal_get(f->s, c, &p), ST_OK);
	assert_int_equal(store_iom_proposal_answer(f->s, &f->ss_developer.actor, c, p.version, true, NULL),
			 ST_OK);
	iom_proposal_free(&p);
	assert_int_equal(open_count(f), 0);
	/* Everyone sees all three, with the answers. */
	assert_int_equal(store_iom_discussion_page(f->s, f->iom, &r, &pg), ST_OK);
	assert_int_equal(pg.n, 3);
	assert_non_null(strstr(pg.rows[0].cols[3], "принято"));
	assert_string_equal(pg.rows[1].cols[2], "Добавить задачу по оцениванию (Задачи)");
	assert_string_equal(pg.rows[0].cols[2], "Перенести курсы на весну (к строке «Курсы по оцениванию»)");
	assert_string_equal(pg.rows[1].cols[3], "отклонено: Задача уже есть");
	assert_int_equal(pg.rows[0].key[10], 'P');
	page_free(&pg);
	/* During implementation the head proposes again. */
	move(f, "final_form");
	move(f, "approved");
	assert_int_equal(store_iom_proposal_add(f->s, &f->ss_school.actor, f->iom, "school", 0, 0, "end_date",
						"Продлить до июня", &c), ST_OK);
	assert_int_equal(store_iom_proposal_get(f->s, c, &p), ST_OK);
	assert_string_equal(p.stage, "implementation");
	iom_proposal_free(&p);
}

static int nnotes;
static void count_note(void *ctx, const char *date, const char *kind, const char *author, const char *text)
{
	(void)ctx;
	(void)date;
	(void)author;
	assert_string_equal(kind, "консультация");
	assert_string_equal(text, "Разобрали план урока");
	nnotes++;
}

static void test_notes(void **state)
{
	struct fx *f = *state;
	struct page pg = { 0, NULL };
	struct page_req r = { NULL, 0, 1, 20 };
	char today[11], date[11], kind[64], author[200], *text;
	int64_t id;

	today_iso(today);
	move(f, "review");
	move(f, "final_form");
	move(f, "approved");
	assert_int_equal(store_iom_note_add(f->s, &f->ss_curator.actor, f->iom, "2999-01-01", "consultation",
					    "Будущее", f->curator, NULL), ST_CONSTRAINT);
	assert_int_equal(store_iom_note_add(f->s, &f->ss_curator.actor, f->iom, today, "gossip", "x",
					    f->curator, NULL), ST_CONSTRAINT);
	assert_int_equal(store_iom_note_add(f->s, &f->ss_curator.actor, f->iom, today, "consultation", "",
					    f->curator, NULL), ST_CONSTRAINT);
	assert_int_equal(store_iom_note_add(f->s, &f->ss_curator.actor, f->iom, today, "consultation",
					    "Разобрали план урока", f->curator, &id), ST_OK);
	assert_int_equal(store_iom_note_add(f->s, &f->ss_curator.actor, f->iom, today, "correction",
					    "Срок стажировки сдвинут", f->curator, NULL), ST_OK);
	assert_int_equal(store_iom_note_get(f->s, id, date, kind, author, &text), ST_OK);
	assert_string_equal(date, today);
	assert_string_equal(kind, "консультация");
	{
		char *surname = store_text(f->s, "SELECT surname FROM person WHERE id = ?", "i", f->curator);
		assert_non_null(surname);
		assert_non_null(strstr(author, surname));
		free(surname);
	}
	assert_string_equal(text, "Разобрали план урока");
	free(text);
	assert_int_equal(store_iom_discussion_page(f->s, f->iom, &r, &pg), ST_OK);
	assert_int_equal(pg.n, 2);
	assert_int_equal(pg.rows[0].key[10], 'N');
	assert_string_equal(pg.rows[1].cols[2], "Срок стажировки сдвинут");
	assert_string_equal(pg.rows[1].cols[3], "корректировка");
	page_free(&pg);
	nnotes = 0;
	assert_int_equal(store_iom_notes_each(f->s, f->iom, 1, count_note, NULL), ST_OK);
	assert_int_equal(nnotes, 1);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom_note'", NULL), 2);
}

static void test_self_analysis(void **state)
{
	struct fx *f = *state;
	struct iom_head h;

	move(f, "review");
	move(f, "final_form");
	move(f, "approved");
	iom_init(&h);
	assert_int_equal(store_iom_get(f->s, f->iom, &h), ST_OK);
	assert_int_equal(store_iom_set_self_analysis(f->s, &f->ss_teacher.actor, f->iom, h.version,
						     "Освоила формирующее оценивание"), ST_OK);
	/* A stale version is a conflict, the text stays. */
	assert_int_equal(store_iom_set_self_analysis(f->s, &f->ss_teacher.actor, f->iom, h.version, "x"),
			 ST_CONFLICT);
	iom_free(&h);
	assert_int_equal(store_iom_get(f->s, f->iom, &h), ST_OK);
	assert_string_equal(h.self_analysis, "Освоила формирующее оценивание");
	iom_free(&h);
	/* Not a change awaiting signatures. */
	assert_int_equal(store_iom_awaiting(f->s, f->iom, NULL), 0);
}

/* A change after approval read in Russian, confirmed by each party one by one. */
static void test_confirm_one(void **state)
{
	struct fx *f = *state;
	struct iom_head h;
	struct iom_change_view v;
	struct page pg = { 0, NULL };
	struct page_req r = { NULL, 0, 1, 20 };
	int64_t ids[4];
	char since[11];

	move(f, "review");
	move(f, "final_form");
	move(f, "approved");
	iom_init(&h);
	assert_int_equal(store_iom_get(f->s, f->iom, &h), ST_OK);
	strcpy(h.start, "2026-12-15");
	strcpy(h.end, "2027-06-15");
	assert_int_equal(store_iom_update(f->s, &f->regional, &h), ST_OK);
	iom_free(&h);
	/* Two changes, each awaiting all three parties. */
	assert_int_equal(store_iom_awaiting(f->s, f->iom, "curator"), 2);
	assert_int_equal(store_iom_pending_ids(f->s, f->iom, "school", ids, 4), 2);
	assert_int_equal(store_iom_change_get(f->s, ids[1], NULL, NULL, &v), ST_OK);
	assert_string_equal(v.what, "Окончание");
	assert_string_equal(v.before, "30.06.2027");
	assert_string_equal(v.after, "15.06.2027");
	assert_true(v.wait_curator && v.wait_head && v.wait_teacher);
	iom_change_view_free(&v);
	store_iom_pending_since(f->s, f->iom, "teacher", since);
	assert_int_equal(strlen(since), 10);
	/* The list speaks Russian too. */
	assert_int_equal(store_iom_change_rows_page(f->s, f->iom, NULL, NULL, &r, &pg), ST_OK);
	assert_int_equal(pg.n, 2);
	assert_string_equal(pg.rows[0].cols[2], "Окончание: 30.06.2027 → 15.06.2027");
	assert_string_equal(pg.rows[0].cols[3], "куратор, руководитель ОО, педагог");
	page_free(&pg);
	/* One by one: the curator signs the second only. */
	assert_int_equal(store_iom_change_confirm_one(f->s, &f->ss_curator.actor, ids[1], "curator"), ST_OK);
	assert_int_equal(store_iom_change_confirm_one(f->s, &f->ss_curator.actor, ids[1], "curator"), ST_CONFLICT);
	assert_int_equal(store_iom_awaiting(f->s, f->iom, "curator"), 1);
	assert_int_equal(store_iom_change_confirm_one(f->s, &f->ss_school.actor, ids[1], "school"), ST_OK);
	assert_int_equal(store_iom_change_confirm_one(f->s, &f->ss_teacher.actor, ids[1], "teacher"), ST_OK);
	assert_int_equal(store_iom_change_get(f->s, ids[1], NULL, NULL, &v), ST_OK);
	assert_false(v.wait_curator || v.wait_head || v.wait_teacher);
	iom_change_view_free(&v);
	assert_int_equal(store_iom_awaiting(f->s, f->iom, NULL), 1);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM audit WHERE tbl = 'iom_change' AND action = 'confirm'",
				   NULL), 3);
	assert_int_equal(store_iom_change_confirm_one(f->s, &f->ss_teacher.actor, ids[0], "admin"), ST_CONSTRAINT);
	/* A person and a status by their names. */
	{
		char *who = store_iom_value_label(f->s, "iom", "curator_id", NULL);
		char *st = store_iom_value_label(f->s, "iom", "status", "in_progress");
		char *cur;
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)f->curator);
		cur = store_iom_value_label(f->s, "iom", "curator_id", id);
		assert_string_equal(st, "реализуется");
		assert_string_equal(who, "—");
		{
			char *surname = store_text(f->s, "SELECT surname FROM person WHERE id = ?", "i", f->curator);
			assert_non_null(strstr(cur, surname));
			free(surname);
		}
		assert_string_equal(store_iom_field_label("iom", "developed_date"), "Дата разработки");
		free(who);
		free(st);
		free(cur);
	}
}

/* The demo's part: open proposals on a card in review, notes on cards in
 * progress, one change awaiting signatures. */
static void test_demo(void **state)
{
	struct fx *f = *state;
	int open = -1;

	move(f, "review");
	assert_int_equal(demo_review_proposals(f->s, f->iom, false), ST_OK);
	assert_int_equal(store_iom_open_proposals(f->s, f->iom, &open), ST_OK);
	assert_int_equal(open, 3);
	assert_int_equal(demo_review_proposals(f->s, f->iom, true), ST_OK);
	assert_int_equal(store_iom_open_proposals(f->s, f->iom, &open), ST_OK);
	assert_int_equal(open, 3);   /* the answered ones added no open one */
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom_proposal WHERE iom_id = ? AND answer = 'declined'"
				   " AND length(answer_text) > 0", "i", f->iom), 1);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom_proposal WHERE iom_id = ? AND answer = 'accepted'",
				   "i", f->iom), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proposals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_self_analysis, setup, teardown),
		cmocka_unit_test_setup_teardown(test_confirm_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assigned_reach, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
