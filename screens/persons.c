/* The register of teachers: a paged list with type-to-search in Cyrillic and
 * filters (organisation, subject, category), limited to the user's scope. */
#include "screens/screens.h"
#include "ui/list.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_OPEN = 1, C_EDIT, C_NEW, C_ARCHIVE, C_SEARCH, C_ORG, C_SUBJECT, C_CATEGORY, C_ARCHIVED, C_CLEAR };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_CATEGORY, "Катег.", "фильтр по квалификационной категории" },
	{ KEY_F(3), C_ARCHIVED, "Архив", "показать архив / действующих" },
	{ KEY_F(4), C_EDIT, "Правка", "изменить справку выбранного педагога" },
	{ KEY_F(5), C_ORG, "Орг-ция", "фильтр по организации" },
	{ KEY_F(6), C_SUBJECT, "Предмет", "фильтр по предмету" },
	{ KEY_F(7), C_NEW, "Новый", "добавить педагога (в списке действующих)" },
	{ KEY_F(8), C_ARCHIVE, "В архив", "перенести в архив (или вернуть из архива)" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться назад" },
	{ KEY_ENTER, C_OPEN, NULL, "открыть информационную справку" },
	{ '/', C_SEARCH, NULL, "поиск по фамилии (или просто начните печатать)" },
	{ UI_KEY_ESC, C_CLEAR, NULL, "Esc — сбросить поиск и фильтры, затем из архива к действующим, затем назад" },
	{ KEY_NPAGE, CMD_NONE, NULL, "PgDn/PgUp, Home/End, стрелки — по списку" },
	{ 0, 0, NULL, NULL }
};

struct persons {
	struct session *ss;
	struct store_scope sc;
	struct person_filter f;
	char search[128];
	char subject[128];
	char category[16];
	char org_name[160];
	char title[200];              /* of the active list */
	char archive_title[220];      /* of the archive view: «Архив: …» */
	struct ui_list list;
};

static int fetch(void *ctx, const struct page_req *r, struct page *out)
{
	struct persons *st = ctx;
	return store_person_page(st->ss->store, &st->sc, &st->f, r, out);
}

static int count(void *ctx, int *n)
{
	struct persons *st = ctx;
	return store_person_count(st->ss->store, &st->sc, &st->f, n);
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct persons *st = sc->state;
	char line[512];
	int h = getmaxy(w), cols = getmaxx(w);

	ui_list_draw(&st->list, w, 2, h - 2);   /* first: it loads the rows and the count */
	snprintf(line, sizeof line, "Поиск: %s%s", st->search, st->search[0] ? "" : "(начните печатать фамилию)");
	ui_put(w, 0, 1, line, cols / 2 - 1, st->search[0] ? A_BOLD : A_DIM);
	snprintf(line, sizeof line, "%s: %d", st->f.archived ? "В архиве" : "Найдено", st->list.total);
	ui_put(w, 0, cols - 22, line, 21, A_NORMAL);
	snprintf(line, sizeof line, "Орг.: %s  Предмет: %s  Категория: %s",
		 st->f.org_id ? st->org_name : "все", st->subject[0] ? st->subject : "все",
		 st->category[0] ? model_enum_label(model_categories, st->category) : "все");
	ui_put(w, 1, 1, line, cols - 2, A_DIM);
}

static void reload(struct screen *sc)
{
	struct persons *st = sc->state;
	ui_list_reload(&st->list);
}

/* May the user give cmd here (on the highlighted teacher, or anywhere
 * when none is)? One rule for the key bar (why NULL) and the refusal. */
static bool may(struct persons *st, int cmd, const char **why)
{
	const struct list_row *r = ui_list_current(&st->list);

	switch (cmd) {
	case C_EDIT:
		return access_may(st->ss, P_PERSON_EDIT, r ? r->id : 0, why);
	case C_NEW:
		/* A new teacher joins the active list, not the archive. */
		if (st->f.archived) {
			if (why)
				*why = "В архиве новых педагогов не добавляют: F3 или Esc — к действующим";
			return false;
		}
		return access_may(st->ss, P_PERSON_CREATE, 0, why);
	case C_ARCHIVE:
		return access_may(st->ss, P_PERSON_ARCHIVE, r ? r->id : 0, why);
	default:
		return true;
	}
}

static bool offers(struct screen *sc, int cmd)
{
	struct persons *st = sc->state;

	/* Editing and archiving need a teacher highlighted. */
	if ((cmd == C_EDIT || cmd == C_ARCHIVE) && ui_list_current(&st->list) == NULL)
		return false;
	return may(st, cmd, NULL);
}

/* In the archive view F8 returns a teacher and F3 goes back. */
static const char *bar_label(struct screen *sc, int cmd)
{
	struct persons *st = sc->state;

	if (!st->f.archived)
		return NULL;
	return cmd == C_ARCHIVE ? "Вернуть" : cmd == C_ARCHIVED ? "Действ." : NULL;
}

/* Into or out of the archive view: the list from its start, the title
 * saying which. */
static void show_archive(struct screen *sc, bool on)
{
	struct persons *st = sc->state;

	st->f.archived = on;
	strlcpy0(sc->title, on ? st->archive_title : st->title, sizeof sc->title);
	ui_list_reset(&st->list);
}

static const char *nobody(struct persons *st)
{
	return st->f.archived ? "В архиве никого не найдено" : "Никого не найдено: выбрать некого";
}

static void archive(struct persons *st)
{
	const struct list_row *r = ui_list_current(&st->list);
	struct record rec;
	const char *why;
	char q[300];
	int rc;

	if (!may(st, C_ARCHIVE, &why)) {
		ui_set_error("%s", why);
		return;
	}
	if (r == NULL) {
		ui_set_error("%s", nobody(st));
		return;
	}
	if (store_get(st->ss->store, &model_person, NULL, r->id, &rec) != ST_OK)
		return;
	snprintf(q, sizeof q, "%s «%s»?", rec.archived ? "Вернуть из архива" : "Перенести в архив", r->cols[0]);
	if (ui_confirm(q)) {
		rc = store_set_archived(st->ss->store, &st->ss->actor, &model_person, rec.id, rec.version,
					!rec.archived);
		if (rc == ST_OK) {
			ui_set_status("%s: %s", rec.archived ? "Возвращён из архива" : "Перенесён в архив", r->cols[0]);
			ui_list_reload(&st->list);
		} else {
			screen_store_error(st->ss, rc);
		}
	}
	record_free(&rec);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct persons *st = sc->state;
	const struct list_row *r = ui_list_current(&st->list);
	const char *why;
	char *text;

	sc->dirty = true;
	switch (cmd) {
	case C_OPEN:
		if (r)
			ui_push(screen_person_card(st->ss, r->id));
		return true;
	case C_EDIT:
		if (!may(st, C_EDIT, &why))
			ui_set_error("%s", why);
		else if (r == NULL)
			ui_set_error("%s", nobody(st));
		else
			ui_push(screen_record_form(st->ss, &model_person, r->id, 0, NULL, NULL));
		return true;
	case C_NEW:
		if (!may(st, C_NEW, &why))
			ui_set_error("%s", why);
		else
			ui_push(screen_record_form(st->ss, &model_person, 0, 0, NULL, NULL));
		return true;
	case C_ARCHIVE:
		archive(st);
		return true;
	case C_ARCHIVED:
		show_archive(sc, !st->f.archived);
		return true;
	case C_SEARCH:
		text = ui_prompt("Поиск по фамилии", st->search);
		if (text) {
			strlcpy0(st->search, text, sizeof st->search);
			free(text);
			ui_list_reset(&st->list);
		}
		return true;
	case C_ORG: {
		int64_t id = screen_pick_org(st->ss, P_PERSON_VIEW);
		char *name;
		st->f.org_id = id;
		name = store_ref_name(st->ss->store, "organisation", id);
		strlcpy0(st->org_name, name, sizeof st->org_name);
		free(name);
		ui_list_reset(&st->list);
		return true;
	}
	case C_SUBJECT:
		text = ui_prompt("Предмет (часть названия; пусто — все)", st->subject);
		if (text) {
			strlcpy0(st->subject, text, sizeof st->subject);
			st->f.subject = st->subject[0] ? st->subject : NULL;
			free(text);
			ui_list_reset(&st->list);
		}
		return true;
	case C_CATEGORY: {
		if (screen_pick_filter("Категория", "все категории", model_categories, st->category,
				       sizeof st->category)) {
			st->f.category = st->category[0] ? st->category : NULL;
			ui_list_reset(&st->list);
		}
		return true;
	}
	case C_CLEAR:
		/* Esc: the search and filters first, then out of the archive
		 * view, then back. */
		if (!st->search[0] && !st->f.org_id && !st->f.subject && !st->f.category) {
			if (!st->f.archived)
				return false;
			show_archive(sc, false);
			return true;
		}
		st->search[0] = st->subject[0] = st->category[0] = '\0';
		st->f.org_id = 0;
		st->f.subject = st->f.category = NULL;
		ui_list_reset(&st->list);
		return true;
	default:
		break;
	}
	ui_list_search_key(&st->list, st->search, sizeof st->search, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct persons *st = sc->state;
	ui_list_free(&st->list);
	access_scope_free(&st->sc);
	free(st);
}

static const struct screen_ops ops = { "persons", keys, draw, key, reload, free_state, NULL, NULL };

struct screen *screen_persons(struct session *ss, int64_t org_id)
{
	struct persons *st = xcalloc(1, sizeof *st);
	struct screen *sc;

	st->ss = ss;
	st->sc = access_scope(ss, P_PERSON_VIEW);
	st->f.search = st->search;
	st->f.org_id = org_id;
	if (org_id) {
		char *name = store_ref_name(ss->store, "organisation", org_id);
		strlcpy0(st->org_name, name, sizeof st->org_name);
		free(name);
	}
	{
		static const struct ui_column cols[] = {
			{ "ФИО", 9 },
			{ "Организация", 5 },
			{ "Должность", 4 },
			{ "Категория", 4 },
		};
		ui_list_setup(&st->list, fetch, count, st, cols, 4,
		              "Никого не найдено");
	}
	snprintf(st->title, sizeof st->title, "Педагоги%s%s", org_id ? ": " : "", org_id ? st->org_name : "");
	snprintf(st->archive_title, sizeof st->archive_title, "Архив: педагоги%s%s", org_id ? " — " : "",
		 org_id ? st->org_name : "");
	sc = screen_new(&ops, st, st->title);
	sc->offers = offers;
	sc->bar_label = bar_label;
	/* Loaded now: the key bar, drawn before the list, knows whether a
	 * teacher is highlighted. */
	ui_list_reset(&st->list);
	return sc;
}
