import ArgumentParser
import Foundation

/// `tresor bench`: fixed workloads, each figure beside a baseline measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Tresor's throughput against baselines measured in the same run.",
        discussion: """
            Build in release mode for meaningful figures.

            Examples:
              swift run -c release tresor bench
              swift run -c release tresor bench --json --seconds 3
            """
    )

    @Flag(name: .long, help: "Print the figures as JSON.")
    var json = false

    @Option(name: .long, help: "Seconds to spend on each measurement.")
    var seconds: Double = 2

    func validate() throws {
        guard seconds > 0, seconds <= 60 else { throw ValidationError("--seconds must be between 0 and 60") }
    }

    func run() throws {
        let figures = try CryptoBenchmark(seconds: seconds).run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(["figures": figures]), as: UTF8.self))
        } else {
            print(BenchTable(figures: figures).rendered)
        }
    }
}
