/// The eight colours every terminal has; `default` is the terminal's own, so the
/// screen reads on dark and light backgrounds alike.
public enum Color: UInt8, Sendable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

public struct Style: Sendable, Hashable {
    public var foreground: Color = .default
    public var background: Color = .default
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(foreground: Color = .default, background: Color = .default, bold: Bool = false, dim: Bool = false,
                reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)

    /// The style in one integer (as a cell stores it): colours in the low bytes,
    /// then one bit per attribute.
    var packed: UInt32 {
        UInt32(foreground.rawValue) | UInt32(background.rawValue) << 8
            | (bold ? 1 << 16 : 0) | (dim ? 1 << 17 : 0) | (reverse ? 1 << 18 : 0) | (underline ? 1 << 19 : 0)
    }

    init(packed: UInt32) {
        foreground = Color(rawValue: UInt8(packed & 0xFF)) ?? .default
        background = Color(rawValue: UInt8(packed >> 8 & 0xFF)) ?? .default
        bold = packed & 1 << 16 != 0
        dim = packed & 1 << 17 != 0
        reverse = packed & 1 << 18 != 0
        underline = packed & 1 << 19 != 0
    }

    public func with(_ change: (inout Style) -> Void) -> Style {
        var copy = self
        change(&copy)
        return copy
    }
}
