/* Shared by the import harnesses (fuzz_csv, fuzz_xlsx): one in-memory
 * store holding a small demo region, so that references to organisations
 * and persons resolve, the default configuration, /dev/null for reports,
 * and the actor the imports run as. Included by one harness per program:
 * the definitions are static and LLVMFuzzerInitialize is the harness's. */
#ifndef MARSHRUT_FUZZ_STORE_H
#define MARSHRUT_FUZZ_STORE_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "store/store.h"
#include "tests/fuzz/fuzz.h"

/* Teachers in the demo region: the smallest the generator makes. */
#define DEMO_TEACHERS 40

static struct store *store;
static struct config *cfg;
static FILE *devnull;
static const struct actor fuzz_actor = { 0, "fuzz", "fuzz" };

static void fuzz_store_cleanup(void)
{
	store_close(store);
	config_free(cfg);
	if (devnull)
		fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];

	(void)argc;
	(void)argv;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	cfg = config_defaults();
	/* ":memory:" without create: store_open() makes no file for it. */
	store = store_open(":memory:", false, err, sizeof err);
	if (store == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		abort();
	}
	if (store_demo_fill(store, DEMO_TEACHERS, err, sizeof err) != ST_OK) {
		fprintf(stderr, "store_demo_fill: %s\n", err);
		abort();
	}
	devnull = fopen("/dev/null", "w");
	if (devnull == NULL)
		abort();
	atexit(fuzz_store_cleanup);
	return 0;
}

#endif
