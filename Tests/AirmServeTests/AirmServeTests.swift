import Testing
@testable import AirmServe

@Suite struct AirmServeTests {}
