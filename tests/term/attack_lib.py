"""What the two differencing attacks share (analytics_attack.py on typical
deficits, indicators_attack.py on the monitoring shares): the list of
leaks, running the program as a demo user, and working out what follows
from published figures one sum at a time."""
import subprocess

failures = []


def fail(msg):
    failures.append(msg)
    if len(failures) <= 20:
        print("LEAK:", msg)


def run_as(binary, conf, db, role, *args):
    """The program as `role` (--as on a demo database): rc, stdout, stderr."""
    p = subprocess.run([binary, "-c", conf, "--db", db, "--as", role, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def propagate(sums, value):
    """sums: [(whole, [parts])] of counts; value: {cell: known value},
    extended in place with what follows, one sum at a time, repeatedly: a
    sum with one unknown member gives it; a known whole that its known
    parts already make up gives 0 for every other part (counts are never
    negative). Returns [(cell, the whole it came from)] in order found."""
    members = {}
    for i, (w, parts) in enumerate(sums):
        for x in [w] + parts:
            members.setdefault(x, []).append(i)
    queue, derived = list(range(len(sums))), []
    while queue:
        w, parts = sums[queue.pop()]
        unknown = [c for c in parts if c not in value]
        if w not in value:
            if unknown:
                continue
            found = [(w, sum(value[p] for p in parts))]
        elif not unknown:
            continue
        else:
            rest = value[w] - sum(value[p] for p in parts if p in value)
            if len(unknown) == 1:
                found = [(unknown[0], rest)]
            elif rest == 0:
                found = [(x, 0) for x in unknown]
            else:
                continue
        for x, v in found:
            value[x] = v
            derived.append((x, w))
            queue.extend(members.get(x, []))
    return derived


def unknown_rest(sums, value):
    """For each known whole with two or more unknown parts: (whole, the
    unknown parts, what they add up to)."""
    for w, parts in sums:
        if w not in value:
            continue
        unknown = [p for p in parts if p not in value]
        if len(unknown) >= 2:
            yield w, unknown, value[w] - sum(value[p] for p in parts if p in value)
