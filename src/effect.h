/* A support measure's effect: the value of the indicator it is linked to
 * the year before the measure and in the measure's year, as the monitoring
 * publishes it (figures.h: the same figure, withheld or not, as on the
 * monitoring screen), for the group the measure addresses. */
#ifndef MARSHRUT_EFFECT_H
#define MARSHRUT_EFFECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "figures.h"
#include "store/store.h"

struct config;

struct measure_effect {
	struct measure_link link;   /* link.indicator_id 0: the measure has no indicator */
	int year;                   /* the measure's year, else the one asked for */
	struct indicator_figure before, after;
	double v_before, v_after;   /* -1: withheld or nothing to compute */
	bool has_target;
	double target;              /* the target of year, when has_target */
};

/* Read measure_id's effect; a measure with no year of its own (a standing
 * one of the roadmap) is taken in year_if_none. ST_OK, or the store's error. */
int measure_effect_get(struct store *s, const struct config *cfg, int64_t measure_id, int year_if_none,
		       struct measure_effect *e);
void measure_effect_free(struct measure_effect *e);

/* One line, in Russian: «УИ-5: 2025 — 90 %, 2026 — 93 % (+3; цель 93 %)»,
 * or «показатель не связан», «скрыто», «нет данных» where so. */
void measure_effect_line(const struct measure_effect *e, char *buf, size_t size);

/* The measure as printed: its fields as the plan has them and the line
 * above under «Влияние на показатель», plain text (UTF-8). */
void measure_effect_print(const struct measure_effect *e, FILE *out);

#endif
