/* The .xlsx libraries, opened on first use (dynlib.h). */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set by the Makefile from the installed libraries; these are Debian 12's. */
#ifndef DYNLIB_SONAME_ZIP
#define DYNLIB_SONAME_ZIP "libzip.so.4"
#endif
#ifndef DYNLIB_SONAME_EXPAT
#define DYNLIB_SONAME_EXPAT "libexpat.so.1"
#endif
#ifndef DYNLIB_SONAME_XLSXWRITER
#define DYNLIB_SONAME_XLSXWRITER "libxlsxwriter.so.4"
#endif

struct sym {
	const char *name;
	size_t off;
};

#define READ_SYM(f) { #f, offsetof(struct dynlib_read, f) },
#define WRITE_SYM(f) { #f, offsetof(struct dynlib_write, f) },

static const struct sym read_syms[] = { DYNLIB_READ_FUNCS(READ_SYM) };
static const struct sym write_syms[] = { DYNLIB_WRITE_FUNCS(WRITE_SYM) };

/* libzip.so.4 -> libzip4: the Debian package of a library by its SONAME. */
static void package_of(const char *soname, char *out, size_t n)
{
	const char *so = strstr(soname, ".so");
	size_t k = 0;

	for (const char *p = soname; *p != '\0' && k + 1 < n; p++) {
		if (p == so) {
			p += so[3] == '.' ? 3 : 2;  /* ".so." or ".so" */
			continue;
		}
		out[k++] = *p;
	}
	if (n > 0)
		out[k] = '\0';
}

/* The overrides as the program was started with them: secure_start()
 * (secure.c) clears the environment before main's work begins, so they are
 * read before main. secure_getenv: nothing from the environment when
 * setgid. */
static const char *const env_names[] = { "MARSHRUT_LIBZIP", "MARSHRUT_LIBEXPAT", "MARSHRUT_LIBXLSXWRITER" };
static char env_saved[3][128];

__attribute__((constructor)) static void save_env(void)
{
	for (size_t i = 0; i < sizeof env_names / sizeof env_names[0]; i++) {
		const char *v = secure_getenv(env_names[i]);
		if (v != NULL && strlen(v) < sizeof env_saved[i])
			memcpy(env_saved[i], v, strlen(v) + 1);
	}
}

static const char *override(const char *env)
{
	for (size_t i = 0; i < sizeof env_names / sizeof env_names[0]; i++)
		if (strcmp(env, env_names[i]) == 0 && env_saved[i][0] != '\0')
			return env_saved[i];
	return secure_getenv(env);
}

static void *open_lib(const char *env, const char *soname, const char *what, char *err, size_t errsz)
{
	/* A name with a slash would load any file: only a name the loader
	 * searches in the system's directories. */
	const char *name = override(env);
	char pkg[128];
	void *h;

	if (name == NULL || name[0] == '\0' || strchr(name, '/') != NULL)
		name = soname;
	if ((h = dlopen(name, RTLD_NOW | RTLD_LOCAL)) != NULL)
		return h;
	package_of(name, pkg, sizeof pkg);
	{
		const char *why = dlerror();
		snprintf(err, errsz, "%s недоступно: не загружается библиотека %s — установите пакет %s "
			 "(загрузчик: %s)", what, name, pkg, why ? why : "причина неизвестна");
	}
	return NULL;
}

/* Fill the table from the handles: each name from the first that has it. */
static bool fill(void *table, const struct sym *syms, size_t n, void *const *h, size_t nh, const char *what,
		 char *err, size_t errsz)
{
	for (size_t i = 0; i < n; i++) {
		void *p = NULL;
		for (size_t j = 0; j < nh && p == NULL; j++)
			p = dlsym(h[j], syms[i].name);
		if (p == NULL) {
			snprintf(err, errsz, "%s недоступно: в установленной библиотеке нет функции %s "
				 "(версия не та, с которой собрана программа)", what, syms[i].name);
			return false;
		}
		/* POSIX: a function pointer converts to and from void *. */
		memcpy((char *)table + syms[i].off, &p, sizeof p);
	}
	return true;
}

const struct dynlib_read *dynlib_read(char *err, size_t errsz)
{
	static struct dynlib_read t;
	static bool loaded;
	const char *what = "чтение файлов .xlsx";
	void *h[2];

	if (loaded)
		return &t;
	if ((h[0] = open_lib("MARSHRUT_LIBZIP", DYNLIB_SONAME_ZIP, what, err, errsz)) == NULL)
		return NULL;
	if ((h[1] = open_lib("MARSHRUT_LIBEXPAT", DYNLIB_SONAME_EXPAT, what, err, errsz)) == NULL) {
		dlclose(h[0]);
		return NULL;
	}
	if (!fill(&t, read_syms, sizeof read_syms / sizeof read_syms[0], h, 2, what, err, errsz)) {
		dlclose(h[1]);
		dlclose(h[0]);
		memset(&t, 0, sizeof t);
		return NULL;
	}
	loaded = true;  /* the handles stay open for the process */
	return &t;
}

const struct dynlib_write *dynlib_write(char *err, size_t errsz)
{
	static struct dynlib_write t;
	static bool loaded;
	const char *what = "запись файлов .xlsx";
	void *h;

	if (loaded)
		return &t;
	if ((h = open_lib("MARSHRUT_LIBXLSXWRITER", DYNLIB_SONAME_XLSXWRITER, what, err, errsz)) == NULL)
		return NULL;
	if (!fill(&t, write_syms, sizeof write_syms / sizeof write_syms[0], &h, 1, what, err, errsz)) {
		dlclose(h);
		memset(&t, 0, sizeof t);
		return NULL;
	}
	loaded = true;
	return &t;
}
