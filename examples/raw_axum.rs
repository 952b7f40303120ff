//! Benchmark baseline: a minimal axum server answering every request with the bytes of a
//! file read once at start-up (`raw_axum <file> <addr>`). `make bench` compares the app with it.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    use axum::http::header;
    use axum::routing::get;
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(addr)) = (args.next(), args.next()) else {
        eprintln!("usage: raw_axum <file> <addr>");
        std::process::exit(2);
    };
    let body: &'static [u8] = Box::leak(std::fs::read(&file).expect("readable file").into_boxed_slice());
    let app = axum::Router::new().route("/", get(move || async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body) }));
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("address free");
    axum::serve(listener, app).await.expect("serve");
}

#[cfg(not(feature = "ssr"))]
fn main() {
    eprintln!("build with --features ssr");
}
