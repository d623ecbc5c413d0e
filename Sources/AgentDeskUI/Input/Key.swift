/// A key press, as the UI sees it, whatever the terminal library.
public enum Key: Sendable, Hashable {
    case char(Character)
    case enter
    case escape
    case backspace
    case tab
    case backTab
    case up, down, left, right
    case pageUp, pageDown
    /// Ctrl and a letter (Ctrl-C is `.ctrl("c")`).
    case ctrl(Character)
    case function(Int)

    /// The key as a person would write it in a hint: `q`, `Enter`, `Shift-Tab`.
    public var label: String {
        switch self {
        case let .char(c): c == " " ? "Space" : String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case let .ctrl(c): "Ctrl-\(c.uppercased())"
        case let .function(n): "F\(n)"
        }
    }
}

/// What the terminal reports.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    /// The terminal now has this many columns and rows.
    case resize(width: Int, height: Int)
    /// A mouse click at a cell.
    case click(x: Int, y: Int)
    /// Nothing happened before the wait ran out.
    case timeout
}
