//! The client's real address behind reverse proxies and load balancers.
//!
//! Production runs several app servers behind a load balancer, which connects to them itself:
//! the socket's peer is the balancer, and the client is in `X-Forwarded-For`. That header is
//! believed only when the peer is a configured trusted proxy (`http.trusted_proxies`), and then
//! read from the right, skipping trusted hops, so a client cannot forge its own address by
//! sending the header itself.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;

/// Networks whose connections may say who the client is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

/// The resolved client address, put into each request's extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and CIDR networks
    /// (`10.0.0.0/8, 192.168.1.10, fd00::/8`).
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let mut networks = Vec::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let network = if item.contains('/') {
                // `10.0.0.1/8` is refused rather than read as 10.0.0.0/8: a network written
                // with host bits set is more likely a typo than an intent.
                let network: IpNet =
                    item.parse().map_err(|_| format!("`{item}` has a bad prefix"))?;
                if network.network() != network.addr() {
                    return Err(format!(
                        "`{item}` has host bits set (did you mean `{}`?)",
                        network.trunc()
                    ));
                }
                network
            } else {
                let address: IpAddr =
                    item.parse().map_err(|_| format!("`{item}` is not an address or network"))?;
                IpNet::from(address)
            };
            networks.push(network);
        }
        Ok(TrustedProxies(networks))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 client seen through an IPv6 socket arrives IPv4-mapped (`::ffff:a.b.c.d`).
        let mapped = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4),
            IpAddr::V4(_) => None,
        };
        self.0
            .iter()
            .any(|network| network.contains(&ip) || mapped.is_some_and(|v4| network.contains(&v4)))
    }

    /// The client behind `peer`, given the `X-Forwarded-For` values received.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let hops: Vec<&str> =
            forwarded_for.iter().flat_map(|v| v.split(',')).map(str::trim).collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(ip) if self.contains(ip) => client = ip,
                Ok(ip) => return ip,
                // A malformed hop: stop believing the header at this point.
                Err(_) => return client,
            }
        }
        client
    }
}

/// Resolves the client's address once, for the rate limiter, the audit trail and handlers.
pub async fn resolve_client(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>().copied()
    {
        let forwarded: Vec<&str> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let client = trusted.client(peer.ip(), &forwarded);
        request.extensions_mut().insert(ClientAddr(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_parse_and_match() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.1.10, fd00::/8").unwrap();
        assert!(trusted.contains(ip("10.1.2.3")));
        assert!(!trusted.contains(ip("11.0.0.1")));
        assert!(trusted.contains(ip("192.168.1.10")));
        assert!(!trusted.contains(ip("192.168.1.11")));
        assert!(trusted.contains(ip("fd12::1")));
        assert!(trusted.contains(ip("::ffff:10.0.0.5")), "IPv4-mapped addresses");
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("10.0.0.1/8").is_err(), "host bits set");
        assert!(TrustedProxies::parse("0.0.0.0/0").unwrap().contains(ip("203.0.113.9")));
        assert!(TrustedProxies::parse("proxy.internal").is_err());
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }

    #[test]
    fn the_header_is_believed_only_from_trusted_peers_and_from_the_right() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // Straight from the internet: the header is the client's own claim, ignored.
        assert_eq!(trusted.client(ip("203.0.113.9"), &["1.2.3.4"]), ip("203.0.113.9"));
        // Through the balancer: the right-most untrusted hop is the client.
        assert_eq!(trusted.client(ip("10.0.0.2"), &["198.51.100.7"]), ip("198.51.100.7"));
        // A client that forges a first hop does not get to choose: the balancer appended the truth.
        assert_eq!(trusted.client(ip("10.0.0.2"), &["1.2.3.4, 198.51.100.7"]), ip("198.51.100.7"));
        // Two proxies in a row.
        assert_eq!(trusted.client(ip("10.0.0.2"), &["198.51.100.7, 10.0.0.9"]), ip("198.51.100.7"));
        assert_eq!(
            trusted.client(ip("10.0.0.2"), &["198.51.100.7", "10.0.0.9"]),
            ip("198.51.100.7")
        );
        // No header, or garbage: the peer.
        assert_eq!(trusted.client(ip("10.0.0.2"), &[]), ip("10.0.0.2"));
        assert_eq!(trusted.client(ip("10.0.0.2"), &["unknown"]), ip("10.0.0.2"));
        // Nothing trusted (the default): never the header.
        assert_eq!(TrustedProxies::default().client(ip("10.0.0.2"), &["1.2.3.4"]), ip("10.0.0.2"));
    }
}
