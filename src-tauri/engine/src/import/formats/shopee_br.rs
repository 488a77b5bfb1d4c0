//! Shopee Brazil order list (Portuguese headers), BRL. It has two columns named `Desconto
//! do vendedor` and two named `Cidade`: bound by position among equals ("Name#2").
//!
//! Checked against: the real header row in formats.md "Real header rows" (Shopee BR order
//! list). ASSUMED from the column order, which follows the Indonesian list's `Total Diskon |
//! Diskon Dari Penjual | Diskon Dari Shopee`: the 1st `Desconto do vendedor` is the line's
//! total discount (not read), the 2nd the seller's own price cut (price), `Incentivo Shopee
//! para ação comercial` Shopee's. Fees: the NET commission and service fee (`Net Commission
//! Fee`, `Taxa de serviço líquida`; the gross ones restate them before rebates) and `Taxa de
//! transação`, once per order. `Cancelado` is a cancellation.

use super::spec::*;
use crate::model::{Currency, FeeKind, Platform};
use Role::*;

pub const ORDERS: FormatSpec = FormatSpec {
    id: "shopee_br.orders",
    platforms: &[Platform::ShopeeVn],
    currency: Some(Currency::BRL),
    file_hints: &["order.all", "order.completed"],
    line_id: LineIdRule::Occurrence,
    list: ListRule::UnitTimesQtyLess,
    refund: RefundRule::ReturnedQty,
    columns: &[
        col(OrderId, &["ID do pedido"]).req(),
        col(Date, &["Data de criação do pedido"]).req(),
        col(Status, &["Status do pedido"]).req(),
        col(RefundStatus, &["Status da Devolução / Reembolso"]),
        col(LineKey, &["Número de referência SKU"]),
        col(LineKey, &["Nº de referência do SKU principal"]),
        col(Sku, &["Número de referência SKU"]),
        col(Sku, &["Nº de referência do SKU principal"]),
        col(Product, &["Nome do Produto"]),
        col(Qty, &["Quantidade"]).req(),
        col(ReturnedQty, &["Returned quantity"]),
        col(UnitPrice, &["Preço original"]).req(),
        col(ListDeduction, &["Desconto do vendedor#2"]),
        col(PlatformDiscount, &["Incentivo Shopee para ação comercial"]),
        col(PlatformDiscount, &["Cupom Shopee"]).once(),
        col(
            PlatformDiscount,
            &["Desconto Shopee da Leve Mais por Menos"],
        )
        .once(),
        col(PlatformDiscount, &["Compensar Moedas Shopee"]).once(),
        col(OrderDiscount, &["Cupom do vendedor"]).once(),
        col(OrderDiscount, &["Seller Absorbed Coin Cashback"]).once(),
        col(
            OrderDiscount,
            &["Desconto da Leve Mais por Menos do vendedor"],
        )
        .once(),
        col(Fee(FeeKind::PlatformCommission), &["Net Commission Fee"]).once(),
        col(Fee(FeeKind::ServiceFee), &["Taxa de serviço líquida"]).once(),
        col(Fee(FeeKind::PaymentFee), &["Taxa de transação"]).once(),
        col(BuyerId, &["Nome de usuário (comprador)"]),
    ],
    ignore: &[
        "Hot Listing",
        "Cancelar Motivo",
        "Número de rastreamento",
        "Opção de envio",
        "Método de envio",
        "Data prevista de envio",
        "Tempo de Envio",
        "Hora do pagamento do pedido",
        "Nome da variação",
        "Preço acordado",
        "Subtotal do produto",
        "Desconto do vendedor#1",
        "Peso total SKU",
        "Número de produtos pedidos",
        "Peso total do pedido",
        "Código do Cupom",
        "Indicador da Leve Mais por Menos",
        "Total descontado Cartão de Crédito",
        "Valor Total",
        "Taxa de envio pagas pelo comprador",
        "Desconto de Frete Aproximado",
        "Taxa de comissão bruta",
        "Taxa de serviço bruta",
        "Total global",
        "Valor estimado do frete",
        "Nome do destinatário",
        "Telefone",
        "CPF do Comprador",
        "Endereço de entrega",
        "Cidade",
        "Bairro",
        "UF",
        "País",
        "CEP",
        "Observação do comprador",
        "Hora completa do pedido",
        "Nota",
    ],
    statuses: &[status(Status, "Cancelado", Effect::Cancelled)],
    ..LINES
};
