//! A real SMTP server for the tests: `smtp_sink.py` (aiosmtpd, Debian's python3-aiosmtpd,
//! installed by `make system-packages`) on a free local port, writing what it accepts to a
//! folder this helper reads back.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    pub rcpt_tos: Vec<String>,
    pub subject: String,
    pub message_id: String,
    pub content_language: String,
    pub text: String,
    pub html: String,
}

pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

impl SmtpSink {
    /// Starts the server; it answers 451 (try again later) to the first `refuse` messages.
    pub fn start(refuse: u32) -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let dir = std::env::temp_dir().join(format!("acc_smtp_{}_{port}", std::process::id()));
        let python = std::env::var("SMTP_SINK_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/support/smtp_sink.py");
        let mut child = Command::new(&python)
            .arg(script)
            .arg(port.to_string())
            .arg(&dir)
            .arg(refuse.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {python} {script}: {e}"));
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut line).expect("read the SMTP sink's first line");
        assert_eq!(line.trim(), "READY", "the SMTP sink did not start (is python3-aiosmtpd installed? run `make system-packages`)");
        SmtpSink { port, dir, child }
    }

    /// Every message accepted so far, in order.
    pub fn received(&self) -> Vec<Received> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut files: Vec<PathBuf> =
            entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).expect("read a received mail")).expect("a received mail"))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The path and token of the first link to `{base}/{prefix}` in a text.
pub fn link_token(text: &str, prefix: &str) -> String {
    let start = text.find(prefix).unwrap_or_else(|| panic!("no link to {prefix} in:\n{text}")) + prefix.len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect()
}
