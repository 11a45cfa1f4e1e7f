// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "vidin",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vidin", targets: ["vidin"]),
        .library(name: "SiteKit", targets: ["SiteKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // glibc's allocator settings and Linux's folder attributes (no library to link: both are in libc).
        .systemLibrary(name: "CSystem"),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "SiteKit",
            dependencies: [
                "CCmarkGFM",
                "CSystem",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            exclude: ["Search/Analysis/stopwords.json"]
        ),
        .executableTarget(
            name: "vidin",
            dependencies: [
                "SiteKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SiteKitTests",
            // cmark-gfm's own HTML renderer is the reference the renderer's markup is checked against.
            dependencies: ["SiteKit", "CCmarkGFM"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
