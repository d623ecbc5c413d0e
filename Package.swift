// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "agentdesk",
    products: [
        .executable(name: "agentdesk", targets: ["agentdesk"]),
        .executable(name: "agentdesk-bench", targets: ["agentdesk-bench"]),
        .library(name: "AgentDeskCore", targets: ["AgentDeskCore"]),
        .library(name: "AgentDeskUI", targets: ["AgentDeskUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
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
        .executableTarget(
            name: "agentdesk",
            dependencies: [
                "AgentDeskCore",
                "AgentDeskUI",
                "AgentDeskTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Prints the figures the issues ask for (render time, bytes per change, idle CPU).
        .executableTarget(
            name: "agentdesk-bench",
            dependencies: ["AgentDeskCore", "AgentDeskUI", "AgentDeskTerminal"]
        ),
        .testTarget(
            name: "AgentDeskCoreTests",
            dependencies: [
                "AgentDeskCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Scenarios"]
        ),
        .testTarget(
            name: "AgentDeskUITests",
            dependencies: ["AgentDeskUI", "AgentDeskCore"],
            exclude: ["Golden"]
        ),
        // Drives the real binary in tmux, as a user would.
        .testTarget(name: "EndToEndTests", dependencies: ["agentdesk"]),
    ],
    swiftLanguageModes: [.v6]
)
