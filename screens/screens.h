/* The screens: one file each, each a table of functions over its own state
 * (model: tmux's window modes). Screens call the access policy and the
 * store; they never hold SQL. */
#ifndef MARSHRUT_SCREENS_H
#define MARSHRUT_SCREENS_H

#include "access.h"
#include "ui/ui.h"

/* A screen with its state, titled. */
struct screen *screen_new(const struct screen_ops *ops, void *state, const char *title);

struct screen *screen_home(struct session *ss);
struct screen *screen_persons(struct session *ss, int64_t org_id);
struct screen *screen_person_card(struct session *ss, int64_t id);
struct screen *screen_orgs(struct session *ss);
struct screen *screen_org_card(struct session *ss, int64_t id);
struct screen *screen_codifier(struct session *ss);
struct screen *screen_selfcheck(struct session *ss);
struct screen *screen_radar(struct session *ss);
/* How many things the radar holds for this user (overdue or due within its
 * default horizon); -1 when it cannot be counted. */
int screen_radar_waiting(struct session *ss);
struct screen *screen_analytics(struct session *ss);
/* Whether the user reaches a group at all (not only himself or the
 * teachers he curates): the region, a municipality or a school. */
bool screen_analytics_available(struct session *ss);

/* A group of teachers for aggregated figures: the region, a municipality or
 * an organisation, within the user's scope. */
struct group {
	char kind[8];        /* "region", "mun", "org" */
	int64_t id;
	char name[200];
};
void screen_set_group(struct session *ss, struct group *g, const char *kind, int64_t id);
/* The widest group the scope reaches, to begin with. */
void screen_widest_group(struct session *ss, const struct store_scope *sc, struct group *g);
/* Let the user choose among the groups his scope reaches. */
void screen_pick_group(struct session *ss, const struct store_scope *sc, struct group *g);
struct screen *screen_monitoring(struct session *ss, const struct group *g, int year);
struct screen *screen_pool(struct session *ss);
/* A school's plan of continuous professional development of a year as the
 * seed's 3 × 3 grid (devplan.c); NULL with the policy's reason set as the
 * error when the user may not keep the organisation's plan. */
struct screen *screen_devplan(struct session *ss, int64_t org_id, int year);
struct screen *screen_measures(struct session *ss);
/* Loading a spreadsheet into the register (regional, admin). */
struct screen *screen_import(struct session *ss);
/* Applications for diagnostics: the list, one card, and who may keep an
 * application of an organisation (0: an individual one). */
struct screen *screen_applications(struct session *ss);
struct screen *screen_application(struct session *ss, int64_t id);
bool screen_application_may_edit(struct session *ss, int64_t org_id, const char **why);
/* A draft of an application's or a consent's form reopened. */
struct screen *screen_application_form_restore(struct session *ss, const struct draft *d,
					       const char **why);
/* The audit log, read-only (P_AUDIT). */
struct screen *screen_audit(struct session *ss);
/* Who opened teachers' results, by person or viewer (the regional centre);
 * NULL with an error shown for anyone else. */
struct screen *screen_result_views(struct session *ss);
/* Pick a person of an organisation (0: any) within the user's reach. */
int64_t screen_pick_person(struct session *ss, int64_t org_id);
/* Paragraphs (NULL or "" ones skipped) wrapped at spaces into at most rows
 * lines of cols columns from (y, x), dim: what a list's columns shorten,
 * whole beneath it. When more is left than fits, the last line ends at a
 * word with «…». The window's cursor stays where it was. */
/* A default file name in the user's home folder (or "."): the name made by
 * printf's rules, with '/' and ':' in it turned into '-', so that a code
 * from the data never points into another folder. */
char *screen_home_file(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void screen_put_whole(WINDOW *w, int y, int x, int cols, int rows, const char *const *paras, int n);
/* Drafts of forms the user's last session left unsaved (hang-up): asks
 * about each and opens the one he restores over the current screen.
 * Refused drafts are deleted. */
void screen_offer_drafts(struct session *ss);
/* Reopen a form from its draft (NULL with the reason when it cannot be). */
struct screen *screen_record_form_restore(struct session *ss, const struct draft *d,
					  const char **why);
struct screen *screen_diag_form_restore(struct session *ss, const struct draft *d,
					const char **why);
struct screen *screen_meeting_restore(struct session *ss, const struct draft *d, const char **why);
struct screen *screen_selfcheck_restore(struct session *ss, const struct draft *d, const char **why);
struct screen *screen_interview_restore(struct session *ss, const struct draft *d, const char **why);
/* Drafts are a list of netstrings ("5:abcde,"): any text survives. */
void draft_put(char **buf, size_t *len, const char *v);
/* The next item at *p (malloc'd), NULL when the data is damaged. */
char *draft_get(const char **p);
/* Edit a record of t (id 0: a new one). For a course, parent is the
 * person. on_saved (may be NULL) is told the id after a successful save. */
struct screen *screen_record_form(struct session *ss, const struct table_desc *t, int64_t id,
				  int64_t parent, void (*on_saved)(void *ctx, int64_t id),
				  void *ctx);
/* Who may save the record a form edits, as decided by whoever opened the
 * form (the form knows no table's lifecycle): r is the record to be saved
 * (r->id 0 for a new one), parent the card it was opened from, limited
 * whether only some columns are open (the form's editable). true, or
 * false with the reason in *why. */
typedef bool (*rf_rights_fn)(struct session *ss, const struct table_desc *t, const struct record *r,
			     int64_t parent, bool limited, const char **why);
/* How a record form is opened. */
struct rf_open {
	const struct table_desc *t;
	int64_t id;                     /* 0: a new record */
	int64_t parent;                 /* the card it is opened from (t's parent column) */
	const char *const *editable;    /* NULL: every column; else only these (NULL-terminated)
					 * are open for typing: the teacher's marks on his roadmap */
	const char *focus;              /* the column the cursor starts on; NULL: the first */
	rf_rights_fn rights;            /* NULL: the access policy's record rules */
	/* The organisation whose people a person field offers (parent: as
	 * above); NULL or 0: anyone within the user's reach. */
	int64_t (*person_org)(struct session *ss, int64_t parent);
	const char *draft;              /* the screen name its drafts are kept under, so that a
					 * restored draft gets the same rights (NULL: "record_form",
					 * for the policy's rules); common.c's restorers name it */
	void (*on_saved)(void *ctx, int64_t id);   /* told the id after a save; may be NULL */
	void *ctx;
	/* Where the cursor goes on once a value is picked in column col (code
	 * as stored): the field that value asks for next (the teacher's mark:
	 * «выполнено» → the result); NULL, or NULL returned: it stays. */
	const char *(*after_pick)(const char *col, const char *code);
};
struct screen *screen_record_form_open(struct session *ss, const struct rf_open *o);
/* Reopen a form from a draft kept under o->draft with o's rights (o's
 * table, ids and columns come from the draft). */
struct screen *screen_record_form_restore_open(struct session *ss, const struct draft *d,
					       const struct rf_open *o, const char **why);
/* ИОМ: the list in the user's scope, the card, creating one from a
 * diagnostic, and a draft of the card's forms reopened. */
struct screen *screen_iom_list(struct session *ss);
struct screen *screen_iom_card(struct session *ss, int64_t id);
void screen_iom_create(struct session *ss, int64_t person_id, int64_t diag_id);
struct screen *screen_iom_form_restore(struct session *ss, const struct draft *d, const char **why);
/* The template of a new card: «Карта ИОМ» or the Omsk ИППР (store/omsk.h
 * codes); NULL when cancelled. */
const char *screen_pick_template(void);

/* Pick an organisation in the user's scope for perm; 0 when cancelled. */
int64_t screen_pick_org(struct session *ss, enum perm p);
/* Pick one of a person's courses (his course history); 0 when cancelled. */
int64_t screen_pick_course(struct session *ss, int64_t person_id);
/* The interview after a course (Omsk, 000) of person_id: id 0 for a new
 * one; on_saved (may be NULL) is told once it is saved. */
struct screen *screen_interview(struct session *ss, int64_t person_id, int64_t id,
				void (*on_saved)(void *ctx, int64_t id), void *ctx);
/* Pick one of a person's diagnostics; 0 when cancelled. */
int64_t screen_pick_diagnostic(struct session *ss, int64_t person_id);
/* Pick an event proposed for an ИОМ's roadmap; 0 when cancelled. */
int64_t screen_pick_proposal(struct session *ss, int64_t iom_id);
/* Pick an active code of the deficit codifier; 0 when cancelled. */
int64_t screen_pick_deficit(struct session *ss);
/* Ask for a year (2000–2100) with the current one offered; true when
 * *year was changed, else a message (or nothing, when cancelled). */
/* A list's filter by one of opts, «all» (the label given) first: true
 * when the user chose (code gets the option's code, "" for all). */
bool screen_pick_filter(const char *title, const char *all, const struct enum_opt *opts, char *code,
			size_t size);
bool screen_ask_year(const char *title, int *year);
/* The calendar year today. */
int screen_this_year(void);
/* Pick an event of the catalogue, the latest first; 0 when cancelled. */
int64_t screen_pick_event(struct session *ss);
/* A form field's text by the one rule of its type (model_check: a date
 * read in any of its typed forms, a birth date within its range): NULL
 * when good, with the value to store in *out (malloc'd, may be NULL) and,
 * for a date, the text to show once the field is left in *shown (ДД.ММ.ГГГГ);
 * else the message, "label: what is wrong" (static). */
const char *screen_check_field(struct session *ss, const struct field_desc *fd, const char *label,
			       const char *in, char **out, char **shown);
/* The rating of methodological activity of a year, within the user's reach. */
struct screen *screen_rating(struct session *ss);
/* The registries (store/registry.h): pick one the user may open, and open it. */
void screen_registries(struct session *ss);
/* The mentoring registry: pairs, young specialists, surveys, training. */
struct screen *screen_mentoring(struct session *ss);
/* Internship sites: applications, passports, the lifecycle, their events. */
struct screen *screen_sites(struct session *ss);
/* Meeting mode: who took part in one event, ticked in one pass. */
struct screen *screen_meeting(struct session *ss);
/* Diagnostics: the card (results only for those the policy allows) and
 * the form that records one (diag_id 0: a new one for person_id). */
struct screen *screen_diagnostic(struct session *ss, int64_t diag_id);
struct screen *screen_diag_form(struct session *ss, int64_t person_id, int64_t diag_id);
/* A new diagnostic of person_id answering an application (its subject
 * filled in): saved, it points back to the application. */
struct screen *screen_diag_form_answer(struct session *ss, int64_t person_id, int64_t application_id,
				       const char *subject);

/* Password mode: ask for a login and a password until one is accepted;
 * writes the login. Returns false when the user gives up (F10/Esc). */
bool screen_login(struct store *st, char *login, size_t n);

/* Write buf to a new file (never over an existing one; a partial file is
 * removed). 0, or -1 with a Russian message in err. */

/* Show a store error on the status line in the user's words. */
void screen_store_error(struct session *ss, int rc);

#endif
