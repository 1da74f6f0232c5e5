#include "effect.h"
#include "indicators.h"
#include "store/indicators.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

int measure_effect_get(struct store *s, const struct config *cfg, int64_t measure_id, int year_if_none,
		       struct measure_effect *e)
{
	int unit, rc;

	memset(e, 0, sizeof *e);
	e->v_before = e->v_after = -1;
	if ((rc = store_measure_link(s, measure_id, &e->link)) != ST_OK)
		return rc;
	e->year = e->link.year ? e->link.year : year_if_none;
	if (e->link.indicator_id == 0 || e->link.formula[0] == '\0')
		return ST_OK;
	unit = indicator_unit_parse(e->link.unit);
	if ((rc = indicator_figure_get(s, cfg, e->link.formula, e->year - 1, e->link.kind, e->link.group_id,
				       &e->before)) != ST_OK ||
	    (rc = indicator_figure_get(s, cfg, e->link.formula, e->year, e->link.kind, e->link.group_id,
				       &e->after)) != ST_OK)
		return rc;
	e->v_before = indicator_figure_value(&e->before, unit < 0 ? IND_PERCENT : (enum indicator_unit)unit);
	e->v_after = indicator_figure_value(&e->after, unit < 0 ? IND_PERCENT : (enum indicator_unit)unit);
	e->has_target = store_indicator_target(s, e->link.indicator_id, e->year,
					       strcmp(e->link.kind, "mun") == 0 ? e->link.group_id : 0,
					       &e->target, NULL) == ST_OK;
	return ST_OK;
}

void measure_effect_free(struct measure_effect *e)
{
	store_measure_link_free(&e->link);
}

static void value_text(const struct measure_effect *e, const struct indicator_figure *f, double v,
		       char *buf, size_t size)
{
	char num[32];

	if (indicator_figure_withheld(f)) {
		snprintf(buf, size, "скрыто");
		return;
	}
	if (v < 0) {
		snprintf(buf, size, "нет данных");
		return;
	}
	indicator_format(v, ',', num, sizeof num);
	snprintf(buf, size, "%s%s", num, strcmp(e->link.unit, "percent") == 0 ? " %" : "");
}

void measure_effect_line(const struct measure_effect *e, char *buf, size_t size)
{
	char b[40], a[40], d[64] = "", t[64] = "";

	if (e->link.indicator_id == 0) {
		snprintf(buf, size, "Мера не связана с показателем");
		return;
	}
	value_text(e, &e->before, e->v_before, b, sizeof b);
	value_text(e, &e->after, e->v_after, a, sizeof a);
	if (e->v_before >= 0 && e->v_after >= 0) {
		char num[32];
		double diff = e->v_after - e->v_before;
		indicator_format(diff < 0 ? -diff : diff, ',', num, sizeof num);
		snprintf(d, sizeof d, "%s%s", diff < 0 ? "−" : diff > 0 ? "+" : "±", num);
	}
	if (e->has_target) {
		char num[32];
		indicator_format(e->target, ',', num, sizeof num);
		snprintf(t, sizeof t, "цель %s%s", num, strcmp(e->link.unit, "percent") == 0 ? " %" : "");
	}
	snprintf(buf, size, "%s: %d — %s, %d — %s%s%s%s%s%s", e->link.code, e->year - 1, b, e->year, a,
		 d[0] || t[0] ? " (" : "", d, d[0] && t[0] ? "; " : "", t, d[0] || t[0] ? ")" : "");
}

void measure_effect_print(const struct measure_effect *e, FILE *out)
{
	const struct measure_link *l = &e->link;
	char line[400];

	fprintf(out, "Мера поддержки (дорожная карта методического сопровождения)\n\n");
	fprintf(out, "Мероприятие: %s\n", l->activity ? l->activity : "");
	if (l->year)
		fprintf(out, "Год: %d\n", l->year);
	else
		fprintf(out, "Год: ежегодно (мера без года; влияние — за %d год)\n", e->year);
	fprintf(out, "Кому: %s\n", l->addressee ? l->addressee : "регион");
	fprintf(out, "Исполнители: %s\n", l->responsible ? l->responsible : "—");
	fprintf(out, "Сроки: %s\n", l->period ? l->period : "—");
	fprintf(out, "Документационное сопровождение: %s\n\n", l->documents ? l->documents : "—");
	fprintf(out, "Влияние на показатель (до — год перед мерой, после — год меры):\n");
	if (l->indicator_id)
		fprintf(out, "%s — %s\n", l->code, l->name ? l->name : "");
	measure_effect_line(e, line, sizeof line);
	fprintf(out, "%s\n", line);
}
