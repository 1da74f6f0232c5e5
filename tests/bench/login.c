/* make bench: the password login answers in the same time whatever the
 * login is (issue 17). An unknown login, an existing one with a wrong
 * password, a disabled one and one closed for the source (here even with
 * the right password) are each checked ROUNDS times, interleaved so that
 * the machine's load falls on all alike; the figure is the time
 * auth_login takes (the yescrypt check in a child and the two short
 * transactions), median of each, and the spread of those medians against
 * the goal of 50 ms. The pause the form adds after a failure depends only
 * on the attempts counted for the login and the source, the same for all
 * four (asserted in make check: tests/unit/test_auth.c test_same_answer).
 * Usage: bench-login [ROUNDS] (prints the lines to stdout). */
#include "auth.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { UNKNOWN, EXISTING, DISABLED, LOCKED, NKINDS };

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int64_t add_user(struct store *s, const char *login, const char *pw)
{
	struct actor a = { 0, "bench", "bench" };
	int64_t id = 0;
	char *hash = auth_hash(pw);

	if (hash == NULL || store_user_add(s, &a, login, login, 0, &id) != ST_OK ||
	    store_user_set_hash(s, &a, id, hash) != ST_OK) {
		fprintf(stderr, "bench-login: user %s: %s\n", login, store_errmsg(s));
		exit(1);
	}
	free(hash);
	return id;
}

int main(int argc, char **argv)
{
	static const char *const names[NKINDS] = { "unknown login", "existing, wrong password",
						   "disabled, wrong password", "closed for the source, right password" };
	int rounds = argc > 1 ? atoi(argv[1]) : 15;
	char path[64], err[256], src[32];
	struct actor a = { 0, "bench", "bench" };
	struct store *s;
	double *ms[NKINDS], med[NKINDS], lo, hi;
	int delay;
	bool same_text = true;

	if (rounds < 3)
		rounds = 3;
	snprintf(path, sizeof path, "/tmp/marshrut-bench-login-%d.db", (int)getpid());
	unlink(path);
	if ((s = store_open(path, true, err, sizeof err)) == NULL) {
		fprintf(stderr, "bench-login: %s\n", err);
		return 1;
	}
	add_user(s, "ivanova", "верный-пароль");
	if (store_user_disable(s, &a, add_user(s, "petrova", "другой-пароль")) != ST_OK)
		return 1;
	/* Closed for 10.9.9.9: five failures. */
	for (int i = 0; i < 5; i++)
		auth_login(s, "ivanova", "не тот", "10.9.9.9", &delay);
	for (int k = 0; k < NKINDS; k++)
		ms[k] = calloc((size_t)rounds, sizeof **ms);
	for (int i = 0; i < rounds; i++) {
		for (int k = 0; k < NKINDS; k++) {
			enum auth_result r;
			double t0;
			/* A first attempt from its own source, but the closed one. */
			snprintf(src, sizeof src, "10.%d.%d.1", k, i);
			t0 = now_ms();
			switch (k) {
			case UNKNOWN:
				r = auth_login(s, "nobody", "не тот", src, &delay);
				break;
			case EXISTING:
				r = auth_login(s, "ivanova", "не тот", src, &delay);
				break;
			case DISABLED:
				r = auth_login(s, "petrova", "не тот", src, &delay);
				break;
			default:
				r = auth_login(s, "ivanova", "верный-пароль", "10.9.9.9", &delay);
				break;
			}
			ms[k][i] = now_ms() - t0;
			if (strcmp(auth_result_text(r), auth_result_text(AUTH_BAD)) != 0)
				same_text = false;
		}
	}
	store_close(s);
	unlink(path);
	printf("== password login: the same answer in the same time (issue 17), %d attempts each\n", rounds);
	lo = 1e12;
	hi = 0;
	for (int k = 0; k < NKINDS; k++) {
		qsort(ms[k], (size_t)rounds, sizeof **ms, cmp);
		med[k] = ms[k][rounds / 2];
		printf("login check, %-40s median %7.1f ms, worst %7.1f ms\n", names[k], med[k], ms[k][rounds - 1]);
		if (med[k] < lo)
			lo = med[k];
		if (med[k] > hi)
			hi = med[k];
		free(ms[k]);
	}
	printf("login check: the four answers' text the same: %s\n", same_text ? "yes ok" : "no MISSES");
	printf("login check: spread of the medians %.1f ms (goal <= 50 ms): %s\n", hi - lo,
	       hi - lo <= 50 ? "ok" : "MISSES");
	return 0;
}
