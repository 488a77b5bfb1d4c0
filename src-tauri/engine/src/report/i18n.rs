//! The report's words in zh, vi and en. One row per key; `{name}` marks a lesson parameter.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Zh, Lang::Vi, Lang::En];

    /// From a locale string such as `$LANG` ("zh_CN.UTF-8", "vi_VN", "C"): zh*, vi*, else en.
    pub fn from_locale(s: &str) -> Lang {
        let s = s.to_ascii_lowercase();
        if s.starts_with("zh") {
            Lang::Zh
        } else if s.starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// BCP 47 code, for `lang` attributes and typst's `text(lang:)`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The translation of `key`; an unknown key shows as itself (visible, never a panic).
pub fn t(lang: Lang, key: &str) -> String {
    match TABLE
        .iter()
        .chain(super::i18n_money::MONEY)
        .find(|row| row.0 == key)
    {
        Some((_, zh, en, vi)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
            Lang::Vi => vi,
        }
        .to_string(),
        None => key.to_string(),
    }
}

/// `t` with `{name}` placeholders replaced by already formatted values.
pub fn fill(lang: Lang, key: &str, values: &[(&str, String)]) -> String {
    let mut s = t(lang, key);
    for (name, v) in values {
        s = s.replace(&format!("{{{name}}}"), v);
    }
    s
}

/// (key, zh, en, vi)
const TABLE: &[(&str, &str, &str, &str)] = &[
    ("title", "年终复盘报告", "Year-end review", "Báo cáo tổng kết năm"),
    ("produced", "生成日期", "Produced on", "Ngày lập"),
    ("stores", "店铺", "Stores", "Cửa hàng"),
    ("period", "期间", "Period", "Kỳ báo cáo"),
    ("contents", "目录", "Contents", "Mục lục"),
    ("currency", "币种", "Currency", "Tiền tệ"),
    ("sec.glance", "全年一页纸", "The year at a glance", "Toàn cảnh năm"),
    ("sec.waterfall", "从成交额到净利润", "From GMV to net profit", "Từ GMV đến lợi nhuận ròng"),
    ("sec.monthly", "月度趋势", "Monthly trends", "Xu hướng theo tháng"),
    ("sec.channels", "推广渠道", "Ad channels", "Kênh quảng cáo"),
    ("sec.products", "商品", "Products", "Sản phẩm"),
    ("sec.costs", "隐性成本明细", "Hidden-cost breakdown", "Chi tiết chi phí ẩn"),
    ("sec.stores", "店铺对比", "Stores side by side", "So sánh các cửa hàng"),
    ("sec.missing", "缺少成本的SKU", "SKUs missing a unit cost", "SKU chưa có giá vốn"),
    ("sec.lessons", "经验与明年目标", "Lessons and next-year targets", "Bài học và mục tiêu năm tới"),
    ("metric.gross_sales", "成交额 GMV", "GMV", "GMV (doanh số)"),
    ("metric.refunds", "退款", "Refunds", "Hoàn tiền"),
    ("metric.net_sales", "净销售额", "Net sales", "Doanh thu thuần"),
    ("metric.cogs", "商品成本", "Cost of goods", "Giá vốn hàng bán"),
    ("metric.hidden_costs", "隐性成本合计", "Hidden costs", "Tổng chi phí ẩn"),
    ("metric.contribution", "边际贡献", "Contribution", "Lãi góp"),
    ("metric.contribution_margin", "边际贡献率", "Contribution margin", "Tỷ lệ lãi góp"),
    ("metric.ad_spend", "广告花费", "Ad spend", "Chi phí quảng cáo"),
    ("metric.fixed_costs", "固定成本", "Fixed costs", "Chi phí cố định"),
    ("metric.net_profit", "净利润", "Net profit", "Lợi nhuận ròng"),
    ("metric.net_margin", "净利率", "Net margin", "Biên lợi nhuận ròng"),
    ("metric.marketing_spend", "营销总投入", "Marketing spend", "Tổng chi marketing"),
    ("metric.store_roas", "全店投产比", "Full-store ROAS", "ROAS toàn cửa hàng"),
    ("metric.profit_roi", "真实ROI", "True ROI", "ROI thực"),
    ("metric.break_even_roas", "保本ROI", "Break-even ROAS", "ROAS hòa vốn"),
    ("metric.orders", "订单数", "Orders", "Số đơn hàng"),
    ("metric.units", "件数", "Units", "Số sản phẩm"),
    ("fee.platform_commission", "平台佣金", "Platform commission", "Hoa hồng sàn (Phí cố định)"),
    ("fee.service_fee", "技术服务费", "Service fee", "Phí dịch vụ"),
    ("fee.payment_fee", "支付手续费", "Payment fee", "Phí thanh toán"),
    ("fee.affiliate_commission", "达人/淘客佣金", "Affiliate commission", "Hoa hồng tiếp thị liên kết"),
    ("fee.shipping", "运费", "Shipping", "Phí vận chuyển"),
    ("fee.shipping_insurance", "运费险", "Shipping insurance", "Bảo hiểm vận chuyển"),
    ("fee.subsidy", "补贴与优惠券", "Subsidies and vouchers", "Trợ giá và voucher"),
    ("fee.other", "其他费用", "Other fees", "Phí khác"),
    ("channel.ztc", "直通车", "Zhitongche 直通车", "Zhitongche (直通车)"),
    ("channel.wanxiangtai", "万相台", "Wanxiangtai 万相台", "Wanxiangtai (万相台)"),
    ("channel.yinli", "引力魔方", "Yinli Mofang 引力魔方", "Yinli Mofang (引力魔方)"),
    ("channel.qianchuan", "巨量千川", "Qianchuan 巨量千川", "Qianchuan (巨量千川)"),
    ("channel.pdd_ads", "拼多多推广", "Pinduoduo ads", "Quảng cáo Pinduoduo"),
    ("channel.jd_ads", "京东快车", "JD ads", "Quảng cáo JD"),
    ("channel.shopee_ads", "Shopee 广告", "Shopee Ads", "Quảng cáo Shopee"),
    ("channel.tiktok_ads", "TikTok 广告", "TikTok Ads", "Quảng cáo TikTok"),
    ("channel.lazada_ads", "Lazada 广告", "Lazada Ads", "Quảng cáo Lazada"),
    ("channel.other", "其他推广", "Other ads", "Quảng cáo khác"),
    ("col.metric", "指标", "Figure", "Chỉ số"),
    ("col.this_year", "今年", "This year", "Năm nay"),
    ("col.last_year", "去年", "Last year", "Năm trước"),
    ("col.change", "变化", "Change", "Thay đổi"),
    ("col.net_sales_last_year", "去年同月净销售额", "Net sales same month last year", "Doanh thu thuần cùng tháng năm trước"),
    ("col.amount", "金额", "Amount", "Số tiền"),
    ("col.share_gmv", "占GMV", "Share of GMV", "Tỷ trọng GMV"),
    ("col.month", "月份", "Month", "Tháng"),
    ("col.store", "店铺", "Store", "Cửa hàng"),
    ("col.channel", "渠道", "Channel", "Kênh"),
    ("col.window", "归因窗口", "Window", "Cửa sổ"),
    ("col.spend", "花费", "Spend", "Chi tiêu"),
    ("col.platform_sales", "平台成交", "Platform sales", "Doanh số sàn"),
    ("col.roas", "投产比", "ROAS", "ROAS"),
    ("col.roi_pct", "ROI", "ROI", "ROI"),
    ("col.verdict", "结论", "Verdict", "Đánh giá"),
    ("col.distance", "距保本", "vs break-even", "So với hòa vốn"),
    ("col.sku", "SKU", "SKU", "SKU"),
    ("sku.none", "（无SKU）", "(no SKU)", "(không có SKU)"),
    ("col.units", "件数", "Units", "Số lượng"),
    ("col.gross", "成交额", "GMV", "Doanh số"),
    ("col.days", "有效天数", "Days", "Số ngày"),
    ("col.current_spend", "最近日花费", "Latest daily spend", "Chi tiêu ngày gần nhất"),
    ("col.marginal_roas", "边际投产比", "Marginal ROAS", "ROAS biên"),
    ("col.ceiling", "建议日花费上限", "Suggested daily ceiling", "Mức trần chi tiêu/ngày"),
    ("col.fit_note", "说明", "Note", "Ghi chú"),
    ("col.sales_share", "销售占比", "Share of sales", "Tỷ trọng doanh số"),
    ("col.contribution", "边际贡献", "Contribution", "Lãi góp"),
    ("col.stage", "生命周期", "Lifecycle stage", "Giai đoạn"),
    ("col.skus", "SKU数", "SKUs", "Số SKU"),
    ("col.stage_roas", "可接受投产比", "Acceptable ROAS", "ROAS chấp nhận được"),
    ("col.quadrant", "矩阵位置", "Matrix quadrant", "Nhóm ma trận"),
    ("sub.marginal", "边际投产比与花费上限", "Marginal ROAS and spend ceiling", "ROAS biên và mức trần chi tiêu"),
    ("sheet.lessons", "经验与目标", "Lessons and targets", "Bài học và mục tiêu"),
    ("sheet.marginal", "边际投产比", "Marginal ROAS", "ROAS biên"),
    ("sub.targets", "明年各渠道目标", "Next year's channel targets", "Mục tiêu từng kênh năm tới"),
    ("col.target_roas", "目标投产比 ≥", "Target ROAS ≥", "ROAS mục tiêu ≥"),
    ("col.action", "动作", "Action", "Hành động"),
    ("action.hold", "守住日花费上限", "Hold at the ceiling", "Giữ ở mức trần"),
    ("action.none", "无花费", "No spend", "Không chi tiêu"),
    ("sub.stages", "生命周期阶段", "Lifecycle stages", "Giai đoạn vòng đời"),
    ("sub.all_products", "各SKU按边际贡献排序", "SKUs by contribution", "SKU theo lãi góp"),
    ("sub.best_products", "边际贡献最高的SKU", "Best SKUs by contribution", "SKU có lãi góp cao nhất"),
    ("sub.worst_products", "边际贡献最低的SKU", "Worst SKUs by contribution", "SKU có lãi góp thấp nhất"),
    ("stage.launch", "起爆期", "Launch 起爆", "Ra mắt"),
    ("stage.growth", "爆发期", "Growth 爆发", "Tăng trưởng"),
    ("stage.mature", "成熟期", "Mature 成熟", "Trưởng thành"),
    ("stage.decline", "衰退期", "Decline 衰退", "Suy giảm"),
    ("quadrant.star", "明星款", "Star", "Ngôi sao"),
    ("quadrant.traffic_driver", "引流款", "Traffic driver 引流款", "Kéo traffic"),
    ("quadrant.profit_niche", "利润款", "Profit niche 利润款", "Sinh lời"),
    ("quadrant.drop_candidate", "待淘汰", "Drop candidate", "Nên loại bỏ"),
    ("col.lesson", "经验与目标", "Lesson or target", "Bài học / mục tiêu"),
    ("days", "{n}天", "{n} days", "{n} ngày"),
    ("days.one", "{n}天", "{n} day", "{n} ngày"),
    ("verdict.scale", "可加投", "Scale", "Tăng ngân sách"),
    ("verdict.cut", "优化或停投", "Fix or cut", "Sửa hoặc dừng"),
    ("chart.waterfall", "成交额到净利润的瀑布图（金额后为占GMV的比例）", "Waterfall from GMV to net profit (each amount is followed by its share of GMV)", "Biểu đồ thác nước từ GMV đến lợi nhuận ròng (sau mỗi số tiền là tỷ trọng trên GMV)"),
    ("chart.response", "{channel}：日花费与平台成交（拟合曲线、最近日花费与建议上限）", "{channel}: daily spend and platform sales (fitted curve, latest daily spend, suggested ceiling)", "{channel}: chi tiêu và doanh số sàn theo ngày (đường ước lượng, chi tiêu gần nhất, mức trần đề xuất)"),
    ("chart.response_no_ceiling", "{channel}：日花费与平台成交（拟合曲线、最近日花费；数据不支持上限）", "{channel}: daily spend and platform sales (fitted curve, latest daily spend; the data supports no ceiling)", "{channel}: chi tiêu và doanh số sàn theo ngày (đường ước lượng, chi tiêu gần nhất; dữ liệu chưa cho thấy mức trần)"),
    ("chart.daily_spend", "日花费", "Daily spend", "Chi tiêu mỗi ngày"),
    ("chart.matrix", "产品矩阵：销售占比 × 边际贡献率（线为店铺中位数）", "Product matrix: share of sales × contribution margin (lines at the store medians)", "Ma trận sản phẩm: tỷ trọng doanh số × tỷ lệ lãi góp (đường kẻ là trung vị của cửa hàng)"),
    ("chart.monthly", "每月净销售额、净利润与广告花费", "Net sales, net profit and ad spend per month", "Doanh thu thuần, lợi nhuận ròng và chi phí quảng cáo mỗi tháng"),
    ("chart.channels", "各渠道投产比与保本线", "ROAS per channel against break-even", "ROAS từng kênh so với mức hòa vốn"),
    ("note.no_last_year", "没有去年的数据可比。", "There is no data for last year to compare with.", "Không có dữ liệu năm trước để so sánh."),
    ("note.no_channels", "今年没有广告数据。", "No ad data this year.", "Năm nay không có dữ liệu quảng cáo."),
    ("note.no_missing", "所有售出的SKU都有成本。", "Every SKU sold has a unit cost.", "Mọi SKU đã bán đều có giá vốn."),
    ("note.break_even_line", "保本线", "break-even", "hòa vốn"),
    ("note.missing_cogs", "这些SKU的商品成本按 0 计入，利润因此偏高。", "Their cost of goods counts as 0, so profit is overstated.", "Giá vốn của các SKU này đang tính là 0 nên lợi nhuận bị thổi phồng."),
    ("note.marginal", "按日花费拟合 成交 = a × 花费^b；边际投产比是多花一元带来的成交，降到保本投产比时的日花费就是建议上限。", "A curve sales = a × spend^b is fitted on the daily figures; the marginal ROAS is what one more unit of spend brings, and the suggested ceiling is the daily spend at which it falls to break-even.", "Đường doanh số = a × chi tiêu^b được ước lượng từ số liệu theo ngày; ROAS biên là doanh số mà thêm một đồng chi tiêu mang lại, mức trần đề xuất là chi tiêu/ngày tại đó ROAS biên bằng mức hòa vốn."),
    ("note.not_enough_days", "数据不足（{n} 天 < {min} 天）", "not enough data ({n} < {min} days)", "chưa đủ dữ liệu ({n} < {min} ngày)"),
    ("note.fit_ok", "已拟合", "fitted", "đã ước lượng"),
    ("note.no_ceiling", "未见边际递减，暂无上限", "no diminishing returns seen: no ceiling yet", "chưa thấy lợi suất giảm dần: chưa có mức trần"),
    ("note.no_ceiling.too_few_points", "数据不足，无法判断上限", "not enough days to judge a ceiling", "chưa đủ số ngày để xác định mức trần"),
    ("note.no_ceiling.no_response", "花费增加时成交没有随之增加：暂无上限", "sales did not rise with spend: no ceiling", "doanh số không tăng theo chi tiêu: không có mức trần"),
    ("note.no_ceiling.no_saturation", "在已试过的日花费范围内（最高 {max}/天）未见上限", "no ceiling in the range of spend you have tried (up to {max}/day)", "không thấy mức trần trong khoảng chi tiêu đã thử (tối đa {max}/ngày)"),
    ("note.no_ceiling.beyond_data", "上限远超已试过的日花费（最高 {max}/天），数据无法判断", "any ceiling lies far beyond the spend you have tried (up to {max}/day): the data cannot say", "mức trần nằm quá xa khoảng chi tiêu đã thử (tối đa {max}/ngày): dữ liệu chưa cho biết"),
    ("note.no_ceiling.no_profit", "边际贡献不为正：任何投放都无法回本", "contribution is not positive: no ad spend pays for itself", "lãi góp không dương: không khoản quảng cáo nào hoàn vốn"),
    ("note.matrix", "绿色明星款：高占比高利润；蓝色引流款：高占比低利润；黄色利润款：低占比高利润；红色待淘汰：双低。", "Green, star: high share, high margin; blue, traffic driver: high share, low margin; yellow, profit niche: low share, high margin; red, drop candidate: low on both.", "Xanh lá, ngôi sao: tỷ trọng cao, lãi cao; xanh dương, kéo traffic: tỷ trọng cao, lãi thấp; vàng, sinh lời: tỷ trọng thấp, lãi cao; đỏ, cân nhắc bỏ: thấp cả hai."),
    ("note.no_products", "今年没有商品销售数据。", "No product sales this year.", "Năm nay không có dữ liệu bán sản phẩm."),
    ("note.no_ads", "不宜投放", "do not advertise", "không nên quảng cáo"),
    ("note.cost_missing_mark", "* 该SKU缺少成本，边际贡献偏高。", "* No unit cost for this SKU: its contribution is overstated.", "* SKU chưa có giá vốn: lãi góp đang bị thổi phồng."),
    ("note.be_basis_all", "判定、明年目标和花费上限都用同一个保本投产比 {be}：本币种 {n} 个店铺合计（总成交额 ÷ 总边际贡献）。各店自己的保本投产比见“店铺对比”；只看一个店，请先选择该店铺再生成复盘。", "Verdicts, next year's targets and spend ceilings all use one break-even ROAS, {be}: that of the {n} stores of this currency together (total GMV ÷ total contribution). Each store's own break-even is under \"Stores side by side\"; for one store's own, choose that store and produce the review again.", "Kết luận, mục tiêu năm tới và mức trần chi tiêu đều dùng một ROAS hòa vốn {be}: của {n} cửa hàng cùng loại tiền cộng lại (tổng GMV ÷ tổng lãi góp). ROAS hòa vốn riêng của từng cửa hàng nằm ở mục \"So sánh các cửa hàng\"; muốn xem riêng một cửa hàng, hãy chọn cửa hàng đó rồi tạo lại báo cáo."),
    ("note.be_basis_store", "判定、明年目标和花费上限都用 {store} 的保本投产比 {be}。", "Verdicts, next year's targets and spend ceilings all use the break-even ROAS of {store}, {be}.", "Kết luận, mục tiêu năm tới và mức trần chi tiêu đều dùng ROAS hòa vốn của {store}: {be}."),
    ("note.stages_as_of", "阶段按 {date}（今年最后一个有销售的日子）计算：每个SKU截至当天 4 周的净销售额对比之前 4 周；上架不足 4 周为起爆，增长超过 20% 为爆发，±20% 以内为成熟，下降超过 20% 为衰退。", "Stages as of {date}, the last day with sales this year: each SKU's net sales in the 4 weeks to that day against the 4 weeks before; under 4 weeks on sale is launch, more than +20 % growth, within ±20 % mature, below −20 % decline.", "Giai đoạn tính đến {date}, ngày cuối cùng có doanh số trong năm: doanh thu thuần của mỗi SKU trong 4 tuần đến ngày đó so với 4 tuần trước; bán chưa đủ 4 tuần là khởi động, tăng hơn 20 % là tăng trưởng, trong khoảng ±20 % là trưởng thành, giảm quá 20 % là suy giảm."),
    ("note.subsidy", "补贴增量ROI：补贴最多的月份 {month} 对比上个月 {base}（按天数折算）。补贴只赚它带来的增量：(增量销售额 × 补贴前毛利率 − 补贴) ÷ 补贴。", "Subsidy incremental ROI: {month}, the month with the most subsidy, against {base} (scaled to the same number of days). A subsidy only earns what it adds: (incremental sales × margin before the subsidy − subsidy) ÷ subsidy.", "ROI tăng thêm của trợ giá: {month}, tháng trợ giá nhiều nhất, so với {base} (quy đổi theo số ngày). Trợ giá chỉ đáng tiền ở phần doanh số nó tạo thêm: (doanh số tăng thêm × biên lợi nhuận trước trợ giá − trợ giá) ÷ trợ giá."),
    ("sheet.subsidy", "补贴增量", "Subsidy check", "Kiểm tra trợ giá"),
    ("subsidy.cost", "补贴成本", "Subsidy cost", "Chi phí trợ giá"),
    ("subsidy.sales", "补贴月净销售额", "Net sales with the subsidy", "Doanh thu thuần có trợ giá"),
    ("subsidy.baseline", "基线销售额（上月折算）", "Baseline sales (previous month, scaled)", "Doanh số mốc (tháng trước, quy đổi)"),
    ("subsidy.incremental", "增量销售额", "Incremental sales", "Doanh số tăng thêm"),
    ("subsidy.margin", "补贴前贡献毛利率", "Margin before the subsidy", "Biên lợi nhuận trước trợ giá"),
    ("subsidy.naive_roas", "表面投产比", "Naive ROAS", "ROAS bề ngoài"),
    ("subsidy.incremental_roi", "增量ROI", "Incremental ROI", "ROI tăng thêm"),
    ("subsidy.pays", "划算", "Pays", "Có lời"),
    ("subsidy.does_not_pay", "不划算", "Does not pay", "Không lời"),
    ("subsidy.no_baseline", "上月没有订单，无法判断", "no orders the month before: cannot judge", "tháng trước không có đơn: chưa đánh giá được"),
    ("subsidy.no_verdict.season_peak", "无法判断：期间有大促（618、双11、双12、春节），自然销量本就不同", "cannot judge: a sales festival (618, 11.11, 12.12, Tết) falls in one of the periods", "chưa đánh giá được: một trong hai kỳ có mùa sale lớn (6.18, 11.11, 12.12, Tết)"),
    ("subsidy.no_verdict.season_apart", "无法判断：对比月份相隔太远，季节不同", "cannot judge: the two periods lie in different seasons", "chưa đánh giá được: hai kỳ nằm ở hai mùa khác nhau"),
    ("subsidy.no_verdict.baseline_subsidised", "无法判断：对比期也有补贴", "cannot judge: the comparison period carried subsidies too", "chưa đánh giá được: kỳ so sánh cũng có trợ giá"),
    ("note.channels", "按末次点击归因；投产比低于保本线的渠道在亏钱。", "Last-click attribution; a channel whose ROAS is below break-even loses money.", "Phân bổ theo lần nhấp cuối; kênh có ROAS dưới mức hòa vốn đang lỗ."),
    ("lesson.kept", "全年成交 {gmv}，最终留下净利润 {profit}（净利率 {margin}）。", "Of {gmv} sold, {profit} was kept as net profit (net margin {margin}).", "Bán được {gmv}, giữ lại lợi nhuận ròng {profit} (biên lợi nhuận ròng {margin})."),
    ("lesson.break_even", "明年各渠道的保本投产比为 {be}：低于它的投放都在亏钱。", "Next year's break-even ROAS is {be}: any channel below it loses money.", "ROAS hòa vốn cho năm tới là {be}: kênh nào thấp hơn mức này là đang lỗ."),
    ("lesson.no_break_even", "边际贡献不为正：任何广告都无法回本，先调整售价与成本。", "Contribution is not positive: no ad spend can pay for itself. Fix prices and costs first.", "Lãi góp không dương: không khoản quảng cáo nào có thể hoàn vốn. Hãy điều chỉnh giá bán và chi phí trước."),
    ("lesson.scale", "{channel}（{store}）投产比 {roas} 高于保本 {be}：可以加大投放，同时守住投产比 ≥ {be}。", "{channel} ({store}): ROAS {roas} is above break-even {be}. Scale it, keeping ROAS ≥ {be}.", "{channel} ({store}): ROAS {roas} cao hơn mức hòa vốn {be}. Tăng ngân sách, giữ ROAS ≥ {be}."),
    ("lesson.scale_untested", "{channel}（{store}）投产比 {roas} 高于保本 {be}；在已试过的日花费范围内（最高 {max}/天）未见上限：加预算请小步试，每步看投产比是否仍 ≥ {be}。", "{channel} ({store}): ROAS {roas} is above break-even {be}; no ceiling shows in the daily spend you have tried (up to {max}/day). Raise it in small steps and check ROAS stays ≥ {be} after each.", "{channel} ({store}): ROAS {roas} cao hơn mức hòa vốn {be}; trong khoảng chi tiêu đã thử (tối đa {max}/ngày) chưa thấy mức trần. Tăng ngân sách từng bước nhỏ và kiểm tra ROAS vẫn ≥ {be} sau mỗi bước."),
    ("lesson.cut", "{channel}（{store}）投产比 {roas} 低于保本 {be}，花费 {spend}：优化或停投，目标投产比 ≥ {be}。", "{channel} ({store}): ROAS {roas} is below break-even {be} on {spend} of spend. Fix or cut it; target ROAS ≥ {be}.", "{channel} ({store}): ROAS {roas} thấp hơn mức hòa vốn {be} với chi tiêu {spend}. Sửa hoặc dừng; mục tiêu ROAS ≥ {be}."),
    ("lesson.ceiling_over", "{channel}（{store}）最近日花费 {spend} 已超过建议上限 {ceiling}（边际投产比 {mroas}）：明年日花费控制在 {ceiling} 以内。", "{channel} ({store}): the latest daily spend {spend} is above the suggested ceiling {ceiling} (marginal ROAS {mroas}). Keep next year's daily spend under {ceiling}.", "{channel} ({store}): chi tiêu ngày gần nhất {spend} đã vượt mức trần đề xuất {ceiling} (ROAS biên {mroas}). Năm tới giữ chi tiêu mỗi ngày dưới {ceiling}."),
    ("lesson.ceiling_room", "{channel}（{store}）最近日花费 {spend}，边际投产比 {mroas}：日花费可逐步加到 {ceiling}。", "{channel} ({store}): at the latest daily spend {spend} the marginal ROAS is {mroas}. Daily spend can grow step by step up to {ceiling}.", "{channel} ({store}): với chi tiêu ngày gần nhất {spend}, ROAS biên là {mroas}. Có thể tăng dần chi tiêu mỗi ngày đến {ceiling}."),
    ("lesson.losing_skus", "{count} 个SKU在投广告前就亏钱（如 {skus}，合计 {loss}）：调价或下架。", "{count} SKUs lost money before any ad spend (e.g. {skus}; {loss} in total): reprice or drop them.", "{count} SKU lỗ ngay cả trước chi phí quảng cáo (ví dụ {skus}; tổng {loss}): điều chỉnh giá hoặc ngừng bán."),
    ("lesson.declining_skus", "{count} 个SKU处于衰退期（如 {skus}）：停止为它们投放广告。", "{count} SKUs are in decline (e.g. {skus}): stop advertising them.", "{count} SKU đang suy giảm (ví dụ {skus}): ngừng quảng cáo cho chúng."),
    ("lesson.cost_grew", "{cost}比去年增长 {growth}（{last} → {this}）：优先核查。", "{cost} grew {growth} over last year ({last} → {this}): look into it first.", "{cost} tăng {growth} so với năm trước ({last} → {this}): cần kiểm tra trước tiên."),
    ("lesson.missing_costs", "{count} 个SKU缺少成本（如 {skus}）：补录后利润才准确。", "{count} SKUs were sold without a unit cost (e.g. {skus}): enter them so profit is exact.", "{count} SKU chưa có giá vốn (ví dụ {skus}): hãy nhập để lợi nhuận chính xác."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("vi_VN"), Lang::Vi);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn every_key_is_unique_and_filled_in_all_languages() {
        let all: Vec<_> = TABLE
            .iter()
            .chain(crate::report::i18n_money::MONEY)
            .collect();
        for (i, row) in all.iter().enumerate() {
            assert!(
                !row.1.is_empty() && !row.2.is_empty() && !row.3.is_empty(),
                "{}",
                row.0
            );
            assert!(
                all[i + 1..].iter().all(|r| r.0 != row.0),
                "duplicate {}",
                row.0
            );
        }
    }

    /// The review is read by merchants: no command-line flag ("--store") in any language.
    #[test]
    fn no_text_names_a_command_line_flag() {
        for (key, zh, en, vi) in TABLE {
            for text in [zh, en, vi] {
                let flag = text
                    .match_indices("--")
                    .any(|(i, _)| text[i + 2..].starts_with(|c: char| c.is_ascii_lowercase()));
                assert!(!flag, "{key}: {text}");
            }
        }
    }

    #[test]
    fn fill_replaces_placeholders_and_unknown_keys_show_themselves() {
        let s = fill(Lang::En, "days", &[("n", "15".into())]);
        assert_eq!(s, "15 days");
        assert_eq!(t(Lang::Vi, "no.such.key"), "no.such.key");
    }
}
