/* Progress of long work (an import, the demo region, a region-wide
 * computation) told to whoever waits for it: one line on a terminal's
 * stderr (here), a panel on the screen (ui_progress_begin in ui/ui.h).
 * The work calls progress_step() from its natural loop, never inside an
 * SQL statement; the call costs one read of the monotonic clock and
 * passes at most ten updates a second on to the watcher, who may ask the
 * work to stop. A stopped work undoes what it did (its transaction is
 * rolled back) and says so. */
#ifndef MARSHRUT_PROGRESS_H
#define MARSHRUT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct progress {
	/* The watcher: the stage («записано», «педагоги»), done of total
	 * (total <= 0: not known). NULL: nobody watches. */
	void (*step)(void *ctx, const char *stage, long done, long total);
	void *ctx;
	const char *title;    /* what the work is: «Импорт» */
	const char *unit;     /* said after the total: «строк»; NULL: nothing */
	/* Set by the watcher when the user asks to stop: the work's next
	 * progress_step() answers false, and it stops. */
	bool stop;
	/* Kept by progress_step and the terminal watcher. */
	int64_t next_ms;
	int shown_cols;
};

/* Set up p for a watcher (step may be NULL): nothing is passed on in the
 * first tenth of a second. */
void progress_init(struct progress *p, const char *title, const char *unit,
		   void (*step)(void *ctx, const char *stage, long done, long total), void *ctx);

/* From the work's loop: the watcher hears of it if a tenth of a second
 * has passed since the last time. Returns false when the work is to stop.
 * p may be NULL (nobody watches: always true). */
bool progress_step(struct progress *p, const char *stage, long done, long total);

/* The line a watcher shows, e.g. «Импорт: записано 12 000 из 30 000 строк
 * (40 %)»; returns buf. */
char *progress_line(const struct progress *p, const char *stage, long done, long total, char *buf,
		    size_t size);

/* The terminal watcher: when stderr is a terminal, one line rewritten in
 * place (\r) while the work runs, cleared by progress_tty_end; when it is
 * not (scripts, tests comparing output), nothing at all. */
void progress_tty_begin(struct progress *p, const char *title, const char *unit);
void progress_tty_end(struct progress *p);

#endif
