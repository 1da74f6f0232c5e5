/* Configuration (libconfuse): one table of options in config.c, one struct
 * here that the rest of the program reads. */
#ifndef MARSHRUT_CONFIG_H
#define MARSHRUT_CONFIG_H

#include <stdbool.h>

enum auth_mode { AUTH_UNIX, AUTH_PASSWORD };

/* The weights of the rating of methodological activity (section rating of
 * the file; the codes and their order are analytics.h's): points of a
 * participation by its level, the bonus of a contest's result or of a role
 * at an event, and the bonus of an innovation product with a positive
 * conclusion (added to its level's points). */
#define RATING_LEVELS 5
#define RATING_OUTCOMES 8
#define RATING_WEIGHT_MAX 1000
struct rating_weights {
	int level[RATING_LEVELS];        /* analytics_level_codes[] */
	int outcome[RATING_OUTCOMES];    /* analytics_outcome_codes[] */
	int product;
};

struct config {
	char *path;                /* file it came from, or NULL for defaults */
	char *database;
	enum auth_mode auth;
	char *calendar;            /* production calendar file, absolute or resolved */
	char *codifier;            /* deficit codifier: init adds the missing codes */
	char *selfcheck;           /* self-diagnosis statements: init adds the missing ones */
	char *interview;           /* the guiding questions of the interview after a course (Omsk) */
	char *indicators;          /* monitoring indicators and targets: init adds the missing ones */
	char *associations;        /* city pedagogical associations (seed 003, Table 8): init adds the missing */
	char *measures;            /* the roadmap of support measures (seed 003, §IV): init adds the missing */
	char *import_words;        /* the import's synonyms of official wordings (import.c) */
	bool color;
	int escape_window;         /* ms after a bare Esc for a digit (Esc 1 = F1); 0: off */
	bool mouse;                /* clicks, double clicks and the wheel */
	int min_group_size;        /* smallest group an aggregated figure is shown for */
	int deficit_high_below;    /* block % below this: high deficit */
	int deficit_medium_below;  /* below this (and not high): medium; else low */
	int iom_min_months, iom_max_months;
	int iom_keep_months;       /* a completed ИОМ is archived this long after completion */
	int dl_application_contact, dl_results, dl_results_ordered;
	int dl_iom_develop, dl_iom_correct;
	int name_chars, text_chars;
	char *iom_number_format;
	char *syslog_socket;       /* where security events go ("/dev/log") */   /* %Y year, %N sequence, e.g. "ИОМ-%Y-%06N" */
	char *ssh_host;            /* the server as users' ssh reaches it; "" = as connected */
	int ssh_port;              /* its port for them; 0 = as connected */
	struct rating_weights rating;
};

/* Default path when -c is not given. */
#define CONFIG_DEFAULT_PATH SYSCONFDIR "/marshrut/marshrut.conf"

/* Load path (or the defaults when path is NULL). On error returns NULL and
 * writes "FILE:LINE: what is wrong" into err. */
struct config *config_load(const char *path, char *err, int errsz);
/* Defaults only (used when no file exists at the default path). */
struct config *config_defaults(void);
void config_free(struct config *c);

/* Without -c and with no CONFIG_DEFAULT_PATH: a program run from its source
 * checkout (build/marshrut beside conf/) uses the checkout's
 * conf/marshrut.conf, found from the executable's own place, and the
 * database `make demo` creates beside the executable (build/demo.db);
 * anywhere else, and always when setgid, the built-in defaults. NULL with
 * err set when the checkout's file is wrong. */
struct config *config_load_fallback(bool setgid, char *err, int errsz);

#endif
