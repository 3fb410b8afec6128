//! The console's Content Security Policy and the post-build step: hashes of Trunk's inline
//! loader, the header and its `<meta>` copy, the embed loader, and the headers the sandbox
//! serves the console with.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use backup_console_sandbox::csp::{
    built_files, embed_loader, inline_script_hashes, post_build, sources_from_console_json,
    with_meta, Policy,
};
use backup_console_sandbox::{app, Sandbox};
use http_body_util::BodyExt;
use tower::ServiceExt;

const LOADER: &str = "\nimport init, * as bindings from '/backup-console-31f52e4abfdd1110.js';\nconst wasm = await init({ module_or_path: '/backup-console-31f52e4abfdd1110_bg.wasm' });\n";

/// An index.html as Trunk writes it (the loader is hashed by Python's hashlib for the test).
fn index() -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Backup Console</title>
    <base href="/" />
<script type="module">{LOADER}</script>
    <script type="application/json" id="backup-console-config">{{"connections": []}}</script>
    <script src="/other.js"></script>
    <link rel="stylesheet" href="/console-a0b3b21d8c7a6547.css" integrity="sha384-x"/>
  <link rel="modulepreload" href="/backup-console-31f52e4abfdd1110.js" crossorigin="anonymous"></head>
  <body></body>
</html>"#
    )
}

const LOADER_HASH: &str = "'sha256-lWY8Dp+ZIYkEuyCod8fE+zWfwPULJKsY4PR5hRaf87c='";

#[test]
fn only_scripts_that_run_inline_are_hashed() {
    assert_eq!(inline_script_hashes(&index()), [LOADER_HASH]);
    // The HTML parser reads CRLF as LF, and so does the hash.
    let crlf = index().replace(LOADER, &LOADER.replace('\n', "\r\n"));
    assert_eq!(inline_script_hashes(&crlf), [LOADER_HASH]);
    assert!(
        inline_script_hashes("<script>a()</script><SCRIPT type=text/javascript>b()</SCRIPT>").len()
            == 2
    );
}

#[test]
fn the_policy_is_strict_and_names_what_it_allows() {
    let policy = Policy::for_index(
        &index(),
        vec![
            "https://dfw.backup.api.rackspacecloud.com/".into(),
            "'self'".into(),
        ],
        vec!["https://Admin.Example.com".into()],
    );
    assert_eq!(
        policy.header(),
        format!("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {LOADER_HASH}; style-src 'self'; connect-src 'self' https://dfw.backup.api.rackspacecloud.com; img-src 'self' data:; base-uri 'self'; form-action 'none'; frame-ancestors https://admin.example.com")
    );
    assert!(
        !policy.meta().contains("frame-ancestors"),
        "a meta policy cannot carry it"
    );
    assert!(!policy.header().contains("unsafe-inline"));
    assert!(policy
        .security_headers()
        .iter()
        .all(|(name, _)| *name != "X-Frame-Options"));
    let alone = Policy::for_index(&index(), vec![], vec![]);
    assert!(alone.header().ends_with("connect-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'none'; frame-ancestors 'none'"));
    assert!(alone
        .security_headers()
        .contains(&("X-Frame-Options", "DENY")));
    assert!(alone.nginx().contains(&format!(
        "add_header Content-Security-Policy \"{}\" always;",
        alone.header()
    )));
    assert!(alone
        .caddy()
        .contains(&format!("Content-Security-Policy \"{}\"", alone.header())));
}

#[test]
fn the_meta_goes_after_the_charset_and_replaces_an_earlier_one() {
    let policy = Policy::for_index(&index(), vec![], vec![]);
    let once = with_meta(&index(), &policy.meta());
    let meta_at = once.find("http-equiv=\"Content-Security-Policy\"").unwrap();
    assert!(once.find("<meta charset").unwrap() < meta_at);
    assert!(meta_at < once.find("<script").unwrap());
    let other = Policy::for_index(&index(), vec!["https://x.example.com".into()], vec![]);
    let twice = with_meta(&once, &other.meta());
    assert_eq!(twice.matches("Content-Security-Policy").count(), 1);
    assert!(twice.contains("connect-src 'self' https://x.example.com"));
    assert_eq!(inline_script_hashes(&twice), [LOADER_HASH]);
}

#[test]
fn the_embed_loader_finds_the_build_relative_to_itself() {
    let built = built_files(&index()).unwrap();
    assert_eq!(built.module, "/backup-console-31f52e4abfdd1110.js");
    assert_eq!(built.wasm, "/backup-console-31f52e4abfdd1110_bg.wasm");
    assert_eq!(built.styles, ["/console-a0b3b21d8c7a6547.css"]);
    let js = embed_loader(&built);
    assert!(
        js.contains(r#"await import(file("backup-console-31f52e4abfdd1110.js"))"#),
        "{js}"
    );
    assert!(js.contains(r#"module_or_path: file("backup-console-31f52e4abfdd1110_bg.wasm")"#));
    assert!(js.contains(r#"styles: ["console-a0b3b21d8c7a6547.css"].map(file)"#));
    assert!(js.contains("export const BackupConsole"));
    assert!(built_files("<html><script type=module>x()</script></html>").is_err());
}

#[test]
fn console_json_names_the_origins_to_allow() {
    let (connect, frames) = sources_from_console_json(
        r#"{"connections": [
            {"id": "a", "vendor": "rackspace", "base_url": "/vendors/a/v1.0"},
            {"id": "b", "vendor": "rackspace", "base_url": "https://dfw.backup.api.rackspacecloud.com",
             "identity_url": "https://identity.api.rackspacecloud.com/v2.0"},
            {"id": "c", "vendor": "cyborgbackup", "base_url": "https://DFW.backup.api.rackspacecloud.com/x"}
        ], "embed": {"allowed_origins": ["https://admin.example.com"]}}"#,
    )
    .unwrap();
    assert_eq!(
        connect,
        [
            "https://dfw.backup.api.rackspacecloud.com",
            "https://identity.api.rackspacecloud.com"
        ]
    );
    assert_eq!(frames, ["https://admin.example.com"]);
    assert!(sources_from_console_json(
        r#"{"connections": [], "embed": {"allowed_origins": ["*"]}}"#
    )
    .is_err());
}

fn temp_dist(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("backup-console-csp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), index()).unwrap();
    dir
}

#[test]
fn post_build_writes_the_loader_and_on_request_the_meta() {
    let dist = temp_dist("post");
    std::fs::write(
        dist.join("console.json"),
        r#"{"connections": [{"id": "x", "vendor": "xopero", "base_url": "https://xopero.example.com"}]}"#,
    )
    .unwrap();
    let done = post_build(
        &dist,
        vec![],
        vec!["https://admin.example.com".into()],
        false,
    )
    .unwrap();
    assert_eq!(done.policy.connect_src, ["https://xopero.example.com"]);
    assert!(dist.join("backup-console-embed.js").exists());
    assert_eq!(
        std::fs::read_to_string(dist.join("index.html")).unwrap(),
        index()
    );
    post_build(&dist, vec![], vec![], true).unwrap();
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(html.contains("connect-src 'self' https://xopero.example.com"));
    std::fs::write(dist.join("index.html"), "<html></html>").unwrap();
    assert!(post_build(&dist, vec![], vec![], false).is_err());
    let _ = std::fs::remove_dir_all(&dist);
}

async fn get(router: &axum::Router, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn the_sandbox_serves_the_console_under_its_policy() {
    let dist = temp_dist("serve");
    let router = app(Sandbox::new(Some(dist.clone()))
        .with_connect_src(vec!["http://127.0.0.1:*".into()])
        .with_embed_origins(vec!["http://127.0.0.1:4000".into()]));
    for path in ["/", "/c/cyborg/users", "/index.html"] {
        let (status, headers, body) = get(&router, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("<base href"), "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains(LOADER_HASH), "{csp}");
        assert!(
            csp.contains("connect-src 'self' http://127.0.0.1:*;"),
            "{csp}"
        );
        assert!(
            csp.ends_with("frame-ancestors http://127.0.0.1:4000"),
            "{csp}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.get("x-frame-options").is_none());
    }
    let (_, _, config) = get(&router, "/console.json").await;
    let config: serde_json::Value = serde_json::from_str(&config).unwrap();
    assert_eq!(
        config["embed"]["allowed_origins"],
        serde_json::json!(["http://127.0.0.1:4000"])
    );
    // The APIs are not the console: no policy there.
    let (_, headers, _) = get(&router, "/cyborgbackup/api/v1/").await;
    assert!(headers.get("content-security-policy").is_none());
    let below = app(Sandbox::new(Some(dist.clone())).with_console_path("/admin/backups"));
    for path in [
        "/admin/backups",
        "/admin/backups/",
        "/admin/backups/c/cyborg/users",
    ] {
        let (status, headers, body) = get(&below, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("<base href"), "{path}");
        assert!(headers.contains_key("content-security-policy"), "{path}");
    }
    let (_, headers, _) = get(&app(Sandbox::new(Some(dist.clone()))), "/").await;
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .ends_with("frame-ancestors 'none'"));
    assert_eq!(headers["x-frame-options"], "DENY");
    let _ = std::fs::remove_dir_all(&dist);
}
