import TresorModel

/// What the store refuses or cannot find. Messages name ids and fields, never personal data.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No customer, address, mailing list or teammate with that id (Tamio code 1002).
    case notFound(resource: String, id: String)
    /// Creating a customer whose email another customer has (Tamio code 10142).
    case emailAlreadyExists
    /// Updating a customer to an email another customer has (Tamio code 10082).
    case emailAlreadyUsed
    /// A field failed validation.
    case invalidField(FieldError)
    /// A list request would have to decrypt and sort more rows than allowed in memory.
    case tooManyRowsToSort(limit: Int)
    /// Stored data could not be opened with the keys the store holds.
    case unreadable(subjectID: String, reason: String)
    /// A stored value does not decode (a date, an id, a country, a state that is not one of its
    /// kind): the row is reported, never read with a default. Names where, never the value.
    case unreadableValue(table: String, column: String, row: String)
    /// An access-log entry does not parse (`tresor audit verify` says more).
    case damagedAccessLog(sequence: Int64, reason: String)
    /// The directory holds no Tresor data file.
    case notInitialised(path: String)
    /// A line of `erasure-ledger.jsonl` does not parse or breaks the chain (nil: the last line).
    case damagedLedger(line: Int?)
    /// The erasure ledger records erasures the data file has not applied: an older copy of the data.
    case ledgerNotReplayed(dataFile: Int64, ledger: Int64)
    /// The erasure ledger and the data file disagree about an entry.
    case ledgerMismatch(sequence: Int64)
    /// A backup that is incomplete, altered, or not a Tresor backup.
    case invalidBackup(String)

    public var description: String {
        switch self {
        case let .notFound(resource, id): return "\(resource) \(id) not found"
        case .emailAlreadyExists: return "a customer with this email already exists"
        case .emailAlreadyUsed: return "this email is already used by another customer"
        case let .invalidField(error): return error.description
        case let .tooManyRowsToSort(limit):
            return "sorting by name or email decrypts every matching row in memory; narrow the filters to at most \(limit) rows or sort by created_at or country"
        case let .unreadable(subjectID, reason): return "data of subject \(subjectID) cannot be opened: \(reason)"
        case let .unreadableValue(table, column, row):
            return "stored value \(table).\(column) of row \(row) cannot be read; nothing that depends on it was done (restore the row from a backup or correct it)"
        case let .damagedAccessLog(sequence, reason): return "access-log entry \(sequence) is damaged (\(reason)); run `tresor audit verify`"
        case let .notInitialised(path): return "\(path) is not a Tresor data directory; run `tresor init` first"
        case let .damagedLedger(line):
            return "erasure-ledger.jsonl is damaged at \(line.map { "line \($0)" } ?? "its last line"); restore it from a copy"
        case let .ledgerNotReplayed(dataFile, ledger):
            return "erasure-ledger.jsonl records \(ledger - dataFile) erasure(s) this data file has not applied (ledger at entry \(ledger), data file at \(dataFile)); this is an older copy of the data: bring it back with `tresor restore BACKUP --data-dir DIR --ledger erasure-ledger.jsonl`, which replays them"
        case let .ledgerMismatch(sequence):
            return "erasure-ledger.jsonl and the data file disagree at entry \(sequence): the ledger belongs to another deployment or was altered"
        case let .invalidBackup(reason): return "not a usable backup: \(reason)"
        }
    }

    /// Tamio's `error_code` for this error, where Tamio has one.
    public var tamioCode: Int? {
        switch self {
        case .notFound: return 1002
        case .emailAlreadyExists: return 10142
        case .emailAlreadyUsed: return 10082
        default: return nil
        }
    }
}
