/* The curator rule on the data (src/store/curators.c, seed 004 App.3
 * §4.4.2): the level and the weakest block are read in the store, so the
 * regional centre and a developer who may not see the results get the
 * same proposal from one diagnostic; lecturers are matched by their
 * curator profile; model 2 offers the school's МО head, model 3 the
 * teacher's mentor, else a regional methodist; the developer of a card is
 * never proposed. Each test has its own demo database. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "config.h"
#include "route.h"
#include "store/diag.h"
#include "store/mentoring.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util.h"

struct fx {
	char path[64];
	struct store *s;
	struct config *cfg;
	struct actor regional;
	int64_t regional_person, developer_person;
	int64_t institute, school;
	int64_t teacher;                 /* a mathematics teacher of school, no curator */
	int64_t lect_both, lect_subject, lect_other;   /* lecturers by profile */
};

static int64_t add_person(struct fx *f, const char *surname, int64_t org, const char *position,
			  const char *subjects, const char *profile)
{
	assert_int_equal(store_run(f->s, "INSERT INTO person (surname, name, surname_key, org_id, position,"
				   " subjects, curator_profile) VALUES (?, 'Тест', lower(?), ?, ?, ?, ?)",
				   "ttitt" "t", surname, surname, org, position, subjects, profile), ST_OK);
	return store_int(f->s, "SELECT max(id) FROM person", NULL);
}

/* A diagnostic of the teacher: overall per block (-1: block not given);
 * the level follows from the configured thresholds. */
static int64_t make_diag(struct fx *f, const int *overall)
{
	struct diagnostic d;
	int64_t id;

	diag_init(&d);
	d.person_id = f->teacher;
	strcpy(d.form, "standardized");
	strcpy(d.kind, "entry");
	strcpy(d.date, "2026-09-15");
	d.subject = xstrdup("Математика");
	assert_int_equal(store_diag_blocks(f->s, false, &d), ST_OK);
	for (int i = 0; i < d.nblocks; i++)
		d.blocks[i].pct_overall = overall ? overall[i] : -1;
	assert_int_equal(store_diag_save(f->s, &f->regional, f->cfg, &d), ST_OK);
	id = d.id;
	diag_free(&d);
	return id;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char err[512] = "";
	int fd;

	*state = f;
	strlcpy0(f->path, "/tmp/test_curators_XXXXXX", sizeof f->path);
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
	f->regional = (struct actor){ store_int(f->s, "SELECT id FROM app_user WHERE login = 'regional'", NULL),
				      "regional", "ivanov" };
	f->regional_person = store_int(f->s, "SELECT person_id FROM app_user WHERE login = 'regional'", NULL);
	f->developer_person = store_int(f->s, "SELECT person_id FROM app_user WHERE login = 'developer'", NULL);
	f->institute = store_int(f->s, "SELECT min(id) FROM organisation WHERE kind = 'institute'", NULL);
	f->school = store_int(f->s, "SELECT min(id) FROM organisation WHERE kind = 'school'", NULL);
	if (f->regional_person <= 0 || f->developer_person <= 0 || f->institute <= 0 || f->school <= 0)
		return -1;
	/* The developer's own profile would match best: he must still never
	 * be proposed for the card he builds. */
	store_run(f->s, "UPDATE person SET curator_profile = 'математика; методические', org_id = ?"
		  " WHERE id = ?", "ii", f->institute, f->developer_person);
	f->teacher = add_person(f, "Учителева", f->school, "учитель", "математика, информатика", NULL);
	f->lect_both = add_person(f, "Аапрофильная", f->institute, "старший преподаватель", NULL,
				  "Математика, физика; Методические, предметные");
	f->lect_subject = add_person(f, "Аапредметная", f->institute, "преподаватель", NULL, "математика");
	f->lect_other = add_person(f, "Аадругая", f->institute, "преподаватель", NULL,
				   "русский язык; коммуникативные");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f == NULL)
		return 0;
	store_close(f->s);
	config_free(f->cfg);
	test_remove_db(f->path);
	free(f);
	return 0;
}

static bool proposes(const struct curator_proposal *p, int64_t id)
{
	for (int i = 0; i < p->n; i++)
		if (p->ids[i] == id)
			return true;
	return false;
}

/* Medium deficit, weakest block «Методические»: the regional centre (who
 * sees results) and the developer (who does not: the diagnostic is not
 * assigned to him) get the same kind, reason and first candidate, the
 * lecturer whose profile matches subject and block; neither gets himself. */
static void test_same_proposal_for_regional_and_developer(void **state)
{
	struct fx *f = *state;
	static const int overall[5] = { 75, 55, 70, 78, 72 };
	struct curator_proposal reg, dev;
	int64_t diag = make_diag(f, overall);
	char *level = store_text(f->s, "SELECT level FROM diagnostic WHERE id = ?", "i", diag);

	assert_string_equal(level, "medium");
	free(level);
	assert_int_equal(store_curator_propose(f->s, ROUTE_MODEL_DIAGNOSTIC, f->teacher, diag,
					       f->regional_person, &reg), ST_OK);
	assert_int_equal(store_curator_propose(f->s, ROUTE_MODEL_DIAGNOSTIC, f->teacher, diag,
					       f->developer_person, &dev), ST_OK);
	assert_int_equal(reg.kind, ROUTE_CURATOR_LECTURER);
	assert_int_equal(dev.kind, ROUTE_CURATOR_LECTURER);
	assert_string_equal(reg.reason, dev.reason);
	assert_non_null(strstr(reg.reason, "«Математика», блок «Методические»"));
	/* The reason tells no level and no percentage. */
	assert_null(strstr(reg.reason, "%"));
	assert_null(strstr(reg.reason, "средн"));
	assert_true(reg.n >= 1 && dev.n >= 1);
	assert_int_equal(reg.ids[0], f->lect_both);
	assert_int_equal(dev.ids[0], f->lect_both);
	/* Only the matching profile: not the subject-only nor the other one. */
	assert_false(proposes(&dev, f->lect_subject));
	assert_false(proposes(&dev, f->lect_other));
	/* The developer of the card is never proposed; for the regional
	 * centre's card he is a lecturer of the profile like any other. */
	assert_false(proposes(&dev, f->developer_person));
	assert_true(proposes(&reg, f->developer_person));
	assert_false(proposes(&reg, f->regional_person));
	assert_false(proposes(&reg, f->teacher));
	curator_proposal_free(&reg);
	curator_proposal_free(&dev);
}

/* No lecturer of subject and block: the nearest (by subject), said so. */
static void test_nearest_profile(void **state)
{
	struct fx *f = *state;
	static const int overall[5] = { 75, 78, 70, 55, 72 };   /* weakest: Коммуникативные */
	struct curator_proposal p;
	int64_t diag = make_diag(f, overall);

	store_curator_propose(f->s, ROUTE_MODEL_DIAGNOSTIC, f->teacher, diag, f->developer_person, &p);
	assert_int_equal(p.kind, ROUTE_CURATOR_LECTURER);
	assert_non_null(strstr(p.reason, "нет"));
	assert_true(proposes(&p, f->lect_both));
	assert_true(proposes(&p, f->lect_subject));
	assert_true(proposes(&p, f->lect_other));   /* his block matches */
	curator_proposal_free(&p);
}

/* High deficit → regional methodists; no level (no results entered) →
 * regional methodists with the reason; never the developer. */
static void test_high_and_unknown_level(void **state)
{
	struct fx *f = *state;
	static const int overall[5] = { 30, 20, 40, 35, 45 };
	struct curator_proposal p;
	int64_t high = make_diag(f, overall), none = make_diag(f, NULL);

	store_run(f->s, "UPDATE person SET is_methodist = 1 WHERE id = ?", "i", f->developer_person);
	store_curator_propose(f->s, ROUTE_MODEL_DIAGNOSTIC, f->teacher, high, f->developer_person, &p);
	assert_int_equal(p.kind, ROUTE_CURATOR_REGIONAL_METHODIST);
	assert_true(p.n > 0);
	for (int i = 0; i < p.n; i++)
		assert_int_equal(store_int(f->s, "SELECT is_methodist FROM person WHERE id = ?", "i", p.ids[i]), 1);
	assert_false(proposes(&p, f->developer_person));
	curator_proposal_free(&p);

	store_curator_propose(f->s, ROUTE_MODEL_DIAGNOSTIC, f->teacher, none, f->developer_person, &p);
	assert_int_equal(p.kind, ROUTE_CURATOR_REGIONAL_METHODIST);
	assert_non_null(strstr(p.reason, "не указан"));
	assert_true(p.n > 0);
	assert_false(proposes(&p, f->developer_person));
	curator_proposal_free(&p);

	store_curator_propose(f->s, ROUTE_MODEL_DIAGNOSTIC, f->teacher, 0, f->developer_person, &p);
	assert_int_equal(p.kind, ROUTE_CURATOR_REGIONAL_METHODIST);
	assert_non_null(strstr(p.reason, "диагностика не выбрана"));
	curator_proposal_free(&p);
}

/* Model 2: the lecturer of the profile and the head of the school's МО;
 * not a lecturer of another profile, not the МО head of another school. */
static void test_postcourse(void **state)
{
	struct fx *f = *state;
	struct curator_proposal p;
	int64_t other_school = store_int(f->s, "SELECT min(id) FROM organisation WHERE kind = 'school'"
					 " AND id <> ?", "i", f->school);
	int64_t mo = add_person(f, "Шмоева", f->school, "руководитель ШМО учителей математики", "математика", NULL);
	int64_t mo_other = add_person(f, "Чужаева", other_school, "руководитель МО", "математика", NULL);

	store_curator_propose(f->s, ROUTE_MODEL_POSTCOURSE, f->teacher, 0, f->developer_person, &p);
	assert_int_equal(p.kind, ROUTE_CURATOR_LECTURER_OR_MO_HEAD);
	assert_true(proposes(&p, mo));
	assert_false(proposes(&p, mo_other));
	assert_true(proposes(&p, f->lect_both));       /* subject: математика */
	assert_true(proposes(&p, f->lect_subject));
	assert_false(proposes(&p, f->lect_other));
	assert_false(proposes(&p, f->developer_person));
	curator_proposal_free(&p);
}

/* Model 3: the teacher's mentor from his school first; without one a
 * regional methodist. */
static void test_mentoring(void **state)
{
	struct fx *f = *state;
	struct curator_proposal p;
	int64_t mentor;

	/* No mentor in the school: methodists. */
	store_run(f->s, "UPDATE person SET is_mentor = 0 WHERE org_id = ?", "i", f->school);
	store_run(f->s, "UPDATE mentoring_pair SET archived = 1 WHERE mentee_id = ?", "i", f->teacher);
	store_curator_propose(f->s, ROUTE_MODEL_MENTORING, f->teacher, 0, f->developer_person, &p);
	assert_int_equal(p.kind, ROUTE_CURATOR_REGIONAL_METHODIST);
	assert_non_null(strstr(p.reason, "нет педагога-наставника"));
	assert_true(p.n > 0);
	curator_proposal_free(&p);

	mentor = add_person(f, "Наставникова", f->school, "учитель", "математика", NULL);
	assert_int_equal(store_run(f->s, "INSERT INTO mentoring_pair (mentor_id, mentee_id, org_id, start_date)"
				   " VALUES (?, ?, ?, '2026-09-01')", "iii", mentor, f->teacher, f->school), ST_OK);
	store_curator_propose(f->s, ROUTE_MODEL_MENTORING, f->teacher, 0, f->developer_person, &p);
	assert_int_equal(p.kind, ROUTE_CURATOR_MENTOR_OR_METHODIST);
	assert_true(p.n >= 1);
	assert_int_equal(p.ids[0], mentor);
	curator_proposal_free(&p);
}

/* What F4 «ИОМ-3» on a pair asks about (store_pair_running_iom): the
 * mentee's running card, none before there is one, the newest not
 * completed; then the link makes it model 3 of the pair, logged as a
 * change of an approved card, and another pair may not take it. */
static void test_pair_iom(void **state)
{
	struct fx *f = *state;
	struct pair_iom c;
	int64_t mentor, other, pair, pair2, card, iom;
	char *key, *names;

	mentor = add_person(f, "Наставникова", f->school, "учитель", "математика", NULL);
	other = add_person(f, "Другова", f->school, "учитель", "математика", NULL);
	store_run(f->s, "UPDATE mentoring_pair SET archived = 1 WHERE mentee_id = ?", "i", f->teacher);
	assert_int_equal(store_run(f->s, "INSERT INTO mentoring_pair (mentor_id, mentee_id, org_id, start_date)"
				   " VALUES (?, ?, ?, '2026-09-01')", "iii", mentor, f->teacher, f->school), ST_OK);
	pair = store_int(f->s, "SELECT max(id) FROM mentoring_pair", NULL);
	assert_int_equal(store_run(f->s, "INSERT INTO mentoring_pair (mentor_id, mentee_id, org_id, start_date)"
				   " VALUES (?, ?, ?, '2026-09-01')", "iii", other, f->teacher, f->school), ST_OK);
	pair2 = store_int(f->s, "SELECT max(id) FROM mentoring_pair", NULL);

	/* The pair's place in the list and its people whole. */
	key = store_pair_key(f->s, pair);
	names = store_text(f->s, "SELECT surname_key FROM person WHERE id = ?", "i", f->teacher);
	assert_non_null(key);
	assert_non_null(names);
	assert_true(strncmp(key, names, strlen(names)) == 0);
	free(key);
	free(names);
	assert_null(store_pair_key(f->s, 999999));
	names = store_pair_names(f->s, pair);
	assert_non_null(names);
	assert_non_null(strstr(names, "|Наставникова Тест"));
	free(names);

	store_run(f->s, "UPDATE iom SET archived = 1 WHERE person_id = ?", "i", f->teacher);
	assert_int_equal(store_pair_running_iom(f->s, pair, &c), ST_NOTFOUND);
	assert_non_null(strstr(store_errmsg(f->s), "нет действующей карты ИОМ"));
	assert_int_equal(store_pair_running_iom(f->s, 999999, &c), ST_NOTFOUND);

	assert_int_equal(store_run(f->s, "INSERT INTO iom (number, model, person_id, status) VALUES"
				   " ('ИОМ-2026-000901', 1, ?, 'approved')", "i", f->teacher), ST_OK);
	card = store_int(f->s, "SELECT max(id) FROM iom", NULL);
	assert_int_equal(store_run(f->s, "INSERT INTO iom (number, model, person_id, status) VALUES"
				   " ('ИОМ-2026-000902', 2, ?, 'completed')", "i", f->teacher), ST_OK);
	assert_int_equal(store_pair_running_iom(f->s, pair, &c), ST_OK);
	assert_true(c.id == card);
	assert_string_equal(c.number, "ИОМ-2026-000901");
	assert_int_equal(c.model, 1);
	assert_string_equal(c.status, "approved");
	assert_true(c.pair_id == 0);

	assert_int_equal(store_pair_link_iom(f->s, &f->regional, pair, &iom), ST_OK);
	assert_true(iom == card);
	assert_int_equal(store_pair_running_iom(f->s, pair, &c), ST_OK);
	assert_int_equal(c.model, 3);
	assert_true(c.pair_id == pair);
	assert_int_equal(store_int(f->s, "SELECT count(*) FROM iom_change WHERE iom_id = ? AND field = 'model'"
				   " AND before = '1' AND after = '3'", "i", card), 1);
	/* Another pair of the same mentee may not take the card. */
	assert_int_equal(store_pair_link_iom(f->s, &f->regional, pair2, &iom), ST_CONSTRAINT);
	assert_int_equal(store_int(f->s, "SELECT mentoring_pair_id FROM iom WHERE id = ?", "i", card), pair);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_proposal_for_regional_and_developer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nearest_profile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_high_and_unknown_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_postcourse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mentoring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pair_iom, setup, teardown),
	};

	test_locale();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
