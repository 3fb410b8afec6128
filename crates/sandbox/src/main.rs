//! `backup-console-sandbox [--port 8080] [--bind 127.0.0.1] [--dist dist] [--console-path /base]
//! [--no-cors] [--connect-src ORIGIN]... [--embed-origin ORIGIN]...`
//!
//! `backup-console-sandbox postbuild --dist dist [--connect-src ORIGIN]...
//! [--frame-ancestors ORIGIN]... [--meta] [--nginx FILE] [--caddy FILE]`: after `trunk build`,
//! write `backup-console-embed.js` into the build and print its Content Security Policy (see
//! `csp.rs` and the README's "Deploy").

use std::net::SocketAddr;
use std::path::PathBuf;

use backup_console_sandbox::{app, csp, Sandbox};

const USAGE: &str = "usage: backup-console-sandbox [--port 8080] [--bind 127.0.0.1] [--dist dist] [--console-path /base] [--no-cors] [--connect-src ORIGIN]... [--embed-origin ORIGIN]...
       backup-console-sandbox postbuild --dist dist [--connect-src ORIGIN]... [--frame-ancestors ORIGIN]... [--meta] [--nginx FILE] [--caddy FILE]";

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("postbuild") {
        args.next();
        post_build(args.collect());
        return;
    }
    let mut port: u16 = 8080;
    let mut bind = String::from("127.0.0.1");
    let mut dist: Option<PathBuf> = None;
    let mut console_path = String::from("/");
    let mut cors = true;
    let mut connect_src = Vec::new();
    let mut embed_origins = Vec::new();
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
            "--connect-src" => connect_src.push(value()),
            "--embed-origin" => {
                let origin = value();
                embed_origins.push(
                    backup_console_core::embed::normalize_origin(&origin).unwrap_or_else(|| {
                        usage(&format!("--embed-origin {origin} is not an origin"))
                    }),
                )
            }
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
    let sandbox = Sandbox::new(dist)
        .with_console_path(&console_path)
        .with_connect_src(connect_src)
        .with_embed_origins(embed_origins);
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

/// `postbuild`: the files a deployment needs beside Trunk's build, and its policy on stdout.
fn post_build(args: Vec<String>) {
    let mut dist = PathBuf::from("dist");
    let mut connect_src = Vec::new();
    let mut frame_ancestors = Vec::new();
    let mut meta = false;
    let mut nginx: Option<PathBuf> = None;
    let mut caddy: Option<PathBuf> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--dist" => dist = PathBuf::from(value()),
            "--connect-src" => connect_src.push(value()),
            "--frame-ancestors" => frame_ancestors.push(value()),
            "--meta" => meta = true,
            "--nginx" => nginx = Some(PathBuf::from(value())),
            "--caddy" => caddy = Some(PathBuf::from(value())),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let done =
        csp::post_build(&dist, connect_src, frame_ancestors, meta).unwrap_or_else(|e| fail(&e));
    let write = |path: &PathBuf, text: String| {
        std::fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())))
    };
    if let Some(path) = &nginx {
        write(path, done.policy.nginx());
    }
    if let Some(path) = &caddy {
        write(path, done.policy.caddy());
    }
    eprintln!(
        "postbuild: wrote {}{}",
        dist.join("backup-console-embed.js").display(),
        if done.meta_written {
            format!(" and the policy into {}", dist.join("index.html").display())
        } else {
            String::new()
        }
    );
    println!("{}", done.policy.header());
}

fn fail(problem: &str) -> ! {
    eprintln!("error: {problem}");
    std::process::exit(1)
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!("{USAGE}");
    std::process::exit(2)
}
