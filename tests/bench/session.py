#!/usr/bin/python3
"""Sessions in a pseudo-terminal: what the program costs a user on a slow
link and the server that carries a region (issue 7).

Runs the real binary in a pty at 80x24 with TERM=xterm (what PuTTY and most
clients send; byte counts depend on TERM), drives it with the keys the
terminal description names, counts the bytes it writes and feeds them to a
screen model (pyte) to know what text was shown. CPU time per key comes from
/proc/PID/schedstat (nanoseconds), peak memory from VmHWM. Baselines are
measured in the same run (tests/bench/baseline.c): ratios are what count.

    session.py BUILD RESULTS DB600 DB6000 DB30000 DB100000
"""
import curses
import os
import pty
import re
import select
import signal
import struct
import fcntl
import subprocess
import sys
import termios
import time

import pyte

COLS, ROWS, TERM = 80, 24, "xterm"
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.path.join(TOP, "conf", "marshrut.conf")
BIN = BASE = STRESS = None


def use_build(build):
    global BIN, BASE, STRESS
    BIN = os.path.join(TOP, build, "marshrut")
    BASE = os.path.join(TOP, build, "bench-baseline")
    STRESS = os.path.join(TOP, build, "stress")

curses.setupterm(TERM, sys.stdout.fileno() if sys.stdout.isatty() else os.open(os.devnull, os.O_WRONLY))


def cap(name):
    v = curses.tigetstr(name)
    return v if v else b""


KEYS = {
    "Down": cap("kcud1"), "Up": cap("kcuu1"), "Enter": b"\r", "Tab": b"\t",
    "Esc": b"\x1b", "PgDn": cap("knp"), "Home": cap("khome"), "End": cap("kend"),
}
for n in range(1, 13):
    KEYS["F%d" % n] = cap("kf%d" % n)


class Session:
    def __init__(self, argv):
        self.t0 = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            env = {"TERM": TERM, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.total = 0
        self.shown = set()

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return None
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return b""
        self.read_at = time.monotonic()
        self.total += len(data)
        self.stream.feed(data)
        return data

    def settle(self, quiet=0.12, limit=30.0):
        """Read until the program has been silent for `quiet` seconds."""
        got = b""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            d = self._read(quiet)
            if d is None:
                break
            if d == b"":
                break
            got += d
        self.remember()
        return got

    def wait_text(self, text, limit=30.0):
        end = time.monotonic() + limit
        got = b""
        while time.monotonic() < end:
            if text in self.text():
                return got + self.settle()
            d = self._read(0.05)
            if d == b"":
                break       # the program (or ssh) is gone
            if d:
                got += d
        raise RuntimeError("timed out waiting for %r; screen:\n%s" % (text, self.text()))

    def first_frame(self, texts, limit=30.0):
        """Seconds from launch to the first frame that shows every one of
        texts, no settle wait: the bytes are read and stamped in a tight
        loop, and the screen model is fed only while the program is
        quiet, so its cost never delays a stamp."""
        end = self.t0 + limit
        chunks = []
        while time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], 0.02)
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                if data:
                    chunks.append((time.monotonic(), data))
                    continue
                if not chunks:
                    break
            # Quiet (or gone): show the model what came, chunk by chunk;
            # the time is the stamp of the chunk that completed the texts,
            # and every chunk read is shown and counted.
            seen = None
            for t, data in chunks:
                self.total += len(data)
                self.stream.feed(data)
                if seen is None and all(x in self.text() for x in texts):
                    seen = t
            if seen is not None:
                self.remember()
                return seen - self.t0
            chunks = []
            if r:
                break   # end of file and the texts never shown
        raise RuntimeError("timed out waiting for %r; screen:\n%s" % (texts, self.text()))

    def until(self, cond, limit=10.0):
        """Seconds from now to the first frame for which cond(screen text)
        holds (the caller sends its key just before), stamped at the read
        that brought it; then the rest of the output is settled."""
        t0 = time.monotonic()
        end = t0 + limit
        while time.monotonic() < end:
            d = self._read(0.05)
            if d == b"":
                break
            if d and cond(self.text()):
                t = self.read_at - t0
                self.settle(0.05)
                return t
        raise RuntimeError("timed out; screen:\n%s" % self.text())

    def text(self):
        return "\n".join(self.screen.display)

    def remember(self):
        for line in self.screen.display:
            s = line.strip()
            if s:
                self.shown.add(s)

    def send(self, *names):
        for n in names:
            os.write(self.fd, KEYS.get(n, n.encode() if isinstance(n, str) else n))

    def press(self, name, quiet=0.12):
        """One key: its output, and the CPU the program spent on it (ns)."""
        c0 = self.cpu_ns()
        self.send(name)
        out = self.settle(quiet)
        return out, self.cpu_ns() - c0

    def cpu_ns(self):
        with open("/proc/%d/schedstat" % self.pid) as f:
            return int(f.read().split()[0])

    def hwm_kb(self):
        with open("/proc/%d/status" % self.pid) as f:
            m = re.search(r"VmHWM:\s+(\d+)", f.read())
        return int(m.group(1)) if m else 0

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            while self._read(0.2):
                pass
        except OSError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def app(db, login):
    return Session([BIN, "-c", CONF, "--db", db, "--as", login])


def cells(screen):
    return [tuple((c.data, c.fg, c.bg, c.reverse, c.bold) for c in
                  (screen.buffer[y][x] for x in range(COLS))) for y in range(ROWS)]


def on_selection(screen):
    """Whether the terminal's cursor is on the selected row (the list marks
    it with «>» in the first column), where screen readers look."""
    y = screen.cursor.y
    return 0 <= y < ROWS and screen.buffer[y][0].data == ">"


def median(v):
    v = sorted(v)
    return v[len(v) // 2] if v else 0


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))] if v else 0


def row_bytes(screen_lines, i):
    return len(screen_lines[i].rstrip().encode())


def sql(db, q):
    return subprocess.run(["sqlite3", "-batch", "-noheader", db, q], capture_output=True, text=True).stdout.strip()


def task_setup(db):
    """A running card gets one fresh roadmap row to mark (the demo's
    roadmaps are not filled in): its number and the row's id."""
    row = sql(db, "SELECT i.number, i.id FROM iom i JOIN person p ON p.id = i.person_id"
                  " WHERE i.status = 'in_progress' AND i.archived = 0 ORDER BY i.id LIMIT 1")
    number, iom = row.split("|")
    sql(db, "UPDATE iom_activity SET archived = 1 WHERE iom_id = %s;"
            " INSERT INTO iom_activity (iom_id, category, activity) VALUES (%s, 2, 'Семинар «Мотивация»')" % (iom, iom))
    return number, sql(db, "SELECT max(id) FROM iom_activity")


def run_task(s, number):
    """From the home screen: the ИОМ list, the card by its number, the
    roadmap, mark the row done, save, back home. Returns the bytes written
    and the bytes of the distinct text shown."""
    s.shown = set()
    n0 = s.total
    s.send("2")     # of 18 items «2» begins no longer number: it opens at once
    s.wait_text("Статус:")
    for ch in number:
        s.send(ch)
    s.wait_text("Найдено: 1")
    s.send("Enter")
    s.wait_text("Номер:")
    s.send("Tab")
    s.wait_text("Дорожная карта")
    s.send("Enter")
    s.wait_text("Отметка о выполнении")
    s.send(*(["Down"] * 9))
    s.settle()
    s.send("Enter")
    s.wait_text("выполнено")
    s.send("Enter")
    s.settle()
    s.send("F2")
    s.wait_text("Сохранено")
    s.send("F10")
    s.wait_text("Найдено: 1")
    s.send("F10")
    s.wait_text("главное меню")
    return s.total - n0, sum(len(t.encode()) for t in s.shown)


# The title, a menu item and the key bar (the last line drawn): the whole frame.
HOME_TEXT = ["главное меню", "Контроль сроков", "10Выход"]
HELP_END = "Любая другая клавиша — закрыть справку"


def escape_window():
    """The conf's escape_window (ms): how long a bare Esc waits for a
    digit or the rest of a sequence."""
    with open(CONF) as f:
        m = re.search(r"^\s*escape_window\s*=\s*(\d+)", f.read(), re.M)
    return int(m.group(1)) if m else 400


def esc_figures(db):
    """Esc from outside: the help over the home screen, then Esc, wall clock
    from the key to the frame without the help. The same with Space (any
    other key closes it, with no window) is what the drawing costs. Then
    Esc and a digit inside the window must still be that F-key (Esc 1 =
    F1), and a digit after the window a digit."""
    out = {}
    s = app(db, "regional")
    s.wait_text("главное меню")
    esc, space = [], []
    for key, v in (("Esc", esc), ("Space", space)) * 5:
        s.send("F1")
        s.wait_text(HELP_END)
        s.send(b" " if key == "Space" else key)
        v.append(s.until(lambda t: HELP_END not in t))
    out["esc_ms"] = median(esc) * 1000
    out["esc_space_ms"] = median(space) * 1000
    out["esc_window_ms"] = escape_window()
    out["esc_extra_ms"] = out["esc_ms"] - out["esc_window_ms"] - out["esc_space_ms"]
    out["esc_ratio"] = out["esc_ms"] / max(1, out["esc_window_ms"] + out["esc_space_ms"])
    # Esc then 1 at a third of the window: F1, the help.
    s.send("Esc")
    time.sleep(out["esc_window_ms"] / 3000.0)
    s.send("1")
    try:
        s.wait_text(HELP_END, limit=5)
        out["esc_digit"] = "yes"
    except RuntimeError:
        out["esc_digit"] = "no"
    s.send("Esc")
    s.until(lambda t: HELP_END not in t)
    s.close()
    return out


def measure(db):
    f = {}
    # --- first screen: bytes, and time (median of 10) against the baseline,
    # each from launch to the first frame that shows its text: the home
    # screen's title and menu, the baseline's line.
    times, base_times = [], []
    for i in range(10):
        s = app(db, "regional")
        times.append(s.first_frame(HOME_TEXT))
        s.settle()
        # Bytes from the last run: the first on a new file may pause
        # (cards archived after its first frame) and cut the settle short.
        f["first_screen_bytes"] = s.total
        s.close()
        b = Session([BASE, "curses", db])
        base_times.append(b.first_frame(["Базовая программа готова"]))
        if i == 0:
            b.settle()
            f["baseline_rss_kb"] = b.hwm_kb()
        b.close()
    f["first_screen_ms"] = median(times) * 1000
    f["baseline_first_ms"] = median(base_times) * 1000

    f.update(esc_figures(db))

    # --- the register: highlight moves inside the page, then scrolling
    s = app(db, "regional")
    s.wait_text("главное меню")
    s.send("1", "Enter")
    s.wait_text("Найдено:")
    moves, texts, cpu_list = [], [], []
    for k in ["Down"] * 10 + ["Up"] * 10:
        before = cells(s.screen)
        out, cpu = s.press(k)
        after = cells(s.screen)
        # The rows whose text or colours changed: the old and the new
        # highlighted row are the floor of what must be resent.
        changed = [y for y in range(ROWS) if before[y] != after[y]]
        moves.append(len(out))
        texts.append(sum(len(s.screen.display[y].rstrip().encode()) for y in changed) or 1)
        cpu_list.append(cpu)
    f["move_bytes"] = sum(moves) / len(moves)
    f["move_text_bytes"] = sum(texts) / len(texts)
    f["move_ratio"] = f["move_bytes"] / f["move_text_bytes"]
    for _ in range(20):
        s.press("Down", quiet=0.05)
    scroll, floor, parked = [], [], 0
    for _ in range(100):
        before = cells(s.screen)
        out, cpu = s.press("Down", quiet=0.05)
        after = cells(s.screen)
        scroll.append(len(out))
        parked += on_selection(s.screen)
        cpu_list.append(cpu)
        # With a full-row highlight one line scrolled must send the new
        # row and repaint the row that loses the highlight: the rows whose
        # cells differ from the same rows shifted up by one.
        floor.append(sum(len(s.screen.display[y].rstrip().encode())
                         for y in range(1, ROWS - 1)
                         if after[y] != before[y + 1] and after[y] != before[y]) or 1)
    f["scroll_bytes"] = sum(scroll) / len(scroll)
    f["scroll_floor"] = sum(floor) / len(floor)
    f["scroll_ratio"] = f["scroll_bytes"] / f["scroll_floor"]
    f["scroll_parked"] = parked
    f["cpu_list_p50_ms"] = median(cpu_list) / 1e6
    f["cpu_list_p99_ms"] = pct(cpu_list, 99) / 1e6
    # --- search as you type in the register (one letter, the CPU it costs)
    search = []
    for ch in "сидоров":
        out, cpu = s.press(ch, quiet=0.08)
        search.append(cpu)
    f["search_ms"] = median(search) / 1e6
    f["search_max_ms"] = max(search) / 1e6
    # --- typing in a form: 40 Cyrillic characters (Esc clears the search
    # first: the register stays; with none, Esc would leave it as F10)
    s.send("Esc")
    s.wait_text("Поиск: (начните")
    s.send("F7")
    s.wait_text("Новая запись: педагог")
    typed, cpu_form = [], []
    word = "Константинопольская Иоанна Всеволодовна"[:40]
    for ch in word:
        out, cpu = s.press(ch, quiet=0.05)
        typed.append(len(out))
        cpu_form.append(cpu)
    f["type_bytes"] = sum(typed) / len(typed)
    f["cpu_form_p50_ms"] = median(cpu_form) / 1e6
    f["cpu_form_p99_ms"] = pct(cpu_form, 99) / 1e6
    s.send("F10")
    s.wait_text("Есть несохранённые изменения")
    s.send("д")   # «да» has its own key: Enter would keep the form
    s.settle(0.3)
    # --- idle: nothing for 10 s
    s.settle(0.3)
    n0 = s.total
    time.sleep(10)
    s.settle(0.1)
    f["idle_bytes"] = s.total - n0
    s.close()

    # --- the scripted task: a teacher's ИОМ, mark a roadmap row, save, back
    number, act = task_setup(db)
    s = app(db, "regional")
    s.wait_text("главное меню")
    f["task_bytes"], f["task_text_bytes"] = run_task(s, number)
    f["task_ratio"] = f["task_bytes"] / max(1, f["task_text_bytes"])
    f["task_saved"] = sql(db, "SELECT done FROM iom_activity WHERE id = %s" % act) == "1"
    f["rss_kb"] = s.hwm_kb()
    s.close()
    f["rss_ratio"] = f["rss_kb"] / max(1, f["baseline_rss_kb"])
    f["first_ratio"] = f["first_screen_ms"] / max(0.001, f["baseline_first_ms"])
    return f


def throughput(db):
    """Saves per second through the store (stress hammer: a shared record,
    own records and new ones, conflicts retried) against plain inserts."""
    work = db + ".tp"
    out = {}
    subprocess.run(["cp", db, work], check=True)
    base = float(subprocess.run([BASE, "inserts", work, "2000"], capture_output=True, text=True).stdout or 0)
    out["plain_inserts_s"] = base
    # synchronous = FULL (what the store runs) and NORMAL (before issue 17),
    # taken in turns in the same run.
    for procs in (1, 10, 50):
        saves = max(20, 2000 // procs)
        for key, extra in (("", []), ("normal_", ["--sync-normal"])):
            r = subprocess.run([STRESS, "hammer", work, "--procs", str(procs), "--saves", str(saves)] + extra,
                               capture_output=True, text=True)
            m = re.search(r"in ([0-9.]+) s: (\d+) saved.*?(\d+) errors", r.stdout + r.stderr)
            if m:
                rate = int(m.group(2)) / max(0.001, float(m.group(1)))
                out[key + "saves_s_%d" % procs] = rate
                out[key + "errors_%d" % procs] = int(m.group(3))
            else:
                out[key + "saves_s_%d" % procs] = 0
                out[key + "errors_%d" % procs] = -1
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(work + suffix)
        except FileNotFoundError:
            pass
    return out


def main():
    global RESULTS, DBS
    use_build(sys.argv[1])
    RESULTS, DBS = sys.argv[2], sys.argv[3:]
    sizes = [int(sql(db, "SELECT count(*) FROM person")) for db in DBS]
    runs = [measure(db) for db in DBS]
    tp = throughput(DBS[-1])
    lines = []

    def row(label, key, fmt, target, ok):
        vals = "  ".join(fmt % r[key] for r in runs)
        verdict = "ok" if all(ok(r[key]) for r in runs) else "MISSES"
        lines.append("| %-44s | %s | %-16s | %s |" % (label, vals, target, verdict))

    lines.append("Sessions in a pty, %dx%d, TERM=%s; regions of %s teachers." %
                 (COLS, ROWS, TERM, ", ".join(str(n) for n in sizes)))
    lines.append("")
    lines.append("| %-44s | %s | %-16s | %s |" % ("figure", "  ".join("%9s" % n for n in sizes), "target", ""))
    lines.append("|" + "-" * 46 + "|" + "-" * (11 * len(sizes)) + "|" + "-" * 18 + "|----|")
    row("bytes, first full screen", "first_screen_bytes", "%9d", "<= 4096", lambda v: v <= 4096)
    row("bytes per highlight move (mean of 20)", "move_bytes", "%9.0f", "", lambda v: True)
    row("  ÷ bytes of the two rows' text", "move_ratio", "%9.2f", "<= 1.5", lambda v: v <= 1.5)
    # The goal is the ratio below (issue 18): with a full-row highlight the
    # text of the two rows a scroll must resend is itself over 200 bytes.
    row("bytes per line scrolled (mean of 100)", "scroll_bytes", "%9.0f", "", lambda v: True)
    row("  text of the rows it must resend, bytes", "scroll_floor", "%9.0f", "", lambda v: True)
    row("  ÷ that floor", "scroll_ratio", "%9.2f", "<= 1.3", lambda v: v <= 1.3)
    row("  cursor on the selection after it, of 100", "scroll_parked", "%9d", "100", lambda v: v == 100)
    row("bytes per character typed (mean of 40)", "type_bytes", "%9.1f", "<= 30", lambda v: v <= 30)
    row("scripted task: bytes", "task_bytes", "%9d", "", lambda v: True)
    row("  ÷ bytes of distinct text shown", "task_ratio", "%9.2f", "<= 2", lambda v: v <= 2)
    row("bytes while idle for 10 s", "idle_bytes", "%9d", "0", lambda v: v == 0)
    row("time to first screen, ms (median of 10)", "first_screen_ms", "%9.1f", "", lambda v: True)
    row("  minimal ncurses + SQLite program, ms", "baseline_first_ms", "%9.1f", "", lambda v: True)
    row("  ÷ that", "first_ratio", "%9.2f", "<= 2", lambda v: v <= 2)
    row("Esc closes the help, ms (median of 5)", "esc_ms", "%9.1f", "", lambda v: True)
    row("  its window (escape_window), ms", "esc_window_ms", "%9d", "", lambda v: True)
    row("  Space closes it (no window), ms", "esc_space_ms", "%9.1f", "", lambda v: True)
    row("  Esc − window − Space: other waits, ms", "esc_extra_ms", "%9.1f", "<= 10", lambda v: v <= 10)
    row("  Esc ÷ (window + Space)", "esc_ratio", "%9.2f", "<= 1.05", lambda v: v <= 1.05)
    row("  Esc and 1 inside the window is F1", "esc_digit", "%9s", "yes", lambda v: v == "yes")
    row("CPU per key in the list, p50, ms", "cpu_list_p50_ms", "%9.2f", "", lambda v: True)
    row("CPU per key in the list, p99, ms", "cpu_list_p99_ms", "%9.2f", "<= 5", lambda v: v <= 5)
    row("CPU per key in a form, p50, ms", "cpu_form_p50_ms", "%9.2f", "", lambda v: True)
    row("CPU per key in a form, p99, ms", "cpu_form_p99_ms", "%9.2f", "<= 5", lambda v: v <= 5)
    row("search as you type, one letter, median ms", "search_ms", "%9.2f", "<= 10", lambda v: v <= 10)
    row("search as you type, one letter, worst ms", "search_max_ms", "%9.2f", "", lambda v: True)
    row("peak RSS of a session, KB", "rss_kb", "%9d", "", lambda v: True)
    row("  ÷ minimal ncursesw program", "rss_ratio", "%9.2f", "<= 2", lambda v: v <= 2)
    lines.append("")
    lines.append("Write throughput on the %d-teacher file (saves/s; stress hammer: shared record with" % sizes[-1])
    lines.append("conflicts retried, own records, new ones, 0.3 ms think time):")
    lines.append("  plain SQLite inserts, one transaction each: %.0f/s" % tp["plain_inserts_s"])
    for procs in (1, 10, 50):
        lines.append("  %2d sessions: %6.0f saves/s (%.2f of plain inserts), errors: %d;"
                     " with synchronous = NORMAL as before: %6.0f saves/s (FULL: %.2f of it)" %
                     (procs, tp["saves_s_%d" % procs], tp["saves_s_%d" % procs] / max(1, tp["plain_inserts_s"]),
                      tp["errors_%d" % procs], tp["normal_saves_s_%d" % procs],
                      tp["saves_s_%d" % procs] / max(1, tp["normal_saves_s_%d" % procs])))
    lines.append("")
    lines.append("The scripted task (regional: the ИОМ list, a teacher's card, the roadmap, mark a row done,")
    lines.append("save, back) saved its mark: %s." % ", ".join("yes" if r["task_saved"] else "NO" for r in runs))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(RESULTS, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
