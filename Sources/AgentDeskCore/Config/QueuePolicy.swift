/// How inbound voice calls wait for an agent who cannot take them now (busy on a
/// call, notReady, rest, after-call work): the configuration's `queue:`.
public struct QueuePolicy: Sendable, Equatable {
    /// Seconds a caller waits before hanging up (abandoning), unless their `call`
    /// says otherwise (`patience:`).
    public var patience: Double
    /// The most callers waiting at once; one more is refused (the queue is full).
    public var capacity: Int

    public init(patience: Double = QueuePolicy.defaultPatience, capacity: Int = QueuePolicy.defaultCapacity) {
        self.patience = patience
        self.capacity = capacity
    }

    /// A minute: what callers of a service line typically wait before giving up.
    public static let defaultPatience: Double = 60
    public static let defaultCapacity = 20
    public static let patienceRange: ClosedRange<Double> = 1...86_400
    public static let capacityRange = 1...1000
}
