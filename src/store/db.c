/* Connection, statement cache, transactions, migrations, maintenance.
 * Model: fossil's src/db.c — prepared statements cached by their text, one
 * helper per common shape, write transactions begun IMMEDIATE. */
#include "errtext.h"
#include "store.h"
#include "store_int.h"
#include "schema.h"
#include "util.h"
#include "store/sites.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000

/* Another writer holds the file. Instead of SQLite's fixed schedule every
 * waiter sleeps a short random time (0.2–2 ms at first, then up to 10 ms),
 * so writers that woke together do not collide again; after
 * BUSY_TIMEOUT_MS in all the statement fails with SQLITE_BUSY and the
 * caller says so (the form stays open). */
static int busy_wait(void *ctx, int n)
{
	struct store *s = ctx;
	long us;

	if (s->no_wait)
		return 0;
	if (n == 0)
		s->waited_us = 0;
	if (s->waited_us >= s->busy_limit_us)
		return 0;
	us = 200 + (long)(rand_r(&s->seed) % (n < 8 ? 1800u : 9800u));
	s->waited_us += us;
	usleep((useconds_t)us);
	return 1;
}

static int store_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if ((rc & 0xff) == SQLITE_BUSY) {
		sqlite3_free(msg);
		store_set_constraint_error(s, rc);
		return ST_ERROR;
	}
	if (rc != SQLITE_OK) {
		store_set_error(s, msg ? errtext_db(s->db) : errtext_sqlite(rc));
		sqlite3_free(msg);
		return ST_ERROR;
	}
	return ST_OK;
}

void store_set_error(struct store *s, const char *msg)
{
	strlcpy0(s->err, msg, sizeof s->err);
}

const char *store_errmsg(struct store *s)
{
	return s->err;
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql)
{
	struct cached *c;
	int rc;

	for (c = s->cache; c; c = c->next) {
		if (c->sql == sql || strcmp(c->sql, sql) == 0) {
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			return c->stmt;
		}
	}
	c = xcalloc(1, sizeof *c);
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt, NULL);
	if (rc != SQLITE_OK)
		fatal("SQL: %s\n%s", errtext_db(s->db), sql);
	c->sql = xstrdup(sql);
	c->next = s->cache;
	s->cache = c;
	return c->stmt;
}

int store_step_done(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return ST_OK;
	store_set_constraint_error(s, rc);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return ST_CONSTRAINT;
	return ST_ERROR;
}

/* Constraint failures in the user's words, with SQLite's detail (the
 * table.column it names) kept after a dash. */
void store_set_constraint_error(struct store *s, int rc)
{
	const char *detail = sqlite3_errmsg(s->db);
	const char *colon = strstr(detail, "failed: ");

	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		if (colon)
			snprintf(s->err, sizeof s->err, "%s — %s", errtext_sqlite(rc), colon + 8);
		else
			store_set_error(s, errtext_sqlite(rc));
		return;
	default:
		/* Busy beyond the bound of busy_wait: never SQLite's "locked". */
		store_set_error(s, (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
			? "база занята другими пользователями дольше 5 секунд: ничего не записано, "
			  "повторите сохранение" : errtext_db(s->db));
		return;
	}
}

int64_t store_int(struct store *s, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	va_list ap;
	int64_t v = 0;

	va_start(ap, fmt);
	store_bindv(st, fmt, ap);
	va_end(ap);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

char *store_text(struct store *s, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	va_list ap;
	char *v = NULL;

	va_start(ap, fmt);
	store_bindv(st, fmt, ap);
	va_end(ap);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return v;
}

int store_run(struct store *s, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	va_list ap;

	va_start(ap, fmt);
	store_bindv(st, fmt, ap);
	va_end(ap);
	return store_step_done(s, st);
}

/* Bind by a format: i = int64, t = text (NULL binds NULL), z = text where ""
 * binds NULL. Parameters are numbered from 1 in order. */
void store_bindv(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int i = 1;
	for (; fmt && *fmt; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 't': {
			const char *t = va_arg(ap, const char *);
			if (t)
				sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, i);
			break;
		}
		case 'z': {
			const char *t = va_arg(ap, const char *);
			if (t && *t)
				sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, i);
			break;
		}
		default:
			fatal("store_bindv: bad format %c", *fmt);
		}
	}
}

/* A write transaction, IMMEDIATE; inside one (an import writing many
 * records, each through its own save path) a savepoint, so that a record
 * that fails is undone alone and the outer transaction decides. */
int store_begin(struct store *s)
{
	if (s->depth > 0) {
		if (!s->flat && store_exec(s, "SAVEPOINT nested") != ST_OK)
			return ST_ERROR;
		s->depth++;
		return ST_OK;
	}
	if (store_exec(s, "BEGIN IMMEDIATE") != ST_OK)
		return ST_ERROR;
	s->depth = 1;
	return ST_OK;
}

int store_commit(struct store *s)
{
	int rc = s->depth > 1 && s->flat ? ST_OK : store_exec(s, s->depth > 1 ? "RELEASE nested" : "COMMIT");
	if (rc != ST_OK) {
		store_rollback(s);
		return rc;
	}
	if (--s->depth < 0)
		s->depth = 0;
	return ST_OK;
}

void store_rollback(struct store *s)
{
	if (s->depth > 1) {
		if (!s->flat) {
			sqlite3_exec(s->db, "ROLLBACK TO nested", NULL, NULL, NULL);
			sqlite3_exec(s->db, "RELEASE nested", NULL, NULL, NULL);
		}
		s->depth--;
		return;
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->depth = 0;
}

void store_set_session_memory(struct store *s)
{
	/* An interactive session reads a page of rows at a time: 256 KB of
	 * pages is plenty, and the server holds dozens of sessions (issue 18:
	 * 512 KB cost 270 KB more of each session's peak, and no key, search
	 * or task was faster for it at 600 or 30 000 teachers). */
	store_exec(s, "PRAGMA cache_size = -256");
}

void store_set_bulk_memory(struct store *s)
{
	/* A bulk load (init --demo) is one long transaction whose savepoints
	 * (store_begin nested) keep a statement journal: in a temporary file
	 * it costs two write calls per page every statement first touches —
	 * 1.8 million at 10 000 teachers, more per teacher the larger the
	 * file. In memory instead, with the pages themselves: up to 1 GB of
	 * cache, taken only as the file grows (the 100 000's file is 580 MB:
	 * 256 MB no longer held it). */
	store_exec(s, "PRAGMA temp_store = MEMORY");
	store_exec(s, "PRAGMA cache_size = -1048576");
	/* A new file being filled: no WAL (every page would be written twice,
	 * to the log and again at the checkpoint) and no sync until the load
	 * is over (store_bulk_end). The rollback journal is kept in memory,
	 * so a load that fails still rolls back; one cut short by a crash
	 * leaves a file to be made again, as an unfinished demo is anyway. */
	store_exec(s, "PRAGMA journal_mode = MEMORY");
	store_exec(s, "PRAGMA synchronous = OFF");
	s->bulk = true;
}

void store_bulk_end(struct store *s)
{
	if (!s->bulk)
		return;
	/* FULL first: the switch back to WAL syncs what the load wrote. */
	store_exec(s, "PRAGMA synchronous = FULL");
	store_exec(s, "PRAGMA journal_mode = WAL");
	s->bulk = false;
}

void store_bulk_unchecked(struct store *s, bool unchecked)
{
	/* The demo's generator, in a bulk load only (outside a transaction:
	 * foreign_keys cannot change inside one): no CHECK constraint and no
	 * foreign key looked at for each of its million rows. A CHECK of the
	 * form x IN ('a', 'b', 'c') alone makes SQLite build and drop a
	 * temporary b-tree per row written (a third of the 100 000's build).
	 * What it writes is the same: test_demo runs the same generator with
	 * every check on. Both pragmas expire the prepared statements, so the
	 * cached ones are compiled again with the checks after. */
	if (!s->bulk)
		return;
	store_exec(s, unchecked ? "PRAGMA ignore_check_constraints = ON" : "PRAGMA ignore_check_constraints = OFF");
	store_exec(s, unchecked ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
}

bool store_cache_begin(struct store *s)
{
	int rc;

	if (s->depth > 0 || !sqlite3_get_autocommit(s->db))
		return false;
	s->no_wait = true;
	rc = store_exec(s, "BEGIN IMMEDIATE");
	s->no_wait = false;
	if (rc != ST_OK)
		return false;
	s->depth = 1;
	return true;
}

int store_end(struct store *s, int rc)
{
	if (rc == ST_OK)
		return store_commit(s);
	store_rollback(s);
	return rc;
}

int store_schema_version(struct store *s)
{
	return (int)store_int(s, "PRAGMA user_version", NULL);
}

int store_latest_version(void)
{
	return schema_migrations[schema_nmigrations - 1].version;
}

int store_migrate(struct store *s, char *err, int errsz)
{
	int cur = store_schema_version(s);

	if (cur > store_latest_version()) {
		snprintf(err, errsz, "версия схемы базы (%d) новее программы (%d): обновите marshrut",
			 cur, store_latest_version());
		return ST_ERROR;
	}
	for (int i = 0; i < schema_nmigrations; i++) {
		const struct migration *m = &schema_migrations[i];
		char pragma[64];
		if (m->version <= cur)
			continue;
		int64_t broken_before;
		if (store_begin(s) != ST_OK) {
			snprintf(err, errsz, "миграция %d: %s", m->version, s->err);
			return ST_ERROR;
		}
		broken_before = store_int(s, "SELECT count(*) FROM pragma_foreign_key_check", NULL);
		if (store_exec(s, m->sql) != ST_OK) {
			snprintf(err, errsz, "миграция %d: %s", m->version, s->err);
			store_rollback(s);
			return ST_ERROR;
		}
		/* A step may not break references (a file already broken
		 * still upgrades, so that "check" can report it). */
		if (store_int(s, "SELECT count(*) FROM pragma_foreign_key_check", NULL) > broken_before) {
			snprintf(err, errsz, "миграция %d нарушила бы внешние ключи", m->version);
			store_rollback(s);
			return ST_ERROR;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
		if (store_exec(s, pragma) != ST_OK || store_commit(s) != ST_OK) {
			snprintf(err, errsz, "миграция %d: %s", m->version, s->err);
			store_rollback(s);
			return ST_ERROR;
		}
	}
	return ST_OK;
}

struct store *store_open(const char *path, bool create, char *err, int errsz)
{
	struct store *s = xcalloc(1, sizeof *s);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	int rc;

	/* A statement's undo pages stay in memory up to 120 KB before they go
	 * to a temporary file (SQLite's default is 64 KB): a save that adds a
	 * record touches that much with its audit rows and indexes, and an
	 * import's batch makes hundreds of them. Not more: the spill writes the
	 * kept chunk in one call, and the unix VFS writes at most 128 KB in one
	 * (seekAndWriteFd masks the length with 0x1ffff), so a larger chunk is
	 * cut short and a statement that spills — an UPDATE of a whole region —
	 * fails with SQLITE_FULL. Only before SQLite starts. */
	(void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 120 << 10);
	/* One thread, whose connections are its own: no mutex around each
	 * call into SQLite, and no count of SQLite's memory (a lock on every
	 * allocation) that nothing reads. Some 5 % of init --demo's work. */
	(void)sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (create) {
		/* The file is created by us with a mode that keeps it private to
		 * its group (0660); SQLite would create it 0644. */
		int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0660);
		if (fd >= 0)
			close(fd);
	}
	rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "%s: не удаётся открыть базу: %s", path,
			 s->db ? errtext_db(s->db) : errtext_sqlite(rc));
		sqlite3_close(s->db);
		free(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	store_register_functions(s->db);
	s->seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	s->busy_limit_us = BUSY_TIMEOUT_MS * 1000L;
	sqlite3_busy_handler(s->db, busy_wait, s);
	/* A file from a newer program is refused before anything touches it. */
	if (store_schema_version(s) > store_latest_version()) {
		snprintf(err, errsz, "%s: версия схемы базы (%d) новее программы (%d): обновите marshrut",
			 path, store_schema_version(s), store_latest_version());
		store_close(s);
		return NULL;
	}
	if (store_exec(s, "PRAGMA foreign_keys = ON") != ST_OK ||
	    store_exec(s, "PRAGMA journal_mode = WAL") != ST_OK ||
	    /* FULL: a commit is on the disk before the user is told it is
	     * saved — in WAL mode NORMAL may lose the last commits to a power
	     * cut (tests/term/powerloss.sh). */
	    store_exec(s, "PRAGMA synchronous = FULL") != ST_OK ||
	    /* After a burst of writes (an import) the WAL file is cut back to
	     * 8 MB at the next checkpoint instead of staying at its peak. */
	    store_exec(s, "PRAGMA journal_size_limit = 8388608") != ST_OK) {
		snprintf(err, errsz, "%s: %s", path, s->err);
		store_close(s);
		return NULL;
	}
	if (store_migrate(s, err, errsz) != ST_OK) {
		store_close(s);
		return NULL;
	}
	/* A file from before the journal's chain: its rows are chained now,
	 * once (two lookups on every later open). */
	if (store_chain_catch_up(s) != ST_OK) {
		snprintf(err, errsz, "%s: журнал изменений: %s", path, s->err);
		store_close(s);
		return NULL;
	}
	s->data_version = store_int(s, "PRAGMA data_version", NULL);
	/* The owners of tables saved through the generic path watch it. */
	store_iom_register_hooks(s);
	store_sites_register_hooks(s);
	return s;
}

static void store_optimize(struct store *s);

void store_close(struct store *s)
{
	struct cached *c, *n;

	if (s == NULL)
		return;
	/* Keeps the planner's statistics fresh (store_optimize). */
	if (s->depth == 0 && !s->analyzed)
		store_optimize(s);
	for (c = s->cache; c; c = n) {
		n = c->next;
		sqlite3_finalize(c->stmt);
		free(c->sql);
		free(c);
	}
	sqlite3_close(s->db);
	free(s->orgs_memo.rows);
	free(s->ped_memo.row);
	free(s->ped_memo.slots);
	for (size_t i = 0; i < NITEMS(s->each_memo); i++)
		free(s->each_memo[i].mark);
	free(s->count_memo.key);
	free(s->plan_memo.drive);
	sqlite3_free(s->import_fk.sql);
	free(s);
}

bool store_changed(struct store *s)
{
	int64_t v = store_int(s, "PRAGMA data_version", NULL);
	bool changed = v != s->data_version;
	s->data_version = v;
	return changed;
}

char *store_meta_get(struct store *s, const char *key)
{
	return store_text(s, "SELECT value FROM meta WHERE key = ?", "t", key);
}

int store_meta_set(struct store *s, const char *key, const char *value)
{
	return store_run(s, "INSERT INTO meta(key, value) VALUES (?, ?) "
			 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", "tt", key, value);
}

bool store_is_demo(struct store *s)
{
	char *v = store_meta_get(s, "demo");
	bool demo = v && strcmp(v, "1") == 0;
	free(v);
	return demo;
}

bool store_is_empty(struct store *s)
{
	return store_int(s, "SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM organisation)"
			 " + (SELECT count(*) FROM app_user)", NULL) == 0;
}

static void append_line(char **report, const char *line)
{
	char *old = *report;
	*report = xasprintf("%s%s\n", old ? old : "", line);
	free(old);
}

int store_check(struct store *s, char **report)
{
	sqlite3_stmt *st;
	int bad = 0;
	char line[512];

	*report = NULL;
	st = store_prepare(s, "PRAGMA integrity_check");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(r, "ok") != 0) {
			snprintf(line, sizeof line, "целостность: %s", r);
			append_line(report, line);
			bad = 1;
		}
	}
	sqlite3_reset(st);
	st = store_prepare(s, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(line, sizeof line, "внешний ключ: %s, строка %lld ссылается на несуществующую %s",
			 (const char *)sqlite3_column_text(st, 0),
			 (long long)sqlite3_column_int64(st, 1),
			 (const char *)sqlite3_column_text(st, 2));
		append_line(report, line);
		bad = 1;
	}
	sqlite3_reset(st);
	if (store_schema_version(s) != store_latest_version()) {
		snprintf(line, sizeof line, "версия схемы %d, ожидается %d",
			 store_schema_version(s), store_latest_version());
		append_line(report, line);
		bad = 1;
	}
	{
		struct chain_report cr;
		if (store_chain_verify(s, &cr) != ST_OK) {
			snprintf(line, sizeof line, "журнал изменений: цепочка нарушена на записи № %lld: %s",
				 (long long)cr.bad_id, cr.why);
			bad = 1;
		} else {
			snprintf(line, sizeof line, "журнал изменений: записей %lld, цепочка цела;"
				 " последняя № %lld, хеш %.16s…", (long long)cr.rows, (long long)cr.head_id, cr.head);
		}
		append_line(report, line);
	}
	snprintf(line, sizeof line, "схема: версия %d; %s", store_schema_version(s),
		 bad ? "есть ошибки" : "база исправна");
	append_line(report, line);
	return bad ? ST_ERROR : ST_OK;
}

/* Where a backup may go: never into the data directory (the one holding
 * the database) or below it, and never under a name of the database's own
 * -journal, -wal or -shm files: SQLite would take such a file for the
 * database's journal and the service would stop for everyone. The
 * directory part of `path` is resolved (symbolic links included); on
 * success `out` holds the resolved path to create, so that what was
 * checked is what is written. */
static int backup_target(struct store *s, const char *path, char *out, size_t outsz, char *err,
			 int errsz)
{
	const char *db = sqlite3_db_filename(s->db, "main");
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dbslash, *dbbase;
	char *dir, *tdir = NULL, *ddir = NULL;
	size_t dl;
	int rc = ST_ERROR;

	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		snprintf(err, errsz, "%s: нужно имя нового файла", path);
		return ST_ERROR;
	}
	if (db == NULL || *db == '\0' || (dbslash = strrchr(db, '/')) == NULL) {
		snprintf(err, errsz, "%s: не удаётся определить папку данных базы", path);
		return ST_ERROR;
	}
	dbbase = dbslash + 1;
	for (const char *const *sfx = (const char *const[]){ "-journal", "-wal", "-shm", NULL }; *sfx;
	     sfx++) {
		size_t bl = strlen(dbbase);
		if (strncmp(base, dbbase, bl) == 0 && strcmp(base + bl, *sfx) == 0) {
			snprintf(err, errsz, "%s: так называется служебный файл базы (%s): копия под этим "
				 "именем остановила бы работу всех; выберите другое имя", path, *sfx);
			return ST_ERROR;
		}
	}
	dir = slash ? xasprintf("%.*s", (int)(slash - path), path) : xstrdup(".");
	tdir = realpath(*dir ? dir : "/", NULL);
	free(dir);
	if (tdir == NULL) {
		snprintf(err, errsz, "%s: папка копии: %s", path, errtext_errno(errno));
		return ST_ERROR;
	}
	dir = xasprintf("%.*s", (int)(dbslash - db), db);
	ddir = realpath(*dir ? dir : "/", NULL);
	free(dir);
	if (ddir == NULL) {
		snprintf(err, errsz, "%s: папка данных базы: %s", path, errtext_errno(errno));
		goto out;
	}
	dl = strlen(ddir);
	if (strcmp(ddir, "/") == 0 ||
	    (strncmp(tdir, ddir, dl) == 0 && (tdir[dl] == '\0' || tdir[dl] == '/'))) {
		snprintf(err, errsz, "%s: копия не кладётся в папку данных %s, где лежит сама база: "
			 "выберите другую папку (например, /var/backups/marshrut)", path, ddir);
		goto out;
	}
	if ((size_t)snprintf(out, outsz, "%s/%s", strcmp(tdir, "/") ? tdir : "", base) >= outsz) {
		snprintf(err, errsz, "%s: слишком длинный путь", path);
		goto out;
	}
	rc = ST_OK;
out:
	free(tdir);
	free(ddir);
	return rc;
}

/* One consistent pass: a single backup step over the whole file holds one
 * read transaction from the first page to the last, so writers go on (WAL)
 * and nothing makes it start over — in steps of a few pages, any write
 * between two steps restarted the copy, and under steady writes it never
 * finished while the WAL grew without bound. Afterwards the WAL is
 * checkpointed. With verify, the copy is opened afresh and checked. */
int store_backup(struct store *s, const char *path, bool verify, char *err, int errsz)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	char target[4096];
	int fd, rc;

	if (backup_target(s, path, target, sizeof target, err, errsz) != ST_OK)
		return ST_ERROR;
	fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(err, errsz, "%s: %s", path, errno == EEXIST ? "файл уже существует" : errtext_errno(errno));
		return ST_ERROR;
	}
	close(fd);
	rc = sqlite3_open_v2(target, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", s->db, "main");
		if (b) {
			do {
				rc = sqlite3_backup_step(b, -1);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(50);
			} while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
			sqlite3_backup_finish(b);
		}
		rc = sqlite3_errcode(dst);
	}
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		snprintf(err, errsz, "%s: %s", path, errtext_db(dst));
		sqlite3_close(dst);
		unlink(target);
		return ST_ERROR;
	}
	sqlite3_close(dst);
	chmod(target, 0600);
	/* What the writers added meanwhile goes into the file now; the WAL is
	 * cut back to journal_size_limit once the checkpoint has reset it. */
	sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (verify)
		return store_verify_copy(target, path, err, errsz);
	return ST_OK;
}

int store_verify_copy(const char *target, const char *shown, char *err, int errsz)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(target, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
	bool ok = false;

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		ok = r && strcmp(r, "ok") == 0;
		if (!ok)
			snprintf(err, errsz, "%s: копия повреждена: %s", shown, r ? r : "?");
	} else {
		snprintf(err, errsz, "%s: копию не удаётся проверить: %s", shown, errtext_db(db));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok ? ST_OK : ST_ERROR;
}

/* An index no row is in yet (a partial one: tutors, pairs, results due,
 * ...) is left without statistics by ANALYZE, and PRAGMA optimize
 * analyzes again every table that has such an index and was read: every
 * session's close did it for those it read of iom, diagnostic, person_due,
 * course and participation (71-77 ms a close at 30 000 teachers, about
 * 0.6 s at 100 000, holding the write lock), to the same figures. Right after a table is analyzed such an index is recorded as
 * what it then is, empty (SQLite's own rule — a table 25 times larger than
 * analyzed — analyzes it again once it fills). table: that one, or NULL
 * for every table (after a whole ANALYZE). */
static void stats_for_empty_indexes(struct store *s, const char *table)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, "INSERT INTO sqlite_stat1 (tbl, idx, stat)"
			       " SELECT c.tbl, c.idx, '0' FROM (SELECT m.name AS tbl,"
			       /* a WITHOUT ROWID table's key is the table, under its name */
			       "  CASE WHEN i.origin = 'pk' AND NOT EXISTS (SELECT 1 FROM sqlite_schema x"
			       "  WHERE x.name = i.name) THEN m.name ELSE i.name END AS idx"
			       "  FROM sqlite_schema m, pragma_index_list(m.name) i"
			       "  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND (?1 IS NULL OR m.name = ?1)) c"
			       " WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 t WHERE t.tbl = c.tbl AND t.idx = c.idx)",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	if (table)
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	sqlite3_exec(s->db, "ANALYZE sqlite_schema", NULL, NULL, NULL);   /* the planner reads them again */
}

/* What PRAGMA optimize would do (SQLite's advice for every connection
 * that closes: the monitoring queries depend on the statistics), done,
 * with the empty indexes of each table it analyzed recorded. */
static void store_optimize(struct store *s)
{
	enum { MAX_TODO = 64 };
	char *todo[MAX_TODO];
	sqlite3_stmt *st;
	int n = 0;

	/* 3: list (1) what ANALYZE (2) would run, without running it. */
	if (sqlite3_prepare_v2(s->db, "PRAGMA optimize(3)", -1, &st, NULL) != SQLITE_OK)
		return;
	while (n < MAX_TODO && sqlite3_step(st) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(st, 0);
		if (sql)
			todo[n++] = xstrdup(sql);
	}
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++) {
		/* ANALYZE "main"."table": the table is the last quoted name. */
		char *end = strrchr(todo[i], '"'), *start = NULL;
		if (sqlite3_exec(s->db, todo[i], NULL, NULL, NULL) == SQLITE_OK && end && end > todo[i]) {
			*end = '\0';
			start = strrchr(todo[i], '"');
			if (start && strchr(start + 1, '"') == NULL)
				stats_for_empty_indexes(s, start + 1);
		}
		free(todo[i]);
	}
}

void store_analyze(struct store *s)
{
	/* Every table analyzed, and their empty indexes recorded: a session's
	 * close has nothing to analyze again (stats_for_empty_indexes). */
	s->analyzed = sqlite3_exec(s->db, "ANALYZE", NULL, NULL, NULL) == SQLITE_OK;
	if (s->analyzed)
		stats_for_empty_indexes(s, NULL);
}
