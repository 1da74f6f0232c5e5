/* The parts of the ИОМ card between its moves (screens/iom_card.c shows
 * them): the «Обсуждение» tab (correction proposals and the curator's
 * notes), each change after approval opened and confirmed one by one, the
 * teacher's self-analysis, and the card's lines of what awaits whom. */
#ifndef MARSHRUT_SCREENS_IOM_REVIEW_H
#define MARSHRUT_SCREENS_IOM_REVIEW_H

#include "screens/screens.h"
#include "ui/list.h"

struct iom_head;

struct iom_disc {
	struct session *ss;
	const struct iom_head *h;   /* the card as the screen holds it */
	struct ui_list list;
};

void iom_disc_setup(struct iom_disc *d, struct session *ss, const struct iom_head *h);
void iom_disc_free(struct iom_disc *d);
/* Whether the user may add here (a proposal or a note), with the reason. */
bool iom_disc_may_add(struct iom_disc *d, const char **why);
/* F7 on the tab: a proposal (optionally tied to a row or a field) or a
 * note, as the policy lets the user. */
void iom_disc_add(struct iom_disc *d);
/* Enter on a row: read it; the developer answers an open proposal. */
void iom_disc_open(struct iom_disc *d);

/* Enter on a change: its field, old and new value, who and when, whose
 * signatures it awaits; the user confirms it for his part(s). */
void iom_change_open(struct session *ss, const struct iom_head *h, int64_t change_id, const unsigned *disclose);
/* F2: every change awaiting the user's part(s), shown, then confirmed
 * when he agrees. */
void iom_changes_confirm_all(struct session *ss, const struct iom_head *h, const unsigned *disclose);

/* The teacher's self-analysis (§4.5.2): typed and saved by himself. */
void iom_self_analysis(struct session *ss, struct iom_head *h);

/* Lines for the card: open proposals and the review window, what awaits
 * whom since when, the curator's latest notes. */
void iom_review_card_lines(struct session *ss, const struct iom_head *h,
			   void (*add)(void *ctx, const char *line), void *ctx);

#endif
