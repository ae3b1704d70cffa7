import GridWatchCore
import Reliability
import Store

/// The JSON shapes of the API's records. Device shapes match `gridwatch devices --format json` and
/// `gridwatch device ID --format json`; times are ISO-8601 at the gateway's offset.
public struct RecordJSON: Sendable {
    public let utcOffsetSeconds: Int

    public init(utcOffsetSeconds: Int) {
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public func time(millis: Int64?) -> JSONValue {
        .string(millis.map { ISO8601Time.format(unixSeconds: ISO8601Time.floorDivide($0, 1000), utcOffsetSeconds: utcOffsetSeconds) })
    }

    public func time(seconds: Int64?) -> JSONValue {
        .string(seconds.map { ISO8601Time.format(unixSeconds: $0, utcOffsetSeconds: utcOffsetSeconds) })
    }

    public func overview(_ overview: DeviceOverview) -> JSONValue {
        let health = overview.health
        func count(_ value: Int?) -> JSONValue { .integer(Int64(value ?? 0)) }
        return .object([
            ("id", .string(overview.device.id)),
            ("bus", .string(overview.device.bus)),
            ("unit", overview.device.unit.map { .integer(Int64($0)) } ?? .null),
            ("profile", .string(overview.device.profile)),
            ("area", .string(overview.device.area)),
            ("line", .string(overview.device.line)),
            ("status", .string(overview.status.rawValue)),
            ("last_success", time(millis: health?.lastSuccessMillis)),
            ("success_ratio", .number(health?.successRatioHour)),
            ("success_ratio_day", .number(health?.successRatioDay)),
            ("latency_p50_ms", .number(health?.latencyP50Millis)),
            ("latency_p99_ms", .number(health?.latencyP99Millis)),
            ("last_error", .string(health?.lastError)),
            ("last_error_code", .string(health?.lastErrorCode)),
            ("last_error_time", time(millis: health?.lastErrorMillis)),
            ("consecutive_failures", count(health?.consecutiveFailures)),
            ("timeouts", count(health?.timeouts)),
            ("exceptions", count(health?.exceptions)),
            ("crc_errors", count(health?.crcErrors)),
            ("offline_transitions", count(health?.offlineTransitions)),
            ("missed_deadlines", count(health?.missedDeadlines)),
            ("unsupported_points", count(health?.unsupportedPoints)),
        ])
    }

    public func value(_ value: LatestValue) -> JSONValue {
        .object([
            ("point", .string(value.point)), ("time", time(millis: value.timeMillis)),
            ("value", .number(value.value)), ("quality", .string(value.quality.rawValue)),
        ])
    }

    public func error(_ error: DeviceError) -> JSONValue {
        .object([("time", time(millis: error.timeMillis)), ("code", .string(error.code)), ("error", .string(error.message))])
    }

    /// Device input rejected as untrusted: `{"reason", "first", "last", "last_value"}`.
    public func inputFlag(_ flag: InputFlag) -> JSONValue {
        .object([("reason", .string(flag.reason)), ("first", time(millis: flag.firstMillis)), ("last", time(millis: flag.lastMillis)),
                 ("last_value", .string(flag.lastValue))])
    }

    public func reading(_ reading: StoredReading) -> JSONValue {
        .object([("time", time(millis: reading.timeMillis)), ("value", .number(reading.value)), ("quality", .string(reading.quality.rawValue))])
    }

    /// The shape of `gridwatch readings --step-minutes N --format json`.
    public func bucket(_ bucket: AggregatedReading) -> JSONValue {
        .object([
            ("time", time(millis: bucket.timeMillis)),
            ("value", .number(bucket.mean)), ("min", .number(bucket.min)), ("max", .number(bucket.max)),
            ("last", .number(bucket.last)), ("count", .integer(Int64(bucket.count))), ("samples", .integer(Int64(bucket.samples))),
        ])
    }

    /// The columns of `gridwatch outages --format json`, with the record's `id`, line and annotation.
    public func outage(_ outage: StoredOutage, asOf: Int64) -> JSONValue {
        let record = outage.record
        return .object([
            ("id", .integer(outage.id)), ("meter_id", .string(record.meterID)), ("area", .string(outage.area)),
            ("line", .string(outage.line)), ("start", time(seconds: record.start)), ("end", time(seconds: record.end)),
            ("duration_seconds", .integer(record.durationSeconds(asOf: asOf))), ("class", .string(record.outageClass.rawValue)),
            ("cause", .string(record.cause)), ("cause_code", .string(record.causeCode)), ("work_order", .string(record.workOrder)),
            ("event_id", .string(record.eventID)), ("source", .string(record.source.rawValue)),
            ("confidence", .number(record.confidence)), ("annotated", time(millis: outage.annotatedMillis)),
        ])
    }

    public func event(_ event: InterruptionEventRecord) -> [(String, JSONValue)] {
        [
            ("id", .string(event.id)), ("area", .string(event.area)), ("line", .string(event.line)),
            ("start", time(seconds: event.start)), ("end", time(seconds: event.end)), ("meters", .integer(Int64(event.meters))),
            ("class", .string(event.outageClass.rawValue)), ("cause", .string(event.cause)), ("cause_code", .string(event.causeCode)),
            ("work_order", .string(event.workOrder)), ("planned_notice_id", .string(event.plannedNoticeID)),
            ("annotated", time(millis: event.annotatedMillis)),
        ]
    }

    public func annotation(timeMillis: Int64, _ annotation: EventAnnotation) -> JSONValue {
        .object([
            ("time", time(millis: timeMillis)), ("class", .string(annotation.outageClass?.rawValue)), ("cause", .string(annotation.cause)),
            ("cause_code", .string(annotation.causeCode)), ("work_order", .string(annotation.workOrder)), ("author", .string(annotation.author)),
        ])
    }

    public func violation(_ violation: ViolationRecord) -> JSONValue {
        let finding = violation.finding
        return .object([
            ("id", .integer(violation.id)), ("rule", .string(finding.ruleID)), ("level", .string(finding.level)),
            ("entity", .string(finding.entity)), ("entity_id", .string(finding.entityID)), ("count", .integer(Int64(finding.count))),
            ("window_from", time(seconds: finding.windowFrom)), ("window_to", time(seconds: finding.windowTo)),
            ("outage_ids", .array(finding.outageIDs.map(JSONValue.integer))), ("open", .bool(violation.isOpen)),
            ("opened", time(millis: violation.openedMillis)), ("closed", time(millis: violation.closedMillis)),
            ("acknowledged", time(millis: violation.acknowledgedMillis)), ("acknowledged_by", .string(violation.acknowledgedBy)),
            ("remediation_note", .string(violation.remediationNote)),
        ])
    }
}
