// Complex numbers and real functions from swift-numerics are part of ISACMath's API.
@_exported import Numerics
