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
 * chosen index.
 *
 * Everywhere else in the program the key of «Н» (y) means the safe «нет»
 * and the key of «Д» (l) the confirming «да», and users press them by
 * habit. So an answer whose first letter is «Н» must be the escape (the
 * one that changes nothing), and one whose first letter is «Д» must not
 * be: an answer that discards or deletes takes another letter («Сбросить
 * отметки», «Удалить черновик»). A label breaking this is not chosen by
 * its letter at all (only by the arrows, Enter or the mouse). */
int ui_ask(const char *title, const char *question, const char *const *answers, int n, int initial,
	   int escape);

#endif
