import API
import Foundation
import YAMLConfig

/// The daemon's HTTP server (`http: {listen: "127.0.0.1:8470", tokens_file: /etc/gridwatch/tokens,
/// concurrent_requests: 1}`).
/// Without the key there is no server. A non-loopback `listen` needs `tokens_file`: the daemon refuses
/// to start otherwise.
public struct HTTPConfiguration: Sendable, Hashable {
    public static let defaultListen = "127.0.0.1:8470"
    static let yamlKeys = ["listen", "tokens_file", "concurrent_requests"]

    public var host: String
    public var port: Int
    /// Bearer tokens with roles (`ROLE TOKEN` lines), resolved against the configuration's folder.
    public var tokensFile: String?
    /// API requests computed at once (`concurrent_requests`; default half the cores): the rest waits, so
    /// polling keeps its share of the CPU under any API load.
    public var concurrentRequests: Int?

    /// 127.0.0.0/8, ::1 and `localhost`: the only addresses served without tokens.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The server's settings with the tokens file read; its errors say `file:line`.
    public func serverConfiguration() throws -> APIServer.Configuration {
        var configuration = APIServer.Configuration(host: host, port: port, tokens: try tokensFile.map { try AccessTokens.load(path: $0) })
        if let concurrentRequests { configuration.concurrentRequests = concurrentRequests }
        return configuration
    }
}

extension GatewayConfiguration {
    /// The `http` key of the configuration file, validated; `nil` when the file has none.
    public func httpConfiguration() throws(YAMLConfigError) -> HTTPConfiguration? {
        let root = try YAMLDocument.load(contentsOf: file)
        guard let node = root.mapping?.first(where: { $0.key.string == "http" })?.value else { return nil }
        let http = try YAMLMapping(node, file: file, subject: "http", allowedKeys: HTTPConfiguration.yamlKeys)
        let listen = try http.string("listen") ?? HTTPConfiguration.defaultListen
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65_535).contains(port) else {
            throw http.error(.invalidValue, "listen", "listen '\(listen)' has no port, expected HOST:PORT such as \(HTTPConfiguration.defaultListen)")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw http.error(.invalidValue, "listen", "listen '\(listen)' has no host, expected HOST:PORT such as \(HTTPConfiguration.defaultListen)") }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let tokensFile = try http.string("tokens_file").map { $0.hasPrefix("/") ? $0 : folder.appendingPathComponent($0).standardized.path }
        let configuration = HTTPConfiguration(
            host: host, port: port, tokensFile: tokensFile, concurrentRequests: try http.int("concurrent_requests", in: 1...256))
        guard configuration.isLoopback || tokensFile != nil else {
            throw http.error(.missingKey, "listen", "listen '\(listen)' is not a loopback address and http has no tokens_file; expected tokens_file (bearer tokens) to serve other hosts, or a 127.0.0.1 address")
        }
        return configuration
    }
}
