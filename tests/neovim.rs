//! End to end with a real editor: neovim, headless, attaches `rootlint lsp` to a Go file of the
//! example deployment and reports the diagnostics it received, then edits one line (an
//! incremental change) and reports them again. `.ci/run` installs neovim.

use std::path::Path;
use std::process::Command;

#[test]
fn neovim_receives_rootlint_diagnostics() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("examples/shop");
    let out = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE"])
        .arg(root.join("federation/service.go"))
        .arg("-c")
        .arg(format!(
            "luafile {}",
            manifest.join("tests/editors/neovim.lua").display()
        ))
        .env("ROOTLINT_BIN", env!("CARGO_BIN_EXE_rootlint"))
        .env("ROOTLINT_ROOT", &root)
        .env("ROOTLINT_OUT", out.path())
        .env("ROOTLINT_EDIT_LINE", "20")
        .current_dir(&root)
        .status()
        .expect("neovim is installed (apt-get install neovim; .ci/run does it)");
    assert!(status.success());
    let got = std::fs::read_to_string(out.path()).unwrap();
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(
        lines,
        [
            "20:9 1 dynamic_trust_root_host `accesstokenapi.Mint` is on :666 but its destination host is not static",
            "27:12 2 dynamic_subject_construction the URL of this request is not static, so its port and trust tier are unknown",
            "-- after the edit",
            "27:12 2 dynamic_subject_construction the URL of this request is not static, so its port and trust tier are unknown",
        ],
        "{got}"
    );
}
