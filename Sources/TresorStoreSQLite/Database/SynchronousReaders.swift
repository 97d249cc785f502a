import Foundation
import GRDB
import TresorStore

/// Read-only connections of their own for the reads that run on the calling thread (a point
/// read, a key, the id behind an email): a read takes microseconds in SQLite, and handing it to
/// a GRDB reader queue and resuming the task afterwards costs several times more.
///
/// Why not the pool's own blocking `read`: a task that awaits the pool's asynchronous `read`
/// keeps its reader until the task resumes on the concurrency runtime's threads. If those
/// threads all block waiting for a reader, nothing resumes and nothing is released: the
/// deadlock Docs/performance.md records. These connections are used only by reads that never
/// suspend, so a holder always runs on a thread of its own and gives its connection back within
/// microseconds; a caller waits only for such a holder.
final class SynchronousReaders: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let health: StorageHealth
    private let maximum: Int
    private let condition = NSCondition()
    private var idle: [DatabaseQueue] = []
    private var opened = 0

    init(path: String, configuration: Configuration, health: StorageHealth, maximum: Int = 8) {
        var configuration = configuration
        configuration.readonly = true
        self.path = path
        self.health = health
        self.configuration = configuration
        self.maximum = maximum
    }

    /// Runs `body` in a read transaction (one snapshot) on an idle connection, opening one when
    /// none is idle and fewer than `maximum` are open.
    func read<Value>(_ body: (Database) throws -> Value) throws -> Value {
        do {
            let connection = try checkOut()
            defer { checkIn(connection) }
            return try connection.read(body)
        } catch let error as DatabaseError {
            throw SQLiteDatabase.mapped(error, recordingIn: health)
        }
    }

    /// Closes the idle connections; a connection in use is closed when the process ends.
    func close() throws {
        condition.lock()
        defer { condition.unlock() }
        for connection in idle { try connection.close() }
        opened -= idle.count
        idle.removeAll()
    }

    private func checkOut() throws -> DatabaseQueue {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let connection = idle.popLast() { return connection }
            if opened < maximum {
                let connection = try DatabaseQueue(path: path, configuration: configuration)
                opened += 1
                return connection
            }
            condition.wait()
        }
    }

    private func checkIn(_ connection: DatabaseQueue) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}
