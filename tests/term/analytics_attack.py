#!/usr/bin/env python3
"""A differencing attack on typical deficits (issue 12).

For one database and each demo role, gather every figure the role can obtain
through `marshrut analytics` (every group it may request, every breakdown,
every year offered, CSV) and try to learn about fewer than k people from
them:

  - every figure: a count of people is 0 or at least k; a count of people
    with a result (a deficit code, a level) is at least k and leaves at
    least k of its group (so it is never true of all or almost all);
  - everything computable, repeatedly: a whole minus its published parts
    (a municipality and its organisations, a group and its breakdown, the
    teachers of a group and those with a code or a level), and what the
    unknown parts of a known whole add up to;
  - every difference of two nested figures (a group and its part, a
    municipality and one of its schools, a group and one class of it);
  - the same figure read twice (the group as a whole in every breakdown,
    a group alone or among all) says the same;
  - a group the role may not see is refused.

The structure (which school is in which municipality, the years) is read
from the database; every figure only from the program. Prints one summary
line per role and exits 1 on the first kind of leak found.

usage: analytics_attack.py BIN CONF DB
"""
import csv
import io
import sqlite3
import sys
import time

from attack_lib import fail, failures, propagate, run_as, unknown_rest

BIN, CONF, DB = sys.argv[1:4]
ROLES = ["regional", "municipal", "school", "developer", "curator", "teacher", "admin"]
BYS = ["none", "position", "subject", "form"]
KINDS = ["входная", "итоговая"]
LEVELS = ["высокий уровень", "средний уровень", "низкий уровень"]
TOTAL = "Все педагоги группы"
WITHHELD = "скр."



def run(role, *args):
    return run_as(BIN, CONF, DB, role, "analytics", *args)


def parse_csv(text):
    """The figure rows: (group code, part, kind, what, item, value, size)."""
    rows, inside = [], False
    for r in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"):
        if not inside:
            inside = bool(r) and r[0] == "Группа"
            continue
        if not r:
            break
        rows.append(tuple(r[1:8]))
    return rows


HIDDEN = "скрыто"    # withheld in the added (numeric) columns


def check_shares(where, text):
    """The added columns: a code's share of its group in whole per cent
    (half up) only where both figures are shown, «—» for a group of
    nobody; the change in п.п. on the final's row, from the two shares as
    shown (a plain number: no «+», no text guard), withheld when either is."""
    rows, inside = [], False
    for r in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"):
        if not inside:
            inside = bool(r) and r[0] == "Группа"
            if inside and r[8:10] != ["Доля, %", "Изменение, п.п."]:
                fail(f"{where}: the CSV's added columns are {r[8:]}")
            continue
        if not r:
            break
        rows.append(r + [""] * (10 - len(r)))
    entry = {}
    for r in rows:
        if r[4] != "с дефицитом":
            if r[8] or r[9]:
                fail(f"{where}: a share beside {r[4]}: {r}")
            continue
        v, n = num(r[6]), num(r[7])
        want = HIDDEN if v is None or n is None else "—" if n == 0 else str((200 * v + n) // (2 * n))
        if r[8] != want:
            fail(f"{where}: share {r[8]!r}, expected {want!r}: {r}")
        key = (r[1], r[2], r[5])
        if r[3] == "входная":
            entry[key] = r[8]
            if r[9]:
                fail(f"{where}: a change on the entry's row: {r}")
            continue
        a, b = entry.get(key), r[8]
        if a is None:
            fail(f"{where}: no entry row before {r}")
            continue
        if a.isdigit() and b.isdigit():
            want = str(int(b) - int(a))
        else:
            want = "—" if "—" in (a, b) else HIDDEN
        if r[9] != want:
            fail(f"{where}: change {r[9]!r}, expected {want!r}: {r}")


def num(v):
    return None if v == WITHHELD else int(v)


# --- the structure, from the database -----------------------------------------

db = sqlite3.connect(DB)
K = 5
for (v,) in db.execute("SELECT 1"):
    pass
muns = {mid: "mun:" + code for mid, code in db.execute("SELECT id, code FROM municipality")}
orgs = {}
for oid, code, mun in db.execute("SELECT id, code, mun_id FROM organisation"):
    orgs["org:" + code] = muns.get(mun, "region")
children = {"region": [], **{m: [] for m in muns.values()}}
for o, parent in orgs.items():
    children[parent].append(o)
for m in muns.values():
    children["region"].append(m)
first, last = db.execute("SELECT CAST(substr(min(diag_date), 1, 4) AS INTEGER),"
                         " CAST(substr(max(diag_date), 1, 4) AS INTEGER) FROM diagnostic").fetchone()
last = max(last, time.localtime().tm_year)
YEARS = list(range(first, last + 1))
ALL_GROUPS = ["region"] + sorted(muns.values()) + sorted(orgs)


# --- gathering ----------------------------------------------------------------


def gather(role):
    """figures[(year, by)] = rows, or None when the role is refused."""
    figures = {}
    for year in YEARS:
        for by in BYS:
            rc, out, err = run(role, "--group", "all", "--by", by, "--year", str(year), "--format", "csv")
            if rc == 1:
                figures[(year, by)] = None
                continue
            if rc != 0:
                fail(f"{role}: exit {rc}: {err.strip()}")
                continue
            figures[(year, by)] = parse_csv(out)
            check_shares(f"{role} {year} {by}", out)
    return figures


def check_access(role, figures):
    """Groups outside the role's set are refused one by one; one inside
    gives the same rows alone as among all."""
    rows = figures.get((YEARS[-1], "subject"))
    seen = sorted({r[0] for r in rows}) if rows else []
    for g in ALL_GROUPS:
        if g in seen:
            continue
        rc, out, err = run(role, "--group", g, "--year", str(YEARS[-1]), "--format", "csv")
        if rc != 1:
            fail(f"{role}: group {g} is not among his groups, yet --group gave exit {rc}")
    for g in seen[:2] + seen[-1:]:
        rc, out, err = run(role, "--group", g, "--by", "subject", "--year", str(YEARS[-1]), "--format", "csv")
        if rc != 0 or parse_csv(out) != [r for r in rows if r[0] == g]:
            fail(f"{role}: --group {g} differs from the same group in --group all")
    return seen


# --- the attack ----------------------------------------------------------------

PEOPLE, RESULT = 0, 1


class Table:
    """Counts (cells, numbered) and sums (a whole = its parts) for one year."""

    def __init__(self, n):
        self.type = [PEOPLE] * n
        self.base = [-1] * n       # a result cell: the cell it is a part of
        self.name = [None] * n
        self.sums = []             # (whole, [parts])

    def attack(self, what, published):
        n = len(self.type)
        value = [None] * n
        for c, v in published.items():
            value[c] = v

        def empty(c):
            b = self.base[c]
            return b >= 0 and value[b] == 0

        def safe(c, v):
            if self.type[c] == PEOPLE:
                return v == 0 or v >= K
            if empty(c):
                return v == 0
            return v >= K

        # Published figures by themselves.
        for c, v in published.items():
            if not safe(c, v):
                fail(f"{what}: {self.name[c]} = {v} is published")
            b = self.base[c]
            if self.type[c] == RESULT and b >= 0 and value[b] and value[b] - v < K:
                fail(f"{what}: {self.name[c]} = {v} of {value[b]}: true of (almost) all of the group")
        # Work out what follows, one sum at a time, repeatedly.
        known = dict(published)
        derived = propagate(self.sums, known)
        for c, v in known.items():
            value[c] = v
        for x, w in derived:
            if not safe(x, value[x]):
                fail(f"{what}: {self.name[x]} = {value[x]} follows from {self.name[w]} and its parts")
        # What the unknown parts of a known whole add up to.
        for w, unknown, d in unknown_rest(self.sums, known):
            result = any(self.type[p] == RESULT and not empty(p) for p in unknown)
            if (result and d < K) or (not result and 0 < d < K):
                fail(f"{what}: {self.name[w]} minus its published parts leaves {d} ({len(unknown)} withheld)")
        return value, len(derived)


def attack(role, figures):
    """One table per year and kind from everything the role obtained."""
    n_fig = n_shown = n_derived = n_pairs = 0
    gidx = {g: i for i, g in enumerate(ALL_GROUPS)}
    for year in YEARS:
        classes = {}          # by -> [class labels]
        groups, codes, blocks = set(), set(), set()
        sections = {}         # (group, by, part) -> rows
        for by in BYS:
            rows = figures.get((year, by))
            for r in rows or []:
                g, part = r[0], r[1]
                groups.add(g)
                if part != TOTAL and part not in classes.setdefault(by, []):
                    classes[by].append(part)
                sections.setdefault((g, by, part), []).append(r)
                if r[3] == "с дефицитом":
                    codes.add(r[4])
                elif r[4]:
                    blocks.add(r[4])
        if not groups:
            continue
        codes, blocks = sorted(codes), sorted(blocks)
        columns = ["total"] + [(by, p) for by in classes for p in classes[by]]
        cidx = {c: i for i, c in enumerate(columns)}
        # Measures of a cell: the teachers; per code those with it and
        # without; per block those assessed and not, at each level and not.
        M = ["P"]
        for code in codes:
            M += [("H", code), ("N", code)]
        for b in blocks:
            M += [("A", b), ("NA", b)] + [("L", b, lv) for lv in LEVELS] + [("NL", b, lv) for lv in LEVELS]
        midx = {m: i for i, m in enumerate(M)}
        NG, NC, NM = len(ALL_GROUPS), len(columns), len(M)

        def cell(g, c, m):
            return (g * NC + c) * NM + m

        t = Table(NG * NC * NM)
        for g in range(NG):
            for c in range(NC):
                P = cell(g, c, 0)
                for m, name in enumerate(M):
                    x = cell(g, c, m)
                    t.name[x] = (ALL_GROUPS[g], columns[c], name)
                    kind = name if name == "P" else name[0]
                    if kind in ("H", "N", "L", "NL"):
                        t.type[x] = RESULT
                    if kind in ("H", "N", "A", "NA"):
                        t.base[x] = P
                    elif kind in ("L", "NL"):
                        t.base[x] = cell(g, c, midx[("A", name[1])])
                for code in codes:
                    t.sums.append((P, [cell(g, c, midx[("H", code)]), cell(g, c, midx[("N", code)])]))
                for b in blocks:
                    A = cell(g, c, midx[("A", b)])
                    t.sums.append((P, [A, cell(g, c, midx[("NA", b)])]))
                    t.sums.append((A, [cell(g, c, midx[("L", b, lv)]) for lv in LEVELS]))
                    for lv in LEVELS:
                        t.sums.append((A, [cell(g, c, midx[("L", b, lv)]), cell(g, c, midx[("NL", b, lv)])]))
        for parent, kids in children.items():
            p, ks = gidx[parent], [gidx[k] for k in kids]
            for c in range(NC):
                for m in range(NM):
                    t.sums.append((cell(p, c, m), [cell(k, c, m) for k in ks]))
        for g in range(NG):
            for by in classes:
                cs = [cidx[(by, p)] for p in classes[by]]
                for m in range(NM):
                    t.sums.append((cell(g, 0, m), [cell(g, c, m) for c in cs]))
        # What the role was shown, and what a section leaves out: with its
        # teachers shown, a block left out had nobody assessed; a code left
        # out is withheld unless the group is empty.
        published = [{}, {}]

        def publish(kd, x, v):
            if x in published[kd] and published[kd][x] != v:
                fail(f"{role} {year}: {t.name[x]} read as {published[kd][x]} and as {v}")
            published[kd][x] = v

        for (g, by, part), rows in sections.items():
            gi, ci = gidx[g], cidx["total" if part == TOTAL else (by, part)]
            listed = [(set(), set()), (set(), set())]
            people = {}
            for r in rows:
                kd = KINDS.index(r[2])
                what, item, v = r[3], r[4], num(r[5])
                n_fig += 1
                if what == "педагогов с диагностикой":
                    m = 0
                    people[kd] = v
                elif what == "с дефицитом":
                    m = midx[("H", item)]
                    listed[kd][0].add(item)
                elif what == "оценены по блоку":
                    m = midx[("A", item)]
                    listed[kd][1].add(item)
                else:
                    m = midx[("L", item, what)]
                if v is not None:
                    n_shown += 1
                    publish(kd, cell(gi, ci, m), v)
            for kd in range(2):
                if people.get(kd) is None:
                    continue
                for b in set(blocks) - listed[kd][1]:
                    publish(kd, cell(gi, ci, midx[("A", b)]), 0)
                    for lv in LEVELS:
                        publish(kd, cell(gi, ci, midx[("L", b, lv)]), 0)
                if people[kd] == 0:
                    for code in set(codes) - listed[kd][0]:
                        publish(kd, cell(gi, ci, midx[("H", code)]), 0)
        for kd in range(2):
            what = f"{role} {year} {KINDS[kd]}"
            value, derived = t.attack(what, published[kd])
            n_derived += derived
            # Differences of two nested figures, both known: a group and
            # one of its children, a group and one of its classes.
            pairs = [(gidx[parent], gidx[k], c, c) for parent, kids in children.items() for k in kids
                     for c in range(NC)]
            pairs += [(g, g, 0, c) for g in range(NG) for c in range(1, NC)]
            for hg, lg, hc, lc in pairs:
                for m in range(NM):
                    high, low = cell(hg, hc, m), cell(lg, lc, m)
                    if value[high] is None or value[low] is None:
                        continue
                    n_pairs += 1
                    d = value[high] - value[low]
                    if t.type[high] == PEOPLE:
                        if 0 < d < K:
                            fail(f"{what}: {t.name[high]} − {t.name[low]} = {d}")
                        continue
                    bh, bl = t.base[high], t.base[low]
                    dp = value[bh] - value[bl] if value[bh] is not None and value[bl] is not None else None
                    if dp != 0 and (d < K or (dp is not None and dp - d < K)):
                        fail(f"{what}: {t.name[high]} − {t.name[low]} = {d} of {dp}")
    return n_fig, n_shown, n_derived, n_pairs


start = time.time()
seen_sets = {}
for role in ROLES:
    figures = gather(role)
    if all(v is None for v in figures.values()):
        rc, out, err = run(role, "--group", "region")
        if rc != 1:
            fail(f"{role}: sees no group, yet --group region gave exit {rc}")
        print(f"{role}: refused (no group)")
        continue
    groups = check_access(role, figures)
    key = repr(sorted((k, v) for k, v in figures.items()))
    if key in seen_sets:
        print(f"{role}: {len(groups)} groups, the same figures as {seen_sets[key]}")
        continue
    seen_sets[key] = role
    n_fig, n_shown, n_derived, n_pairs = attack(role, figures)
    print(f"{role}: {len(groups)} groups, {n_fig} figures ({n_shown} shown), "
          f"{n_derived} worked out, {n_pairs} nested differences")
print(f"{len(YEARS)} years, {time.time() - start:.1f} s, {len(failures)} leaks")
sys.exit(1 if failures else 0)
