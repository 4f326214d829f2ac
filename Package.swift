// swift-tools-version:6.0
// ISACTwin: a digital twin for integrated sensing and communication (ISAC) in vehicular networks.
// Dependencies point one way: Math <- Physics <- {Tracking, Optimization, Learning} <- DigitalTwin
// <- Experiments <- CLI (see docs/MODEL.md, whose decisions the code cites by label).
import PackageDescription

let package = Package(
    name: "ISACTwin",
    products: [
        .library(name: "ISACMath", targets: ["ISACMath"]),
        .library(name: "ISACPhysics", targets: ["ISACPhysics"]),
        .library(name: "ISACTracking", targets: ["ISACTracking"]),
        .library(name: "ISACOptimization", targets: ["ISACOptimization"]),
        .library(name: "ISACLearning", targets: ["ISACLearning"]),
        .library(name: "DigitalTwin", targets: ["DigitalTwin"]),
        .library(name: "ISACExperiments", targets: ["ISACExperiments"]),
        .executable(name: "isactwin", targets: ["isactwin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, liblapacke-dev).
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CLAPACKE", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),

        .target(
            name: "ISACMath",
            dependencies: [
                "COpenBLAS", "CLAPACKE",
                .product(name: "Numerics", package: "swift-numerics"),
            ]),
        .target(name: "ISACPhysics", dependencies: ["ISACMath"]),
        .target(name: "ISACTracking", dependencies: ["ISACMath", "ISACPhysics"]),
        .target(name: "ISACOptimization", dependencies: ["ISACMath", "ISACPhysics"]),
        .target(name: "ISACLearning", dependencies: ["ISACMath"]),
        .target(
            name: "DigitalTwin",
            dependencies: ["ISACMath", "ISACPhysics", "ISACTracking", "ISACOptimization", "ISACLearning"]),
        .target(
            name: "ISACExperiments",
            dependencies: ["DigitalTwin", "ISACLearning", "ISACTracking", "ISACOptimization", "ISACPhysics", "ISACMath"]),
        .executableTarget(
            name: "isactwin",
            dependencies: [
                "ISACMath", "ISACPhysics", "ISACTracking", "ISACOptimization", "ISACLearning", "DigitalTwin",
                "ISACExperiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "ISACMathTests", dependencies: ["ISACMath"]),
        .testTarget(name: "ISACPhysicsTests", dependencies: ["ISACPhysics", "ISACMath"]),
        .testTarget(name: "ISACTrackingTests", dependencies: ["ISACTracking", "ISACPhysics", "ISACMath"]),
        .testTarget(name: "ISACLearningTests", dependencies: ["ISACLearning", "ISACMath"]),
        .testTarget(name: "ISACOptimizationTests", dependencies: ["ISACOptimization", "ISACPhysics", "ISACMath"]),
        .testTarget(
            name: "ISACExperimentsTests",
            dependencies: ["ISACExperiments", "DigitalTwin", "ISACTracking", "ISACOptimization", "ISACPhysics", "ISACMath"]),
        .testTarget(
            name: "DigitalTwinTests",
            dependencies: ["DigitalTwin", "ISACLearning", "ISACOptimization", "ISACTracking", "ISACPhysics", "ISACMath"]),
        // Runs the built `isactwin` binary end to end (issue 13's edge cases and flag fuzz).
        .testTarget(name: "ISACTwinCLITests", dependencies: ["ISACMath"]),
    ]
)
