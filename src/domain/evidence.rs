//! Charter evidence a project in its programme publishes (commitments 2 and 3 of the
//! charter): where its source code and its open data are, a statement of its funding and
//! resources, its results. Each address is checked (HTTP status, short timeout) when it is
//! given and again every day; the page shows « vérifié le … » or the failure.

use super::i18n::Label;
use super::validate::{text_block, FormErrors};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// How long a check stays valid before the address is checked again.
pub const RECHECK_SECONDS: i64 = 24 * 3_600;
/// How long a check may wait for the server.
pub const CHECK_TIMEOUT_SECONDS: u64 = 5;
pub const URL_MAX: u32 = 300;
pub const TEXT_MAX: u32 = 2_000;

code_enum! {
    /// The two addresses the charter asks for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EvidenceLink {
        SourceCode => "source",
        OpenData => "data",
    }
}

impl EvidenceLink {
    pub fn label(self) -> Label {
        match self {
            EvidenceLink::SourceCode => Label::new("Code source publié", "Published source code"),
            EvidenceLink::OpenData => Label::new("Données ouvertes publiées", "Published open data"),
        }
    }
}

/// What the team publishes, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub source_url: String,
    pub data_url: String,
    pub funding: String,
    pub results: String,
}

/// Checks the form: each address empty or a web address; texts within limits. Field names:
/// `source_url`, `data_url`, `funding`, `results`.
pub fn check_evidence(source_url: &str, data_url: &str, funding: &str, results: &str) -> Result<Evidence, FormErrors> {
    let mut errors = FormErrors::default();
    for (name, value) in [("source_url", source_url), ("data_url", data_url)] {
        if !value.trim().is_empty() {
            if let Err(p) = super::candidature_form::web_address(value.trim(), URL_MAX) {
                errors.add(name, p);
            }
        }
    }
    for (name, value) in [("funding", funding), ("results", results)] {
        if let Err(p) = text_block(value, TEXT_MAX) {
            errors.add(name, p);
        }
    }
    if errors.is_empty() {
        Ok(Evidence {
            source_url: source_url.trim().to_string(),
            data_url: data_url.trim().to_string(),
            funding: funding.trim().to_string(),
            results: results.trim().to_string(),
        })
    } else {
        Err(errors
            .keep("source_url", source_url)
            .keep("data_url", data_url)
            .keep("funding", funding)
            .keep("results", results))
    }
}

/// Where the check of an address stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckState {
    /// Given, not checked yet (checked within a minute).
    Pending,
    Verified { at: i64 },
    Failed { at: i64, reason: String },
}

impl CheckState {
    /// From what is stored: when it was checked, whether it answered well, and why not.
    pub fn of(checked_at: Option<i64>, ok: bool, error: &str) -> CheckState {
        match checked_at {
            None => CheckState::Pending,
            Some(at) if ok => CheckState::Verified { at },
            Some(at) => CheckState::Failed { at, reason: error.to_string() },
        }
    }
}

/// The outcome of one request: a status below 400 verifies the address (redirects are followed
/// first); any other status, or no answer, fails it with a reason a person can act on.
pub fn outcome(answer: Result<u16, String>) -> (bool, String) {
    match answer {
        Ok(status) if (200..400).contains(&status) => (true, String::new()),
        Ok(404) => (false, "HTTP 404 : page introuvable".into()),
        Ok(status) => (false, format!("HTTP {status}")),
        Err(reason) => (false, reason),
    }
}

/// An address is checked when never checked, or when its last check is a day old.
pub fn is_due(checked_at: Option<i64>, now: i64) -> bool {
    checked_at.is_none_or(|at| now - at >= RECHECK_SECONDS)
}

/// Why an address was not fetched. The same words whatever the reason (a private or local
/// address, a name that does not resolve or resolves inside, another scheme, a redirect to
/// any of these), so that a check never tells anything about the server's own network.
pub const ADDRESS_REFUSED: &str = "adresse refusée : elle doit être publique et joignable en http(s)";
/// How many redirects a check follows, each one checked like the first address.
pub const MAX_REDIRECTS: usize = 5;

/// Which addresses the checker may contact. Production checks public addresses only; the
/// test suites, whose web servers listen on the loopback, may allow the loopback as well
/// (never private, link-local or unspecified addresses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AddressPolicy {
    #[default]
    PublicOnly,
    AllowLoopbackForTests,
}

impl AddressPolicy {
    /// From the value of the setting that allows the loopback (`1` or `true`); anything else,
    /// or nothing, is public-only.
    pub fn from_setting(value: Option<&str>) -> AddressPolicy {
        match value.map(str::trim) {
            Some(v) if v == "1" || v.eq_ignore_ascii_case("true") => AddressPolicy::AllowLoopbackForTests,
            _ => AddressPolicy::PublicOnly,
        }
    }

    /// Whether the checker may connect to `ip`.
    pub fn allows(self, ip: IpAddr) -> bool {
        is_public_ip(ip) || (self == AddressPolicy::AllowLoopbackForTests && is_loopback(ip))
    }

    /// Whether a name's resolved addresses may be contacted: at least one, and every one
    /// allowed (one inside address is enough to refuse the name).
    pub fn allows_all(self, ips: &[IpAddr]) -> bool {
        !ips.is_empty() && ips.iter().all(|ip| self.allows(*ip))
    }
}

/// The host of a parsed address: an IP address, or a name still to resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetHost<'a> {
    Ip(IpAddr),
    Name(&'a str),
}

/// Reads the host as a URL parser serialises it (`exemple.fr`, `127.0.0.1`, `[::1]`). The
/// WHATWG parser (the `url` crate behind reqwest) already turns `127.1`, `2130706433` or
/// `0x7f.1` into `127.0.0.1`; a host it left numeric is refused by [`target_allowed`].
pub fn host_of(host: &str) -> TargetHost<'_> {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return match inner.parse::<Ipv6Addr>() {
            Ok(ip) => TargetHost::Ip(IpAddr::V6(ip)),
            Err(_) => TargetHost::Name(host),
        };
    }
    match host.parse::<IpAddr>() {
        Ok(ip) => TargetHost::Ip(ip),
        Err(_) => TargetHost::Name(host),
    }
}

/// Whether an address with this scheme and host may be fetched (before resolving a name; the
/// name's addresses must then pass [`AddressPolicy::allows_all`]): `http` or `https` only; an
/// IP address allowed by the policy; a name made of DNS labels whose last label is not a
/// number (a number is an IPv4 address in disguise). A name such as `localhost` passes here
/// and is refused by its resolved addresses: the addresses are the authority.
pub fn target_allowed(scheme: &str, host: TargetHost<'_>, policy: AddressPolicy) -> bool {
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    match host {
        TargetHost::Ip(ip) => policy.allows(ip),
        TargetHost::Name(name) => name_allowed(name),
    }
}

fn name_allowed(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    let labels: Vec<&str> = name.split('.').collect();
    let label_ok = |l: &&str| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if name.is_empty() || !labels.iter().all(label_ok) {
        return false;
    }
    let last = labels[labels.len() - 1];
    let numeric = last.chars().all(|c| c.is_ascii_digit())
        || last.strip_prefix("0x").is_some_and(|hex| hex.chars().all(|c| c.is_ascii_hexdigit()));
    !numeric
}

/// Whether `ip` is an address of the public internet: not loopback, private, shared (CGNAT),
/// link-local (which holds the cloud metadata address 169.254.169.254), unique-local,
/// multicast, unspecified, broadcast, reserved, documentation or benchmark; an IPv4-mapped or
/// 6to4 IPv6 address is judged by the IPv4 address it carries. IPv6 outside global unicast
/// (2000::/3) is refused whole, which covers `::`, `::1`, IPv4-compatible, NAT64, fc00::/7,
/// fe80::/10 and ff00::/8.
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let inside = a == 0 // "this network", 0.0.0.0
        || a == 10
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT), 100.64/10
        || a == 127
        || (a == 169 && b == 254) // link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation TEST-NET-1
        || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
        || (a == 192 && b == 168)
        || (a == 198 && (b == 18 || b == 19)) // benchmarking, 198.18/15
        || (a == 198 && b == 51 && c == 100) // documentation TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // documentation TEST-NET-3
        || a >= 224; // multicast 224/4, reserved 240/4, broadcast
    !inside
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    if s[0] & 0xe000 != 0x2000 {
        return false;
    }
    if s[0] == 0x2002 {
        // 6to4 carries an IPv4 address in its next 32 bits.
        let [a, b] = s[1].to_be_bytes();
        let [c, d] = s[2].to_be_bytes();
        return is_public_v4(Ipv4Addr::new(a, b, c, d));
    }
    let inside = (s[0] == 0x2001 && s[1] < 0x0200) // IETF protocol assignments (Teredo, benchmarking, ORCHID), 2001::/23
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x3fff && s[1] < 0x1000); // documentation, 3fff::/20
    !inside
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Problem;

    #[test]
    fn addresses_are_web_addresses_and_texts_are_bounded() {
        let ok = check_evidence(" https://code.exemple.fr/projet ", "", "Dons : 3 000 €", "").unwrap();
        assert_eq!(ok.source_url, "https://code.exemple.fr/projet");
        let e = check_evidence("ftp://x.fr", "pas une adresse", &"x".repeat(2_001), "").unwrap_err();
        assert_eq!(e.for_field("source_url"), Some(&Problem::InvalidUrl));
        assert_eq!(e.for_field("data_url"), Some(&Problem::InvalidUrl));
        assert_eq!(e.for_field("funding"), Some(&Problem::TooLong { max: TEXT_MAX }));
        assert_eq!(e.kept_value("data_url"), Some("pas une adresse"));
    }

    #[test]
    fn checks_read_the_status_and_expire_after_a_day() {
        assert_eq!(outcome(Ok(200)), (true, String::new()));
        assert!(outcome(Ok(301)).0);
        assert_eq!(outcome(Ok(404)), (false, "HTTP 404 : page introuvable".into()));
        assert_eq!(outcome(Ok(500)), (false, "HTTP 500".into()));
        assert_eq!(outcome(Err("délai dépassé".into())), (false, "délai dépassé".into()));
        assert!(is_due(None, 0));
        assert!(!is_due(Some(1_000), 1_000 + RECHECK_SECONDS - 1));
        assert!(is_due(Some(1_000), 1_000 + RECHECK_SECONDS));
        assert_eq!(CheckState::of(None, false, ""), CheckState::Pending);
        assert_eq!(CheckState::of(Some(5), true, ""), CheckState::Verified { at: 5 });
        assert_eq!(CheckState::of(Some(5), false, "HTTP 500"), CheckState::Failed { at: 5, reason: "HTTP 500".into() });
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_public_internet_addresses_are_public() {
        for public in [
            "1.1.1.1", "8.8.8.8", "93.184.215.14", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
            "192.167.1.1", "192.169.1.1", "169.253.1.1", "198.17.0.1", "198.20.0.1", "223.255.255.254",
            "2001:4860:4860::8888", "2a01:e0a:1::1", "2606:4700::1111", "::ffff:8.8.8.8", "2002:0808:0808::1",
        ] {
            assert!(is_public_ip(ip(public)), "{public} is public");
            assert!(AddressPolicy::PublicOnly.allows(ip(public)), "{public}");
        }
        for inside in [
            // loopback, unspecified, "this network"
            "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "::1", "::",
            // private, shared (CGNAT), link-local with the cloud metadata address
            "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255",
            "100.64.0.1", "100.127.255.255", "169.254.0.1", "169.254.169.254",
            // multicast, broadcast, reserved, documentation, benchmarking, IETF
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.2.1", "198.51.100.1", "203.0.113.1",
            "198.18.0.1", "198.19.255.255", "192.0.0.1", "192.88.99.1",
            // IPv6: link-local, unique-local, site-local, multicast, documentation, Teredo, discard, NAT64
            "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "ff0e::1", "2001:db8::1", "3fff::1",
            "2001::1", "2001:2::1", "100::1", "64:ff9b::a00:1",
            // IPv4-mapped, IPv4-compatible and 6to4 forms of inside IPv4 addresses
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0", "::ffff:192.168.1.1",
            "::127.0.0.1", "::10.0.0.1", "2002:7f00:0001::1", "2002:a9fe:a9fe::1", "2002:c0a8:0101::",
        ] {
            assert!(!is_public_ip(ip(inside)), "{inside} is not public");
            assert!(!AddressPolicy::PublicOnly.allows(ip(inside)), "{inside}");
        }
    }

    #[test]
    fn the_test_policy_adds_the_loopback_and_nothing_else() {
        let tests = AddressPolicy::AllowLoopbackForTests;
        for loopback in ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"] {
            assert!(tests.allows(ip(loopback)), "{loopback}");
            assert!(!AddressPolicy::PublicOnly.allows(ip(loopback)), "{loopback}");
        }
        for inside in ["0.0.0.0", "::", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "fe80::1", "fd00::1", "100.64.0.1", "::ffff:10.0.0.1", "224.0.0.1"] {
            assert!(!tests.allows(ip(inside)), "{inside} stays refused with the loopback allowed");
        }
        assert!(tests.allows(ip("8.8.8.8")));
        assert_eq!(AddressPolicy::default(), AddressPolicy::PublicOnly);
        // One inside address among a name's addresses refuses the name; no address refuses it too.
        assert!(AddressPolicy::PublicOnly.allows_all(&[ip("8.8.8.8"), ip("2001:4860:4860::8888")]));
        assert!(!AddressPolicy::PublicOnly.allows_all(&[ip("8.8.8.8"), ip("10.0.0.1")]));
        assert!(!AddressPolicy::PublicOnly.allows_all(&[]));
        assert!(!tests.allows_all(&[ip("127.0.0.1"), ip("192.168.1.1")]));
        // The setting that allows the loopback says so explicitly.
        assert_eq!(AddressPolicy::from_setting(Some("1")), tests);
        assert_eq!(AddressPolicy::from_setting(Some(" TRUE ")), tests);
        for off in [None, Some(""), Some("0"), Some("false"), Some("oui"), Some("yes please")] {
            assert_eq!(AddressPolicy::from_setting(off), AddressPolicy::PublicOnly, "{off:?}");
        }
    }

    #[test]
    fn only_http_and_https_to_allowed_hosts_are_fetched() {
        let public = AddressPolicy::PublicOnly;
        let tests = AddressPolicy::AllowLoopbackForTests;
        assert_eq!(host_of("exemple.fr"), TargetHost::Name("exemple.fr"));
        assert_eq!(host_of("127.0.0.1"), TargetHost::Ip(ip("127.0.0.1")));
        assert_eq!(host_of("[::1]"), TargetHost::Ip(ip("::1")));
        assert_eq!(host_of("[::ffff:7f00:1]"), TargetHost::Ip(ip("::ffff:127.0.0.1")));
        for ok in ["https://exemple.fr", "http://exemple.fr", "HTTPS://code.exemple.fr.", "http://xn--donnes-eva.gouv.fr", "http://8.8.8.8", "http://[2001:4860:4860::8888]"] {
            let (scheme, host) = ok.split_once("://").unwrap();
            assert!(target_allowed(scheme, host_of(host), public), "{ok}");
        }
        for bad in [
            "ftp://exemple.fr", "file://exemple.fr", "gopher://exemple.fr", "javascript://exemple.fr", "ws://exemple.fr",
            "http://127.0.0.1", "http://[::1]",
            "http://[::ffff:127.0.0.1]", "http://0.0.0.0", "http://10.0.0.1", "http://169.254.169.254",
            // numeric forms a parser did not normalise are IPv4 addresses in disguise
            "http://2130706433", "http://127.1", "http://0x7f.1", "http://0x7f000001", "http://exemple.0x10",
            // not DNS labels
            "http://", "http://exemple..fr", "http://[pas-une-ip]", "http://a b.fr", "http://moi@exemple.fr",
        ] {
            let (scheme, host) = bad.split_once("://").unwrap();
            assert!(!target_allowed(scheme, host_of(host), public), "{bad}");
        }
        // Names are judged by the addresses they resolve to (AddressPolicy::allows_all).
        assert!(target_allowed("http", host_of("localhost"), public));
        assert!(target_allowed("http", host_of("127.0.0.1"), tests));
        assert!(target_allowed("http", host_of("[::1]"), tests));
        for still_bad in ["ftp://127.0.0.1", "file://localhost", "http://0.0.0.0", "http://10.0.0.1", "http://2130706433", "http://[fe80::1]"] {
            let (scheme, host) = still_bad.split_once("://").unwrap();
            assert!(!target_allowed(scheme, host_of(host), tests), "{still_bad}");
        }
    }

    /// What the server's URL parser (WHATWG, the `url` crate behind reqwest) makes of the tricky
    /// forms: numeric hosts become dotted IPv4, IPv6 is bracketed and compressed; the rule then
    /// refuses them as IP addresses.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_server_url_parser_normalises_numeric_hosts_before_the_rule() {
        let public = AddressPolicy::PublicOnly;
        for (given, host) in [
            ("http://2130706433/", "127.0.0.1"),
            ("http://127.1/", "127.0.0.1"),
            ("http://0x7f.1/", "127.0.0.1"),
            ("http://0177.0.0.1/", "127.0.0.1"),
            ("http://0x7f000001/", "127.0.0.1"),
            ("http://0/", "0.0.0.0"),
            ("http://0.0.0.0:5432/", "0.0.0.0"),
            ("http://169.254.43518/", "169.254.169.254"),
            ("http://[::1]:5432/", "[::1]"),
            ("http://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]"),
            ("http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "[::ffff:a9fe:a9fe]"),
        ] {
            let url = reqwest::Url::parse(given).unwrap();
            assert_eq!(url.host_str(), Some(host), "{given}");
            assert!(!target_allowed(url.scheme(), host_of(url.host_str().unwrap()), public), "{given}");
        }
        for (given, host) in [("HTTP://LOCALHOST./", "localhost."), ("http://%6c%6fcalhost/", "localhost")] {
            assert_eq!(reqwest::Url::parse(given).unwrap().host_str(), Some(host), "{given}: a name, refused once resolved");
        }
        let url = reqwest::Url::parse("https://Données.Gouv.FR/jeu").unwrap();
        assert_eq!(url.host_str(), Some("xn--donnes-eva.gouv.fr"));
        assert!(target_allowed(url.scheme(), host_of(url.host_str().unwrap()), public));
        let url = reqwest::Url::parse("file:///etc/passwd").unwrap();
        assert!(url.host_str().is_none_or(|h| !target_allowed(url.scheme(), host_of(h), public)));
    }
}
