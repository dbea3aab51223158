//! Files built by cargo-leptos under the site root: `/pkg` (hashed wasm, JS, CSS, with their
//! precompressed `.br` and `.gz` twins) and the copied `public/` assets.

use std::path::Path;

use tower_http::services::ServeDir;

pub fn serve_dir(dir: impl AsRef<Path>) -> ServeDir {
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}
