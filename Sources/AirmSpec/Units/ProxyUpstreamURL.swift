import Foundation

/// The `upstream` URL of a provider's fake in proxy mode (docs/app-mode.md "Proxy mode"). Pure.
public enum ProxyUpstreamURL {
    /// Whether `text` is an absolute `http` or `https` URL with a host, and no query or fragment.
    public static func isValid(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return false }
        return components.query == nil && components.fragment == nil
    }

    /// Whether the URL's host is this machine (`localhost`, `127.x.x.x`, `::1`).
    public static func isLoopback(_ text: String) -> Bool {
        guard let host = URLComponents(string: text)?.host?.lowercased(), !host.isEmpty else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
