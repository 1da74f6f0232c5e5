/* A power cut, simulated in the manner of SQLite's own crash tests
 * (test6.c): a VFS shim over the default one that passes everything
 * through — shared memory included — and remembers, for each file, the
 * writes made since its last sync (with the bytes they covered). At the
 * chosen operation it "loses power": each unsynced write is undone or kept
 * at random (a kept one may also be torn at a 512-byte sector), and the
 * process ends at once, as the machine would. The caller then "reboots":
 * removes the -shm file, which a reboot leaves stale or absent.
 *
 * Only for tests (tests/stress/stress.c writer --powercut). */
#include "powercut.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pending {
	struct pc_file *file;
	sqlite3_int64 off;
	int len;
	sqlite3_int64 old_size;   /* the file's size before the write */
	unsigned char *old;       /* the bytes it covered (up to old_size) */
	int old_len;
	struct pending *next;
};

struct pc_file {
	sqlite3_file base;        /* must be first */
	sqlite3_file *real;       /* the default VFS's file, allocated after us */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim;
static struct pending *pending;   /* newest first */
static long ops_left;             /* operations until the cut */
static unsigned rng;

static unsigned next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 16) & 0x7fff;
}

static void forget(struct pc_file *f)
{
	struct pending **pp = &pending;

	while (*pp) {
		struct pending *p = *pp;
		if (p->file == f) {
			*pp = p->next;
			free(p->old);
			free(p);
		} else {
			pp = &p->next;
		}
	}
}

/* Power is lost: newest first, each unsynced write is undone, kept, or
 * kept torn (its first sectors only); then the process ends. */
static void cut(void)
{
	for (struct pending *p = pending; p; p = p->next) {
		sqlite3_file *r = p->file->real;
		unsigned how = next_rand() % 3;
		int keep = 0;

		if (how == 1)
			continue;                           /* kept whole */
		if (how == 2 && p->len > 512)
			keep = 512 * (int)(next_rand() % (unsigned)(p->len / 512));   /* torn */
		if (p->old_len > keep)
			r->pMethods->xWrite(r, p->old + keep, p->old_len - keep, p->off + keep);
		if (p->off + p->len > p->old_size && p->off + keep <= p->old_size)
			r->pMethods->xTruncate(r, p->old_size > p->off + keep ? p->old_size : p->off + keep);
	}
	_exit(0);
}

static void tick(void)
{
	if (ops_left > 0 && --ops_left == 0)
		cut();
}

static int pc_close(sqlite3_file *f)
{
	struct pc_file *p = (struct pc_file *)f;
	int rc;

	forget(p);
	rc = p->real->pMethods->xClose(p->real);
	return rc;
}

static int pc_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xRead(p->real, buf, n, off);
}

static int pc_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	struct pc_file *p = (struct pc_file *)f;
	struct pending *w;
	sqlite3_int64 size = 0;

	tick();
	p->real->pMethods->xFileSize(p->real, &size);
	w = calloc(1, sizeof *w);
	if (w == NULL)
		return SQLITE_NOMEM;
	w->file = p;
	w->off = off;
	w->len = n;
	w->old_size = size;
	if (off < size) {
		w->old_len = (int)(size - off < n ? size - off : n);
		w->old = malloc((size_t)w->old_len);
		if (w->old == NULL) {
			free(w);
			return SQLITE_NOMEM;
		}
		p->real->pMethods->xRead(p->real, w->old, w->old_len, off);
	}
	w->next = pending;
	pending = w;
	return p->real->pMethods->xWrite(p->real, buf, n, off);
}

static int pc_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct pc_file *p = (struct pc_file *)f;

	tick();
	return p->real->pMethods->xTruncate(p->real, size);
}

static int pc_sync(sqlite3_file *f, int flags)
{
	struct pc_file *p = (struct pc_file *)f;
	int rc;

	tick();
	rc = p->real->pMethods->xSync(p->real, flags);
	if (rc == SQLITE_OK)
		forget(p);   /* on the platter now */
	return rc;
}

static int pc_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xFileSize(p->real, size);
}

static int pc_lock(sqlite3_file *f, int l)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xLock(p->real, l);
}

static int pc_unlock(sqlite3_file *f, int l)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xUnlock(p->real, l);
}

static int pc_check_lock(sqlite3_file *f, int *out)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xCheckReservedLock(p->real, out);
}

static int pc_control(sqlite3_file *f, int op, void *arg)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xFileControl(p->real, op, arg);
}

static int pc_sector(sqlite3_file *f)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xSectorSize(p->real);
}

static int pc_caps(sqlite3_file *f)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xDeviceCharacteristics(p->real);
}

static int pc_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xShmMap(p->real, pg, sz, extend, pp);
}

static int pc_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xShmLock(p->real, off, n, flags);
}

static void pc_shm_barrier(sqlite3_file *f)
{
	struct pc_file *p = (struct pc_file *)f;
	p->real->pMethods->xShmBarrier(p->real);
}

static int pc_shm_unmap(sqlite3_file *f, int del)
{
	struct pc_file *p = (struct pc_file *)f;
	return p->real->pMethods->xShmUnmap(p->real, del);
}

static const sqlite3_io_methods pc_methods = {
	2, pc_close, pc_read, pc_write, pc_truncate, pc_sync, pc_size, pc_lock, pc_unlock,
	pc_check_lock, pc_control, pc_sector, pc_caps, pc_shm_map, pc_shm_lock, pc_shm_barrier,
	pc_shm_unmap, NULL, NULL,
};

static int pc_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct pc_file *p = (struct pc_file *)f;
	int rc;

	(void)vfs;
	p->real = (sqlite3_file *)(p + 1);
	rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
	p->base.pMethods = rc == SQLITE_OK && p->real->pMethods ? &pc_methods : NULL;
	return rc;
}

static int pc_delete(sqlite3_vfs *v, const char *n, int sync)
{
	(void)v;
	tick();
	return real_vfs->xDelete(real_vfs, n, sync);
}

static int pc_access(sqlite3_vfs *v, const char *n, int flags, int *out)
{
	(void)v;
	return real_vfs->xAccess(real_vfs, n, flags, out);
}

static int pc_full(sqlite3_vfs *v, const char *n, int len, char *out)
{
	(void)v;
	return real_vfs->xFullPathname(real_vfs, n, len, out);
}

static int pc_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int pc_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real_vfs->xSleep(real_vfs, us);
}

static int pc_time(sqlite3_vfs *v, double *t)
{
	(void)v;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int pc_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static void *pc_dlopen(sqlite3_vfs *v, const char *n)
{
	(void)v;
	return real_vfs->xDlOpen(real_vfs, n);
}

static void pc_dlerror(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	real_vfs->xDlError(real_vfs, n, out);
}

static void (*pc_dlsym(sqlite3_vfs *v, void *h, const char *n))(void)
{
	(void)v;
	return real_vfs->xDlSym(real_vfs, h, n);
}

static void pc_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	real_vfs->xDlClose(real_vfs, h);
}

static int pc_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
	(void)v;
	return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

int powercut_install(long after_ops, unsigned seed)
{
	real_vfs = sqlite3_vfs_find(NULL);
	if (real_vfs == NULL)
		return -1;
	memset(&shim, 0, sizeof shim);
	shim.iVersion = 2;
	shim.szOsFile = (int)sizeof(struct pc_file) + real_vfs->szOsFile;
	shim.mxPathname = real_vfs->mxPathname;
	shim.zName = "powercut";
	shim.xOpen = pc_open;
	shim.xDelete = pc_delete;
	shim.xAccess = pc_access;
	shim.xFullPathname = pc_full;
	shim.xDlOpen = pc_dlopen;
	shim.xDlError = pc_dlerror;
	shim.xDlSym = pc_dlsym;
	shim.xDlClose = pc_dlclose;
	shim.xRandomness = pc_random;
	shim.xSleep = pc_sleep;
	shim.xCurrentTime = pc_time;
	shim.xGetLastError = pc_last_error;
	shim.xCurrentTimeInt64 = pc_time64;
	ops_left = after_ops;
	rng = seed ? seed : 1;
	return sqlite3_vfs_register(&shim, 1) == SQLITE_OK ? 0 : -1;
}
