/* Applications for diagnostics: their deadlines in working days (DOMAIN.md
 * §13: contact the applicant within 3, results within 10 — 15 when the
 * authority ordered it). Domain rules only: no SQL, no terminal. */
#ifndef MARSHRUT_APPLIC_H
#define MARSHRUT_APPLIC_H

#include <stdbool.h>
#include <stddef.h>

struct calendar;
struct config;

struct applic_dates {
	const char *received, *contacted, *diagnostic, *results;   /* ISO or NULL/"" */
	bool ordered;
};

/* What is due next and whether it is overdue today, as a short Russian
 * remark («уведомить до 25.11.2026», «результаты до …: просрочено 2 р. дн.»,
 * «результаты сообщены в срок»). Returns true when something is overdue. */
bool applic_deadline(const struct calendar *cal, const struct config *cfg,
		     const struct applic_dates *d, const char *today_iso, char *out, size_t n);

#endif
