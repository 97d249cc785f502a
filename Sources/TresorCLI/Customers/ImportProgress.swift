import Foundation

/// Progress of an import on standard error: a bar with rate and ETA redrawn in place on a
/// terminal, a plain line every 10 % (or every 10 seconds) otherwise.
final class ImportProgress {
    private let total: Int?
    private let isTerminal: Bool
    private let started = Date()
    private var lastLine = Date.distantPast
    private var lastDecile = -1

    /// `total`: the expected number of records, when known (for percent and ETA).
    init(total: Int?, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.isTerminal = isTerminal
    }

    func update(done: Int, imported: Int, rejected: Int) {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        if isTerminal {
            guard Date().timeIntervalSince(lastLine) >= 0.1 else { return }
            lastLine = Date()
            write("\r\u{1B}[2K" + bar(done: done) + "  \(Self.grouped(done))\(total.map { "/\(Self.grouped($0))" } ?? "") rows  "
                  + "\(Self.grouped(Int(rate)))/s  \(eta(done: done, rate: rate))  \(rejected) rejected")
        } else {
            let decile = total.map { $0 > 0 ? done * 10 / $0 : 0 } ?? -1
            guard decile > lastDecile || Date().timeIntervalSince(lastLine) >= 10 else { return }
            lastDecile = max(decile, lastDecile)
            lastLine = Date()
            write("imported \(imported), rejected \(rejected) of \(done)\(total.map { " (\(min(100, done * 100 / max($0, 1)))% of \($0))" } ?? "")"
                  + ", \(Self.grouped(Int(rate))) rows/s\n")
        }
    }

    /// The last state, always drawn: the bar at 100 % (every record has been dealt with, whatever
    /// the count of lines promised), then a line break on a terminal.
    func finish(done: Int, imported: Int, rejected: Int) {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        if isTerminal {
            write("\r\u{1B}[2K" + (total == nil ? "" : "[" + String(repeating: "#", count: 30) + "] 100%")
                  + "  \(Self.grouped(done)) rows  \(Self.grouped(Int(rate)))/s  \(rejected) rejected\n")
        } else {
            write("imported \(imported), rejected \(rejected) of \(done) (100%), \(Self.grouped(Int(rate))) rows/s\n")
        }
    }

    private func bar(done: Int) -> String {
        guard let total, total > 0 else { return "" }
        let width = 30
        let filled = min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(min(100, done * 100 / total))%"
    }

    private func eta(done: Int, rate: Double) -> String {
        guard let total, rate > 0, done < total else { return "" }
        let seconds = Int(Double(total - done) / rate)
        return String(format: "ETA %d:%02d", seconds / 60, seconds % 60)
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
