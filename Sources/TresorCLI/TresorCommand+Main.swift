import ArgumentParser
import Foundation
import TresorStore

extension TresorCommand {
    /// Runs the command line as `main` does, except that a storage fault (a full disk, read-only
    /// storage, a database that cannot be reached) ends it with exit code 75 (`EX_TEMPFAIL`) and
    /// one line saying why, so that scripts can tell "try again later" from a mistake.
    public static func runMain() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let fault as StorageFault {
            FileHandle.standardError.write(Data("Error: \(fault.description); nothing was changed, try again once the storage is back\n".utf8))
            Foundation.exit(StorageFault.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
