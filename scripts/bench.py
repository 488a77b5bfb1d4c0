"""Issue 8's benchmark (run by scripts/bench.sh inside bench-out/venv; not a test).

Measures, on the same generated files in the same run, each figure as ours vs a peer:
wall time of whole processes (`fupan`, the bare calamine bin) and, for the Python peers,
the time of the work itself inside the interpreter (start-up and imports excluded, which
only makes the peers look faster). Peak RSS comes from wait4() of each child.
Prints one line per figure and writes bench-out/results.json.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time

OUT = os.environ["BENCH_OUT"]
# `fupan` built without the window (figures 1-5) and the desktop build (figure 6, and the
# report-only line on what the GUI libraries add to the import's RSS).
FUPAN = os.environ["BENCH_FUPAN"]
FUPAN_WINDOW = os.environ["BENCH_FUPAN_WINDOW"]
CALAMINE = os.environ["BENCH_CALAMINE"]
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
# pandas on a million-line sheet takes minutes: once is enough to compare to a 10× goal.
PANDAS_REPEAT = int(os.environ.get("BENCH_PANDAS_REPEAT", "1"))
DATA = os.path.join(OUT, "data")
XLSX = os.path.join(DATA, "Order.all.20260101_20261231.xlsx")
CSV = os.path.join(DATA, "ExportOrderList2026.csv")
CSV_UTF8 = os.path.join(DATA, "ExportOrderList2026.utf8.csv")
ADS = os.path.join(DATA, "万相台_推广_2026.csv")
STORE = "复盘测试小店"
WORK = os.path.join(OUT, "work")
YEAR = ["--from", "2026-01-01", "--to", "2026-12-31"]


def rm_db(path):
    for suffix in ("", "-wal", "-shm", ".wal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def run(cmd):
    """Wall seconds and stdout of one child; fails loudly on a non-zero exit."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{p.stderr.decode(errors='replace')}")
    return wall, p.stdout.decode(errors="replace")


def run_rss(cmd):
    """Like run, but waits itself so wait4() reports this child's own peak RSS."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024


def py(code, *args):
    """Run Python code in the venv; it prints the seconds of its own measured part."""
    _, out = run([sys.executable, "-c", code, *args])
    return float(out.strip().splitlines()[-1])


def median(f, n):
    return statistics.median(f() for _ in range(n))


def import_db(name, *files, store=None, fupan=FUPAN):
    db = os.path.join(WORK, name)
    rm_db(db)
    extra = ["--store", store] if store else []
    return run_rss([fupan, "--db", db, "import", *extra, *files])


PANDAS = """
import sys, time, pandas
t = time.perf_counter()
df = pandas.read_excel(sys.argv[1], engine="openpyxl")
assert len(df) > 0
print(time.perf_counter() - t)
"""

DUCK_CSV = """
import os, sys, time, duckdb
db, csv, enc = sys.argv[1:4]
for s in ("", ".wal"):
    if os.path.exists(db + s): os.remove(db + s)
t = time.perf_counter()
con = duckdb.connect(db)
opt = f", encoding = '{enc}'" if enc != "utf-8" else ""
con.execute(f"CREATE TABLE orders AS SELECT * FROM read_csv('{csv}', all_varchar = true{opt})")
con.close()
print(time.perf_counter() - t)
"""

# The same figures fupan's summary + channels give for the year, as GROUP BYs over the rows.
DUCK_QUERY = """
import sys, time, duckdb
t = time.perf_counter()
con = duckdb.connect(sys.argv[1], read_only=True)
def money(c): return f"CAST(NULLIF(TRIM({c}), '') AS DECIMAL(18, 2))"
summary = con.execute(f'''
  SELECT "店铺名称", COUNT(DISTINCT "订单编号"), SUM(CAST("宝贝总数量" AS INTEGER)),
         SUM({money('"总金额"')}), SUM({money('"退款金额"')})
  FROM orders
  WHERE CAST("订单创建时间" AS TIMESTAMP) BETWEEN '2026-01-01' AND '2026-12-31 23:59:59'
    AND NOT ("订单状态" = '交易关闭' AND {money('"退款金额"')} = 0)
  GROUP BY ALL''').fetchall()
channels = con.execute(f'''
  SELECT "场景名字", SUM({money('"花费"')}), SUM({money('"总成交金额"')}),
         SUM(CAST("总成交笔数" AS INTEGER))
  FROM ads WHERE "日期" BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY ALL''').fetchall()
assert summary and channels
con.close()
print(time.perf_counter() - t)
"""

DUCK_ADS = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute(f"CREATE OR REPLACE TABLE ads AS SELECT * FROM read_csv('{sys.argv[2]}', all_varchar = true)")
con.close()
print(0)
"""


def duck_encoding():
    """DuckDB reads GB18030 through its `encodings` extension when it can be installed;
    otherwise it reads a UTF-8 copy of the same rows (no decoding: easier for the peer)."""
    code = """
import duckdb
con = duckdb.connect()
con.execute("INSTALL encodings; LOAD encodings")
print(0)
"""
    try:
        py(code)
        return CSV, "gb18030"
    except SystemExit:
        if not os.path.exists(CSV_UTF8):
            with open(CSV, "rb") as f, open(CSV_UTF8, "wb") as g:
                g.write(f.read().decode("gb18030").encode("utf-8"))
        return CSV_UTF8, "utf-8"


def paint(db):
    """Figure 6: the window under Xvfb; the page reports its first painted dashboard and a
    filter change's refresh (FUPAN_BENCH_PAINT, src-tauri/src/desktop/bench.rs)."""
    env = dict(os.environ, FUPAN_DB=db, FUPAN_BENCH_PAINT="1", NO_AT_BRIDGE="1")
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", FUPAN_WINDOW]
    # Milliseconds as the app measures them: from its start (before Tauri and GTK) to the
    # painted dashboard, and from the filter change to the repainted one.
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    watchdog = threading.Timer(120, p.kill)
    watchdog.start()
    marks = {}
    for line in p.stderr:
        text = line.decode(errors="replace").strip()
        if text.startswith("fupan-bench:"):
            _, stage, ms = text.split()
            marks[stage] = float(ms)
    p.wait()
    watchdog.cancel()
    if "first_paint" not in marks or "refresh" not in marks:
        sys.exit(f"bench: the window reported {marks} (is xvfb-run installed?)")
    return marks["first_paint"], marks["refresh"]


def main():
    os.makedirs(WORK, exist_ok=True)
    figures = []

    def figure(name, ours, peer, unit, goal, ok, note=""):
        ratio = ours / peer if peer else float("inf")
        figures.append(dict(name=name, ours=ours, peer=peer, unit=unit, ratio=ratio, goal=goal,
                            result="PASS" if ok(ratio) else "FAIL", note=note))

    print(f"bench: {REPEAT} runs each (median); data in {DATA}", flush=True)
    imp = [import_db("xlsx.db", XLSX) for _ in range(REPEAT)]
    cal = [run_rss([CALAMINE, XLSX]) for _ in range(REPEAT)]
    imp_t, imp_rss = statistics.median(t for t, _ in imp), statistics.median(r for _, r in imp)
    cal_t, cal_rss = statistics.median(t for t, _ in cal), statistics.median(r for _, r in cal)
    figure("1 import xlsx / bare calamine", imp_t, cal_t, "s", "<= 1.3", lambda r: r <= 1.3)

    pandas_t = median(lambda: py(PANDAS, XLSX), PANDAS_REPEAT)
    figure("2 pandas.read_excel / import xlsx", pandas_t, imp_t, "s", ">= 10", lambda r: r >= 10)

    csv_file, enc = duck_encoding()
    csv_t = median(lambda: import_db("csv.db", CSV)[0], REPEAT)
    duck_db = os.path.join(WORK, "peer.duckdb")
    duck_t = median(lambda: py(DUCK_CSV, duck_db, csv_file, enc), REPEAT)
    note = "" if enc != "utf-8" else "DuckDB read a UTF-8 copy (no GB18030 decoding)"
    figure("3 import csv / DuckDB CTAS read_csv", csv_t, duck_t, "s", "<= 2", lambda r: r <= 2, note)

    year_db = os.path.join(WORK, "csv.db")
    run([FUPAN, "--db", year_db, "import", "--store", STORE, ADS])
    py(DUCK_ADS, duck_db, ADS)

    def ours_query():
        t0 = time.perf_counter()
        run([FUPAN, "--db", year_db, "summary", *YEAR, "--json"])
        run([FUPAN, "--db", year_db, "channels", *YEAR, "--json"])
        return time.perf_counter() - t0

    ours_q = median(ours_query, REPEAT)
    duck_q = median(lambda: py(DUCK_QUERY, duck_db), REPEAT)
    figure("4 summary+channels / DuckDB GROUP BY", ours_q, duck_q, "s", "<= 1", lambda r: r <= 1)

    figure("5 peak RSS import / bare calamine", imp_rss, cal_rss, "MiB", "<= 1.5",
           lambda r: r <= 1.5)
    win_rss = statistics.median(import_db("xlsx-window.db", XLSX, fupan=FUPAN_WINDOW)[1]
                                for _ in range(REPEAT))
    figure("5' peak RSS import, desktop build / CLI build", win_rss, imp_rss, "MiB", "report",
           lambda r: True, "the GUI libraries mapped at start")

    empty_db = os.path.join(WORK, "empty.db")
    rm_db(empty_db)
    try:
        full = [paint(year_db) for _ in range(REPEAT)]
        empty = [paint(empty_db) for _ in range(REPEAT)]
        fp = statistics.median(f for f, _ in full), statistics.median(f for f, _ in empty)
        rf = statistics.median(r for _, r in full), statistics.median(r for _, r in empty)
        n = f"{int(os.environ.get('BENCH_LINES', '0')):,} lines"
        figure(f"6a cold start to painted dashboard, {n} / empty", fp[0], fp[1], "ms",
               "report", lambda r: True)
        figure(f"6b dashboard refresh on a filter change, {n} / empty", rf[0], rf[1], "ms",
               "report", lambda r: True)
    except (SystemExit, subprocess.TimeoutExpired) as e:
        print(f"bench: figure 6 skipped: {e}", flush=True)

    print(f"{'figure':62} {'ours':>10} {'peer':>10} {'ratio':>7}  {'goal':8} result")
    for f in figures:
        fmt = "{:>10.0f}" if f["unit"] != "s" else "{:>9.3f}s"
        ours = fmt.format(f["ours"]) if f["unit"] == "s" else f"{f['ours']:>7.0f}{f['unit']:>3}"
        peer = fmt.format(f["peer"]) if f["unit"] == "s" else f"{f['peer']:>7.0f}{f['unit']:>3}"
        print(f"{f['name']:62} {ours} {peer} {f['ratio']:>7.2f}  {f['goal']:8} {f['result']}"
              + (f"  ({f['note']})" if f["note"] else ""))
    with open(os.path.join(OUT, "results.json"), "w") as fh:
        json.dump(dict(lines=int(os.environ.get("BENCH_LINES", "0")), repeat=REPEAT,
                       figures=figures), fh, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
