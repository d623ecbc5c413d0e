/// The agent's reply as it is typed: text and a cursor, edited with Backspace
/// and the arrows. The text is kept as grapheme clusters, so Backspace removes
/// a whole character (a CJK character, an emoji with its joiners, e + U+0301)
/// whatever the input method sent it as.
public struct ReplyLine: Sendable, Equatable {
    public private(set) var text: String
    /// The cursor, in clusters from the start.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// The longest reply typed here; the core refuses longer ones anyway.
    public static let maxLength = 2000

    /// Inserts a typed character at the cursor. A combining mark or a joiner that
    /// merges with the character before it leaves the cursor after the merged one.
    public mutating func insert(_ character: Character) {
        guard text.unicodeScalars.count < Self.maxLength else { return }
        let index = text.index(text.startIndex, offsetBy: cursor)
        let before = text.count
        text.insert(character, at: index)
        cursor += text.count - before
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        let index = text.index(text.startIndex, offsetBy: cursor - 1)
        text.remove(at: index)
        cursor -= 1
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(text.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = text.count }

    /// The part of the line to show in `width` columns, keeping the cursor (a
    /// cell of its own at the end) in view: the text before the cursor, the
    /// character under it (nil at the end) and the text after.
    public func window(width: Int) -> (before: String, under: Character?, after: String) {
        let characters = Array(text)
        // From the cursor back, as many characters as fit beside the cursor's own cell.
        var used = cursor < characters.count ? DisplayWidth.of(characters[cursor]) : 1
        var start = cursor
        while start > 0, used + DisplayWidth.of(characters[start - 1]) <= width {
            start -= 1
            used += DisplayWidth.of(characters[start])
        }
        let before = String(characters[start..<cursor])
        let under = cursor < characters.count ? characters[cursor] : nil
        let after = cursor + 1 < characters.count ? String(characters[(cursor + 1)...]) : ""
        return (before, under, after)
    }
}
