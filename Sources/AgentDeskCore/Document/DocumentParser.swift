import CYaml

/// Reads YAML (and JSON, which is YAML) into `DocumentNode`s from libyaml's event
/// stream, within `DocumentLimits`. Nothing here recurses on input: nesting is an
/// explicit stack, so no file can overflow the call stack.
///
/// libyaml is the copy Yams vendors (its `CYaml` module), so there is one libyaml in
/// the binary; Yams' own `Parser` keeps the event stream private.
public enum DocumentParser {
    /// Parses `text` as one document. When the root is a mapping whose key
    /// `streamedKey` holds a list, that list's items are handed to `item` one at a
    /// time as they are read (index from 0) and not kept: the root then holds an
    /// empty list at that key. `item` returns false to stop reading.
    ///
    /// Errors go to `errors`; a fatal one (bad YAML, a limit passed) ends reading
    /// and the result is nil.
    public static func parse(
        _ text: String, file: String, limits: DocumentLimits = .standard, errors: inout [ConfigError],
        streaming streamedKey: String? = nil, item: (DocumentNode, Int) -> Bool = { _, _ in true }
    ) -> DocumentNode? {
        var text = text
        return text.withUTF8 { bytes in
            var composer = Composer(file: file, limits: limits, streamedKey: streamedKey)
            let root = composer.run(bytes, item: item)
            errors += composer.errors
            return root
        }
    }
}

private struct Composer {
    let file: String
    let limits: DocumentLimits
    let streamedKey: String?
    var errors: [ConfigError] = []

    /// A list or mapping being read.
    private struct Frame {
        var isMapping: Bool
        var mark: Mark
        var anchor: String?
        var items: [DocumentNode] = []
        var pairs: [(key: DocumentNode, value: DocumentNode)] = []
        var pendingKey: DocumentNode?
        var keys: Set<String> = []
        /// Values inside, aliases expanded (for the alias budget).
        var size = 1
        /// Levels below and including this one.
        var height = 1
        /// The streamed list: its items go to the caller.
        var streamed = false
    }

    private struct Anchored {
        var node: DocumentNode
        var size: Int
        var height: Int
    }

    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasNodes = 0
    private var unitNodes = 0
    private var streamedCount = 0
    private var root: DocumentNode?
    private var stopped = false

    init(file: String, limits: DocumentLimits, streamedKey: String?) {
        self.file = file
        self.limits = limits
        self.streamedKey = streamedKey
    }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>, item: (DocumentNode, Int) -> Bool) -> DocumentNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            fail(.unknown, "cannot start the YAML reader (out of memory)")
            return nil
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var documents = 0
        var event = yaml_event_t()
        while !stopped {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                syntaxError(parser, bytes)
                return nil
            }
            defer { yaml_event_delete(&event) }
            let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                if documents == 0 { fail(.unknown, "the document is empty") }
                return stopped ? nil : root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { fail(mark, "a file holds one document; a second one starts here (---)") }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE
                let kind = Self.kind(of: value, plain: plain, tag: Self.string(s.tag))
                countNode(at: mark)
                deliver(.scalar(.init(text: value, kind: kind, mark: mark)), size: 1, height: 1, anchor: Self.string(s.anchor), item: item)
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let anchored = anchors[name] else {
                    fail(mark, "the alias *\(DocumentReader.short(name)) names no anchor defined before it")
                    continue
                }
                aliasNodes += anchored.size
                if aliasNodes > limits.maxAliasNodes {
                    fail(mark, "aliases expand to more than \(limits.maxAliasNodes) values in all; write the values out or use fewer aliases")
                    continue
                }
                if stack.count + anchored.height > limits.maxDepth {
                    fail(mark, "the alias *\(DocumentReader.short(name)) nests values deeper than \(limits.maxDepth) levels")
                    continue
                }
                deliver(anchored.node, size: anchored.size, height: anchored.height, anchor: nil, item: item)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard stack.count < limits.maxDepth else {
                    fail(mark, "values are nested deeper than \(limits.maxDepth) levels")
                    continue
                }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
                var frame = Frame(isMapping: isMapping, mark: mark, anchor: anchor)
                if !isMapping, stack.count == 1, let key = streamedKey, stack[0].isMapping,
                   stack[0].pendingKey?.text == key, anchor == nil {
                    frame.streamed = true
                }
                countNode(at: mark)
                stack.append(frame)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                let node: DocumentNode = frame.isMapping ? .mapping(frame.pairs, frame.mark) : .sequence(frame.items, frame.mark)
                deliver(node, size: frame.size, height: frame.height, anchor: frame.anchor, item: item)
            default:
                continue
            }
        }
        return nil
    }

    private mutating func countNode(at mark: Mark) {
        unitNodes += 1
        if unitNodes > limits.maxNodesPerValue {
            fail(mark, stack.count >= 2 && stack[1].streamed
                 ? "this item holds more than \(limits.maxNodesPerValue) values; split it"
                 : "the document holds more than \(limits.maxNodesPerValue) values outside its list of steps")
        }
    }

    /// A finished value goes into the list or mapping it stands in.
    private mutating func deliver(_ node: DocumentNode, size: Int, height: Int, anchor: String?, item: (DocumentNode, Int) -> Bool) {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size, height: height) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if stack[top].streamed {
            let index = streamedCount
            streamedCount += 1
            unitNodes = 0
            if !item(node, index) { stopped = true }
            return
        }
        stack[top].size += size
        stack[top].height = max(stack[top].height, height + 1)
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
        } else {
            if case let .scalar(s) = node, !stack[top].keys.insert(s.text).inserted {
                report(node.mark, "the key '\(DocumentReader.short(s.text))' appears more than once in one mapping")
            }
            stack[top].pendingKey = node
        }
    }

    // MARK: Errors

    private mutating func report(_ mark: Mark, _ message: String) {
        // One more than the limit is kept, so the reader can say it stopped.
        guard errors.count <= limits.maxErrors else {
            stopped = true
            return
        }
        errors.append(ConfigError(file: file, line: mark.line, column: mark.column, field: "", message: message))
    }

    /// An error that ends reading.
    private mutating func fail(_ mark: Mark, _ message: String) {
        report(mark, message)
        stopped = true
    }

    private mutating func syntaxError(_ parser: yaml_parser_t, _ bytes: UnsafeBufferPointer<UInt8>) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable"
        let context = parser.context.map { String(cString: $0) }
        var mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        var message = "not valid YAML: " + [context, problem].compactMap { $0 }.joined(separator: " ")
        if problem.hasPrefix("Maximum nesting level") { message = "values are nested deeper than \(limits.maxDepth) levels" }
        if parser.error == YAML_READER_ERROR {
            // The reader says where by byte offset only: count lines and characters up to it.
            let offset = min(Int(parser.problem_offset), bytes.count)
            var line = 1, column = 1
            for byte in bytes[..<offset] {
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            mark = Mark(line: line, column: column)
            let value = parser.problem_value
            let code = value >= 0 ? " (U+" + String(String(value, radix: 16, uppercase: true).reversed()).padding(toLength: 4, withPad: "0", startingAt: 0).reversed() + ")" : ""
            message = "not valid text: \(problem)\(code)"
        }
        fail(mark, message)
    }

    // MARK: Scalars

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func kind(of value: String, plain: Bool, tag: String?) -> DocumentNode.Scalar.Kind {
        switch tag {
        case "tag:yaml.org,2002:str": return .string
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            let resolved = DocumentNode.Scalar.Kind.resolve(plain: value)
            return resolved == .string || resolved == .null ? .string : resolved
        default:
            return plain ? .resolve(plain: value) : .string
        }
    }
}
