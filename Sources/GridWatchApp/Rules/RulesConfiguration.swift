import Collector
import Foundation
import GridWatchCore
import Rules
import YAMLConfig

/// The daemon's rule stage (`rules:` in the gateway configuration). Without the key no rules run.
///
/// ```yaml
/// rules:
///   file: rules.yaml          # the rule file, resolved against the configuration's folder
///   check_interval: 1min      # full re-check at least this often (windows move); new records re-check at once
///   utc_offset: "+08:00"      # local dates of rule windows; default: the gateway's time zone
///   webhook:                  # optional: POST every opening and closing as JSON
///     url: http://127.0.0.1:9000/gridwatch/violations
///     timeout: 10s
///     retry_initial: 30s      # first retry after a failed call, doubling...
///     retry_max: 1h           # ...up to this
/// ```
public struct RulesConfiguration: Sendable {
    static let yamlKeys = ["file", "check_interval", "utc_offset", "webhook"]

    /// The rule file's path.
    public var file: String
    /// The rules, validated at load.
    public var ruleSet: RuleSet
    public var checkInterval: Duration = .seconds(60)
    /// The offset local dates (calendar years, rolling days) are taken at.
    public var clock = LocalClock(utcOffsetSeconds: TimeZone.current.secondsFromGMT())
    public var webhook: WebhookConfiguration?
}

/// Where violation notices are POSTed.
public struct WebhookConfiguration: Sendable, Hashable {
    static let yamlKeys = ["url", "timeout", "retry_initial", "retry_max"]

    public var url: URL
    /// How long one call may take before it counts as failed and is retried later.
    public var timeout: Duration = .seconds(10)
    /// The wait before the next call after failed attempts.
    public var retry = Backoff(initial: .seconds(30), maximum: .seconds(3_600))
}

extension GatewayConfiguration {
    /// Reads `rules:` when present and loads its rule file; a mistake in either is `file:line`.
    mutating func loadRules(from root: YAMLMapping, resolve: (String) -> String) throws(YAMLConfigError) {
        guard let node = root.node("rules") else { return }
        let yaml = try YAMLMapping(node, file: file, subject: "rules", allowedKeys: RulesConfiguration.yamlKeys)
        let path = resolve(try yaml.requiredString("file"))
        var rules = RulesConfiguration(file: path, ruleSet: try RuleSet.load(path: path))
        if let interval = try yaml.duration("check_interval") {
            guard interval >= .seconds(1) else {
                throw yaml.error(.invalidValue, "check_interval", "check_interval is under 1 s, expected 1s or longer")
            }
            rules.checkInterval = interval
        }
        if let offset = try yaml.string("utc_offset") {
            guard let time = ISO8601Time.parse("2000-01-01T00:00:00" + offset) else {
                throw yaml.error(.invalidValue, "utc_offset", "utc_offset '\(offset)' is not an offset, expected one such as +08:00 or Z")
            }
            rules.clock = LocalClock(utcOffsetSeconds: time.utcOffsetSeconds)
        }
        if let webhookNode = yaml.node("webhook") {
            let webhook = try YAMLMapping(webhookNode, file: file, subject: "webhook", allowedKeys: WebhookConfiguration.yamlKeys)
            let text = try webhook.requiredString("url")
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw webhook.error(.invalidValue, "url", "url '\(text)' is not an HTTP address, expected one such as http://127.0.0.1:9000/violations")
            }
            var configuration = WebhookConfiguration(url: url)
            if let timeout = try webhook.duration("timeout") { configuration.timeout = timeout }
            let initial = try webhook.duration("retry_initial") ?? configuration.retry.initial
            let maximum = try webhook.duration("retry_max") ?? configuration.retry.maximum
            guard initial > .zero, maximum >= initial else {
                throw webhook.error(.invalidValue, "retry_max", "retry_max is shorter than retry_initial, expected at least as long")
            }
            configuration.retry = Backoff(initial: initial, maximum: maximum)
            rules.webhook = configuration
        }
        self.rules = rules
    }
}
