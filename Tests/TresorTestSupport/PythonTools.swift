import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Python the tests call (independent readers, the VAT corpus, the webhook receiver, the SMTP
/// relay): a virtual environment at `.build/interop-venv` with the pinned packages of
/// `Tests/interop/requirements.txt`, made on first use.
///
/// One test process makes it once; test processes running at the same time wait on a file lock
/// instead of racing. A stamp with the requirements' text marks it complete, so a changed
/// requirements file or an interrupted install is made again. A step that fails throws one line
/// naming what is missing and the command that installs it.
public enum PythonTools {
    /// The environment's `python3`, made first if needed.
    public static var python: String {
        get throws { try made.get() }
    }

    private static let made: Result<String, any Error> = Result { try make() }

    private static func make() throws -> String {
        let root = URL(fileURLWithPath: ChildProcess.testsFile("")).deletingLastPathComponent()
        let environment = root.appendingPathComponent(".build/interop-venv")
        let python = environment.appendingPathComponent("bin/python3").path
        let requirements = root.appendingPathComponent("Tests/interop/requirements.txt")
        let stamp = environment.appendingPathComponent("tresor-requirements.txt")
        let wanted = try String(contentsOf: requirements, encoding: .utf8)

        try FileManager.default.createDirectory(at: root.appendingPathComponent(".build"), withIntermediateDirectories: true)
        let lock = open(root.appendingPathComponent(".build/interop-venv.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw ToolMissing("cannot create .build/interop-venv.lock") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }

        if (try? String(contentsOf: stamp, encoding: .utf8)) == wanted { return python }
        try? FileManager.default.removeItem(at: environment)
        let venv = try ChildProcess.run("python3", ["-m", "venv", environment.path])
        guard venv.exitCode == 0 else {
            throw ToolMissing("python3 -m venv failed (\(venv.standardError.lastLine)); install it: sudo apt-get install python3-venv")
        }
        let pip = try ChildProcess.run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements.path])
        guard pip.exitCode == 0 else {
            throw ToolMissing("pip could not install Tests/interop/requirements.txt (\(pip.standardError.lastLine)); "
                              + "run: \(python) -m pip install -r Tests/interop/requirements.txt")
        }
        try wanted.write(to: stamp, atomically: true, encoding: .utf8)
        return python
    }
}

/// A tool the tests need is missing; the message says which and how to install it.
public struct ToolMissing: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    /// The last non-empty line (what a failed command says last).
    var lastLine: String {
        split(separator: "\n").last.map(String.init) ?? "no output"
    }
}
