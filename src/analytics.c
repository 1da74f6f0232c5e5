#include "analytics.h"
#include "config.h"
#include "model.h"

#include "text.h"
#include "util.h"
#include "store/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool analytics_withheld(const struct config *cfg, int group_size)
{
	/* An empty group has no figures to hide; any other group below the
	 * minimum has figures that could point at a person. */
	return group_size > 0 && group_size < cfg->min_group_size;
}

/* --- disclosure control ------------------------------------------------ */

void an_init(struct an_table *t)
{
	memset(t, 0, sizeof *t);
}

static void an_work_free(struct an_work *w);

void an_free(struct an_table *t)
{
	if (t->work) {
		an_work_free(t->work);
		free(t->work);
	}
	free(t->value);
	free(t->type);
	free(t->flags);
	free(t->start);
	free(t->members);
	memset(t, 0, sizeof *t);
}

/* The layout changes: what an_protect kept of it goes. */
static void an_relayout(struct an_table *t)
{
	if (t->work) {
		an_work_free(t->work);
		free(t->work);
		t->work = NULL;
	}
}

int an_cell(struct an_table *t, int value, enum an_type type, unsigned flags)
{
	an_relayout(t);
	if (t->ncells == t->cellcap) {
		t->cellcap = t->cellcap ? 2 * t->cellcap : 256;
		t->value = xrealloc(t->value, (size_t)t->cellcap * sizeof *t->value);
		t->type = xrealloc(t->type, (size_t)t->cellcap);
		t->flags = xrealloc(t->flags, (size_t)t->cellcap);
	}
	t->value[t->ncells] = value;
	t->type[t->ncells] = (unsigned char)type;
	t->flags[t->ncells] = (unsigned char)flags;
	return t->ncells++;
}

void an_sum(struct an_table *t, int whole, const int *parts, int n)
{
	if (n <= 0)
		return;
	an_relayout(t);
	if (t->nsums + 2 > t->sumcap) {
		t->sumcap = t->sumcap ? 2 * t->sumcap : 256;
		t->start = xrealloc(t->start, (size_t)t->sumcap * sizeof *t->start);
	}
	if (t->nmembers + n + 1 > t->memcap) {
		while (t->nmembers + n + 1 > t->memcap)
			t->memcap = t->memcap ? 2 * t->memcap : 1024;
		t->members = xrealloc(t->members, (size_t)t->memcap * sizeof *t->members);
	}
	if (t->nsums == 0)
		t->start[0] = 0;
	t->members[t->nmembers++] = whole;
	for (int i = 0; i < n; i++)
		t->members[t->nmembers++] = parts[i];
	t->start[++t->nsums] = t->nmembers;
}

static bool an_safe(int value, int type, int k)
{
	return type == AN_PEOPLE ? value == 0 || value >= k : value >= k;
}

/* What the viewer works out, and how: via[i] is the sum cell i follows
 * from (-1 when published or unknown). */
struct an_work {
	const struct an_table *t;
	int *first, *sums;          /* the sums each cell is a member of */
	bool *known;
	int *via, *unknown, *queue;
	bool *fixed_now;            /* a sum already given one more withheld figure this round */
	int *fixed_list, nfixed;    /* those sums */
	/* What the last closure started from: the published cells, and each
	 * sum's members not published (counted again only where a cell's
	 * publication changed since: a round withholds a few). */
	bool *pub0, started;
	int *unknown0;
	/* The cells withheld since the last closure (an_fix), unless any cell
	 * may have changed (all_changed: a table filled anew, or everything
	 * withheld). */
	int *changed, nchanged;
	bool all_changed;
	/* Between rounds of an_protect: what the last round knew, and the sums
	 * found with nothing to add up or adding up safely, none of whose
	 * members has been found or lost since (not summed again). */
	bool *known_before, *settled;
};

static void an_closure(struct an_work *w)
{
	const struct an_table *t = w->t;
	int head = 0, tail = 0;

	/* Known: the published; each sum's unknown members counted. */
	if (!w->started) {
		for (int i = 0; i < t->ncells; i++)
			w->pub0[i] = an_published(t, i);
		for (int r = 0; r < t->nsums; r++) {
			int u = 0;
			for (int m = t->start[r]; m < t->start[r + 1]; m++)
				u += !w->pub0[t->members[m]];
			w->unknown0[r] = u;
		}
		w->started = true;
	}
	/* (One pass over the cells and one over the sums: a table of typical
	 * deficits has tens of thousands of each, and a few rounds. The arrays
	 * are held in locals: a store through a bool may alias any pointer.) */
	const unsigned char *flags = t->flags;
	const int *first = w->first, *sums = w->sums, *start = t->start, *members = t->members;
	bool *pub0 = w->pub0, *known = w->known;
	int *via = w->via, *unknown = w->unknown, *unknown0 = w->unknown0, *queue = w->queue;
	int ncells = t->ncells, nsums = t->nsums;

	for (int q = 0; q < (w->all_changed ? ncells : w->nchanged); q++) {
		int i = w->all_changed ? q : w->changed[q];
		bool p = (flags[i] & (AN_SHOWN | AN_WITHHELD)) == AN_SHOWN;
		if (p != pub0[i]) {
			pub0[i] = p;
			for (int j = first[i]; j < first[i + 1]; j++)
				unknown0[sums[j]] += p ? -1 : 1;
		}
	}
	w->all_changed = false;
	w->nchanged = 0;
	if (ncells > 0) {
		memcpy(known, pub0, (size_t)ncells * sizeof *known);
		memset(via, 0xff, (size_t)ncells * sizeof *via);   /* -1 */
	}
	for (int r = 0; r < nsums; r++) {
		int u = unknown0[r];
		unknown[r] = u;
		if (u == 1)
			queue[tail++] = r;
	}
	/* A sum with one unknown member gives it away; each sum reaches one
	 * unknown at most once, so the queue holds each at most once. */
	while (head < tail) {
		int r = queue[head++], x = -1;
		if (unknown[r] != 1)
			continue;
		for (int m = start[r]; m < start[r + 1] && x < 0; m++)
			if (!known[members[m]])
				x = members[m];
		known[x] = true;
		via[x] = r;
		for (int j = first[x]; j < first[x + 1]; j++)
			if (--unknown[sums[j]] == 1)
				queue[tail++] = sums[j];
	}
}

static void an_work_init(struct an_work *w, const struct an_table *t)
{
	int *fill;

	w->t = t;
	w->first = xcalloc((size_t)t->ncells + 1, sizeof *w->first);
	w->sums = xcalloc((size_t)t->nmembers + 1, sizeof *w->sums);
	w->known = xcalloc((size_t)t->ncells + 1, sizeof *w->known);
	w->via = xcalloc((size_t)t->ncells + 1, sizeof *w->via);
	w->unknown = xcalloc((size_t)t->nsums + 1, sizeof *w->unknown);
	w->queue = xcalloc((size_t)t->nsums + 1, sizeof *w->queue);
	w->fixed_now = xcalloc((size_t)t->nsums + 1, sizeof *w->fixed_now);
	w->fixed_list = xcalloc((size_t)t->nsums + 1, sizeof *w->fixed_list);
	w->nfixed = 0;
	w->pub0 = xcalloc((size_t)t->ncells + 1, sizeof *w->pub0);
	w->unknown0 = xcalloc((size_t)t->nsums + 1, sizeof *w->unknown0);
	w->known_before = xcalloc((size_t)t->ncells + 1, sizeof *w->known_before);
	w->settled = xcalloc((size_t)t->nsums + 8, sizeof *w->settled);
	w->started = false;
	w->changed = xcalloc((size_t)t->ncells + 1, sizeof *w->changed);
	w->nchanged = 0;
	w->all_changed = true;
	for (int m = 0; m < t->nmembers; m++)
		w->first[t->members[m] + 1]++;
	for (int i = 0; i < t->ncells; i++)
		w->first[i + 1] += w->first[i];
	fill = xcalloc((size_t)t->ncells + 1, sizeof *fill);
	for (int r = 0; r < t->nsums; r++)
		for (int m = t->start[r]; m < t->start[r + 1]; m++) {
			int c = t->members[m];
			w->sums[w->first[c] + fill[c]++] = r;
		}
	free(fill);
}

static void an_work_free(struct an_work *w)
{
	free(w->first);
	free(w->sums);
	free(w->known);
	free(w->via);
	free(w->unknown);
	free(w->queue);
	free(w->fixed_now);
	free(w->fixed_list);
	free(w->pub0);
	free(w->unknown0);
	free(w->changed);
	free(w->known_before);
	free(w->settled);
}

void an_known(const struct an_table *t, bool *known)
{
	struct an_work w;

	an_work_init(&w, t);
	an_closure(&w);
	memcpy(known, w.known, (size_t)t->ncells * sizeof *known);
	an_work_free(&w);
}

/* A published figure this table may still withhold, worth withholding. */
static bool an_candidate(const struct an_table *t, int c)
{
	return (t->flags[c] & (AN_SHOWN | AN_FIXED | AN_WITHHELD)) == AN_SHOWN && t->value[c] > 0;
}

/* Sum r gives away too much (cell x, or what its unknown parts add up
 * to): withhold its smallest published part other than x, else its
 * whole; when it has none, break how one of its members was worked out. */
static bool an_fix(struct an_work *w, struct an_table *t, int r, int x, int depth)
{
	int best = -1, whole = t->members[t->start[r]];

	/* One more figure per sum and round: the next round sees what it did. */
	if (w->fixed_now[r])
		return true;
	for (int m = t->start[r] + 1; m < t->start[r + 1]; m++) {
		int c = t->members[m];
		if (c != x && an_candidate(t, c) && (best < 0 || t->value[c] < t->value[best]))
			best = c;
	}
	if (best < 0 && whole != x && an_candidate(t, whole))
		best = whole;
	if (best >= 0) {
		t->flags[best] |= AN_WITHHELD;
		w->changed[w->nchanged++] = best;
		w->fixed_now[r] = true;
		w->fixed_list[w->nfixed++] = r;
		return true;
	}
	if (depth >= 8)
		return false;
	for (int m = t->start[r]; m < t->start[r + 1]; m++) {
		int c = t->members[m];
		if (c != x && w->known[c] && w->via[c] >= 0 && w->via[c] != r &&
		    an_fix(w, t, w->via[c], c, depth + 1))
			return true;
	}
	return false;
}

void an_protect(struct an_table *t, int k)
{
	struct an_work *wp;
	bool nuclear = false;

	/* Primary: what is unsafe by itself. */
	for (int i = 0; i < t->ncells; i++)
		if ((t->flags[i] & (AN_SHOWN | AN_FIXED)) == AN_SHOWN && !an_safe(t->value[i], t->type[i], k))
			t->flags[i] |= AN_WITHHELD;
	if (t->work == NULL) {
		t->work = xcalloc(1, sizeof *t->work);
		an_work_init(t->work, t);
	}
	wp = t->work;
	wp->all_changed = true;   /* the table's cells were given anew */
	for (int round = 0; round <= t->ncells + 1; round++) {
		bool violated = false, progress = false;

		an_closure(wp);
		while (wp->nfixed > 0)
			wp->fixed_now[wp->fixed_list[--wp->nfixed]] = false;
		/* A sum any of whose members was found or lost is summed again.
		 * (Compared eight cells at a time: few change between rounds.) */
		if (round == 0)
			memset(wp->settled, 0, (size_t)t->nsums * sizeof *wp->settled);
		{
			const bool *known = wp->known;
			bool *before = wp->known_before, *settled = wp->settled;
			const int *first = wp->first, *sums = wp->sums;
			for (int x = 0; x < t->ncells; x++) {
				if ((x & 7) == 0 && x + 8 <= t->ncells && memcmp(known + x, before + x, 8) == 0) {
					x += 7;
					continue;
				}
				if (known[x] != before[x]) {
					before[x] = known[x];
					for (int j = first[x]; j < first[x + 1]; j++)
						settled[sums[j]] = false;
				}
			}
		}
		/* A count worked out from the published ones that is unsafe; or
		 * one that was withheld, for what one table withholds the next
		 * relies on staying unknown (a group's whole across its
		 * breakdowns). A safe one that cannot be kept unknown — its sum
		 * has no other figure to withhold — is simply known: the checks
		 * here take it as published. */
		for (int x = 0; x < t->ncells; x++) {
			int r;
			bool safe;
			/* (Eight at a time where nothing was worked out.) */
			if ((x & 7) == 0 && x + 8 <= t->ncells && memcmp(wp->known + x, wp->pub0 + x, 8) == 0) {
				x += 7;
				continue;
			}
			if ((r = wp->via[x]) < 0)
				continue;
			safe = an_safe(t->value[x], t->type[x], k);
			if (safe && !(t->flags[x] & AN_WITHHELD))
				continue;
			if (an_fix(wp, t, r, x, 0))
				progress = violated = true;
			else if (!safe)
				violated = true;
		}
		/* The unknown parts of a known whole: what they add up to. */
		for (int r = 0; r < t->nsums; r++) {
			const bool *known = wp->known;
			const int *start = t->start, *members = t->members;
			int sum = 0, n = 0, type = AN_PEOPLE;
			static const bool eight[8] = { true, true, true, true, true, true, true, true };
			if ((r & 7) == 0 && r + 8 <= t->nsums && memcmp(wp->settled + r, eight, 8) == 0) {
				r += 7;
				continue;
			}
			if (wp->settled[r])
				continue;
			/* All known (the closure counted): nothing adds up. */
			if (wp->unknown[r] == 0 || !known[members[start[r]]]) {
				wp->settled[r] = true;
				continue;
			}
			for (int m = start[r] + 1; m < start[r + 1]; m++) {
				int c = members[m];
				if (known[c])
					continue;
				sum += t->value[c];
				n++;
				if (t->type[c] == AN_RESULT)
					type = AN_RESULT;
			}
			if (n == 0 || an_safe(sum, type, k)) {
				wp->settled[r] = true;
				continue;
			}
			violated = true;
			progress |= an_fix(wp, t, r, -1, 0);
		}
		if (!violated)
			break;
		if (!progress) {
			/* Nothing left to withhold one by one: withhold everything
			 * this table decides (what earlier tables fixed stays). */
			if (nuclear)
				break;
			nuclear = true;
			for (int i = 0; i < t->ncells; i++)
				if ((t->flags[i] & (AN_SHOWN | AN_FIXED)) == AN_SHOWN)
					t->flags[i] |= AN_WITHHELD;
			wp->all_changed = true;
		}
	}
}

void analytics_pool_norm(int teachers, int *needed_min, int *needed_max)
{
	*needed_min = (teachers + POOL_TEACHERS_MAX - 1) / POOL_TEACHERS_MAX;
	*needed_max = (teachers + POOL_TEACHERS_MIN - 1) / POOL_TEACHERS_MIN;
}

bool analytics_overloaded(int load)
{
	return load > POOL_TEACHERS_MAX;
}

unsigned analytics_pool_requirements(const char *category, const char *education, int experience)
{
	unsigned unmet = 0;

	if (category == NULL || strcmp(category, "highest") != 0)
		unmet |= POOL_NO_CATEGORY;
	if (education == NULL || strcmp(education, "higher_ped") != 0)
		unmet |= POOL_NO_EDUCATION;
	if (experience < POOL_MIN_EXPERIENCE)
		unmet |= POOL_NO_EXPERIENCE;
	return unmet;
}

void analytics_pool_requirements_text(unsigned unmet, char *out, size_t size)
{
	if (unmet == 0) {
		snprintf(out, size, "соответствует");
		return;
	}
	snprintf(out, size, "нет: %s%s%s%s%s",
		 unmet & POOL_NO_CATEGORY ? "высшей категории" : "",
		 (unmet & POOL_NO_CATEGORY) && (unmet & (POOL_NO_EDUCATION | POOL_NO_EXPERIENCE)) ? ", " : "",
		 unmet & POOL_NO_EDUCATION ? "высшего пед. образования" : "",
		 (unmet & POOL_NO_EDUCATION) && (unmet & POOL_NO_EXPERIENCE) ? ", " : "",
		 unmet & POOL_NO_EXPERIENCE ? "стажа 5 лет" : "");
}

const char *const analytics_level_codes[RATING_LEVELS] = {
	"international", "federal", "regional", "municipal", "school"
};

const char *const analytics_outcome_codes[RATING_OUTCOMES] = {
	"winner", "prize", "laureate", "speaker", "organiser", "head", "expert", "coordinator"
};

static int weight_of(const char *const *codes, const int *points, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return points[i];
	return -1;
}

int analytics_rating_points(const struct rating_weights *w, const char *level, const char *result,
			    const char *role)
{
	/* A participation of unknown level counts as the school's. */
	int points = weight_of(analytics_level_codes, w->level, RATING_LEVELS, level), r, o;

	if (points < 0)
		points = w->level[RATING_LEVELS - 1];
	r = weight_of(analytics_outcome_codes, w->outcome, RATING_OUTCOMES, result);
	o = weight_of(analytics_outcome_codes, w->outcome, RATING_OUTCOMES, role);
	return points + (r > 0 ? r : 0) + (o > 0 ? o : 0);
}

void analytics_rating_text(const struct rating_weights *w, char *out, size_t size)
{
	size_t n = 0;

	n += (size_t)snprintf(out + n, size - n, "Баллы: уровень —");
	for (int i = 0; i < RATING_LEVELS && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, " %s %d%s",
				      model_enum_label(model_event_levels, analytics_level_codes[i]), w->level[i],
				      i + 1 < RATING_LEVELS ? "," : ";");
	for (int i = 0; i < RATING_OUTCOMES && n < size; i++) {
		const char *code = analytics_outcome_codes[i];
		const char *label = model_enum_code(model_contest_results, code)
			? model_enum_label(model_contest_results, code)
			: model_enum_label(model_participation_roles, code);
		n += (size_t)snprintf(out + n, size - n, " %s +%d%s", label, w->outcome[i],
				      i + 1 < RATING_OUTCOMES ? "," : ";");
	}
	if (n < size)
		snprintf(out + n, size - n, " продукт с положительным заключением — уровень +%d.", w->product);
}

/* --- breakdowns from closed lists --------------------------------------- */

/* Positions, grouped as the staff tables group them. */
static const struct enum_opt positions[] = {
	{ "teacher", "учителя" },
	{ "educator", "воспитатели" },
	{ "specialist", "психологи, логопеды, дефектологи, тьюторы" },
	{ "additional", "педагоги доп. образования, методисты" },
	{ "manager", "руководители и заместители" },
	{ "other", "другие должности или не указана" },
	{ NULL, NULL }
};

/* Subjects by their subject area (ФГОС). */
static const struct enum_opt subjects[] = {
	{ "primary", "начальные классы" },
	{ "russian", "русский и родной язык, литература" },
	{ "foreign", "иностранные языки" },
	{ "math", "математика и информатика" },
	{ "social", "история, обществознание, география" },
	{ "science", "физика, химия, биология" },
	{ "arts", "искусство и технология" },
	{ "sport", "физическая культура, спорт и ОБЖ" },
	{ "other", "другие предметы или не указан" },
	{ NULL, NULL }
};

/* How a folded text finds its class: the first entry it begins with. */
struct class_prefix {
	const char *prefix;
	const char *code;
};

static const struct class_prefix position_prefixes[] = {
	{ "учитель-", "specialist" },        /* учитель-логопед, учитель-дефектолог */
	{ "учитель", "teacher" },
	{ "преподаватель", "teacher" },
	{ "воспитатель", "educator" },
	{ "старший воспитатель", "educator" },
	{ "младший воспитатель", "educator" },
	{ "педагог-психолог", "specialist" },
	{ "психолог", "specialist" },
	{ "логопед", "specialist" },
	{ "дефектолог", "specialist" },
	{ "социальный педагог", "specialist" },
	{ "тьютор", "specialist" },
	{ "педагог дополнительного", "additional" },
	{ "педагог-организатор", "additional" },
	{ "тренер", "additional" },
	{ "концертмейстер", "additional" },
	{ "музыкальный руководитель", "additional" },
	{ "инструктор", "additional" },
	{ "методист", "additional" },
	{ "старший методист", "additional" },
	{ "региональный методист", "additional" },
	{ "вожатый", "additional" },
	{ "старший вожатый", "additional" },
	{ "советник", "additional" },
	{ "директор", "manager" },
	{ "заведующ", "manager" },
	{ "заместитель", "manager" },
	{ "руководитель", "manager" },
	{ "начальник", "manager" },
	{ NULL, NULL }
};

static const struct class_prefix subject_prefixes[] = {
	{ "начальн", "primary" },
	{ "литературное чтение", "primary" },
	{ "русск", "russian" },
	{ "родн", "russian" },
	{ "литератур", "russian" },
	{ "английск", "foreign" },
	{ "немецк", "foreign" },
	{ "французск", "foreign" },
	{ "испанск", "foreign" },
	{ "китайск", "foreign" },
	{ "иностранн", "foreign" },
	{ "математ", "math" },
	{ "алгебр", "math" },
	{ "геометр", "math" },
	{ "информат", "math" },
	{ "робототехн", "math" },
	{ "истор", "social" },
	{ "обществ", "social" },
	{ "право", "social" },
	{ "экономик", "social" },
	{ "географ", "social" },
	{ "туризм", "social" },
	{ "краевед", "social" },
	{ "физическ", "sport" },
	{ "физкульт", "sport" },
	{ "обж", "sport" },
	{ "обзр", "sport" },
	{ "основы безопасности", "sport" },
	{ "футбол", "sport" },
	{ "лёгкая атлетика", "sport" },
	{ "шахмат", "sport" },
	{ "спорт", "sport" },
	{ "физика", "science" },
	{ "хими", "science" },
	{ "биолог", "science" },
	{ "естеств", "science" },
	{ "астроном", "science" },
	{ "окружающ", "science" },
	{ "музык", "arts" },
	{ "изо", "arts" },
	{ "изобразит", "arts" },
	{ "искусств", "arts" },
	{ "мхк", "arts" },
	{ "хореограф", "arts" },
	{ "вокал", "arts" },
	{ "технолог", "arts" },
	{ "техническ", "arts" },
	{ "труд", "arts" },
	{ "черчен", "arts" },
	{ NULL, NULL }
};

static const struct analytics_breakdown breakdowns[BY__COUNT] = {
	[BY_NONE] = { "none", "без разреза", NULL, NULL },
	[BY_POSITION] = { "position", "по должностям", "Должность", positions },
	[BY_SUBJECT] = { "subject", "по предметам", "Предмет", subjects },
	[BY_FORM] = { "form", "по формам диагностики", "Форма диагностики", diag_forms },
};

const struct analytics_breakdown *analytics_breakdown(int by)
{
	return by >= 0 && by < BY__COUNT ? &breakdowns[by] : &breakdowns[BY_NONE];
}

int analytics_breakdown_parse(const char *code)
{
	for (int by = 0; code && by < BY__COUNT; by++)
		if (strcmp(breakdowns[by].code, code) == 0)
			return by;
	return -1;
}

int analytics_nclasses(int by)
{
	int n = 0;
	const struct enum_opt *o = analytics_breakdown(by)->classes;

	while (o && o[n].code)
		n++;
	return n;
}

static int class_index(const struct enum_opt *classes, const char *code)
{
	for (int i = 0; classes[i].code; i++)
		if (strcmp(classes[i].code, code) == 0)
			return i + 1;
	return 0;
}

int analytics_class_of(int by, const char *raw)
{
	const struct class_prefix *p = by == BY_POSITION ? position_prefixes : subject_prefixes;
	const struct enum_opt *classes = analytics_breakdown(by)->classes;
	int n = analytics_nclasses(by), c = 0;
	char *text, *folded;

	if (by == BY_NONE || classes == NULL)
		return 0;
	if (raw == NULL)
		return n;
	if (by == BY_FORM) {
		c = class_index(classes, raw);
		return c ? c : n;
	}
	/* The first subject (or position) of a list; the prefixes folded
	 * once for the process. */
	text = xstrndup(raw, strcspn(raw, ",;"));
	folded = text_fold(text);
	for (int i = 0; p[i].prefix && c == 0; i++) {
		static char *keys[2][64];
		char **key = &keys[by == BY_POSITION][i < 64 ? i : 63];
		char *own = NULL;
		if (i >= 63)
			key = &own;   /* (past the kept ones: folded each time) */
		if (*key == NULL)
			*key = text_fold(p[i].prefix);
		if (strncmp(folded, *key, strlen(*key)) == 0)
			c = class_index(classes, p[i].code);
		free(own);
	}
	free(folded);
	free(text);
	return c ? c : n;
}
