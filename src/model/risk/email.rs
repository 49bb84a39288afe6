//! Suspect addresses: on a free-mail domain (anyone can open one in any
//! name), or on a domain unlike the org's own.
//!
//! "Unlike" is judged on the address's org label: the domain without its
//! top-level part and a generic second level (`acme` of `mail.acme.co.uk`).
//! It is like the org when, letters and digits only and in lower case, the
//! label and the org's Slack domain (or else its name) are equal or one
//! holds the other, the shorter being at least 3 long: `acme-corp.com` is
//! like the org `acme`, `other.io` is not. An org that gave neither a
//! domain nor a name is like any address: there is nothing to compare.

use crate::model::rows::Team;

/// Free-mail domains; subdomains count too.
pub(crate) const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "mail.com",
    "mail.ru",
    "qq.com",
    "163.com",
    "126.com",
    "zoho.com",
    "fastmail.com",
    "tutanota.com",
    "web.de",
];

/// Free-mail providers under many country domains (`gmx.de`, `yandex.ru`,
/// `yahoo.co.uk`, `hotmail.fr`): any domain whose org label is one of these.
pub(crate) const FREE_MAIL_BRANDS: &[&str] =
    &["gmx", "yandex", "yahoo", "hotmail", "outlook", "protonmail"];

/// Second levels that name no org: the label before them is the org's.
const GENERIC_SECOND_LEVELS: &[&str] = &["co", "com", "org", "net", "gov", "edu", "ac", "ne", "or"];

/// The shortest label or domain one may hold inside the other and still be alike.
const MIN_ALIKE: usize = 3;

/// The domain of an address: what follows its last `@`.
pub(crate) fn domain_of(email: &str) -> Option<&str> {
    email
        .rsplit_once('@')
        .map(|(_, domain)| domain.trim().trim_end_matches('.'))
        .filter(|d| !d.is_empty())
}

/// `acme` of `mail.acme.co.uk`, `acme-corp` of `acme-corp.com`.
pub(crate) fn org_label(domain: &str) -> &str {
    let mut labels = domain.rsplit('.').filter(|l| !l.is_empty());
    let Some(top) = labels.next() else {
        return domain;
    };
    let Some(second) = labels.next() else {
        return top;
    };
    let generic = GENERIC_SECOND_LEVELS
        .iter()
        .any(|g| g.eq_ignore_ascii_case(second));
    match labels.next() {
        Some(third) if generic => third,
        _ => second,
    }
}

/// On a free-mail domain.
pub(crate) fn is_free_mail(domain: &str) -> bool {
    let listed = FREE_MAIL.iter().any(|free| {
        domain.eq_ignore_ascii_case(free)
            || (domain.len() > free.len()
                && domain.as_bytes()[domain.len() - free.len() - 1] == b'.'
                && domain[domain.len() - free.len()..].eq_ignore_ascii_case(free))
    });
    listed
        || FREE_MAIL_BRANDS
            .iter()
            .any(|brand| org_label(domain).eq_ignore_ascii_case(brand))
}

/// The letters and digits of `text`, in lower case. Compared as they come,
/// without a copy: this runs for every invite when rows are judged.
fn folded(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Whether `needle`, folded, is a run of `hay`, folded.
fn folded_contains(hay: &str, needle: &str) -> bool {
    let wanted = folded(needle).count();
    let mut at = folded(hay);
    loop {
        if at.clone().take(wanted).eq(folded(needle)) {
            return true;
        }
        if at.next().is_none() {
            return false;
        }
    }
}

/// Equal, or the shorter (at least [`MIN_ALIKE`] long) inside the longer.
fn holds(a: &str, b: &str) -> bool {
    let (a_len, b_len) = (folded(a).count(), folded(b).count());
    let (short, short_len, long) = if a_len <= b_len {
        (a, a_len, b)
    } else {
        (b, b_len, a)
    };
    folded(short).eq(folded(long)) || (short_len >= MIN_ALIKE && folded_contains(long, short))
}

/// The address's domain is like the org `team`'s own (see the module).
pub(crate) fn alike(domain: &str, team: &Team) -> bool {
    let label = org_label(domain);
    let mut own = team
        .domain
        .iter()
        .chain(&team.name)
        .filter(|text| folded(text).next().is_some())
        .peekable();
    own.peek().is_none() || own.any(|text| holds(label, text))
}

/// What the org calls itself, for the evidence: its domain, else its name.
pub(crate) fn own_domain(team: &Team) -> &str {
    team.domain
        .as_deref()
        .filter(|d| !d.is_empty())
        .or(team.name.as_deref())
        .unwrap_or(&team.id)
}
