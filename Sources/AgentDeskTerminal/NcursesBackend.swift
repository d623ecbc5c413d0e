import AgentDeskUI
import CNcurses
import Glibc

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    /// The exit status it calls for: 2 when the terminal type is the problem (the
    /// user fixes TERM), 1 when there is no terminal at all.
    public var exitStatus: Int32 = 1
}

/// A real terminal through ncursesw. Draws only the cells that changed since the
/// last frame, then one `doupdate`. Not thread-safe, like ncurses: one loop owns it.
public final class NcursesBackend: TerminalBackend {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let colors: Bool
    private var previous: CellBuffer?
    private var pairs: [UInt16: Int16] = [:]
    private var ended = false
    /// A one-line notice when the locale is not UTF-8 (e.g. LANG=C): we draw in UTF-8
    /// anyway, and say so rather than leave the user with garbled lines.
    public let localeNotice: String?

    /// Opens the terminal on stdin/stdout. Fails with a clear message when they are
    /// not a terminal or when curses cannot drive `TERM`.
    public static func openStandard(colors: Bool) throws -> NcursesBackend {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(description: "standard input and output must be a terminal; for scripted runs use the scenario player (agentdesk run --headless) or the API")
        }
        return try NcursesBackend(output: agentdesk_stdout(), input: agentdesk_stdin(), term: nil, colors: colors)
    }

    /// Opens curses on any pair of streams (a benchmark writes to a memory stream).
    public init(output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, term: String?, colors: Bool) throws {
        localeNotice = NcursesBackend.setUTF8Locale()
        // The size comes from the terminal itself, not from LINES/COLUMNS left in the
        // environment (shells and test runners export stale ones). use_tioctl makes
        // ncurses prefer the ioctl size, but with the variables present it stopped
        // following resizes (tmux, ncurses 6.4), so they go as well: we start nothing
        // that could want them.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        use_env(true)
        use_tioctl(true)
        let opened: OpaquePointer? = term.map { name in name.withCString { newterm($0, output, input) } } ?? newterm(nil, output, input)
        let name = term ?? getenv("TERM").map { String(cString: $0) } ?? "(unset)"
        guard let opened else {
            throw TerminalError(description: "the terminal type TERM=\(name) is not one curses can use; try TERM=xterm-256color",
                                exitStatus: 2)
        }
        set_term(opened)
        // A terminal that cannot move the cursor (TERM=dumb, a pipe-like console)
        // cannot show a full-screen workstation: refuse before drawing anything.
        guard NcursesBackend.hasCursorAddressing() else {
            endwin()
            delscreen(opened)
            throw TerminalError(description: "TERM=\(name) cannot move the cursor, so the workstation cannot be drawn; "
                + "use a full-screen terminal (e.g. TERM=xterm-256color), or agentdesk run --headless / agentdesk serve without one",
                                exitStatus: 2)
        }
        screen = opened
        guard let window = agentdesk_stdscr() else {
            endwin()
            delscreen(opened)
            throw TerminalError(description: "curses opened the terminal but gave no screen")
        }
        self.window = window
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        mousemask(mmask_t(agentdesk_button1_clicked()), nil)
        mouseinterval(0)
        self.colors = colors && has_colors()
        if self.colors {
            start_color()
            use_default_colors()
        }
        agentdesk_install_signal_handlers()
    }

    deinit { shutdown() }

    /// Restores the terminal. Safe to call more than once.
    public func shutdown() {
        guard !ended else { return }
        ended = true
        endwin()
        delscreen(screen)
    }

    /// A termination signal (TERM, HUP, INT, QUIT) has arrived.
    public var pendingSignal: Int32? {
        let signal = agentdesk_pending_signal()
        return signal == 0 ? nil : signal
    }

    public var size: (width: Int, height: Int) {
        (Int(agentdesk_getmaxx(window)), Int(agentdesk_getmaxy(window)))
    }

    /// Sets the screen's size by hand, for output that is no terminal (the
    /// benchmark writes to a file, whose size curses cannot ask).
    public func setSize(width: Int, height: Int) {
        resizeterm(Int32(height), Int32(width))
        previous = nil
    }

    public func present(_ buffer: CellBuffer) {
        for change in buffer.changes(since: previous) {
            draw(change.cell, x: change.x, y: change.y)
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    public func nextEvent(timeoutMilliseconds: Int?, wake: Int32?) -> InputEvent {
        guard let wake else { return nextEvent(timeoutMilliseconds: timeoutMilliseconds) }
        // Whatever curses has already read ahead comes first.
        let buffered = nextEvent(timeoutMilliseconds: 0)
        if case .timeout = buffered {} else { return buffered }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, Int32(timeoutMilliseconds ?? -1))
        // Input, or a signal (a resize arrives as SIGWINCH and interrupts poll): ask curses.
        if ready < 0 || fds[0].revents != 0 { return nextEvent(timeoutMilliseconds: 0) }
        return .timeout
    }

    public func nextEvent(timeoutMilliseconds: Int?) -> InputEvent {
        wtimeout(window, Int32(timeoutMilliseconds ?? -1))
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return .timeout }
        if result == agentdesk_key_code_yes() {
            return functionKey(Int32(character))
        }
        return plainKey(UInt32(character))
    }

    // MARK: Drawing

    private func draw(_ cell: Cell, x: Int, y: Int) {
        var attributes = agentdesk_a_normal()
        if cell.style.bold { attributes |= agentdesk_a_bold() }
        if cell.style.dim { attributes |= agentdesk_a_dim() }
        if cell.style.reverse { attributes |= agentdesk_a_reverse() }
        if cell.style.underline { attributes |= agentdesk_a_underline() }
        let pair = colors ? pairNumber(cell.style.foreground, cell.style.background) : 0
        var complex = cchar_t()
        // The buffer's sink has already made the text safe; only printable clusters reach here.
        if let scalar = cell.scalar {
            var text: (wchar_t, wchar_t) = (wchar_t(bitPattern: scalar.value), 0)
            let set = withUnsafePointer(to: &text) {
                $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { setcchar(&complex, $0, attributes, pair, nil) }
            }
            guard set == OK else { return }
        } else {
            var scalars = Array(cell.text.unicodeScalars.prefix(Int(CCHARW_MAX))).map { wchar_t(bitPattern: $0.value) }
            scalars.append(0)
            if setcchar(&complex, scalars, attributes, pair, nil) != OK {
                // A cluster curses will not take as one cell (some emoji sequences): its first scalar.
                let first: [wchar_t] = [scalars[0], 0]
                guard setcchar(&complex, first, attributes, pair, nil) == OK else { return }
            }
        }
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    private func pairNumber(_ foreground: Color, _ background: Color) -> Int16 {
        if foreground == .default && background == .default { return 0 }
        let key = UInt16(foreground.rawValue) << 8 | UInt16(background.rawValue)
        if let pair = pairs[key] { return pair }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < agentdesk_color_pairs() else { return 0 }
        init_pair(next, curses(foreground), curses(background))
        pairs[key] = next
        return next
    }

    private func curses(_ color: Color) -> Int16 {
        color == .default ? -1 : Int16(color.rawValue) - 1
    }

    // MARK: Keys

    private func plainKey(_ code: UInt32) -> InputEvent {
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(code + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .timeout }
            return .key(.char(Character(scalar)))
        }
    }

    private func functionKey(_ code: Int32) -> InputEvent {
        switch code {
        case agentdesk_key_resize():
            previous = nil
            return .resize(width: size.width, height: size.height)
        case agentdesk_key_mouse():
            var x: Int32 = 0, y: Int32 = 0
            return agentdesk_mouse_click(&x, &y) == 1 ? .click(x: Int(x), y: Int(y)) : .timeout
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE, KEY_DC: return .key(.backspace)
        case KEY_ENTER: return .key(.enter)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_F0 + 1...KEY_F0 + 12: return .key(.function(Int(code - KEY_F0)))
        default: return .timeout
        }
    }

    // MARK: Locale

    /// `setlocale` before curses; if the locale is not UTF-8, a UTF-8 LC_CTYPE, or
    /// CJK comes out as garbage. Returns a notice (plain ASCII, so any terminal shows
    /// it) when the user's locale was not UTF-8.
    @discardableResult
    static func setUTF8Locale() -> String? {
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        if codeset.uppercased().filter({ $0 != "-" }) == "UTF8" { return nil }
        var locale = "C"
        for name: String in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty {
                locale = value
                break
            }
        }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            return "locale \(locale) is not UTF-8: drawing in UTF-8 anyway; if lines look garbled, run with LANG=C.UTF-8"
        }
        return "locale \(locale) is not UTF-8 and no UTF-8 locale is installed: CJK text and borders may not show; set LANG=C.UTF-8"
    }

    /// Whether the current terminal type can address the cursor (`cup`).
    static func hasCursorAddressing() -> Bool {
        guard let cup = tigetstr("cup") else { return false }
        return Int(bitPattern: cup) != -1 && cup.pointee != 0
    }
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT as a flag for a loop without a terminal
/// (`agentdesk serve`): the handler only records the signal; the loop ends cleanly.
public enum TerminationSignal {
    public static func install() { agentdesk_install_signal_handlers() }

    public static var pending: Int32? {
        let signal = agentdesk_pending_signal()
        return signal == 0 ? nil : signal
    }
}
