import Foundation
import Testing
@testable import TresorHTTP
@testable import TresorJobs

/// The Standard Webhooks retry schedule, with jitter and `Retry-After`.
@Suite("webhook retry schedule")
struct RetryScheduleTests {
    @Test("after attempts 1 to 9: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h; after the tenth, none")
    func schedule() {
        let schedule = RetrySchedule.standard
        #expect((1...9).map { schedule.delay(after: $0, jitter: 1) } == [5, 300, 1_800, 7_200, 18_000, 36_000, 50_400, 72_000, 86_400])
        #expect(schedule.delay(after: 10) == nil)
        #expect(schedule.delay(after: 0) == nil)
    }

    @Test("jitter stays within ±10 %, and a longer Retry-After wins")
    func jitterAndRetryAfter() {
        let schedule = RetrySchedule.standard
        for _ in 0..<100 {
            let delay = schedule.delay(after: 3)!
            #expect((1_620...1_980).contains(delay))
        }
        #expect(schedule.delay(after: 1, retryAfter: 120, jitter: 1) == 120)
        #expect(schedule.delay(after: 3, retryAfter: 120, jitter: 1) == 1_800)
    }

    @Test("Retry-After is read as seconds or an HTTP date, capped at a day; junk is ignored")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetrySchedule.retryAfterSeconds("30", now: now) == 30)
        #expect(RetrySchedule.retryAfterSeconds("999999", now: now) == 86_400)
        #expect(RetrySchedule.retryAfterSeconds("Fri, 15 Jan 2027 08:00:30 GMT", now: now) == 30)
        #expect(RetrySchedule.retryAfterSeconds("soon", now: now) == nil)
        #expect(RetrySchedule.retryAfterSeconds(nil, now: now) == nil)
        #expect(RetrySchedule.retryAfterSeconds("-5", now: now) == nil)
    }
}
