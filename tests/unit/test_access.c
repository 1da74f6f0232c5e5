/* Unit tests for src/access.c (the policy table, through access_decide and
 * access_scope, without a database) and cli_parse_grant from src/cli. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "access.h"
#include "cli/cli.h"
#include "config.h"
#include "store/iom.h"
#include "store/store.h"
#include "util.h"

static const enum perm all_perms[] = {
	P_PERSON_VIEW, P_PERSON_CREATE, P_PERSON_EDIT, P_PERSON_ARCHIVE,
	P_ORG_VIEW, P_ORG_CREATE, P_ORG_EDIT, P_USERS_MANAGE, P_CATALOG_EDIT, P_ADMIN_TASKS,
};

static struct config *cfg;

static int setup(void **state)
{
	(void)state;
	cfg = config_defaults();
	return cfg ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	config_free(cfg);
	cfg = NULL;
	return 0;
}

static struct user mk_user(const char *login, int64_t person_id)
{
	struct user u;

	memset(&u, 0, sizeof u);
	strlcpy0(u.login, login, sizeof u.login);
	u.person_id = person_id;
	return u;
}

static void add_role(struct user *u, const char *role, int64_t org_id, int64_t mun_id)
{
	struct role_grant *g;

	assert_true(u->nroles < (int)NITEMS(u->roles));
	g = &u->roles[u->nroles++];
	strlcpy0(g->role, role, sizeof g->role);
	g->org_id = org_id;
	g->mun_id = mun_id;
}

static struct person_place place(int64_t id, int64_t org_id, int64_t mun_id, bool curated)
{
	struct person_place p;

	memset(&p, 0, sizeof p);
	p.id = id;
	p.org_id = org_id;
	p.mun_id = mun_id;
	p.curated_by = curated;
	return p;
}

/* Decision for a target person; why is checked to be set on refusal. */
static bool may(const struct user *u, const struct config *c, enum perm p,
		const struct person_place *t)
{
	const char *why = NULL;
	bool ok = access_decide(u, c, p, t, &why);

	if (!ok) {
		assert_non_null(why);
		assert_true(why[0] != '\0');
	}
	return ok;
}

static void test_teacher_sees_only_himself(void **state)
{
	struct user u = mk_user("ivanova", 10);
	struct person_place self = place(10, 5, 2, false);
	struct person_place colleague = place(11, 5, 2, false);	/* same school */
	const char *why = NULL;

	(void)state;
	add_role(&u, "teacher", 0, 0);
	assert_true(access_decide(&u, cfg, P_PERSON_VIEW, &self, &why));
	assert_false(access_decide(&u, cfg, P_PERSON_VIEW, &colleague, &why));
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	/* Passing no why is allowed. */
	assert_false(access_decide(&u, cfg, P_PERSON_VIEW, &colleague, NULL));
	assert_true(access_decide(&u, cfg, P_PERSON_VIEW, &self, NULL));
}

static void test_teacher_may_not_change(void **state)
{
	struct user u = mk_user("ivanova", 10);
	struct person_place self = place(10, 5, 2, false);
	struct person_place other = place(11, 5, 2, false);
	const enum perm changes[] = { P_PERSON_CREATE, P_PERSON_EDIT, P_PERSON_ARCHIVE };

	(void)state;
	add_role(&u, "teacher", 0, 0);
	for (size_t i = 0; i < NITEMS(changes); i++) {
		assert_false(may(&u, cfg, changes[i], &self));
		assert_false(may(&u, cfg, changes[i], &other));
		assert_false(may(&u, cfg, changes[i], NULL));	/* not anywhere */
	}
	assert_false(may(&u, cfg, P_USERS_MANAGE, NULL));
	assert_false(may(&u, cfg, P_CATALOG_EDIT, NULL));
	assert_false(may(&u, cfg, P_ADMIN_TASKS, NULL));
	/* In general he may view someone: himself. */
	assert_true(may(&u, cfg, P_PERSON_VIEW, NULL));
}

static void test_school_by_organisation(void **state)
{
	struct user u = mk_user("director", 0);
	struct person_place in5 = place(20, 5, 2, false), in6 = place(21, 6, 2, false);
	const enum perm perms[] = { P_PERSON_VIEW, P_PERSON_EDIT, P_PERSON_ARCHIVE, P_PERSON_CREATE };

	(void)state;
	add_role(&u, "school", 5, 0);
	for (size_t i = 0; i < NITEMS(perms); i++) {
		assert_true(may(&u, cfg, perms[i], &in5));
		assert_false(may(&u, cfg, perms[i], &in6));
	}
	/* A person with no organisation is not "in org 0". */
	struct person_place nowhere = place(22, 0, 0, false);
	assert_false(may(&u, cfg, P_PERSON_VIEW, &nowhere));
	assert_false(may(&u, cfg, P_USERS_MANAGE, NULL));
	assert_false(may(&u, cfg, P_CATALOG_EDIT, NULL));
}

static void test_municipal_by_municipality(void **state)
{
	struct user u = mk_user("gorono", 0);
	struct person_place in2 = place(30, 7, 2, false), in3 = place(31, 8, 3, false);

	(void)state;
	add_role(&u, "municipal", 0, 2);
	assert_true(may(&u, cfg, P_PERSON_VIEW, &in2));
	assert_false(may(&u, cfg, P_PERSON_VIEW, &in3));
	assert_true(may(&u, cfg, P_PERSON_EDIT, &in2));
	assert_false(may(&u, cfg, P_PERSON_EDIT, &in3));
	/* Organisations: the target is the organisation (id, mun_id). */
	struct person_place org_in2 = place(7, 0, 2, false), org_in3 = place(8, 0, 3, false);
	assert_true(may(&u, cfg, P_ORG_EDIT, &org_in2));
	assert_false(may(&u, cfg, P_ORG_EDIT, &org_in3));
}

static void test_curator(void **state)
{
	struct user u = mk_user("metodist", 40);
	struct person_place curated = place(41, 5, 2, true);
	struct person_place uncurated = place(42, 5, 2, false);
	struct person_place self = place(40, 9, 3, false);

	(void)state;
	add_role(&u, "curator", 0, 0);
	assert_true(may(&u, cfg, P_PERSON_VIEW, &curated));
	assert_true(may(&u, cfg, P_PERSON_VIEW, &self));
	assert_false(may(&u, cfg, P_PERSON_VIEW, &uncurated));
	assert_false(may(&u, cfg, P_PERSON_EDIT, &curated));
}

static void test_regional_and_admin_view_everyone(void **state)
{
	struct user reg = mk_user("cnppm", 0), adm = mk_user("root", 0);
	struct person_place anyone[] = {
		place(50, 5, 2, false), place(51, 6, 3, false), place(52, 0, 0, false),
	};

	(void)state;
	add_role(&reg, "regional", 0, 0);
	add_role(&adm, "admin", 0, 0);
	for (size_t i = 0; i < NITEMS(anyone); i++) {
		assert_true(may(&reg, cfg, P_PERSON_VIEW, &anyone[i]));
		assert_true(may(&adm, cfg, P_PERSON_VIEW, &anyone[i]));
		assert_true(may(&reg, cfg, P_PERSON_EDIT, &anyone[i]));
		assert_true(may(&adm, cfg, P_PERSON_EDIT, &anyone[i]));
	}
}

static void test_users_and_catalogs(void **state)
{
	static const char *const roles[] = {
		"teacher", "curator", "developer", "school", "municipal", "regional", "admin",
	};
	struct person_place target = place(70, 5, 2, false);

	(void)state;
	for (size_t i = 0; i < NITEMS(roles); i++) {
		struct user u = mk_user("u", 70);
		bool is_admin = strcmp(roles[i], "admin") == 0;
		bool is_reg = strcmp(roles[i], "regional") == 0;

		add_role(&u, roles[i], 5, 2);
		if (may(&u, cfg, P_USERS_MANAGE, NULL) != is_admin)
			fail_msg("P_USERS_MANAGE for %s", roles[i]);
		if (may(&u, cfg, P_USERS_MANAGE, &target) != is_admin)
			fail_msg("P_USERS_MANAGE (target) for %s", roles[i]);
		if (may(&u, cfg, P_CATALOG_EDIT, NULL) != (is_admin || is_reg))
			fail_msg("P_CATALOG_EDIT for %s", roles[i]);
		if (may(&u, cfg, P_ADMIN_TASKS, NULL) != is_admin)
			fail_msg("P_ADMIN_TASKS for %s", roles[i]);
	}
}

/* Targets: the region's by the regional centre and the admin; a
 * municipality's own also by that municipality, never another's. The
 * region's target is a place nobody reaches but the whole region. */
static void test_targets(void **state)
{
	static const char *const roles[] = {
		"teacher", "curator", "developer", "school", "municipal", "regional", "admin",
	};
	struct person_place region = place(-1, 0, 0, false), mun2 = place(-1, 0, 2, false),
			    mun3 = place(-1, 0, 3, false);

	(void)state;
	for (size_t i = 0; i < NITEMS(roles); i++) {
		struct user u = mk_user("u", 70);
		bool all = strcmp(roles[i], "admin") == 0 || strcmp(roles[i], "regional") == 0;
		bool mun = strcmp(roles[i], "municipal") == 0;

		add_role(&u, roles[i], 5, 2);
		if (may(&u, cfg, P_TARGETS, &region) != all)
			fail_msg("P_TARGETS (region) for %s", roles[i]);
		if (may(&u, cfg, P_TARGETS, &mun2) != (all || mun))
			fail_msg("P_TARGETS (own municipality) for %s", roles[i]);
		if (may(&u, cfg, P_TARGETS, &mun3) != all)
			fail_msg("P_TARGETS (another municipality) for %s", roles[i]);
	}
}

static void test_disabled_refused_everything(void **state)
{
	struct user u = mk_user("former", 80);
	struct person_place self = place(80, 5, 2, true);

	(void)state;
	add_role(&u, "admin", 5, 2);
	add_role(&u, "regional", 0, 0);
	add_role(&u, "teacher", 0, 0);
	u.disabled = true;
	for (size_t i = 0; i < NITEMS(all_perms); i++) {
		assert_false(may(&u, cfg, all_perms[i], &self));
		assert_false(may(&u, cfg, all_perms[i], NULL));
	}
}

static void test_two_roles_union(void **state)
{
	struct user u = mk_user("zavuch", 90);
	struct person_place self = place(90, 6, 3, false);	/* works elsewhere */
	struct person_place in5 = place(91, 5, 2, false);
	struct person_place in7 = place(92, 7, 2, false);

	(void)state;
	add_role(&u, "teacher", 0, 0);
	add_role(&u, "school", 5, 0);
	assert_true(may(&u, cfg, P_PERSON_EDIT, &in5));
	assert_true(may(&u, cfg, P_PERSON_VIEW, &in5));
	assert_true(may(&u, cfg, P_PERSON_VIEW, &self));
	assert_false(may(&u, cfg, P_PERSON_EDIT, &self));	/* not in org 5 */
	assert_false(may(&u, cfg, P_PERSON_VIEW, &in7));
}

static void test_no_roles_and_unknown_role(void **state)
{
	struct user none = mk_user("nobody", 100), odd = mk_user("odd", 101);
	struct person_place self = place(100, 5, 2, false);
	struct person_place odd_self = place(101, 5, 2, false);

	(void)state;
	add_role(&odd, "boss", 5, 2);
	for (size_t i = 0; i < NITEMS(all_perms); i++) {
		assert_false(may(&none, cfg, all_perms[i], &self));
		assert_false(may(&none, cfg, all_perms[i], NULL));
		assert_false(may(&odd, cfg, all_perms[i], &odd_self));
	}
}

/* --- the disclosure rule (issue 12's table) ---------------------------- */

static struct disclosure_ties ties(int64_t org, bool opted)
{
	struct disclosure_ties t = { false, false, false, false, org, opted };
	return t;
}

#define BOTH (DISCLOSE_RESULTS | DISCLOSE_FINDINGS)

/* Every row of the table: roles alone, then the ties that anyone holds. */
static void test_disclosure_table(void **state)
{
	struct user teacher = mk_user("t", 10), curator = mk_user("c", 40), dev = mk_user("d", 41);
	struct user school = mk_user("s", 0), admin = mk_user("a", 0), mun = mk_user("m", 0);
	struct user reg = mk_user("r", 0), other = mk_user("o", 0);
	struct disclosure_ties in5 = ties(5, false), in5_opted = ties(5, true), in6_opted = ties(6, true);

	(void)state;
	add_role(&teacher, "teacher", 0, 0);
	add_role(&curator, "curator", 0, 0);
	add_role(&dev, "developer", 0, 0);
	add_role(&school, "school", 5, 0);
	add_role(&admin, "admin", 0, 0);
	add_role(&mun, "municipal", 0, 2);
	add_role(&reg, "regional", 0, 0);
	add_role(&other, "school", 6, 0);

	/* Roles alone: the regional centre both; the head of the teacher's
	 * organisation the findings, the results only where it opted in;
	 * municipal, admin, a teacher, a curator or a developer without a
	 * tie nothing. */
	assert_int_equal(access_disclosure_decide(&reg, &in5), BOTH);
	assert_int_equal(access_disclosure_decide(&school, &in5), DISCLOSE_FINDINGS);
	assert_int_equal(access_disclosure_decide(&school, &in5_opted), BOTH);
	assert_int_equal(access_disclosure_decide(&school, &in6_opted), 0);
	assert_int_equal(access_disclosure_decide(&other, &in5_opted), 0);
	assert_int_equal(access_disclosure_decide(&mun, &in5_opted), 0);
	assert_int_equal(access_disclosure_decide(&admin, &in5_opted), 0);
	assert_int_equal(access_disclosure_decide(&teacher, &in5_opted), 0);
	assert_int_equal(access_disclosure_decide(&curator, &in5), 0);
	assert_int_equal(access_disclosure_decide(&dev, &in5), 0);

	/* Ties give both, whatever the roles: himself, the card's curator
	 * (by assignment), its developer, the diagnostic's recorder. */
	for (int k = 0; k < 4; k++) {
		struct disclosure_ties t = ties(5, false);
		struct user *who[] = { &teacher, &admin, &mun, &other };
		t.self = k == 0;
		t.curator = k == 1;
		t.developer = k == 2;
		t.recorder = k == 3;
		assert_int_equal(access_disclosure_decide(who[k], &t), BOTH);
	}
	/* A disabled account sees nothing, tie or not. */
	reg.disabled = true;
	assert_int_equal(access_disclosure_decide(&reg, &in5), 0);
}

/* The schema's marks: each class is declared once and found by column. */
static void test_disclosure_columns(void **state)
{
	(void)state;
	assert_int_equal(access_column_class("diagnostic_block", "difficulties"), DISCLOSE_RESULTS);
	assert_int_equal(access_column_class("diagnostic_block", "pct_overall"), DISCLOSE_RESULTS);
	assert_int_equal(access_column_class("diagnostic", "level"), DISCLOSE_RESULTS);
	assert_int_equal(access_column_class("selfcheck_answer", "score"), DISCLOSE_RESULTS);
	assert_int_equal(access_column_class("iom_activity", "deficit_codes"), DISCLOSE_FINDINGS);
	assert_int_equal(access_column_class("diagnostic", "recommendations"), DISCLOSE_FINDINGS);
	assert_int_equal(access_column_class("diagnostic_deficit", "deficit_code"), DISCLOSE_FINDINGS);
	assert_int_equal(access_column_class("iom_activity", "activity"), 0);
	assert_int_equal(access_column_class("person", "surname"), 0);
	assert_int_equal(access_column_class(NULL, "level"), 0);
	assert_int_equal(access_column_class("diagnostic", NULL), 0);
}

/* --- the access matrix: every role against every permission ---
 *
 * One line per role; one cell per permission in enum order, each six
 * marks for the targets: S his own person (his own organisation for the
 * organisation permissions), O a person of the organisation of his grant
 * (that organisation), M a person of another organisation of the
 * municipality of his grant (that organisation), X a person elsewhere in
 * the region (an organisation elsewhere), C a person he curates elsewhere
 * (the organisation of persons he curates), G the permission in general.
 * '+' allowed, '-' refused (with a reason). The user's person is in
 * organisation 5 of municipality 2; a school grant is organisation 5, a
 * municipal grant municipality 2. Columns: person view, create, edit,
 * archive, org view, org create, org edit, users, catalogue
 * edit, admin tasks, diagnostic record, self-diagnosis, applications,
 * measures, targets, import, participation, sites, site decisions,
 * mentoring, events, audit. */
static const struct {
	const char *role;
	const char *cells[P__COUNT];
} matrix[] = {
	{ "teacher", { "+----+", "------", "------", "------", "+---++", "------", "------", "------", "------", "------", "------", "+----+", "------", "------", "------", "------", "------", "------", "------", "------", "------", "------" } },
	{ "curator", { "+---++", "------", "------", "------", "+---++", "------", "------", "------", "------", "------", "------", "+----+", "------", "------", "------", "------", "------", "------", "------", "------", "------", "------" } },
	{ "developer", { "++++++", "------", "------", "------", "++++++", "------", "------", "------", "------", "------", "++++++", "+----+", "++++++", "------", "------", "------", "++++++", "------", "------", "------", "++++++", "------" } },
	{ "school", { "++---+", "++---+", "++---+", "++---+", "++---+", "------", "++---+", "------", "------", "------", "------", "+----+", "++---+", "------", "------", "------", "++---+", "++---+", "------", "++---+", "++---+", "------" } },
	{ "municipal", { "+++--+", "+++--+", "+++--+", "+++--+", "+++--+", "+++--+", "+++--+", "------", "------", "------", "------", "+----+", "+++--+", "+++--+", "+++--+", "------", "+++--+", "+++--+", "------", "+++--+", "+++--+", "------" } },
	{ "regional", { "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "------", "++++++", "------", "++++++", "+----+", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++" } },
	{ "admin", { "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "++++++", "------", "+----+", "------", "------", "++++++", "++++++", "------", "------", "------", "------", "------", "++++++" } },
};

static void test_access_matrix(void **state)
{
	struct person_place person[5] = {
		place(10, 5, 2, false), place(11, 5, 2, false), place(12, 6, 2, false),
		place(13, 7, 3, false), place(14, 7, 3, true),
	};
	struct person_place org[5] = {
		place(5, 0, 2, true), place(5, 0, 2, false), place(6, 0, 2, false),
		place(7, 0, 3, false), place(7, 0, 3, true),
	};

	(void)state;
	for (size_t r = 0; r < NITEMS(matrix); r++) {
		struct user u = mk_user("matrix", 10);
		add_role(&u, matrix[r].role, strcmp(matrix[r].role, "school") == 0 ? 5 : 0,
			 strcmp(matrix[r].role, "municipal") == 0 ? 2 : 0);
		for (int p = 0; p < P__COUNT; p++) {
			bool is_org = p == P_ORG_VIEW || p == P_ORG_CREATE || p == P_ORG_EDIT ||
				      p == P_APPLICATION || p == P_MEASURES || p == P_SITES;
			const char *want = matrix[r].cells[p];
			assert_non_null(want);
			for (int t = 0; t < 6; t++) {
				bool got = may(&u, cfg, (enum perm)p,
					       t < 5 ? (is_org ? &org[t] : &person[t]) : NULL);
				if (got != (want[t] == '+'))
					fail_msg("%s, permission %d, target %d: expected %c", matrix[r].role, p,
						 t, want[t]);
			}
		}
	}
}

/* One table says which permission governs which described table: the
 * forms, the registries and the pickers all read it. */
static void test_table_rules(void **state)
{
	struct user u = mk_user("methodist", 0);
	struct session ss;
	struct record rec;
	const char *why;

	(void)state;
	assert_int_equal(access_table_perm(&model_person, true), P_PERSON_CREATE);
	assert_int_equal(access_table_perm(&model_person, false), P_PERSON_EDIT);
	assert_int_equal(access_table_perm(&model_organisation, true), P_ORG_CREATE);
	assert_int_equal(access_table_perm(&model_event, true), P_EVENTS);
	assert_int_equal(access_table_perm(&model_staff_count, true), P_ORG_EDIT);
	assert_int_equal(access_table_perm(&model_participation, true), P_PARTICIPATION);
	assert_int_equal(access_table_perm(&model_city_mo, true), P_MEASURES);
	assert_int_equal(access_table_perm(&model_iom_activity, true), P__COUNT);
	/* The organisation picker of a record addressed to an organisation
	 * offers those the user may address it to; elsewhere those he sees. */
	assert_int_equal(access_org_pick_perm(&model_staffing_need, true), P_ORG_EDIT);
	assert_int_equal(access_org_pick_perm(&model_measure, true), P_MEASURES);
	assert_int_equal(access_org_pick_perm(&model_application, true), P_APPLICATION);
	assert_int_equal(access_org_pick_perm(&model_person, false), P_PERSON_EDIT);
	assert_int_equal(access_org_pick_perm(&model_course, true), P_ORG_VIEW);
	/* A table without a target: the permission in general. */
	add_role(&u, "regional", 0, 0);
	memset(&ss, 0, sizeof ss);
	ss.user = u;
	ss.cfg = cfg;
	record_init(&rec, &model_event);
	assert_true(access_may_save(&ss, &model_event, &rec, 0, &why));
	ss.user.nroles = 0;
	add_role(&ss.user, "teacher", 0, 0);
	assert_false(access_may_save(&ss, &model_event, &rec, 0, &why));
	assert_non_null(why);
	record_free(&rec);
	/* Every described table has its rule, but the ИОМ's own (route.c). */
	{
		static const char *const tables[] = {
			"organisation", "person", "course", "deficit_code", "diagnostic_application",
			"application_consent", "course_interview", "support_measure", "recommendation",
			"event", "participation", "internship_site", "methodist_pool", "mentoring_pair", "mentoring_survey", "mentor_training",
			"staff_movement", "staffing_need", "school_dev_plan", "innovation",
			"difficulty_bank", "city_mo", "staff_count",
		};
		for (size_t i = 0; i < NITEMS(tables); i++) {
			const struct table_desc *t = model_by_table(tables[i]);
			assert_non_null(t);
			if (access_table_perm(t, true) == P__COUNT)
				fail_msg("no rule for %s", tables[i]);
		}
		assert_int_equal(access_table_perm(model_by_table("iom"), true), P__COUNT);
		assert_int_equal(access_table_perm(model_by_table("ippr_row"), true), P__COUNT);
	}
	/* Lifecycle tables are not decided by the rules. */
	record_init(&rec, &model_iom_activity);
	ss.user = u;
	assert_false(access_may_save(&ss, &model_iom_activity, &rec, 0, &why));
	record_free(&rec);
	/* A municipality's record (its МСОКО date, ОМ-7): its municipal
	 * specialist, the region (or the administrator); not another municipality's, nor a school,
	 * nor anyone a new one. */
	{
		static const struct { const char *role; int64_t org, mun; bool ok; } who[] = {
			{ "regional", 0, 0, true }, { "municipal", 0, 2, true }, { "municipal", 0, 3, false },
			{ "school", 7, 2, false }, { "teacher", 7, 2, false }, { "admin", 0, 0, true },
		};
		assert_int_equal(access_table_perm(&model_municipality, false), P_ORG_EDIT);
		assert_int_equal(access_table_perm(&model_municipality, true), P__COUNT);
		record_init(&rec, &model_municipality);
		for (size_t i = 0; i < NITEMS(who); i++) {
			ss.user.nroles = 0;
			add_role(&ss.user, who[i].role, who[i].org, who[i].mun);
			rec.id = 2;
			why = NULL;
			if (access_may_save(&ss, &model_municipality, &rec, 0, &why) != who[i].ok)
				fail_msg("%s of %lld/%lld: expected %d", who[i].role, (long long)who[i].org,
					 (long long)who[i].mun, who[i].ok);
			if (!who[i].ok)
				assert_non_null(strstr(why, "муниципалит"));
			rec.id = 0;
			assert_false(access_may_save(&ss, &model_municipality, &rec, 0, &why));
		}
		record_free(&rec);
	}
}

/* --- access_scope --- */

static struct session mk_session(const struct user *u, const struct config *c)
{
	struct session ss;

	memset(&ss, 0, sizeof ss);
	ss.user = *u;
	ss.cfg = c;
	ss.store = NULL;
	return ss;
}

static void expect_scope(const struct session *ss, enum perm p, bool all, int64_t self,
			 int64_t curator, const char *orgs, const char *muns)
{
	struct store_scope sc = access_scope(ss, p);

	assert_int_equal(sc.all, all);
	assert_int_equal(sc.self_person, self);
	assert_int_equal(sc.curator_person, curator);
	assert_non_null(sc.orgs);
	assert_non_null(sc.muns);
	assert_string_equal(sc.orgs, orgs);
	assert_string_equal(sc.muns, muns);
	access_scope_free(&sc);
	assert_null(sc.orgs);
	assert_null(sc.muns);
}

static void test_scope_school_and_municipal(void **state)
{
	struct user u = mk_user("boss", 0);
	struct session ss;

	(void)state;
	add_role(&u, "school", 5, 0);
	add_role(&u, "municipal", 0, 2);
	ss = mk_session(&u, cfg);
	expect_scope(&ss, P_PERSON_VIEW, false, 0, 0, "[5]", "[2]");
	expect_scope(&ss, P_PERSON_EDIT, false, 0, 0, "[5]", "[2]");
	/* Results: neither reaches them by default. */
	expect_scope(&ss, P_USERS_MANAGE, false, 0, 0, "[]", "[]");
}

static void test_scope_several_grants(void **state)
{
	struct user u = mk_user("boss", 7);
	struct session ss;

	(void)state;
	add_role(&u, "school", 5, 0);
	add_role(&u, "school", 12, 0);
	add_role(&u, "municipal", 0, 2);
	add_role(&u, "municipal", 0, 31);
	ss = mk_session(&u, cfg);
	expect_scope(&ss, P_PERSON_VIEW, false, 7, 0, "[5,12]", "[2,31]");
}

static void test_scope_teacher_and_curator(void **state)
{
	struct user t = mk_user("t", 10), c = mk_user("c", 40), c0 = mk_user("c0", 0);
	struct session ss;

	(void)state;
	add_role(&t, "teacher", 0, 0);
	ss = mk_session(&t, cfg);
	expect_scope(&ss, P_PERSON_VIEW, false, 10, 0, "[]", "[]");
	expect_scope(&ss, P_PERSON_EDIT, false, 0, 0, "[]", "[]");

	add_role(&c, "curator", 0, 0);
	ss = mk_session(&c, cfg);
	expect_scope(&ss, P_PERSON_VIEW, false, 40, 40, "[]", "[]");

	/* A curator without a person curates nobody. */
	add_role(&c0, "curator", 0, 0);
	ss = mk_session(&c0, cfg);
	expect_scope(&ss, P_PERSON_VIEW, false, 0, 0, "[]", "[]");
}

/* The ИОМ list reaches the person scope and the cards tied to the user's
 * person by assignment (their curator, the school's МО head), whatever his
 * role: the tie is his person, none without one or when disabled. */
static void test_iom_scope(void **state)
{
	struct user t = mk_user("t", 10), c0 = mk_user("c0", 0);
	struct session ss;
	struct iom_scope sc;

	(void)state;
	add_role(&t, "teacher", 0, 0);
	ss = mk_session(&t, cfg);
	access_iom_scope(&ss, &sc);
	assert_int_equal(sc.tied, 10);
	assert_int_equal(sc.persons.self_person, 10);
	assert_int_equal(sc.persons.curator_person, 0);   /* the teacher's role table unchanged */
	assert_false(sc.persons.all);
	access_iom_scope_free(&sc);
	assert_null(sc.persons.orgs);

	ss.user.disabled = true;
	access_iom_scope(&ss, &sc);
	assert_int_equal(sc.tied, 0);
	assert_int_equal(sc.persons.self_person, 0);
	access_iom_scope_free(&sc);

	add_role(&c0, "curator", 0, 0);
	ss = mk_session(&c0, cfg);
	access_iom_scope(&ss, &sc);
	assert_int_equal(sc.tied, 0);
	access_iom_scope_free(&sc);
}

static void test_scope_admin(void **state)
{
	struct user a = mk_user("root", 0), ap = mk_user("root2", 55);
	struct session ss;

	(void)state;
	add_role(&a, "admin", 0, 0);
	ss = mk_session(&a, cfg);
	expect_scope(&ss, P_PERSON_VIEW, true, 0, 0, "[]", "[]");
	expect_scope(&ss, P_USERS_MANAGE, true, 0, 0, "[]", "[]");

	add_role(&ap, "admin", 0, 0);
	ss = mk_session(&ap, cfg);
}

static void test_scope_disabled_and_regional(void **state)
{
	struct user r = mk_user("r", 3);
	struct session ss;

	(void)state;
	add_role(&r, "regional", 0, 0);
	ss = mk_session(&r, cfg);
	ss.user.disabled = true;
	for (size_t i = 0; i < NITEMS(all_perms); i++)
		expect_scope(&ss, all_perms[i], false, 0, 0, "[]", "[]");
}

/* --- cli_parse_grant --- */

static const char *grant(const char *spec, struct role_grant *g, char kind[8], char code[40])
{
	return cli_parse_grant(spec, g, kind, code, 40);
}

static void test_grant_ok(void **state)
{
	struct role_grant g;
	char kind[8], code[40];

	(void)state;
	assert_null(grant("school:org:OO001", &g, kind, code));
	assert_string_equal(g.role, "school");
	assert_string_equal(g.scope_code, "org:OO001");
	assert_string_equal(kind, "org");
	assert_string_equal(code, "OO001");
	assert_int_equal(g.org_id, 0);	/* resolved later against the store */
	assert_int_equal(g.mun_id, 0);

	assert_null(grant("municipal:mun:M01", &g, kind, code));
	assert_string_equal(g.role, "municipal");
	assert_string_equal(g.scope_code, "mun:M01");
	assert_string_equal(kind, "mun");
	assert_string_equal(code, "M01");

	assert_null(grant("teacher", &g, kind, code));
	assert_string_equal(g.role, "teacher");
	assert_string_equal(g.scope_code, "");
	assert_string_equal(kind, "");
	assert_string_equal(code, "");

	for (size_t i = 0; i < 4; i++) {
		static const char *const plain[] = { "curator", "developer", "regional", "admin" };
		assert_null(grant(plain[i], &g, kind, code));
		assert_string_equal(g.role, plain[i]);
		assert_string_equal(g.scope_code, "");
	}
}

static void test_grant_refused(void **state)
{
	static const char *const bad[] = {
		"school",            /* needs org: */
		"school:mun:M01",    /* wrong kind of scope */
		"municipal",         /* needs mun: */
		"municipal:org:OO1",
		"teacher:org:X",     /* no scope for this role */
		"admin:mun:M01",
		"curator:org:OO001",
		"boss",              /* unknown role */
		"boss:org:OO001",
		"",
		":org:OO001",
		"school:org:",       /* empty code */
		"school:xyz:1",      /* unknown kind of scope */
		"school:",
		"school:org",
		"School:org:OO001",  /* roles are lower case */
		"school:org:OO\x01" "1",
		"averyveryverylongrolename",
	};
	struct role_grant g;
	char kind[8], code[40];

	(void)state;
	for (size_t i = 0; i < NITEMS(bad); i++) {
		const char *m = grant(bad[i], &g, kind, code);
		if (m == NULL || m[0] == '\0')
			fail_msg("grant «%s» accepted", bad[i]);
	}
}

static void test_grant_messages(void **state)
{
	struct role_grant g;
	char kind[8], code[40], longcode[64];
	const char *m;

	(void)state;
	m = grant("school", &g, kind, code);
	assert_non_null(m);
	assert_non_null(strstr(m, "org:"));
	m = grant("municipal", &g, kind, code);
	assert_non_null(m);
	assert_non_null(strstr(m, "mun:"));
	m = grant("boss", &g, kind, code);
	assert_non_null(m);
	assert_non_null(strstr(m, "неизвестная роль"));
	m = grant("teacher:org:X", &g, kind, code);
	assert_non_null(m);
	assert_non_null(strstr(m, "нет области"));
	m = grant("school:org:", &g, kind, code);
	assert_non_null(m);
	assert_non_null(strstr(m, "код"));
	m = grant("school:xyz:1", &g, kind, code);
	assert_non_null(m);
	assert_non_null(strstr(m, "org:КОД"));

	/* A code of 32 bytes fits; 33 does not. */
	memset(longcode, 'A', sizeof longcode);
	memcpy(longcode, "school:org:", 11);
	longcode[11 + 32] = '\0';
	assert_null(grant(longcode, &g, kind, code));
	assert_int_equal(strlen(code), 32);
	assert_string_equal(g.scope_code + 4, code);
	longcode[11 + 32] = 'A';
	longcode[11 + 33] = '\0';
	assert_non_null(grant(longcode, &g, kind, code));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_teacher_sees_only_himself),
		cmocka_unit_test(test_teacher_may_not_change),
		cmocka_unit_test(test_school_by_organisation),
		cmocka_unit_test(test_municipal_by_municipality),
		cmocka_unit_test(test_curator),
		cmocka_unit_test(test_regional_and_admin_view_everyone),
		cmocka_unit_test(test_disclosure_table),
		cmocka_unit_test(test_disclosure_columns),
		cmocka_unit_test(test_users_and_catalogs),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_disabled_refused_everything),
		cmocka_unit_test(test_two_roles_union),
		cmocka_unit_test(test_no_roles_and_unknown_role),
		cmocka_unit_test(test_scope_school_and_municipal),
		cmocka_unit_test(test_scope_several_grants),
		cmocka_unit_test(test_scope_teacher_and_curator),
		cmocka_unit_test(test_scope_admin),
		cmocka_unit_test(test_iom_scope),
		cmocka_unit_test(test_scope_disabled_and_regional),
		cmocka_unit_test(test_grant_ok),
		cmocka_unit_test(test_grant_refused),
		cmocka_unit_test(test_grant_messages),
		cmocka_unit_test(test_access_matrix),
		cmocka_unit_test(test_table_rules),
	};

	test_locale();
	return cmocka_run_group_tests(tests, setup, teardown);
}
