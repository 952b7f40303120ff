//! Checks the addresses of charter evidence: one GET each (redirects followed, 5 s at most),
//! when given and then every day. A task in each instance looks for due checks every minute;
//! two instances may check the same address at the same time, which only repeats a GET.
//!
//! The addresses come from project teams, so the checker must not become a way to probe the
//! server's own network. Each address, and each redirect (followed here, at most
//! [`MAX_REDIRECTS`]), must be `http(s)` on a host whose every resolved address is public
//! ([`AddressPolicy`]); the name is resolved here and the connection made to the addresses
//! just checked (no other name resolution, no proxy), so DNS rebinding cannot swap them. A
//! refused address fails with [`ADDRESS_REFUSED`], the same words whatever the reason, before
//! any connection.

use super::db::{self, Db};
use crate::domain::evidence::{host_of, outcome, target_allowed, AddressPolicy, TargetHost, ADDRESS_REFUSED, CHECK_TIMEOUT_SECONDS, MAX_REDIRECTS};
use reqwest::Url;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// The setting that lets the checker contact the loopback (`1` or `true`): for the end-to-end
/// suite, whose evidence server listens on 127.0.0.1. Never private or link-local addresses.
pub const ALLOW_LOOPBACK_SETTING: &str = "EVIDENCE_ALLOW_LOOPBACK";

const USER_AGENT: &str = "accelerateur-initiatives-citoyennes (verification des preuves de la charte)";

/// Fetches evidence addresses under an [`AddressPolicy`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Checker {
    policy: AddressPolicy,
}

/// Why one check did not get an answer.
enum Failure {
    Refused,
    Timeout,
    Connect,
    TooManyRedirects,
    Other(String),
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Failure {
        if e.is_timeout() {
            Failure::Timeout
        } else if e.is_connect() {
            Failure::Connect
        } else {
            Failure::Other(e.to_string())
        }
    }
}

impl Failure {
    fn reason(self) -> String {
        match self {
            Failure::Refused => ADDRESS_REFUSED.to_string(),
            Failure::Timeout => format!("pas de réponse en {CHECK_TIMEOUT_SECONDS} s"),
            Failure::Connect => "connexion impossible au serveur".to_string(),
            Failure::TooManyRedirects => format!("plus de {MAX_REDIRECTS} redirections"),
            Failure::Other(reason) => reason,
        }
    }
}

/// The resolver of the per-hop clients: it resolves nothing, so the only names a client can
/// reach are the one checked and pinned with `resolve_to_addrs` (fails closed).
struct NoResolver;

impl reqwest::dns::Resolve for NoResolver {
    fn resolve(&self, _name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(std::future::ready(Err("name resolution is done by the evidence checker".into())))
    }
}

impl Checker {
    pub fn new(policy: AddressPolicy) -> Checker {
        Checker { policy }
    }

    pub fn policy(&self) -> AddressPolicy {
        self.policy
    }

    /// Checks one address: the status of the last answer (after redirects), or why there is
    /// none, in words for the team. Everything, name resolution included, within
    /// [`CHECK_TIMEOUT_SECONDS`].
    pub async fn check(&self, url: &str) -> Result<u16, String> {
        match tokio::time::timeout(Duration::from_secs(CHECK_TIMEOUT_SECONDS), self.follow(url)).await {
            Ok(Ok(status)) => Ok(status),
            Ok(Err(failure)) => Err(failure.reason()),
            Err(_) => Err(Failure::Timeout.reason()),
        }
    }

    async fn follow(&self, url: &str) -> Result<u16, Failure> {
        let mut url = Url::parse(url).map_err(|_| Failure::Refused)?;
        let mut redirects = 0;
        loop {
            let client = self.client_for(&url).await?;
            let res = client.get(url.clone()).send().await?;
            let status = res.status();
            // The redirects reqwest follows itself; an answer without a usable Location stands.
            let redirect = matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308);
            let next = res.headers().get(reqwest::header::LOCATION).and_then(|l| l.to_str().ok()).and_then(|l| url.join(l).ok());
            match next {
                Some(next) if redirect => {
                    if redirects == MAX_REDIRECTS {
                        return Err(Failure::TooManyRedirects);
                    }
                    redirects += 1;
                    url = next;
                }
                _ => return Ok(status.as_u16()),
            }
        }
    }

    /// A client for one request to `url`, after its scheme, host and resolved addresses passed
    /// the policy; it connects only to those addresses.
    async fn client_for(&self, url: &Url) -> Result<reqwest::Client, Failure> {
        let host = url.host_str().ok_or(Failure::Refused)?;
        let target = host_of(host);
        if !target_allowed(url.scheme(), target, self.policy) {
            return Err(Failure::Refused);
        }
        let builder = reqwest::Client::builder()
            .timeout(Duration::from_secs(CHECK_TIMEOUT_SECONDS))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(NoResolver))
            .user_agent(USER_AGENT);
        let builder = match target {
            // reqwest connects to an IP address as is.
            TargetHost::Ip(_) => builder,
            TargetHost::Name(name) => {
                let port = url.port_or_known_default().ok_or(Failure::Refused)?;
                // A name that does not resolve is refused like an inside one: same words.
                let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name, port)).await.map_err(|_| Failure::Refused)?.collect();
                let ips: Vec<IpAddr> = addrs.iter().map(SocketAddr::ip).collect();
                if !self.policy.allows_all(&ips) {
                    return Err(Failure::Refused);
                }
                builder.resolve_to_addrs(name, &addrs)
            }
        };
        builder.build().map_err(|e| Failure::Other(e.to_string()))
    }
}

/// Checks every address due at `now`; returns how many were checked.
pub async fn check_due(db: &Db, checker: &Checker, now: i64) -> Result<usize, sqlx::Error> {
    let due = db::evidence::due(db, now).await?;
    for (candidature_id, link, url) in &due {
        let (ok, error) = outcome(checker.check(url).await);
        db::evidence::record_check(db, *candidature_id, *link, url, now, ok, &error).await?;
    }
    Ok(due.len())
}

/// The checker of one app instance; it looks for due checks every `EVIDENCE_CHECK_SECONDS`
/// (default 60). It contacts public addresses only, unless `EVIDENCE_ALLOW_LOOPBACK` is `1`
/// (end-to-end tests), which adds the loopback.
pub fn spawn(db: Db, cache: std::sync::Arc<super::public_cache::PublicCache>) -> tokio::task::JoinHandle<()> {
    let every = std::env::var("EVIDENCE_CHECK_SECONDS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(60).max(1);
    let policy = AddressPolicy::from_setting(std::env::var(ALLOW_LOOPBACK_SETTING).ok().as_deref());
    if policy != AddressPolicy::PublicOnly {
        tracing::warn!(
            setting = ALLOW_LOOPBACK_SETTING,
            "evidence checks may contact this machine's loopback addresses: for tests only, never in production"
        );
    }
    let checker = Checker::new(policy);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(every));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match check_due(&db, &checker, db::now()).await {
                // The public pages show each address's check.
                Ok(checked) if checked > 0 => cache.changed(&db).await,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "evidence checks: cannot read or update"),
            }
        }
    })
}
