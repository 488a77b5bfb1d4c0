//! Bench data (issue 8, `scripts/bench.sh`): `bench_gen DIR N [YEAR [KINDS]]` writes N Shopee
//! VN order lines as an xlsx (real headers, one sheet, inline strings like rust_xlsxwriter's
//! constant-memory mode), N Taobao orders as a GB18030 CSV (real headers) and a year of daily
//! 万相台 ad rows, for YEAR (default 2026; order ids differ per year, so five years make a
//! five-year ledger). KINDS picks files: `xlsx,csv,ads` (default all). The xlsx XML is streamed into the zip: memory stays flat for any N.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::{Days, NaiveDate};
use zip::write::SimpleFileOptions;

type Res = Result<(), Box<dyn std::error::Error>>;

const SHOPEE_HEADER: &str = "Mã đơn hàng|Mã Kiện Hàng|Ngày đặt hàng|Trạng Thái Đơn Hàng|Sản Phẩm Bán Chạy|Lý do hủy|Nhận xét từ Người mua|Mã vận đơn|Đơn Vị Vận Chuyển|Phương thức giao hàng|Loại đơn hàng|Ngày giao hàng dự kiến|Ngày gửi hàng|Thời gian giao hàng|Trạng thái Trả hàng/Hoàn tiền|SKU sản phẩm|Tên sản phẩm|Cân nặng sản phẩm|Tổng cân nặng|Tên kho hàng|SKU phân loại hàng|Tên phân loại hàng|Giá gốc|Người bán trợ giá|Được Shopee trợ giá|Tổng số tiền được người bán trợ giá|Giá ưu đãi|Số lượng|Số lượng sản phẩm được hoàn trả|Tổng số tiền Người mua thanh toán|Tổng giá trị đơn hàng (VND)|Mã giảm giá của Shop|Hoàn Xu|Mã giảm giá của Shopee|Chỉ tiêu Combo Khuyến Mãi|Giảm giá từ combo Shopee|Giảm giá từ Combo của Shop|Shopee Xu được hoàn|Số tiền được giảm khi thanh toán bằng thẻ Ghi nợ|Trade-in Discount|Trade-in Bonus|Phí vận chuyển (dự kiến)|Trade-in Bonus by Seller|Phí vận chuyển mà người mua trả|Phí vận chuyển tài trợ bởi Shopee (dự kiến)|Phí vận chuyển trả hàng (đơn Trả hàng/hoàn tiền)|Tổng số tiền người mua thanh toán|Thời gian hoàn thành đơn hàng|Thời gian đơn hàng được thanh toán|Phương thức thanh toán|Phí cố định|Phí Dịch Vụ|Phí thanh toán|Tiền ký quỹ|Người Mua|Tên Người nhận|Số điện thoại|Tỉnh/Thành phố|TP / Quận / Huyện|Quận|Địa chỉ nhận hàng|Quốc gia|Ghi chú";

const TAOBAO_HEADER: &str = "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类 ,物流单号 ,物流公司,订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,发票抬头,是否手机订单,分阶段订单信息,特权订金订单id,是否上传合同照片,是否上传小票,是否代付,定金排名,修改后的sku,修改后的收货地址,异常信息,天猫卡券抵扣,集分宝抵扣,是否是O2O交易,退款金额,预约门店,确认收货时间,打款商家金额";

/// splitmix64: deterministic data for comparable runs.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

/// One generated order line, shared by the xlsx and the CSV.
struct Line {
    order: u64,
    day: NaiveDate,
    minute: u64,
    sku: u64,
    qty: u64,
    price: u64,
    cancelled: bool,
    returned: bool,
}

/// Order numbers of different years never meet (every id is built from them).
fn year_base(year: i32) -> u64 {
    u64::from((year - 2026).unsigned_abs()) * 100_000_000
}

fn lines(n: u64, year: i32, mut f: impl FnMut(&Line) -> Res) -> Res {
    let mut rng = Rng(8 + year_base(year));
    let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or("date")?;
    let base = year_base(year);
    let (mut i, mut order) = (0u64, 0u64);
    while i < n {
        order += 1;
        let status = rng.below(100);
        let day = start + Days::new(i * 365 / n.max(1));
        let minute = rng.below(1440);
        for _ in 0..(1 + rng.below(3)).min(n - i) {
            f(&Line {
                order: base + order,
                day,
                minute,
                sku: rng.below(200),
                qty: 1 + rng.below(3),
                price: 50_000 + 1000 * rng.below(250),
                cancelled: status < 5,
                returned: status >= 95,
            })?;
            i += 1;
        }
    }
    Ok(())
}

fn col_name(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.iter().rev().map(|&b| b as char).collect()
}

enum V<'a> {
    S(&'a str),
    N(u64),
}

fn shopee_row(l: &Line, out: &mut [Option<String>; 63], nums: &mut [Option<u64>; 63]) {
    let ssub = if l.sku.is_multiple_of(7) { 10_000 } else { 0 };
    let status = if l.cancelled {
        "Đã hủy"
    } else {
        "Hoàn thành"
    };
    let s = |v: &str| Some(v.to_string());
    let texts: [(usize, Option<String>); 20] = [
        (0, Some(format!("2601{:010}", l.order))),
        (1, Some(format!("OFG{:09}", l.order))),
        (
            2,
            Some(format!(
                "{} {:02}:{:02}",
                l.day,
                l.minute / 60,
                l.minute % 60
            )),
        ),
        (3, s(status)),
        (4, s("N")),
        (8, s("SPX Express")),
        (9, s("Nhanh")),
        (10, s("Đơn thường")),
        (
            14,
            if l.returned {
                s("Đã Chấp Thuận Yêu Cầu")
            } else {
                None
            },
        ),
        (15, Some(format!("P{:03}", l.sku / 4))),
        (16, Some(format!("Áo thun cotton mẫu {}", l.sku / 4))),
        (17, s("0.3 kg")),
        (19, s("Kho Hà Nội")),
        (20, Some(format!("SKU-{:03}", l.sku))),
        (21, Some(format!("Màu {},Size {}", l.sku % 5, l.sku % 4))),
        (49, s("Thanh toán khi nhận hàng")),
        (54, Some(format!("buyer_{}", l.order % 50_000))),
        (57, s("Hà Nội")),
        (58, s("Quận Cầu Giấy")),
        (61, s("VN")),
    ];
    out.iter_mut().for_each(|c| *c = None);
    nums.iter_mut().for_each(|c| *c = None);
    for (i, t) in texts {
        out[i] = t;
    }
    let total = (l.price - ssub) * l.qty;
    for (i, v) in [
        (22, l.price),
        (23, ssub),
        (24, 0),
        (25, ssub * l.qty),
        (26, l.price - ssub),
        (27, l.qty),
        (28, if l.returned { l.qty } else { 0 }),
        (29, total),
        (30, total),
        (31, if l.order.is_multiple_of(3) { 5_000 } else { 0 }),
        (32, 0),
        (33, 0),
        (35, 0),
        (36, 0),
        (41, 32_000),
        (43, 15_000),
        (44, 17_000),
        (46, total + 15_000),
        (50, total * 4 / 100),
        (51, total * 3 / 100),
        (52, total * 2 / 100),
        (53, 0),
    ] {
        nums[i] = Some(v);
    }
}

fn esc(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn xlsx(path: &Path, n: u64, year: i32) -> Res {
    let mut zip = zip::ZipWriter::new(BufWriter::new(File::create(path)?));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, body) in [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="orders" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ] {
        zip.start_file(name, opts)?;
        zip.write_all(body.as_bytes())?;
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts)?;
    let cols: Vec<String> = (0..63).map(col_name).collect();
    let mut buf = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let cell = |buf: &mut String, r: u64, c: usize, v: V<'_>| {
        match v {
            V::S(s) => {
                let _ = write!(buf, r#"<c r="{}{r}" t="inlineStr"><is><t>"#, cols[c]);
                esc(s, buf);
                buf.push_str("</t></is></c>");
            }
            V::N(x) => {
                let _ = write!(buf, r#"<c r="{}{r}"><v>{x}</v></c>"#, cols[c]);
            }
        };
    };
    buf.push_str(r#"<row r="1">"#);
    for (c, h) in SHOPEE_HEADER.split('|').enumerate() {
        cell(&mut buf, 1, c, V::S(h));
    }
    buf.push_str("</row>");
    let (mut texts, mut nums) = ([const { None }; 63], [None; 63]);
    let mut r = 1u64;
    lines(n, year, |l| {
        r += 1;
        shopee_row(l, &mut texts, &mut nums);
        let _ = write!(buf, r#"<row r="{r}">"#);
        for (c, (t, x)) in texts.iter().zip(nums).enumerate() {
            match (t, x) {
                (Some(t), _) => cell(&mut buf, r, c, V::S(t)),
                (None, Some(x)) => cell(&mut buf, r, c, V::N(x)),
                (None, None) => {}
            }
        }
        buf.push_str("</row>");
        if buf.len() > 1 << 20 {
            zip.write_all(buf.as_bytes())?;
            buf.clear();
        }
        Ok(())
    })?;
    buf.push_str("</sheetData></worksheet>");
    zip.write_all(buf.as_bytes())?;
    zip.finish()?.flush()?;
    Ok(())
}

/// Taobao 订单报表: one order per generated line (its line id is the order id).
fn taobao_csv(path: &Path, n: u64, year: i32) -> Res {
    let mut out = BufWriter::new(File::create(path)?);
    let mut text = String::with_capacity(1 << 21);
    text.push_str(TAOBAO_HEADER);
    text.push_str("\r\n");
    let mut i = 0u64;
    let flush = |text: &mut String, out: &mut BufWriter<File>| -> Res {
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        out.write_all(&bytes)?;
        text.clear();
        Ok(())
    };
    lines(n, year, |l| {
        i += 1;
        let yuan = l.price * l.qty / 3000;
        let (status, close, paid, refund) = if l.cancelled {
            ("交易关闭", "买家未付款", 0, 0)
        } else if l.returned {
            ("交易关闭", "退款", yuan, yuan)
        } else {
            ("交易成功", "订单未关闭", yuan, 0)
        };
        let created = format!("{} {:02}:{:02}:00", l.day, l.minute / 60, l.minute % 60);
        let fields: [String; 48] = std::array::from_fn(|c| match c {
            0 => format!(
                "=\"{}\"",
                3_456_789_012_000_000_000 + year_base(year) * 100 + i
            ),
            1 => format!("t**{}", l.order % 50_000),
            3 | 6 => format!("{yuan}.00"),
            4 => "0.00".into(),
            5 | 7 | 9 => "0".into(),
            8 | 47 => format!("{paid}.00"),
            10 => status.into(),
            12 => "李**".into(),
            13 => "广东省 深圳市 南山区 ****".into(),
            14 => "快递".into(),
            16 => format!("'138****{:04}", l.order % 10_000),
            17 => created.clone(),
            18 if paid > 0 => created.clone(),
            19 => format!("纯棉T恤 款{}", l.sku / 4),
            20 => "1".into(),
            21 if paid > 0 => format!("=\"YT75{:011}\"", i),
            22 if paid > 0 => "圆通速递".into(),
            24 => l.qty.to_string(),
            25 => "583920001".into(),
            26 => "复盘测试小店".into(),
            27 => close.into(),
            28 | 29 | 41 | 42 => "0.00".into(),
            31 => "手机订单".into(),
            43 => "否".into(),
            44 => format!("{refund}.00"),
            _ => String::new(),
        });
        text.push_str(&fields.join(","));
        text.push_str("\r\n");
        if text.len() > 1 << 20 {
            flush(&mut text, &mut out)?;
        }
        Ok(())
    })?;
    flush(&mut text, &mut out)?;
    out.flush()?;
    Ok(())
}

/// A year of daily 万相台 rows: 3 scenes × 4 plans a day, UTF-8 with BOM like the console.
fn ads_csv(path: &Path, year: i32) -> Res {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all("\u{feff}日期,场景名字,计划ID,计划名字,展现量,点击量,花费 ,点击率 ,平均点击花费,总成交金额,总成交笔数,收藏宝贝数,总购物车数,投入产出比\r\n".as_bytes())?;
    let mut rng = Rng(9 + year_base(year));
    let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or("date")?;
    for d in 0..365 {
        let day = start + Days::new(d);
        for (s, scene) in ["关键词推广", "人群推广", "货品全站推广"]
            .iter()
            .enumerate()
        {
            for p in 0..4 {
                let clicks = 50 + rng.below(200);
                let spend = clicks * 30;
                let sales = spend * (1 + rng.below(6));
                writeln!(
                    out,
                    "{day},{scene},7812{s}{p:03},计划-{s}-{p},\"{}\",{clicks},{}.{:02},2.00%,0.30,{}.{:02},{},3,5,3.00\r",
                    clicks * 50,
                    spend / 100,
                    spend % 100,
                    sales / 100,
                    sales % 100,
                    1 + sales / 10_000
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn main() -> Res {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse().ok())) else {
        return Err("usage: bench_gen DIR N [YEAR [xlsx,csv,ads]]".into());
    };
    let year: i32 = args.get(3).map_or(Ok(2026), |y| y.parse())?;
    let kinds = args.get(4).map_or("xlsx,csv,ads", String::as_str);
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir)?;
    if kinds.contains("xlsx") {
        xlsx(
            &dir.join(format!("Order.all.{year}0101_{year}1231.xlsx")),
            n,
            year,
        )?;
    }
    if kinds.contains("csv") {
        taobao_csv(&dir.join(format!("ExportOrderList{year}.csv")), n, year)?;
    }
    if kinds.contains("ads") {
        ads_csv(&dir.join(format!("万相台_推广_{year}.csv")), year)?;
    }
    Ok(())
}
