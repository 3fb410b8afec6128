//! `backup-console-sandbox [--port 8080] [--bind 127.0.0.1] [--dist dist] [--console-path /base] [--no-cors]`

use std::net::SocketAddr;
use std::path::PathBuf;

use backup_console_sandbox::{app, Sandbox};

#[tokio::main]
async fn main() {
    let mut port: u16 = 8080;
    let mut bind = String::from("127.0.0.1");
    let mut dist: Option<PathBuf> = None;
    let mut console_path = String::from("/");
    let mut cors = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--port" => {
                port = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--port takes a number"))
            }
            "--bind" => bind = value(),
            "--dist" => dist = Some(PathBuf::from(value())),
            "--console-path" => console_path = value(),
            "--no-cors" => cors = false,
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    if let Some(dir) = &dist {
        if !dir.join("index.html").exists() {
            usage(&format!(
                "{} has no index.html; build the console first",
                dir.display()
            ));
        }
    }
    let addr: SocketAddr = format!("{bind}:{port}")
        .parse()
        .unwrap_or_else(|_| usage("--bind takes an IP address"));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|e| usage(&format!("cannot listen on {addr}: {e}")));
    let bound = listener.local_addr().unwrap_or(addr);
    // Tests start the sandbox on port 0 and read the real address from this line.
    println!(
        "sandbox listening on http://{bound}/ (console: {})",
        dist.as_ref()
            .map_or("not served".into(), |d| d.display().to_string())
    );
    if !console_path.starts_with('/') {
        usage("--console-path starts with /");
    }
    let sandbox = Sandbox::new(dist).with_console_path(&console_path);
    let sandbox = if cors {
        sandbox
    } else {
        sandbox.without_cors()
    };
    axum::serve(listener, app(sandbox))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .expect("server runs");
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!("usage: backup-console-sandbox [--port 8080] [--bind 127.0.0.1] [--dist dist] [--console-path /base] [--no-cors]");
    std::process::exit(2)
}
