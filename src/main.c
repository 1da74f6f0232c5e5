/* marshrut: teachers' continuous professional development over SSH.
 * Global options, configuration, then a verb or the terminal UI. */
#include "access.h"
#include "auth.h"
#include "cli/cli.h"
#include "config.h"
#include "date.h"
#include "import.h"
#include "screens/screens.h"
#include "seclog.h"
#include "secure.h"
#include "sshcmd.h"
#include "store/store.h"
#include "store/iom.h"
#include "text.h"
#include "ui/ui.h"
#include "util.h"

#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef MARSHRUT_VERSION
#define MARSHRUT_VERSION "0.1.0"
#endif

static void usage(FILE *out)
{
	fputs("Использование:\n"
	      "  marshrut [-c ФАЙЛ] [--db ФАЙЛ] [--as ЛОГИН]      открыть терминальный интерфейс\n"
	      "  marshrut init [--demo [--scale N] [--no-activity]]  база; --demo — демо-регион с историей\n"
	      "  marshrut user add ЛОГИН --name \"ФИО\" --role РОЛЬ[:ОБЛАСТЬ] ... [--person ID] [--password]\n"
	      "  marshrut user list | user grant ЛОГИН РОЛЬ[:ОБЛАСТЬ] | user revoke ЛОГИН РОЛЬ[:ОБЛАСТЬ]\n"
	      "  marshrut user disable ЛОГИН\n"
	      "  marshrut check                                   проверить целостность базы\n"
	      "  marshrut backup ФАЙЛ                             согласованная копия базы\n"
	      "  marshrut route list                              карты ИОМ, доступные пользователю\n"
	      "  marshrut export card НОМЕР [--format html|txt] [-o ФАЙЛ|-]  карта ИОМ для печати\n"
	      "  marshrut report list                             отчёты мониторинга (таблицы 3–12, показатели)\n"
	      "  marshrut report НАЗВАНИЕ [--year ГОД] [--scope region|mun:КОД|org:КОД]\n"
	      "                  [--format txt|csv|xlsx] [-o ФАЙЛ|-]  отчёт за год по региону, муниципалитету, ОО\n"
	      "  marshrut analytics [--group region|mun:КОД|org:КОД|all] [--by position|subject|form]\n"
	      "                  [--year ГОД] [--format txt|csv]  типичные дефициты группы, как на экране\n"
	      "  marshrut import orgs|persons|diagnostics|events|courses ФАЙЛ|- [--dry-run] [--skip-bad]\n"
	      "                  [--encoding auto|utf-8|cp1251] [--delimiter auto|;|,|tab]  загрузка таблицы CSV\n"
	      "  marshrut --version | --help\n"
	      "Роли: teacher curator developer school municipal regional admin;\n"
	      "ОБЛАСТЬ: org:КОД (для school) или mun:КОД (для municipal).\n"
	      "Подробнее: man marshrut (в каталоге исходников: man -l src/marshrut.1)\n", out);
}

/* Over SSH the locale is often unset or POSIX: the program needs UTF-8. */
/* MARSHRUT_TODAY=YYYY-MM-DD fixes «today» for tests and reproducible demos.
 * A setgid install ignores it: a user must not move the day his deadlines
 * and the statute's checks are counted from. */
static void fix_today(const char *v)
{
	int y, m, d;

	if (v == NULL || *v == '\0')
		return;
	if (secure_setgid()) {
		fprintf(stderr, "marshrut: MARSHRUT_TODAY не действует в установленной программе\n");
		return;
	}
	if (!date_parse_iso(v, &y, &m, &d)) {
		fprintf(stderr, "marshrut: MARSHRUT_TODAY: ожидается дата в виде ГГГГ-ММ-ДД\n");
		exit(2);
	}
	today_set(v);
}

static void setup_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0) {
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			setlocale(LC_CTYPE, "C.utf8");
	}
}

static void warn_status(void *ctx, const char *msg)
{
	(void)ctx;
	ui_set_status("%s", msg);
}

static bool poll_store(void *ctx)
{
	return store_changed(ctx);
}

struct login_work {
	struct session *ss;
	const struct config *cfg;
	const char *login, *as_login;
};

/* After the first frame: completed cards past their keeping period go to
 * the archive (the program's housekeeping, journalled as the system's, not
 * as the work of whoever happened to log in), and a login under another
 * name is journalled. */
static void login_housekeeping(void *ctx)
{
	struct login_work *lw = ctx;
	struct session *ss = lw->ss;
	const struct actor system = { 0, "система", ss->real_login };
	char today[11];
	int archived;

	today_iso(today);
	store_iom_archive_due(ss->store, &system, lw->cfg->iom_keep_months, today, &archived);
	{
		/* An import whose process died while it wrote is taken back
		 * (rare: after a SIGKILL or a power cut; import.h). */
		int undone, kept;
		import_recover(ss->store, &system, &undone, &kept);
		if (undone + kept > 0)
			ui_set_status("Отменён импорт, прерванный без завершения: строк %d", undone);
	}
	if (lw->as_login) {
		store_audit(ss->store, &ss->actor, "login_as", "app_user", ss->user.id, NULL, lw->login,
			    lw->as_login);
		seclog("%s работает как %s (--as)", lw->login, lw->as_login);
	}
}

static int run_ui(struct config *cfg, const char *db_path, const char *as_login)
{
	char err[600], login[64];
	struct store *st;
	struct session ss;
	struct calendar *cal;
	struct login_work lw = { &ss, cfg, login, as_login };

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("marshrut: интерфейсу нужен терминал (команды: marshrut --help)\n", stderr);
		return EXIT_USAGE;
	}
	/* With the program's group (setgid): the user alone cannot see the
	 * database directory; SQLite opens it with the effective ids too. */
	if (faccessat(AT_FDCWD, db_path, F_OK, AT_EACCESS) != 0) {
		fprintf(stderr, "marshrut: база %s не найдена: создайте её командой «marshrut init» (в каталоге исходников — «make demo»)\n", db_path);
		return EXIT_REFUSED;
	}
	if ((st = store_open(db_path, false, err, sizeof err)) == NULL) {
		fprintf(stderr, "marshrut: %s\n", err);
		return EXIT_REFUSED;
	}
	store_set_session_memory(st);
	cal = calendar_load(cfg->calendar, err, sizeof err);
	if (cal == NULL) {
		fprintf(stderr, "marshrut: календарь: %s\n", err);
		store_close(st);
		return EXIT_REFUSED;
	}

	if (cfg->auth == AUTH_UNIX || as_login) {
		if (!auth_unix_login(login, sizeof login)) {
			fputs("marshrut: не удаётся определить учётную запись\n", stderr);
			calendar_free(cal);
			store_close(st);
			return EXIT_REFUSED;
		}
	}
	ui_init(cfg->color, cfg->escape_window, cfg->mouse);
	/* With the screen taken, a count that meets a year the calendar
	 * lacks says so on the status line, not over the screen. */
	calendar_set_warn(cal, warn_status, NULL);
	if (cfg->auth == AUTH_PASSWORD && !as_login) {
		if (!screen_login(st, login, sizeof login)) {
			ui_end();
			calendar_free(cal);
			store_close(st);
			return EXIT_REFUSED;
		}
	}
	if (session_start(&ss, st, cfg, login, as_login, err, sizeof err) != 0) {
		ui_end();
		fprintf(stderr, "marshrut: %s\n", err);
		calendar_free(cal);
		store_close(st);
		return EXIT_REFUSED;
	}
	ss.cal = cal;
	/* Nothing the first screen shows waits for these; they are done
	 * before the first key is acted on. */
	ui_after_first_frame(login_housekeeping, &lw);
	ui_push(screen_home(&ss));
	{
		/* This year's deadlines are counted at once: a year the calendar
		 * lacks is said on the first screen's status line. */
		char today[11];
		int y;
		today_iso(today);
		if (date_parse_iso(today, &y, NULL, NULL))
			calendar_year_known(cal, y);
	}
	/* A form cut off by a dropped link is offered back first. */
	screen_offer_drafts(&ss);
	ui_run(poll_store, st);
	ui_end();
	session_free(&ss);
	calendar_free(cal);
	store_close(st);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *conf_path = NULL, *db = NULL, *as = NULL;
	struct config *cfg;
	char err[600];
	int c, rc;

	sshcmd_capture();     /* SSH_ORIGINAL_COMMAND is gone after secure_start() */
	fix_today(getenv("MARSHRUT_TODAY"));
	secure_start();
	setup_locale();
	opterr = 0;   /* getopt's own messages are English: ours below */
	while ((c = getopt_long(argc, argv, "+:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			conf_path = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("marshrut %s (SQLite %s)\n", MARSHRUT_VERSION, sqlite3_libversion());
			return EXIT_OK;
		default: {
			/* An unknown letter may sit inside a group (-xh): named by optopt. */
			char letter[3] = { '-', (char)optopt, '\0' };
			char *clean = text_sanitize(c == '?' && optopt ? letter : argv[optind - 1]);
			fprintf(stderr, c == ':' ? "marshrut: у параметра %s нет значения\n"
				: "marshrut: неизвестный параметр %s\n", clean);
			free(clean);
			usage(stderr);
			return EXIT_USAGE;
		}
		}
	}
	if ((conf_path || db) && !secure_may_choose_files()) {
		fputs("marshrut: параметры -c и --db доступны только root: программа установлена "
		      "с общей группой, и база, которая решает, кто администратор, не выбирается "
		      "пользователем\n", stderr);
		return EXIT_USAGE;
	}
	if (conf_path == NULL && access(CONFIG_DEFAULT_PATH, F_OK) == 0)
		conf_path = CONFIG_DEFAULT_PATH;
	cfg = conf_path ? config_load(conf_path, err, sizeof err) : config_load_fallback(secure_setgid(), err, sizeof err);
	if (cfg == NULL) {
		fprintf(stderr, "marshrut: %s\n", err);
		return EXIT_REFUSED;
	}
	if (db == NULL)
		db = cfg->database;
	seclog_open(cfg->syslog_socket);
	if (optind < argc) {
		struct cli_ctx ctx = { cfg, db, as };
		if (!cli_is_verb(argv[optind])) {
			char *clean = text_sanitize(argv[optind]);
			fprintf(stderr, "marshrut: неизвестная команда «%s»\n", clean);
			free(clean);
			usage(stderr);
			rc = EXIT_USAGE;
		} else {
			rc = cli_run(&ctx, argc - optind, argv + optind);
		}
	} else if (sshcmd_pending()) {
		/* ssh -T user@server VERB …: through the forced command. */
		struct cli_ctx ctx = { cfg, db, as };
		rc = sshcmd_run(&ctx);
	} else {
		rc = run_ui(cfg, db, as);
	}
	seclog_close();
	config_free(cfg);
	return rc;
}
