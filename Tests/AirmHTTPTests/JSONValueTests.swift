import AirmHTTP
import Testing

@Suite struct JSONValueTests {
    @Test func parsesNestedDocumentsAndKeepsMemberOrder() throws {
        let json = try #require(JSONValue.parse(#"{"b":[1,2.5,"x\n\u00e9"],"a":{"t":true,"n":null}}"#))
        #expect(json["b"]?[0] == .int(1))
        #expect(json["b"]?[1]?.double == 2.5)
        #expect(json["b"]?[2]?.string == "x\né")
        #expect(json["a"]?["t"] == .bool(true))
        #expect(json["a"]?["n"]?.isNull == true)
        #expect(json.text == #"{"b":[1,2.5,"x\né"],"a":{"t":true,"n":null}}"#)
    }

    @Test(arguments: ["", "{", #"{"a":1}{"a":2}"#, #"{"a":1,}"#, "[1 2]", "nul", #"{"a":"\q"}"#, "01x"])
    func rejectsAnythingButOneValidDocument(_ text: String) {
        #expect(JSONValue.parse(text) == nil)
    }

    @Test func escapesControlCharactersWhenWriting() {
        let value: JSONValue = .members(("k", .string("a\"b\\c\u{01}")))
        #expect(value.text == #"{"k":"a\"b\\c\u0001"}"#)
        #expect(JSONValue.parse(value.text) == value)
    }
}
