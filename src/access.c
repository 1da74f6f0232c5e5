/* The access policy as one table: for each role and permission, the part of
 * the register it reaches. Both the yes/no answer (access_decide) and the
 * SQL scope (access_scope) are read from this table, so a rule exists once. */
#include "access.h"
#include "seclog.h"
#include "config.h"
#include "route.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum reach {
	R_SELF = 1 << 0,     /* own person */
	R_CURATED = 1 << 1,  /* persons the user curates */
	R_ORG = 1 << 2,      /* the organisation of the grant */
	R_MUN = 1 << 3,      /* the municipality of the grant */
	R_ALL = 1 << 4,      /* the whole region */
	R_SCHOOL_CARDS = 1 << 5, /* R_ORG, when the school keeps its own cards */
	R_DEVELOPED = 1 << 6,  /* persons whose ИОМ he develops or diagnostics he recorded */
};

struct rule {
	const char *role;
	unsigned reach[P__COUNT];
};

#define OWN (R_SELF)
static const struct rule rules[] = {
	/*               view           create  edit    archive results                       org view         org create org edit users cat admin  diag self appl meas targets import part sites decide mentor events audit */
	{ "teacher",   { OWN,           0,      0,      0,      OWN,                          OWN,             0,     0,     0,    0,    0,     0, OWN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "curator",   { OWN | R_CURATED, 0,    0,      0,      OWN | R_CURATED,              OWN | R_CURATED, 0,     0,     0,    0,    0,     0, OWN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "developer", { OWN | R_ALL,   0,      0,      0,      OWN | R_DEVELOPED,            R_ALL,           0,     0,     0,    0,    0,     R_ALL, OWN, R_ALL, 0, 0, 0, R_ALL, 0, 0, 0, R_ALL, 0 } },
	{ "school",    { OWN | R_ORG,   R_ORG,  R_ORG,  R_ORG,  OWN | R_SCHOOL_CARDS,         R_ORG,           0,     R_ORG, 0,    0,    0,     0, OWN, R_ORG, 0, 0, 0, R_ORG, R_ORG, 0, R_ORG, R_ORG, 0 } },
	{ "municipal", { OWN | R_MUN,   R_MUN,  R_MUN,  R_MUN,  OWN,                          R_MUN,           R_MUN, R_MUN, 0,    0,    0,     0, OWN, R_MUN, R_MUN, R_MUN, 0, R_MUN, R_MUN, 0, R_MUN, R_MUN, 0 } },
	{ "regional",  { R_ALL,         R_ALL,  R_ALL,  R_ALL,  R_ALL,                        R_ALL,           R_ALL, R_ALL, 0,    R_ALL, 0,    R_ALL, OWN, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL } },
	{ "admin",     { R_ALL,         R_ALL,  R_ALL,  R_ALL,  OWN,                          R_ALL,           R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, 0, OWN, 0, 0, R_ALL, R_ALL, 0, 0, 0, 0, 0, R_ALL } },
};

static const char *const refusals[P__COUNT] = {
	[P_PERSON_VIEW] = "нет доступа к сведениям об этом человеке",
	[P_PERSON_CREATE] = "добавлять педагогов может ответственный ОО, муниципалитета или региона",
	[P_PERSON_EDIT] = "изменять справку может ответственный ОО, муниципалитета или региона",
	[P_PERSON_ARCHIVE] = "переносить в архив может ответственный ОО, муниципалитета или региона",
	[P_RESULTS_VIEW] = "результаты диагностики конфиденциальны: их видят педагог, куратор, разработчик ИОМ и региональный центр",
	[P_ORG_VIEW] = "нет доступа к этой организации",
	[P_ORG_CREATE] = "добавлять организации может муниципальный или региональный специалист",
	[P_ORG_EDIT] = "изменять сведения об организации может её ответственный, муниципалитет или регион",
	[P_USERS_MANAGE] = "пользователями управляет администратор",
	[P_CATALOG_EDIT] = "справочники ведут региональный центр и администратор",
	[P_ADMIN_TASKS] = "это действие только для администратора",
	[P_DIAG_RECORD] = "результаты диагностики вносит региональный оператор диагностики (ЦНППМ)",
	[P_SELF_DIAG] = "самодиагностику педагог проходит сам",
	[P_APPLICATION] = "заявки на диагностику ведут региональный оператор, муниципалитет и ОО (свои)",
	[P_MEASURES] = "меры поддержки и рекомендации ведут региональный центр и муниципалитет (свои)",
	[P_TARGETS] = "целевые значения задают региональный центр и администратор; муниципалитет — свои",
	[P_IMPORT] = "загружать таблицы в реестр могут региональный центр и администратор",
	[P_SITES] = "заявку и паспорт площадки ведут её организация, муниципалитет и региональный центр",
	[P_SITE_DECIDE] = "решения о статусе стажировочной площадки принимает региональный центр (институт)",
	[P_MENTORING] = "реестр наставничества ведут ОО, муниципалитет и региональный центр (своих педагогов)",
	[P_EVENTS] = "мероприятия в каталог вносят институт, муниципалитеты и ОО",
	[P_AUDIT] = "журнал изменений просматривают региональный центр и администратор",
	[P_PARTICIPATION] = "участие педагогов отмечают методисты региона, муниципалитета и ответственные ОО (своих)",
};

static const struct rule *rule_for(const char *role)
{
	for (size_t i = 0; i < NITEMS(rules); i++)
		if (strcmp(rules[i].role, role) == 0)
			return &rules[i];
	return NULL;
}

static unsigned effective(unsigned reach, const struct config *cfg)
{
	if ((reach & R_SCHOOL_CARDS) && cfg && cfg->school_sees_results)
		reach |= R_ORG;
	return reach & ~(unsigned)R_SCHOOL_CARDS;   /* a switch, not a reach of its own */
}

/* Permissions whose target is an organisation, not a person. */
static bool is_org_perm(enum perm p)
{
	return p == P_ORG_VIEW || p == P_ORG_CREATE || p == P_ORG_EDIT || p == P_APPLICATION ||
	       p == P_MEASURES || p == P_SITES;
}

bool access_has_role(const struct user *u, const char *role)
{
	for (int i = 0; i < u->nroles; i++)
		if (strcmp(u->roles[i].role, role) == 0)
			return true;
	return false;
}

bool access_decide(const struct user *u, const struct config *cfg, enum perm p,
		   const struct person_place *t, const char **why)
{
	bool org_perm = is_org_perm(p);

	if (why)
		*why = refusals[p];
	if (u->disabled)
		return false;
	for (int i = 0; i < u->nroles; i++) {
		const struct role_grant *g = &u->roles[i];
		const struct rule *r = rule_for(g->role);
		unsigned reach;

		if (r == NULL)
			continue;
		reach = effective(r->reach[p], cfg);
		if (reach == 0)
			continue;
		if (t == NULL || t->id == 0) {
			/* In general: he may, somewhere. */
			if (reach & ~(unsigned)R_SELF || u->person_id)
				return true;
			continue;
		}
		if (reach & R_ALL)
			return true;
		if (org_perm) {
			/* t describes an organisation: id and mun_id. */
			if ((reach & R_ORG) && g->org_id == t->id)
				return true;
			if ((reach & R_MUN) && g->mun_id && g->mun_id == t->mun_id)
				return true;
			if ((reach & (R_SELF | R_CURATED)) && t->curated_by)
				return true; /* own or curated persons' organisation */
			continue;
		}
		if ((reach & R_SELF) && u->person_id && u->person_id == t->id)
			return true;
		if ((reach & R_CURATED) && t->curated_by)
			return true;
		if ((reach & R_DEVELOPED) && t->developed_by)
			return true;
		if ((reach & R_ORG) && g->org_id && g->org_id == t->org_id)
			return true;
		if ((reach & R_MUN) && g->mun_id && g->mun_id == t->mun_id)
			return true;
	}
	return false;
}

static void json_add(char **json, int64_t id)
{
	char *old = *json;
	size_t n = strlen(old);

	/* "[1,2]" -> "[1,2,3]" */
	old[n - 1] = '\0';
	*json = xasprintf("%s%s%lld]", old, n > 2 ? "," : "", (long long)id);
	free(old);
}

struct store_scope access_scope(const struct session *ss, enum perm p)
{
	const struct user *u = &ss->user;
	struct store_scope sc = { false, 0, 0, xstrdup("[]"), xstrdup("[]"), 0, 0 };

	if (u->disabled)
		return sc;
	for (int i = 0; i < u->nroles; i++) {
		const struct role_grant *g = &u->roles[i];
		const struct rule *r = rule_for(g->role);
		unsigned reach = r ? effective(r->reach[p], ss->cfg) : 0;

		if (reach & R_ALL)
			sc.all = true;
		if ((reach & R_SELF) && u->person_id)
			sc.self_person = u->person_id;
		if ((reach & R_CURATED) && u->person_id)
			sc.curator_person = u->person_id;
		if (reach & R_DEVELOPED) {
			sc.developer_person = u->person_id;
			sc.author_user = u->id;
		}
		if ((reach & R_ORG) && g->org_id)
			json_add(&sc.orgs, g->org_id);
		if ((reach & R_MUN) && g->mun_id)
			json_add(&sc.muns, g->mun_id);
	}
	return sc;
}

void access_scope_free(struct store_scope *sc)
{
	free(sc->orgs);
	free(sc->muns);
	sc->orgs = sc->muns = NULL;
}

/* A refusal reported to the caller (why asked for) is an attempt the user
 * made: it goes to the security log. Checks that only decide what to offer
 * pass why = NULL and are not logged. */
static bool logged(const struct session *ss, bool ok, int64_t target, const char **why)
{
	if (!ok && why && *why)
		seclog("отказ: пользователь %s (вход %s), запись %lld: %s", ss->user.login,
		       ss->real_login, (long long)target, *why);
	return ok;
}

static bool may(const struct session *ss, enum perm p, int64_t target, const char **why)
{
	struct person_place place = { 0, 0, 0, false, false };
	bool org_perm = is_org_perm(p);

	if (target != 0) {
		if (org_perm) {
			place.id = target;
			place.mun_id = store_org_mun(ss->store, target);
			/* Own or curated persons' organisation. */
			if (ss->user.person_id) {
				struct person_place me;
				if (store_person_place(ss->store, ss->user.person_id, 0, 0, &me) == ST_OK &&
				    me.org_id == target)
					place.curated_by = true;
			}
		} else if (store_person_place(ss->store, target, ss->user.person_id, ss->user.id,
					      &place) != ST_OK) {
			if (why)
				*why = "запись не найдена";
			return false;
		}
	}
	return access_decide(&ss->user, ss->cfg, p, target ? &place : NULL, why);
}

bool access_may(const struct session *ss, enum perm p, int64_t target, const char **why)
{
	return logged(ss, may(ss, p, target, why), target, why);
}

int session_start(struct session *ss, struct store *st, const struct config *cfg,
		  const char *login, const char *as_login, char *err, int errsz)
{
	struct user real;
	bool real_found, real_admin;
	const char *eff = as_login ? as_login : login;

	memset(ss, 0, sizeof *ss);
	real_found = store_user_get(st, login, &real) == ST_OK;
	real_admin = real_found && !real.disabled && access_has_role(&real, "admin");
	if (real_found)
		store_user_free(&real);
	if (as_login && !real_admin && !store_is_demo(st)) {
		snprintf(err, errsz, "--as разрешён только администратору или в демонстрационной базе");
		return 1;
	}
	if (store_user_get(st, eff, &ss->user) != ST_OK) {
		snprintf(err, errsz, "пользователь «%s» не зарегистрирован: обратитесь к администратору", eff);
		return 1;
	}
	if (ss->user.disabled) {
		snprintf(err, errsz, "учётная запись «%s» отключена", eff);
		store_user_free(&ss->user);
		return 1;
	}
	strlcpy0(ss->real_login, login, sizeof ss->real_login);
	ss->cfg = cfg;
	ss->store = st;
	ss->actor.user_id = ss->user.id;
	ss->actor.login = ss->user.login;
	ss->actor.real_login = ss->real_login;
	return 0;
}

bool access_may_place(const struct session *ss, enum perm p, int64_t org_id, int64_t mun_id,
		      const char **why)
{
	/* A municipality's record: a place with only the municipality; a
	 * region's record: a place nobody reaches but the whole-region scope. */
	struct person_place place = { -1, 0, mun_id, false, false };

	if (org_id)
		return access_may(ss, p, org_id, why);
	return logged(ss, access_decide(&ss->user, ss->cfg, p, &place, why), mun_id, why);
}

bool access_may_create_person(const struct session *ss, int64_t org_id, const char **why)
{
	/* A person that does not exist yet (id -1), placed in org_id. */
	struct person_place place = { -1, org_id, org_id ? store_org_mun(ss->store, org_id) : 0, false,
				      false };
	return logged(ss, access_decide(&ss->user, ss->cfg, P_PERSON_CREATE, &place, why), org_id, why);
}

/* Which permission governs a described table's records, and where its
 * target is: one table for the forms, the registries and the pickers. */
enum target { TG_NONE, TG_PERSON, TG_ORG, TG_MUN, TG_PLACE, TG_LIFECYCLE };
static const struct {
	const char *table;
	enum perm perm;
	enum target target;
	const char *col;         /* the target's column (TG_PLACE: org_id, then mun_id) */
} record_rules[] = {
	{ "course", P_PERSON_EDIT, TG_PERSON, "person_id" },
	{ "course_interview", P_PERSON_EDIT, TG_PERSON, "person_id" },
	{ "deficit_code", P_CATALOG_EDIT, TG_NONE, NULL },
	{ "support_measure", P_MEASURES, TG_PLACE, NULL },
	{ "recommendation", P_MEASURES, TG_PLACE, NULL },
	{ "event", P_EVENTS, TG_NONE, NULL },
	{ "participation", P_PARTICIPATION, TG_PERSON, "person_id" },
	{ "innovation", P_PARTICIPATION, TG_PERSON, "person_id" },
	{ "staff_movement", P_ORG_EDIT, TG_ORG, "org_id" },
	{ "staffing_need", P_ORG_EDIT, TG_ORG, "org_id" },
	{ "school_dev_plan", P_ORG_EDIT, TG_ORG, "org_id" },
	{ "staff_count", P_ORG_EDIT, TG_ORG, "org_id" },
	{ "difficulty_bank", P_MEASURES, TG_MUN, "mun_id" },
	{ "city_mo", P_MEASURES, TG_MUN, "mun_id" },
	{ "mentoring_pair", P_MENTORING, TG_PERSON, "mentee_id" },
	{ "mentor_training", P_MENTORING, TG_PERSON, "person_id" },
	{ "internship_site", P_SITES, TG_ORG, "org_id" },
	{ "methodist_pool", P_PERSON_EDIT, TG_PERSON, "person_id" },
	/* Decided with their own lifecycle (applic.c, the pair's mentee): the
	 * permission only says which organisations a picker offers. A site's
	 * decision and its event are rows of internship_site and event, read
	 * through the screens that know the site (record_form.c). */
	{ "diagnostic_application", P_APPLICATION, TG_LIFECYCLE, NULL },
	{ "application_consent", P_APPLICATION, TG_LIFECYCLE, NULL },
	{ "mentoring_survey", P_MENTORING, TG_LIFECYCLE, NULL },
};

static int rule_index(const char *table)
{
	for (size_t i = 0; i < NITEMS(record_rules); i++)
		if (strcmp(record_rules[i].table, table) == 0)
			return (int)i;
	return -1;
}

enum perm access_table_perm(const struct table_desc *t, bool creating)
{
	int i;

	if (strcmp(t->table, "person") == 0)
		return creating ? P_PERSON_CREATE : P_PERSON_EDIT;
	if (strcmp(t->table, "organisation") == 0)
		return creating ? P_ORG_CREATE : P_ORG_EDIT;
	i = rule_index(t->table);
	return i < 0 ? P__COUNT : record_rules[i].perm;
}

enum perm access_org_pick_perm(const struct table_desc *t, bool creating)
{
	int i = rule_index(t->table);

	if (strcmp(t->table, "person") == 0)
		return creating ? P_PERSON_CREATE : P_PERSON_EDIT;
	/* A record addressed to an organisation: those the user may give it to. */
	if (i >= 0 && (record_rules[i].target == TG_ORG || record_rules[i].target == TG_PLACE ||
		       strcmp(t->table, "diagnostic_application") == 0 || strcmp(t->table, "internship_site") == 0))
		return record_rules[i].perm;
	return P_ORG_VIEW;
}

static int64_t col_id(const struct table_desc *t, const struct record *rec, const char *col)
{
	int i = col ? model_field_index(t, col) : -1;
	return i >= 0 && rec->v[i] ? strtoll(rec->v[i], NULL, 10) : 0;
}

bool access_may_save(const struct session *ss, const struct table_desc *t, const struct record *rec,
		     int64_t parent, const char **why)
{
	int i;
	int64_t target;

	if (strcmp(t->table, "person") == 0) {
		int64_t org = col_id(t, rec, "org_id");
		if (rec->id == 0)
			return access_may_create_person(ss, org, why);
		/* Editing: the person as stored, and the organisation he moves to. */
		return access_may(ss, P_PERSON_EDIT, rec->id, why) && access_may_create_person(ss, org, why);
	}
	if (strcmp(t->table, "organisation") == 0)
		return rec->id ? access_may(ss, P_ORG_EDIT, rec->id, why) : access_may(ss, P_ORG_CREATE, 0, why);
	if ((i = rule_index(t->table)) < 0 || record_rules[i].target == TG_LIFECYCLE) {
		if (why)
			*why = "эту запись меняют по её собственным правилам";
		return false;
	}
	target = col_id(t, rec, record_rules[i].col);
	if (target == 0 && record_rules[i].target != TG_NONE)
		target = parent;
	switch (record_rules[i].target) {
	case TG_MUN:
		return access_may_place(ss, record_rules[i].perm, 0, target, why);
	case TG_PLACE:
		return access_may_place(ss, record_rules[i].perm, col_id(t, rec, "org_id"),
					col_id(t, rec, "mun_id"), why);
	case TG_NONE:
		return access_may(ss, record_rules[i].perm, 0, why);
	default:
		return access_may(ss, record_rules[i].perm, target, why);
	}
}

void session_free(struct session *ss)
{
	store_user_free(&ss->user);
}

int access_role_codes(const struct session *ss, const char **codes, int max)
{
	int n = 0;
	for (int i = 0; i < ss->user.nroles && n < max; i++)
		codes[n++] = ss->user.roles[i].role;
	return n;
}

static bool iom_right(const struct session *ss, enum iom_right r, int64_t person_id,
		      int64_t curator_id, const char *status, const char **why)
{
	const struct user *u = &ss->user;
	bool own = u->person_id && u->person_id == person_id;
	bool curator = u->person_id && curator_id && u->person_id == curator_id;
	bool open = status == NULL || !route_status_final(status);
	bool approved = status && route_change_needs_confirmation(status);

	if (!may(ss, P_PERSON_VIEW, person_id, why))
		return false;
	switch (r) {
	case IOM_VIEW:
		return true;
	case IOM_CREATE:
		if (access_has_role(u, "developer") || access_has_role(u, "regional"))
			return true;
		if (why)
			*why = "ИОМ разрабатывает сотрудник ЦНППМ (разработчик) или региональный центр";
		return false;
	case IOM_EDIT:
		if (!open) {
			if (why)
				*why = "ИОМ завершён или отменён: карта больше не меняется";
			return false;
		}
		if (access_has_role(u, "developer") || access_has_role(u, "regional") || curator)
			return true;
		if (why)
			*why = "карту ИОМ изменяют разработчик, куратор и региональный центр";
		return false;
	case IOM_MARK:
		if (own && approved)
			return true;
		if (why)
			*why = own ? "отмечать выполнение можно после утверждения ИОМ"
				   : "отметку о выполнении ставит сам педагог";
		return false;
	case IOM_CONFIRM_CURATOR:
		if (curator)
			return true;
		break;
	case IOM_CONFIRM_HEAD:
		if (access_has_role(u, "school") && may(ss, P_PERSON_EDIT, person_id, NULL))
			return true;
		break;
	case IOM_CONFIRM_TEACHER:
		if (own)
			return true;
		break;
	}
	if (why)
		*why = "изменения подтверждают куратор, руководитель ОО и сам педагог";
	return false;
}

bool access_iom(const struct session *ss, enum iom_right r, int64_t person_id, int64_t curator_id,
		const char *status, const char **why)
{
	return logged(ss, iom_right(ss, r, person_id, curator_id, status, why), person_id, why);
}

bool access_iom_move(const struct session *ss, int64_t person_id, const char *from, const char *to,
		     const char **why)
{
	const char *roles[16];
	int n = access_role_codes(ss, roles, 16);
	bool ok = may(ss, P_PERSON_VIEW, person_id, why) &&
		  route_move_allowed(from, to, roles, n, why);

	return logged(ss, ok, person_id, why);
}
