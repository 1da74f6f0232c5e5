#include "catalog.h"
#include "conftext.h"
#include "text.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int validate_deficit(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *code = cfg_title(sec), *m;
	const char *block = cfg_getstr(sec, "block"), *wording = cfg_getstr(sec, "wording");

	if ((m = text_check(code, 32, 0)) != NULL || !*code) {
		cfg_error(cfg, "код «%s»: %s", code, m ? m : "пустой код");
		return -1;
	}
	if (block == NULL || !*block) {
		cfg_error(cfg, "код «%s»: не указан блок (block = ...)", code);
		return -1;
	}
	if (wording == NULL || (m = text_check(wording, 2000, 0)) != NULL || !*wording) {
		cfg_error(cfg, "код «%s»: формулировка: %s", code, m ? m : "пусто");
		return -1;
	}
	return 0;
}

int catalog_read_codifier(const char *path, struct codifier_entry **out, char *err, int errsz)
{
	cfg_opt_t entry_opts[] = {
		CFG_STR("block", NULL, CFGF_NONE),
		CFG_STR("wording", NULL, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t opts[] = {
		CFG_SEC("deficit", entry_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int n = -1;

	*out = NULL;
	cfg_set_validate_func(cfg, "deficit", validate_deficit);
	if (conf_parse(cfg, path, err, errsz) == CFG_SUCCESS) {
		n = (int)cfg_size(cfg, "deficit");
		*out = xcalloc((size_t)(n ? n : 1), sizeof **out);
		for (int i = 0; i < n; i++) {
			cfg_t *sec = cfg_getnsec(cfg, "deficit", (unsigned)i);
			(*out)[i].code = xstrdup(cfg_title(sec));
			(*out)[i].block = xstrdup(cfg_getstr(sec, "block"));
			(*out)[i].wording = xstrdup(cfg_getstr(sec, "wording"));
		}
	}
	cfg_free(cfg);
	return n;
}

void catalog_free_codifier(struct codifier_entry *e, int n)
{
	for (int i = 0; i < n; i++) {
		free(e[i].code);
		free(e[i].block);
		free(e[i].wording);
	}
	free(e);
}

static int validate_statement(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *key = cfg_title(sec), *m;
	const char *block = cfg_getstr(sec, "block"), *text = cfg_getstr(sec, "text");

	if (block == NULL || !*block) {
		cfg_error(cfg, "утверждение «%s»: не указан блок (block = ...)", key);
		return -1;
	}
	if (text == NULL || (m = text_check(text, 2000, 0)) != NULL || !*text) {
		cfg_error(cfg, "утверждение «%s»: текст: %s", key, text ? (m ? m : "пусто") : "не указан");
		return -1;
	}
	return 0;
}

int catalog_read_selfcheck(const char *path, struct selfcheck_entry **out, char *err, int errsz)
{
	cfg_opt_t entry_opts[] = {
		CFG_STR("block", NULL, CFGF_NONE),
		CFG_STR("deficit", NULL, CFGF_NONE),
		CFG_STR("text", NULL, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t opts[] = {
		CFG_SEC("statement", entry_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int n = -1;

	*out = NULL;
	cfg_set_validate_func(cfg, "statement", validate_statement);
	if (conf_parse(cfg, path, err, errsz) == CFG_SUCCESS) {
		n = (int)cfg_size(cfg, "statement");
		*out = xcalloc((size_t)(n ? n : 1), sizeof **out);
		for (int i = 0; i < n; i++) {
			cfg_t *sec = cfg_getnsec(cfg, "statement", (unsigned)i);
			const char *def = cfg_getstr(sec, "deficit");
			(*out)[i].key = xstrdup(cfg_title(sec));
			(*out)[i].block = xstrdup(cfg_getstr(sec, "block"));
			(*out)[i].deficit = def && *def ? xstrdup(def) : NULL;
			(*out)[i].text = xstrdup(cfg_getstr(sec, "text"));
		}
	}
	cfg_free(cfg);
	return n;
}

void catalog_free_selfcheck(struct selfcheck_entry *e, int n)
{
	for (int i = 0; i < n; i++) {
		free(e[i].key);
		free(e[i].block);
		free(e[i].deficit);
		free(e[i].text);
	}
	free(e);
}

static int validate_stage(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *key = cfg_title(sec), *title = cfg_getstr(sec, "title"), *m;

	if (title == NULL || (m = text_check(title, 200, 0)) != NULL || !*title) {
		cfg_error(cfg, "этап «%s»: название: %s", key, title ? (m ? m : "пусто") : "не указано");
		return -1;
	}
	for (unsigned i = 0; i < cfg_size(sec, "questions"); i++) {
		const char *q = cfg_getnstr(sec, "questions", i);
		if (q == NULL || (m = text_check(q, 2000, 0)) != NULL || !*q) {
			cfg_error(cfg, "этап «%s», вопрос %u: %s", key, i + 1, m ? m : "пусто");
			return -1;
		}
	}
	return 0;
}

int catalog_read_interview(const char *path, const char *const *keys, int nkeys,
			   struct interview_stage **out, char *err, int errsz)
{
	cfg_opt_t stage_opts[] = {
		CFG_STR("title", NULL, CFGF_NONE),
		CFG_STR_LIST("questions", NULL, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t opts[] = {
		CFG_SEC("stage", stage_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int n = -1;

	*out = NULL;
	cfg_set_validate_func(cfg, "stage", validate_stage);
	if (conf_parse(cfg, path, err, errsz) == CFG_SUCCESS) {
		n = (int)cfg_size(cfg, "stage");
		*out = xcalloc((size_t)(n ? n : 1), sizeof **out);
		for (int i = 0; i < n; i++) {
			cfg_t *sec = cfg_getnsec(cfg, "stage", (unsigned)i);
			struct interview_stage *st = &(*out)[i];
			bool known = false;

			for (int k = 0; k < nkeys; k++)
				known = known || strcmp(keys[k], cfg_title(sec)) == 0;
			if (!known) {
				snprintf(err, (size_t)errsz, "%s: неизвестный этап «%s»", path, cfg_title(sec));
				catalog_free_interview(*out, i);
				*out = NULL;
				n = -1;
				break;
			}
			st->key = xstrdup(cfg_title(sec));
			st->title = xstrdup(cfg_getstr(sec, "title"));
			st->nquestions = (int)cfg_size(sec, "questions");
			st->questions = xcalloc((size_t)(st->nquestions ? st->nquestions : 1), sizeof *st->questions);
			for (int q = 0; q < st->nquestions; q++)
				st->questions[q] = xstrdup(cfg_getnstr(sec, "questions", (unsigned)q));
		}
	}
	cfg_free(cfg);
	return n;
}

void catalog_free_interview(struct interview_stage *s, int n)
{
	for (int i = 0; s && i < n; i++) {
		free(s[i].key);
		free(s[i].title);
		for (int q = 0; q < s[i].nquestions; q++)
			free(s[i].questions[q]);
		free(s[i].questions);
	}
	free(s);
}

int selfcheck_percent(const int *scores, int n)
{
	int sum = 0;

	if (n <= 0)
		return -1;
	for (int i = 0; i < n; i++)
		sum += scores[i];
	/* Rounded half up: 100 * sum / (3 n). */
	return (200 * sum + SELFCHECK_MAX_SCORE * n) / (2 * SELFCHECK_MAX_SCORE * n);
}

int selfcheck_is_deficit(int score)
{
	return score <= 1;
}

static const char *const association_kinds[] = { "mo", "creative", "young", "workgroup", "council", "other" };

/* A key of a catalogue's section: what init recognises an entry by. */
static const char *key_check(const char *key)
{
	const char *m = text_check(key, 32, 0);
	return m ? m : *key ? NULL : "пустой ключ";
}

static int validate_association(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *key = cfg_title(sec), *name = cfg_getstr(sec, "name"), *kind = cfg_getstr(sec, "kind"), *m;
	bool known = false;

	if ((m = key_check(key)) != NULL) {
		cfg_error(cfg, "объединение «%s»: %s", key, m);
		return -1;
	}
	if (name == NULL || (m = text_check(name, 200, 0)) != NULL || !*name) {
		cfg_error(cfg, "объединение «%s»: название: %s", key, name ? (m ? m : "пусто") : "не указано");
		return -1;
	}
	for (size_t i = 0; kind && i < sizeof association_kinds / sizeof *association_kinds; i++)
		known = known || strcmp(kind, association_kinds[i]) == 0;
	if (!known) {
		cfg_error(cfg, "объединение «%s»: вид «%s» — ожидается mo, creative, young, workgroup, "
			  "council или other", key, kind ? kind : "");
		return -1;
	}
	return 0;
}

int catalog_read_associations(const char *path, struct association_entry **out, char *err, int errsz)
{
	cfg_opt_t entry_opts[] = {
		CFG_STR("name", NULL, CFGF_NONE),
		CFG_STR("kind", "mo", CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t opts[] = {
		CFG_SEC("association", entry_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int n = -1;

	*out = NULL;
	cfg_set_validate_func(cfg, "association", validate_association);
	if (conf_parse(cfg, path, err, errsz) == CFG_SUCCESS) {
		n = (int)cfg_size(cfg, "association");
		*out = xcalloc((size_t)(n ? n : 1), sizeof **out);
		for (int i = 0; i < n; i++) {
			cfg_t *sec = cfg_getnsec(cfg, "association", (unsigned)i);
			(*out)[i].key = xstrdup(cfg_title(sec));
			(*out)[i].name = xstrdup(cfg_getstr(sec, "name"));
			(*out)[i].kind = xstrdup(cfg_getstr(sec, "kind"));
		}
	}
	cfg_free(cfg);
	return n;
}

void catalog_free_associations(struct association_entry *e, int n)
{
	for (int i = 0; e && i < n; i++) {
		free(e[i].key);
		free(e[i].name);
		free(e[i].kind);
	}
	free(e);
}

static int validate_measure(cfg_t *cfg, cfg_opt_t *opt)
{
	static const struct { const char *name, *label; int max; } texts[] = {
		{ "activity", "мероприятие", 2000 }, { "responsible", "исполнители", 2000 },
		{ "period", "сроки", 200 }, { "documents", "документы", 2000 }, { "indicator", "показатель", 32 },
	};
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *key = cfg_title(sec), *m;

	if ((m = key_check(key)) != NULL) {
		cfg_error(cfg, "мера «%s»: %s", key, m);
		return -1;
	}
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		const char *v = cfg_getstr(sec, texts[i].name);
		if (v == NULL ? i == 0 : (m = text_check(v, texts[i].max, 0)) != NULL || !*v) {
			cfg_error(cfg, "мера «%s»: %s: %s", key, texts[i].label,
				  v == NULL ? "не указано" : m ? m : "пусто");
			return -1;
		}
	}
	return 0;
}

static char *opt_dup(cfg_t *sec, const char *name)
{
	const char *v = cfg_getstr(sec, name);
	return v ? xstrdup(v) : NULL;
}

int catalog_read_measures(const char *path, struct measure_entry **out, char *err, int errsz)
{
	cfg_opt_t entry_opts[] = {
		CFG_STR("activity", NULL, CFGF_NONE),
		CFG_STR("responsible", NULL, CFGF_NONE),
		CFG_STR("period", NULL, CFGF_NONE),
		CFG_STR("documents", NULL, CFGF_NONE),
		CFG_STR("indicator", NULL, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t opts[] = {
		CFG_SEC("measure", entry_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int n = -1;

	*out = NULL;
	cfg_set_validate_func(cfg, "measure", validate_measure);
	if (conf_parse(cfg, path, err, errsz) == CFG_SUCCESS) {
		n = (int)cfg_size(cfg, "measure");
		*out = xcalloc((size_t)(n ? n : 1), sizeof **out);
		for (int i = 0; i < n; i++) {
			cfg_t *sec = cfg_getnsec(cfg, "measure", (unsigned)i);
			struct measure_entry *m = &(*out)[i];
			m->key = xstrdup(cfg_title(sec));
			m->activity = opt_dup(sec, "activity");
			m->responsible = opt_dup(sec, "responsible");
			m->period = opt_dup(sec, "period");
			m->documents = opt_dup(sec, "documents");
			m->indicator = opt_dup(sec, "indicator");
		}
	}
	cfg_free(cfg);
	return n;
}

void catalog_free_measures(struct measure_entry *e, int n)
{
	for (int i = 0; e && i < n; i++) {
		free(e[i].key);
		free(e[i].activity);
		free(e[i].responsible);
		free(e[i].period);
		free(e[i].documents);
		free(e[i].indicator);
	}
	free(e);
}
