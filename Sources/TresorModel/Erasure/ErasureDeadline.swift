/// The deadlines of an erasure request (GDPR Art. 12(3)): an answer within one calendar month of
/// receipt, extendable once by at most two further months when the request is complex or one of
/// many, if the requester is told why within the first month. Months are counted as Regulation
/// 1182/71 counts them: the same day of the later month, or its last day when it has none.
public struct ErasureDeadline: Sendable, Equatable {
    /// Why an extension is not allowed.
    public enum ExtensionRefusal: Error, Equatable, CustomStringConvertible {
        case alreadyExtended
        case tooLong(maximumMonths: Int)
        case tooLate(firstMonthEnded: CalendarDay)
        case reasonMissing

        public var description: String {
            switch self {
            case .alreadyExtended: return "the deadline was already extended once (Art. 12(3) allows one extension)"
            case let .tooLong(maximum): return "months must be 1 to \(maximum): Art. 12(3) allows at most two further months"
            case let .tooLate(ended): return "an extension must be decided within the first month, which ended on \(ended)"
            case .reasonMissing: return "reason is required: the requester must be told why the answer takes longer"
            }
        }
    }

    public static let maximumExtensionMonths = 2

    public let receivedOn: CalendarDay
    /// Months added by the extension (0 when not extended).
    public let extensionMonths: Int

    public init(receivedOn: CalendarDay, extensionMonths: Int = 0) {
        self.receivedOn = receivedOn
        self.extensionMonths = extensionMonths
    }

    /// The last day of the first month: the original deadline.
    public var firstMonthEnds: CalendarDay { receivedOn.adding(months: 1) }

    /// The day by which the request must be answered.
    public var due: CalendarDay { receivedOn.adding(months: 1 + extensionMonths) }

    /// The deadline after extending it by `months` on `today`, with `reason`.
    public func extended(by months: Int, on today: CalendarDay, reason: String?) throws -> ErasureDeadline {
        guard extensionMonths == 0 else { throw ExtensionRefusal.alreadyExtended }
        guard (1...Self.maximumExtensionMonths).contains(months) else { throw ExtensionRefusal.tooLong(maximumMonths: Self.maximumExtensionMonths) }
        guard today <= firstMonthEnds else { throw ExtensionRefusal.tooLate(firstMonthEnded: firstMonthEnds) }
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ExtensionRefusal.reasonMissing }
        return ErasureDeadline(receivedOn: receivedOn, extensionMonths: months)
    }

    /// Whether `today` is past the due day.
    public func isOverdue(on today: CalendarDay) -> Bool { today > due }

    /// Whether the due day is within `days` days of `today` (and not past).
    public func isDue(within days: Int, of today: CalendarDay) -> Bool {
        !isOverdue(on: today) && Self.dayNumber(due) - Self.dayNumber(today) <= days
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    static func dayNumber(_ day: CalendarDay) -> Int {
        let year = day.month <= 2 ? day.year - 1 : day.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (day.month + (day.month > 2 ? -3 : 9)) + 2) / 5 + day.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
