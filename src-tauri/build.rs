fn main() {
    #[cfg(feature = "desktop")]
    tauri();
}

#[cfg(feature = "desktop")]
fn tauri() {
    // The manifest dir is the repository root; the capability files live in src-tauri/.
    let attrs =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(e) = tauri_build::try_build(attrs) {
        eprintln!("tauri-build: {e:#}");
        std::process::exit(1);
    }
}
