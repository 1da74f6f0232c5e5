/* Loading a spreadsheet (CSV or .xlsx) into the register, for the regional centre
 * and the admin: the same import as «marshrut import». The file is first
 * checked (nothing written) and the report shown; F2 then writes it — all
 * rows, or, when some are wrong and the user agrees, the others. */
#include "screens/screens.h"
#include "ui/ask.h"
#include "csvin.h"
#include "import.h"
#include "sshcmd.h"
#include "progress.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_WRITE = 1, C_FILE };

static const struct keydef keys[] = {
	{ KEY_F(1), CMD_HELP, "Помощь", "справка по клавишам" },
	{ KEY_F(2), C_WRITE, "Запись", "записать проверенный файл в реестр" },
	{ KEY_F(5), C_FILE, "Файл", "выбрать другой вид данных и файл" },
	{ KEY_F(10), CMD_QUIT, "Выход", "вернуться в главное меню" },
	{ UI_KEY_ESC, CMD_QUIT, NULL, "Esc — назад" },
	{ KEY_DOWN, CMD_NONE, NULL, "стрелки, PgDn/PgUp — прокрутка отчёта" },
	{ 0, 0, NULL, NULL }
};


struct imp {
	struct session *ss;
	enum import_what what;
	char *path;
	char *report;     /* the last report, as text, sanitised */
	bool checked;     /* the file was read and may be written */
	bool written;     /* the last run committed something */
	bool stopped;     /* the last run was stopped by the user (Esc) */
	int bad;          /* rows with problems in the check */
	int scroll;
};

/* Read the file and import it with these options; the report replaces the
 * one shown. Returns whether the file could be read and understood. */
static bool run(struct imp *st, bool dry_run, bool skip_bad)
{
	struct import_opts o = { dry_run, skip_bad };
	struct import_report r;
	char err[600], *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	bool ok = false;
	struct progress pr;
	int rc;

	st->written = false;
	st->stopped = false;
	if (out == NULL)
		return false;
	/* The old report goes: it is not about what is being done now. The
	 * panel shows how far the work is, and Esc stops it. */
	free(st->report);
	st->report = NULL;
	ui_progress_begin(&pr, dry_run ? "Проверка" : "Импорт", "строк", "Чтение файла…");
	fprintf(out, "%s из %s\n", import_what_label(st->what), st->path);
	rc = import_file(st->ss->store, st->ss->cfg, &st->ss->actor, st->what, st->path, CSV_ENC_AUTO, 0, &o, &pr,
			 &r, err, sizeof err);
	if (rc == -2) {
		fprintf(out, "Файл не прочитан: %s\n", err);
	} else {
		char how[80];
		fprintf(out, "Прочитано: %s.\n", import_format_text(&r, how, sizeof how));
		if (rc != 0) {
			fprintf(out, "Ошибка базы: %s\n", store_errmsg(st->ss->store));
		} else {
			import_report_print(&r, &o, out);
			ok = r.header_ok && r.rows > 0 && !r.stopped && !r.unreadable && !r.failed;
			st->bad = r.bad;
			st->written = r.written;
			st->stopped = r.stopped;
		}
		import_report_free(&r);
	}
	ui_progress_end(&pr);
	fclose(out);
	free(st->report);
	/* The report holds the file's own text: sanitised once, before it is drawn. */
	st->report = text_sanitize_lines(buf);
	free(buf);
	st->scroll = 0;
	return ok;
}

/* Choose what and which file, then check it. */
static void choose(struct imp *st)
{
	const char *home = getenv("HOME");
	char *def, *path;
	const char *labels[IMPORT__COUNT];
	int w;

	for (int i = 0; i < IMPORT__COUNT; i++)
		labels[i] = import_what_label((enum import_what)i);
	w = ui_pick("Что загрузить", labels, IMPORT__COUNT, (int)st->what);

	if (w < 0)
		return;
	def = st->path ? xstrdup(st->path) : xasprintf("%s/", home && *home ? home : ".");
	path = ui_prompt("Файл CSV («CSV UTF-8» или с «;») или книга Excel .xlsx", def);
	free(def);
	if (path == NULL || path[0] == '\0') {
		free(path);
		return;
	}
	st->what = (enum import_what)w;
	free(st->path);
	st->path = path;
	st->checked = run(st, true, false);
	if (st->stopped)
		ui_set_status("Проверка прервана, ничего не записано");
}

static bool first_choice(struct screen *sc)
{
	choose(sc->state);
	sc->dirty = true;
	return false;
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct imp *st = sc->state;
	struct text_lines l = { NULL, 0, 0 };
	int h = getmaxy(w), cols = getmaxx(w);

	if (st->report == NULL) {
		char *note = sshcmd_upload_note(st->ss->cfg, st->ss->real_login,
						import_what_name(st->what));
		ui_put(w, 1, 2, "F5 — выбрать вид данных и файл на сервере", cols - 4, A_BOLD);
		if (note) {
			text_wrap(note, cols - 4, cols - 4, &l);
			for (int y = 0; y < l.n && 3 + y < h; y++)
				ui_put(w, 3 + y, 2, l.v[y], cols - 4, A_NORMAL);
			text_lines_free(&l);
			free(note);
		}
		return;
	}
	text_wrap(st->report, cols - 2, cols - 4, &l);
	ui_scroll_clamp(&st->scroll, l.n, h - 1);
	for (int y = 0; y < h - 1 && st->scroll + y < l.n; y++)
		ui_put(w, y, 1, l.v[st->scroll + y], cols - 2, st->scroll + y == 0 ? A_BOLD : A_NORMAL);
	if (st->checked)
		ui_put(w, h - 1, 1, "F2 — записать в реестр", cols - 2, A_DIM);
	text_lines_free(&l);
}

static bool key(struct screen *sc, int cmd, struct ui_key k)
{
	struct imp *st = sc->state;

	sc->dirty = true;
	switch (cmd) {
	case C_FILE:
		ui_clear_status();   /* an older complaint does not stand under a new check */
		choose(st);
		return true;
	case C_WRITE:
		if (!st->checked) {
			ui_set_error("Сначала выберите файл, который читается без ошибок в заголовках (F5)");
			return true;
		}
		{
			/* Writing adds rows and destroys nothing: Enter writes,
			 * Esc cancels. */
			static const char *const answers[] = { "Записать", "Отмена" };
			char *q = st->bad > 0
				? xasprintf("Строк с ошибками: %d. Записать остальные строки, пропустив их?", st->bad)
				: xstrdup("Записать файл в реестр?");
			int a = ui_ask("Загрузка таблицы", q, answers, 2, 0, 1);
			free(q);
			if (a != 0)
				return true;
		}
		run(st, false, st->bad > 0);
		st->checked = false;   /* a second time: check the file again (F5) */
		if (st->stopped)
			ui_set_status("Импорт прерван, ничего не записано");
		else if (st->written)
			ui_set_status("Файл записан; отчёт — на экране");
		else
			ui_set_error("Ничего не записано: причина — в отчёте на экране");
		return true;
	default:
		break;
	}
	ui_scroll_key(&st->scroll, k);
	return true;
}

static void free_state(struct screen *sc)
{
	struct imp *st = sc->state;

	free(st->path);
	free(st->report);
	free(st);
}

static const struct screen_ops ops = { "import", keys, draw, key, NULL, free_state, NULL, NULL };

struct screen *screen_import(struct session *ss)
{
	struct imp *st = xcalloc(1, sizeof *st);
	struct screen *sc = screen_new(&ops, st, "Загрузка таблиц (CSV, Excel)");

	st->ss = ss;
	st->what = IMPORT_PERSONS;
	sc->work = first_choice;   /* after the first draw: the upload command shows behind the picker */
	return sc;
}
