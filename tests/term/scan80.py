"""Check screens captured at 80x24 (by scan80.sh) for text cut at the edge
or inside a word. Usage: python3 -B scan80.py TOP DATABASE CAPTURE...

Each capture starts with a line "@@ role: where", then the screen as
tmux capture-pane prints it (no attributes, trailing blanks dropped).

Two rules, both strict and without guesses:

1. The edge. A line whose text reaches the last column (80) must end with
   "…": the program never fills a whole line, so text that touches the edge
   was cut there by the drawing (ui_put stops at the window's edge without a
   mark). The key bar (the last line) is laid out in fixed cells by ui.c and
   is left to rule 2.

2. Whole words. Every word on the screen (a run of letters) must be a whole
   word of the program's own strings (the text of its sources under TOP:
   labels, headers, help, messages, the seeded catalogues, the config) or
   of the data (every text value in the database the scan ran on), unless a
   "…" follows it, which marks a shortened cell. (The sources, not the
   binary: the linker keeps "очно" only as the tail of "заочно".) A word
   that touches a box-drawing character is hidden in part by a dialog drawn
   over it, and is not judged; nor is an initial (one capital letter and
   a dot, «Ершов Ф. М.»), which no cut can make. A label cut by a narrow column («Наставник
   привлечён извн», «педагог-методис», «Компетенци») leaves a word that is
   neither, so it fails even when the cut is not at the edge. Letter case is
   ignored. (The program runs under TERM=screen, so that boxes are drawn
   with box-drawing characters, not the ACS letters tmux shows under xterm.)
"""
import glob
import os
import re
import sqlite3
import sys
import unicodedata

WORD = re.compile(r"[^\W\d_]+")


def words_of(text, into):
    for w in WORD.findall(text):
        into.add(w.casefold())


def is_box(c):
    return c != "" and 0x2500 <= ord(c) <= 0x257F


def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def main():
    top, db, caps = sys.argv[1], sys.argv[2], sys.argv[3:]
    known = set()
    for pattern in ("src/**/*.[ch]", "screens/*.[ch]", "conf/**/*"):
        for path in filter(os.path.isfile, glob.glob(os.path.join(top, pattern), recursive=True)):
            with open(path, encoding="utf-8", errors="replace") as f:
                words_of(f.read(), known)
    con = sqlite3.connect(db)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for t in tables:
        for row in con.execute('SELECT * FROM "%s"' % t.replace('"', '""')):
            for v in row:
                if isinstance(v, str):
                    words_of(v, known)
    bad = 0
    for path in caps:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        where, screen = lines[0][3:], lines[1:25]
        faults = []
        for y, line in enumerate(screen, 1):
            if y < 24 and width(line) >= 80 and not line.endswith("…"):
                faults.append("line %d reaches column 80 without «…»" % y)
            for m in WORD.finditer(line):
                w = m.group(0)
                after = line[m.end():m.end() + 1]
                before = line[m.start() - 1:m.start()] if m.start() else ""
                if after == "…" or is_box(after) or is_box(before):
                    continue
                # An initial («Ершов Ф. М.»): one letter and a dot.
                if len(w) == 1 and after == "." and w.isupper():
                    continue
                if w.casefold() not in known:
                    faults.append("line %d: «%s» is not a whole word" % (y, w))
        if faults:
            bad += 1
            print("--- %s" % where)
            for f in faults:
                print("    " + f)
            for y, line in enumerate(screen, 1):
                print("%2d|%s" % (y, line))
    print("scan80: %d screens checked, %d with faults" % (len(caps), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
