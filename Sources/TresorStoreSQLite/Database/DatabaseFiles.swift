import Foundation
import GRDB
import TresorStore

/// The two SQLite files of a deployment's data directory: `tresor.sqlite` (customer data,
/// ciphertext only) and `keys.sqlite` (wrapped data keys), kept apart so that a copy of the data
/// file carries no keys.
struct DatabaseFiles {
    static let dataFileName = "tresor.sqlite"
    static let keysFileName = "keys.sqlite"

    let data: SQLiteDatabase
    let keys: SQLiteDatabase
    /// Connections of their own for reads on the calling thread (``SynchronousReaders``).
    let dataReaders: SynchronousReaders
    let keyReaders: SynchronousReaders

    /// Opens (creating if needed) both files in `directory` and brings their schemas up to date.
    static func open(in directory: URL, health: StorageHealth) throws -> DatabaseFiles {
        do {
            return try openMigrated(in: directory, health: health)
        } catch let error as DatabaseError {
            throw SQLiteDatabase.mapped(error, recordingIn: health)
        }
    }

    private static func openMigrated(in directory: URL, health: StorageHealth) throws -> DatabaseFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        for name in [dataFileName, keysFileName] { try restrictToOwner(directory.appendingPathComponent(name)) }
        let data = try DatabasePool(path: directory.appendingPathComponent(dataFileName).path, configuration: configuration())
        let keys = try DatabasePool(path: directory.appendingPathComponent(keysFileName).path, configuration: configuration())
        try StoreMigrations.data.migrate(data)
        try StoreMigrations.keys.migrate(keys)
        return DatabaseFiles(data: SQLiteDatabase(pool: data, health: health), keys: SQLiteDatabase(pool: keys, health: health),
                             dataReaders: SynchronousReaders(path: directory.appendingPathComponent(dataFileName).path, configuration: configuration(), health: health),
                             keyReaders: SynchronousReaders(path: directory.appendingPathComponent(keysFileName).path, configuration: configuration(), health: health))
    }

    /// Creates the database file readable and writable by its owner only (0600), or brings an
    /// existing one and its write-ahead files to that mode; SQLite gives the `-wal` and `-shm`
    /// files it creates the database file's mode. The directory's 0700 alone does not protect a
    /// data directory the operator created beforehand with a wider mode.
    private static func restrictToOwner(_ file: URL) throws {
        let descriptor = Foundation.open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StorageFault(systemError: errno) ?? CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
        }
        close(descriptor)
        for path in [file.path, file.path + "-wal", file.path + "-shm"] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
    }

    /// WAL (DatabasePool's default), foreign keys, freed pages overwritten with zeros
    /// (`secure_delete`), and full fsync on commit so an acknowledged write survives a crash.
    /// The writer gets a 64 MiB page cache (random-key inserts into large indexes need it),
    /// each reader 8 MiB.
    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -8192" : "PRAGMA cache_size = -65536")
        }
        return configuration
    }

    /// Writes a consistent copy of `pool`'s database to `url` with `VACUUM INTO`: one read
    /// transaction beside live writers, no free pages, no write-ahead log (backups).
    static func snapshot(_ database: SQLiteDatabase, to url: URL) async throws {
        try await database.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [url.path]) }
    }

    /// Copies the write-ahead log into the database file and empties it, so no old page image
    /// (of erased rows) stays in the log. A checkpoint that readers keep from finishing is left to
    /// SQLite's next automatic one.
    static func checkpointAndTruncate(_ database: SQLiteDatabase) async throws {
        try await database.writeWithoutTransaction { db in
            do {
                _ = try db.checkpoint(.truncate)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return
            }
        }
    }
}
