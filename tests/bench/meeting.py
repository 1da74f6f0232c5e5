#!/usr/bin/python3
"""The meeting mode's goal (issue 13): keys per person when a methodist
ticks the participants of a meeting, measured from outside the program in
a pty at 80x24 (tests/bench/session.py's Session), as a user who reads
the screen would type them.

Thirty people of the region, seven of whom share a surname (made through
the CLI import, as a region's file would bring them), the others spread
over the register. For each: the first three letters of the surname, then
only what the screen needs — Enter when one person matches; with several,
Enter, PgDn until the person is among the nine numbered rows, and his
digit. The keys after the three letters are counted, and the Esc and Enter
that record everyone on leaving are shared among the thirty. The goal: at
most 4 keys per person; all thirty participations written. The person
who took the most keys is named under the table, with his three letters
and how many they found, to tell why.

    meeting.py BUILD RESULTS DB
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyte  # noqa: E402
import session  # noqa: E402
from session import sql  # noqa: E402


class RepScreen(pyte.Screen):
    """pyte knows neither SU/SD (CSI n S, CSI n T: scroll the region),
    which ncurses sends when a list scrolls, nor xterm's REP (CSI n b: the
    last character n more times): without them the model keeps stale cells
    and the names read from it are wrong."""
    last = " "

    def _scroll(self, count, up):
        y, x = self.cursor.y, self.cursor.x
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        for _ in range(max(1, count)):
            self.cursor.y = bottom if up else top
            self.index() if up else self.reverse_index()
        self.cursor.y, self.cursor.x = y, x

    def scroll_up(self, count=1, *args, **kwargs):
        self._scroll(count, True)

    def scroll_down(self, count=1, *args, **kwargs):
        self._scroll(count, False)

    def draw(self, data):
        if data:
            self.last = data[-1]
        super().draw(data)

    def repeat_last(self, count=1, *args, **kwargs):
        super().draw(self.last * max(1, count))


class RepStream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, b="repeat_last", S="scroll_up", T="scroll_down")



def app(db, login):
    s = session.app(db, login)
    s.screen = RepScreen(session.COLS, session.ROWS)
    s.stream = RepStream(s.screen)
    return s

NAMESAKES = ["Анна", "Вера", "Галина", "Дарья", "Елена", "Жанна", "Зоя"]


def fixture(db):
    """Seven «Кравцова» in seven schools, through `marshrut import
    persons`; then 23 more people spread over the register by id. Returns
    [(surname, full name, year of birth)] for the thirty."""
    orgs = sql(db, "SELECT code FROM organisation WHERE archived = 0 AND code LIKE 'OO%' ORDER BY id LIMIT 7").split()
    csv = db + ".namesakes.csv"
    with open(csv, "w") as f:
        f.write("Табельный номер;Фамилия;Имя;Отчество;Дата рождения;Организация;Должность\n")
        for i, (name, org) in enumerate(zip(NAMESAKES, orgs)):
            f.write("ТН-7790%d;Кравцова;%s;Петровна;0%d.03.198%d;%s;учитель\n" % (i, name, i + 1, i, org))
    r = subprocess.run([session.BIN, "-c", session.CONF, "--db", db, "--as", "regional", "import", "persons", csv],
                       capture_output=True, text=True)
    os.unlink(csv)
    if r.returncode != 0:
        raise RuntimeError("import of the namesakes failed: " + r.stdout + r.stderr)
    rows = sql(db, "SELECT surname, surname || ' ' || name || coalesce(' ' || nullif(patronymic, ''), ''),"
                   " coalesce(substr(birth_date, 1, 4), '') FROM person WHERE surname = 'Кравцова' ORDER BY id")
    people = [tuple(l.split("|")) for l in rows.splitlines()]
    total = int(sql(db, "SELECT count(*) FROM person WHERE archived = 0 AND surname <> 'Кравцова'"))
    rows = sql(db, "SELECT surname, surname || ' ' || name || coalesce(' ' || nullif(patronymic, ''), ''),"
                   " coalesce(substr(birth_date, 1, 4), '') FROM (SELECT *, row_number() OVER (ORDER BY id) AS n"
                   " FROM person WHERE archived = 0 AND surname <> 'Кравцова') WHERE n %% %d = 1 LIMIT 23"
               % max(1, total // 23))
    people += [tuple(l.split("|")) for l in rows.splitlines()]
    return people


def row_number(text, full, year):
    """The digit of the chooser's row showing this person (his name whole,
    or shortened with «…», and his year of birth), or None."""
    for line in text.splitlines():
        # "  x 1 >  Name…": the number, the selection mark (">" on the
        # highlighted row), the tick if any, the name.
        m = re.match(r"^.{2}x ([1-9]) [> ] *(?:✓ )?(\S.*)$", line.rstrip())
        if not m:
            continue
        rest = m.group(2)
        cut = rest.split("…")[0] if "…" in rest.split("  ")[0] else None
        same = rest.startswith(full + " ") or (cut is not None and full.startswith(cut))
        if same and (not year or year in rest):
            return m.group(1)
    return None


def measure(db):
    event = sql(db, "SELECT id FROM event WHERE title = 'Школа молодого педагога'")
    teachers = int(sql(db, "SELECT count(*) FROM person"))
    people = fixture(db)
    s = app(db, "regional")
    s.wait_text("главное меню")
    for ch in "Отметка":
        s.send(ch)
    s.send("Enter")
    s.wait_text("Мероприятие (начните печатать название)")
    for ch in "Школа молод":
        s.send(ch)
    s.wait_text("Поиск: Школа молод_")
    s.send("Enter")
    s.wait_text("Роль: участник")
    per, found_of = [], []
    for i, (surname, full, year) in enumerate(people, 1):
        for ch in surname[:3]:
            s.send(ch)
        s.wait_text("Поиск: %s_" % surname[:3])
        found = int(re.search(r"найдено: (\d+) ", s.text()).group(1))
        keys = 1
        s.send("Enter")
        if found > 1:
            s.wait_text("кого отметить?")
            while True:
                d = row_number(s.text(), full, year)
                if d:
                    s.send(d)
                    keys += 1
                    break
                s.send("PgDn")
                keys += 1
                s.settle()
                if keys > 12:
                    raise RuntimeError("%s not found in the choice:\n%s" % (full, s.text()))
        s.wait_text("Отмечено: %d " % i)
        per.append(keys)
        found_of.append(found)
    s.send("Esc")
    s.wait_text("Записать отмеченных (%d)?" % len(people))
    s.send("Enter")
    s.wait_text("главное меню")
    s.close()
    written = int(sql(db, "SELECT count(DISTINCT person_id) FROM participation WHERE event_id = %s" % event))
    namesakes = int(sql(db, "SELECT count(*) FROM participation x JOIN person p ON p.id = x.person_id"
                            " WHERE x.event_id = %s AND p.surname = 'Кравцова'" % event))
    worst = per.index(max(per))
    return {"people": len(people), "mean": (sum(per) + 2) / len(people), "max": max(per),
            "worst": "%s («%s», found %d)" % (people[worst][1], people[worst][0][:3], found_of[worst]),
            "spread": ", ".join("%d: %d" % (k, per.count(k)) for k in sorted(set(per))),
            "namesakes_max": max(per[:len(NAMESAKES)]), "written": written, "namesakes_written": namesakes,
            "teachers": teachers}


def main():
    session.use_build(sys.argv[1])
    results, db = sys.argv[2], sys.argv[3]
    work = db + ".meeting"
    shutil.copyfile(db, work)
    try:
        r = measure(work)
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(work + suffix):
                os.unlink(work + suffix)
    lines = []

    def row(label, value, target, ok):
        lines.append("| %-52s | %9s | %-8s | %s |" % (label, value, target, "ok" if ok else "MISSES"))

    lines.append("Meeting mode in a pty, %dx%d, TERM=%s, as regional on a region of %d teachers (+7 made):" %
                 (session.COLS, session.ROWS, session.TERM, r["teachers"]))
    lines.append("%d people of whom %d share a surname; 3 letters of the surname, then the keys counted." %
                 (r["people"], len(NAMESAKES)))
    lines.append("")
    row("keys per person after 3 letters, most", "%d" % r["max"], "<= 4", r["max"] <= 4)
    row("  of the namesakes, most", "%d" % r["namesakes_max"], "<= 4", r["namesakes_max"] <= 4)
    row("keys per person, mean (Esc, Enter to record shared)", "%.2f" % r["mean"], "<= 4", r["mean"] <= 4)
    row("participations written", "%d" % r["written"], "%d" % r["people"], r["written"] == r["people"])
    row("  of the namesakes", "%d" % r["namesakes_written"], "%d" % len(NAMESAKES),
        r["namesakes_written"] == len(NAMESAKES))
    lines.append("")
    lines.append("Most keys: %s; people by keys: %s." % (r["worst"], r["spread"]))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(results, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
