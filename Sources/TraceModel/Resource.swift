/// What produced a span: OTLP `Resource` (service, host, process, …).
///
/// `service.name` stays among the attributes, so writing them back is exact; `Span.serviceName`
/// is the reader's copy of it for analysis.
public struct Resource: Sendable, Hashable {
  public var attributes: [Tag]
  public var droppedAttributesCount: UInt32

  public init(attributes: [Tag] = [], droppedAttributesCount: UInt32 = 0) {
    self.attributes = attributes
    self.droppedAttributesCount = droppedAttributesCount
  }
}

/// The library that recorded a span: OTLP `InstrumentationScope`.
public struct InstrumentationScope: Sendable, Hashable {
  public var name: String
  public var version: String
  public var attributes: [Tag]
  public var droppedAttributesCount: UInt32

  public init(
    name: String = "", version: String = "", attributes: [Tag] = [], droppedAttributesCount: UInt32 = 0
  ) {
    self.name = name
    self.version = version
    self.attributes = attributes
    self.droppedAttributesCount = droppedAttributesCount
  }
}
