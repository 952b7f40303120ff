//! Sending the outbox: over SMTP when a server is configured, otherwise into a folder of
//! `.eml` files. A worker inside each app instance claims due mails, sends them, and records
//! the outcome (sent, retry later, failed) following the domain's rules.

use super::config::{MailConfig, SmtpTls};
use super::db::{self, outbox::Claimed, Db};
use crate::domain::mail::{after_attempt, AfterAttempt, Delivery};
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// Where mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::Folder(dir) => write!(f, "Transport::Folder({})", dir.display()),
        }
    }
}

/// The sender and the transport, ready to send.
#[derive(Clone, Debug)]
pub struct Sender {
    pub transport: Transport,
    pub from: Mailbox,
    /// The domain part of Message-IDs (one per outbox entry, so a receiver can spot a mail
    /// delivered twice after a crash between sending and recording it).
    pub id_domain: String,
}

impl Sender {
    pub fn from_config(config: &MailConfig) -> Result<Sender, String> {
        let from: Mailbox = config.from.parse().map_err(|e| format!("MAIL_FROM « {} » is not an address: {e}", config.from))?;
        let transport = match &config.smtp {
            Some(smtp) => {
                let builder = match smtp.tls {
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str()),
                    SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                        .map_err(|e| format!("SMTP_HOST {}: {e}", smtp.host))?,
                    SmtpTls::Tls => {
                        AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| format!("SMTP_HOST {}: {e}", smtp.host))?
                    }
                };
                let mut builder = builder.port(smtp.port).timeout(Some(Duration::from_secs(20)));
                if let Some((user, password)) = &smtp.credentials {
                    builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
                }
                Transport::Smtp(builder.build())
            }
            None => Transport::Folder(config.dir.clone()),
        };
        let id_domain = from.email.domain().to_string();
        Ok(Sender { transport, from, id_domain })
    }

    /// A sender over plain SMTP to a local server (tests).
    pub fn smtp_local(port: u16) -> Sender {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
            .port(port)
            .timeout(Some(Duration::from_secs(10)))
            .build();
        Sender {
            transport: Transport::Smtp(transport),
            from: "Accélérateur <ne-pas-repondre@accelerateur.localhost>".parse().expect("a valid test sender"),
            id_domain: "accelerateur.localhost".into(),
        }
    }

    /// One attempt at sending a claimed mail.
    pub async fn send(&self, mail: &Claimed) -> Delivery {
        let message = match self.message(mail) {
            Ok(m) => m,
            Err(e) => return Delivery::Permanent(e),
        };
        match &self.transport {
            Transport::Smtp(smtp) => match smtp.send(message).await {
                Ok(_) => Delivery::Sent,
                Err(e) if e.is_permanent() => Delivery::Permanent(e.to_string()),
                Err(e) => Delivery::Temporary(e.to_string()),
            },
            Transport::Folder(dir) => match write_eml(dir, mail, &message.formatted()).await {
                Ok(()) => Delivery::Sent,
                Err(e) => Delivery::Temporary(format!("{}: {e}", dir.display())),
            },
        }
    }

    fn message(&self, mail: &Claimed) -> Result<Message, String> {
        let to: Mailbox = mail.recipient.parse().map_err(|e| format!("address {}: {e}", mail.recipient))?;
        let part = |content_type: ContentType, text: &str| {
            let body = Body::new_with_encoding(text.to_string(), ContentTransferEncoding::QuotedPrintable)
                .unwrap_or_else(Body::new);
            SinglePart::builder().header(content_type).body(body)
        };
        let mut message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<outbox-{}@{}>", mail.id, self.id_domain)))
            .multipart(
                MultiPart::alternative()
                    .singlepart(part(ContentType::TEXT_PLAIN, &mail.text_body))
                    .singlepart(part(ContentType::TEXT_HTML, &mail.html_body)),
            )
            .map_err(|e| e.to_string())?;
        message
            .headers_mut()
            .insert_raw(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), mail.lang.clone()));
        Ok(message)
    }
}

/// Writes one mail as `<id>-<kind>.eml`, through a temporary name so that a reader never
/// sees half a file.
async fn write_eml(dir: &std::path::Path, mail: &Claimed, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let name = format!("{:06}-{}.eml", mail.id, mail.kind);
    let tmp = dir.join(format!(".{name}.tmp"));
    tokio::fs::write(&tmp, bytes).await?;
    tokio::fs::rename(&tmp, dir.join(name)).await
}

/// Claims the mails due at `now` and sends them one by one; returns how many were sent.
pub async fn send_due(db: &Db, sender: &Sender, worker: &str, now: i64) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    loop {
        let batch = db::outbox::claim(db, worker, now, 10).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        for mail in &batch {
            let outcome = after_attempt(sender.send(mail).await, mail.attempts, db::now().max(now));
            match &outcome {
                AfterAttempt::Sent => {
                    sent += 1;
                    tracing::info!(mail = mail.id, kind = mail.kind, "mail sent");
                }
                AfterAttempt::RetryAt { at, error } => tracing::warn!(mail = mail.id, retry_at = at, %error, "mail not sent, will retry"),
                AfterAttempt::Failed { error } => tracing::error!(mail = mail.id, %error, "mail failed for good"),
            }
            db::outbox::record(db, mail.id, worker, &outcome, db::now().max(now)).await?;
        }
    }
}

/// The worker of one app instance: looks for due mails every `poll_ms`, forever.
pub fn spawn_worker(db: Db, sender: Sender, poll_ms: u64) -> tokio::task::JoinHandle<()> {
    let random = super::auth::new_session_token().0;
    let worker = format!("{}-{}-{}", hostname(), std::process::id(), &random[..8]);
    match &sender.transport {
        Transport::Folder(dir) => tracing::info!(
            folder = %std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone()).display(),
            "no SMTP_HOST: mails are written as .eml files in this folder"
        ),
        Transport::Smtp(_) => tracing::info!("mails are sent over SMTP"),
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(poll_ms));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = send_due(&db, &sender, &worker, db::now()).await {
                tracing::warn!(error = %e, "outbox: cannot read or update the outbox");
            }
        }
    })
}

fn hostname() -> String {
    std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()).unwrap_or_else(|| "instance".into())
}
