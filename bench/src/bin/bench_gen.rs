//! Bench data (issue 8, `scripts/bench.sh`): `bench_gen DIR N [YEAR [KINDS]]` writes N Shopee
//! VN order lines as an xlsx (real headers, one sheet, inline strings like rust_xlsxwriter's
//! constant-memory mode), N Taobao orders as a GB18030 CSV (real headers) and a year of daily
//! 万相台 ad rows, and the Shopee VN income report (settlements) of the xlsx's orders, for
//! YEAR (default 2026; order ids differ per year, so five years make a five-year ledger).
//! KINDS picks files: `xlsx,csv,ads,income` (default all). The xlsx XML is streamed into the zip: memory stays flat for any N.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::{Days, NaiveDate};
use zip::write::SimpleFileOptions;

type Res = Result<(), Box<dyn std::error::Error>>;

const SHOPEE_HEADER: &str = "Mã đơn hàng|Mã Kiện Hàng|Ngày đặt hàng|Trạng Thái Đơn Hàng|Sản Phẩm Bán Chạy|Lý do hủy|Nhận xét từ Người mua|Mã vận đơn|Đơn Vị Vận Chuyển|Phương thức giao hàng|Loại đơn hàng|Ngày giao hàng dự kiến|Ngày gửi hàng|Thời gian giao hàng|Trạng thái Trả hàng/Hoàn tiền|SKU sản phẩm|Tên sản phẩm|Cân nặng sản phẩm|Tổng cân nặng|Tên kho hàng|SKU phân loại hàng|Tên phân loại hàng|Giá gốc|Người bán trợ giá|Được Shopee trợ giá|Tổng số tiền được người bán trợ giá|Giá ưu đãi|Số lượng|Số lượng sản phẩm được hoàn trả|Tổng số tiền Người mua thanh toán|Tổng giá trị đơn hàng (VND)|Mã giảm giá của Shop|Hoàn Xu|Mã giảm giá của Shopee|Chỉ tiêu Combo Khuyến Mãi|Giảm giá từ combo Shopee|Giảm giá từ Combo của Shop|Shopee Xu được hoàn|Số tiền được giảm khi thanh toán bằng thẻ Ghi nợ|Trade-in Discount|Trade-in Bonus|Phí vận chuyển (dự kiến)|Trade-in Bonus by Seller|Phí vận chuyển mà người mua trả|Phí vận chuyển tài trợ bởi Shopee (dự kiến)|Phí vận chuyển trả hàng (đơn Trả hàng/hoàn tiền)|Tổng số tiền người mua thanh toán|Thời gian hoàn thành đơn hàng|Thời gian đơn hàng được thanh toán|Phương thức thanh toán|Phí cố định|Phí Dịch Vụ|Phí thanh toán|Tiền ký quỹ|Người Mua|Tên Người nhận|Số điện thoại|Tỉnh/Thành phố|TP / Quận / Huyện|Quận|Địa chỉ nhận hàng|Quốc gia|Ghi chú";

/// settlement-formats.md §1, the `Doanh thu` header (53 columns, verbatim).
const INCOME_HEADER: &str = "Mã giao dịch|Đơn hàng / Sản phẩm|Mã đơn hàng|Mã Số Thuế|Mã yêu cầu hoàn tiền|Mã sản phẩm|Tên sản phẩm|Ngày đặt hàng|Ngày hoàn thành thanh toán|Phương thức thanh toán|Loại đơn hàng|Sản Phẩm Bán Chạy|Tổng tiền đã thanh toán|Giá sản phẩm|Số tiền hoàn lại|Phí vận chuyển Người mua trả|Phí vận chuyển thực tế|Phí vận chuyển được trợ giá từ Shopee|Phí vận chuyển trả hàng (đơn Trả hàng/hoàn tiền)|Phí vận chuyển được hoàn bởi PiShip|Phí vận chuyển trả hàng (đơn giao không thành công)|Sản phẩm được trợ giá từ Shopee|Mã ưu đãi do Người Bán chịu|Mã ưu đãi Đồng Tài Trợ do Người Bán chịu|Mã hoàn xu do Người Bán chịu|Mã hoàn xu Đồng Tài Trợ do Người Bán chịu|Phí cố định|Phí Dịch Vụ|Phí thanh toán|Phí hoa hồng Tiếp thị liên kết|Phí dịch vụ PiShip|Mức Nạp Tiền Tự Động (từ doanh thu đơn hàng)|Thuế GTGT|Thuế TNCN|Phí lắp đặt người mua trả|Phí lắp đặt thực tế|Trade-in Bonus by Seller|Người Mua|Amount Paid By Buyer|Transaction Fee Rate (%)|Phương thức thanh toán của Người mua|Buyer Payment Method Details_1|Installment Plan (if applicable)|Phí vận chuyển - Người bán hỗ trợ|Đơn vị vận chuyển|Courier Name|Mã voucher|Đền bù đơn mất hàng|Giá sản phẩm (sau khuyến mãi)|Shopee xu|Shopee voucher|Ngân hàng khuyến mãi thanh toán trên Thẻ Tín Dụng|Shopee khuyến mãi thanh toán trên Thẻ Tín Dụng";

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
    /// Σ `line_total` over the order's lines (its per-order fees are shares of it).
    order_total: u64,
    cancelled: bool,
    returned: bool,
}

/// Order numbers of different years never meet (every id is built from them).
fn year_base(year: i32) -> u64 {
    u64::from((year - 2026).unsigned_abs()) * 100_000_000
}

/// The seller's list price of a line: Giá gốc less the seller's per-item subsidy, × qty.
fn line_total(price: u64, sku: u64, qty: u64) -> u64 {
    let ssub = if sku.is_multiple_of(7) { 10_000 } else { 0 };
    (price - ssub) * qty
}

fn lines(n: u64, year: i32, mut f: impl FnMut(&Line) -> Res) -> Res {
    let mut rng = Rng(8 + year_base(year));
    let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or("date")?;
    let base = year_base(year);
    let (mut i, mut order) = (0u64, 0u64);
    let mut held: Vec<Line> = Vec::with_capacity(3);
    while i < n {
        order += 1;
        let status = rng.below(100);
        let day = start + Days::new(i * 365 / n.max(1));
        let minute = rng.below(1440);
        held.clear();
        for _ in 0..(1 + rng.below(3)).min(n - i) {
            let (sku, qty, price) = (
                rng.below(200),
                1 + rng.below(3),
                50_000 + 1000 * rng.below(250),
            );
            held.push(Line {
                order: base + order,
                day,
                minute,
                sku,
                qty,
                price,
                order_total: 0,
                cancelled: status < 5,
                returned: status >= 95,
            });
            i += 1;
        }
        // Order-level fees are computed on the whole order, as the platform does.
        let total: u64 = held.iter().map(|l| line_total(l.price, l.sku, l.qty)).sum();
        for l in &mut held {
            l.order_total = total;
            f(l)?;
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
    I(i64),
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
        (50, l.order_total * 4 / 100),
        (51, l.order_total * 3 / 100),
        (52, l.order_total * 2 / 100),
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

/// A one-sheet xlsx streamed into its zip: rows of inline strings and numbers, as
/// rust_xlsxwriter's constant-memory mode writes them.
struct Book {
    zip: zip::ZipWriter<BufWriter<File>>,
    buf: String,
    row: u64,
    cols: Vec<String>,
}

impl Book {
    fn create(path: &Path, sheet: &str, width: usize) -> Result<Book, Box<dyn std::error::Error>> {
        let mut zip = zip::ZipWriter::new(BufWriter::new(File::create(path)?));
        let opts = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        let workbook = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        for (name, body) in [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            ("xl/workbook.xml", workbook.as_str()),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
        ] {
            zip.start_file(name, opts)?;
            zip.write_all(body.as_bytes())?;
        }
        zip.start_file("xl/worksheets/sheet1.xml", opts)?;
        let buf = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        Ok(Book {
            zip,
            buf,
            row: 0,
            cols: (0..width).map(col_name).collect(),
        })
    }

    /// One row of (column, value) cells, columns ascending.
    fn row<'a>(&mut self, cells: impl IntoIterator<Item = (usize, V<'a>)>) -> Res {
        self.row += 1;
        let r = self.row;
        let _ = write!(self.buf, r#"<row r="{r}">"#);
        for (c, v) in cells {
            match v {
                V::S(s) => {
                    let _ = write!(
                        self.buf,
                        r#"<c r="{}{r}" t="inlineStr"><is><t>"#,
                        self.cols[c]
                    );
                    esc(s, &mut self.buf);
                    self.buf.push_str("</t></is></c>");
                }
                V::N(x) => {
                    let _ = write!(self.buf, r#"<c r="{}{r}"><v>{x}</v></c>"#, self.cols[c]);
                }
                V::I(x) => {
                    let _ = write!(self.buf, r#"<c r="{}{r}"><v>{x}</v></c>"#, self.cols[c]);
                }
            };
        }
        self.buf.push_str("</row>");
        if self.buf.len() > 1 << 20 {
            self.zip.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> Res {
        self.buf.push_str("</sheetData></worksheet>");
        self.zip.write_all(self.buf.as_bytes())?;
        self.zip.finish()?.flush()?;
        Ok(())
    }
}

fn xlsx(path: &Path, n: u64, year: i32) -> Res {
    let mut book = Book::create(path, "orders", 63)?;
    book.row(SHOPEE_HEADER.split('|').map(V::S).enumerate())?;
    let (mut texts, mut nums) = ([const { None }; 63], [None; 63]);
    lines(n, year, |l| {
        shopee_row(l, &mut texts, &mut nums);
        book.row(
            texts
                .iter()
                .zip(nums)
                .enumerate()
                .filter_map(|(c, tx)| match tx {
                    (Some(t), _) => Some((c, V::S(t))),
                    (None, Some(x)) => Some((c, V::N(x))),
                    (None, None) => None,
                }),
        )
    })?;
    book.finish()
}

/// The Shopee VN income report ("Doanh thu", settlement-formats.md §1: two title rows, the
/// 53-column header, an `Order` row per settled order followed by its `Sku` rows) for the
/// xlsx's orders: two in three delivered orders, paid out 7–20 days after the order date
/// (late December's in the next year), fees and withheld taxes negative.
fn income_xlsx(path: &Path, n: u64, year: i32) -> Res {
    let mut book = Book::create(path, "Doanh thu", INCOME_HEADER.split('|').count())?;
    book.row([(0, V::S("Báo cáo thu nhập — Doanh thu đã phát hành"))])?;
    book.row([(0, V::S("Từ 01/01 đến 31/12"))])?;
    book.row(INCOME_HEADER.split('|').map(V::S).enumerate())?;
    let mut order: Vec<(u64, u64)> = Vec::new(); // (sku, line total) of the current order
    let mut current: Option<(u64, NaiveDate, bool)> = None;
    let mut txn = 0u64;
    let mut flush = |book: &mut Book, o: (u64, NaiveDate, bool), skus: &[(u64, u64)]| -> Res {
        let (id, day, refunded) = o;
        if id % 3 == 0 {
            return Ok(()); // not paid out yet
        }
        let paid = day + Days::new(7 + id % 14);
        let (oid, day, paid) = (format!("2601{id:010}"), day.to_string(), paid.to_string());
        let gross: u64 = skus.iter().map(|s| s.1).sum();
        let refund = if refunded { gross as i64 } else { 0 };
        let fee = |pct: u64| -((gross * pct / 100) as i64);
        let tax = |permille: u64| -((gross * permille / 1000) as i64);
        let settled = gross as i64 - refund + fee(4) + fee(3) + fee(2) + tax(10) + tax(5);
        txn += 1;
        book.row([
            (0, V::N(txn)),
            (1, V::S("Order")),
            (2, V::S(&oid)),
            (7, V::S(&day)),
            (8, V::S(&paid)),
            (10, V::S("Đơn thường")),
            (12, V::I(settled)),
            (13, V::N(gross)),
            (14, V::I(-refund)),
            (26, V::I(fee(4))),
            (27, V::I(fee(3))),
            (28, V::I(fee(2))),
            (32, V::I(tax(10))),
            (33, V::I(tax(5))),
        ])?;
        for (sku, total) in skus {
            txn += 1;
            let sku = format!("SKU-{sku:03}");
            book.row([
                (0, V::N(txn)),
                (1, V::S("Sku")),
                (2, V::S(&oid)),
                (5, V::S(&sku)),
                (7, V::S(&day)),
                (8, V::S(&paid)),
                (13, V::N(*total)),
            ])?;
        }
        Ok(())
    };
    lines(n, year, |l| {
        if current.is_some_and(|c| c.0 != l.order) {
            if let Some(o) = current.take() {
                flush(&mut book, o, &order)?;
            }
            order.clear();
        }
        if !l.cancelled {
            order.push((l.sku, line_total(l.price, l.sku, l.qty)));
            current = Some((l.order, l.day, l.returned));
        }
        Ok(())
    })?;
    if let Some(o) = current {
        flush(&mut book, o, &order)?;
    }
    book.finish()
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
        return Err("usage: bench_gen DIR N [YEAR [xlsx,csv,ads,income]]".into());
    };
    let year: i32 = args.get(3).map_or(Ok(2026), |y| y.parse())?;
    let kinds = args.get(4).map_or("xlsx,csv,ads,income", String::as_str);
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
    if kinds.contains("income") {
        income_xlsx(
            &dir.join(format!("Income.đã phát hành.vn.{year}0101_{year}1231.xlsx")),
            n,
            year,
        )?;
    }
    if kinds.contains("ads") {
        ads_csv(&dir.join(format!("万相台_推广_{year}.csv")), year)?;
    }
    Ok(())
}
