/// The version of this Tresor build, as `tresor --version` prints it.
public enum TresorVersion {
    public static let current = "0.1.0"
}
