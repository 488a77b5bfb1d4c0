//! The closed vocabularies of the ledger. Each has a stable string id (used in the database,
//! the CLI JSON and the UI's translation keys).

use serde::{Deserialize, Serialize};

/// Declares a string-id enum: `as_str`, `FromStr`, `Display`, `ALL` and serde by id.
macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $($id => Ok($name::$variant),)+
                    other => Err(format!(concat!("unknown ", stringify!($name), " {:?}"), other)),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

id_enum!(
    /// Selling platforms (cli.md platform ids).
    Platform {
        Taobao = "taobao",
        Tmall = "tmall",
        Douyin = "douyin",
        Jd = "jd",
        Pdd = "pdd",
        ShopeeVn = "shopee_vn",
        TiktokShop = "tiktok_shop",
        Lazada = "lazada",
        Generic = "generic",
    }
);

impl Platform {
    /// The name a store gets when its export names no shop and the merchant gave none: the
    /// platform as merchants call it, never its id (issue 16).
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Taobao => "淘宝店",
            Platform::Tmall => "天猫店",
            Platform::Douyin => "抖店",
            Platform::Jd => "京东店",
            Platform::Pdd => "拼多多店",
            Platform::ShopeeVn => "Shopee VN",
            Platform::TiktokShop => "TikTok Shop",
            Platform::Lazada => "Lazada",
            Platform::Generic => "Shop",
        }
    }

    /// The currency a store on this platform sells in unless told otherwise.
    pub fn default_currency(self) -> super::Currency {
        use super::Currency;
        match self {
            Platform::ShopeeVn | Platform::TiktokShop | Platform::Lazada => Currency::VND,
            _ => Currency::CNY,
        }
    }
}

id_enum!(
    /// Cost kinds of metrics.md §1; every fee row carries one.
    FeeKind {
        PlatformCommission = "platform_commission",
        ServiceFee = "service_fee",
        PaymentFee = "payment_fee",
        AffiliateCommission = "affiliate_commission",
        Shipping = "shipping",
        ShippingInsurance = "shipping_insurance",
        Subsidy = "subsidy",
        Other = "other",
    }
);

id_enum!(
    /// Ad channels (cli.md channel ids).
    Channel {
        Ztc = "ztc",
        Wanxiangtai = "wanxiangtai",
        Yinli = "yinli",
        Qianchuan = "qianchuan",
        PddAds = "pdd_ads",
        JdAds = "jd_ads",
        ShopeeAds = "shopee_ads",
        TiktokAds = "tiktok_ads",
        LazadaAds = "lazada_ads",
        Other = "other",
    }
);

id_enum!(
    /// What an imported file holds.
    ReportKind {
        Orders = "orders",
        OrderItems = "order_items",
        Settlement = "settlement",
        Ads = "ads",
        SkuCosts = "sku_costs",
        FixedCosts = "fixed_costs",
        Traffic = "traffic",
    }
);

id_enum!(
    /// Order status after mapping the platform's text; refunds are a fraction, not a status.
    OrderStatus {
        Paid = "paid",
        Cancelled = "cancelled",
    }
);

/// A store (shop/account) in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoreId(pub i64);

/// One recorded import (one file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImportId(pub i64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for p in Platform::ALL {
            assert_eq!(p.as_str().parse::<Platform>(), Ok(*p));
        }
        for k in FeeKind::ALL {
            assert_eq!(k.as_str().parse::<FeeKind>(), Ok(*k));
        }
        for c in Channel::ALL {
            assert_eq!(
                serde_json::to_string(c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
        assert!("nope".parse::<Channel>().is_err());
    }
}
