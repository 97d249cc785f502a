import Foundation
import TresorCrypto
import TresorModel
import TresorStore
import ZIPFoundation

/// Builds a subject's export package (Docs/export.md): `subject.json`, `portable.json` and its
/// schema, `access-log.csv` and `.json`, `statement.html` and `.txt`, and a signed
/// `manifest.json`. The access log is streamed through sealed temporary files, so memory stays
/// bounded however long it is.
public struct SubjectExporter: Sendable {
    /// Why the export is made: the subject's right of access or of data portability.
    public enum Purpose: String, Sendable, CaseIterable {
        case art15, art20
    }

    /// What was exported, for the caller's report.
    public struct Summary: Sendable {
        public var manifest: ExportManifest
        public var accessLogEntries: Int
    }

    let store: any CustomerStore
    let processing: ProcessingPolicy
    let residency: ResidencyPolicy
    let signingKey: AuditSigningKey
    let tresorVersion: String
    /// When the package says it was made.
    let clock: WallClock

    public init(store: any CustomerStore, policies: PolicySet, signingKey: AuditSigningKey, tresorVersion: String, clock: WallClock = .system) {
        self.store = store
        self.clock = clock
        processing = policies.processing
        residency = policies.residency
        self.signingKey = signingKey
        self.tresorVersion = tresorVersion
    }

    /// Writes the package to a new file at `url` (replacing nothing: the file must not exist).
    public func export(customerID: UUID, purpose: Purpose, language: String? = nil, to url: URL) async throws -> Summary {
        let archive = try Archive(url: url, accessMode: .create)
        // The package is the subject's data in clear: readable by its owner only.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        do {
            return try await build(customerID: customerID, purpose: purpose, language: language, into: archive)
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// The package in memory (for the HTTP API's direct answer).
    public func exportData(customerID: UUID, purpose: Purpose, language: String? = nil) async throws -> (data: Data, summary: Summary) {
        let archive = try Archive(accessMode: .create)
        let summary = try await build(customerID: customerID, purpose: purpose, language: language, into: archive)
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return (data, summary)
    }

    private func build(customerID: UUID, purpose: Purpose, language: String?, into archive: Archive) async throws -> Summary {
        let subject = try await SubjectData.gather(customerID: customerID, from: store)
        let now = clock.milliseconds
        let createdAt = AccessLogJSON.timestamp(now)

        // The access log first: the statement states how many entries there are.
        let csv = try SealedSpool(), json = try SealedSpool()
        try csv.append(AccessLogCSV.header + "\r\n")
        try json.append("[")
        var count = 0
        var seenBy = RoleDisclosures()
        var csvBytes: [UInt8] = [], jsonBytes: [UInt8] = []
        let subjects = [customerID.lowercaseText]
        try await store.forEachAccessLogEntry(AccessLogQuery(subject: customerID)) { stored in
            let entry = stored.shown(to: customerID)
            seenBy.record(stored.record)
            let time = AccessLogJSON.timestamp(entry.time)
            AccessLogCSV.write(entry, time: time, subjects: subjects, into: &csvBytes)
            jsonBytes.append(contentsOf: count == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            AccessLogJSON.write(entry, time: time, subjects: subjects, into: &jsonBytes)
            count += 1
            if csvBytes.count >= SealedSpool.chunkSize {
                try csv.append(csvBytes)
                try json.append(jsonBytes)
                csvBytes.removeAll(keepingCapacity: true)
                jsonBytes.removeAll(keepingCapacity: true)
            }
            return true
        }
        try csv.append(csvBytes)
        try json.append(jsonBytes)
        try json.append(count == 0 ? "]\n" : "\n]\n")
        try csv.finish()
        try json.finish()

        let names = ["subject.json", "portable.json", "portable.schema.json", "access-log.csv", "access-log.json", "statement.html", "statement.txt",
                     PackageVerificationGuide.keyFileName, PackageVerificationGuide.guideFileName]
        var statement = SubjectStatement(data: subject, processing: processing, residency: residency,
                                         language: SubjectStatement.language(requested: language, customer: subject.customer),
                                         generatedAt: createdAt, accessCount: count, files: names + [ExportManifest.fileName])
        statement.seenBy = seenBy
        var files: [ExportManifest.File] = []
        for (name, data) in [("subject.json", SubjectDocuments.subject(subject, exportedAt: createdAt)), ("portable.json", SubjectDocuments.portable(subject)),
                             ("portable.schema.json", SubjectDocuments.portableSchema)] {
            files.append(try add(name, data, to: archive))
        }
        files.append(try add("access-log.csv", csv, to: archive))
        files.append(try add("access-log.json", json, to: archive))
        files.append(try add("statement.html", Data(try statement.html().utf8), to: archive))
        files.append(try add("statement.txt", Data(try statement.text().utf8), to: archive))
        let guide = PackageVerificationGuide.text(keyID: signingKey.id, fingerprint: try PackageVerificationGuide.fingerprint(of: signingKey.publicKey),
                                                  controller: processing.controller.name, contact: processing.controller.contact)
        files.append(try add(PackageVerificationGuide.keyFileName, Data(signingKey.publicKey.pemRepresentation.utf8), to: archive))
        files.append(try add(PackageVerificationGuide.guideFileName, Data(guide.utf8), to: archive))

        var manifest = ExportManifest(subjectID: customerID.uuidString.lowercased(), purpose: purpose.rawValue, createdAt: createdAt,
                                      tresorVersion: tresorVersion, files: files)
        try manifest.sign(with: signingKey)
        _ = try add(ExportManifest.fileName, manifest.json(), to: archive)
        return Summary(manifest: manifest, accessLogEntries: count)
    }

    private func add(_ name: String, _ data: Data, to archive: Archive) throws -> ExportManifest.File {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return ExportManifest.File(name: name, sha256: try SHA256.hash(data).hexString, bytes: Int64(data.count))
    }

    private func add(_ name: String, _ spool: SealedSpool, to archive: Archive) throws -> ExportManifest.File {
        let reader = try spool.reader()
        try archive.addEntry(with: name, type: .file, uncompressedSize: spool.size, compressionMethod: .deflate) { _, size in
            try reader.read(size)
        }
        return ExportManifest.File(name: name, sha256: spool.digest.hexString, bytes: spool.size)
    }
}
