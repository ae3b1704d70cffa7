import Dispatch

/// Parses the records of a large CSV file in parallel, one byte range per thread.
///
/// The data after the header is cut at line breaks into `parts` ranges; each range gets its own
/// `CSVByteReader` and `parse` call on its own thread (the file is read once, by all parts together).
/// A cut inside a quoted field would be wrong, so each part checks that the previous part ended exactly
/// where it began; if not, the caller parses the file in one piece. Errors carry file-wide line numbers.
enum ChunkedCSVLoad {
    /// One part's result: what `parse` built, or its error (line counted from the start of the part).
    struct Part<Value> {
        var result: Result<Value, CSVFileError>
        var endOffset: Int64
        var lines: Int
    }

    /// The parts in file order, or `nil` when a cut fell inside a quoted field. `headerEnd` is the offset
    /// after the header and `headerLines` its line count.
    static func parse<Value>(path: String, headerEnd: Int64, headerLines: Int, parts: Int,
                             _ parse: @Sendable (CSVByteReader) throws(CSVFileError) -> Value) throws(CSVFileError) -> [Value]? {
        let probe = try CSVByteReader(path: path)
        let size = probe.fileSize()
        var cuts = [headerEnd]
        for index in 1..<parts {
            cuts.append(max(cuts[index - 1], probe.lineStart(atOrAfter: headerEnd + (size - headerEnd) * Int64(index) / Int64(parts) - 1)))
        }
        cuts.append(size)
        let starts = cuts
        let results = ConcurrentSlots<Part<Value>>(count: parts)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: parts) { index in
            do throws(CSVFileError) {
                let reader = try CSVByteReader(path: path, start: starts[index], limit: starts[index + 1])
                let value = try parse(reader)
                results.buffer[index] = Part(result: .success(value), endOffset: reader.fileOffset, lines: reader.linesRead)
            } catch {
                results.buffer[index] = Part(result: .failure(error), endOffset: -1, lines: 0)
            }
        }
        var values: [Value] = []
        var linesBefore = headerLines
        for index in 0..<parts {
            let part = results.buffer[index]!
            switch part.result {
            case .failure(let error):
                throw CSVFileError(error.code, file: error.file, line: error.line + linesBefore, error.message)
            case .success(let value):
                guard part.endOffset == starts[index + 1] || starts[index] == starts[index + 1] else { return nil }
                values.append(value)
                linesBefore += part.lines
            }
        }
        return values
    }
}
