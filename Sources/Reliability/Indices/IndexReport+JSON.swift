import GridWatchCore

extension IndexReport {
    /// The report in the JSON shape of issue 4 (key names are a contract), plus `as_of`,
    /// `customer_base` and `open_outages`.
    public func json(topology: Topology, outages: OutageTable) -> JSONValue {
        let offset = options.utcOffsetSeconds
        var members: [(String, JSONValue)] = [
            ("from", .string(ISO8601Time.format(unixSeconds: options.from, utcOffsetSeconds: offset))),
            ("to", .string(ISO8601Time.format(unixSeconds: options.to, utcOffsetSeconds: offset))),
            ("hours", .number(options.hours)),
            ("as_of", .string(ISO8601Time.format(unixSeconds: options.asOf, utcOffsetSeconds: offset))),
            ("customer_base", .string(options.customerBase.rawValue)),
            ("groups", .array(groups.map(\.json))),
            ("med", majorEventDays.map(\.json) ?? .null),
        ]
        members.append(("open_outages", .array(openRows.map { row in
            .object([
                ("meter_id", .string(topology.meterID(at: Int(outages.meter[row])))),
                ("start", .string(ISO8601Time.format(unixSeconds: outages.start[row], utcOffsetSeconds: offset))),
                ("duration_seconds", .integer(outages.durationSeconds(at: row, asOf: options.asOf))),
            ])
        })))
        return .object(members)
    }
}

extension GroupIndices {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("by", .string(level.rawValue)), ("id", .string(id)), ("customers", .number(customers)),
            ("ieee1366", ieee1366.json), ("dlt836", dlt836.json),
        ]
        if let ieee1366ExcludingMED { members.append(("ieee1366_excluding_med", ieee1366ExcludingMED.json)) }
        return .object(members)
    }
}

extension IEEE1366Indices {
    /// Keys in the order of issue 4.
    public var json: JSONValue {
        func counted(_ values: [CountedIndex]) -> JSONValue { .object(values.map { (String($0.n), .number($0.value)) }) }
        return .object([
            ("CI", .number(ci)), ("CMI_minutes", .number(cmiMinutes)), ("SAIFI", .number(saifi)),
            ("SAIDI_minutes", .number(saidiMinutes)), ("CAIDI_minutes", .number(caidiMinutes)),
            ("CTAIDI_minutes", .number(ctaidiMinutes)), ("CAIFI", .number(caifi)), ("ASAI", .number(asai)),
            ("ASIFI", .number(asifi)), ("ASIDI_minutes", .number(asidiMinutes)), ("MAIFI", .number(maifi)),
            ("MAIFIe", .number(maifiE)), ("CEMI", counted(cemi)), ("CEMSMI", counted(cemsmi)),
            ("CELID_s", .number(celidSingle)), ("CELID_t", .number(celidTotal)),
        ])
    }
}

extension DLT836Indices {
    /// Keys in the order of issue 4.
    public var json: JSONValue {
        .object([
            ("customer_hours", .number(customerHours)), ("AIHC1_hours", .number(aihc1Hours)),
            ("AIHC2_hours", .number(aihc2Hours)), ("AIHC3_hours", .number(aihc3Hours)),
            ("RS1_percent", .number(rs1Percent)), ("RS2_percent", .number(rs2Percent)), ("RS3_percent", .number(rs3Percent)),
            ("AITC1", .number(aitc1)), ("AITC2", .number(aitc2)), ("AITC3", .number(aitc3)),
            ("fault_hours_per_user", .number(faultHoursPerUser)), ("fault_count_per_user", .number(faultCountPerUser)),
            ("prearranged_hours_per_user", .number(prearrangedHoursPerUser)),
            ("prearranged_count_per_user", .number(prearrangedCountPerUser)),
            ("fault_mean_duration_hours", .number(faultMeanDurationHours)),
            ("prearranged_mean_duration_hours", .number(prearrangedMeanDurationHours)),
            ("fault_mean_duration_hours_weighted", .number(faultMeanDurationHoursWeighted)),
            ("prearranged_mean_duration_hours_weighted", .number(prearrangedMeanDurationHoursWeighted)),
            ("mean_users_per_outage", .number(meanUsersPerOutage)), ("short_outages_per_user", .number(shortOutagesPerUser)),
        ])
    }
}

extension MajorEventDays {
    /// `{"alpha","beta","threshold_minutes","days":[dates of MEDs]}` plus `history_days`; nulls without a threshold.
    public var json: JSONValue {
        .object([
            ("alpha", .number(threshold?.alpha)), ("beta", .number(threshold?.beta)),
            ("threshold_minutes", .number(threshold?.thresholdMinutes)),
            ("days", .array(days.map { .string($0.description) })),
            ("history_days", .integer(Int64(threshold?.dayCount ?? 0))),
        ])
    }
}
