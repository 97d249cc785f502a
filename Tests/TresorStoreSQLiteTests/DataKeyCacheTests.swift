import Testing
import TresorCrypto
import TresorStore
@testable import TresorStoreSQLite

@Suite("The cache of unwrapped data keys")
struct DataKeyCacheTests {
    @Test("it never holds more than its capacity")
    func bounded() throws {
        let cache = DataKeyCache(capacity: 10, timeToLive: .seconds(60))
        let key = try DataKey.generate()
        for index in 0..<100 { cache.insert(key, for: "subject-\(index)") }
        #expect(cache.count <= 10)
        #expect(cache.key(for: "subject-99") != nil)
    }

    @Test("entries expire after their time to live, and removal forgets a subject at once")
    func expiresAndForgets() async throws {
        let cache = DataKeyCache(capacity: 10, timeToLive: .milliseconds(50))
        let key = try DataKey.generate()
        cache.insert(key, for: "a")
        cache.insert(key, for: "b")
        cache.remove("b")
        #expect(cache.key(for: "a") != nil)
        #expect(cache.key(for: "b") == nil)
        try await Task.sleep(for: .milliseconds(80))
        #expect(cache.key(for: "a") == nil)
    }
}
