#!/usr/bin/env python3
"""The demo shop of "Load sample data": one small home-textile business's year 2026.

Stdlib only and deterministic (a fixed seed, fixed zip timestamps): rerunning writes the same
bytes. `python3 scripts/demo_samples.py [OUT_DIR]` (default: the repository's `samples/`, which
the .deb ships; this script stays out of it). Layout: one folder per
store (the folder name is the store name the sample loader passes, as a merchant would name
the shop), cost sheets at the top:

  棉语家居抖音旗舰店/   抖店 订单导出 CSV (GB18030), 动账明细 (fees), 巨量千川 daily xlsx
  棉语家居淘宝店/       淘宝 订单报表 + 宝贝明细 (GBK), 直通车/万相台 CSV (GBK), 生意参谋 traffic
  Nhà Mộc Decor/        Shopee VN order list xlsx (the March 2026 real header row)
  Nhà Mộc Decor TikTok/ TikTok Shop order list xlsx, TikTok GMV Max by day xlsx
  商品成本.xlsx, Giá vốn.xlsx (SKU costs, a few SKUs left out on purpose),
  固定费用 2026.xlsx (fixed costs per month, a currency column)

Header rows are the ones of shared/docs/formats.md (verbatim "Real header rows" where they
exist). The story: seasonality (Tết, 618, 双11, 12.12 and Vietnam's double-day sales), ads
with diminishing returns (sales ≈ a·spend^b, b ≈ 0.6–0.75, daily noise) over a wide range of
daily spend, some cancellations and refunds.
"""

import csv
import datetime as dt
import io
import math
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape

SAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples")
YEAR = 2026
DAYS = [dt.date(YEAR, 1, 1) + dt.timedelta(days=i) for i in range(365)]
ZIP_TIME = (2026, 12, 31, 12, 0, 0)

CN_DOUYIN = "棉语家居抖音旗舰店"
CN_TAOBAO = "棉语家居淘宝店"
VN_SHOPEE = "Nhà Mộc Decor"
VN_TIKTOK = "Nhà Mộc Decor TikTok"

# sku: (name, spec, price, unit cost or None = left out of the cost sheet)
CN_SKUS = {
    "MY-TWL-3": ("长绒棉毛巾三条装", "米白", 49.90, 15.50),
    "MY-PLW-2": ("全棉枕套一对", "雾蓝;48x74cm", 69.00, 21.00),
    "MY-BED-18": ("全棉四件套", "1.8m床;燕麦色", 299.00, 112.00),
    "MY-BED-15": ("全棉四件套", "1.5m床;燕麦色", 269.00, 101.00),
    "MY-QLT-S": ("水洗棉夏凉被", "200x230cm", 199.00, 74.00),
    "MY-BTH-1": ("纯棉浴巾", "70x140cm", 89.00, 29.00),
    "MY-SLP-1": ("棉麻家居拖鞋", "灰色;40-41", 39.00, None),
    "MY-GFT-1": ("毛巾礼盒", "新年款", 129.00, None),
}
VN_SKUS = {
    "NM-GOI-01": ("Vỏ gối cotton", "Xanh nhạt", 129000, 44000),
    "NM-KHAN-02": ("Khăn tắm cotton", "Trắng 70x140", 159000, 52000),
    "NM-CHAN-03": ("Chăn hè cotton đũi", "2m x 2m3", 459000, 171000),
    "NM-GA-04": ("Bộ ga giường cotton", "1m8; Be", 599000, 226000),
    "NM-REM-05": ("Rèm cửa vải lanh", "1m5 x 2m", 389000, 139000),
    "NM-THAM-06": ("Thảm chùi chân", "40x60", 99000, None),
}
# Relative demand per SKU.
CN_MIX = {"MY-TWL-3": 5, "MY-PLW-2": 4, "MY-BED-18": 3, "MY-BED-15": 2, "MY-QLT-S": 2,
          "MY-BTH-1": 3, "MY-SLP-1": 1, "MY-GFT-1": 0}
VN_MIX = {"NM-GOI-01": 5, "NM-KHAN-02": 4, "NM-CHAN-03": 2, "NM-GA-04": 2, "NM-REM-05": 2,
          "NM-THAM-06": 1}


def season_cn(d):
    """Orders multiplier of a Chinese shop: 春节 lull, 618, 双11, 12.12."""
    m = {1: 1.0, 2: 0.6, 3: 0.9, 4: 0.9, 5: 1.0, 6: 1.3, 7: 0.8, 8: 0.8, 9: 1.0, 10: 1.1,
         11: 1.5, 12: 1.2}[d.month]
    if d.month == 2 and 14 <= d.day <= 22:  # Spring Festival week (春节 2026-02-17)
        m *= 0.4
    if d.month == 6 and 1 <= d.day <= 18:
        m *= 1.6 if d.day < 16 else 3.0
    if d.month == 11 and 1 <= d.day <= 11:
        m *= 1.8 if d.day < 10 else 3.5
    if d.month == 12 and d.day == 12:
        m *= 2.5
    return m


def season_vn(d):
    """Orders multiplier of a Vietnamese shop: pre-Tết rush, Tết lull, double-day sales."""
    m = 1.0
    if dt.date(YEAR, 1, 20) <= d <= dt.date(YEAR, 2, 12):
        m = 1.7  # buying for Tết (2026-02-17)
    elif dt.date(YEAR, 2, 13) <= d <= dt.date(YEAR, 2, 24):
        m = 0.3
    if d.day == d.month:  # 1.1 … 12.12 mega sales
        m *= 2.5
    if d.month in (11, 12):
        m *= 1.25
    return m


class Rng(random.Random):
    def lognorm(self, sigma):
        return math.exp(self.gauss(0.0, sigma))

    def poisson(self, lam):
        # Knuth for small lambda, a rounded normal for large ones.
        if lam > 30:
            return max(0, int(round(self.gauss(lam, math.sqrt(lam)))))
        k, p, limit = 0, 1.0, math.exp(-lam)
        while True:
            p *= self.random()
            if p <= limit:
                return k
            k += 1

    def pick(self, weights):
        total = sum(weights.values())
        x = self.random() * total
        for k, w in weights.items():
            x -= w
            if x < 0:
                return k
        return k


def mix_for(d, mix):
    """The gift box sells only from November (a launch)."""
    m = dict(mix)
    if "MY-GFT-1" in m and d.month >= 11:
        m["MY-GFT-1"] = 3
    return m


# ------------------------------------------------------------------ writers

def write_csv(p, header, rows, encoding="utf-8", bom=False, pre_lines=()):
    b = io.StringIO()
    w = csv.writer(b, lineterminator="\r\n")
    for line in pre_lines:
        b.write(line + "\r\n")
    w.writerow(header)
    w.writerows(rows)
    data = b.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(p, "wb") as f:
        f.write(data)


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_xml(ref, v):
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        v = str(v)
    if isinstance(v, (int, float)):
        return '<c r="%s"><v>%s</v></c>' % (ref, repr(v) if isinstance(v, float) else v)
    return '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, escape(str(v)))


def write_xlsx(p, sheet, rows):
    """A minimal xlsx (inline strings, numbers) with fixed timestamps: byte-stable."""
    body = []
    for r, row in enumerate(rows, 1):
        cells = "".join(cell_xml("%s%d" % (col_name(c), r), v) for c, v in enumerate(row))
        body.append('<row r="%d">%s</row>' % (r, cells))
    ws = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<sheetData>%s</sheetData></worksheet>' % "".join(body))
    files = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>' % escape(sheet)),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         '</Relationships>'),
        ("xl/worksheets/sheet1.xml", ws),
    ]
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))


def yuan(x):
    return "%.2f" % x


def buyer_no(n):
    """The buyer of order n: one order in four comes from the buyer of an earlier order (a
    returning customer), the rest from new buyers — about a quarter of buyers buy again, as
    in a small shop, not everyone."""
    if n >= 8 and n % 4 == 0:
        return buyer_no(n // 2)
    return n


def clock(rng, d):
    return "%s %02d:%02d:%02d" % (d.isoformat(), 8 + int(rng.random() * 15),
                                  int(rng.random() * 60), int(rng.random() * 60))


# ------------------------------------------------------------------ 抖店

DOUYIN_HEADER = [h.strip() for h in """主订单编号, 子订单编号, 选购商品, 商品规格, 商品数量, 商品ID, 商家编码, 商品单价, 订单应付金额, 运费, 优惠总金额, 平台优惠, 商家优惠, 达人优惠, 商家改价, 支付优惠, 红包抵扣, 支付方式, 手续费, 收件人, 收件人手机号, 省, 市, 区, 街道, 详细地址, 是否修改过地址, 地址修改时段, 买家留言, 订单提交时间, 旗帜颜色, 商家备注, 订单完成时间, 支付完成时间, APP渠道, 流量来源, 订单状态, 承诺发货时间, 订单类型, 鲁班落地页ID, 达人ID, 达人昵称, 所属门店ID, 售后状态, 取消原因, 预约发货时间, 仓库ID, 仓库名称, 序列号, 是否安心购, 广告渠道, 流量类型, 流量体裁, 流量渠道, 发货主体, 发货主体明细, 发货时间, 降价类优惠, 平台实际承担优惠金额, 商家实际承担优惠金额, 达人实际承担优惠金额, 预计送达时间, 是否平台仓自流转, 车型, 商品69码, 发货SN码, 发货IMEI码1, 发货IMEI码2, 预约送达时间, 建议发货时间（起）, 建议发货时间（止）, 物流SN码, 物流IMEI码1, 物流IMEI码2""".split(",")]
assert len(DOUYIN_HEADER) == 74

FUND_HEADER = ["动账时间", "动账流水号", "动账方向", "动账金额", "动账场景", "动账账户", "订单号",
               "子订单号", "商品ID", "订单实付应结", "实际平台补贴", "实际达人补贴", "实际抖音支付补贴",
               "运费实付",
               "平台服务费", "佣金", "服务商佣金", "渠道分成", "招商服务费", "站外推广费", "其他分成",
               "备注"]

PROVINCES = [("浙江省", "杭州市", "西湖区"), ("广东省", "深圳市", "南山区"), ("江苏省", "苏州市", "姑苏区"),
             ("四川省", "成都市", "武侯区"), ("山东省", "青岛市", "市南区"), ("湖北省", "武汉市", "洪山区")]


def gen_douyin(out, rng):
    rows, fund = [], []
    n_order = 0
    for d in DAYS:
        for _ in range(rng.poisson(4.0 * season_cn(d))):
            n_order += 1
            main = "69%017d" % (2601000000000000 + n_order * 7)
            when = clock(rng, d)
            r = rng.random()
            status = "已取消" if r < 0.05 else "已完成"
            after = "退款成功" if status == "已完成" and rng.random() < 0.07 else "-"
            talent = rng.random() < 0.3
            prov, city, dist = PROVINCES[n_order % len(PROVINCES)]
            lines = [rng.pick(mix_for(d, CN_MIX))]
            if rng.random() < 0.2:
                lines.append(rng.pick(mix_for(d, CN_MIX)))
            for j, sku in enumerate(lines):
                name, spec, price, _ = CN_SKUS[sku]
                qty = 2 if rng.random() < 0.12 else 1
                gross = price * qty
                promo = d.month in (6, 11, 12) and rng.random() < 0.6
                sdisc = round(gross * (0.10 if promo else 0.03), 2)
                pdisc = round(gross * 0.05, 2) if promo else 0.0
                tdisc = round(gross * 0.03, 2) if talent else 0.0
                payable = gross - sdisc - pdisc - tdisc
                sub = main[:-1] + str(j + 1)
                v = {h: "-" for h in DOUYIN_HEADER}
                v.update({
                    "主订单编号": "'" + main, "子订单编号": "'" + sub, "选购商品": name,
                    "商品规格": spec, "商品数量": qty, "商品ID": "'36%017d" % (abs(hash_sku(sku))),
                    "商家编码": sku, "商品单价": yuan(price), "订单应付金额": yuan(payable),
                    "运费": "0.00", "优惠总金额": yuan(sdisc + pdisc + tdisc), "平台优惠": yuan(pdisc),
                    "商家优惠": yuan(sdisc), "达人优惠": yuan(tdisc), "商家改价": "0.00",
                    "支付优惠": "0.00", "红包抵扣": "0.00", "支付方式": "抖音支付",
                    "收件人": "王**", "收件人手机号": "1**********", "省": prov, "市": city,
                    "区": dist, "街道": "****", "详细地址": "****", "是否修改过地址": "否",
                    "订单提交时间": when,
                    "订单完成时间": "-" if status == "已取消" else (d + dt.timedelta(days=6)).isoformat() + " 10:00:00",
                    "支付完成时间": when, "APP渠道": "抖音",
                    "流量来源": "精选联盟" if talent else "直播", "订单状态": status,
                    "承诺发货时间": (d + dt.timedelta(days=2)).isoformat() + " 23:59:59",
                    "订单类型": "普通订单", "售后状态": after,
                    "取消原因": "用户取消" if status == "已取消" else "-", "是否安心购": "否",
                    "流量类型": "付费流量" if rng.random() < 0.4 else "自然流量", "发货主体": "商家",
                    "平台实际承担优惠金额": yuan(pdisc), "商家实际承担优惠金额": yuan(sdisc),
                    "达人实际承担优惠金额": yuan(tdisc), "是否平台仓自流转": "否",
                })
                rows.append([v[h] for h in DOUYIN_HEADER])
                if status == "已取消":
                    continue
                # 动账明细: settlement a week later: 5 % platform fee, 12 % talent commission.
                paid = payable + pdisc
                svc = round(paid * 0.05, 2)
                comm = round(paid * 0.12, 2) if talent else 0.0
                settled = d + dt.timedelta(days=7)
                if settled.year != YEAR:
                    continue
                n = len(fund) + 1
                fund.append([settled.isoformat() + " 03:00:00", "DZ%s%06d" % (settled.strftime("%Y%m%d"), n),
                             "入账", yuan(paid - svc - comm), "货款结算入账", "聚合账户", main, sub,
                             "36%017d" % abs(hash_sku(sku)), yuan(payable), yuan(pdisc), yuan(tdisc),
                             "0.00", "0.00", yuan(-svc), yuan(-comm), "0.00", "0.00", "0.00", "0.00",
                             "0.00", ""])
                if after == "退款成功":
                    fund.append([settled.isoformat() + " 15:20:05", "DZ%s%06dX" % (settled.strftime("%Y%m%d"), n),
                                 "出账", "3.50", "退换货运费险", "聚合账户", main, sub, "-", "-", "-", "-",
                                 "-", "-", "-", "-", "-", "-", "-", "-", "-", ""])
    base = os.path.join(out, CN_DOUYIN)
    os.makedirs(base, exist_ok=True)
    write_csv(os.path.join(base, "1798732800_订单导出_2026.csv"), DOUYIN_HEADER, rows,
              encoding="gb18030",
              pre_lines=["订单列表导出（2026-01-01 00:00:00 至 2026-12-31 23:59:59）"])
    write_csv(os.path.join(base, "动账明细_订单维度_2026.csv"), FUND_HEADER, fund,
              encoding="utf-8", bom=True)


def hash_sku(sku):
    # A stable product id per SKU (Python's hash() is salted per process).
    h = 0
    for ch in sku.encode("utf-8"):
        h = (h * 131 + ch) % 10 ** 15
    return h


# ------------------------------------------------------------------ ads

def ad_days(rng, season, base, sigma, a, b, start=None):
    """Daily (day, spend, sales) with sales = a·spend^b·noise; spend follows the season with
    wide day-to-day swings (budget tests), so the fit sees a wide range."""
    out = []
    for d in DAYS:
        if start and d < start:
            continue
        spend = base * season(d) * rng.lognorm(sigma)
        sales = a * spend ** b * rng.lognorm(0.18)
        out.append((d, spend, sales))
    return out


def gen_qianchuan(out, rng):
    header = ["日期", "整体消耗", "整体支付ROI", "整体成交金额", "整体成交订单数", "整体成交订单成本",
              "整体展现次数", "整体点击次数", "整体点击率", "整体转化率", "整体点击单价", "整体千次展现费用"]
    rows = [header]
    for d, spend, sales in ad_days(rng, season_cn, 90.0, 0.55, 12.0, 0.72):
        spend, sales = round(spend, 2), round(sales, 2)
        orders = max(1, int(round(sales / 180.0)))
        clicks = max(orders * 8, int(spend / 0.9))
        impr = clicks * 85
        rows.append([d.isoformat(), "{:,.2f}".format(spend), "%.2f" % (sales / spend),
                     "{:,.2f}".format(sales), orders, "%.2f" % (spend / orders),
                     "{:,}".format(impr), clicks, "%.2f%%" % (100.0 * clicks / impr),
                     "%.2f%%" % (100.0 * orders / clicks), "%.2f" % (spend / clicks),
                     "%.2f" % (spend * 1000 / impr)])
    write_xlsx(os.path.join(out, CN_DOUYIN, "巨量千川_整体数据_按天_2026.xlsx"), "数据", rows)


def gen_ztc(out, rng):
    header = ["日期", "场景名字", "计划ID", "计划名字", "展现量", "点击量", "花费", "点击率",
              "平均点击花费", "总成交金额", "总成交笔数", "收藏宝贝数", "总购物车数", "投入产出比"]
    rows = []
    plans = [("关键词推广", "78120001", "四件套-关键词", 35.0, 9.0, 0.66),
             ("货品全站推广", "78120002", "全站-毛巾浴巾", 25.0, 7.0, 0.62)]
    for scene, pid, plan, base, a, b in plans:
        for d, spend, sales in ad_days(rng, season_cn, base, 0.6, a, b):
            spend, sales = round(spend, 2), round(sales, 2)
            clicks = max(1, int(spend / 1.4))
            impr = clicks * 48
            orders = max(1, int(round(sales / 190.0)))
            rows.append([d.isoformat(), scene, pid, plan, "{:,}".format(impr), str(clicks),
                         yuan(spend), "%.2f%%" % (100.0 * clicks / impr), "%.2f" % (spend / clicks),
                         yuan(sales), str(orders), str(orders * 2), str(orders * 3),
                         "%.2f" % (sales / spend)])
    rows.sort(key=lambda r: (r[0], r[2]))
    write_csv(os.path.join(out, CN_TAOBAO, "直通车_万相台_推广报表_2026.csv"), header, rows,
              encoding="gbk")


def gen_gmv_max(out, rng):
    header = ["Date", "Campaign name", "Campaign ID", "Cost", "SKU orders", "Cost per order",
              "Gross revenue", "ROI", "Product ad impressions", "Product ad clicks",
              "Product ad click rate", "Currency"]
    rows = [header]
    for d, spend, sales in ad_days(rng, season_vn, 100000.0, 0.55, 130.0, 0.68):
        spend, sales = int(round(spend, -2)), int(round(sales, -3))
        orders = max(1, int(round(sales / 260000.0)))
        clicks = max(orders * 10, spend // 2500)
        impr = clicks * 60
        rows.append([d.isoformat(), "GMV Max - Nhà Mộc", "1800000000000000101", spend, orders,
                     spend // orders, sales, "%.2f" % (sales / spend), impr, clicks,
                     "%.2f%%" % (100.0 * clicks / impr), "VND"])
    write_xlsx(os.path.join(out, VN_TIKTOK, "GMV Max_campaign_by_day_2026.xlsx"), "Data", rows)


# ------------------------------------------------------------------ 淘宝

TAOBAO_HEADER = ["订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费",
                 "买家支付积分", "总金额", "返点积分", "买家实际支付金额", "买家实际支付积分",
                 "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式", "联系电话 ",
                 "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ",
                 "物流单号 ", "物流公司", "订单备注", "宝贝总数量", "店铺Id", "店铺名称",
                 "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单",
                 "分阶段订单信息", "特权订金订单id", "是否上传合同照片", "是否上传小票",
                 "是否代付", "定金排名", "修改后的sku", "修改后的收货地址", "异常信息",
                 "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易", "退款金额", "预约门店",
                 "确认收货时间", "打款商家金额"]
ITEM_HEADER = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注",
               "订单状态", "商家编码"]


def gen_taobao(out, rng):
    orders, items = [], []
    n = 0
    for d in DAYS:
        for _ in range(rng.poisson(2.4 * season_cn(d))):
            n += 1
            oid = "34%017d" % (5600000000000000 + n * 13)
            when = clock(rng, d)
            lines = [rng.pick(mix_for(d, CN_MIX))]
            if rng.random() < 0.25:
                lines.append(rng.pick(mix_for(d, CN_MIX)))
            qtys = [2 if rng.random() < 0.1 else 1 for _ in lines]
            total = sum(CN_SKUS[s][2] * q for s, q in zip(lines, qtys))
            r = rng.random()
            if r < 0.04:
                status, paid, refund, close = "交易关闭", 0.0, 0.0, "买家未付款"
            elif r < 0.10:
                status, paid, refund, close = "交易关闭", 0.0, total, "退款"
            elif r < 0.13:
                part = round(total * 0.3, 2)
                status, paid, refund, close = "交易成功", total - part, part, ""
            else:
                status, paid, refund, close = "交易成功", total, 0.0, ""
            v = {h: "" for h in TAOBAO_HEADER}
            v.update({
                "订单编号": '="%s"' % oid, "买家会员名": "t**%d" % buyer_no(n), "买家应付货款": yuan(total),
                "买家应付邮费": "0.00", "买家支付积分": "0", "总金额": yuan(total), "返点积分": "0",
                "买家实际支付金额": yuan(paid), "买家实际支付积分": "0", "订单状态": status,
                "收货人姓名": "李**", "收货地址 ": "浙江省 杭州市 ****", "运送方式": "快递",
                "联系手机": "'1**********", "订单创建时间": when,
                "订单付款时间 ": "" if close == "买家未付款" else when,
                "宝贝标题 ": CN_SKUS[lines[0]][0], "宝贝种类 ": str(len(lines)),
                "物流公司": "" if close == "买家未付款" else "中通快递",
                "宝贝总数量": str(sum(qtys)), "店铺Id": "583920117", "店铺名称": CN_TAOBAO,
                "订单关闭原因": close or "订单未关闭", "卖家服务费": "0", "买家服务费": "0",
                "是否手机订单": "手机订单", "集分宝抵扣": "0.00", "退款金额": yuan(refund),
                "确认收货时间": (d + dt.timedelta(days=5)).isoformat() + " 10:00:00" if status == "交易成功" else "",
                "打款商家金额": "%.2f元" % (paid - refund if status == "交易成功" else 0.0),
            })
            orders.append([v[h] for h in TAOBAO_HEADER])
            for sku, q in zip(lines, qtys):
                name, spec, price, _ = CN_SKUS[sku]
                items.append(['="%s"' % oid, name, yuan(price), q, "", spec, "", "", status, sku])
    base = os.path.join(out, CN_TAOBAO)
    os.makedirs(base, exist_ok=True)
    write_csv(os.path.join(base, "ExportOrderList2026.csv"), TAOBAO_HEADER, orders, encoding="gbk")
    write_csv(os.path.join(base, "ExportOrderDetailList2026.csv"), ITEM_HEADER, items, encoding="gbk")

    rows = []
    for d in DAYS:
        visitors = int(170 * season_cn(d) * rng.lognorm(0.15))
        rows.append([d.isoformat(), visitors, visitors * 3 + int(rng.random() * 40), "0.00", 0,
                     "0.00%", "0.00"])
    write_csv(os.path.join(base, "【生意参谋平台】店铺经营概况_20260101_20261231.csv"),
              ["统计日期", "访客数", "浏览量", "支付金额", "支付买家数", "支付转化率", "客单价"], rows,
              encoding="gbk",
              pre_lines=("【生意参谋平台】店铺经营概况", "统计时间：2026-01-01 ~ 2026-12-31", ""))


# ------------------------------------------------------------------ Shopee VN

# "Shopee VN order list, March 2026 (62 columns)", formats.md "Real header rows".
SHOPEE_HEADER = [h.strip() for h in """Mã đơn hàng | Mã Kiện Hàng | Ngày đặt hàng | Trạng Thái Đơn Hàng | Sản Phẩm Bán Chạy | Lý do hủy | Nhận xét từ Người mua | Mã vận đơn | Đơn Vị Vận Chuyển | Phương thức giao hàng | Loại đơn hàng | Ngày giao hàng dự kiến | Thời gian giao hàng | Thời gian hoàn thành đơn hàng | Trạng thái Trả hàng/Hoàn tiền | SKU sản phẩm | Tên sản phẩm | Cân nặng sản phẩm | Tổng cân nặng | SKU phân loại hàng | Tên phân loại hàng | Giá gốc | Người bán trợ giá | Được Shopee trợ giá | Tổng số tiền được người bán trợ giá | Giá ưu đãi | Số lượng | Số lượng sản phẩm được hoàn trả | Tổng giá bán (sản phẩm) | Tổng giá trị đơn hàng (VND) | Mã giảm giá của Shop | Hoàn Xu | Mã giảm giá của Shopee | Chỉ tiêu Combo Khuyến Mãi | Giảm giá từ combo Shopee | Giảm giá từ Combo của Shop | Shopee Xu được hoàn | Số tiền được giảm khi thanh toán bằng thẻ Ghi nợ | Trade-in Discount | Trade-in Bonus | Phí vận chuyển (dự kiến) | Trade-in Bonus by Seller | Phí vận chuyển mà người mua trả | Phí vận chuyển tài trợ bởi Shopee (dự kiến) | Phí vận chuyển trả hàng (đơn Trả hàng/hoàn tiền) | Tổng số tiền người mua thanh toán | Thời gian đơn hàng được thanh toán | Ngày xác minh ký quỹ | Phương thức thanh toán | Phí cố định | Phí Dịch Vụ | Phí thanh toán | Tiền ký quỹ | Người Mua | Tên Người nhận | Số điện thoại | Tỉnh/Thành phố | TP / Quận / Huyện | Quận | Địa chỉ nhận hàng | Quốc gia | Ghi chú""".split("|")]
assert len(SHOPEE_HEADER) == 62


def gen_shopee(out, rng):
    rows = [SHOPEE_HEADER]
    n = 0
    for d in DAYS:
        for _ in range(rng.poisson(3.0 * season_vn(d))):
            n += 1
            oid = "26%02d%02d%s" % (d.month, d.day, "".join(
                "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"[int(rng.random() * 34)] for _ in range(10)))
            when = "%s %02d:%02d" % (d.isoformat(), 7 + int(rng.random() * 16), int(rng.random() * 60))
            r = rng.random()
            status = "Đã hủy" if r < 0.06 else ("Hoàn thành" if d.month < 12 else "Đã giao")
            refund = status != "Đã hủy" and rng.random() < 0.05
            lines = [rng.pick(VN_MIX)]
            if rng.random() < 0.2:
                lines.append(rng.pick(VN_MIX))
            items = []
            for sku in lines:
                name, variant, price, _ = VN_SKUS[sku]
                qty = 2 if rng.random() < 0.15 else 1
                ssub = int(round(price * (0.15 if d.day == d.month else 0.05), -3))
                items.append((sku, name, variant, price, qty, ssub))
            total = sum((p - s) * q for _, _, _, p, q, s in items)
            shop_voucher = 10000 if total >= 300000 else 0
            fixed = int(round(total * 0.06, -2)) if status != "Đã hủy" else 0
            service = int(round(total * 0.04, -2)) if status != "Đã hủy" else 0
            payment = int(round(total * 0.05, -2)) if status != "Đã hủy" else 0
            for sku, name, variant, price, qty, ssub in items:
                v = {h: "" for h in SHOPEE_HEADER}
                v.update({
                    "Mã đơn hàng": oid, "Mã Kiện Hàng": "OFG%09d" % (200000000 + n),
                    "Ngày đặt hàng": when, "Trạng Thái Đơn Hàng": status,
                    "Sản Phẩm Bán Chạy": "N",
                    "Lý do hủy": "Người mua hủy: Muốn thay đổi sản phẩm" if status == "Đã hủy" else "",
                    "Mã vận đơn": "" if status == "Đã hủy" else "SPXVN0%09d" % (70000000 + n),
                    "Đơn Vị Vận Chuyển": "SPX Express", "Phương thức giao hàng": "Nhanh",
                    "Loại đơn hàng": "Đơn thường",
                    "Trạng thái Trả hàng/Hoàn tiền": "Đã Chấp Thuận Yêu Cầu" if refund else "",
                    "SKU sản phẩm": sku.rsplit("-", 1)[0], "Tên sản phẩm": name,
                    "Cân nặng sản phẩm": "0.5 kg", "Tổng cân nặng": "%.1f kg" % (0.5 * qty),
                    "SKU phân loại hàng": sku, "Tên phân loại hàng": variant,
                    "Giá gốc": "%d.00" % price, "Người bán trợ giá": "%d.00" % ssub,
                    "Được Shopee trợ giá": "0.00",
                    "Tổng số tiền được người bán trợ giá": "%d.00" % (ssub * qty),
                    "Giá ưu đãi": "%d.00" % (price - ssub), "Số lượng": str(qty),
                    "Số lượng sản phẩm được hoàn trả": str(qty) if refund else "0",
                    "Tổng giá bán (sản phẩm)": "%d.00" % ((price - ssub) * qty),
                    "Tổng giá trị đơn hàng (VND)": "%d.00" % total,
                    "Mã giảm giá của Shop": "%d.00" % shop_voucher, "Hoàn Xu": "0.00",
                    "Mã giảm giá của Shopee": "0.00", "Giảm giá từ combo Shopee": "0.00",
                    "Giảm giá từ Combo của Shop": "0.00", "Shopee Xu được hoàn": "0.00",
                    "Số tiền được giảm khi thanh toán bằng thẻ Ghi nợ": "0.00",
                    "Trade-in Discount": "0.00", "Trade-in Bonus": "0.00",
                    "Phí vận chuyển (dự kiến)": "32000.00", "Trade-in Bonus by Seller": "0.00",
                    "Phí vận chuyển mà người mua trả": "15000.00",
                    "Phí vận chuyển tài trợ bởi Shopee (dự kiến)": "17000.00",
                    "Phí vận chuyển trả hàng (đơn Trả hàng/hoàn tiền)": "0.00",
                    "Tổng số tiền người mua thanh toán": "%d.00" % (total - shop_voucher + 15000),
                    "Thời gian đơn hàng được thanh toán": "" if status == "Đã hủy" else when,
                    "Phương thức thanh toán": "Thanh toán khi nhận hàng",
                    "Phí cố định": "%d.00" % fixed, "Phí Dịch Vụ": "%d.00" % service,
                    "Phí thanh toán": "%d.00" % payment, "Tiền ký quỹ": "0.00",
                    "Người Mua": "buyer_%05d" % buyer_no(n), "Tên Người nhận": "N****n T** H",
                    "Số điện thoại": "******%04d" % (n % 9973), "Tỉnh/Thành phố": "TP. Hồ Chí Minh",
                    "TP / Quận / Huyện": "Quận 3", "Quận": "Phường 7", "Địa chỉ nhận hàng": "******",
                    "Quốc gia": "VN",
                })
                rows.append([v[h] for h in SHOPEE_HEADER])
    base = os.path.join(out, VN_SHOPEE)
    os.makedirs(base, exist_ok=True)
    write_xlsx(os.path.join(base, "Order.all.20260101_20261231.xlsx"), "orders", rows)


# ------------------------------------------------------------------ TikTok Shop

TIKTOK_HEADER = ["Order ID", "Order Status", "Order Substatus", "Cancelation/Return Type",
                 "Normal or Pre-order", "SKU ID", "Seller SKU", "Product Name", "Variation",
                 "Quantity", "Sku Quantity of return", "SKU Unit Original Price",
                 "SKU Subtotal Before Discount", "SKU Platform Discount", "SKU Seller Discount",
                 "SKU Subtotal After Discount", "Shipping Fee After Discount",
                 "Original Shipping Fee", "Shipping Fee Seller Discount",
                 "Shipping Fee Platform Discount", "Payment platform discount", "Taxes",
                 "Order Amount", "Order Refund Amount", "Created Time", "Paid Time", "RTS Time",
                 "Shipped Time", "Delivered Time", "Cancelled Time", "Cancel By",
                 "Cancel Reason", "Fulfillment Type", "Warehouse Name", "Tracking ID",
                 "Delivery Option", "Shipping Provider Name", "Buyer Message",
                 "Buyer Username", "Recipient", "Phone #", "Country", "Province", "District",
                 "Commune", "Detail Address", "Additional address information",
                 "Payment Method", "Weight(kg)", "Product Category", "Package ID",
                 "Seller Note"]
TIKTOK_DESC = {
    "Order ID": "Platform unique order ID.",
    "Order Status": "Current order status.",
    "Seller SKU": "SKU ID assigned by the seller.",
    "Quantity": "SKU sold quantity in the order.",
    "SKU Subtotal Before Discount": "SKU unit original price * SKU quantity.",
    "SKU Seller Discount": "Discount funded by the seller.",
}


def gen_tiktok(out, rng):
    rows = [TIKTOK_HEADER, [TIKTOK_DESC.get(h, h + ".") for h in TIKTOK_HEADER]]
    n = 0
    for d in DAYS:
        for _ in range(rng.poisson(3.0 * season_vn(d))):
            n += 1
            oid = "5768%014d" % (n * 7919)
            created = "%02d/%02d/%d %02d:%02d:%02d" % (d.day, d.month, d.year, 9 + int(rng.random() * 14),
                                                      int(rng.random() * 60), int(rng.random() * 60))
            r = rng.random()
            status = "Đã hủy" if r < 0.07 else "Đã giao"
            sku = rng.pick(VN_MIX)
            name, variant, price, _ = VN_SKUS[sku]
            qty = 2 if rng.random() < 0.1 else 1
            ret = qty if status != "Đã hủy" and rng.random() < 0.06 else 0
            sdisc = int(round(price * qty * 0.08, -3))
            pdisc = int(round(price * qty * 0.05, -3))
            ship_sd = 10000 if price * qty >= 300000 else 0
            after = price * qty - pdisc - sdisc
            v = {h: "" for h in TIKTOK_HEADER}
            v.update({
                "Order ID": oid, "Order Status": status, "Order Substatus": status,
                "Cancelation/Return Type": "Cancel" if status == "Đã hủy" else ("Return/Refund" if ret else ""),
                "Normal or Pre-order": "Normal", "SKU ID": "17294%014d" % hash_sku(sku),
                "Seller SKU": sku, "Product Name": name, "Variation": variant, "Quantity": qty,
                "Sku Quantity of return": ret, "SKU Unit Original Price": price,
                "SKU Subtotal Before Discount": price * qty, "SKU Platform Discount": pdisc,
                "SKU Seller Discount": sdisc, "SKU Subtotal After Discount": after,
                "Shipping Fee After Discount": 20000 - ship_sd - 5000,
                "Original Shipping Fee": 20000, "Shipping Fee Seller Discount": ship_sd,
                "Shipping Fee Platform Discount": 5000, "Payment platform discount": 0,
                "Taxes": 0, "Order Amount": after + 15000 - ship_sd,
                "Order Refund Amount": after if ret else 0, "Created Time": created,
                "Paid Time": created,
                "Cancelled Time": created if status == "Đã hủy" else "",
                "Cancel By": "Buyer" if status == "Đã hủy" else "",
                "Cancel Reason": "Không còn nhu cầu" if status == "Đã hủy" else "",
                "Fulfillment Type": "Fulfillment by seller", "Warehouse Name": "Kho Thủ Đức",
                "Tracking ID": "" if status == "Đã hủy" else "VN26%010d" % n,
                "Delivery Option": "Standard shipping", "Shipping Provider Name": "J&T Express",
                "Buyer Username": "user%05d" % buyer_no(n), "Recipient": "T***",
                "Phone #": "(+84)90*****%02d" % (n % 97), "Country": "Việt Nam",
                "Province": "Hồ Chí Minh", "District": "Thủ Đức", "Commune": "Linh Trung",
                "Detail Address": "***", "Payment Method": "Thanh toán khi nhận hàng",
                "Weight(kg)": "0.5", "Product Category": "Nhà cửa & Đời sống",
                "Package ID": "1152%014d" % n,
            })
            rows.append([v[h] for h in TIKTOK_HEADER])
    base = os.path.join(out, VN_TIKTOK)
    os.makedirs(base, exist_ok=True)
    write_xlsx(os.path.join(base, "All order-2026-12-31-23_59.xlsx"), "OrderSKUList", rows)


# ------------------------------------------------------------------ costs

def gen_costs(out):
    rows = [["SKU", "成本", "生效日期"]]
    for sku, (_, _, _, cost) in CN_SKUS.items():
        if cost is not None:
            rows.append([sku, cost, "2026-01-01"])
    # The supplier raised the bedding sets' price in September.
    rows.append(["MY-BED-18", 118.00, "2026-09-01"])
    rows.append(["MY-BED-15", 106.00, "2026-09-01"])
    write_xlsx(os.path.join(out, "商品成本.xlsx"), "成本", rows)

    rows = [["Mã SKU", "Giá vốn", "Từ ngày"]]
    for sku, (_, _, _, cost) in VN_SKUS.items():
        if cost is not None:
            rows.append([sku, cost, "01/01/2026"])
    write_xlsx(os.path.join(out, "Giá vốn.xlsx"), "Giá vốn", rows)

    rows = [["月份", "费用项目", "金额", "店铺", "币种"]]
    for m in range(1, 13):
        month = "%d-%02d" % (YEAR, m)
        rows.append([month, "房租（仓库）", 2000, "", "CNY"])
        rows.append([month, "客服工资", 4500 if m < 11 else 5500, "", "CNY"])
        rows.append([month, "ERP软件", 199, "", "CNY"])
        rows.append([month, "Thuê kho", 6000000, "", "VND"])
        rows.append([month, "Lương nhân viên", 12000000, "", "VND"])
    write_xlsx(os.path.join(out, "固定费用 2026.xlsx"), "固定费用", rows)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else SAMPLES
    os.makedirs(out, exist_ok=True)
    # One generator per file family, each with its own seed: changing one leaves the others.
    gen_douyin(out, Rng(1601))
    gen_qianchuan(out, Rng(1602))
    gen_taobao(out, Rng(1603))
    gen_ztc(out, Rng(1604))
    gen_shopee(out, Rng(1605))
    gen_tiktok(out, Rng(1606))
    gen_gmv_max(out, Rng(1607))
    gen_costs(out)


if __name__ == "__main__":
    main()
