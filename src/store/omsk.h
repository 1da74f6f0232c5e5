/* The Omsk templates (000) beyond their generic rows: which template a
 * card is (the Smolensk/Aromashevo «Карта ИОМ» or the Omsk ИППР), and the
 * interview after a course with its levels of mastery per competency. */
#ifndef MARSHRUT_STORE_OMSK_H
#define MARSHRUT_STORE_OMSK_H

#include <stdint.h>

#include "store/store.h"

#define IOM_TEMPLATE_IOM  "iom"
#define IOM_TEMPLATE_IPPR "ippr"

struct config;
struct iom_head;
/* Create a draft card as store_iom_create does, of template tpl, in one
 * transaction (a card is never left of the other template). */
int store_iom_create_template(struct store *s, const struct actor *a, const struct config *cfg,
			      const char *tpl, int64_t person_id, int model, int64_t entry_diag_id,
			      int64_t curator_id, int64_t developer_id, struct iom_head *out);

/* The card's template into tpl ("iom" or "ippr"); ST_NOTFOUND if no card. */
int store_iom_template(struct store *s, int64_t iom_id, char tpl[8]);
/* Set the template of a draft card (chosen as it is created); audited.
 * ST_CONSTRAINT with a message for an unknown template or a card that is
 * no longer a draft. */
int store_iom_set_template(struct store *s, const struct actor *a, int64_t iom_id, const char *tpl);

/* The five stages of the interview (000, «Собеседование с педагогом по
 * результатам обучения на КПК»), in order: their keys in conf/interview.conf
 * and the columns stage_<key> of course_interview. */
#define INTERVIEW_STAGES 5
extern const char *const interview_stage_keys[INTERVIEW_STAGES];

struct interview_level {
	int64_t block_id;
	char name[200];          /* the competency as printed */
	char short_name[64];     /* as a form labels it */
	char now[16], planned[16];   /* model_mastery_levels codes or "" */
};

struct interview {
	int64_t id, version;     /* 0 for a new one */
	int64_t person_id;
	int64_t course_id;       /* a course of the teacher's history, 0 = none */
	int64_t iom_id;          /* the ИППР card it corrects, 0 = none */
	char *course_title;      /* as shown: title and end date */
	char date[11];           /* ISO */
	char *stage[INTERVIEW_STAGES];
	char followup_date[11];  /* ISO or "" */
	char *followup_note;
	int nlevels;             /* one per teacher competency block, in order */
	struct interview_level *levels;
};

void interview_init(struct interview *iv);
void interview_free(struct interview *iv);

/* Read interview id of person_id (id 0: a new one, with the person's
 * latest ИППР card not cancelled as iom_id); the levels list every active
 * teacher competency block, with what was recorded for it. */
int store_interview_get(struct store *s, int64_t id, int64_t person_id, struct interview *out);

/* Save iv: a new one is inserted, an existing one updated if its version
 * is current (else ST_CONFLICT); the levels replace the recorded ones. One
 * transaction, audited field by field (a level as "competency: code" under
 * the interview's level_now / level_planned). The course must be one of
 * the person's (ST_CONSTRAINT with a message otherwise). */
int store_interview_save(struct store *s, const struct actor *a, struct interview *iv);

/* A course of person_id as the interview shows it: «title (ДД.ММ.ГГГГ)»;
 * NULL when it is not his. Caller frees. */
char *store_course_label(struct store *s, int64_t course_id, int64_t person_id);

/* The latest interview that corrects card iom_id; 0 when none. */
int64_t store_ippr_interview(struct store *s, int64_t iom_id);

/* Teacher competency blocks (active, in order), for the ИППР table: at
 * most max ids and malloc'd names (and short names, when shorts is not
 * NULL); returns the count. */
int store_ippr_blocks(struct store *s, int64_t *ids, char **names, char **shorts, int max);

#endif
