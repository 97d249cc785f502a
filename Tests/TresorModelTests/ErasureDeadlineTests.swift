import Foundation
import Testing
import TresorModel

@Suite("erasure deadlines (Art. 12(3))")
struct ErasureDeadlineTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    @Test("one calendar month after receipt, clamped to the month's end, leap years included", arguments: [
        ("2026-03-15", "2026-04-15"), ("2027-01-31", "2027-02-28"), ("2028-01-31", "2028-02-29"), ("2028-01-29", "2028-02-29"),
        ("2100-01-31", "2100-02-28"), ("2000-01-31", "2000-02-29"), ("2026-08-31", "2026-09-30"), ("2026-12-31", "2027-01-31"),
        ("2026-12-15", "2027-01-15"), ("2026-02-28", "2026-03-28"),
    ])
    func due(received: String, due: String) {
        #expect(ErasureDeadline(receivedOn: Self.day(received)).due == Self.day(due))
    }

    @Test("an extension: once, 1 or 2 months, within the first month, with a reason")
    func extensionRules() throws {
        let deadline = ErasureDeadline(receivedOn: Self.day("2027-11-30"))
        #expect(deadline.due == Self.day("2027-12-30"))
        let extended = try deadline.extended(by: 2, on: Self.day("2027-12-30"), reason: "many linked accounts")
        #expect(extended.due == Self.day("2028-02-29"), "30 Nov + 3 months is the last day of February in a leap year")
        #expect(throws: ErasureDeadline.ExtensionRefusal.alreadyExtended) { try extended.extended(by: 1, on: Self.day("2027-12-01"), reason: "again") }
        #expect(throws: ErasureDeadline.ExtensionRefusal.tooLong(maximumMonths: 2)) { try deadline.extended(by: 3, on: Self.day("2027-12-01"), reason: "x") }
        #expect(throws: ErasureDeadline.ExtensionRefusal.tooLong(maximumMonths: 2)) { try deadline.extended(by: 0, on: Self.day("2027-12-01"), reason: "x") }
        #expect(throws: ErasureDeadline.ExtensionRefusal.tooLate(firstMonthEnded: Self.day("2027-12-30"))) {
            try deadline.extended(by: 1, on: Self.day("2027-12-31"), reason: "x")
        }
        #expect(throws: ErasureDeadline.ExtensionRefusal.reasonMissing) { try deadline.extended(by: 1, on: Self.day("2027-12-01"), reason: "  ") }
        #expect(throws: ErasureDeadline.ExtensionRefusal.reasonMissing) { try deadline.extended(by: 1, on: Self.day("2027-12-01"), reason: nil) }
    }

    @Test("overdue after the due day; due soon within n days")
    func overdueAndDueSoon() {
        let deadline = ErasureDeadline(receivedOn: Self.day("2026-03-15"))
        #expect(!deadline.isOverdue(on: Self.day("2026-04-15")))
        #expect(deadline.isOverdue(on: Self.day("2026-04-16")))
        #expect(deadline.isDue(within: 7, of: Self.day("2026-04-08")))
        #expect(!deadline.isDue(within: 7, of: Self.day("2026-04-07")))
        #expect(!deadline.isDue(within: 7, of: Self.day("2026-04-16")), "an overdue request is overdue, not due soon")
        #expect(deadline.isDue(within: 30, of: Self.day("2026-03-31")), "across a month boundary")
    }

    @Test("calendar days: invalid dates are refused; days are read in a time zone")
    func calendarDays() {
        #expect(CalendarDay("2026-02-29") == nil)
        #expect(CalendarDay("2028-02-29") != nil)
        #expect(CalendarDay("2026-13-01") == nil)
        #expect(CalendarDay("26-01-01") == nil)
        let lateEvening = Date(timeIntervalSince1970: 1_801_519_380)  // 2027-02-01 22:03 UTC, 23:03 in Berlin
        #expect(CalendarDay(lateEvening, in: TimeZone(identifier: "UTC")!).description == "2027-02-01")
        #expect(CalendarDay(lateEvening, in: TimeZone(identifier: "Europe/Berlin")!).description == "2027-02-01")
        #expect(CalendarDay(lateEvening, in: TimeZone(identifier: "Asia/Tokyo")!).description == "2027-02-02")
    }

    @Test("a rejection names one of the Art. 17(3), 12(5) or 12(6) reasons")
    func rejectionReasons() {
        #expect(ErasureRejection.allCases.count == 8)
        #expect(ErasureRejection(rawValue: "art17_3_b") == .legalObligation)
        #expect(ErasureRejection(rawValue: "because") == nil)
    }
}
