/* Configuration: every option declared once, in opts[] below. */
#include "config.h"
#include "util.h"
#include "conftext.h"
#include "route.h"
#include "analytics.h"

#include <confuse.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int validate_percent(cfg_t *cfg, cfg_opt_t *opt)
{
	long v = cfg_opt_getnint(opt, 0);
	if (v < 1 || v > 100) {
		cfg_error(cfg, "%s: нужно число от 1 до 100, а не %ld", opt->name, v);
		return -1;
	}
	return 0;
}

static int validate_positive(cfg_t *cfg, cfg_opt_t *opt)
{
	long v = cfg_opt_getnint(opt, 0);
	if (v < 1 || v > 100000) {
		cfg_error(cfg, "%s: нужно число от 1 до 100000, а не %ld", opt->name, v);
		return -1;
	}
	return 0;
}

static int validate_escape_window(cfg_t *cfg, cfg_opt_t *opt)
{
	long v = cfg_opt_getnint(opt, 0);
	if (v < 0 || v > 3000) {
		cfg_error(cfg, "escape_window: нужно число миллисекунд от 0 до 3000, а не %ld", v);
		return -1;
	}
	return 0;
}

static int validate_auth(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (strcmp(v, "unix") != 0 && strcmp(v, "password") != 0) {
		cfg_error(cfg, "auth: допустимо \"unix\" или \"password\", а не \"%s\"", v);
		return -1;
	}
	return 0;
}

/* The server's name in the command the screens show for fetching a file:
 * a host name or an address, nothing a shell would act on. */
static int validate_ssh_host(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);

	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '-' || *p == ':' || *p == '_')) {
			cfg_error(cfg, "ssh_host: имя сервера или адрес (латинские буквы, цифры, «.», «-», «:»), "
				  "а не \"%s\"", v);
			return -1;
		}
	if (strlen(v) > 253) {
		cfg_error(cfg, "ssh_host: слишком длинное имя сервера");
		return -1;
	}
	return 0;
}

static int validate_ssh_port(cfg_t *cfg, cfg_opt_t *opt)
{
	long v = cfg_opt_getnint(opt, 0);

	if (v < 0 || v > 65535) {
		cfg_error(cfg, "ssh_port: от 1 до 65535 (0 — тот, к которому подключился пользователь), а не %ld", v);
		return -1;
	}
	return 0;
}

/* The region-wide switch gave way to a setting of each organisation
 * (issue 12): an old file that says false still loads, true is refused
 * with where the setting went. */
static int validate_retired_school_switch(cfg_t *cfg, cfg_opt_t *opt)
{
	if (cfg_opt_getnbool(opt, 0)) {
		cfg_error(cfg, "school_sees_results больше не действует: результаты руководителю открывает "
			  "региональный центр в карточке организации (поле «Результаты руководителю»)");
		return -1;
	}
	return 0;
}

static int validate_deficit(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	if (sec == NULL)
		return 0;
	if (cfg_getint(sec, "high_below") >= cfg_getint(sec, "medium_below")) {
		cfg_error(cfg, "deficit: high_below (%ld) должно быть меньше medium_below (%ld)",
			  cfg_getint(sec, "high_below"), cfg_getint(sec, "medium_below"));
		return -1;
	}
	return 0;
}

static int validate_iom(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *m;

	if (sec == NULL)
		return 0;
	/* The number format is route.c's rule (one %N, known escapes). */
	if ((m = route_check_number_format(cfg_getstr(sec, "number_format"))) != NULL) {
		cfg_error(cfg, "iom: number_format: %s", m);
		return -1;
	}
	if (cfg_getint(sec, "min_months") > cfg_getint(sec, "max_months")) {
		cfg_error(cfg, "iom: min_months (%ld) больше max_months (%ld)",
			  cfg_getint(sec, "min_months"), cfg_getint(sec, "max_months"));
		return -1;
	}
	return 0;
}

/* A rating weight: a whole number of points, 0 or more. */
static int validate_weight(cfg_t *cfg, cfg_opt_t *opt)
{
	long v = cfg_opt_getnint(opt, 0);
	if (v < 0 || v > RATING_WEIGHT_MAX) {
		cfg_error(cfg, "rating: %s: нужно целое число баллов от 0 до %d, а не %ld", opt->name,
			  RATING_WEIGHT_MAX, v);
		return -1;
	}
	return 0;
}

/* Today's weights are the defaults; the names are analytics.h's codes
 * (from_cfg reads them by those codes). */
static cfg_opt_t rating_opts[] = {
	CFG_INT("international", 5, CFGF_NONE),
	CFG_INT("federal", 4, CFGF_NONE),
	CFG_INT("regional", 3, CFGF_NONE),
	CFG_INT("municipal", 2, CFGF_NONE),
	CFG_INT("school", 1, CFGF_NONE),
	CFG_INT("winner", 3, CFGF_NONE),
	CFG_INT("prize", 2, CFGF_NONE),
	CFG_INT("laureate", 1, CFGF_NONE),
	CFG_INT("speaker", 2, CFGF_NONE),
	CFG_INT("organiser", 2, CFGF_NONE),
	CFG_INT("head", 2, CFGF_NONE),
	CFG_INT("expert", 1, CFGF_NONE),
	CFG_INT("coordinator", 1, CFGF_NONE),
	CFG_INT("product", 2, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t deficit_opts[] = {
	CFG_INT("high_below", 50, CFGF_NONE),
	CFG_INT("medium_below", 80, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t iom_opts[] = {
	CFG_INT("min_months", 6, CFGF_NONE),
	CFG_INT("max_months", 24, CFGF_NONE),
	CFG_INT("keep_months", 12, CFGF_NONE),
	CFG_STR("number_format", "ИОМ-%Y-%06N", CFGF_NONE),
	CFG_END()
};

static cfg_opt_t deadline_opts[] = {
	CFG_INT("application_contact", 3, CFGF_NONE),
	CFG_INT("results", 10, CFGF_NONE),
	CFG_INT("results_ordered", 15, CFGF_NONE),
	CFG_INT("iom_develop", 10, CFGF_NONE),
	CFG_INT("iom_correct", 5, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t limit_opts[] = {
	CFG_INT("name_chars", 100, CFGF_NONE),
	CFG_INT("text_chars", 2000, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t opts[] = {
	CFG_STR("database", "/var/lib/marshrut/marshrut.db", CFGF_NONE),
	CFG_STR("auth", "unix", CFGF_NONE),
	CFG_STR("calendar", DATADIR "/calendar.conf", CFGF_NONE),
	CFG_STR("codifier", DATADIR "/codifier.conf", CFGF_NONE),
	CFG_STR("selfcheck", DATADIR "/selfcheck.conf", CFGF_NONE),
	CFG_STR("interview", DATADIR "/interview.conf", CFGF_NONE),
	CFG_STR("indicators", DATADIR "/indicators.conf", CFGF_NONE),
	CFG_STR("associations", DATADIR "/associations.conf", CFGF_NONE),
	CFG_STR("measures", DATADIR "/measures.conf", CFGF_NONE),
	CFG_STR("import_words", DATADIR "/import_words.conf", CFGF_NONE),
	CFG_STR("syslog_socket", "/dev/log", CFGF_NONE),
	CFG_STR("ssh_host", "", CFGF_NONE),
	CFG_INT("ssh_port", 0, CFGF_NONE),
	CFG_BOOL("color", cfg_true, CFGF_NONE),
	CFG_INT("escape_window", 400, CFGF_NONE),
	CFG_BOOL("mouse", cfg_true, CFGF_NONE),
	CFG_BOOL("school_sees_results", cfg_false, CFGF_NONE),   /* retired: see the validator */
	CFG_INT("min_group_size", 5, CFGF_NONE),
	CFG_SEC("deficit", deficit_opts, CFGF_NONE),
	CFG_SEC("iom", iom_opts, CFGF_NONE),
	CFG_SEC("deadlines", deadline_opts, CFGF_NONE),
	CFG_SEC("limits", limit_opts, CFGF_NONE),
	CFG_SEC("rating", rating_opts, CFGF_NONE),
	CFG_END()
};

static void set_validators(cfg_t *cfg)
{
	static const char *const percent[] = { "deficit|high_below", "deficit|medium_below" };
	static const char *const positive[] = {
		"min_group_size", "iom|min_months", "iom|max_months", "iom|keep_months",
		"deadlines|application_contact", "deadlines|results", "deadlines|results_ordered",
		"deadlines|iom_develop", "deadlines|iom_correct",
		"limits|name_chars", "limits|text_chars",
	};
	size_t i;

	for (i = 0; i < NITEMS(percent); i++)
		cfg_set_validate_func(cfg, percent[i], validate_percent);
	for (i = 0; i < NITEMS(positive); i++)
		cfg_set_validate_func(cfg, positive[i], validate_positive);
	cfg_set_validate_func(cfg, "auth", validate_auth);
	cfg_set_validate_func(cfg, "ssh_host", validate_ssh_host);
	cfg_set_validate_func(cfg, "ssh_port", validate_ssh_port);
	cfg_set_validate_func(cfg, "escape_window", validate_escape_window);
	cfg_set_validate_func(cfg, "school_sees_results", validate_retired_school_switch);
	cfg_set_validate_func(cfg, "deficit", validate_deficit);
	cfg_set_validate_func(cfg, "iom", validate_iom);
	for (i = 0; rating_opts[i].name; i++) {
		char key[64];
		snprintf(key, sizeof key, "rating|%s", rating_opts[i].name);
		cfg_set_validate_func(cfg, key, validate_weight);
	}
}

/* A relative file name in the configuration is relative to the file's folder. */
static char *resolve(const char *conf_path, const char *name)
{
	char *copy, *dir, *out;

	if (name[0] == '/' || conf_path == NULL)
		return xstrdup(name);
	copy = xstrdup(conf_path);
	dir = dirname(copy);
	out = xasprintf("%s/%s", dir, name);
	free(copy);
	return out;
}

static struct config *from_cfg(cfg_t *cfg, const char *path)
{
	struct config *c = xcalloc(1, sizeof *c);
	cfg_t *d = cfg_getsec(cfg, "deficit"), *i = cfg_getsec(cfg, "iom");
	cfg_t *dl = cfg_getsec(cfg, "deadlines"), *l = cfg_getsec(cfg, "limits");

	c->path = path ? xstrdup(path) : NULL;
	c->database = resolve(path, cfg_getstr(cfg, "database"));
	c->auth = strcmp(cfg_getstr(cfg, "auth"), "password") == 0 ? AUTH_PASSWORD : AUTH_UNIX;
	c->calendar = resolve(path, cfg_getstr(cfg, "calendar"));
	c->codifier = resolve(path, cfg_getstr(cfg, "codifier"));
	c->selfcheck = resolve(path, cfg_getstr(cfg, "selfcheck"));
	c->interview = resolve(path, cfg_getstr(cfg, "interview"));
	c->indicators = resolve(path, cfg_getstr(cfg, "indicators"));
	c->associations = resolve(path, cfg_getstr(cfg, "associations"));
	c->measures = resolve(path, cfg_getstr(cfg, "measures"));
	c->import_words = resolve(path, cfg_getstr(cfg, "import_words"));
	c->syslog_socket = resolve(path, cfg_getstr(cfg, "syslog_socket"));
	c->ssh_host = xstrdup(cfg_getstr(cfg, "ssh_host"));
	c->ssh_port = (int)cfg_getint(cfg, "ssh_port");
	c->color = cfg_getbool(cfg, "color");
	c->escape_window = (int)cfg_getint(cfg, "escape_window");
	c->mouse = cfg_getbool(cfg, "mouse");
	c->min_group_size = (int)cfg_getint(cfg, "min_group_size");
	c->deficit_high_below = (int)cfg_getint(d, "high_below");
	c->deficit_medium_below = (int)cfg_getint(d, "medium_below");
	c->iom_min_months = (int)cfg_getint(i, "min_months");
	c->iom_max_months = (int)cfg_getint(i, "max_months");
	c->iom_keep_months = (int)cfg_getint(i, "keep_months");
	c->iom_number_format = xstrdup(cfg_getstr(i, "number_format"));
	c->dl_application_contact = (int)cfg_getint(dl, "application_contact");
	c->dl_results = (int)cfg_getint(dl, "results");
	c->dl_results_ordered = (int)cfg_getint(dl, "results_ordered");
	c->dl_iom_develop = (int)cfg_getint(dl, "iom_develop");
	c->dl_iom_correct = (int)cfg_getint(dl, "iom_correct");
	c->name_chars = (int)cfg_getint(l, "name_chars");
	c->text_chars = (int)cfg_getint(l, "text_chars");
	{
		cfg_t *r = cfg_getsec(cfg, "rating");
		for (int k = 0; k < RATING_LEVELS; k++)
			c->rating.level[k] = (int)cfg_getint(r, analytics_level_codes[k]);
		for (int k = 0; k < RATING_OUTCOMES; k++)
			c->rating.outcome[k] = (int)cfg_getint(r, analytics_outcome_codes[k]);
		c->rating.product = (int)cfg_getint(r, "product");
	}
	return c;
}

struct config *config_load(const char *path, char *err, int errsz)
{
	cfg_t *cfg;
	struct config *c = NULL;
	int rc;

	cfg = cfg_init(opts, CFGF_NONE);
	set_validators(cfg);
	rc = conf_parse(cfg, path, err, errsz);
	if (rc == CFG_SUCCESS)
		c = from_cfg(cfg, path);
	cfg_free(cfg);
	return c;
}

struct config *config_defaults(void)
{
	char err[256];
	struct config *c = config_load(NULL, err, sizeof err);
	if (c == NULL)
		fatal("встроенные настройки: %s", err);
	return c;
}

void config_free(struct config *c)
{
	if (c == NULL)
		return;
	free(c->path);
	free(c->database);
	free(c->calendar);
	free(c->codifier);
	free(c->selfcheck);
	free(c->interview);
	free(c->indicators);
	free(c->associations);
	free(c->measures);
	free(c->import_words);
	free(c->iom_number_format);
	free(c->syslog_socket);
	free(c->ssh_host);
	free(c);
}

/* The checkout's configuration for the executable exe: <dir>/../conf/
 * marshrut.conf when it exists; NULL otherwise. */
static char *checkout_conf(const char *exe)
{
	char *copy = xstrdup(exe), *path;

	path = xasprintf("%s/../conf/marshrut.conf", dirname(copy));
	free(copy);
	if (access(path, R_OK) != 0 || (copy = realpath(path, NULL)) == NULL) {
		free(path);
		return NULL;
	}
	free(path);
	return copy;
}

struct config *config_load_fallback(bool setgid, char *err, int errsz)
{
	char exe[4096], *conf, *copy;
	ssize_t n;
	struct config *c;

	/* Setgid, the file next to the program is not the administrator's
	 * choice: only the installed configuration counts. */
	if (setgid || (n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return config_defaults();
	exe[n] = '\0';
	if ((conf = checkout_conf(exe)) == NULL)
		return config_defaults();
	c = config_load(conf, err, errsz);
	free(conf);
	if (c) {
		copy = xstrdup(exe);
		free(c->database);
		c->database = xasprintf("%s/demo.db", dirname(copy));
		free(copy);
	}
	return c;
}
