/* The access policy as one table: for each role and permission, the part of
 * the register it reaches. Both the yes/no answer (access_decide) and the
 * SQL scope (access_scope) are read from this table, so a rule exists once. */
#include "access.h"
#include "seclog.h"
#include "config.h"
#include "route.h"
#include "store/diag.h"
#include "store/iom.h"
#include "store/iom_review.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum reach {
	R_SELF = 1 << 0,     /* own person */
	R_CURATED = 1 << 1,  /* persons the user curates */
	R_ORG = 1 << 2,      /* the organisation of the grant */
	R_MUN = 1 << 3,      /* the municipality of the grant */
	R_ALL = 1 << 4,      /* the whole region */
};

struct rule {
	const char *role;
	unsigned reach[P__COUNT];
};

#define OWN (R_SELF)
static const struct rule rules[] = {
	/*               view  create  edit  archive  org view         org create org edit users cat admin  diag self appl meas targets import part sites decide mentor events audit */
	{ "teacher",   { OWN, 0, 0, 0, OWN, 0, 0, 0, 0, 0, 0, OWN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "curator",   { OWN | R_CURATED, 0, 0, 0, OWN | R_CURATED, 0, 0, 0, 0, 0, 0, OWN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "developer", { OWN | R_ALL, 0, 0, 0, R_ALL, 0, 0, 0, 0, 0, R_ALL, OWN, R_ALL, 0, 0, 0, R_ALL, 0, 0, 0, R_ALL, 0 } },
	{ "school",    { OWN | R_ORG, R_ORG, R_ORG, R_ORG, R_ORG, 0, R_ORG, 0, 0, 0, 0, OWN, R_ORG, 0, 0, 0, R_ORG, R_ORG, 0, R_ORG, R_ORG, 0 } },
	{ "municipal", { OWN | R_MUN, R_MUN, R_MUN, R_MUN, R_MUN, R_MUN, R_MUN, 0, 0, 0, 0, OWN, R_MUN, R_MUN, R_MUN, 0, R_MUN, R_MUN, 0, R_MUN, R_MUN, 0 } },
	{ "regional",  { R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, 0, R_ALL, 0, R_ALL, OWN, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL } },
	{ "admin",     { R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, 0, OWN, 0, 0, R_ALL, R_ALL, 0, 0, 0, 0, 0, R_ALL } },
};

static const char *const refusals[P__COUNT] = {
	[P_PERSON_VIEW] = "нет доступа к сведениям об этом человеке",
	[P_PERSON_CREATE] = "добавлять педагогов может ответственный ОО, муниципалитета или региона",
	[P_PERSON_EDIT] = "изменять справку может ответственный ОО, муниципалитета или региона",
	[P_PERSON_ARCHIVE] = "переносить в архив может ответственный ОО, муниципалитета или региона",
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

	(void)cfg;   /* no rule reads a setting now; kept for the callers' symmetry */
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
		reach = r->reach[p];
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
	struct store_scope sc = { false, 0, 0, xstrdup("[]"), xstrdup("[]") };

	if (u->disabled)
		return sc;
	for (int i = 0; i < u->nroles; i++) {
		const struct role_grant *g = &u->roles[i];
		const struct rule *r = rule_for(g->role);
		unsigned reach = r ? r->reach[p] : 0;

		if (reach & R_ALL)
			sc.all = true;
		if ((reach & R_SELF) && u->person_id)
			sc.self_person = u->person_id;
		if ((reach & R_CURATED) && u->person_id)
			sc.curator_person = u->person_id;
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

void access_iom_scope(const struct session *ss, struct iom_scope *out)
{
	out->persons = access_scope(ss, P_PERSON_VIEW);
	/* The card's curator holds his rights by the assignment, and the
	 * head of the school's МО follows his school's cards, whatever their
	 * roles (iom_right): the list reaches what they may open. */
	out->tied = ss->user.disabled ? 0 : ss->user.person_id;
}

void access_iom_scope_free(struct iom_scope *sc)
{
	access_scope_free(&sc->persons);
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
	struct person_place place = { 0, 0, 0, false };
	bool org_perm = is_org_perm(p);

	if (target != 0) {
		if (org_perm) {
			place.id = target;
			place.mun_id = store_org_mun(ss->store, target);
			/* Own or curated persons' organisation. */
			if (ss->user.person_id) {
				struct person_place me;
				if (store_person_place(ss->store, ss->user.person_id, 0, &me) == ST_OK &&
				    me.org_id == target)
					place.curated_by = true;
			}
		} else if (store_person_place(ss->store, target, ss->user.person_id,
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

bool access_may_record_diag(const struct session *ss, int64_t person_id, const char *kind,
			    const char **why)
{
	if (may(ss, P_DIAG_RECORD, person_id, NULL))
		return true;
	/* §4.5.1: the final diagnostic is held at the school; its
	 * responsible records it for a teacher of his school. */
	if (access_has_role(&ss->user, "school") && may(ss, P_PERSON_EDIT, person_id, NULL)) {
		if (kind == NULL || strcmp(kind, "final") == 0)
			return true;
		if (why)
			*why = "результаты диагностики вносит региональный оператор; школа — только итоговую";
		return logged(ss, false, person_id, why);
	}
	return logged(ss, may(ss, P_DIAG_RECORD, person_id, why), person_id, why);
}

int session_start(struct session *ss, struct store *st, const struct config *cfg,
		  const char *login, const char *as_login, char *err, int errsz)
{
	const char *eff = as_login ? as_login : login;

	memset(ss, 0, sizeof *ss);
	/* Acting as someone else is root's (who owns the file anyway) or
	 * anyone's on a demo database; a registered admin holds no results
	 * right and must not borrow one (issue 12). */
	if (as_login && getuid() != 0 && !store_is_demo(st)) {
		snprintf(err, errsz, "--as разрешён только root или в демонстрационной базе");
		seclog("отказ: %s пытался работать как %s (--as)", login, as_login);
		return 1;
	}
	if (store_user_get(st, eff, &ss->user) != ST_OK) {
		snprintf(err, errsz, "пользователь «%s» не зарегистрирован: обратитесь к администратору%s", eff,
			 !as_login && store_is_demo(st) ? " (в демонстрационной базе: marshrut --as curator, "
			 "или другой демо-логин: admin, regional, municipal, school, developer, teacher)" : "");
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
	struct person_place place = { -1, 0, mun_id, false };

	if (org_id)
		return access_may(ss, p, org_id, why);
	return logged(ss, access_decide(&ss->user, ss->cfg, p, &place, why), mun_id, why);
}

bool access_may_create_person(const struct session *ss, int64_t org_id, const char **why)
{
	/* A person that does not exist yet (id -1), placed in org_id. */
	struct person_place place = { -1, org_id, org_id ? store_org_mun(ss->store, org_id) : 0, false };
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
	if (strcmp(t->table, "municipality") == 0)
		return creating ? P__COUNT : P_ORG_EDIT;
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
	if (strcmp(t->table, "organisation") == 0) {
		/* Opening results to a head is the regional centre's decision. */
		int64_t sees = col_id(t, rec, "sees_results");
		if (sees != (rec->id ? store_org_sees_results(ss->store, rec->id) : 0) &&
		    !access_may_set_sees_results(ss, why))
			return false;
		return rec->id ? access_may(ss, P_ORG_EDIT, rec->id, why) : access_may(ss, P_ORG_CREATE, 0, why);
	}
	/* A municipality's own record (its МСОКО): its municipal specialist
	 * or the region; never a new one (the demo and the import add them). */
	if (strcmp(t->table, "municipality") == 0) {
		if (rec->id == 0) {
			if (why)
				*why = "муниципалитеты добавляет импорт, не форма";
			return false;
		}
		if (access_may_place(ss, P_ORG_EDIT, 0, rec->id, why))
			return true;
		if (why)
			*why = "сведения о муниципалитете меняет его муниципальный специалист или региональный центр";
		return false;
	}
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
	bool review = status && strcmp(status, "review") == 0;
	/* The head of the school's МО (a methodist of the teacher's own school)
	 * follows the card by that tie (§4.4.7), whatever his grants reach. */
	bool mo_head = u->person_id && !own && (r == IOM_PROPOSE || r == IOM_DISCUSSION) &&
		       store_iom_mo_head_of(ss->store, u->person_id, person_id);
	bool head;

	/* The card's curator holds his rights by the assignment, whatever
	 * his roles. */
	if (!mo_head && !curator && !may(ss, P_PERSON_VIEW, person_id, why)) {
		if (r != IOM_VIEW || !u->person_id || own ||
		    !store_iom_mo_head_of(ss->store, u->person_id, person_id))
			return false;
		if (why)
			*why = NULL;
	}
	head = access_has_role(u, "school") && may(ss, P_PERSON_EDIT, person_id, NULL);
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
		if (head)
			return true;
		break;
	case IOM_CONFIRM_TEACHER:
		if (own)
			return true;
		break;
	case IOM_PROPOSE:
		if (review && (own || curator || head))
			return true;
		if (approved && (head || mo_head))
			return true;
		if (why)
			*why = review ? "на согласовании корректировки предлагают педагог, куратор и руководитель ОО"
			     : approved ? "в ходе реализации корректировки предлагают руководитель ОО и руководитель МО школы"
					: "предложения по корректировке вносят, пока ИОМ на согласовании или реализуется";
		return false;
	case IOM_ANSWER:
		if (!review && !approved) {
			if (why)
				*why = "на предложения отвечают, пока ИОМ на согласовании или реализуется";
			return false;
		}
		if (access_has_role(u, "developer") || access_has_role(u, "regional"))
			return true;
		if (why)
			*why = "на предложения по корректировке отвечает разработчик ИОМ";
		return false;
	case IOM_NOTE:
		if (approved && (curator || access_has_role(u, "regional")))
			return true;
		if (why)
			*why = approved ? "заметки о ходе ИОМ ведёт его куратор"
					: "заметки куратора ведут после утверждения ИОМ";
		return false;
	case IOM_DISCUSSION:
		if (own || curator || head || mo_head || access_has_role(u, "developer") ||
		    access_has_role(u, "regional"))
			return true;
		if (why)
			*why = "предложения и заметки видят педагог, куратор, разработчик, руководитель ОО и МО";
		return false;
	case IOM_SELF_ANALYSIS:
		if (own && approved)
			return true;
		if (why)
			*why = own ? "самоанализ пишут после утверждения ИОМ, пока он реализуется"
				   : "самоанализ пишет сам педагог";
		return false;
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

/* --- the disclosure rule ---------------------------------------------- */

/* The store reads with the rule's bits as they are. */
_Static_assert(DISCLOSE_RESULTS == DIAG_WITH_RESULTS && DISCLOSE_FINDINGS == DIAG_WITH_FINDINGS,
	       "the store's read flags are the rule's bits");

/* What each role reaches by its grant alone; every other viewer needs a
 * tie of his own (himself, the card's curator or developer, the
 * diagnostic's recorder). D_ORG_OPTED: the grant's organisation, when it
 * is set to see its teachers' results. */
enum { D_ORG = 1, D_ORG_OPTED = 2, D_ALL = 4 };
static const struct {
	const char *role;
	unsigned results, findings;
} disclosure_rules[] = {
	{ "regional", D_ALL, D_ALL },
	{ "school", D_ORG_OPTED, D_ORG },
	/* municipal and admin reach neither; teacher, curator and developer
	 * only through their ties. */
};

/* The schema's marks: every stored column whose value is derived from a
 * diagnostic, and its class. tests/unit/test_export.c walks this
 * list against every output path. */
static const struct {
	const char *table, *column;
	unsigned cls;
} disclosed_columns[] = {
	{ "diagnostic", "pct_overall", DISCLOSE_RESULTS },
	{ "diagnostic", "level", DISCLOSE_RESULTS },
	{ "diagnostic_block", "difficulties", DISCLOSE_RESULTS },
	{ "diagnostic_block", "pct_low", DISCLOSE_RESULTS },
	{ "diagnostic_block", "pct_medium", DISCLOSE_RESULTS },
	{ "diagnostic_block", "pct_high", DISCLOSE_RESULTS },
	{ "diagnostic_block", "pct_overall", DISCLOSE_RESULTS },
	{ "diagnostic_block", "level", DISCLOSE_RESULTS },
	{ "diagnostic_element", "pct", DISCLOSE_RESULTS },
	{ "diagnostic_element", "max_score", DISCLOSE_RESULTS },
	{ "diagnostic_element", "score", DISCLOSE_RESULTS },
	{ "selfcheck_answer", "score", DISCLOSE_RESULTS },
	{ "selfcheck_answer", "comment", DISCLOSE_RESULTS },
	/* The level of mastery the post-course interview sets per competency
	 * (000): a diagnostic-derived value; the journal keeps it under the
	 * interview as "block: level". */
	{ "course_interview", "level_now", DISCLOSE_RESULTS },
	{ "course_interview", "level_planned", DISCLOSE_RESULTS },
	{ "course_interview_level", "level_now", DISCLOSE_RESULTS },
	{ "course_interview_level", "level_planned", DISCLOSE_RESULTS },
	{ "diagnostic", "recommendations", DISCLOSE_FINDINGS },
	{ "diagnostic_deficit", "deficit_code", DISCLOSE_FINDINGS },
	{ "diagnostic_deficit", "deficit_code_id", DISCLOSE_FINDINGS },
	{ "diagnostic_deficit", "note", DISCLOSE_FINDINGS },
	{ "iom_activity", "deficit_codes", DISCLOSE_FINDINGS },
};

unsigned access_column_class(const char *table, const char *column)
{
	for (size_t i = 0; table && column && i < NITEMS(disclosed_columns); i++)
		if (strcmp(disclosed_columns[i].table, table) == 0 &&
		    strcmp(disclosed_columns[i].column, column) == 0)
			return disclosed_columns[i].cls;
	return 0;
}

static bool reaches(unsigned reach, const struct role_grant *g, const struct disclosure_ties *t)
{
	if (reach & D_ALL)
		return true;
	if ((reach & D_ORG) && g->org_id && g->org_id == t->org_id)
		return true;
	return (reach & D_ORG_OPTED) && t->org_sees_results && g->org_id && g->org_id == t->org_id;
}

unsigned access_disclosure_decide(const struct user *u, const struct disclosure_ties *t)
{
	unsigned out = 0;

	if (u->disabled)
		return 0;
	if (t->self || t->curator || t->developer || t->recorder)
		return DISCLOSE_RESULTS | DISCLOSE_FINDINGS;
	for (int i = 0; i < u->nroles; i++)
		for (size_t k = 0; k < NITEMS(disclosure_rules); k++) {
			if (strcmp(disclosure_rules[k].role, u->roles[i].role) != 0)
				continue;
			if (reaches(disclosure_rules[k].results, &u->roles[i], t))
				out |= DISCLOSE_RESULTS;
			if (reaches(disclosure_rules[k].findings, &u->roles[i], t))
				out |= DISCLOSE_FINDINGS;
		}
	/* Whoever may see the results sees what the card makes of them. */
	if (out & DISCLOSE_RESULTS)
		out |= DISCLOSE_FINDINGS;
	return out;
}

unsigned access_disclosure(const struct session *ss, int64_t person_id, int64_t iom_id, int64_t diag_id)
{
	struct disclosure_ties t;

	if (person_id == 0 || ss->store == NULL ||
	    store_disclosure_ties(ss->store, person_id, iom_id, diag_id, ss->user.person_id, ss->user.id,
				  &t) != ST_OK)
		return 0;
	return access_disclosure_decide(&ss->user, &t);
}

unsigned access_disclosure_open(const struct session *ss, int64_t person_id, int64_t iom_id,
				int64_t diag_id, const char *what, int64_t record_id, const char *place)
{
	unsigned d = access_disclosure(ss, person_id, iom_id, diag_id);

	/* Someone else opened his individual results: the teacher will see it. */
	if ((d & DISCLOSE_RESULTS) && ss->user.person_id != person_id)
		store_result_view(ss->store, &ss->actor, person_id, what, record_id, place);
	return d;
}

bool access_column_masked(const struct session *ss, const char *table, const char *column,
			  int64_t person_id, int64_t iom_id, int64_t diag_id)
{
	unsigned cls = access_column_class(table, column);
	struct disclosure_ties none = { false, false, false, false, 0, false };

	if (cls == 0)
		return false;
	/* Whose it is cannot be told (a removed row): only a region-wide
	 * right shows it. */
	if (person_id == 0)
		return (access_disclosure_decide(&ss->user, &none) & cls) == 0;
	return (access_disclosure(ss, person_id, iom_id, diag_id) & cls) == 0;
}

bool access_may_set_sees_results(const struct session *ss, const char **why)
{
	bool ok = access_has_role(&ss->user, "regional") && !ss->user.disabled;

	if (!ok && why)
		*why = "открыть руководителю ОО результаты диагностики педагогов может только региональный центр";
	return logged(ss, ok, 0, why);
}

bool access_may_list_views(const struct session *ss, int64_t person_id)
{
	if (ss->user.disabled)
		return false;
	/* The teacher sees who looked at his results; the regional centre
	 * lists views by person or by viewer. */
	return (person_id && ss->user.person_id == person_id) || access_has_role(&ss->user, "regional");
}

void access_mask_audit_entry(const struct session *ss, struct audit_entry *e)
{
	int64_t iom = 0, diag = 0, person;

	if (access_column_class(e->tbl, e->field) == 0 || (!e->before && !e->after))
		return;
	/* Rendered for this viewer now, whatever was typed then; a row that
	 * is gone (person 0) shows only to a region-wide right. */
	person = store_record_person(ss->store, e->tbl, e->record_id, &iom, &diag);
	if (!access_column_masked(ss, e->tbl, e->field, person, iom, diag))
		return;
	if (e->before) {
		free(e->before);
		e->before = xstrdup(ACCESS_MASKED);
	}
	if (e->after) {
		free(e->after);
		e->after = xstrdup(ACCESS_MASKED);
	}
}

bool access_masker(const void *ctx, const char *tbl, const char *field)
{
	const unsigned *disclose = ctx;
	return (access_column_class(tbl, field) & ~*disclose) != 0;
}

int access_disclosed_column(int i, const char **table, const char **column, unsigned *cls)
{
	if (i < 0 || (size_t)i >= NITEMS(disclosed_columns))
		return 0;
	*table = disclosed_columns[i].table;
	*column = disclosed_columns[i].column;
	*cls = disclosed_columns[i].cls;
	return 1;
}
