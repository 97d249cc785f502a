import Foundation

/// The human-readable table `tresor bench` prints.
struct BenchTable {
    var figures: [BenchFigure]

    var rendered: String {
        var rows = [["figure", "value", "baseline", "baseline value", "ratio", "target"]]
        for figure in figures {
            rows.append([
                figure.name,
                "\(Self.format(figure.value)) \(figure.unit)",
                figure.baselineName ?? "",
                figure.baselineValue.map { "\(Self.format($0)) \(figure.unit)" } ?? (figure.baselineName == nil ? "" : "unavailable"),
                figure.ratio.map { String(format: "%.2f", $0) } ?? "",
                figure.targetRatio.map { target in
                    let verdict = figure.meetsTarget.map { $0 ? "met" : "missed" } ?? ""
                    return String(format: "≥ %.2f %@", target, verdict)
                } ?? "",
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Thousands separated; small values (seconds, megabytes) keep two or one decimals.
    static func format(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = value < 10 ? 2 : value < 100 ? 1 : 0
        return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
    }
}
