/* See indicators.h. */
#include "indicators.h"
#include "analytics.h"
#include "conftext.h"
#include "text.h"
#include "util.h"

#include <math.h>   /* isfinite (a macro: no libm needed) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The formula keys store/indicators.c computes, with what they count. */
const struct indicator_formula indicator_formulas[] = {
	{ "diagnosed", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги с диагностикой профессиональных дефицитов в году" },
	{ "course_year", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги с курсами ПК, завершёнными в году" },
	{ "course_3y", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги с курсами ПК, завершёнными за три года по конец года" },
	{ "iom_share", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги с ИОМ / ИППР (карта не отменена), действующим в году" },
	{ "ippr_share", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги с картой по шаблону ИППР, действующей в году" },
	{ "ippr_presented", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги с завершённой картой и заключительным публичным мероприятием в году"
	  " из педагогов с картой, действующей в году" },
	{ "young_mentees", IND_PERCENT, IND_BASE_PERSONS,
	  "молодые специалисты (стаж 0–3 года) — наставляемые в паре, действующей в году,"
	  " из всех молодых специалистов" },
	{ "mentee_satisfaction", IND_PERCENT, IND_BASE_ANSWERS,
	  "наставляемые, удовлетворённые участием, из ответивших на анкету года" },
	{ "mentor_satisfaction", IND_PERCENT, IND_BASE_ANSWERS,
	  "наставники, удовлетворённые участием, из ответивших на анкету года" },
	{ "projects", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги с инновационным продуктом (проектом, программой) года" },
	{ "schools_contests", IND_PERCENT, IND_BASE_ORGS,
	  "организации, педагоги которых участвовали в муниципальных конкурсах года, из всех организаций" },
	{ "schools_scimethod", IND_PERCENT, IND_BASE_ORGS,
	  "организации, педагоги которых участвовали в муниципальных научно-методических мероприятиях года,"
	  " из всех организаций" },
	{ "schools_mentoring", IND_PERCENT, IND_BASE_SCHOOLS,
	  "школы с парой наставничества, действующей в году" },
	{ "orgs_mentoring_plan", IND_PERCENT, IND_BASE_ORGS,
	  "организации, утвердившие программу наставничества не позднее конца года, из всех организаций" },
	{ "mun_orgs_mentoring", IND_PERCENT, IND_BASE_ORGS,
	  "муниципальные организации с парой наставничества, действующей в году,"
	  " из всех муниципальных организаций" },
	{ "orgs_attestation_plan", IND_PERCENT, IND_BASE_ORGS,
	  "организации, утвердившие план методического сопровождения аттестации не позднее конца года,"
	  " из всех организаций" },
	{ "orgs_pd_statute", IND_PERCENT, IND_BASE_ORGS,
	  "организации, утвердившие положение о непрерывном профессиональном развитии педагогов"
	  " не позднее конца года, из всех организаций" },
	{ "orgs_vsoko_ippr", IND_PERCENT, IND_BASE_ORGS,
	  "организации, включившие ИППР во ВСОКО не позднее конца года, из всех организаций" },
	{ "orgs_job_ippr", IND_PERCENT, IND_BASE_ORGS,
	  "организации, внесшие ИППР в должностные инструкции не позднее конца года, из всех организаций" },
	{ "modern_tech", IND_PERCENT, IND_BASE_PERSONS,
	  "педагоги, использующие современные образовательные технологии (дата в карточке — не позднее"
	  " конца года)" },
	{ "schools_vacancies", IND_PERCENT, IND_BASE_ORGS,
	  "организации с потребностью в кадрах (вакансией) в году, из всех организаций" },
	{ "schools_staffed", IND_PERCENT, IND_BASE_ORGS,
	  "организации со сведениями о численности за год и без вакансий педагогов, из всех организаций" },
	{ "schools_young30", IND_PERCENT, IND_BASE_ORGS,
	  "организации, где педагогов моложе 30 лет больше 16,5 % (численность за год), из всех организаций" },
	{ "muns_msoko_ippr", IND_PERCENT, IND_BASE_MUNS,
	  "муниципалитеты, включившие управление ИППР в МСОКО не позднее конца года (дата в карточке"
	  " муниципалитета), из всех муниципалитетов" },
	{ "recommendations_visits", IND_COUNT, IND_BASE_RECORDS,
	  "рекомендации по итогам муниципальных и региональных мониторинговых визитов года" },
};
const int indicator_nformulas = (int)NITEMS(indicator_formulas);

const struct indicator_formula *indicator_formula_find(const char *key)
{
	if (key == NULL)
		return NULL;
	for (int i = 0; i < indicator_nformulas; i++)
		if (strcmp(indicator_formulas[i].key, key) == 0)
			return &indicator_formulas[i];
	return NULL;
}

bool indicator_formula_diagnostic(const char *key)
{
	return key && strcmp(key, "diagnosed") == 0;
}

int indicator_unit_parse(const char *unit)
{
	if (unit && strcmp(unit, "percent") == 0)
		return IND_PERCENT;
	if (unit && strcmp(unit, "count") == 0)
		return IND_COUNT;
	return -1;
}

/* "YYYY:VALUE", VALUE digits with at most one '.' or ',' and at most 6
 * decimals; locale-independent. Returns 0 or -1. */
static int parse_target(const char *s, struct indicator_year *out)
{
	int year = 0, i;
	double v = 0, scale = 1;
	bool digits = false, point = false;
	int decimals = 0;

	if (s == NULL)
		return -1;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		year = year * 10 + (s[i] - '0');
	}
	if (s[4] != ':')
		return -1;
	for (s += 5; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (point) {
				if (++decimals > 6)
					return -1;
				scale /= 10;
				v += (*s - '0') * scale;
			} else {
				if (v > 1e9)
					return -1;
				v = v * 10 + (*s - '0');
			}
			digits = true;
		} else if ((*s == '.' || *s == ',') && !point && digits) {
			point = true;
		} else {
			return -1;
		}
	}
	if (!digits || (point && decimals == 0))
		return -1;
	out->year = year;
	out->value = v;
	return 0;
}

static const char *const criteria[] = { "conditions", "activity", "qualification", "other" };

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static int validate_indicator(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	const char *code = cfg_title(sec), *m;
	const char *name = cfg_getstr(sec, "name"), *source = cfg_getstr(sec, "source");
	const char *unit = cfg_getstr(sec, "unit"), *period = cfg_getstr(sec, "period");
	const char *criterion = cfg_getstr(sec, "criterion"), *formula = cfg_getstr(sec, "formula");
	const char *descr = cfg_getstr(sec, "description");
	const struct indicator_formula *f;
	struct indicator_year *years;
	int u, nt = (int)cfg_size(sec, "targets");

	if ((m = text_check(code, 32, 0)) != NULL || !*code) {
		cfg_error(cfg, "показатель «%s»: код: %s", code, m ? m : "пустой код");
		return -1;
	}
	if (name == NULL || (m = text_check(name, 1000, 0)) != NULL || !*name) {
		cfg_error(cfg, "показатель «%s»: наименование: %s", code,
			  name ? (m ? m : "пусто") : "не указано (name = ...)");
		return -1;
	}
	if (source && (m = text_check(source, 32, 0)) != NULL) {
		cfg_error(cfg, "показатель «%s»: источник: %s", code, m);
		return -1;
	}
	if ((u = indicator_unit_parse(unit)) < 0) {
		cfg_error(cfg, "показатель «%s»: единица «%s»: допустимы percent и count", code, unit);
		return -1;
	}
	if (strcmp(period, "year") != 0 && strcmp(period, "quarter") != 0) {
		cfg_error(cfg, "показатель «%s»: период «%s»: допустимы year и quarter", code, period);
		return -1;
	}
	if (criterion && *criterion && !in_list(criterion, criteria, NITEMS(criteria))) {
		cfg_error(cfg, "показатель «%s»: критерий «%s»: допустимы conditions, activity,"
			  " qualification, other", code, criterion);
		return -1;
	}
	if (formula == NULL || !*formula) {
		cfg_error(cfg, "показатель «%s»: не указана формула (formula = ...)", code);
		return -1;
	}
	if ((f = indicator_formula_find(formula)) == NULL) {
		cfg_error(cfg, "показатель «%s»: неизвестная формула «%s»", code, formula);
		return -1;
	}
	if ((int)f->unit != u) {
		cfg_error(cfg, "показатель «%s»: формула «%s» даёт %s, а единица — %s", code, formula,
			  f->unit == IND_PERCENT ? "долю (percent)" : "количество (count)", unit);
		return -1;
	}
	if (descr && (m = text_check(descr, 2000, 1)) != NULL) {
		cfg_error(cfg, "показатель «%s»: описание: %s", code, m);
		return -1;
	}
	years = xcalloc((size_t)(nt ? nt : 1), sizeof *years);
	for (int i = 0; i < nt; i++) {
		const char *t = cfg_getnstr(sec, "targets", (unsigned)i);
		const char *why = NULL;
		if (parse_target(t, &years[i]) != 0)
			why = "ожидается «ГГГГ:значение», например \"2024:100\"";
		else if (years[i].year < 2000 || years[i].year > 2100)
			why = "год вне 2000–2100";
		else if (u == IND_PERCENT && years[i].value > 100)
			why = "доля больше 100 %";
		for (int j = 0; why == NULL && j < i; j++)
			if (years[j].year == years[i].year)
				why = "год указан дважды";
		if (why) {
			cfg_error(cfg, "показатель «%s»: целевое значение «%s»: %s", code, t ? t : "", why);
			free(years);
			return -1;
		}
	}
	free(years);
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

int indicators_read(const char *path, struct indicator_entry **out, char *err, int errsz)
{
	cfg_opt_t entry_opts[] = {
		CFG_STR("name", NULL, CFGF_NONE),
		CFG_STR("source", NULL, CFGF_NONE),
		CFG_STR("unit", "percent", CFGF_NONE),
		CFG_STR("period", "year", CFGF_NONE),
		CFG_STR("criterion", NULL, CFGF_NONE),
		CFG_STR("formula", NULL, CFGF_NONE),
		CFG_STR("description", NULL, CFGF_NONE),
		CFG_BOOL("higher_better", cfg_true, CFGF_NONE),
		CFG_STR_LIST("targets", NULL, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t opts[] = {
		CFG_SEC("indicator", entry_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int n = -1;

	*out = NULL;
	cfg_set_validate_func(cfg, "indicator", validate_indicator);
	if (conf_parse(cfg, path, err, errsz) == CFG_SUCCESS) {
		n = (int)cfg_size(cfg, "indicator");
		*out = xcalloc((size_t)(n ? n : 1), sizeof **out);
		for (int i = 0; i < n; i++) {
			cfg_t *sec = cfg_getnsec(cfg, "indicator", (unsigned)i);
			struct indicator_entry *e = &(*out)[i];
			e->code = xstrdup(cfg_title(sec));
			e->name = xstrdup(cfg_getstr(sec, "name"));
			e->source = dup_or_null(cfg_getstr(sec, "source"));
			e->unit = xstrdup(cfg_getstr(sec, "unit"));
			e->period = xstrdup(cfg_getstr(sec, "period"));
			e->criterion = dup_or_null(cfg_getstr(sec, "criterion"));
			e->formula = xstrdup(cfg_getstr(sec, "formula"));
			e->description = dup_or_null(cfg_getstr(sec, "description"));
			e->higher_better = cfg_getbool(sec, "higher_better") ? true : false;
			e->ntargets = (int)cfg_size(sec, "targets");
			e->targets = xcalloc((size_t)(e->ntargets ? e->ntargets : 1), sizeof *e->targets);
			for (int j = 0; j < e->ntargets; j++)
				parse_target(cfg_getnstr(sec, "targets", (unsigned)j), &e->targets[j]);
		}
	}
	cfg_free(cfg);
	return n;
}

void indicators_free(struct indicator_entry *e, int n)
{
	for (int i = 0; i < n; i++) {
		free(e[i].code);
		free(e[i].name);
		free(e[i].source);
		free(e[i].unit);
		free(e[i].period);
		free(e[i].criterion);
		free(e[i].formula);
		free(e[i].description);
		free(e[i].targets);
	}
	free(e);
}

double indicator_value(long num, long den, enum indicator_unit unit)
{
	if (unit == IND_COUNT)
		return (double)num;
	if (den <= 0 || num < 0)
		return -1;
	return 100.0 * (double)num / (double)den;
}

bool indicator_withheld(const struct config *cfg, enum indicator_unit unit, long den)
{
	return unit == IND_PERCENT && analytics_withheld(cfg, den > 1000000000 ? 1000000000 : (int)den);
}

/* Comparisons forgive rounding of computed shares (100 · 9 / 10 and the like). */
#define MARK_EPS 1e-9

const char *indicator_mark_unit(double value, double target, bool higher_better,
				enum indicator_unit unit)
{
	double tol, gap;

	if (!isfinite(value) || !isfinite(target) || value < 0 || target < 0)
		return NULL;
	tol = unit == IND_COUNT ? target * 0.1 : 10.0;
	gap = higher_better ? target - value : value - target;   /* > 0: short of it */
	if (gap <= MARK_EPS)
		return "met";
	if (gap <= tol + MARK_EPS)
		return "close";
	return "behind";
}

const char *indicator_mark(double value, double target, bool higher_better)
{
	return indicator_mark_unit(value, target, higher_better, IND_PERCENT);
}

const char *indicator_mark_label(const char *mark)
{
	if (mark == NULL)
		return "";
	if (strcmp(mark, "met") == 0)
		return "выполнен";
	if (strcmp(mark, "close") == 0)
		return "близко";
	if (strcmp(mark, "behind") == 0)
		return "отстаёт";
	return "";
}

void indicator_format(double v, char sep, char *buf, size_t size)
{
	long long c;
	bool neg;

	if (size == 0)
		return;
	if (!isfinite(v)) {
		snprintf(buf, size, "—");
		return;
	}
	neg = v < 0;
	if (v > 1e15 || v < -1e15) {
		snprintf(buf, size, "%.0f", v);
		return;
	}
	c = (long long)((neg ? -v : v) * 100.0 + 0.5);   /* no libm: rounded half up */
	if (c % 100 == 0)
		snprintf(buf, size, "%s%lld", neg && c ? "-" : "", c / 100);
	else if (c % 10 == 0)
		snprintf(buf, size, "%s%lld%c%lld", neg ? "-" : "", c / 100, sep, (c % 100) / 10);
	else
		snprintf(buf, size, "%s%lld%c%02lld", neg ? "-" : "", c / 100, sep, c % 100);
}
