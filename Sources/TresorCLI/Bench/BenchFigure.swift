/// One measured figure, optionally beside the baseline it is judged against.
public struct BenchFigure: Codable, Sendable {
    /// What was measured, e.g. `field seal+open (32 B)`.
    public var name: String
    /// The measured rate.
    public var value: Double
    /// The unit of `value` and `baselineValue`, e.g. `ops/s`.
    public var unit: String
    /// What the figure is compared with, measured in the same run.
    public var baselineName: String?
    public var baselineValue: Double?
    /// `value / baselineValue`.
    public var ratio: Double?
    /// The ratio the project aims for, if any.
    public var targetRatio: Double?

    public init(name: String, value: Double?, unit: String, baselineName: String? = nil,
                baselineValue: Double? = nil, targetRatio: Double? = nil) {
        self.name = name
        self.value = value ?? 0
        self.unit = unit
        self.baselineName = baselineName
        self.baselineValue = baselineValue
        self.targetRatio = targetRatio
        if let value, let baselineValue, baselineValue > 0 { ratio = value / baselineValue }
    }

    /// True when there is a target and the ratio meets it.
    public var meetsTarget: Bool? {
        guard let targetRatio, let ratio else { return nil }
        return ratio >= targetRatio
    }
}
