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
import tempfile
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
INCOME = os.path.join(DATA, "Income.đã phát hành.vn.20260101_20261231.xlsx")
STORE = "复盘测试小店"
# Figures 8-10: bench_gen's yearly files (scripts/bench.sh makes them): a 100k-line year, then
# five years of 1M lines.
DATA5 = os.path.join(OUT, "data5")
FIVE_YEARS = [(2025, 100_000)] + [(y, 1_000_000) for y in range(2026, 2031)]
HELLO = os.environ.get("BENCH_HELLO", "")
# GNU time (Debian package `time`) for peak RSS; see run_rss.
GNU_TIME = os.environ.get("BENCH_TIME", "/usr/bin/time")
HELLO_DEB = os.environ.get("BENCH_HELLO_DEB", "")
FUPAN_DEB = os.environ.get("BENCH_FUPAN_DEB", "")
# BENCH_PARTS picks sections: import (1-5), settle (12), years (8-10), window (6-7), size (11).
PARTS = os.environ.get("BENCH_PARTS", "import,settle,years,window,size").split(",")
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
    """Like run, and the child's own peak RSS (MiB), as GNU time reports it.

    Not wait4() from here: Linux carries the exec'ing process's old peak into ru_maxrss, and
    Python starts children with vfork, so every child would report at least this script's
    own peak (824 MiB once it had hashed the data files)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        t0 = time.perf_counter()
        p = subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name, *cmd],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            sys.exit(f"bench: {' '.join(cmd)} failed:\n{p.stderr.decode(errors='replace')}")
        return wall, int(out.read().split()[-1]) / 1024


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


class Display:
    """One Xvfb for every window figure, so no run pays for a server start (xvfb-run -a
    would add it to Fupan and the hello-world app alike and flatten the ratio)."""

    def __enter__(self):
        r, w = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as fh:
            self.name = ":" + fh.readline().strip()
        return self

    def __exit__(self, *_):
        self.proc.kill()
        self.proc.wait()


def paint(display, app, db=None):
    """Figures 6-7: one window start. Returns (ms from the spawn to the first painted page as
    the harness sees it, the refresh of a filter change in ms as the page measures it, or
    None for the hello-world app). Both apps print `fupan-bench: first_paint` once painted
    (src-tauri/src/desktop/bench.rs, bench/hello); Fupan then changes the period and quits."""
    env = dict(os.environ, DISPLAY=display, FUPAN_BENCH_PAINT="1", NO_AT_BRIDGE="1")
    if db:
        env["FUPAN_DB"] = db
    t0 = time.perf_counter()
    p = subprocess.Popen([app], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    watchdog = threading.Timer(120, p.kill)
    watchdog.start()
    marks = {}
    for line in p.stderr:
        text = line.decode(errors="replace").strip()
        if text.startswith("fupan-bench:"):
            _, stage, ms = text.split()
            marks[stage] = (time.perf_counter() - t0) * 1000 if stage == "first_paint" \
                else float(ms)
    p.wait()
    watchdog.cancel()
    if "first_paint" not in marks or (db and "refresh" not in marks):
        sys.exit(f"bench: {app} reported {marks}")
    return marks["first_paint"], marks.get("refresh")


def window_runs(display, app, db=None):
    """One warm-up start (page cache), then the median of REPEAT starts."""
    paint(display, app, db)
    runs = [paint(display, app, db) for _ in range(REPEAT)]
    refresh = [r for _, r in runs if r is not None]
    return (statistics.median(f for f, _ in runs),
            statistics.median(refresh) if refresh else None)


def five_years(figure):
    """Figure 8-11: a busy shop's five years (bench_gen YEAR: 1M Taobao lines a year plus a
    year of ads) imported one year at a time into one ledger after a 100k-line year, then
    the queries, the window and the year-end PDF on the 5.1M-line ledger."""
    db = os.path.join(WORK, "five-years.db")
    rm_db(db)
    ledger, curve = 0, []
    for year, lines in FIVE_YEARS:
        csv = os.path.join(DATA5, f"ExportOrderList{year}.csv")
        ads = os.path.join(DATA5, f"万相台_推广_{year}.csv")
        wall, rss = run_rss([FUPAN, "--db", db, "import", csv])
        curve.append(dict(year=year, ledger_before=ledger, lines=lines, seconds=wall,
                          us_per_line=wall / lines * 1e6, rss_mib=rss))
        print(f"bench: {year}: {lines:,} lines into a {ledger:,}-line ledger: {wall:.1f} s, "
              f"{wall / lines * 1e6:.1f} µs/line, {rss:.0f} MiB", flush=True)
        run([FUPAN, "--db", db, "import", "--store", STORE, ads])
        ledger += lines
    first, last = curve[1], curve[-1]
    figure(f"8 import µs/line at {last['ledger_before']:,} / at {first['ledger_before']:,} lines",
           last["us_per_line"], first["us_per_line"], "µs", "<= 1.2", lambda r: r <= 1.2,
           "flat: a 1M-line year costs the same in a large ledger")
    year = FIVE_YEARS[-1][0]
    period = ["--from", f"{year}-01-01", "--to", f"{year}-12-31"]
    span = ["--from", f"{FIVE_YEARS[0][0]}-01-01", "--to", f"{year}-12-31"]
    for name, args in (("summary", period), ("channels", period), ("summary", span),
                       ("channels", span)):
        t = median(lambda: run([FUPAN, "--db", db, name, *args, "--json"])[0], REPEAT) * 1000
        what = "the last year" if args is period else "all years"
        figure(f"9 {name}, {what}, {ledger / 1e6:.1f}M-line ledger", t, 100, "ms", "<= 100 ms",
               lambda r: r <= 1)
    pdf = os.path.join(WORK, "review.pdf")
    t = median(lambda: run([FUPAN, "--db", db, "report", "--year", str(year), "--lang", "zh",
                            "--out", pdf])[0], REPEAT)
    figure(f"10 year-end PDF of {year}, {ledger / 1e6:.1f}M-line ledger", t, 3, "s", "<= 3 s",
           lambda r: r <= 1)
    return db, curve


def main():
    os.makedirs(WORK, exist_ok=True)
    figures = []

    def figure(name, ours, peer, unit, goal, ok, note=""):
        # No peer (a figure only reported): no ratio.
        ratio = None if peer is None else ours / peer if peer else float("inf")
        figures.append(dict(name=name, ours=ours, peer=peer, unit=unit, ratio=ratio, goal=goal,
                            result="PASS" if ok(ratio) else "FAIL", note=note))
        if ratio is None:
            print(f"bench: {name}: {ours:.3f} {unit}", flush=True)
        else:
            print(f"bench: {name}: {ours:.3f} / {peer:.3f} {unit} = {ratio:.2f}", flush=True)

    print(f"bench: {REPEAT} runs each (median); data in {DATA}; parts {','.join(PARTS)}",
          flush=True)
    year_db = os.path.join(WORK, "csv.db")
    if "import" in PARTS:
        imports(figure, year_db)
    if "settle" in PARTS:
        settlements(figure)
    curve, five_db = [], os.path.join(WORK, "five-years.db")
    if "years" in PARTS:
        five_db, curve = five_years(figure)
    elif not os.path.exists(five_db):
        five_db = None  # the window figures on it need a run with "years" first
    if "window" in PARTS:
        window(figure, year_db, five_db)
    if "size" in PARTS:
        sizes(figure)

    print(f"{'figure':62} {'ours':>10} {'peer':>10} {'ratio':>7}  {'goal':10} result")
    for f in figures:
        def cell(v):
            return f"{v:>9.3f}s" if f["unit"] == "s" else f"{v:>7.1f}{f['unit']:>3}"
        peer = "" if f["peer"] is None else cell(f["peer"])
        ratio = "" if f["ratio"] is None else f"{f['ratio']:.2f}"
        print(f"{f['name']:62} {cell(f['ours'])} {peer:>10} {ratio:>7}  "
              f"{f['goal']:10} {f['result']}" + (f"  ({f['note']})" if f["note"] else ""))
    with open(os.path.join(OUT, "results.json"), "w") as fh:
        json.dump(dict(lines=int(os.environ.get("BENCH_LINES", "0")), repeat=REPEAT,
                       load=os.getloadavg(), figures=figures, five_years=curve), fh,
                  ensure_ascii=False, indent=2)


def imports(figure, year_db):
    """Figures 1-5: one year of 1M lines, xlsx and CSV, against the bare read and DuckDB."""
    imp = [import_db("xlsx.db", XLSX) for _ in range(REPEAT)]
    cal = [run_rss([CALAMINE, XLSX]) for _ in range(REPEAT)]
    imp_t, imp_rss = statistics.median(t for t, _ in imp), statistics.median(r for _, r in imp)
    cal_t, cal_rss = statistics.median(t for t, _ in cal), statistics.median(r for _, r in cal)
    figure("1 import xlsx / bare calamine", imp_t, cal_t, "s", "<= 1.1", lambda r: r <= 1.1)

    if PANDAS_REPEAT > 0:
        pandas_t = median(lambda: py(PANDAS, XLSX), PANDAS_REPEAT)
        figure("2 pandas.read_excel / import xlsx", pandas_t, imp_t, "s", ">= 10",
               lambda r: r >= 10)

    csv_file, enc = duck_encoding()
    csv_t = median(lambda: import_db("csv.db", CSV)[0], REPEAT)
    duck_db = os.path.join(WORK, "peer.duckdb")
    duck_t = median(lambda: py(DUCK_CSV, duck_db, csv_file, enc), REPEAT)
    note = "" if enc != "utf-8" else "DuckDB read a UTF-8 copy (no GB18030 decoding)"
    figure("3 import csv / DuckDB CTAS read_csv", csv_t, duck_t, "s", "<= 2", lambda r: r <= 2,
           note)

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


def settlements(figure):
    """Figure 12: the year's Shopee income report (bench_gen: two in three delivered orders
    paid out, with their fees and withheld taxes) imported into the ledger of its 1M-line
    order export, against the bare read of the same file; then the views that judge a period
    on settlement over that ledger: summary (the provisional mark), cash, the year-end PDF."""
    orders_db = os.path.join(WORK, "settle-orders.db")
    rm_db(orders_db)
    run([FUPAN, "--db", orders_db, "import", "--store", STORE, XLSX])
    db = os.path.join(WORK, "settle.db")

    def import_income():
        rm_db(db)
        subprocess.run(["cp", orders_db, db], check=True)
        return run_rss([FUPAN, "--db", db, "import", "--store", STORE, INCOME])

    imp = [import_income() for _ in range(REPEAT)]
    cal = [run_rss([CALAMINE, INCOME]) for _ in range(REPEAT)]
    imp_t, cal_t = statistics.median(t for t, _ in imp), statistics.median(t for t, _ in cal)
    figure("12 import settlement xlsx (income of the 1M-line year) / bare calamine", imp_t,
           cal_t, "s", "report", lambda r: True)
    for name, unit, scale, goal in (("summary", "ms", 1000, 100), ("cash", "ms", 1000, None)):
        t = median(lambda: run([FUPAN, "--db", db, name, *YEAR, "--json"])[0], REPEAT) * scale
        if goal:
            figure(f"12 {name} of the year with its settlements", t, goal, unit,
                   f"<= {goal} {unit}", lambda r: r <= 1)
        else:
            figure(f"12 {name} of the year with its settlements", t, None, unit, "report",
                   lambda r: True)
    pdf = os.path.join(WORK, "review-settled.pdf")
    t = median(lambda: run([FUPAN, "--db", db, "report", "--year", "2026", "--lang", "zh",
                            "--out", pdf])[0], REPEAT)
    figure("12 year-end PDF of the year with its settlements", t, 3, "s", "<= 3 s",
           lambda r: r <= 1)


def window(figure, year_db, five_db):
    """Figures 6-7: the release window under Xvfb against a hello-world Tauri 2 app built with
    the same profile (bench/hello), each started the same way and timed from the spawn."""
    with Display() as d:
        hello, _ = window_runs(d.name, HELLO)
        if os.path.exists(year_db):
            start, refresh = window_runs(d.name, FUPAN_WINDOW, year_db)
            figure("6a cold start to painted dashboard, 1M-line year / hello world", start, hello,
                   "ms", "<= 1.2", lambda r: r <= 1.2)
        if five_db:
            start, refresh = window_runs(d.name, FUPAN_WINDOW, five_db)
            figure("6b cold start to painted dashboard, 5.1M-line ledger / hello world", start,
                   hello, "ms", "<= 1.2", lambda r: r <= 1.2)
            figure("7a cold start to painted dashboard, 5.1M-line ledger", start, 1500, "ms",
                   "<= 1500 ms", lambda r: r <= 1)
            figure("7b dashboard refresh on a filter change, 5.1M-line ledger", refresh, 150,
                   "ms", "<= 150 ms", lambda r: r <= 1)


def sizes(figure):
    """Figure 11: the installer against the hello-world app's, bundled the same way."""
    ours, peer = os.path.getsize(FUPAN_DEB), os.path.getsize(HELLO_DEB)
    mib = 1024 * 1024
    figure("11 .deb / hello-world .deb", ours / mib, peer / mib, "MiB", "<= 3",
           lambda r: r <= 3, f"binary {os.path.getsize(FUPAN_WINDOW) / mib:.1f} MiB, "
           f"hello {os.path.getsize(HELLO) / mib:.1f} MiB")


if __name__ == "__main__":
    main()
