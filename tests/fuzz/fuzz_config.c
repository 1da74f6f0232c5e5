/* libFuzzer harness for the libconfuse file loaders: the configuration
 * (src/config.c), the production calendar (src/date.c), the codifier and
 * the self-diagnosis statements (src/catalog.c) and the indicators
 * (src/indicators.c), all through conf_read()/conf_parse() (src/conftext.c).
 *
 * Input: one byte choosing the loader (its value modulo 5: 0 configuration,
 * 1 calendar, 2 codifier, 3 self-diagnosis, 4 indicators), then the file's
 * text. The loaders read a path: the text goes into one temporary file per
 * process, unlinked at once and reached as /proc/self/fd/N, so nothing is
 * left in /tmp even after a crash. What a loader accepts is checked against
 * its promises (abort() on a broken one). */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "config.h"
#include "date.h"
#include "indicators.h"
#include "route.h"
#include "text.h"
#include "tests/fuzz/fuzz.h"

static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char tmpl[] = "/tmp/marshrut-fuzz-conf-XXXXXX";

	(void)argc;
	(void)argv;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	fd = mkstemp(tmpl);
	if (fd < 0) {
		perror("mkstemp");
		abort();
	}
	unlink(tmpl);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	return 0;
}

static void put_file(const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("temporary file");
		abort();
	}
}

static void check_config(void)
{
	char err[512] = "";
	struct config *c = config_load(path, err, sizeof err);
	char *num;

	if (c == NULL) {
		CHECK(err[0] != '\0');
		return;
	}
	CHECK(c->database && c->calendar && c->codifier && c->selfcheck && c->indicators);
	CHECK(c->deficit_high_below >= 1 && c->deficit_high_below < c->deficit_medium_below &&
	      c->deficit_medium_below <= 100);
	CHECK(c->min_group_size >= 1 && c->name_chars >= 1 && c->text_chars >= 1);
	CHECK(c->iom_min_months >= 1 && c->iom_min_months <= c->iom_max_months);
	CHECK(route_check_number_format(c->iom_number_format) == NULL);
	/* An accepted format numbers every ИОМ of a four-digit year. */
	num = route_format_number(c->iom_number_format, 2026, 999999);
	CHECK(num != NULL && strlen(num) <= ROUTE_NUMBER_MAX);
	free(num);
	config_free(c);
}

static void check_calendar(void)
{
	char err[512] = "";
	struct calendar *c = calendar_load(path, err, sizeof err);
	int year, years = 0;

	if (c == NULL) {
		CHECK(err[0] != '\0');
		return;
	}
	for (year = 1900; year <= 2200; year++) {
		dayno jan1, dec31, d;
		int work;

		if (!calendar_has_year(c, year))
			continue;
		/* A few described years are enough to walk through. */
		if (++years > 3)
			break;
		jan1 = date_to_days(year, 1, 1);
		dec31 = date_to_days(year, 12, 31);
		work = calendar_workdays_between(c, jan1 - 1, dec31);
		CHECK(work >= 0 && work <= 366);
		CHECK(calendar_workdays_between(c, dec31, jan1 - 1) == -work);
		/* n working days after a day: exactly n between them. */
		d = calendar_add_workdays(c, jan1, 10);
		CHECK(d > jan1 && calendar_is_workday(c, d));
		CHECK(calendar_workdays_between(c, jan1, d) == 10);
		d = calendar_add_workdays(c, jan1, 0);
		CHECK(d >= jan1 && calendar_is_workday(c, d));
	}
	calendar_free(c);
}

static void check_codifier(void)
{
	char err[512] = "";
	struct codifier_entry *e;
	int n = catalog_read_codifier(path, &e, err, sizeof err);

	if (n < 0) {
		CHECK(err[0] != '\0' && e == NULL);
		return;
	}
	for (int i = 0; i < n; i++) {
		CHECK(e[i].code && *e[i].code && text_check(e[i].code, 32, 0) == NULL);
		CHECK(e[i].block && *e[i].block);
		CHECK(e[i].wording && *e[i].wording && text_check(e[i].wording, 2000, 0) == NULL);
	}
	catalog_free_codifier(e, n);
}

static void check_selfcheck(void)
{
	char err[512] = "";
	struct selfcheck_entry *e;
	int n = catalog_read_selfcheck(path, &e, err, sizeof err);

	if (n < 0) {
		CHECK(err[0] != '\0' && e == NULL);
		return;
	}
	for (int i = 0; i < n; i++) {
		CHECK(e[i].key && e[i].block && *e[i].block);
		CHECK(e[i].text && *e[i].text && text_check(e[i].text, 2000, 0) == NULL);
	}
	catalog_free_selfcheck(e, n);
}

static void check_indicators(void)
{
	char err[512] = "";
	struct indicator_entry *e;
	int n = indicators_read(path, &e, err, sizeof err);

	if (n < 0) {
		CHECK(err[0] != '\0' && e == NULL);
		return;
	}
	for (int i = 0; i < n; i++) {
		CHECK(e[i].code && e[i].name && e[i].unit && e[i].period && e[i].formula);
		CHECK(indicator_formula_find(e[i].formula) != NULL);
		CHECK(indicator_unit_parse(e[i].unit) >= 0);
		for (int j = 0; j < e[i].ntargets; j++) {
			CHECK(e[i].targets[j].year >= 2000 && e[i].targets[j].year <= 2100);
			CHECK(e[i].targets[j].value >= 0);
			for (int k = 0; k < j; k++)
				CHECK(e[i].targets[k].year != e[i].targets[j].year);
		}
	}
	indicators_free(e, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	put_file(data + 1, size - 1);
	switch (data[0] % 5) {
	case 0:
		check_config();
		break;
	case 1:
		check_calendar();
		break;
	case 2:
		check_codifier();
		break;
	case 3:
		check_selfcheck();
		break;
	default:
		check_indicators();
		break;
	}
	return 0;
}
