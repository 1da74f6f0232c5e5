/* Files through the SSH login (see sshcmd.h). The command line from the
 * client is parsed here, never by a shell: what a shell would expand,
 * redirect or chain is refused rather than taken literally, so that the
 * same line means the same thing whether it reaches us or a shell. */
#include "errtext.h"
#include "sshcmd.h"
#include "auth.h"
#include "cli/cli.h"
#include "config.h"
#include "import.h"
#include "seclog.h"
#include "secure.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMD_MAX_BYTES 4096
#define CMD_MAX_WORDS 64

static char *original;           /* SSH_ORIGINAL_COMMAND, or NULL */
static char server_addr[256];    /* from SSH_CONNECTION: where the client connected */
static char client_addr[256];    /* from SSH_CONNECTION: where the client came from */
static int server_port;
static bool over_ssh;            /* SSH_CONNECTION was set */
static char host_name[256];      /* gethostname() */

void sshcmd_capture(void)
{
	const char *c = getenv("SSH_ORIGINAL_COMMAND"), *conn = getenv("SSH_CONNECTION");

	free(original);
	original = c ? xstrdup(c) : NULL;
	over_ssh = conn != NULL && *conn != '\0';
	server_addr[0] = '\0';
	client_addr[0] = '\0';
	server_port = 0;
	if (over_ssh) {
		/* "client_address client_port server_address server_port" */
		char a[4][256];
		if (sscanf(conn, "%255s %255s %255s %255s", a[0], a[1], a[2], a[3]) == 4) {
			char *end;
			long p = strtol(a[3], &end, 10);
			strlcpy0(server_addr, a[2], sizeof server_addr);
			strlcpy0(client_addr, a[0], sizeof client_addr);
			server_port = *end == '\0' && p > 0 && p < 65536 ? (int)p : 0;
		}
	}
	if (gethostname(host_name, sizeof host_name) != 0)
		host_name[0] = '\0';
	host_name[sizeof host_name - 1] = '\0';
}

const char *sshcmd_client(void)
{
	return client_addr;
}

bool sshcmd_pending(void)
{
	if (original == NULL)
		return false;
	for (const char *p = original; *p; p++)
		if (*p != ' ' && *p != '\t')
			return true;
	return false;
}

void sshcmd_free(int argc, char **argv)
{
	if (argv == NULL)
		return;
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

/* What a shell acts on outside quotes. */
static bool shell_special(char c)
{
	return c != '\0' && strchr(";&|<>()$`\\*?[]{}~#!", c) != NULL;
}

const char *sshcmd_split(const char *line, int *argc, char ***argv)
{
	static char msg[400];
	size_t n = strlen(line), wl = 0;
	char **v = xcalloc(CMD_MAX_WORDS + 1, sizeof *v), *word = xmalloc(n + 1);
	int count = 0;
	bool in_word = false;
	const char *why = NULL;

	*argc = 0;
	*argv = NULL;
	if (n > CMD_MAX_BYTES) {
		why = "команда длиннее 4096 байт";
		goto fail;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int len = utf8_decode(line + i, n - i, &cp);
		char c = line[i];

		if (len == 0) {
			why = "в команде недопустимая кодировка (не UTF-8)";
			goto fail;
		}
		if ((c == ' ' || c == '\t')) {
			if (in_word) {
				if (count == CMD_MAX_WORDS) {
					why = "в команде слишком много слов";
					goto fail;
				}
				v[count++] = xstrndup(word, wl);
				wl = 0;
				in_word = false;
			}
			i++;
			continue;
		}
		if (text_forbidden(cp, 0)) {
			why = cp == '\n' || cp == '\r' ? "в команде перевод строки: по SSH выполняется одна команда"
							: "в команде управляющий символ";
			goto fail;
		}
		if (c == '\'' || c == '"') {
			/* Up to the closing quote: inside '…' everything is literal;
			 * inside "…" a shell would still expand $, ` and \. */
			size_t j = i + 1;
			while (j < n && line[j] != c) {
				uint32_t q;
				int ql = utf8_decode(line + j, n - j, &q);
				if (ql == 0) {
					why = "в команде недопустимая кодировка (не UTF-8)";
					goto fail;
				}
				if (text_forbidden(q, 0)) {
					why = "в команде управляющий символ";
					goto fail;
				}
				if (c == '"' && (line[j] == '$' || line[j] == '`' || line[j] == '\\')) {
					snprintf(msg, sizeof msg, "символ «%c» в двойных кавычках: возьмите слово "
						 "в одинарные кавычки", line[j]);
					why = msg;
					goto fail;
				}
				memcpy(word + wl, line + j, (size_t)ql);
				wl += (size_t)ql;
				j += (size_t)ql;
			}
			if (j >= n) {
				why = c == '\'' ? "не закрыта одинарная кавычка" : "не закрыта двойная кавычка";
				goto fail;
			}
			in_word = true;
			i = j + 1;
			continue;
		}
		if (shell_special(c)) {
			snprintf(msg, sizeof msg, "символ «%c» вне кавычек: команды по SSH выполняются без "
				 "оболочки — ни цепочек, ни перенаправлений, ни подстановок", c);
			why = msg;
			goto fail;
		}
		memcpy(word + wl, line + i, (size_t)len);
		wl += (size_t)len;
		in_word = true;
		i += (size_t)len;
	}
	if (in_word) {
		if (count == CMD_MAX_WORDS) {
			why = "в команде слишком много слов";
			goto fail;
		}
		v[count++] = xstrndup(word, wl);
	}
	free(word);
	*argc = count;
	*argv = v;
	return NULL;
fail:
	free(word);
	sshcmd_free(count, v);
	return why;
}

static const char allowed[] =
	"по SSH выполняются только report …, export card …, export plan …, analytics …, route list "
	"и import ВИД - (файл со стандартного ввода)";

/* Options of the program itself, not of a verb: the configuration, the
 * database and the identity are the server's, never the client's. */
static bool global_option(const char *w)
{
	return strncmp(w, "-c", 2) == 0 || cli_is_opt(w, "--db") || cli_is_opt(w, "--as") ||
	       cli_is_opt(w, "--help") || cli_is_opt(w, "--version") || strcmp(w, "-h") == 0;
}

const char *sshcmd_check(int argc, char **argv)
{
	static char msg[300];

	static const char *const verbs[] = { "report", "export", "analytics", "route", "import" };
	bool verb = false;

	if (argc == 0)
		return allowed;
	for (size_t i = 0; i < NITEMS(verbs); i++)
		verb |= strcmp(argv[0], verbs[i]) == 0;
	if (!verb && !global_option(argv[0]))
		return allowed;
	for (int i = 0; i < argc; i++)
		if (global_option(argv[i]))
			return "параметры программы (-c, --db, --as) по SSH не принимаются: настройки, "
			       "база и учётная запись — сервера";
	if (strcmp(argv[0], "report") == 0 || strcmp(argv[0], "analytics") == 0)
		return NULL;
	if (strcmp(argv[0], "export") == 0)
		return argc >= 2 && (strcmp(argv[1], "card") == 0 || strcmp(argv[1], "plan") == 0) ? NULL : allowed;
	if (strcmp(argv[0], "route") == 0)
		return argc == 2 && strcmp(argv[1], "list") == 0 ? NULL : allowed;
	if (strcmp(argv[0], "import") == 0) {
		enum import_what w;
		int files = 0;
		bool stdin_file = false;

		if (argc < 2 || import_what_parse(argv[1], &w) != 0)
			return "import: orgs, persons, diagnostics, events или courses, затем «-» "
			       "(файл со стандартного ввода)";
		for (int i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--encoding") == 0 || strcmp(argv[i], "--delimiter") == 0) {
				i++;            /* its value */
			} else if (strncmp(argv[i], "--", 2) == 0) {
				continue;
			} else {
				files++;
				stdin_file = strcmp(argv[i], "-") == 0;
			}
		}
		if (files != 1 || !stdin_file) {
			snprintf(msg, sizeof msg, "import по SSH читает файл только со стандартного ввода: "
				 "import %s - < ФАЙЛ", argv[1]);
			return msg;
		}
		return NULL;
	}
	return allowed;
}

int sshcmd_run(struct cli_ctx *ctx)
{
	char login[64] = "?", **argv = NULL;
	char *shown = text_sanitize(original);
	const char *why;
	int argc = 0, rc;

	if (!auth_unix_login(login, sizeof login))
		snprintf(login, sizeof login, "uid %u", (unsigned)getuid());
	why = sshcmd_split(original, &argc, &argv);
	if (why == NULL)
		why = sshcmd_check(argc, argv);
	if (why == NULL && ctx->cfg->auth == AUTH_PASSWORD)
		why = "команды по SSH выполняются только в режиме учётных записей Unix (auth = \"unix\"): "
		      "в режиме паролей нет терминала, чтобы спросить пароль — войдите в программу "
		      "через ssh -t";
	if (why) {
		cli_err("%s", why);
		seclog("ssh: отказ: %s: «%s»: %s", login, shown, why);
		free(shown);
		sshcmd_free(argc, argv);
		return EXIT_USAGE;
	}
	seclog("ssh: %s выполняет «%s»", login, shown);
	rc = cli_run(ctx, argc, argv);
	if (rc != EXIT_OK)
		seclog("ssh: %s: «%s» — не выполнено (код %d)", login, shown, rc);
	free(shown);
	sshcmd_free(argc, argv);
	return rc;
}

const char *sshcmd_server(const struct config *cfg, int *port)
{
	*port = cfg && cfg->ssh_port > 0 ? cfg->ssh_port : server_port == 22 ? 0 : server_port;
	if (cfg && cfg->ssh_host && cfg->ssh_host[0])
		return cfg->ssh_host;
	if (server_addr[0])
		return server_addr;
	return host_name[0] ? host_name : "СЕРВЕР";
}

/* A word the client's shell (cmd, PowerShell or sh) passes on unchanged:
 * letters of any alphabet, digits and a few signs. */
static bool plain_word(const char *w)
{
	if (*w == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)w; *p; p++)
		if (*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				   (*p >= '0' && *p <= '9') || strchr("-_.,:+/@=", *p)))
			return false;
	return true;
}

/* "ssh -T [-p PORT] login@host": the client's side of every command shown. */
static char *client_command(const struct config *cfg, const char *login)
{
	int port;
	const char *host = sshcmd_server(cfg, &port);

	if (!plain_word(login) || !plain_word(host))
		return NULL;
	return port ? xasprintf("ssh -T -p %d %s@%s", port, login, host)
		    : xasprintf("ssh -T %s@%s", login, host);
}

char *sshcmd_upload_note(const struct config *cfg, const char *login, const char *kind)
{
	char *cmd, *out;

	if (!over_ssh || cfg == NULL || cfg->auth != AUTH_UNIX || !plain_word(kind))
		return NULL;
	if ((cmd = client_command(cfg, login)) == NULL)
		return NULL;
	out = xasprintf("Файл с вашего компьютера загружается без этого экрана одной командой "
			"в командной строке Windows (cmd) или в терминале Linux, из папки с файлом:\n\n"
			"%s import %s - < файл.csv", cmd, kind);
	free(cmd);
	return out;
}

char *sshcmd_fetch_note(const struct config *cfg, const char *login, const char *path,
			const char *const *args, int nargs, const char *local)
{
	char *cmd, *out;

	if (!over_ssh || cfg == NULL || cfg->auth != AUTH_UNIX || !plain_word(local))
		return NULL;
	if ((cmd = client_command(cfg, login)) == NULL)
		return NULL;
	for (int i = 0; i < nargs; i++) {
		char *next;
		/* A word with spaces or signs goes in single quotes for our
		 * parser, wrapped in double quotes for the client's shell. */
		if (plain_word(args[i]))
			next = xasprintf("%s %s", cmd, args[i]);
		else if (strpbrk(args[i], "'\"%$`!\\") == NULL)
			next = xasprintf("%s \"'%s'\"", cmd, args[i]);
		else {
			free(cmd);
			return NULL;
		}
		free(cmd);
		cmd = next;
	}
	out = xasprintf("Файл записан на сервере: %s\n\nЗабрать его на свой компьютер — одна команда "
			"в командной строке Windows (cmd) или в терминале Linux:\n\n%s -o - > %s",
			path, cmd, local);
	free(cmd);
	return out;
}

int sshcmd_spool_stdin(char *path, size_t pathsz, char *err, size_t errsz)
{
	const char *tmp = getenv("TMPDIR");
	char buf[65536];
	long long total = 0;
	int fd, e;

	if (isatty(STDIN_FILENO)) {
		snprintf(err, errsz, "«-» — файл со стандартного ввода, а там терминал: "
			 "перенаправьте файл (… - < ФАЙЛ)");
		return -1;
	}
	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	if ((size_t)snprintf(path, pathsz, "%s/marshrut-import-XXXXXX", tmp) >= pathsz) {
		snprintf(err, errsz, "слишком длинное имя временного каталога %s", tmp);
		return -1;
	}
	/* The user's file, not the program's group: mkstemp makes it 0600. */
	secure_as_user();
	fd = mkstemp(path);
	e = errno;
	secure_as_program();
	if (fd < 0) {
		snprintf(err, errsz, "не удаётся создать временный файл в %s: %s", tmp, errtext_errno(e));
		return -1;
	}
	for (;;) {
		ssize_t r = read(STDIN_FILENO, buf, sizeof buf), done = 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errsz, "ошибка чтения стандартного ввода: %s", errtext_errno(errno));
			goto fail;
		}
		if (r == 0)
			break;
		total += r;
		if (total > SSHCMD_STDIN_MAX) {
			snprintf(err, errsz, "файл на стандартном вводе больше %ld МБ: ничего не загружено",
				 SSHCMD_STDIN_MAX / (1024 * 1024));
			goto fail;
		}
		while (done < r) {
			ssize_t w = write(fd, buf + done, (size_t)(r - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				snprintf(err, errsz, "ошибка записи во временный файл: %s",
					 errtext_errno(w < 0 ? errno : EIO));
				goto fail;
			}
			done += w;
		}
	}
	if (close(fd) != 0) {
		fd = -1;
		snprintf(err, errsz, "ошибка записи во временный файл: %s", errtext_errno(errno));
		goto fail;
	}
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(path);
	path[0] = '\0';
	return -1;
}
