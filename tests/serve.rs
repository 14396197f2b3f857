//! `kgx serve` over real HTTP on a free loopback port: every result format equals `kgx
//! query`'s answer, rdflib's SPARQLStore as a client, hostile requests, 200 concurrent
//! queries, the timeout, and shutdown.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn kgx() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kgx"))
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// A running `kgx serve`, stopped (SIGTERM, then kill) when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        // A port the system just gave out and took back; a clash with another process in
        // between is retried.
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let mut child = kgx()
                .arg("serve")
                .args(args)
                .args(["--bind", &format!("127.0.0.1:{port}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(120) {
                if let Some(status) = child.try_wait().unwrap() {
                    let mut err = String::new();
                    child
                        .stderr
                        .take()
                        .unwrap()
                        .read_to_string(&mut err)
                        .unwrap();
                    assert!(
                        err.contains("already in use"),
                        "serve exited {status}: {err}"
                    );
                    break;
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Server { child, port };
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("kgx serve did not start");
    }

    fn get(&self, target: &str, accept: &str) -> Reply {
        request(
            self.port,
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nAccept: {accept}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    }

    fn post(&self, content_type: &str, body: &[u8], accept: &str) -> Reply {
        let mut raw = format!(
            "POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\nAccept: {accept}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        raw.extend_from_slice(body);
        request(self.port, &raw)
    }

    fn query(&self, sparql: &str, accept: &str) -> Reply {
        self.get(&format!("/sparql?query={}", encode(sparql)), accept)
    }

    /// Sends SIGTERM and waits for the exit.
    fn stop(mut self) -> (std::process::ExitStatus, String) {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        (status, err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One request on its own connection (`Connection: close`), read to the end.
fn request(port: u16, raw: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    // The server may answer (413, 400) and close before a huge request is all sent.
    let _ = stream.write_all(raw);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    Reply {
        status,
        headers: head,
        body: bytes[split + 4..].to_vec(),
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn articles() -> Vec<String> {
    crate::common::example_articles()
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

fn example_queries() -> Vec<(String, String)> {
    let mut queries: Vec<(String, String)> = std::fs::read_dir(examples().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    queries.sort();
    queries
}

fn kgx_query(sparql: &str, args: &[&str], data: &[String]) -> Vec<u8> {
    let out = kgx()
        .arg("query")
        .arg(sparql)
        .args(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

const CONSTRUCT: &str = "CONSTRUCT { ?p kgx:affiliatedWith ?o } WHERE { ?p kgx:affiliatedWith ?o }";

#[test]
fn every_format_answers_as_kgx_query_does() {
    let data = articles();
    let server = Server::start(&data.iter().map(String::as_str).collect::<Vec<_>>());
    for (name, sparql) in example_queries() {
        for (accept, results) in [
            ("application/sparql-results+json", "json"),
            ("application/sparql-results+xml", "xml"),
            ("text/csv", "csv"),
            ("text/tab-separated-values", "tsv"),
        ] {
            let expected = kgx_query(&sparql, &["--results", results], &data);
            let got = server.query(&sparql, accept);
            assert_eq!(got.status, 200, "{name} {accept}: {}", got.text());
            assert_eq!(got.header("content-type").as_deref(), Some(accept));
            assert_eq!(
                got.text(),
                String::from_utf8_lossy(&expected),
                "{name} as {accept}"
            );
        }
        // POST as a form and as application/sparql-query give the same answer.
        let json = server
            .query(&sparql, "application/sparql-results+json")
            .body;
        let form = format!("query={}", encode(&sparql));
        let posted = server.post(
            "application/x-www-form-urlencoded",
            form.as_bytes(),
            "application/sparql-results+json",
        );
        assert_eq!(posted.status, 200);
        assert_eq!(posted.body, json, "{name} posted as a form");
        let posted = server.post(
            "application/sparql-query",
            sparql.as_bytes(),
            "application/sparql-results+json",
        );
        assert_eq!(
            posted.body, json,
            "{name} posted as application/sparql-query"
        );
        assert_eq!(
            posted.header("access-control-allow-origin").as_deref(),
            Some("*")
        );
    }
    for (accept, format) in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "ntriples"),
        ("application/ld+json", "jsonld"),
    ] {
        let expected = kgx_query(CONSTRUCT, &["--format", format], &data);
        let got = server.query(CONSTRUCT, accept);
        assert_eq!(got.status, 200, "{}", got.text());
        assert_eq!(got.header("content-type").as_deref(), Some(accept));
        assert_eq!(
            got.text(),
            String::from_utf8_lossy(&expected),
            "CONSTRUCT as {accept}"
        );
    }
    // ASK, with no Accept: SPARQL JSON.
    let ask = server.query("ASK { ?p kgx:affiliatedWith ?o }", "");
    assert_eq!(ask.text(), "{\"head\":{},\"boolean\":true}\n");
    // Nothing acceptable: 406.
    assert_eq!(server.query("ASK {}", "image/png").status, 406);
    assert_eq!(server.query(CONSTRUCT, "text/csv").status, 406);
    let (status, err) = server.stop();
    assert!(status.success(), "{err}");
    assert!(err.contains("kgx: stopped"), "{err}");
}

#[test]
fn rdflib_reads_the_endpoint() {
    if !crate::rdf::rdflib_available() {
        return;
    }
    let data = articles();
    let server = Server::start(&data.iter().map(String::as_str).collect::<Vec<_>>());
    let sparql = "PREFIX kgx: <https://w3id.org/kgx#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
                  SELECT ?name ?org WHERE { ?p kgx:affiliatedWith ?o . ?p rdfs:label ?name . ?o rdfs:label ?org }";
    let script = r#"
import sys
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(sys.argv[1], returnFormat="json")
rows = sorted("\t".join(str(v) for v in row) for row in store.query(sys.argv[2]))
print("\n".join(rows))
store = SPARQLStore(sys.argv[1], returnFormat="xml", method="POST")
assert sorted("\t".join(str(v) for v in row) for row in store.query(sys.argv[2])) == rows
"#;
    let out = Command::new("python3")
        .args([
            "-c",
            script,
            &format!("http://127.0.0.1:{}/sparql", server.port),
            sparql,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tsv = String::from_utf8(kgx_query(sparql, &["--results", "csv"], &data)).unwrap();
    let mut expected: Vec<String> = tsv.lines().skip(1).map(|l| l.replace(',', "\t")).collect();
    expected.sort();
    let got: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(!got.is_empty());
    assert_eq!(got, expected);
}

#[test]
fn hostile_requests_are_refused_with_the_right_status() {
    let seed = examples().join("seed-moss.txt");
    let server = Server::start(&[seed.to_str().unwrap()]);
    let updates = [
        "INSERT DATA { <http://e.org/a> <http://e.org/b> <http://e.org/c> }",
        "DELETE DATA { <http://e.org/a> <http://e.org/b> <http://e.org/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "INSERT { ?s a <http://e.org/C> } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "WITH <http://e.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://e.org/g>",
        "CLEAR ALL",
        "CLEAR DEFAULT",
        "CREATE GRAPH <http://e.org/g>",
        "DROP ALL",
        "DROP GRAPH <http://e.org/g>",
        "COPY DEFAULT TO <http://e.org/g>",
        "MOVE DEFAULT TO <http://e.org/g>",
        "ADD DEFAULT TO <http://e.org/g>",
        "PREFIX ex: <http://e.org/> INSERT DATA { ex:a ex:b ex:c }",
        "INSERT DATA { <a> <b> <c> }",
        "insert data { this is not even valid",
    ];
    for update in updates {
        let by_get = server.query(update, "");
        assert_eq!(by_get.status, 403, "{update}: {}", by_get.text());
        assert!(by_get.text().contains("read-only"));
        let form = format!("update={}", encode(update));
        assert_eq!(
            server
                .post("application/x-www-form-urlencoded", form.as_bytes(), "")
                .status,
            403,
            "{update} as an update form"
        );
        assert_eq!(
            server
                .post("application/sparql-update", update.as_bytes(), "")
                .status,
            403,
            "{update} as application/sparql-update"
        );
        assert_eq!(
            server
                .post("application/sparql-query", update.as_bytes(), "")
                .status,
            403,
            "{update} as application/sparql-query"
        );
    }
    for service in [
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
        "SELECT * { BIND(<http://example.org/sparql> AS ?x) SERVICE ?x { ?s ?p ?o } }",
    ] {
        let r = server.query(service, "");
        assert_eq!(r.status, 403, "{service}: {}", r.text());
        assert!(r.text().contains("SERVICE"));
    }
    // A syntax error: 400 with the line and column.
    let bad = server.query("SELECT ?s WHERE {\n  ?s ?p \n}", "");
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("error at 3:"), "{}", bad.text());
    // A 10 MB query: 413 when POSTed; in a URL, oxhttp refuses headers over 8 KB with 400.
    let big = format!("SELECT * WHERE {{ ?s ?p \"{}\" }}", "a".repeat(10 << 20));
    let posted = server.post("application/sparql-query", big.as_bytes(), "");
    assert_eq!(posted.status, 413, "{}", posted.text());
    let form = format!("query={}", encode(&big));
    assert_eq!(
        server
            .post("application/x-www-form-urlencoded", form.as_bytes(), "")
            .status,
        413
    );
    assert_eq!(server.query(&big, "").status, 400);
    // Malformed percent-encoding, in the URL, a form and a path.
    for target in [
        "/sparql?query=%zz",
        "/sparql?query=SELECT%",
        "/sparql?query=%C3%28",
    ] {
        assert_eq!(server.get(target, "").status, 400, "{target}");
    }
    assert_eq!(
        server
            .post("application/x-www-form-urlencoded", b"query=%g1", "")
            .status,
        400
    );
    assert_eq!(server.get("/api/search?q=%", "").status, 400);
    assert_eq!(server.get("/api/entity/%zz", "").status, 400);
    // Unsupported media type and method.
    assert_eq!(server.post("text/plain", b"SELECT * {}", "").status, 415);
    let put = request(
        server.port,
        b"PUT /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(put.status, 405);
    // Path traversal, plain and encoded: nothing outside the embedded assets.
    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc%2fpasswd",
        "/api/entity/../../../etc/passwd",
        "/api/document/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/diagram/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/../Cargo.toml",
        "/src/serve/assets/app.js",
        "//etc/passwd",
        "/app.js/../../../../etc/passwd",
    ] {
        let r = server.get(target, "");
        assert_eq!(r.status, 404, "{target}");
        assert!(!r.text().contains("root:"), "{target}");
    }
    // The server still answers.
    assert_eq!(server.query("ASK {}", "").status, 200);
}

#[test]
fn hostile_article_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("hostile.txt");
    std::fs::write(
        &article,
        "Ana Prieto, a professor at <script>alert(1)</script> University, said the model \
         works. Bo Lind, a researcher at Harlow \"><img src=x onerror=alert(2)> Lab, said it \
         was released.\n",
    )
    .unwrap();
    let server = Server::start(&[article.to_str().unwrap()]);
    let found = server.get("/api/search?q=ana", "");
    assert_eq!(found.status, 200);
    assert_eq!(
        found.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        found.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    let doc = server.get("/api/document/hostile", "");
    assert_eq!(doc.status, 200);
    // The markup arrives as JSON string data, and the page puts data into the DOM as text
    // only: neither the page nor its script has a way to parse markup from data.
    assert!(doc.text().contains("<script>alert(1)</script>"));
    let page = server.get("/", "");
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self'"));
    assert!(!page.text().contains("alert"));
    let script = server.get("/app.js", "").text();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(sink), "app.js uses {sink}");
    }
}

#[test]
fn two_hundred_concurrent_queries_and_a_timeout() {
    let data = articles();
    // Two hundred queries at once queue on a two-core machine that is running other tests too:
    // their timeout is generous, so that what is checked is the answers, not the machine's load.
    let mut args: Vec<&str> = data.iter().map(String::as_str).collect();
    args.extend(["--timeout", "60"]);
    let server = Server::start(&args);
    let queries = example_queries();
    let expected: Vec<Vec<u8>> = queries
        .iter()
        .map(|(_, q)| kgx_query(q, &["--results", "tsv"], &data))
        .collect();
    let started = Instant::now();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..200)
            .map(|i| {
                let (server, queries, expected) = (&server, &queries, &expected);
                s.spawn(move || {
                    let k = i % queries.len();
                    let r = server.query(&queries[k].1, "text/tab-separated-values");
                    assert_eq!(r.status, 200, "query {i}: {}", r.text());
                    assert_eq!(r.body, expected[k], "query {i} ({})", queries[k].0);
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    });
    eprintln!("200 concurrent queries answered in {:?}", started.elapsed());
    drop(server);
    // A query that runs far past a 2 s timeout: 503, and the server keeps serving.
    let mut args: Vec<&str> = data.iter().map(String::as_str).collect();
    args.extend(["--timeout", "2"]);
    let server = Server::start(&args);
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let started = Instant::now();
    let r = server.query(slow, "");
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.text().contains("timeout"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let r = server.query(&queries[0].1, "text/tab-separated-values");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, expected[0]);
}

#[test]
fn the_result_cap_is_kept() {
    let seed = examples().join("seed-moss.txt");
    let server = Server::start(&[seed.to_str().unwrap(), "--max-rows", "10"]);
    let r = server.query("SELECT * { ?s ?p ?o }", "");
    assert_eq!(r.status, 503);
    assert!(r.text().contains("LIMIT"), "{}", r.text());
    assert_eq!(
        server.query("SELECT * { ?s ?p ?o } LIMIT 10", "").status,
        200
    );
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let seed = examples().join("seed-moss.txt");
    let out = kgx()
        .args(["serve", seed.to_str().unwrap(), "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already in use"), "{err}");
}

#[test]
fn a_store_is_served_with_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let seed = examples().join("seed-moss.txt");
    let out = kgx()
        .args(["extract", "-q", "--store"])
        .arg(&store)
        .arg(&seed)
        .output()
        .unwrap();
    assert!(out.status.success());
    let server = Server::start(&["--store", store.to_str().unwrap()]);
    let entity = server.get("/api/entity/person/qiu-xipeng", "");
    assert_eq!(entity.status, 200, "{}", entity.text());
    let v: serde_json::Value = serde_json::from_slice(&entity.body).unwrap();
    let affiliation = v["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["predicate"] == "affiliatedWith")
        .unwrap();
    let fudan = affiliation["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["other"]["label"] == "Fudan University")
        .unwrap();
    assert_eq!(fudan["evidence"][0]["trigger"], "professor");
    let answer = server.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?p kgx:affiliatedWith ?o }",
        "text/csv",
    );
    assert_eq!(answer.status, 200);
}

#[test]
fn the_page_api_explains_a_fact() {
    let seed = examples().join("seed-moss.txt");
    let server = Server::start(&[seed.to_str().unwrap()]);
    let found: serde_json::Value =
        serde_json::from_slice(&server.get("/api/search?q=Qiu+Xipeng", "").body).unwrap();
    assert_eq!(found["results"][0]["id"], "person/qiu-xipeng");
    // Found by an alias too.
    let by_alias: serde_json::Value =
        serde_json::from_slice(&server.get("/api/search?q=qiu", "").body).unwrap();
    assert_eq!(by_alias["results"][0]["label"], "Qiu Xipeng");
    let entity: serde_json::Value =
        serde_json::from_slice(&server.get("/api/entity/person/qiu-xipeng", "").body).unwrap();
    let evidence = &entity["relations"][0]["facts"][0]["evidence"][0];
    assert_eq!(entity["relations"][0]["predicate"], "affiliatedWith");
    assert_eq!(evidence["trigger"], "professor");
    assert_eq!(evidence["before"], "Qiu Xipeng, ");
    let doc: serde_json::Value =
        serde_json::from_slice(&server.get("/api/document/seed-moss", "").body).unwrap();
    let runs = doc["runs"].as_array().unwrap();
    let text: String = runs.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(
        text,
        std::fs::read_to_string(&seed).unwrap(),
        "the runs are the article"
    );
    assert!(runs
        .iter()
        .any(|r| r["trigger"] == true && r["text"] == "professor"));
    assert!(runs
        .iter()
        .any(|r| r["entity"]["id"] == "person/qiu-xipeng"));
    let queries: serde_json::Value =
        serde_json::from_slice(&server.get("/api/queries", "").body).unwrap();
    assert_eq!(queries.as_array().unwrap().len(), 5);
    let diagram = server.get("/api/diagram/person/qiu-xipeng", "");
    if Command::new("dot").arg("-V").output().is_ok() {
        assert_eq!(diagram.status, 200);
        assert!(diagram.text().contains("<svg"));
    } else {
        assert_eq!(diagram.status, 503);
        assert!(diagram.text().contains("Graphviz"));
    }
}
