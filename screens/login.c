/* Password mode: the login form behind one shared SSH account. */
#include "screens/screens.h"
#include "auth.h"
#include "sshcmd.h"
#include "util.h"

#include <form.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *field_text(FIELD *f)
{
	char *v = xstrdup(field_buffer(f, 0));
	size_t n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		v[--n] = '\0';
	return v;
}

bool screen_login(struct store *st, char *login, size_t n)
{
	FIELD *fields[3];
	FORM *form;
	WINDOW *win;
	bool ok = false, done = false;
	char msg[200] = "";

	fields[0] = new_field(1, 32, 3, 14, 0, 0);
	fields[1] = new_field(1, 32, 5, 14, 0, 0);
	fields[2] = NULL;
	for (int i = 0; i < 2; i++) {
		field_opts_off(fields[i], O_AUTOSKIP | O_BLANK | O_STATIC);
		set_field_back(fields[i], A_UNDERLINE);
	}
	/* The field scrolls: any password user add accepts can be typed. */
	set_max_field(fields[0], AUTH_MAX_LOGIN);
	set_max_field(fields[1], AUTH_MAX_PASSWORD);
	field_opts_off(fields[1], O_PUBLIC);
	form = new_form(fields);
	win = newwin(10, 52, (LINES - 10) / 2, (COLS - 52) / 2);
	keypad(win, TRUE);
	set_form_win(form, win);
	set_form_sub(form, derwin(win, 8, 50, 1, 1));
	/* Backspace at the password's start stays in it (form_opts(3X)). */
	form_opts_off(form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	post_form(form);
	curs_set(1);
	while (!done) {
		struct ui_key k;
		box(win, 0, 0);
		ui_put(win, 0, 2, "Маршрут — вход", 40, A_BOLD);
		ui_put(win, 4, 2, "Логин", 10, A_NORMAL);
		ui_put(win, 6, 2, "Пароль", 10, A_NORMAL);
		mvwhline(win, 8, 1, ' ', 50);
		ui_put(win, 7, 2, msg, 48, A_BOLD);
		ui_put(win, 8, 2, msg[0] ? "После 5 ошибок вход закрыт на 15 минут"
		       : "Enter — войти, F10 — выход", 48, A_DIM);
		pos_form_cursor(form);
		wnoutrefresh(win);
		doupdate();
		k = ui_read_key();
		switch (k.code) {
		case UI_KEY_IDLE:
			break;
		case UI_KEY_HANGUP:
		case UI_KEY_ESC:
		case KEY_F(10):
			done = true;
			break;
		case KEY_ENTER:
			if (current_field(form) == fields[0]) {
				form_driver(form, REQ_NEXT_FIELD);
				break;
			}
			/* fall through */
		case KEY_F(2): {
			char *l, *p;
			int delay;
			enum auth_result r;
			form_driver(form, REQ_VALIDATION);
			l = field_text(fields[0]);
			p = field_text(fields[1]);
			r = auth_login(st, l, p, sshcmd_client(), &delay);
			explicit_bzero(p, strlen(p));
			free(p);
			if (r == AUTH_OK) {
				strlcpy0(login, l, n);
				ok = done = true;
			} else {
				snprintf(msg, sizeof msg, "%s", auth_result_text(r));
				set_field_buffer(fields[1], 0, "");
				ui_put(win, 8, 2, "Проверка...", 48, A_DIM);
				wnoutrefresh(win);
				doupdate();
				sleep((unsigned)delay);   /* a growing pause between attempts */
				flushinp();
			}
			free(l);
			break;
		}
		case KEY_DOWN:
		case KEY_UP:
		case KEY_BTAB:
			form_driver(form, REQ_NEXT_FIELD);
			break;
		case KEY_BACKSPACE:
			form_driver(form, REQ_DEL_PREV);
			break;
		case KEY_LEFT:
			form_driver(form, REQ_PREV_CHAR);
			break;
		case KEY_RIGHT:
			form_driver(form, REQ_NEXT_CHAR);
			break;
		case 0:
			if (k.ch == '\t')
				form_driver(form, REQ_NEXT_FIELD);
			else if (k.ch == 127 || k.ch == 8)
				form_driver(form, REQ_DEL_PREV);
			else if (k.ch >= 32)
				form_driver_w(form, OK, (wchar_t)k.ch);
			break;
		default:
			break;
		}
	}
	curs_set(0);
	unpost_form(form);
	delwin(form_sub(form));
	free_form(form);
	free_field(fields[0]);
	free_field(fields[1]);
	delwin(win);
	touchwin(stdscr);
	return ok;
}
