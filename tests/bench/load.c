/* Many sessions at once (issue 18): N copies of the real program, each on
 * its own pseudo-terminal at 80x24 with TERM=xterm, driven by one event
 * loop (poll over every pty) like N people at their keyboards: a key every
 * 0.2-0.8 s (uniformly random) after the screen has answered the previous
 * one. Keys scroll the register (arrows, PgDn/PgUp), search in it (three
 * letters, then Esc) and, in the run "with saves", save a teacher's card
 * (find the teacher, open the card, F4, change the position, F2, back;
 * each step reported apart).
 * The control run is the same without saves.
 *
 *     load BIN CONF DB SESSIONS SECONDS [LOGIN]
 *
 * runs the control on DB, then the run with saves, and prints the goals.
 *
 * A keystroke's latency: from the write of its bytes to the last byte the
 * program wrote before the session's next key (or the end of the run).
 * The response counts as complete once the pty has been silent for QUIET
 * ms; the next key is scheduled a random pause (>= 200 ms) after that, and
 * any byte that still arrives before it is sent extends the latency: the
 * quiet interval decides when to go on, it is never part of or cut from
 * the figure. The first byte's latency is kept too. A key with no answer
 * within SILENT ms counts as silent (reported, not in the percentiles).
 * Esc is reported apart: the program waits escape_window ms on purpose to
 * tell a bare Esc from a sequence.
 *
 * The generator's own lag: how late each key was written after the time
 * it was scheduled for (poll wakes late when the machine is busy); its
 * 99th percentile is printed next to the figures, which it inflates.
 *
 * A save failed when the screen shows one of the program's refusals
 * ("Не сохранено...", "база занята...", "...повторите...", a conflict),
 * or nothing that says it was saved; the audit's count of changed
 * positions before and after the run is the store's own account. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 40.0
#define SILENT_MS 2000.0
#define START_MS 60000.0
#define PAUSE_MIN 200.0
#define PAUSE_MAX 800.0
#define TAIL 4096		/* bytes of the current answer kept for its texts */

enum kind { K_SETUP, K_SCROLL, K_SEARCH, K_ESC, K_SAVE, K_SOPEN, K_SF4, K_SFORM, K_F2, K_SBACK, K_NKINDS };
static const char *const kind_name[K_NKINDS] = {
	"setup", "scroll (arrows, PgDn/PgUp)", "search (a letter typed)", "Esc (escape_window)",
	"save: find (the name typed)", "save: Enter (the card)", "save: F4 (the form)",
	"save: keys in the form", "save: F2", "save: F10 (back)",
};

/* xterm's key strings (terminfo kcud1, kcuu1, knp, kpp, kf2, kf4, kf10, kbs). */
#define KEY_DOWN "\033OB"
#define KEY_UP "\033OA"
#define KEY_NPAGE "\033[6~"
#define KEY_PPAGE "\033[5~"
#define KEY_F2 "\033OQ"
#define KEY_F4 "\033OS"
#define KEY_F10 "\033[21~"

struct key {
	char bytes[32];
	enum kind kind;
};

struct vec {
	double *v;
	size_t n, cap;
};

struct session {
	pid_t pid;
	int fd;
	bool started, ready, dead;
	struct key q[128];	/* keys still to send in the current task */
	int qh, qn;
	/* the key in flight */
	bool waiting;		/* written, answer not complete yet */
	enum kind kind;
	double sent, first, last;	/* ms */
	double next_at;			/* when the next key is due */
	bool have_key;			/* a key's figure still open (tail may extend it) */
	char tail[TAIL];
	size_t tlen;
	bool checking_save;
	int saves;
	const char *find;	/* the text that finds this session's teacher */
};

struct run {
	struct vec lat[K_NKINDS], first_all, lag;
	int silent[K_NKINDS];
	int saves, saves_ok, saves_failed, saves_unconfirmed;
	char failed_text[256];
	int started, ready, sessions;
	long audit0, audit1;
	double wall;
};

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void push(struct vec *v, double x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->v = realloc(v->v, v->cap * sizeof *v->v);
		if (!v->v) {
			perror("load");
			exit(2);
		}
	}
	v->v[v->n++] = x;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(struct vec *v, double p)
{
	if (v->n == 0)
		return 0;
	qsort(v->v, v->n, sizeof *v->v, cmp_d);
	size_t i = (size_t)(p / 100.0 * (double)(v->n - 1) + 0.5);
	return v->v[i < v->n ? i : v->n - 1];
}

static double rnd(double a, double b)
{
	return a + (b - a) * ((double)random() / (double)RAND_MAX);
}

static void enqueue(struct session *s, enum kind k, const char *bytes)
{
	if (s->qh + s->qn >= (int)(sizeof s->q / sizeof s->q[0]))
		return;
	struct key *e = &s->q[s->qh + s->qn++];
	snprintf(e->bytes, sizeof e->bytes, "%s", bytes);
	e->kind = k;
}

/* One UTF-8 character at a time, each its own key. */
static void enqueue_text(struct session *s, enum kind k, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		int len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		char c[8] = "";
		memcpy(c, p, (size_t)len);
		enqueue(s, k, c);
		p += len;
	}
}

/* The people of the demo region, for searches and saves. */
struct people {
	char **fio, **prefix;	/* full name; the shortest start of it no one else shares */
	int64_t *id;
	int n;
};

static char *dupstr(const char *x)
{
	char *r = strdup(x ? x : "");
	if (!r) {
		perror("load");
		exit(2);
	}
	return r;
}

static long audit_count(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long n = -1;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM audit WHERE tbl = 'person' AND action = 'update'"
			       " AND field = 'position'", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return n;
}

static int utf8_next(const char *p)
{
	unsigned char c = (unsigned char)*p;
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void load_people(const char *db, int want, struct people *pp)
{
	sqlite3 *h;
	sqlite3_stmt *st;

	memset(pp, 0, sizeof *pp);
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "load: %s: %s\n", db, sqlite3_errmsg(h));
		exit(2);
	}
	if (sqlite3_prepare_v2(h, "SELECT id, surname || ' ' || name || coalesce(' ' || patronymic, '')"
			       " FROM person WHERE archived = 0 ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "load: %s\n", sqlite3_errmsg(h));
		exit(2);
	}
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (pp->n == cap) {
			cap = cap ? cap * 2 : 1024;
			pp->fio = realloc(pp->fio, (size_t)cap * sizeof *pp->fio);
			pp->id = realloc(pp->id, (size_t)cap * sizeof *pp->id);
			if (!pp->fio || !pp->id) {
				perror("load");
				exit(2);
			}
		}
		pp->id[pp->n] = sqlite3_column_int64(st, 0);
		pp->fio[pp->n++] = dupstr((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	if (pp->n == 0) {
		fprintf(stderr, "load: no people in %s\n", db);
		exit(2);
	}
	/* The sessions' teachers are spread over the region (one each, so two
	 * sessions never edit one record); each is found by the shortest start
	 * of the full name, at least surname and name, that begins no other
	 * name (the search also matches the start of any part of a name, so a
	 * match elsewhere may still come first: the saved values are unique,
	 * and the audit's count tells a save that changed nothing). */
	pp->prefix = calloc((size_t)want, sizeof *pp->prefix);
	for (int i = 0; i < want; i++) {
		const char *f = pp->fio[(int)((long)i * pp->n / want)];
		size_t len = 0, words = 0;
		for (;;) {
			words += f[len] == ' ';
			len += (size_t)utf8_next(f + len);
			if (len >= strlen(f))
				break;
			int others = 0;
			for (int j = 0; j < pp->n && !others; j++)
				others += pp->fio[j] != f && strncmp(pp->fio[j], f, len) == 0;
			if (!others && words >= 1 && (f[len] == ' ' || f[len] == 0 || words >= 2))
				break;
		}
		if (len > strlen(f))
			len = strlen(f);
		pp->prefix[i] = strndup(f, len);
	}
}

/* The program's refusals of a save (the screens, src/errtext.c). */
static const char *const save_errors[] = {
	"Не сохранено", "не сохранен", "база занята", "повторите", "изменил другой пользователь",
	"не хватает памяти", "ошибка базы данных",
};

static void spawn(struct session *s, const char *bin, const char *conf, const char *db, const char *login)
{
	struct winsize ws = { 24, 80, 0, 0 };
	int fd;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);

	if (pid < 0) {
		perror("load: forkpty");
		exit(2);
	}
	if (pid == 0) {
		char *env[] = { (char *)"TERM=xterm", (char *)"LANG=C.UTF-8", (char *)"PATH=/usr/bin:/bin",
				(char *)"HOME=/tmp", NULL };
		execle(bin, bin, "-c", conf, "--db", db, "--as", login, (char *)NULL, env);
		_exit(127);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	s->pid = pid;
	s->fd = fd;
}

/* The next task when the queue is empty: a few scroll keys, a search, or
 * (with saves) a save of this session's teacher. */
static double save_share = 0.15;	/* of tasks, in the run with saves */
static int trace_fd = -1;
static int save_seq;		/* LOAD_TRACE=FILE: session 0's keys and output */

static void next_task(struct session *s, int idx, bool with_saves, const struct people *pp)
{
	double r = rnd(0, 1);

	s->qh = s->qn = 0;
	if (with_saves && r < save_share) {
		char v[64];
		enqueue_text(s, K_SAVE, pp->prefix[idx]);
		enqueue(s, K_SOPEN, "\r");		/* the card */
		enqueue(s, K_SF4, KEY_F4);		/* the form */
		for (int i = 0; i < 7; i++)		/* Должность, the 8th field */
			enqueue(s, K_SFORM, KEY_DOWN);
		enqueue(s, K_SFORM, "\025");		/* C-u: clear the field */
		snprintf(v, sizeof v, "завуч %d", ++save_seq);	/* unique: every save changes the field */
		s->saves++;
		enqueue_text(s, K_SFORM, v);
		enqueue(s, K_F2, KEY_F2);
		enqueue(s, K_SBACK, KEY_F10);		/* back to the register */
		enqueue(s, K_ESC, "\033");		/* the search cleared */
	} else if (r < 0.75) {
		int n = 1 + (int)rnd(0, 4.99);
		for (int i = 0; i < n; i++) {
			double k = rnd(0, 1);
			enqueue(s, K_SCROLL, k < 0.55 ? KEY_DOWN : k < 0.75 ? KEY_UP : k < 0.9 ? KEY_NPAGE : KEY_PPAGE);
		}
	} else {
		/* Three letters of someone's name as typed: its first three characters. */
		const char *f = pp->fio[(int)rnd(0, pp->n - 0.01)];
		char t[16];
		size_t len = 0;
		for (int i = 0; i < 3 && f[len]; i++)
			len += (size_t)utf8_next(f + len);
		snprintf(t, sizeof t, "%.*s", (int)len, f);
		enqueue_text(s, K_SEARCH, t);
		enqueue(s, K_ESC, "\033");
	}
}

/* Close the open key's figure: its latency is settled once the next key
 * is written (or the run ends). */
static void close_key(struct session *s, struct run *R)
{
	if (!s->have_key)
		return;
	s->have_key = false;
	if (s->kind == K_SETUP)
		return;
	if (s->first < 0) {
		R->silent[s->kind]++;
		return;
	}
	push(&R->lat[s->kind], s->last - s->sent);
	if (s->kind != K_ESC)
		push(&R->first_all, s->first - s->sent);
}

static void check_save(struct session *s, struct run *R)
{
	if (!s->checking_save)
		return;
	s->checking_save = false;
	R->saves++;
	for (size_t i = 0; i < sizeof save_errors / sizeof *save_errors; i++) {
		if (memmem(s->tail, s->tlen, save_errors[i], strlen(save_errors[i]))) {
			R->saves_failed++;
			snprintf(R->failed_text, sizeof R->failed_text, "%s", save_errors[i]);
			/* Leave the form as a user would: F10, «д» (leave unsaved), F10. */
			s->qh = s->qn = 0;
			enqueue(s, K_SBACK, KEY_F10);
			enqueue(s, K_SBACK, "д");
			enqueue(s, K_SBACK, KEY_F10);
			enqueue(s, K_ESC, "\033");
			return;
		}
	}
	if (memmem(s->tail, s->tlen, "Сохранено", strlen("Сохранено")))
		R->saves_ok++;
	else
		R->saves_unconfirmed++;
}

static void run_load(const char *bin, const char *conf, const char *db, const char *login, int n,
		     double seconds, bool with_saves, const struct people *pp, struct run *R)
{
	struct session *S = calloc((size_t)n, sizeof *S);
	struct pollfd *P = calloc((size_t)n, sizeof *P);
	char buf[65536];
	double t_start, t_end = 0;
	bool going = false;

	memset(R, 0, sizeof *R);
	R->sessions = n;
	R->audit0 = audit_count(db);
	t_start = now_ms();
	for (int i = 0; i < n; i++) {
		spawn(&S[i], bin, conf, db, login);
		S[i].find = pp->prefix[i];
		S[i].first = -1;
		/* the register: «1», Enter on the home menu, written together
		 * once the home screen is shown (setup, not measured) */
		enqueue(&S[i], K_SETUP, "1\r");
	}
	for (;;) {
		double t = now_ms();
		int alive = 0, busy = 0;

		if (!going && (R->ready == n || t - t_start > START_MS)) {
			going = true;
			t_end = t + seconds * 1e3;
			for (int i = 0; i < n; i++)
				if (S[i].ready)
					S[i].next_at = t + rnd(0, PAUSE_MAX);
		}
		/* Complete answers; send what is due. */
		double wake = t + 50;
		for (int i = 0; i < n; i++) {
			struct session *s = &S[i];
			if (s->dead)
				continue;
			alive++;
			if (!s->started) {
				if (s->last > 0 && t - s->last >= 200) {
					s->started = true;
					R->started++;
					s->next_at = t;
				}
				if (!s->started)
					continue;
			}
			if (s->waiting) {
				bool done = s->first >= 0 ? t - s->last >= QUIET_MS : t - s->sent >= SILENT_MS;
				if (!done) {
					busy++;
					double w = s->first >= 0 ? s->last + QUIET_MS : s->sent + SILENT_MS;
					if (w < wake)
						wake = w;
					continue;
				}
				s->waiting = false;
				if (s->kind == K_SETUP && !s->ready) {
					s->ready = true;
					R->ready++;
				}
				if (s->kind == K_F2)
					check_save(s, R);
				s->next_at = t + rnd(PAUSE_MIN, PAUSE_MAX);
			}
			if (!going && s->ready)
				continue;
			if (going && t >= t_end)
				continue;
			if (t < s->next_at) {
				if (s->next_at < wake)
					wake = s->next_at;
				continue;
			}
			if (s->qn == 0)
				next_task(s, i, with_saves, pp);
			struct key *k = &s->q[s->qh];
			close_key(s, R);
			double w0 = now_ms();
			if (write(s->fd, k->bytes, strlen(k->bytes)) < 0) {
				s->dead = true;
				continue;
			}
			if (k->kind != K_SETUP)
				push(&R->lag, w0 - s->next_at);
			s->kind = k->kind;
			s->sent = w0;
			s->first = s->last = -1;
			s->waiting = s->have_key = true;
			s->tlen = 0;
			if (k->kind == K_F2)
				s->checking_save = true;
			if (trace_fd >= 0 && i == 0) {
				char m[64];
				int ml = snprintf(m, sizeof m, "\n<<<KEY kind %d>>>\n", k->kind);
				if (write(trace_fd, m, (size_t)ml) < 0 || write(trace_fd, k->bytes, strlen(k->bytes)) < 0)
					trace_fd = -1;
			}
			s->qh++;
			s->qn--;
			busy++;
		}
		if (alive == 0 || (going && t >= t_end && busy == 0))
			break;	/* tasks under way are left as they are */
		/* Read whatever the programs wrote. */
		for (int i = 0; i < n; i++) {
			P[i].fd = S[i].dead ? -1 : S[i].fd;
			P[i].events = POLLIN;
			P[i].revents = 0;
		}
		int to = (int)(wake - now_ms());
		if (to < 0)
			to = 0;
		if (poll(P, (nfds_t)n, to) < 0 && errno != EINTR) {
			perror("load: poll");
			exit(2);
		}
		double tr = now_ms();
		for (int i = 0; i < n; i++) {
			struct session *s = &S[i];
			if (!(P[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t got = read(s->fd, buf, sizeof buf);
			if (got <= 0) {
				if (got < 0 && errno == EAGAIN)
					continue;
				s->dead = true;
				continue;
			}
			if (s->have_key || !s->started) {
				if (s->first < 0)
					s->first = tr;
				s->last = tr;
			}
			if (trace_fd >= 0 && i == 0 && write(trace_fd, buf, (size_t)got) < 0)
				trace_fd = -1;
			/* The tail of this key's answer, for the save's texts. */
			if ((size_t)got >= TAIL) {
				memcpy(s->tail, buf + got - TAIL, TAIL);
				s->tlen = TAIL;
			} else {
				if (s->tlen + (size_t)got > TAIL) {
					size_t drop = s->tlen + (size_t)got - TAIL;
					memmove(s->tail, s->tail + drop, s->tlen - drop);
					s->tlen -= drop;
				}
				memcpy(s->tail + s->tlen, buf, (size_t)got);
				s->tlen += (size_t)got;
			}
		}
	}
	for (int i = 0; i < n; i++) {
		close_key(&S[i], R);
		if (S[i].checking_save)
			check_save(&S[i], R);
	}
	R->wall = now_ms() - t_start;
	for (int i = 0; i < n; i++)
		kill(S[i].pid, SIGTERM);
	for (int i = 0; i < n; i++) {
		double until = now_ms() + 2000;
		int st;
		while (waitpid(S[i].pid, &st, WNOHANG) == 0) {
			while (read(S[i].fd, buf, sizeof buf) > 0)
				;
			if (now_ms() > until) {
				kill(S[i].pid, SIGKILL);
				waitpid(S[i].pid, &st, 0);
				break;
			}
			usleep(2000);
		}
		close(S[i].fd);
	}
	R->audit1 = audit_count(db);
	free(S);
	free(P);
}

static void report_goal(const char *what, double ms, double target)
{
	printf("%-58s %8.1f ms  goal %4.0f ms  %s\n", what, ms, target, ms <= target ? "ok" : "MISSES");
}

/* Every keystroke but Esc (whose wait is the escape window's, on purpose). */
static double p99_keys(struct run *R)
{
	struct vec all = { 0 };
	for (int k = K_SCROLL; k < K_NKINDS; k++)
		if (k != K_ESC)
			for (size_t i = 0; i < R->lat[k].n; i++)
				push(&all, R->lat[k].v[i]);
	double p = pct(&all, 99);
	free(all.v);
	return p;
}

static void print_run(const char *title, struct run *R)
{
	int silent = 0;
	size_t keys = 0;

	printf("%s: %d of %d sessions started, %d in the register, %.1f s in all\n", title, R->started,
	       R->sessions, R->ready, R->wall / 1e3);
	for (int k = K_SCROLL; k < K_NKINDS; k++) {
		keys += R->lat[k].n;
		silent += R->silent[k];
		if (R->lat[k].n == 0 && R->silent[k] == 0)
			continue;
		double p50 = pct(&R->lat[k], 50), p99 = pct(&R->lat[k], 99);
		printf("  %-30s %6zu keys  p50 %7.1f  p99 %7.1f  max %7.1f ms\n", kind_name[k], R->lat[k].n,
		       p50, p99, R->lat[k].n ? R->lat[k].v[R->lat[k].n - 1] : 0.0);
	}
	double f50 = pct(&R->first_all, 50), f99 = pct(&R->first_all, 99);
	printf("  first byte of an answer (all but Esc): p50 %.1f  p99 %.1f ms; keys with no answer in %.0f s: %d\n",
	       f50, f99, SILENT_MS / 1e3, silent);
	double l50 = pct(&R->lag, 50), l99 = pct(&R->lag, 99);
	printf("  generator's lag (key written after its time): p50 %.1f  p99 %.1f  max %.1f ms over %zu keys\n",
	       l50, l99, R->lag.n ? R->lag.v[R->lag.n - 1] : 0.0, R->lag.n);
	(void)keys;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: load BIN CONF DB SESSIONS SECONDS [LOGIN]\n");
		return 2;
	}
	const char *bin = argv[1], *conf = argv[2], *db = argv[3];
	int n = atoi(argv[4]);
	double seconds = atof(argv[5]);
	const char *login = argc > 6 ? argv[6] : "admin";
	struct people pp;
	struct run ctl, sav;
	char what[128];

	if (n < 1 || seconds <= 0) {
		fprintf(stderr, "load: SESSIONS and SECONDS must be positive\n");
		return 2;
	}
	double t_main = now_ms();

	signal(SIGPIPE, SIG_IGN);
	if (getenv("LOAD_SAVE_SHARE"))
		save_share = atof(getenv("LOAD_SAVE_SHARE"));
	if (getenv("LOAD_TRACE"))
		trace_fd = open(getenv("LOAD_TRACE"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	srandom((unsigned)getpid());
	load_people(db, n, &pp);
	run_load(bin, conf, db, login, n, seconds, false, &pp, &ctl);
	print_run("control, no saves", &ctl);
	run_load(bin, conf, db, login, n, seconds, true, &pp, &sav);
	print_run("with saves", &sav);

	long stored = sav.audit0 >= 0 && sav.audit1 >= 0 ? sav.audit1 - sav.audit0 : -1;
	printf("  saves: %d, confirmed on screen %d, refused %d%s%s%s, no answer either way %d; the audit counts %ld\n",
	       sav.saves, sav.saves_ok, sav.saves_failed, sav.saves_failed ? " (last: «" : "",
	       sav.saves_failed ? sav.failed_text : "", sav.saves_failed ? "»)" : "", sav.saves_unconfirmed, stored);

	if (ctl.started < n || sav.started < n) {
		/* No figure of a load that did not run (a missing program, no ptys). */
		printf("%d sessions: %d and %d started (is %s there?)                MISSES\n", n, ctl.started,
		       sav.started, bin);
		return 1;
	}
	double p_ctl = p99_keys(&ctl), p_sav = p99_keys(&sav);
	snprintf(what, sizeof what, "%d sessions, keystroke p99 with saves (control %.1f)", n, p_ctl);
	report_goal(what, p_sav, 20);
	printf("%-58s %8.2f ×   goal %4.0f ×   %s\n", "  the same, to the no-save control", p_ctl > 0 ? p_sav / p_ctl : 0.0,
	       3.0, p_ctl > 0 && p_sav <= 3 * p_ctl ? "ok" : "MISSES");
	int failed = sav.saves_failed + sav.saves_unconfirmed;
	printf("%-58s %8d     goal %4d     %s\n", "  failed saves (refused or unconfirmed)", failed, 0,
	       sav.saves == 0 ? "MISSES (no save was made)" :
	       stored != sav.saves_ok ? "MISSES (the audit disagrees)" : failed == 0 ? "ok" : "MISSES");
	printf("%-58s %8.1f ms  (the figures above include it)\n", "  the generator's own lag, p99",
	       pct(&sav.lag, 99) > pct(&ctl.lag, 99) ? pct(&sav.lag, 99) : pct(&ctl.lag, 99));
	printf("%-58s %8.1f s   (both runs, start to end)\n", "  the load's wall time here", (now_ms() - t_main) / 1e3);
	return 0;
}
