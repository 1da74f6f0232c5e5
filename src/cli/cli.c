/* The verbs. Each opens the store itself and asks the access policy; errors
 * go to stderr in Russian; nothing half-written stays behind (every write is
 * one transaction in the store). */
#include "cli/cli.h"
#include "cli/route.h"
#include "cli/report.h"
#include "access.h"
#include "catalog.h"
#include "import.h"
#include "indicators.h"
#include "store/indicators.h"
#include "auth.h"
#include "config.h"
#include "model.h"
#include "progress.h"
#include "store/store.h"
#include "store/iom.h"
#include "text.h"
#include "seclog.h"
#include "secure.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_err(const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	char *clean;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* Messages can echo what the user typed: never send raw controls. */
	clean = text_sanitize(buf);
	fprintf(stderr, "marshrut: %s\n", clean);
	free(clean);
}

const char *cli_parse_grant(const char *spec, struct role_grant *g, char *kind, char *code,
			    unsigned codesz)
{
	const char *colon = strchr(spec, ':');
	size_t rl = colon ? (size_t)(colon - spec) : strlen(spec);
	bool known = false;

	memset(g, 0, sizeof *g);
	kind[0] = code[0] = '\0';
	if (rl == 0 || rl >= sizeof g->role)
		return "роль не указана или неизвестна";
	memcpy(g->role, spec, rl);
	g->role[rl] = '\0';
	for (const struct enum_opt *o = model_roles; o->code; o++)
		if (strcmp(o->code, g->role) == 0)
			known = true;
	if (!known)
		return "неизвестная роль (teacher, curator, developer, school, municipal, regional, admin)";
	if (colon) {
		const char *sc = colon + 1;
		if (strncmp(sc, "org:", 4) == 0)
			strcpy(kind, "org");
		else if (strncmp(sc, "mun:", 4) == 0)
			strcpy(kind, "mun");
		else
			return "область действия задаётся как org:КОД или mun:КОД";
		if (sc[4] == '\0' || strlen(sc + 4) >= codesz || strlen(sc + 4) > 32)
			return "пустой или слишком длинный код в области действия";
		strlcpy0(code, sc + 4, codesz);
		for (const char *p = code; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				return "недопустимый символ в коде";
	}
	if (strcmp(g->role, "school") == 0 && strcmp(kind, "org") != 0)
		return "роли school нужна область org:КОД";
	if (strcmp(g->role, "municipal") == 0 && strcmp(kind, "mun") != 0)
		return "роли municipal нужна область mun:КОД";
	if (strcmp(g->role, "school") != 0 && strcmp(g->role, "municipal") != 0 && kind[0])
		return "у этой роли нет области действия";
	snprintf(g->scope_code, sizeof g->scope_code, "%s%s%s", kind, kind[0] ? ":" : "", code);
	return NULL;
}

/* Resolve the scope codes of a grant against the database. */
static int resolve_grant(struct store *s, const char *spec, struct role_grant *g)
{
	char kind[8], code[40];
	const char *m = cli_parse_grant(spec, g, kind, code, sizeof code);

	if (m) {
		cli_err("%s: %s", spec, m);
		return EXIT_USAGE;
	}
	if (strcmp(kind, "org") == 0 && (g->org_id = store_org_by_code(s, code)) == 0) {
		cli_err("%s: нет организации с кодом %s", spec, code);
		return EXIT_REFUSED;
	}
	if (strcmp(kind, "mun") == 0 && (g->mun_id = store_mun_by_code(s, code)) == 0) {
		cli_err("%s: нет муниципалитета с кодом %s", spec, code);
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

static const char *login_rule(const char *login)
{
	size_t n = strlen(login);
	if (n == 0 || n > 32)
		return "логин: от 1 до 32 символов";
	if (!islower((unsigned char)login[0]))
		return "логин начинается со строчной латинской буквы";
	for (const char *p = login; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && !strchr("._-", *p))
			return "логин: строчные латинские буквы, цифры, «.», «_», «-»";
	return NULL;
}

/* An import whose process died while it wrote (SIGKILL, a power cut) is
 * taken back at the next open, as the system's housekeeping (import.h). */
void cli_recover_imports(struct store *s)
{
	char login[64] = "";
	struct actor system = { 0, "система", login };
	int undone, kept;

	if (!auth_unix_login(login, sizeof login))
		strlcpy0(login, "?", sizeof login);
	import_recover(s, &system, &undone, &kept);
	if (undone + kept > 0)
		fprintf(stderr, "marshrut: импорт, прерванный без завершения (процесс остановлен или сбой питания),"
			" отменён: строк %d%s\n", undone, kept > 0 ? "; часть строк уже изменили другие — оставлены" : "");
}

/* Open the store and identify the caller (for verbs other than init). */
static struct store *open_store(struct cli_ctx *ctx, bool create)
{
	char e[600];
	struct store *s = store_open(ctx->db_path, create, e, sizeof e);

	if (s == NULL)
		cli_err("%s", e);
	else if (!create)
		cli_recover_imports(s);
	return s;
}

/* The verbs init, user, check and backup are for admin. Root, who owns
 * the server and the file anyway, counts as admin. */
static int require_admin(struct cli_ctx *ctx, struct store *s, struct session *ss)
{
	char login[64], e[256];
	const char *why;

	if (!auth_unix_login(login, sizeof login)) {
		cli_err("не удаётся определить учётную запись (uid %u)", (unsigned)getuid());
		return EXIT_REFUSED;
	}
	if (getuid() == 0 && ctx->as_login == NULL) {
		memset(ss, 0, sizeof *ss);
		strlcpy0(ss->real_login, login, sizeof ss->real_login);
		strlcpy0(ss->user.login, login, sizeof ss->user.login);
		ss->cfg = ctx->cfg;
		ss->store = s;
		ss->actor.login = ss->user.login;
		ss->actor.real_login = ss->real_login;
		return EXIT_OK;
	}
	if (session_start(ss, s, ctx->cfg, login, ctx->as_login, e, sizeof e) != 0) {
		cli_err("%s", e);
		return EXIT_REFUSED;
	}
	if (!access_may(ss, P_ADMIN_TASKS, 0, &why)) {
		cli_err("%s", why);
		session_free(ss);
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

/* Roles whose holder sees individual diagnostic results (issue 12): only
 * root hands them out, through `user grant` and `user add --role` alike. */
static bool role_sees_results(const char *role)
{
	return strcmp(role, "regional") == 0 || strcmp(role, "developer") == 0 ||
	       strcmp(role, "curator") == 0;
}

/* The caller himself, by his real identity or the one he acts as. */
static bool is_self(const struct session *ss, const char *login)
{
	return strcmp(login, ss->real_login) == 0 || strcmp(login, ss->user.login) == 0;
}

/* May the caller give this role? Says why not on stderr and in syslog. */
static bool may_give_role(const struct session *ss, const char *target, const char *spec,
			  const struct role_grant *g, const char *verb)
{
	if (is_self(ss, target)) {
		cli_err("%s — это вы: свои роли не выдаются и не снимаются самому себе; "
			"это делает другой администратор или root", target);
		seclog("отказ: %s (вход %s) пытался сам себе %s роль %s", ss->user.login,
		       ss->real_login, verb, spec);
		return false;
	}
	if (role_sees_results(g->role) && getuid() != 0) {
		cli_err("роль %s открывает результаты диагностики: её выдаёт только root", g->role);
		seclog("отказ: %s (вход %s) не root, пытался %s пользователю %s роль %s "
		       "с доступом к результатам", ss->user.login, ss->real_login, verb, target, spec);
		return false;
	}
	return true;
}

static int set_password(struct store *s, const struct actor *a, int64_t uid, const char *pw,
			bool demo)
{
	/* Demo users' passwords are their logins, shorter than the rule. */
	const char *rule = demo ? NULL : auth_password_rule(pw);
	char *hash;
	int rc;

	if (rule) {
		cli_err("%s", rule);
		return EXIT_REFUSED;
	}
	hash = auth_hash(pw);
	if (hash == NULL) {
		cli_err("не удалось вычислить хеш пароля");
		return EXIT_REFUSED;
	}
	rc = store_user_set_hash(s, a, uid, hash);
	free(hash);
	return rc == ST_OK ? EXIT_OK : EXIT_REFUSED;
}

/* The shipped catalogues: codes not yet in the database are added. */
static int load_catalogues(struct cli_ctx *ctx, struct store *s)
{
	struct codifier_entry *e;
	struct actor sys = { 0, "init", "init" };
	char e_msg[600];
	int n = catalog_read_codifier(ctx->cfg->codifier, &e, e_msg, sizeof e_msg), added, rc;

	if (n < 0) {
		cli_err("кодификатор: %s", e_msg);
		return EXIT_REFUSED;
	}
	rc = store_codifier_import(s, &sys, e, n, &added);
	catalog_free_codifier(e, n);
	if (rc != ST_OK) {
		cli_err("кодификатор %s: %s", ctx->cfg->codifier, store_errmsg(s));
		return EXIT_REFUSED;
	}
	if (added)
		printf("Кодификатор дефицитов: добавлено кодов — %d\n", added);
	{
		struct selfcheck_entry *q;
		n = catalog_read_selfcheck(ctx->cfg->selfcheck, &q, e_msg, sizeof e_msg);
		if (n < 0) {
			cli_err("самодиагностика: %s", e_msg);
			return EXIT_REFUSED;
		}
		rc = store_selfcheck_import(s, &sys, q, n, &added);
		catalog_free_selfcheck(q, n);
		if (rc != ST_OK) {
			cli_err("самодиагностика %s: %s", ctx->cfg->selfcheck, store_errmsg(s));
			return EXIT_REFUSED;
		}
		if (added)
			printf("Самодиагностика: добавлено утверждений — %d\n", added);
	}
	{
		struct indicator_entry *ind;
		n = indicators_read(ctx->cfg->indicators, &ind, e_msg, sizeof e_msg);
		if (n < 0) {
			cli_err("показатели: %s", e_msg);
			return EXIT_REFUSED;
		}
		rc = store_indicators_import(s, &sys, ind, n, &added);
		indicators_free(ind, n);
		if (rc != ST_OK) {
			cli_err("показатели %s: %s", ctx->cfg->indicators, store_errmsg(s));
			return EXIT_REFUSED;
		}
		if (added)
			printf("Показатели мониторинга: добавлено показателей — %d\n", added);
	}
	{
		struct association_entry *as;
		n = catalog_read_associations(ctx->cfg->associations, &as, e_msg, sizeof e_msg);
		if (n < 0) {
			cli_err("городские объединения: %s", e_msg);
			return EXIT_REFUSED;
		}
		rc = store_associations_import(s, &sys, as, n, &added);
		catalog_free_associations(as, n);
		if (rc != ST_OK) {
			cli_err("городские объединения %s: %s", ctx->cfg->associations, store_errmsg(s));
			return EXIT_REFUSED;
		}
		if (added)
			printf("Городские педагогические объединения: добавлено — %d\n", added);
	}
	{
		/* After the indicators: a measure names the one it is linked to. */
		struct measure_entry *me;
		n = catalog_read_measures(ctx->cfg->measures, &me, e_msg, sizeof e_msg);
		if (n < 0) {
			cli_err("меры поддержки: %s", e_msg);
			return EXIT_REFUSED;
		}
		rc = store_measures_import(s, &sys, me, n, &added);
		catalog_free_measures(me, n);
		if (rc != ST_OK) {
			cli_err("меры поддержки %s: %s", ctx->cfg->measures, store_errmsg(s));
			return EXIT_REFUSED;
		}
		if (added)
			printf("Дорожная карта мер поддержки: добавлено мер — %d\n", added);
	}
	return EXIT_OK;
}

static int verb_init(struct cli_ctx *ctx, int argc, char **argv)
{
	bool demo = false, activity = true;
	long scale = 600;
	struct store *s;
	struct session ss;
	int rc;

	if (secure_setgid() && getuid() != 0) {
		/* Whoever creates the database administers it: on a shared server
		 * that is the one who installed the program. */
		cli_err("init на сервере выполняет root (программа установлена с общей группой)");
		return EXIT_REFUSED;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0) {
			demo = true;
		} else if (strcmp(argv[i], "--no-activity") == 0) {
			activity = false;
		} else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
			char *end;
			errno = 0;
			scale = strtol(argv[++i], &end, 10);
			if (*end || errno || scale < 20 || scale > 100000) {
				cli_err("--scale: число педагогов от 20 до 100000");
				return EXIT_USAGE;
			}
		} else {
			cli_err("init: неизвестный параметр %s", argv[i]);
			return EXIT_USAGE;
		}
	}
	if ((scale != 600 || !activity) && !demo) {
		cli_err("--scale и --no-activity имеют смысл только с --demo");
		return EXIT_USAGE;
	}
	s = open_store(ctx, true);
	if (s == NULL)
		return EXIT_REFUSED;
	if (!store_is_empty(s)) {
		/* An existing database: init only upgrades it (done by opening). */
		rc = require_admin(ctx, s, &ss);
		if (rc == EXIT_OK) {
			session_free(&ss);
			if (demo) {
				cli_err("%s: база уже содержит данные; демо-регион создаётся только в пустой базе",
				    ctx->db_path);
				rc = EXIT_REFUSED;
			} else {
				rc = load_catalogues(ctx, s);
				printf("База %s: схема версии %d\n", ctx->db_path, store_schema_version(s));
			}
		}
		store_close(s);
		return rc;
	}
	if (demo) {
		char e[512];
		struct actor sys = { 0, "init", "init" };
		struct user u;
		static const char *const logins[] = {
			"admin", "regional", "municipal", "school", "developer", "curator", "teacher"
		};
		struct progress pr;

		/* Minutes at the largest scales: a line on stderr says how far
		 * it is, if stderr is a terminal. */
		store_set_bulk_memory(s);
		progress_tty_begin(&pr, "Демо-регион", NULL);
		rc = store_demo_fill_progress(s, (int)scale, &pr, e, sizeof e);
		progress_tty_end(&pr);
		if (rc != ST_OK) {
			cli_err("демо-регион: %s", e);
			store_close(s);
			return EXIT_REFUSED;
		}
		/* On a demo database each demo user's password is its login. */
		for (size_t i = 0; i < NITEMS(logins); i++) {
			if (store_user_get(s, logins[i], &u) != ST_OK)
				continue;
			rc = set_password(s, &sys, u.id, logins[i], true);
			store_user_free(&u);
			if (rc != EXIT_OK) {
				store_close(s);
				return rc;
			}
		}
		if ((rc = load_catalogues(ctx, s)) != EXIT_OK) {
			store_close(s);
			return rc;
		}
		/* The institute's plan of events, linked to the codifier's codes. */
		if (store_demo_events(s, e, sizeof e) != ST_OK) {
			cli_err("демо-мероприятия: %s", e);
			store_close(s);
			return EXIT_REFUSED;
		}
		/* Four years and more of diagnostics, cards, mentoring and
		 * contests, so that monitoring has figures to show. */
		progress_tty_begin(&pr, "Демо-регион", NULL);
		rc = activity ? store_demo_activity_progress(s, ctx->cfg, &pr, e, sizeof e) : ST_OK;
		progress_tty_end(&pr);
		if (rc != ST_OK) {
			cli_err("демо-деятельность: %s", e);
			store_close(s);
			return EXIT_REFUSED;
		}
		{
			/* The history's completed cards past their keeping time go
			 * to the archive now, as the first login would have done
			 * (the system's housekeeping): logins find nothing due. */
			const struct actor system = { 0, "система", "init" };
			char today[11];
			int archived;
			today_iso(today);
			if (store_iom_archive_due(s, &system, ctx->cfg->iom_keep_months, today, &archived) != ST_OK) {
				cli_err("демо-архив: %s", store_errmsg(s));
				store_close(s);
				return EXIT_REFUSED;
			}
		}
		store_analyze(s);
		store_bulk_end(s);
		printf("Создан демо-регион: %ld педагогов; пользователи admin, regional, municipal, "
		       "school, developer, curator, teacher (пароль = логин)\n", scale);
	} else {
		char login[64];
		int64_t id;
		struct role_grant g = { "admin", 0, 0, "" };
		struct actor sys = { 0, "init", "init" };
		if (getuid() != 0 && auth_unix_login(login, sizeof login)) {
			/* The one who creates the database administers it. */
			if (store_user_add(s, &sys, login, login, 0, &id) != ST_OK ||
			    store_user_grant(s, &sys, id, &g) != ST_OK) {
				cli_err("не удалось зарегистрировать администратора: %s", store_errmsg(s));
				store_close(s);
				return EXIT_REFUSED;
			}
			seclog("роли: %s зарегистрирован как администратор новой базы", login);
			printf("Пользователь %s зарегистрирован как администратор\n", login);
		}
		if ((rc = load_catalogues(ctx, s)) != EXIT_OK) {
			store_close(s);
			return rc;
		}
		printf("Создана база %s (схема версии %d)\n", ctx->db_path, store_schema_version(s));
	}
	store_close(s);
	return EXIT_OK;
}

static void print_user(const struct user *u, void *ctx)
{
	char line[2048], *clean;
	int n, pad;

	(void)ctx;
	n = snprintf(line, sizeof line, "%s", u->full_name);
	pad = 40 - text_width(line);
	for (int i = 0; i < pad && n < (int)sizeof line - 1; i++)
		line[n++] = ' ', line[n] = '\0';
	for (int i = 0; i < u->nroles; i++)
		n += snprintf(line + n, n < (int)sizeof line ? sizeof line - (size_t)n : 0, " %s%s%s",
			      u->roles[i].role, u->roles[i].scope_code[0] ? ":" : "", u->roles[i].scope_code);
	/* Names and codes come from the database: never print them raw. */
	clean = text_sanitize(line);
	printf("%-16s %s%s\n", u->login, clean, u->disabled ? " [отключён]" : "");
	free(clean);
}

static int user_add(struct cli_ctx *ctx, struct store *s, struct session *ss, int argc, char **argv)
{
	const char *login = NULL, *name = NULL, *m;
	char specs[512] = "";
	struct role_grant grants[16];
	int ngrants = 0, rc;
	int64_t person = 0, id;
	bool want_pw = false;
	char *pw = NULL, *hash = NULL;
	struct user existing;

	(void)ctx;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
			name = argv[++i];
		} else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
			if (ngrants == (int)NITEMS(grants)) {
				cli_err("слишком много ролей");
				return EXIT_USAGE;
			}
			if ((rc = resolve_grant(s, argv[++i], &grants[ngrants++])) != EXIT_OK)
				return rc;
			snprintf(specs + strlen(specs), sizeof specs - strlen(specs), "%s%s",
				 ngrants > 1 ? ", " : "", argv[i]);
		} else if (strcmp(argv[i], "--person") == 0 && i + 1 < argc) {
			char *end;
			person = strtoll(argv[++i], &end, 10);
			if (*end || person <= 0) {
				cli_err("--person: нужен номер записи педагога");
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--password") == 0) {
			want_pw = true;
		} else if (argv[i][0] != '-' && login == NULL) {
			login = argv[i];
		} else {
			cli_err("user add: неизвестный параметр %s", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (login == NULL || name == NULL || ngrants == 0) {
		cli_err("использование: user add ЛОГИН --name \"ФИО\" --role РОЛЬ[:ОБЛАСТЬ] ... [--person ID] [--password]");
		return EXIT_USAGE;
	}
	if ((m = login_rule(login)) != NULL) {
		cli_err("%s", m);
		return EXIT_USAGE;
	}
	if ((m = text_check(name, (size_t)ss->cfg->name_chars, 0)) != NULL || !*name) {
		cli_err("--name: %s", m ? m : "пустое имя");
		return EXIT_USAGE;
	}
	/* Neither himself under another name nor an alias with results. */
	for (int i = 0; i < ngrants; i++)
		if (!may_give_role(ss, login, grants[i].role, &grants[i], "выдать"))
			return EXIT_REFUSED;
	if (person) {
		char *n = store_ref_name(s, "person", person);
		bool exists = *n != '\0';
		free(n);
		if (!exists) {
			cli_err("--person: нет педагога с номером %lld", (long long)person);
			return EXIT_REFUSED;
		}
	}
	if (want_pw) {
		pw = auth_read_password("Пароль: ");
		if (pw == NULL || (m = auth_password_rule(pw)) != NULL) {
			cli_err("%s", pw ? m : "пароль не введён");
			free(pw);
			return EXIT_REFUSED;
		}
	}
	if (pw) {
		hash = auth_hash(pw);
		explicit_bzero(pw, strlen(pw));
		free(pw);
		if (hash == NULL) {
			cli_err("не удалось вычислить хеш пароля");
			return EXIT_REFUSED;
		}
	}
	/* User, roles and password in one transaction: all or nothing. */
	rc = store_user_create(s, &ss->actor, login, name, person, grants, ngrants, hash, &id);
	free(hash);
	if (rc != ST_OK) {
		if (rc == ST_CONSTRAINT && store_user_get(s, login, &existing) == ST_OK) {
			store_user_free(&existing);
			cli_err("пользователь %s уже есть", login);
		} else {
			cli_err("не удалось добавить %s: %s", login, store_errmsg(s));
		}
		return EXIT_REFUSED;
	}
	seclog("роли: %s (вход %s) добавил пользователя %s с ролями %s", ss->user.login,
	       ss->real_login, login, specs);
	for (int i = 0; i < ngrants; i++)
		if (role_sees_results(grants[i].role))
			seclog("доступ к результатам: %s (вход %s) добавил пользователя %s с ролью %s, "
			       "которой видны результаты диагностики", ss->user.login, ss->real_login,
			       login, grants[i].role);
	printf("Добавлен пользователь %s\n", login);
	return EXIT_OK;
}

static int verb_user(struct cli_ctx *ctx, int argc, char **argv)
{
	struct store *s;
	struct session ss;
	struct user u;
	struct role_grant g;
	const char *sub = argc > 1 ? argv[1] : "";
	int rc;

	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "grant") &&
	    strcmp(sub, "revoke") && strcmp(sub, "disable")) {
		cli_err("использование: user add|list|grant|revoke|disable ...");
		return EXIT_USAGE;
	}
	if ((strcmp(sub, "grant") == 0 || strcmp(sub, "revoke") == 0) && argc != 4) {
		cli_err("использование: user %s ЛОГИН РОЛЬ[:ОБЛАСТЬ]", sub);
		return EXIT_USAGE;
	}
	if (strcmp(sub, "disable") == 0 && argc != 3) {
		cli_err("использование: user disable ЛОГИН");
		return EXIT_USAGE;
	}
	if (strcmp(sub, "list") == 0 && argc != 2) {
		cli_err("использование: user list");
		return EXIT_USAGE;
	}
	if ((s = open_store(ctx, false)) == NULL)
		return EXIT_REFUSED;
	if ((rc = require_admin(ctx, s, &ss)) != EXIT_OK) {
		store_close(s);
		return rc;
	}
	if (strcmp(sub, "add") == 0) {
		rc = user_add(ctx, s, &ss, argc, argv);
	} else if (strcmp(sub, "list") == 0) {
		rc = store_user_each(s, print_user, NULL) == ST_OK ? EXIT_OK : EXIT_REFUSED;
	} else if (store_user_get(s, argv[2], &u) != ST_OK) {
		cli_err("нет пользователя %s", argv[2]);
		rc = EXIT_REFUSED;
	} else {
		if (strcmp(sub, "disable") == 0) {
			rc = store_user_disable(s, &ss.actor, u.id) == ST_OK ? EXIT_OK : EXIT_REFUSED;
			if (rc == EXIT_OK)
				seclog("роли: %s (вход %s) отключил пользователя %s", ss.user.login,
				       ss.real_login, u.login);
		} else if ((rc = resolve_grant(s, argv[3], &g)) == EXIT_OK) {
			bool grant = strcmp(sub, "grant") == 0;
			int st;

			/* Nobody changes his own roles; results roles are given by
			 * root alone (taking one away is anyone's with admin). */
			if (is_self(&ss, u.login) || grant) {
				if (!may_give_role(&ss, u.login, argv[3], &g, grant ? "выдать" : "снять")) {
					store_user_free(&u);
					session_free(&ss);
					store_close(s);
					return EXIT_REFUSED;
				}
			}
			st = grant ? store_user_grant(s, &ss.actor, u.id, &g)
				   : store_user_revoke(s, &ss.actor, u.id, &g);
			if (st == ST_CONSTRAINT)
				cli_err("у %s уже есть роль %s", u.login, argv[3]);
			else if (st == ST_NOTFOUND)
				cli_err("у %s нет роли %s", u.login, argv[3]);
			else if (st != ST_OK)
				cli_err("%s", store_errmsg(s));
			rc = st == ST_OK ? EXIT_OK : EXIT_REFUSED;
			if (rc == EXIT_OK && grant && role_sees_results(g.role))
				seclog("доступ к результатам: %s (вход %s) выдал пользователю %s роль %s, "
				       "которой видны результаты диагностики", ss.user.login,
				       ss.real_login, u.login, argv[3]);
			else if (rc == EXIT_OK)
				seclog("роли: %s (вход %s) %s %s роль %s", ss.user.login, ss.real_login,
				       grant ? "выдал пользователю" : "снял у пользователя", u.login,
				       argv[3]);
		}
		store_user_free(&u);
	}
	session_free(&ss);
	store_close(s);
	return rc;
}

/* The journal chain's head goes to syslog with every check and backup:
 * rows cut off the end of the journal are noticed against it. */
static void log_chain_head(struct store *s, const char *when)
{
	char head[65];
	int64_t id = store_chain_head(s, head);

	seclog("журнал изменений (%s): последняя запись № %lld, хеш цепочки %s", when, (long long)id, head);
}

static int verb_check(struct cli_ctx *ctx, int argc, char **argv)
{
	struct store *s;
	struct session ss;
	char *report = NULL;
	int rc;

	(void)argv;
	if (argc != 1) {
		cli_err("использование: check");
		return EXIT_USAGE;
	}
	if ((s = open_store(ctx, false)) == NULL)
		return EXIT_REFUSED;
	if ((rc = require_admin(ctx, s, &ss)) == EXIT_OK) {
		rc = store_check(s, &report) == ST_OK ? EXIT_OK : EXIT_REFUSED;
		fputs(report ? report : "", rc == EXIT_OK ? stdout : stderr);
		log_chain_head(s, "проверка");
		free(report);
		session_free(&ss);
	}
	store_close(s);
	return rc;
}

static int verb_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	struct store *s;
	struct session ss;
	char e[512];
	const char *file = NULL;
	bool verify = false, bad = false;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--verify") == 0)
			verify = true;
		else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else
			bad = true;
	}
	if (file == NULL || bad) {
		cli_err("использование: backup ФАЙЛ [--verify]");
		return EXIT_USAGE;
	}
	/* A copy holds everything, results and password hashes included:
	 * it is made by root, who owns the file anyway (issue 12). */
	if (getuid() != 0) {
		char login[64] = "?";
		auth_unix_login(login, sizeof login);
		cli_err("backup выполняет только root: копия содержит всю базу, с результатами "
			"диагностики и хешами паролей");
		seclog("отказ: %s (uid %u) не root, пытался сделать копию базы в %s", login,
		       (unsigned)getuid(), file);
		return EXIT_REFUSED;
	}
	if ((s = open_store(ctx, false)) == NULL)
		return EXIT_REFUSED;
	if ((rc = require_admin(ctx, s, &ss)) == EXIT_OK) {
		if (store_backup(s, file, verify, e, sizeof e) == ST_OK) {
			log_chain_head(s, "копия");
			printf(verify ? "Копия базы сохранена в %s и проверена\n"
			       : "Копия базы сохранена в %s\n", file);
		} else {
			cli_err("%s", e);
			rc = EXIT_REFUSED;
		}
		session_free(&ss);
	}
	store_close(s);
	return rc;
}

const char *cli_opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) == 0 && a[n] == '=')
		return a + n + 1;
	if (strcmp(a, name) == 0 && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

bool cli_is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

static const struct {
	const char *name;
	int (*fn)(struct cli_ctx *, int, char **);
} verbs[] = {
	{ "init", verb_init },
	{ "user", verb_user },
	{ "check", verb_check },
	{ "backup", verb_backup },
	{ "analytics", verb_analytics },
	{ "route", verb_route },
	{ "export", verb_export },
	{ "report", verb_report },
	{ "import", verb_import },
};

int cli_is_verb(const char *name)
{
	for (size_t i = 0; i < NITEMS(verbs); i++)
		if (strcmp(verbs[i].name, name) == 0)
			return 1;
	return 0;
}

int cli_run(struct cli_ctx *ctx, int argc, char **argv)
{
	for (size_t i = 0; i < NITEMS(verbs); i++)
		if (strcmp(verbs[i].name, argv[0]) == 0)
			return verbs[i].fn(ctx, argc, argv);
	cli_err("неизвестная команда «%s» (см. marshrut --help)", argv[0]);
	return EXIT_USAGE;
}
