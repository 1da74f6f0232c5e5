/* Proof tests of the one save path under concurrency and crashes (issue 6).
 * Saves go through the store API the forms use (store_open, store_get,
 * store_update with an actor and a version, store_insert) on persons; the
 * checks read the file with plain SQLite, independent of the code under test.
 *
 *   stress hammer DB [--procs N] [--saves N]
 *	N processes, each saving N times: half on one shared record (a
 *	counter in «Доп. сведения», read, +1, save; re-read and retry on
 *	ST_CONFLICT), four in ten on its own record, one in ten a new record;
 *	all start at once and pause up to 0.3 ms between reading and saving.
 *	Then: the shared counter equals the saves made on it and every value
 *	1..N was written exactly once (no lost update, no overwrite of a newer
 *	version), each own record holds its count, version = 1 + updates, no
 *	save failed (ST_ERROR, "database is locked").
 *   stress writer DB [--saves N] [--id ID] [--pad N]
 *	Saves in a loop (N times, or until killed) and prints "ack ID VALUE"
 *	only after the save committed: +1 on the shared counter and on a
 *	record of its own, in turns, and now and then a new record of its own
 *	(VALUE 0). With --id, only +1 on record ID;
 *	with --pad, N letters follow the counter (a long memo: more pages a save);
 *	with --powercut OPS SEED, the power is cut after OPS file operations
 *	(tests/stress/powercut.c): unsynced writes are lost at random and the
 *	process ends at once.
 *   stress pace DB [--every MS] --until FILE
 *	A user saving a form every MS milliseconds (100) while something
 *	else runs, until FILE exists: +1 on a record of its own through
 *	store_get and store_update, each save timed from the read to the
 *	commit. Prints "pace: started" after the first save, then the saves
 *	made, how many failed (busy beyond the timeout...) and the longest;
 *	exit 1 when one failed or took over --limit MS (2000).
 *   stress verify DB FILE
 *	Every "ack ID VALUE" of FILE is in the database (the audit row of that
 *	save, the counter not below it), and every record made here is whole:
 *	each counter value saved once, counter = version - 1 = number of its
 *	audited updates.
 *
 * Exit status: 0 when everything holds, 1 on any violation, 2 on misuse. */
#include <errno.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "powercut.h"

#include "model.h"
#include "store/store.h"
#include "util.h"

#define MAX_PROCS 200
#define MAX_RETRIES 100000

static const struct actor actor = { 0, "stress", "stress" };
static int notes_i;   /* index of the counter field (person.notes) */

static void usage(void) __attribute__((noreturn));
static void usage(void)
{
	fprintf(stderr, "usage: stress hammer DB [--procs N] [--saves N] [--sync-normal]\n"
		"       stress writer DB [--saves N] [--id ID] [--pad N] [--powercut OPS SEED]\n"
		"       stress pace DB [--every MS] [--limit MS] --until FILE\n"
		"       stress verify DB FILE\n");
	exit(2);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long num_arg(const char *v, long min, long max)
{
	char *end;
	long n;

	errno = 0;
	n = v ? strtol(v, &end, 10) : 0;
	if (v == NULL || *end || end == v || errno || n < min || n > max)
		usage();
	return n;
}

/* --sync-normal: the durability the store had before issue 17, for the
 * bench's before/after figure of write throughput. */
static bool sync_normal;

static struct store *open_store(const char *path)
{
	char err[512];
	struct store *s = store_open(path, false, err, sizeof err);

	if (s == NULL) {
		fprintf(stderr, "stress[%d]: %s\n", (int)getpid(), err);
		exit(1);
	}
	if (sync_normal)
		sqlite3_exec(store_db(s), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	return s;
}

/* --- plain SQLite for lookups and checks -------------------------------- */

/* First column of the first row as an integer (def when there is none);
 * the parameters ?1, ?2 are bound to a and b. */
static int64_t qint(sqlite3 *db, const char *sql, int64_t a, int64_t b, int64_t def)
{
	sqlite3_stmt *st;
	int64_t v = def;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "stress: SQL: %s\n%s\n", sqlite3_errmsg(db), sql);
		exit(1);
	}
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static sqlite3 *open_plain(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "stress: %s: %s\n", path, sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_busy_timeout(db, 10000);
	return db;
}

/* --- saves, as a form makes them ---------------------------------------- */

struct tally {
	long saves, conflicts, errors, stale, retries_max;
	unsigned think_us;    /* at most this long between reading and saving */
	int pad;              /* letters written after the counter (a long memo) */
	unsigned seed;
	long long wal_max;    /* the largest -wal file seen after a save */
};

static void note_wal(const char *walpath, struct tally *t)
{
	struct stat st;

	if (stat(walpath, &st) == 0 && (long long)st.st_size > t->wal_max)
		t->wal_max = (long long)st.st_size;
}

static int64_t new_person(struct store *s, int64_t org, const char *name, const char *tag,
			  struct tally *t)
{
	struct record r;
	char buf[32];
	int64_t id = 0;
	int rc;

	record_init(&r, &model_person);
	snprintf(buf, sizeof buf, "%lld", (long long)org);
	record_set(&r, model_field_index(&model_person, "surname"), "Стресс");
	record_set(&r, model_field_index(&model_person, "name"), name);
	record_set(&r, model_field_index(&model_person, "org_id"), buf);
	record_set(&r, model_field_index(&model_person, "external_id"), tag);
	record_set(&r, model_field_index(&model_person, "is_methodist"), "0");
	record_set(&r, model_field_index(&model_person, "is_mentor"), "0");
	record_set(&r, model_field_index(&model_person, "is_manager"), "0");
	record_set(&r, notes_i, "0");
	rc = store_insert(s, &actor, &model_person, &r);
	if (rc == ST_OK) {
		id = r.id;
		t->saves++;
	} else {
		t->errors++;
		fprintf(stderr, "stress[%d]: insert: rc %d: %s\n", (int)getpid(), rc, store_errmsg(s));
	}
	record_free(&r);
	return id;
}

/* Read record id, add 1 to its counter, save; on a conflict read it again
 * and retry. Returns the value saved, 0 on an error. */
static int64_t bump(struct store *s, int64_t id, struct tally *t)
{
	for (long tries = 0; tries < MAX_RETRIES; tries++) {
		struct record r, cur = { 0 };
		char buf[32];
		int64_t n;
		int rc;

		rc = store_get(s, &model_person, NULL, id, &r);
		if (rc != ST_OK) {
			t->errors++;
			fprintf(stderr, "stress[%d]: read of person %lld: rc %d: %s\n", (int)getpid(),
				(long long)id, rc, store_errmsg(s));
			return 0;
		}
		n = r.v[notes_i] ? strtoll(r.v[notes_i], NULL, 10) : 0;
		if (t->pad) {
			char *memo = xmalloc((size_t)t->pad + 32);
			int len = snprintf(memo, 32, "%lld ", (long long)(n + 1));
			memset(memo + len, 'x', (size_t)t->pad);
			memo[len + t->pad] = '\0';
			record_set(&r, notes_i, memo);
			free(memo);
		} else {
			snprintf(buf, sizeof buf, "%lld", (long long)(n + 1));
			record_set(&r, notes_i, buf);
		}
		/* A person at a form takes a while: others save meanwhile. */
		if (t->think_us)
			usleep((useconds_t)(rand_r(&t->seed) % t->think_us));
		rc = store_update(s, &actor, &model_person, &r, &cur);
		if (rc == ST_CONFLICT) {
			/* The save must have been refused for a newer version. */
			t->conflicts++;
			if (cur.v == NULL || cur.version <= r.version)
				t->stale++;
			record_free(&cur);
			record_free(&r);
			continue;
		}
		record_free(&r);
		if (tries > t->retries_max)
			t->retries_max = tries;
		if (rc == ST_OK) {
			t->saves++;
			return n + 1;
		}
		t->errors++;
		fprintf(stderr, "stress[%d]: save of person %lld: rc %d: %s\n", (int)getpid(),
			(long long)id, rc, store_errmsg(s));
		return 0;
	}
	t->errors++;
	fprintf(stderr, "stress[%d]: person %lld: still conflicting after %d tries\n",
		(int)getpid(), (long long)id, MAX_RETRIES);
	return 0;
}

/* The organisation the records belong to and the shared record (made once,
 * in one write transaction, so that concurrent writers agree on it). */
static void setup(struct store *s, int64_t *org, int64_t *shared)
{
	sqlite3 *db = store_db(s);
	struct tally t = { 0 };

	if (store_begin(s) != ST_OK) {
		fprintf(stderr, "stress: begin: %s\n", store_errmsg(s));
		exit(1);
	}
	*org = qint(db, "SELECT min(id) FROM organisation WHERE archived = 0", 0, 0, 0);
	if (*org == 0) {
		fprintf(stderr, "stress: no organisation in the database (use init --demo)\n");
		exit(1);
	}
	*shared = qint(db, "SELECT min(id) FROM person WHERE external_id = 'stress-shared'", 0, 0, 0);
	if (*shared == 0)
		*shared = new_person(s, *org, "Общий", "stress-shared", &t);
	if (*shared == 0 || store_commit(s) != ST_OK) {
		fprintf(stderr, "stress: setup: %s\n", store_errmsg(s));
		exit(1);
	}
}

/* --- hammer -------------------------------------------------------------- */

struct shared_area {
	struct tally t[MAX_PROCS];
	long shared_ok[MAX_PROCS], own_ok[MAX_PROCS], inserts[MAX_PROCS];
	unsigned seen[];      /* how many times each counter value was saved */
};

static void hammer_child(const char *path, int k, int saves, int64_t org, int64_t shared,
			 int64_t own, struct shared_area *a, long nseen, int gate)
{
	struct store *s = open_store(path);
	struct tally *t = &a->t[k];
	char byte, walpath[1024];

	/* Everybody starts at once: the parent closes the gate's other end. */
	if (read(gate, &byte, 1) != 0)
		_exit(1);
	close(gate);
	t->think_us = 300;
	t->seed = (unsigned)getpid();
	snprintf(walpath, sizeof walpath, "%s-wal", path);

	for (int i = 0; i < saves && t->errors < 10; i++) {
		int kind = (i + k) % 10;
		if (kind < 5) {
			int64_t v = bump(s, shared, t);
			if (v > 0) {
				a->shared_ok[k]++;
				if (v < nseen)
					__atomic_fetch_add(&a->seen[v], 1, __ATOMIC_RELAXED);
				else
					__atomic_fetch_add(&a->seen[0], 1, __ATOMIC_RELAXED);
			}
		} else if (kind < 9) {
			long c = t->conflicts;
			if (bump(s, own, t) > 0)
				a->own_ok[k]++;
			if (t->conflicts != c) {   /* nobody else saves this one */
				fprintf(stderr, "stress[%d]: conflict on its own record\n", (int)getpid());
				t->stale++;
			}
		} else if (new_person(s, org, "Новый", "stress-new", t) > 0) {
			a->inserts[k]++;
		}
		note_wal(walpath, t);
	}
	store_close(s);
	exit(0);
}

static int hammer(const char *path, int procs, int saves)
{
	struct store *s = open_store(path);
	struct tally zero = { 0 }, sum = { 0 };
	struct shared_area *a;
	int64_t org, shared, own[MAX_PROCS];
	int64_t shared0, shared_v0, inserted0;
	long nseen, shared_ok = 0, inserts = 0;
	size_t size;
	int bad = 0, died = 0, gate[2];
	double t0;
	sqlite3 *db;

	setup(s, &org, &shared);
	for (int k = 0; k < procs; k++) {
		char name[32];
		snprintf(name, sizeof name, "Свой-%d", k + 1);
		own[k] = new_person(s, org, name, "stress-own", &zero);
		if (own[k] == 0)
			return 1;
	}
	store_close(s);

	/* Where this run starts from (the file may have been hammered before). */
	db = open_plain(path);
	shared0 = qint(db, "SELECT CAST(notes AS INTEGER) FROM person WHERE id = ?1", shared, 0, 0);
	shared_v0 = qint(db, "SELECT version FROM person WHERE id = ?1", shared, 0, 0);
	inserted0 = qint(db, "SELECT count(*) FROM person WHERE external_id = 'stress-new'", 0, 0, 0);
	sqlite3_close(db);
	nseen = (long)shared0 + (long)procs * saves + 1;
	size = sizeof *a + (size_t)nseen * sizeof a->seen[0];

	a = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED) {
		perror("stress: mmap");
		return 1;
	}
	memset(a, 0, size);
	fflush(NULL);
	if (pipe(gate) != 0) {
		perror("stress: pipe");
		return 1;
	}
	for (int k = 0; k < procs; k++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("stress: fork");
			return 1;
		}
		if (pid == 0) {
			close(gate[1]);
			hammer_child(path, k, saves, org, shared, own[k], a, nseen, gate[0]);
		}
	}
	close(gate[0]);
	usleep(100000);
	t0 = now_s();
	close(gate[1]);
	for (int k = 0; k < procs; k++) {
		int status;
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			died++;
	}
	t0 = now_s() - t0;

	for (int k = 0; k < procs; k++) {
		sum.saves += a->t[k].saves;
		sum.conflicts += a->t[k].conflicts;
		sum.errors += a->t[k].errors;
		sum.stale += a->t[k].stale;
		if (a->t[k].retries_max > sum.retries_max)
			sum.retries_max = a->t[k].retries_max;
		if (a->t[k].wal_max > sum.wal_max)
			sum.wal_max = a->t[k].wal_max;
		shared_ok += a->shared_ok[k];
		inserts += a->inserts[k];
	}
	printf("hammer: %d processes x %d saves in %.2f s: %ld saved (%ld on the shared record,"
	       " %ld new records), %ld conflicts detected and retried (at most %ld retries for one"
	       " save), %ld errors; largest WAL %lld bytes\n",
	       procs, saves, t0, sum.saves, shared_ok, inserts, sum.conflicts, sum.retries_max,
	       sum.errors, sum.wal_max);

	if (died) {
		printf("VIOLATION: %d processes did not finish cleanly\n", died);
		bad++;
	}
	if (sum.errors) {
		printf("VIOLATION: %ld saves failed (ST_ERROR, database is locked...): see stderr\n",
		       sum.errors);
		bad++;
	}
	if (sum.stale) {
		printf("VIOLATION: %ld conflicts without a newer version or on a private record\n", sum.stale);
		bad++;
	}
	if (sum.saves != (long)procs * saves) {
		printf("VIOLATION: %ld saves of %ld made\n", sum.saves, (long)procs * saves);
		bad++;
	}
	/* Each counter value saved exactly once: no two saves read the same
	 * version and both succeeded. */
	if (a->seen[0]) {
		printf("VIOLATION: %u saves wrote a counter beyond the number of saves\n", a->seen[0]);
		bad++;
	}
	for (long v = shared0 + 1; v <= shared0 + shared_ok; v++)
		if (a->seen[v] != 1) {
			printf("VIOLATION: counter value %ld saved %u times\n", v, a->seen[v]);
			bad++;
			break;
		}

	db = open_plain(path);
	{
		int64_t n = qint(db, "SELECT CAST(notes AS INTEGER) FROM person WHERE id = ?1", shared, 0, -1);
		int64_t v = qint(db, "SELECT version FROM person WHERE id = ?1", shared, 0, -1);
		int64_t au = qint(db, "SELECT count(*) FROM audit WHERE tbl = 'person' AND record_id = ?1"
				  " AND action = 'update' AND field = 'notes'", shared, 0, -1);
		int64_t ins = qint(db, "SELECT count(*) FROM person WHERE external_id = 'stress-new'", 0, 0, -1);
		printf("shared record %lld: counter %lld (expected %lld), version %lld (expected %lld),"
		       " audited updates %lld\n", (long long)shared, (long long)n,
		       (long long)(shared0 + shared_ok), (long long)v, (long long)(shared_v0 + shared_ok),
		       (long long)au);
		if (n != shared0 + shared_ok || v != shared_v0 + shared_ok || au != v - 1) {
			printf("VIOLATION: lost or doubled update on the shared record\n");
			bad++;
		}
		if (ins != inserted0 + inserts) {
			printf("VIOLATION: %lld new records stored, %lld inserted\n",
			       (long long)(ins - inserted0), (long long)inserts);
			bad++;
		}
	}
	for (int k = 0; k < procs; k++) {
		int64_t n = qint(db, "SELECT CAST(notes AS INTEGER) FROM person WHERE id = ?1", own[k], 0, -1);
		int64_t v = qint(db, "SELECT version FROM person WHERE id = ?1", own[k], 0, -1);
		if (n != a->own_ok[k] || v != 1 + a->own_ok[k]) {
			printf("VIOLATION: own record %lld of process %d: counter %lld, version %lld,"
			       " expected %ld and %ld\n", (long long)own[k], k + 1, (long long)n,
			       (long long)v, a->own_ok[k], 1 + a->own_ok[k]);
			bad++;
		}
	}
	sqlite3_close(db);
	munmap(a, size);
	printf("hammer: %s\n", bad ? "FAILED" : "ok");
	return bad ? 1 : 0;
}

/* --- writer --------------------------------------------------------------- */

static void ack(int64_t id, int64_t value)
{
	printf("ack %lld %lld\n", (long long)id, (long long)value);
	fflush(stdout);
}

static int writer(const char *path, long saves, int64_t target, int pad)
{
	struct store *s = open_store(path);
	struct tally t = { .pad = pad };
	int64_t org, shared, own = 0, v;

	setup(s, &org, &shared);
	for (long k = 0; t.errors == 0 && (saves == 0 || t.saves < saves); k++) {
		if (target) {
			if ((v = bump(s, target, &t)) > 0)
				ack(target, v);
		} else if (k % 16 == 0) {
			/* Now and then a new record of its own. */
			if ((own = new_person(s, org, "Писатель", "stress-writer", &t)) > 0)
				ack(own, 0);
		} else if ((v = bump(s, k % 2 ? shared : own, &t)) > 0) {
			ack(k % 2 ? shared : own, v);
		}
	}
	store_close(s);
	fprintf(stderr, "writer[%d]: %ld saves, %ld conflicts, %ld errors\n", (int)getpid(),
		t.saves, t.conflicts, t.errors);
	return t.errors || t.stale ? 1 : 0;
}

/* --- pace ---------------------------------------------------------------- */

static int pace(const char *path, long every_ms, long limit_ms, const char *until)
{
	struct store *s = open_store(path);
	struct tally t = { 0 };
	int64_t org, shared, own;
	double longest = 0, start = now_s();
	long late = 0;

	setup(s, &org, &shared);
	own = new_person(s, org, "Темп", "stress-pace", &t);
	if (own == 0)
		return 1;
	for (long k = 0; access(until, F_OK) != 0; k++) {
		double t0 = now_s(), took;
		long errors = t.errors;
		bump(s, own, &t);
		took = now_s() - t0;
		if (took > longest)
			longest = took;
		if (took * 1000 > (double)limit_ms) {
			late++;
			fprintf(stderr, "pace: save %ld took %.0f ms\n", k + 1, took * 1000);
		}
		if (k == 0) {
			printf("pace: started\n");
			fflush(stdout);
		}
		if (t.errors != errors)
			fprintf(stderr, "pace: save %ld failed after %.0f ms\n", k + 1, took * 1000);
		/* The next save every_ms after this one began. */
		took = now_s() - t0;
		if (took * 1000 < (double)every_ms)
			usleep((useconds_t)(((double)every_ms - took * 1000) * 1000));
	}
	store_close(s);
	printf("pace: %ld saves in %.1f s, one every %ld ms: %ld failed, %ld over %ld ms, longest %.0f ms: %s\n",
	       t.saves, now_s() - start, every_ms, t.errors, late, limit_ms, longest * 1000,
	       t.errors || late ? "FAILED" : "ok");
	return t.errors || late ? 1 : 0;
}

/* --- verify --------------------------------------------------------------- */

static void exec_or_die(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "stress: SQL: %s\n%s\n", msg, sql);
		exit(1);
	}
}

static int verify(const char *path, const char *file)
{
	FILE *f = fopen(file, "r");
	sqlite3 *db;
	sqlite3_stmt *ins, *st;
	char line[256];
	long acks = 0, lineno = 0, bad = 0, records, n;

	if (f == NULL) {
		perror(file);
		return 1;
	}
	db = open_plain(path);
	/* The saves of the counters as audited, indexed in a temporary table
	 * (the file itself is only read). */
	exec_or_die(db, "CREATE TEMP TABLE ack(id INTEGER, value INTEGER);"
		    "CREATE TEMP TABLE saved AS SELECT record_id AS id, action,"
		    " CAST(after AS INTEGER) AS value FROM audit WHERE tbl = 'person' AND field = 'notes';"
		    "CREATE INDEX temp.saved_id ON saved(id, value);"
		    "BEGIN");
	if (sqlite3_prepare_v2(db, "INSERT INTO ack VALUES (?, ?)", -1, &ins, NULL) != SQLITE_OK)
		exit(1);
	while (fgets(line, sizeof line, f)) {
		long long id, value;
		char end;
		lineno++;
		/* A writer killed inside write() may leave a torn prefix (its
		 * ack was never whole, so never given); another writer's ack
		 * appended after it on the same line still counts. */
		const char *p = line, *q;
		while ((q = strstr(p + 1, "ack ")) != NULL)
			p = q;
		if (sscanf(p, "ack %lld %lld%c", &id, &value, &end) != 3 || end != '\n') {
			printf("VIOLATION: %s:%ld: not an acknowledgement: %s", file, lineno, line);
			bad++;
			continue;
		}
		acks++;
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_int64(ins, 2, value);
		sqlite3_step(ins);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	fclose(f);
	exec_or_die(db, "COMMIT");

	/* Each acknowledged save is there: its audit row, and the counter
	 * not below the value. */
	if (sqlite3_prepare_v2(db, "SELECT k.id, k.value FROM ack k WHERE NOT EXISTS"
			       " (SELECT 1 FROM saved s WHERE s.id = k.id AND s.value = k.value)"
			       " OR coalesce((SELECT CAST(notes AS INTEGER) FROM person WHERE id = k.id), -1)"
			       " < k.value", -1, &st, NULL) != SQLITE_OK)
		exit(1);
	n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n++ < 20)
			printf("VIOLATION: acknowledged save lost: person %lld, value %lld\n",
			       (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	if (n) {
		printf("VIOLATION: %ld acknowledged saves lost\n", n);
		bad++;
	}
	/* Every record made here is whole: each counter value saved once, as
	 * many versions as audited updates, and the counter saw each of them. */
	records = (long)qint(db, "SELECT count(*) FROM person WHERE external_id LIKE 'stress-%'", 0, 0, 0);
	n = (long)qint(db, "SELECT count(*) FROM (SELECT s.id FROM saved s JOIN person p ON p.id = s.id"
		       " WHERE p.external_id LIKE 'stress-%' GROUP BY s.id, s.value HAVING count(*) > 1)",
		       0, 0, -1);
	if (n) {
		printf("VIOLATION: %ld counter values saved twice (a lost update)\n", n);
		bad++;
	}
	n = (long)qint(db, "SELECT count(*) FROM person p LEFT JOIN (SELECT id, count(*) AS n FROM saved"
		       " WHERE action = 'update' GROUP BY id) u ON u.id = p.id"
		       " WHERE p.external_id LIKE 'stress-%' AND (CAST(p.notes AS INTEGER) != p.version - 1"
		       " OR p.version - 1 != coalesce(u.n, 0))", 0, 0, -1);
	if (n) {
		printf("VIOLATION: %ld records whose counter, version and audit disagree\n", n);
		bad++;
	}
	sqlite3_close(db);
	printf("verify: %ld acknowledged saves checked, %ld records checked: %s\n", acks, records,
	       bad ? "FAILED" : "ok");
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *cmd, *path;
	long procs = 20, saves = 200, id = 0, pad = 0, cut_after = 0, cut_seed = 1, every = 100, limit = 2000;
	const char *until = NULL;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	notes_i = model_field_index(&model_person, "notes");
	if (argc < 3)
		usage();
	cmd = argv[1];
	path = argv[2];
	if (strcmp(cmd, "verify") == 0) {
		if (argc != 4)
			usage();
		return verify(path, argv[3]);
	}
	if (strcmp(cmd, "writer") == 0)
		saves = 0;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--procs") == 0 && i + 1 < argc)
			procs = num_arg(argv[++i], 1, MAX_PROCS);
		else if (strcmp(argv[i], "--saves") == 0 && i + 1 < argc)
			saves = num_arg(argv[++i], 0, 1000000);
		else if (strcmp(argv[i], "--pad") == 0 && i + 1 < argc)
			pad = num_arg(argv[++i], 0, 100000);
		else if (strcmp(argv[i], "--id") == 0 && i + 1 < argc)
			id = num_arg(argv[++i], 1, 0x7fffffffL);
		else if (strcmp(argv[i], "--every") == 0 && i + 1 < argc)
			every = num_arg(argv[++i], 1, 60000);
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
			limit = num_arg(argv[++i], 1, 600000);
		else if (strcmp(argv[i], "--until") == 0 && i + 1 < argc)
			until = argv[++i];
		else if (strcmp(argv[i], "--sync-normal") == 0)
			sync_normal = true;
		else if (strcmp(argv[i], "--powercut") == 0 && i + 2 < argc) {
			cut_after = num_arg(argv[++i], 1, 10000000);
			cut_seed = num_arg(argv[++i], 1, 0x7fffffffL);
		}
		else
			usage();
	}
	if (strcmp(cmd, "hammer") == 0)
		return hammer(path, (int)procs, (int)saves);
	if (strcmp(cmd, "pace") == 0) {
		if (until == NULL)
			usage();
		return pace(path, every, limit, until);
	}
	if (strcmp(cmd, "writer") == 0) {
		if (cut_after && powercut_install(cut_after, (unsigned)cut_seed) != 0) {
			fprintf(stderr, "stress: the power-cut VFS would not install\n");
			return 2;
		}
		return writer(path, saves, id, (int)pad);
	}
	usage();
}
