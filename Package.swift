// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "agentdesk",
    products: [
        .executable(name: "agentdesk", targets: ["agentdesk"]),
        .executable(name: "agentdesk-bench", targets: ["agentdesk-bench"]),
        .executable(name: "agentdesk-bench-baseline", targets: ["agentdesk-bench-baseline"]),
        .library(name: "AgentDeskCore", targets: ["AgentDeskCore"]),
        .library(name: "AgentDeskUI", targets: ["AgentDeskUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // ncursesw, seen by Swift through a shim header. Only AgentDeskTerminal may import it.
        .systemLibrary(
            name: "CNcurses",
            path: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The workstation itself: pure Swift, no I/O, no clock, no terminal, no server.
        .target(
            name: "AgentDeskCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Draws the workstation into a cell buffer: widths, styles, layout, keys. No ncurses.
        .target(name: "AgentDeskUI", dependencies: ["AgentDeskCore"]),
        // The only module that imports CNcurses.
        .target(name: "AgentDeskTerminal", dependencies: ["AgentDeskUI", "CNcurses"]),
        // The loopback HTTP/WebSocket server: the control API and the browser bridge page.
        .target(
            name: "AgentDeskServer",
            dependencies: [
                "AgentDeskCore",
                "AgentDeskUI",
                "AgentDeskProcess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Starting child processes: posix_spawn with nothing of ours inherited.
        .target(name: "AgentDeskProcess"),
        // Headless Chromium and the DevTools Protocol over its pipe (run --browser).
        .target(name: "AgentDeskBrowser", dependencies: ["AgentDeskCore", "AgentDeskProcess"]),
        .executableTarget(
            name: "agentdesk",
            dependencies: [
                "AgentDeskBrowser",
                "AgentDeskCore",
                "AgentDeskUI",
                "AgentDeskTerminal",
                "AgentDeskServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Prints the figures the issues ask for (render time, bytes per change, idle CPU).
        .executableTarget(
            name: "agentdesk-bench",
            dependencies: ["AgentDeskCore", "AgentDeskUI", "AgentDeskTerminal", "AgentDeskServer", "AgentDeskProcess"]
        ),
        // The benchmark's yardstick for the API: a bare Hummingbird server with the same routes' shape.
        .executableTarget(
            name: "agentdesk-bench-baseline",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "AgentDeskCoreTests",
            dependencies: [
                "AgentDeskCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Scenarios", "Corpus"]
        ),
        .testTarget(
            name: "AgentDeskUITests",
            dependencies: ["AgentDeskUI", "AgentDeskCore"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "AgentDeskServerTests",
            dependencies: [
                "AgentDeskServer",
                "AgentDeskCore",
                "AgentDeskUI",
                "AgentDeskProcess",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "AgentDeskBrowserTests", dependencies: ["AgentDeskBrowser", "AgentDeskCore"]),
        // Drives the real binary in tmux, as a user would.
        .testTarget(name: "EndToEndTests", dependencies: ["agentdesk", "AgentDeskProcess", "AgentDeskServer"]),
    ],
    swiftLanguageModes: [.v6]
)
