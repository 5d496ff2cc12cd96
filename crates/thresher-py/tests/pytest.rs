//! Runs the Python tests (`tests/test_*.py`, pytest) as part of
//! `cargo test --workspace`, so that one command tests everything.
//!
//! It keeps a venv in `target/tmp/py-venv` with what
//! `tests/requirements.txt` lists (installed again only when that file
//! changes), installs the package into it the way a user does
//! (`pip install ./crates/thresher-py`, built by maturin in
//! `target/tmp/py-build` so as not to wait on the build directory of the
//! `cargo test` that runs this), then runs pytest. Without `python3`, or
//! without its `venv` and `pip`, it prints why and passes; any other
//! failure fails.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::{env, fs};

/// The interpreter that makes the venv; `THRESHER_PYTHON` overrides it.
const PYTHON: &str = "python3";

fn run(what: &str, cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start {cmd:?}: {e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        text(&out.stdout),
        text(&out.stderr)
    );
    out
}

/// Whether `python` can make a venv with pip in it.
fn usable(python: &str) -> bool {
    Command::new(python)
        .args(["-c", "import venv, ensurepip"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The CLI that `cargo test --workspace` built beside this test, if any:
/// the JSON test compares against it.
fn cli() -> Option<PathBuf> {
    let exe = env::current_exe().ok()?;
    let cli = exe.parent()?.parent()?.join("thresher");
    cli.is_file().then_some(cli)
}

#[test]
fn python_tests() {
    let python = env::var("THRESHER_PYTHON").unwrap_or_else(|_| PYTHON.to_owned());
    if !usable(&python) {
        println!("skipping the Python tests: {python} with venv and pip is not available");
        return;
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let venv = tmp.join("py-venv");
    let bin = venv.join("bin");
    let vpython = bin.join("python");
    if !vpython.is_file() {
        run(
            "making the venv",
            Command::new(&python).arg("-m").arg("venv").arg(&venv),
        );
    }

    let requirements = crate_dir.join("tests/requirements.txt");
    let wanted = fs::read_to_string(&requirements).expect("tests/requirements.txt");
    let stamp = venv.join("requirements.installed");
    if fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        run(
            "installing tests/requirements.txt",
            Command::new(&vpython)
                .args(["-m", "pip", "install", "--quiet", "-r"])
                .arg(&requirements),
        );
        fs::write(&stamp, &wanted).expect("writing the venv's stamp");
    }

    // maturin (from the venv) must be on PATH without build isolation.
    let mut path = OsString::from(bin.as_os_str());
    if let Some(rest) = env::var_os("PATH") {
        path.push(":");
        path.push(rest);
    }
    run(
        "pip install ./crates/thresher-py",
        Command::new(&vpython)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-build-isolation",
                "--no-deps",
                "--force-reinstall",
            ])
            .arg(crate_dir)
            .env("PATH", &path)
            .env("CARGO_TARGET_DIR", tmp.join("py-build")),
    );

    let mut pytest = Command::new(&vpython);
    pytest
        .args(["-m", "pytest", "-q", "-rs", "-s", "-p", "no:cacheprovider"])
        .arg(crate_dir.join("tests"))
        .env("PATH", &path)
        .env("PYSPARK_PYTHON", &vpython)
        .current_dir(crate_dir);
    if let Some(cli) = cli() {
        pytest.env("THRESHER_BIN", cli);
    }
    let out = run("pytest", &mut pytest);
    println!("{}", String::from_utf8_lossy(&out.stdout));
}
