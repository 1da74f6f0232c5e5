#!/usr/bin/env python3
"""A differencing attack on the monitoring shares of persons (issue 12).

For one database and each demo role, gather the monitoring figures the role
can obtain through `marshrut report indicators --scope region|mun:CODE|
org:CODE --format csv --year Y` (every group it may request — the list
`marshrut analytics --group all` gives, the same access rule — every year
from the first year of any record to this year) and try to learn about
fewer than k people from them. For each indicator that counts persons and
each year, a group's cells are its denominator D, its numerator N and the
rest R = D − N; D = N + R, and a parent (the region, a municipality) is the
sum of its children, cell by cell. Then:

  - every published figure, and everything computable from them, one sum
    at a time, repeatedly (a municipality minus its shown organisations,
    the region minus its shown municipalities, a denominator minus its
    numerator, chains of these) is 0 or at least k;
  - the unknown parts of a known whole add up to 0 or at least k;
  - every difference of two nested known figures (a parent and one child)
    is 0 or at least k;
  - the formulas over all active persons share their denominators: what
    any of them publishes, in any year, is known to all of them;
  - the same figure is the same for every role that may see its group, and
    a group outside the role's set is refused.

Roles with the same set of groups as a role attacked before are read for
the last year only and must give the same text. The structure (which
school is in which municipality, the years, which indicator has which
formula) is read from the database; every figure only from the program.
Prints one summary line per role; exits 1 when anything leaks.

usage: indicators_attack.py BIN CONF DB
"""
import concurrent.futures
import csv
import io
import sqlite3
import sys
import time

from attack_lib import fail, failures, propagate, run_as, unknown_rest

BIN, CONF, DB = sys.argv[1:4]
ROLES = ["regional", "municipal", "school", "developer", "curator", "teacher", "admin"]
K = 5
# The formulas of persons (src/store/indicators.c: those with figures by
# organisation); the others count schools or records.
PERSONS = {"diagnosed", "course_year", "course_3y", "iom_share", "ippr_share", "ippr_presented",
           "young_mentees", "mentee_satisfaction", "mentor_satisfaction", "projects", "modern_tech"}
# Over all active persons of the group: one denominator for all of them.
SHARED_DEN = {"diagnosed", "course_year", "course_3y", "iom_share", "ippr_share", "projects", "modern_tech"}
WITHHELD = "скрыто"


def run(role, *args):
    return run_as(BIN, CONF, DB, role, *args)


def report(role, scope, year):
    return run(role, "report", "indicators", "--scope", scope, "--year", str(year), "--format", "csv")


def parse(text):
    """code -> (value, numerator, denominator) as printed."""
    rows, inside = {}, False
    for r in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"):
        if not inside:
            inside = bool(r) and r[0] == "№ пп"
            continue
        if not r:
            break
        rows[r[0]] = (r[3], r[4], r[5])
    return rows


def number(v):
    """A published count, None for a withheld one; «—» or empty is no count."""
    if v == WITHHELD:
        return None
    if v.startswith(WITHHELD):
        raise ValueError(v)
    return 0 if v in ("", "—") else int(v)


# --- the structure, from the database -----------------------------------------

db = sqlite3.connect(DB)
muns = {mid: "mun:" + code for mid, code in db.execute("SELECT id, code FROM municipality")}
parent = {}
for code, mun in db.execute("SELECT code, mun_id FROM organisation"):
    parent["org:" + code] = muns.get(mun, "region")
for m in muns.values():
    parent[m] = "region"
ALL = ["region"] + sorted(muns.values()) + sorted(o for o in parent if o.startswith("org:"))
FORMULA = dict(db.execute("SELECT code, formula FROM indicator WHERE archived = 0 AND formula IS NOT NULL"))
first = min(y for (y,) in db.execute(
    "SELECT CAST(substr(min(diag_date), 1, 4) AS INTEGER) FROM diagnostic UNION ALL"
    " SELECT CAST(substr(min(end_date), 1, 4) AS INTEGER) FROM course UNION ALL"
    " SELECT min(year) FROM mentoring_survey UNION ALL SELECT min(year) FROM innovation") if y)
YEARS = list(range(first, time.localtime().tm_year + 1))
db.close()


def groups_of(role):
    """The groups a role may ask for, as `analytics --group all` lists them."""
    rc, out, err = run(role, "analytics", "--group", "all", "--format", "csv")
    if rc != 0:
        return []
    seen, inside = [], False
    for r in csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"):
        if not inside:
            inside = bool(r) and r[0] == "Группа"
            continue
        if not r:
            break
        if r[1] not in seen:
            seen.append(r[1])
    return seen


def gather(role, groups, years):
    """figures[(group, year)] = rows; every call must succeed."""
    jobs = [(g, y) for g in groups for y in years]
    figures = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for (g, y), (rc, out, err) in zip(jobs, pool.map(lambda j: report(role, *j), jobs)):
            if rc != 0:
                fail(f"{role}: report indicators --scope {g} --year {y}: exit {rc}: {err.strip()}")
                continue
            figures[(g, y)] = parse(out)
    return figures


# --- the attack ----------------------------------------------------------------

D, N, R = 0, 1, 2


def attack(what, published):
    """published[(group, cell)] = value; groups are ALL. Returns cells worked out."""
    value = dict(published)
    sums = []
    for g in ALL:
        sums.append(((g, D), [(g, N), (g, R)]))
    for p in ["region"] + sorted(muns.values()):
        kids = [g for g in ALL if parent.get(g) == p]
        for c in (D, N, R):
            sums.append(((p, c), [(k, c) for k in kids]))
    derived = propagate(sums, value)
    for x, v in published.items():
        if 0 < v < K:
            fail(f"{what}: {x} = {v} is published")
    for x, w in derived:
        if 0 < value[x] < K:
            fail(f"{what}: {x} = {value[x]} follows from {w} and its parts")
    for w, unknown, d in unknown_rest(sums, value):
        if 0 < d < K:
            fail(f"{what}: {w} minus its known parts leaves {d} ({len(unknown)} unknown)")
    for g in ALL:
        p = parent.get(g)
        for c in (D, N, R):
            if p and (p, c) in value and (g, c) in value and 0 < value[(p, c)] - value[(g, c)] < K:
                fail(f"{what}: {(p, c)} − {(g, c)} = {value[(p, c)] - value[(g, c)]}")
    return len(derived)


def published_cells(figures, code, year, groups):
    """What the role reads of one indicator and year."""
    cells = {}
    for g in groups:
        rows = figures.get((g, year))
        if rows is None or code not in rows:
            continue
        v, n, d = rows[code]
        try:
            nv, dv = number(n), number(d)
        except ValueError:
            fail(f"{code} {year} {g}: a share of persons withheld as a small group: {n};{d}")
            continue
        if dv is not None:
            cells[(g, D)] = dv
            if nv is not None:
                cells[(g, N)] = nv
        elif nv is not None:
            fail(f"{code} {year} {g}: a numerator without its denominator")
        if (v == WITHHELD) != (nv is None or dv is None):
            fail(f"{code} {year} {g}: the value «{v}» disagrees with {n}/{d}")
    return cells


def attack_all(role, figures, groups):
    n_shown = n_withheld = n_derived = 0
    # The shared denominators: anything any of them publishes in any year.
    shared = {}
    for code, f in FORMULA.items():
        if f not in SHARED_DEN:
            continue
        for y in YEARS:
            for (g, c), v in published_cells(figures, code, y, groups).items():
                if c != D:
                    continue
                if shared.get(g, v) != v:
                    fail(f"{role}: the persons of {g} read as {shared[g]} and as {v}")
                shared[g] = v
    for code, f in sorted(FORMULA.items()):
        if f not in PERSONS:
            for y in YEARS:
                for g in groups:
                    rows = figures.get((g, y), {})
                    if code in rows and WITHHELD in rows[code] and f"{WITHHELD} (<" not in rows[code][0]:
                        fail(f"{code} {y} {g}: a share of schools withheld by the rule of persons")
            continue
        for y in YEARS:
            cells = published_cells(figures, code, y, groups)
            n_shown += sum(1 for c in cells if c[1] == N)
            n_withheld += sum(1 for g in groups if (g, y) in figures and (g, N) not in cells)
            if f in SHARED_DEN:
                cells.update({(g, D): v for g, v in shared.items()})
            n_derived += attack(f"{role} {code} ({f}) {y}", cells)
    return n_shown, n_withheld, n_derived


start = time.time()
attacked = {}        # frozenset of groups -> (role, figures)
for role in ROLES:
    groups = groups_of(role)
    if not groups:
        rc, out, err = report(role, "region", YEARS[-1])
        if rc != 1:
            fail(f"{role}: sees no group, yet --scope region gave exit {rc}")
        print(f"{role}: refused (no group)")
        continue
    # Groups outside the role's set are refused (a few of them).
    for g in [g for g in ALL if g not in groups][:3]:
        rc, out, err = report(role, g, YEARS[-1])
        if rc != 1:
            fail(f"{role}: {g} is not among his groups, yet report indicators gave exit {rc}")
    key = frozenset(groups)
    if key in attacked:
        other, theirs = attacked[key]
        mine = gather(role, groups, YEARS[-1:])
        for k, rows in mine.items():
            if theirs.get(k) != rows:
                fail(f"{role}: {k} differs from what {other} reads")
        print(f"{role}: {len(groups)} groups, the same figures as {other} ({len(mine)} reports compared)")
        continue
    figures = gather(role, groups, YEARS)
    # A group read by an earlier role reads the same.
    for _, (other, theirs) in attacked.items():
        for k, rows in figures.items():
            if k in theirs and theirs[k] != rows:
                fail(f"{role}: {k} differs from what {other} reads")
    attacked[key] = (role, figures)
    n_shown, n_withheld, n_derived = attack_all(role, figures, groups)
    print(f"{role}: {len(groups)} groups, {len(figures)} reports, {n_shown} shares of persons shown, "
          f"{n_withheld} withheld, {n_derived} figures worked out")
print(f"{len(YEARS)} years, {time.time() - start:.1f} s, {len(failures)} leaks")
sys.exit(1 if failures else 0)
