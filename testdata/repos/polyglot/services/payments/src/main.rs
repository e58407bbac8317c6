//! Card payments for wayfarer. Only the checkout service is meant to reach
//! this port; the network policy in deploy/k8s/payments.yaml enforces it.

use tonic::{transport::Server, Request, Response, Status, Streaming};

pub mod pb {
    tonic::include_proto!("wayfarer.payments.v1");
}

use pb::payment_service_server::{PaymentService, PaymentServiceServer};

#[derive(Default)]
struct Payments;

#[tonic::async_trait]
impl PaymentService for Payments {
    async fn authorize(
        &self,
        req: Request<pb::AuthorizeRequest>,
    ) -> Result<Response<pb::AuthorizeResponse>, Status> {
        let req = req.into_inner();
        if req.amount_cents <= 0 {
            return Err(Status::invalid_argument("amount must be positive"));
        }
        tracing::info!(order_id = %req.order_id, "authorizing");
        Ok(Response::new(pb::AuthorizeResponse {
            authorization_id: format!("auth_{}", req.order_id),
            approved: !req.card_token.starts_with("tok_decline"),
            decline_reason: String::new(),
        }))
    }

    async fn capture(
        &self,
        req: Request<pb::CaptureRequest>,
    ) -> Result<Response<pb::CaptureResponse>, Status> {
        let id = req.into_inner().authorization_id.replacen("auth_", "txn_", 1);
        Ok(Response::new(pb::CaptureResponse { transaction_id: id }))
    }

    async fn refund(
        &self,
        req: Request<pb::RefundRequest>,
    ) -> Result<Response<pb::RefundResponse>, Status> {
        let id = req.into_inner().transaction_id.replacen("txn_", "rfd_", 1);
        Ok(Response::new(pb::RefundResponse { refund_id: id }))
    }

    async fn upload_settlements(
        &self,
        req: Request<Streaming<pb::SettlementRecord>>,
    ) -> Result<Response<pb::UploadSummary>, Status> {
        let mut stream = req.into_inner();
        let mut records = 0;
        while let Some(_record) = stream.message().await? {
            records += 1;
        }
        Ok(Response::new(pb::UploadSummary { records }))
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().json().init();
    let (_reporter, health) = tonic_health::server::health_reporter();
    let addr = "0.0.0.0:7000".parse()?;
    Server::builder()
        .add_service(health)
        .add_service(PaymentServiceServer::new(Payments))
        .serve_with_shutdown(addr, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
