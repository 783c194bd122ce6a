/// How the sandbox's catalog is made: generated from a seed, or loaded from a real UA-dialect dump.
public struct CatalogOptions: Sendable {
    /// The accepted range of `products` (ELKO's real assortment is a few tens of thousands).
    public static let productRange = 10...500_000
    /// The accepted range of `esdProducts`.
    public static let esdRange = 0...10_000

    /// Number of generated (non-ESD) products. Ignored when `fixturePath` is set.
    public var products: Int
    /// Seed of the generator: the same seed and sizes give byte-identical JSON.
    public var seed: UInt64
    /// A real UA-dialect `Catalogs/Products` dump to serve as the catalog instead of generated data.
    public var fixturePath: String?
    /// Number of generated electronic software delivery products (`Catalog/Products/Esd`).
    /// Ignored when `fixturePath` is set: a dump holds no ESD products.
    public var esdProducts: Int

    public init(products: Int = 2_000, seed: UInt64 = 42, fixturePath: String? = nil, esdProducts: Int = 20) {
        self.products = products
        self.seed = seed
        self.fixturePath = fixturePath
        self.esdProducts = esdProducts
    }

    /// Throws `CatalogError` for sizes outside the accepted ranges.
    func validate() throws(CatalogError) {
        guard Self.productRange.contains(products) else {
            throw CatalogError(
                "catalog size \(products) is out of range: products must be between "
                    + "\(Self.productRange.lowerBound) and \(Self.productRange.upperBound)")
        }
        guard Self.esdRange.contains(esdProducts) else {
            throw CatalogError(
                "ESD catalog size \(esdProducts) is out of range: esdProducts must be between "
                    + "\(Self.esdRange.lowerBound) and \(Self.esdRange.upperBound)")
        }
    }
}

/// The catalog could not be built: a size out of range, or a fixture that is missing or malformed.
public struct CatalogError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
