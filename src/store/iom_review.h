/* Between the moves of an ИОМ card (issue 15; seed 004 App.3 §4.3.4–4.3.7,
 * §4.4.5–4.4.7, §4.5.2, §5.11; seed 001 §6.3):
 * - correction proposals: while the card is in review the teacher, the
 *   curator and the school head each propose corrections (text, optionally
 *   tied to a roadmap row or a field of the card) and see each other's;
 *   during implementation the school head and the head of the school's МО
 *   do the same; the developer answers each (accepted, or declined with a
 *   reason). A card moves to its final form only when none is left open
 *   (store_iom_open_proposals, for route.c's move table);
 * - the curator's dated notes: консультация, промежуточный результат,
 *   корректировка;
 * - the teacher's own self-analysis;
 * - the changes made after approval, read one by one with their field,
 *   old and new value in Russian, and confirmed one by one by each party.
 * Who may do which is the access policy's (IOM_PROPOSE, IOM_ANSWER,
 * IOM_NOTE, IOM_DISCUSSION, IOM_SELF_ANALYSIS, IOM_CONFIRM_*); the caller
 * asks it first. */
#ifndef MARSHRUT_STORE_IOM_REVIEW_H
#define MARSHRUT_STORE_IOM_REVIEW_H

#include "store/store.h"
#include "model.h"

/* Who proposes: teacher, curator, school (the head), mo_head. */
extern const struct enum_opt iom_proposal_parties[];
/* The curator's notes: consultation, intermediate, correction. */
extern const struct enum_opt iom_note_kinds[];
/* The fields of the card a proposal may name (code = column). */
extern const struct enum_opt iom_proposal_fields[];

/* Whether viewer (a person) heads the school's МО of teacher: a methodist
 * of the teacher's own organisation, not the teacher himself. The rule as
 * an SQL condition on two expressions (a bound parameter, a column), for
 * the lists that reach the cards by it. */
#define STORE_MO_HEAD_OF(viewer, teacher) \
	"EXISTS (SELECT 1 FROM person m JOIN person t ON t.org_id = m.org_id" \
	" WHERE m.id = " viewer " AND t.id = " teacher " AND m.id <> t.id" \
	" AND m.is_methodist = 1 AND m.archived = 0)"
bool store_iom_mo_head_of(struct store *s, int64_t viewer, int64_t teacher);

/* Add a proposal to card iom_id from party (as above) by author (a person,
 * 0 for none). The stage comes from the card's status: review, or
 * implementation once approved; any other status, an empty text, a row of
 * another card or an unknown field is refused with ST_CONSTRAINT and a
 * Russian message. activity_id 0 and field NULL: the card as a whole. */
int store_iom_proposal_add(struct store *s, const struct actor *a, int64_t iom_id, const char *party,
			   int64_t author, int64_t activity_id, const char *field, const char *text,
			   int64_t *id);

struct iom_proposal {
	int64_t id, version, iom_id, activity_id;
	char stage[16], party[16], answer[16];   /* answer: accepted / declined / "" (open) */
	char field[40];                          /* column or "" */
	char *text, *answer_text;
	char *about;                             /* "карта в целом", the field's label or the row */
	char author[200], answerer[200];
	char at[17], answered_at[17];            /* local time */
};
void iom_proposal_free(struct iom_proposal *p);
int store_iom_proposal_get(struct store *s, int64_t id, struct iom_proposal *out);

/* Answer proposal id (still at version): accepted, or declined with a
 * reason (required). An answered one is ST_CONFLICT. Audited. */
int store_iom_proposal_answer(struct store *s, const struct actor *a, int64_t id, int64_t version,
			      bool accepted, const char *reason);

/* How many proposals of the card still await the developer's answer. */
int store_iom_open_proposals(struct store *s, int64_t iom_id, int *n);

/* A dated note of the curator (kind as iom_note_kinds; date ISO, not after
 * today). Refused with ST_CONSTRAINT for an empty text, a bad date or kind. */
int store_iom_note_add(struct store *s, const struct actor *a, int64_t iom_id, const char *date_iso,
		       const char *kind, const char *text, int64_t author, int64_t *id);

/* Proposals and notes of one card in order of date: the row key starts
 * with the date and then 'N' (a note) or 'P' (a proposal), so that the
 * caller knows which id it holds. cols = date (ДД.ММ.ГГГГ), who, text
 * (a proposal's with what it is about), state («ждёт ответа», «принято»,
 * «отклонено: …», or the note's kind). */
int store_iom_discussion_page(struct store *s, int64_t iom_id, const struct page_req *r,
			      struct page *out);
/* The notes of a card for the print, oldest first: cb per note with its
 * date (ISO), kind label, author's name and text. At most max notes. */
int store_iom_notes_each(struct store *s, int64_t iom_id, int max,
			 void (*cb)(void *ctx, const char *date, const char *kind, const char *author,
				    const char *text),
			 void *ctx);
/* One note as the list's columns: date ISO, kind label, author, text. */
int store_iom_note_get(struct store *s, int64_t id, char date[11], char kind[64], char author[200],
		       char **text);

/* The teacher's self-analysis (§4.5.2), saved if the card is still at
 * version; audited, not a change awaiting signatures. */
int store_iom_set_self_analysis(struct store *s, const struct actor *a, int64_t iom_id,
				int64_t version, const char *text);

/* One change made after approval, as its signers read it. */
struct iom_change_view {
	int64_t id, version, iom_id;
	char at[17];                       /* local time */
	char who[200];                     /* the user's name */
	char *what;                        /* «Дорожная карта, «…»: Окончание» or «Окончание работы» */
	char *before, *after;              /* labelled values, «—» for none */
	bool wait_curator, wait_head, wait_teacher;
};
void iom_change_view_free(struct iom_change_view *c);
/* Read change id; where masked(ctx, tbl, field) the values read
 * «конфиденциально». */
int store_iom_change_get(struct store *s, int64_t id, store_mask_fn masked, const void *ctx,
			 struct iom_change_view *out);
/* The changes of a card, newest first: cols = when, who, what (label:
 * before → after, in Russian), awaiting whom. */
int store_iom_change_rows_page(struct store *s, int64_t iom_id, store_mask_fn masked, const void *ctx,
			       const struct page_req *r, struct page *out);
/* Confirm one change for role ("curator", "school", "teacher"); one
 * already confirmed for that role is ST_CONFLICT. Audited. */
int store_iom_change_confirm_one(struct store *s, const struct actor *a, int64_t change_id,
				 const char *role);
/* The ids of the card's changes awaiting role, oldest first, at most max. */
int store_iom_pending_ids(struct store *s, int64_t iom_id, const char *role, int64_t *ids, int max);
/* The date (ISO, local) of the oldest change awaiting role (NULL: anyone),
 * "" when none. */
void store_iom_pending_since(struct store *s, int64_t iom_id, const char *role, char out[11]);

/* Demo: open proposals of the teacher, the curator (when the card has one)
 * and the head on a card in review; with answered, the teacher's accepted
 * and the head's declined with its reason, as a card past review keeps
 * them. */
int demo_review_proposals(struct store *s, int64_t iom, bool answered);

#endif
