//! `kgx serve`: a read-only SPARQL 1.1 Protocol endpoint and a web page to explore entities,
//! facts and their evidence, over HTTP through oxhttp (the server oxigraph's own uses).
//!
//! | path | answers |
//! |---|---|
//! | `/` | the page (HTML, script and style embedded in the binary) |
//! | `/sparql` | SPARQL 1.1 Protocol: GET `?query=`, POST form or `application/sparql-query` |
//! | `/api/search?q=` | entities whose label or alias contains the words |
//! | `/api/entity/{id}` | an entity's facts by relation, each with its evidence |
//! | `/api/document/{id}` | an article's text in runs, mentions and triggers marked |
//! | `/api/diagram/{id}` | the entity's neighbourhood as SVG (kgx's DOT through Graphviz) |
//! | `/api/queries` | the worked queries of `examples/queries/` |
//!
//! No request path reaches the file system: the routes are a fixed table, and the assets are
//! constants.

mod explore;
mod form;
mod load;
mod sparql;

pub use crate::query::Input;
pub use explore::Explorer;
pub use load::load;
pub use sparql::Limits;

use crate::error::Error;
use crate::export::{self, Cluster, DotOptions};
use crate::graph::select::{self, Filter};
use crate::ontology::Ontology;
use crate::query::Dataset;
use crate::render::{self, ImageFormat};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use std::io::Read;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

/// The worked queries, one click away on the page.
const QUERIES: &[(&str, &str)] = &[
    (
        "affiliations",
        include_str!("../../examples/queries/affiliations.rq"),
    ),
    (
        "releases",
        include_str!("../../examples/queries/releases.rq"),
    ),
    ("views", include_str!("../../examples/queries/views.rq")),
    (
        "two-affiliations",
        include_str!("../../examples/queries/two-affiliations.rq"),
    ),
    ("sources", include_str!("../../examples/queries/sources.rq")),
];

/// The page may load only its own script, style and images (and diagrams as blob URLs): even
/// markup that slipped into the page could run nothing.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// An HTTP answer before it is sent.
pub struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            body,
        }
    }

    /// A plain-text message (errors say what went wrong in words).
    fn text(status: u16, message: &str) -> Reply {
        let mut body = message.as_bytes().to_vec();
        body.push(b'\n');
        Reply::new(status, "text/plain; charset=utf-8", body)
    }

    fn json(value: &serde_json::Value) -> Reply {
        Reply::new(
            200,
            "application/json",
            serde_json::to_vec(value).unwrap_or_default(),
        )
    }
}

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The address to listen on.
    pub bind: SocketAddr,
    /// Query limits.
    pub limits: Limits,
    /// Largest request body (a POSTed query), in bytes.
    pub max_body: usize,
    /// Most connections served at once (each has a thread); more wait to be accepted.
    pub max_connections: usize,
}

/// What the server serves, and its state.
pub struct Site {
    dataset: Arc<Dataset>,
    explorer: Explorer,
    ontology: Ontology,
    options: Options,
    in_flight: AtomicUsize,
    closing: AtomicBool,
    /// Places for SPARQL evaluations (see [`Limits::max_running`]).
    slots: Arc<sparql::Slots>,
}

/// Counts a request in flight while it lives.
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Site {
    /// A site over a dataset and its explorer.
    pub fn new(dataset: Dataset, explorer: Explorer, ontology: Ontology, options: Options) -> Site {
        Site {
            dataset: Arc::new(dataset),
            explorer,
            ontology,
            options,
            in_flight: AtomicUsize::new(0),
            closing: AtomicBool::new(false),
            slots: sparql::Slots::new(),
        }
    }

    /// Answers one request. Never panics out: a panic becomes a 500.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let _guard = InFlight(&self.in_flight);
        let reply = if self.closing.load(Ordering::SeqCst) {
            Reply::text(503, "the server is shutting down")
        } else {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.route(request)))
                .unwrap_or_else(|_| Reply::text(500, "internal error"))
        };
        respond(reply)
    }

    fn route(&self, request: &mut Request<Body>) -> Reply {
        let path = request.uri().path().to_string();
        let query_string = request.uri().query().unwrap_or("").to_string();
        let method = request.method().clone();
        if method == Method::OPTIONS {
            // CORS preflight: the headers are added to every reply.
            return Reply::new(204, "text/plain", Vec::new());
        }
        if path == "/sparql" {
            return self.sparql(request, &method, &query_string);
        }
        if method != Method::GET && method != Method::HEAD {
            return Reply::text(405, "only GET here (POST goes to /sparql)");
        }
        // Ids in paths are percent-decoded strictly, then only looked up in memory.
        let decoded = match form::decode(path.replace('+', "%2B").as_bytes(), 0) {
            Ok(p) => p,
            Err(_) => return Reply::text(400, "malformed percent-encoding in the path"),
        };
        match decoded.as_str() {
            "/" | "/index.html" => Reply::new(
                200,
                "text/html; charset=utf-8",
                INDEX_HTML.as_bytes().to_vec(),
            ),
            "/app.js" => Reply::new(
                200,
                "text/javascript; charset=utf-8",
                APP_JS.as_bytes().to_vec(),
            ),
            "/style.css" => Reply::new(
                200,
                "text/css; charset=utf-8",
                STYLE_CSS.as_bytes().to_vec(),
            ),
            "/api/search" => {
                let q = match form::parse(query_string.as_bytes()) {
                    Ok(pairs) => pairs
                        .into_iter()
                        .find(|(k, _)| k == "q")
                        .map(|(_, v)| v)
                        .unwrap_or_default(),
                    Err(_) => return Reply::text(400, "malformed percent-encoding in the URL"),
                };
                Reply::json(&self.explorer.search(&q, 50))
            }
            "/api/queries" => Reply::json(&serde_json::Value::Array(
                QUERIES
                    .iter()
                    .map(|(name, text)| serde_json::json!({ "name": name, "query": text }))
                    .collect(),
            )),
            "/api/stats" => Reply::json(&serde_json::json!({
                "quads": self.dataset.len().unwrap_or(0),
                "documents": self.explorer.document_ids(),
            })),
            p => {
                if let Some(id) = p.strip_prefix("/api/entity/") {
                    match self.explorer.entity(id) {
                        Some(v) => Reply::json(&v),
                        None => Reply::text(404, "no such entity"),
                    }
                } else if let Some(id) = p.strip_prefix("/api/document/") {
                    match self.explorer.document(id) {
                        Some(v) => Reply::json(&v),
                        None => Reply::text(
                            404,
                            "no such document, or its text is not held (a store or RDF files \
                             keep only the sentences that state facts)",
                        ),
                    }
                } else if let Some(id) = p.strip_prefix("/api/diagram/") {
                    self.diagram(id)
                } else {
                    Reply::text(404, "not found")
                }
            }
        }
    }

    fn sparql(&self, request: &mut Request<Body>, method: &Method, query_string: &str) -> Reply {
        let accept = header(request, "accept");
        let limits = self.options.limits;
        if *method == Method::GET || *method == Method::HEAD {
            let r = sparql::Request::Get { query_string };
            return sparql::answer(&self.dataset, &self.slots, &r, accept.as_deref(), limits);
        }
        if *method != Method::POST {
            return Reply::text(405, "use GET or POST for SPARQL");
        }
        let content_type = header(request, "content-type").unwrap_or_default();
        // Read one byte past the limit to tell a body at the limit from one over it.
        let mut body = Vec::new();
        let limit = self.options.max_body;
        if let Err(e) = request
            .body_mut()
            .take(limit as u64 + 1)
            .read_to_end(&mut body)
        {
            return Reply::text(400, &format!("cannot read the request body: {e}"));
        }
        if body.len() > limit {
            return Reply::text(
                413,
                &format!("the request body is over the {limit}-byte limit"),
            );
        }
        let r = sparql::Request::Post {
            content_type: &content_type,
            body: &body,
        };
        sparql::answer(&self.dataset, &self.slots, &r, accept.as_deref(), limits)
    }

    /// The entity's neighbourhood (one step) as SVG.
    fn diagram(&self, id: &str) -> Reply {
        let (Some(graph), Some(label)) = (self.explorer.graph(), self.explorer.label(id)) else {
            return Reply::text(
                404,
                "no diagram: unknown entity, or the graph came from a store or RDF files",
            );
        };
        let filter = Filter {
            focus: Some(label.to_string()),
            depth: 1,
            ..Filter::default()
        };
        let options = DotOptions {
            selection: Some(select::select(graph, &filter)),
            cluster: Cluster::None,
            no_legend: true,
        };
        let dot = export::to_dot_with(graph, &self.ontology, &options);
        match render::render(&dot, ImageFormat::Svg, "dot") {
            Ok(svg) => Reply::new(200, "image/svg+xml", svg),
            // The library's message speaks to the command line (`--format dot`); the page's
            // reader needs to know only what the server lacks.
            Err(Error::GraphvizMissing { .. }) => Reply::text(
                503,
                "no diagram: Graphviz (`dot`) is not installed on the server (the graphviz \
                 package)",
            ),
            Err(e) => Reply::text(503, &e.to_string()),
        }
    }
}

fn header(request: &Request<Body>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn respond(reply: Reply) -> Response<Body> {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    let mut set = |name: &'static str, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set("content-type", reply.content_type);
    set("x-content-type-options", "nosniff");
    set("content-security-policy", CSP);
    set("referrer-policy", "no-referrer");
    // CORS for browser clients of the endpoint (YASGUI, notebooks): the data is public to
    // whoever reaches the server. No Access-Control-Allow-Methods: GET and POST need none, and
    // oxhttp drops that header.
    set("access-control-allow-origin", "*");
    set("access-control-allow-headers", "Content-Type, Accept");
    set("access-control-max-age", "86400");
    response
}

/// Serves until `stop` receives (or its sender is dropped), then refuses new requests, waits
/// up to ten seconds for those in flight, and returns. `ready` is called once listening.
pub fn serve(
    site: Site,
    stop: std::sync::mpsc::Receiver<()>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let bind = site.options.bind;
    let site = Arc::new(site);
    let handler = Arc::clone(&site);
    let server = oxhttp::Server::new(move |request| handler.handle(request))
        .bind(bind)
        // Slow or idle clients are dropped; the query timeout bounds the server's own work.
        .with_global_timeout(site.options.limits.timeout + Duration::from_secs(30))
        .with_max_concurrent_connections(site.options.max_connections);
    let listening = server.spawn().map_err(|e| Error::Serve {
        message: match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                format!("{bind} is already in use (another server?): choose another with --bind")
            }
            std::io::ErrorKind::AddrNotAvailable => {
                format!("{bind} is not an address of this machine")
            }
            _ => format!("cannot listen on {bind}: {e}"),
        },
    })?;
    ready(bind);
    let _ = stop.recv();
    site.closing.store(true, Ordering::SeqCst);
    let started = Instant::now();
    while site.in_flight.load(Ordering::SeqCst) > 0 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    // The listener threads block in accept() and end with the process.
    drop(listening);
    Ok(())
}
