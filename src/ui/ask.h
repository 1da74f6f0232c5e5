/* A question with several answers in a box, as ui_confirm's: each answer is
 * a button chosen by its first letter, read by key position so that the
 * same key answers in both layouts («З» or p, «Н» or y, «О» or j), or by
 * the arrows and Enter. Esc (and F10, and a hang-up) give the answer the
 * caller names as the escape: the one that changes nothing. */
#ifndef MARSHRUT_UI_ASK_H
#define MARSHRUT_UI_ASK_H

/* Ask question (wrapped in the box) under title; answers[0..n) are the
 * button labels (n up to 6, first letters distinct), initial the one
 * highlighted (Enter takes it), escape the one Esc means. Returns the
 * chosen index. */
int ui_ask(const char *title, const char *question, const char *const *answers, int n, int initial,
	   int escape);

#endif
