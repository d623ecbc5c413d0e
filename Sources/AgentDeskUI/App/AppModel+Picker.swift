import AgentDeskCore

extension AppModel {
    /// A key while the picker is open: move, pick, type, choose or cancel. The
    /// choice becomes the same action a scenario or the API would send.
    mutating func pickerKey(_ key: Key, _ picker: Picker) -> Output {
        switch picker.handle(key) {
        case let .stay(next):
            ui.mode = .picker(next)
            return Output()
        case .cancel:
            ui.mode = .main
            return Output()
        case .quit:
            return Output(quit: true)
        case let .choose(value):
            ui.mode = .main
            switch picker.purpose {
            case .transfer: return send(.transfer(to: value))
            case .restReason: return send(.setStatus(.rest, reason: value))
            }
        }
    }
}
