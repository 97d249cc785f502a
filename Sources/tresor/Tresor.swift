import TresorCLI

/// The `tresor` executable: everything it does lives in TresorCLI, where it can be tested.
@main
struct Tresor {
    static func main() async {
        await TresorCommand.runMain()
    }
}
