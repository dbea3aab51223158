//! Assembling the application: state → routes → middleware → listener.

use std::time::Duration;

use app::shell;
use app::state::{AppState, SiteInfo};
use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    handler::HandlerWithoutStateExt,
    http::{HeaderName, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::post,
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, handle_server_fns_with_context};
use sea_orm::DatabaseConnection;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::auth::{Auth, session as auth_session};
use crate::config::{Profile, Settings};
use crate::http::{guard, middleware as mw, offline, static_files};
pub use crate::page_routes::{page_for, route_list};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn app_state(settings: &Settings, db: DatabaseConnection, auth: &Auth) -> AppState {
    AppState {
        auth: auth.info(),
        leptos_options: settings.leptos.clone(),
        db,
        site: SiteInfo {
            demo: settings.profile == Profile::Embedded,
            https: settings.http.is_https(),
        },
        clock: store::welfare::Clock::System,
        rules: settings.rules.clone(),
    }
}

/// Every route of the application, without the cross-cutting middleware.
pub fn routes(
    state: &AppState,
    auth: &std::sync::Arc<Auth>,
    api: crate::config::ApiSettings,
) -> Router<AppState> {
    let leptos_routes = route_list();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let site_root = std::path::Path::new(&*state.leptos_options.site_root);
    let pkg_dir = site_root.join(&*state.leptos_options.site_pkg_dir);
    let pkg_route = format!("/{}", state.leptos_options.site_pkg_dir.trim_matches('/'));

    // Anything that is neither a page, an endpoint nor a file renders the app's 404 page, and
    // only that: the page router never sees an unmatched path (it could read one as a page the
    // policy never judged).
    let not_found = {
        let state = state.clone();
        let options = state.leptos_options.clone();
        leptos_axum::render_app_to_stream_with_context(
            move || {
                provide_context(state.clone());
                provide_context(app::shell::Unmatched);
            },
            move || shell(options.clone()),
        )
    };
    let public_files = static_files::serve_dir(site_root).fallback(not_found.into_service());

    let endpoints = crate::endpoints::endpoints()
        .into_iter()
        .fold(Router::new(), |router, (_, path, _, handler)| router.route(path, handler))
        .layer(axum::Extension(auth.clone()))
        .layer(axum::Extension(api));
    let demo_idp = auth.demo_idp.as_ref().map(|idp| idp.routes()).unwrap_or_default();

    let api = crate::api::routes().layer(axum::Extension(api));
    Router::new()
        .merge(endpoints)
        .merge(api)
        .merge(demo_idp)
        .merge(server_functions())
        .leptos_routes_with_context(state, leptos_routes, context, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .nest_service(
            &pkg_route,
            ServiceBuilder::new()
                .layer(middleware::from_fn_with_state(state.clone(), mw::cache_pkg_files))
                .service(static_files::serve_dir(pkg_dir)),
        )
        .fallback_service(
            ServiceBuilder::new()
                .layer(middleware::from_fn(mw::cache_public_files))
                .service(public_files),
        )
}

/// The server functions' route (`POST /api/{fn}`; the registry says which exist).
pub fn server_functions() -> Router<AppState> {
    Router::new().route("/api/{*fn_name}", post(server_fn_handler))
}

async fn server_fn_handler(
    State(state): State<AppState>,
    request: Request<Body>,
) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Largest server-function error body inspected (their errors are one short line).
const SERVER_FN_ERROR_BYTES: usize = 16 * 1024;

/// leptos_axum answers every server-function error with 500, including arguments that are
/// missing or do not decode (`Args|…`, `Deserialization|…` bodies): those are the client's
/// fault and get 400, so a malformed request never reads as a server failure.
async fn server_fn_client_errors(request: Request<Body>, next: middleware::Next) -> Response {
    let server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !server_fn
        || response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, SERVER_FN_ERROR_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if bytes.starts_with(b"Args|") || bytes.starts_with(b"Deserialization|") {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Wraps the routes in the middleware every request passes through (outermost first):
/// request id, tracing, body limit, compression, timeout, security headers, error pages, panic
/// catcher, client address (behind trusted proxies), rate limits, cross-site refusal, session
/// resolution, authorization, the one rule for text, the draft keeper's JSON answers, server
/// functions' argument errors as 400; all of it behind the path's normal form.
pub fn with_middleware(router: Router<AppState>, settings: &Settings, state: AppState) -> Router {
    let origin = url::Url::parse(&settings.http.public_url)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default();
    let guards = guard::Guards::new(state.clone(), origin, settings.rate_limit);
    let routed = router
        .layer(middleware::from_fn(server_fn_client_errors))
        .layer(middleware::from_fn_with_state(state.clone(), crate::http::input::text_rule))
        .layer(middleware::from_fn(offline::draft_answers))
        .layer(middleware::from_fn_with_state(guards.clone(), crate::policy::authorize))
        .layer(middleware::from_fn_with_state(state.clone(), auth_session::resolve))
        .layer(middleware::from_fn_with_state(guards.clone(), guard::refuse_cross_site))
        .layer(middleware::from_fn_with_state(guards, guard::rate_limit))
        // Before the limiter and the audit trail: who the client is, behind trusted proxies.
        .layer(middleware::from_fn_with_state(
            settings.http.trusted_proxies.clone(),
            crate::http::proxy::resolve_client,
        ))
        // Inside the error pages, so a panic's 500 becomes one too.
        .layer(CatchPanicLayer::custom(mw::panic_response))
        .layer(middleware::from_fn_with_state(state.clone(), mw::error_pages))
        .layer(middleware::from_fn_with_state(state.clone(), mw::security_headers))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<Body>| {
                    let request_id = request
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!(
                        "http",
                        method = %request.method(),
                        path = %request.uri().path(),
                        request_id,
                    )
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(RequestBodyLimitLayer::new(settings.http.body_limit_bytes))
                .layer(CompressionLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    settings.http.request_timeout,
                )),
        )
        .with_state(state);
    // Outside the router, so routing and the policy both see the normal form of the path.
    Router::new().fallback_service(routed.map_request(crate::http::path::rewrite))
}

/// The complete application for these settings and this database.
pub fn build_app(settings: &Settings, db: DatabaseConnection) -> Router {
    let auth = Auth::new(settings);
    let state = app_state(settings, db, &auth);
    with_middleware(routes(&state, &auth, settings.api), settings, state)
}

/// What a connection is allowed before it is closed, and how long a shutdown waits.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    /// To send a request's headers, and to stay idle between requests (a connection that
    /// opened and sends nothing, or sends headers a byte at a time, is closed after it).
    pub header_timeout: Duration,
    /// How long requests in flight may finish after a shutdown signal.
    pub shutdown_timeout: Duration,
}

impl ConnectionLimits {
    pub fn of(http: &crate::config::HttpSettings) -> ConnectionLimits {
        ConnectionLimits {
            header_timeout: http.header_timeout,
            shutdown_timeout: http.shutdown_timeout,
        }
    }
}

/// Serves until `shutdown` resolves (SIGINT or SIGTERM in `siisl serve`), then lets requests
/// in flight finish for at most `limits.shutdown_timeout`.
///
/// Its own accept loop rather than `axum::serve`, for what that does not offer: a header-read
/// and idle timeout (hyper's, which runs whenever a connection waits for a request's head, from
/// its first byte as between requests), and
/// `TCP_NODELAY` on every connection (without it, the last small segment of a response waits
/// for the client's delayed ACK, about 40 ms a file on a reused connection).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    // HTTP/1.1 only: browsers speak HTTP/2 over TLS, which the proxy in front terminates, and
    // sniffing for cleartext HTTP/2 would wait for a first byte with no timeout at all.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // keep serving the others.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "TCP_NODELAY could not be set");
        }
        let service =
            app.clone().map_request(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
                request
            });
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                // Timeouts and clients going away: nothing the server did wrong.
                tracing::debug!(%error, %peer, "connection closed with an error");
            }
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_timeout) => {
            tracing::warn!("shutdown timeout reached: closing remaining connections");
        }
    }
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM (what orchestrators send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
