/* The baselines the session benchmarks are divided by, measured in the
 * same run on the same machine (its speed drifts):
 *   baseline curses DB   — a minimal ncursesw + SQLite program: opens the
 *                          file, reads one figure, draws one line, waits for
 *                          a key. Its time to first screen and its peak RSS
 *                          are what "minimal" costs here.
 *   baseline inserts DB N — N plain SQLite inserts, one transaction each,
 *                          into a scratch table of the file: saves/s of the
 *                          bare library. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int curses_mode(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return 1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM person", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvprintw(0, 0, "Базовая программа готова: %ld педагогов", n);
	refresh();
	getch();
	endwin();
	sqlite3_close(db);
	return 0;
}

static int inserts_mode(const char *path, int n)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct timespec a, b;
	double s;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return 1;
	sqlite3_busy_timeout(db, 5000);
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		     "CREATE TABLE IF NOT EXISTS bench_scratch (id INTEGER PRIMARY KEY, v TEXT)",
		     NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO bench_scratch (v) VALUES (?)", -1, &st, NULL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < n; i++) {
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_text(st, 1, "Иванова Анна Сергеевна", -1, SQLITE_STATIC);
		sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	sqlite3_finalize(st);
	sqlite3_exec(db, "DROP TABLE bench_scratch", NULL, NULL, NULL);
	sqlite3_close(db);
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("%.1f\n", n / s);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc == 3 && strcmp(argv[1], "curses") == 0)
		return curses_mode(argv[2]);
	if (argc == 4 && strcmp(argv[1], "inserts") == 0)
		return inserts_mode(argv[2], atoi(argv[3]));
	fputs("usage: baseline curses DB | baseline inserts DB N\n", stderr);
	return 2;
}
