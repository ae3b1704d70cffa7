import Foundation
import Yams

/// Reads a YAML file into a node tree that keeps each node's line, for `file:line` errors.
public enum YAMLDocument {
    /// The root node of `path`.
    public static func load(contentsOf path: String) throws(YAMLConfigError) -> Node {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw YAMLConfigError(.unreadable, file: path, line: 0, "cannot be read (\(error.localizedDescription)), expected a readable UTF-8 YAML file")
        }
        return try parse(text, file: path)
    }

    /// The root node of `text`, which came from `file`.
    public static func parse(_ text: String, file: String) throws(YAMLConfigError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw YAMLConfigError(.syntax, file: file, line: 0, "is empty, expected a YAML mapping")
            }
            return node
        } catch let error as YAMLConfigError {
            throw error
        } catch let error as YamlError {
            throw YAMLConfigError(.syntax, file: file, line: error.line, "is not valid YAML (\(error.summary)), expected YAML")
        } catch {
            throw YAMLConfigError(.syntax, file: file, line: 0, "is not valid YAML (\(error)), expected YAML")
        }
    }
}

extension YamlError {
    var line: Int {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: 0
        }
    }

    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys \(duplicates.joined(separator: ", "))"
        default: "\(self)"
        }
    }
}
