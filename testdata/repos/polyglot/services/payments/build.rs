fn main() -> Result<(), Box<dyn std::error::Error>> {
    tonic_build::configure()
        .build_client(false)
        .compile_protos(&["../../proto/wayfarer/payments/v1/payments.proto"], &["../../proto"])?;
    Ok(())
}
