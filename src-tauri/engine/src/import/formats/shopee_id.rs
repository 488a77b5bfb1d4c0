//! Shopee Indonesia order list (`Order.all.*.xlsx`, Indonesian headers), IDR (0 decimals).
//!
//! Checked against: the real 49-column header row in formats.md "Real header rows" (Shopee
//! ID order list). Same structure as the VN list (one row per item, order columns repeated);
//! Indonesian order lists carry NO fees (they are in the income report). ASSUMED from the
//! column names, not from figures: `Diskon Dari Penjual` is the line's seller price cut
//! (price, as VN's `Tổng số tiền được người bán trợ giá`), `Diskon Dari Shopee` Shopee's;
//! status `Batal` is a cancellation.

use super::spec::*;
use crate::model::{Currency, Platform};
use Role::*;

pub const ORDERS: FormatSpec = FormatSpec {
    id: "shopee_id.orders",
    platforms: &[Platform::ShopeeVn],
    currency: Some(Currency::IDR),
    sheet_hints: &["orders", "Orders"],
    file_hints: &["order.all", "order.completed"],
    line_id: LineIdRule::Occurrence,
    list: ListRule::UnitTimesQtyLess,
    refund: RefundRule::ReturnedQty,
    columns: &[
        col(OrderId, &["No. Pesanan"]).req(),
        col(Date, &["Waktu Pesanan Dibuat"]).req(),
        col(Status, &["Status Pesanan"]).req(),
        col(RefundStatus, &["Status Pembatalan/ Pengembalian"]),
        col(LineKey, &["Nomor Referensi SKU"]),
        col(LineKey, &["SKU Induk"]),
        col(Sku, &["Nomor Referensi SKU"]),
        col(Sku, &["SKU Induk"]),
        col(Product, &["Nama Produk"]),
        col(Qty, &["Jumlah"]).req(),
        col(ReturnedQty, &["Returned quantity"]),
        col(UnitPrice, &["Harga Awal"]).req(),
        col(ListDeduction, &["Diskon Dari Penjual"]),
        col(PlatformDiscount, &["Diskon Dari Shopee"]),
        col(PlatformDiscount, &["Voucher Ditanggung Shopee"]).once(),
        col(PlatformDiscount, &["Paket Diskon (Diskon dari Shopee)"]).once(),
        col(PlatformDiscount, &["Potongan Koin Shopee"]).once(),
        col(OrderDiscount, &["Voucher Ditanggung Penjual"]).once(),
        col(OrderDiscount, &["Paket Diskon (Diskon dari Penjual)"]).once(),
        col(BuyerId, &["Username (Pembeli)"]),
    ],
    ignore: &[
        "Alasan Pembatalan",
        "No. Resi",
        "Opsi Pengiriman",
        "Antar ke counter/ pick-up",
        "Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)",
        "Waktu Pengiriman Diatur",
        "Waktu Pembayaran Dilakukan",
        "Metode Pembayaran",
        "Nama Variasi",
        "Harga Setelah Diskon",
        "Total Harga Produk",
        "Total Diskon",
        "Berat Produk",
        "Jumlah Produk di Pesan",
        "Total Berat",
        "Cashback Koin",
        "Paket Diskon",
        "Diskon Kartu Kredit",
        "Ongkos Kirim Dibayar oleh Pembeli",
        "Estimasi Potongan Biaya Pengiriman",
        "Ongkos Kirim Pengembalian Barang",
        "Total Pembayaran",
        "Perkiraan Ongkos Kirim",
        "Catatan dari Pembeli",
        "Catatan",
        "Nama Penerima",
        "No. Telepon",
        "Alamat Pengiriman",
        "Kota/Kabupaten",
        "Provinsi",
        "Waktu Pesanan Selesai",
    ],
    statuses: &[status(Status, "Batal", Effect::Cancelled)],
    ..LINES
};
