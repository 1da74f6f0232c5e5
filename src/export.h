/* Printing the ИОМ card: «Карта индивидуального образовательного маршрута
 * педагога» as the union of the two templates (001 Appendix, 004 App.3
 * form; DOMAIN.md §6): title, information sheet, entry diagnostic,
 * deficits with codes, tasks, the roadmap by its five categories, the final
 * public event, the final diagnostic, conclusions, dates and signature
 * lines. Plain text for a terminal or a line printer (at most
 * EXPORT_TXT_COLS columns a line, wrapped on spaces, never cutting a UTF-8
 * sequence), or one self-contained HTML page for A4 printing.
 *
 * The caller's rights come from the access policy: the card itself needs
 * IOM_VIEW; the per-block results (%, difficulties, levels) need
 * P_RESULTS_VIEW on the teacher, otherwise only the deficits with their
 * codes and the recommendations are printed, with a line saying why.
 * Every value from the database is sanitised (text_sanitize) and, in HTML,
 * escaped. No SQL here: everything is read through the store. */
#ifndef MARSHRUT_EXPORT_H
#define MARSHRUT_EXPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct session;

enum export_format { EXPORT_TXT, EXPORT_HTML };

/* Results of export_card(). */
enum {
	EXPORT_OK = 0,
	EXPORT_NOTFOUND,     /* no such card */
	EXPORT_DENIED,       /* the policy refuses the card to this user */
	EXPORT_ERROR,        /* the store failed, or writing failed */
};

#define EXPORT_TXT_COLS 80

/* Write the card iom_id in format fmt to out. Returns EXPORT_OK, or one of
 * the codes above with a Russian message in err (the policy's reason when
 * the card is refused). On failure part of the card may have been written:
 * a caller that must not leave a partial card renders into memory first
 * (open_memstream). */
int export_card(struct session *ss, int64_t iom_id, enum export_format fmt, FILE *out, char *err,
		int errsz);

/* "txt" or "html" (as typed after --format) into *fmt; false for anything
 * else. */
bool export_format_parse(const char *name, enum export_format *fmt);

#endif
