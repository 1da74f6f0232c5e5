#!/usr/bin/env python3
"""A differencing attack on the analytic note (issue 16): for each demo role
and each year, every group the role reaches at once (`marshrut analytics
--group all --format xlsx`), read from the workbook with the standard
library. For each part of the note (the participants, each element, each
block) and each kind of diagnostic, the teachers a figure (and its %) is
made of, per group: every published one and everything computable from
them (a municipality less its organisations, the region less its
municipalities, repeatedly) is 0 or at least k, so no % of 1..k-1 teachers
can be had. A group a figure is missing for had nobody (a known 0).

usage: note_attack.py BIN CONF DB WORKDIR
"""
import os
import re
import sqlite3
import sys
import zipfile

from attack_lib import fail, failures, propagate, run_as

BIN, CONF, DB, WORK = sys.argv[1:5]
K = 5
WITHHELD = "скр."


def cells(path):
    """The first sheet's rows as lists of texts (shared or inline strings)."""
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode("utf-8"), re.S):
            shared.append("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)))
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    rows = []
    for row in re.findall(r"<row[^>]*>(.*?)</row>", sheet, re.S):
        out = {}
        for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
            v = re.search(r"<v>(.*?)</v>", body or "")
            if 't="s"' in attrs and v:
                text = shared[int(v.group(1))]
            elif "inlineStr" in attrs:
                text = "".join(re.findall(r"<t[^>]*>(.*?)</t>", body, re.S))
            else:
                text = v.group(1) if v else ""
            col = 0
            for ch in ref:
                col = col * 26 + ord(ch) - 64
            out[col - 1] = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        rows.append([out.get(i, "") for i in range(max(out) + 1)] if out else [])
    return rows


db = sqlite3.connect(DB)
muns = {mid: "mun:" + code for mid, code in db.execute("SELECT id, code FROM municipality")}
parent = {}
for code, mun in db.execute("SELECT code, mun_id FROM organisation"):
    parent["org:" + code] = muns.get(mun, "region")
for m in muns.values():
    parent[m] = "region"
children = {}
for g, p in parent.items():
    children.setdefault(p, []).append(g)
years = [y for (y,) in db.execute("SELECT DISTINCT CAST(substr(d.diag_date, 1, 4) AS INTEGER) FROM diagnostic d"
                                  " JOIN diagnostic_element e ON e.diagnostic_id = d.id ORDER BY 1")]

for role in ["regional", "municipal", "school"]:
    figures = shown = worked = 0
    for year in years:
        path = os.path.join(WORK, f"note-{role}-{year}.xlsx")
        if os.path.exists(path):
            os.unlink(path)
        rc, out, err = run_as(BIN, CONF, DB, role, "analytics", "--group", "all", "--year", str(year),
                              "--format", "xlsx", "-o", path)
        if rc != 0:
            fail(f"{role} {year}: exit {rc}: {err.strip()}")
            continue
        rows = cells(path)
        head = next(i for i, r in enumerate(rows) if r and r[0] == "Группа")
        groups = set()
        value = {}   # (item, kind) -> {group: teachers}
        present = set()
        for r in rows[head + 1:]:
            if len(r) < 7 or not r[0]:
                break
            part = r[2]
            if part == "Типичный дефицит":
                continue   # typical deficits: analytics_attack.py
            groups.add(r[1])
            key = (part, r[3] or r[4], r[5])
            present.add((r[1], key))
            figures += 1
            if r[6] == WITHHELD:
                value.setdefault(key, {})
                continue
            shown += 1
            n = int(r[6])
            value.setdefault(key, {})[r[1]] = n
            if 0 < n < K:
                fail(f"{role} {year}: {key} of {r[1]}: {n} teachers shown")
        for key, known in value.items():
            # A group of the role's set with no row for the item had nobody.
            for g in groups:
                if (g, key) not in present:
                    known[g] = 0
            sums = []
            for whole, parts in children.items():
                if whole in groups and all(p in groups for p in parts):
                    sums.append((whole, parts))
            derived = propagate(sums, known)
            worked += len(derived)
            for cell, whole in derived:
                if 0 < known[cell] < K:
                    fail(f"{role} {year}: {key} of {cell} worked out from {whole}: {known[cell]} teachers")
    print(f"{role}: {len(years)} years, {figures} figures ({shown} shown), {worked} worked out")

sys.exit(1 if failures else 0)
