import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Foundation
import Testing

/// The fake's endpoints beyond chat that the official SDKs call: embeddings, models lists,
/// HuggingFace's chat under a model URL and feature extraction, finish reasons and request ids.
@Suite struct FakeEndpointTests {
    static let bearer = [("authorization", "Bearer k")]

    // MARK: - Embeddings

    @Test func openAIEmbeddingsAreDeterministicUnitVectorsPerInput() async throws {
        try await withFakeServer { port, http in
            let body = #"{"model":"text-embedding-3-small","input":["alpha","beta","alpha"],"dimensions":8}"#
            let first = try await raw(http, port: port, "/v1/embeddings", headers: Self.bearer, body: body)
            let again = try await raw(http, port: port, "/v1/embeddings", headers: Self.bearer, body: body)
            #expect(first.status == 200)
            #expect(first.body == again.body)
            let data = try #require(first.json?["data"]?.array)
            #expect(data.count == 3)
            #expect(data.map { $0["index"] } == [.int(0), .int(1), .int(2)])
            let vectors = data.map { ($0["embedding"]?.array ?? []).compactMap(\.double) }
            #expect(vectors.allSatisfy { $0.count == 8 })
            #expect(vectors[0] == vectors[2] && vectors[0] != vectors[1])
            let norm = vectors[1].reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-4)
            #expect(first.json?["object"]?.string == "list")
            #expect(first.json?["usage"]?["prompt_tokens"] == .int(3))
        }
    }

    @Test func openAIBase64EmbeddingsAreLittleEndianFloats() async throws {
        try await withFakeServer { port, http in
            let floats = try await raw(http, port: port, "/v1/embeddings", headers: Self.bearer,
                                       body: #"{"model":"m","input":"alpha","dimensions":4}"#)
            let encoded = try await raw(http, port: port, "/v1/embeddings", headers: Self.bearer,
                                        body: #"{"model":"m","input":"alpha","dimensions":4,"encoding_format":"base64"}"#)
            let text = try #require(encoded.json?["data"]?[0]?["embedding"]?.string)
            let bytes = try #require(Data(base64Encoded: text))
            #expect(bytes.count == 16)
            let decoded = stride(from: 0, to: 16, by: 4).map { offset in
                Double(Float(bitPattern: bytes[offset..<offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
            }
            let expected = (floats.json?["data"]?[0]?["embedding"]?.array ?? []).compactMap(\.double)
            #expect(zip(decoded, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        }
    }

    @Test func geminiEmbedsOneContentOrABatch() async throws {
        try await withFakeServer { port, http in
            let key = [("x-goog-api-key", "k")]
            let one = try await raw(http, port: port, "/v1/models/text-embedding-004:embedContent", headers: key,
                                    body: #"{"content":{"parts":[{"text":"alpha"}]},"outputDimensionality":6}"#)
            #expect(one.json?["embedding"]?["values"]?.array?.count == 6)
            let batch = try await raw(http, port: port, "/v1beta/models/text-embedding-004:batchEmbedContents", headers: key,
                                      body: #"{"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"alpha"}]},"outputDimensionality":6},{"model":"models/text-embedding-004","content":{"parts":[{"text":"beta"}]},"outputDimensionality":6}]}"#)
            let values = try #require(batch.json?["embeddings"]?.array)
            #expect(values.count == 2)
            #expect(values[0]["values"] == one.json?["embedding"]?["values"])
        }
    }

    @Test func cohereEmbedsByType() async throws {
        try await withFakeServer { port, http in
            let response = try await raw(http, port: port, "/v2/embed", headers: Self.bearer,
                                         body: #"{"model":"embed-english-v3.0","texts":["a","b"],"input_type":"search_document","embedding_types":["float","int8"]}"#)
            #expect(response.status == 200)
            #expect(response.json?["response_type"]?.string == "embeddings_by_type")
            #expect(response.json?["embeddings"]?["float"]?.array?.count == 2)
            #expect(response.json?["embeddings"]?["int8"]?[0]?[0]?.int != nil)
            #expect(response.json?["texts"] == .array(["a", "b"]))
        }
    }

    @Test func huggingFaceFeatureExtractionIsAVectorOrAListOfThem() async throws {
        try await withFakeServer { port, http in
            let model = "/models/sentence-transformers/all-MiniLM-L6-v2"
            let one = try await raw(http, port: port, model, headers: Self.bearer, body: #"{"inputs":"alpha"}"#)
            #expect(one.json?.array?.count == 64)
            #expect(one.json?[0]?.double != nil)
            let pipeline = try await raw(http, port: port, model + "/pipeline/feature-extraction", headers: Self.bearer,
                                         body: #"{"inputs":"alpha","normalize":true}"#)
            #expect(pipeline.body == one.body)
            let list = try await raw(http, port: port, model, headers: Self.bearer, body: #"{"inputs":["alpha","beta"]}"#)
            #expect(list.json?.array?.count == 2)
            #expect(list.json?[0] == one.json)
        }
    }

    // MARK: - Chat under a HuggingFace model URL

    @Test func huggingFaceChatUnderAModelURLIsOpenAICompatible() async throws {
        try await withFakeServer { port, http in
            let path = "/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions"
            let plain = try await raw(http, port: port, path, headers: Self.bearer,
                                      body: #"{"model":"dummy","messages":[{"role":"user","content":"Hi"}],"max_tokens":3}"#)
            #expect(plain.json?["object"]?.string == "chat.completion")
            #expect(plain.json?["model"]?.string == "meta-llama/Llama-3.1-8B-Instruct")
            #expect(plain.json?["choices"]?[0]?["finish_reason"]?.string == "length")
            let stream = try await raw(http, port: port, path, headers: Self.bearer,
                                       body: #"{"model":"dummy","messages":[{"role":"user","content":"Hi"}],"stream":true}"#)
            #expect(stream.text.hasSuffix("data: [DONE]\n\n"))
            #expect(stream.text.contains(#""finish_reason":"stop""#))
        }
    }

    // MARK: - Models lists

    @Test(arguments: [
        ([("authorization", "Bearer k")], "", "data", "gpt-4o-mini"),
        ([("x-goog-api-key", "k")], "", "models", "models/gemini-2.0-flash"),
        ([("x-api-key", "k"), ("anthropic-version", "2023-06-01")], "", "data", "claude-sonnet-4-5"),
        ([("authorization", "Bearer k"), ("anthropic-version", "2023-06-01")], "", "data", "claude-sonnet-4-5"),
        ([("authorization", "Bearer k")], "/cohere", "models", "command-r"),
        ([("authorization", "Bearer k"), ("x-fern-sdk-name", "cohere")], "", "models", "command-r"),
    ])
    func modelsListsAnswerAsTheCallerSProvider(_ headers: [(String, String)], prefix: String, field: String, first: String)
        async throws {
        try await withFakeServer { port, http in
            let response = try await raw(http, port: port, prefix + "/v1/models", method: "GET", headers: headers)
            #expect(response.status == 200)
            let entry = response.json?[field]?[0]
            #expect((entry?["id"] ?? entry?["name"])?.string == first)
        }
    }

    @Test func geminiListsModelsUnderBothVersions() async throws {
        try await withFakeServer { port, http in
            let beta = try await raw(http, port: port, "/v1beta/models?key=k", method: "GET")
            #expect(beta.json?["models"]?.array?.isEmpty == false)
            let post = try await raw(http, port: port, "/v1/models", headers: Self.bearer, body: "{}")
            #expect(post.status == 405)
        }
    }

    // MARK: - Finish reasons and request ids

    @Test func maxTokensCutsTheAnswerWithEachProvidersFinishReason() async throws {
        try await withFakeServer { port, http in
            let cohere = try await raw(http, port: port, "/v2/chat", headers: Self.bearer,
                                       body: #"{"model":"command-r","messages":[{"role":"user","content":"Hi"}],"max_tokens":2}"#)
            #expect(cohere.json?["finish_reason"]?.string == "MAX_TOKENS")
            let full = try await raw(http, port: port, "/v2/chat", headers: Self.bearer,
                                     body: #"{"model":"command-r","messages":[{"role":"user","content":"Hi"}]}"#)
            #expect(full.json?["finish_reason"]?.string == "COMPLETE")
            let anthropic = try await raw(http, port: port, "/v1/messages", headers: [("x-api-key", "k")],
                                          body: #"{"model":"claude-sonnet-4-5","max_tokens":2,"messages":[{"role":"user","content":"Hi"}]}"#)
            #expect(anthropic.json?["stop_reason"]?.string == "max_tokens")
            let tgi = try await raw(http, port: port, "/models/org/model", headers: Self.bearer,
                                    body: #"{"inputs":"Hi","parameters":{},"stream":true}"#)
            #expect(tgi.text.contains(#""finish_reason":"eos_token""#))
            let details = try await raw(http, port: port, "/models/org/model", headers: Self.bearer,
                                        body: #"{"inputs":"Hi","parameters":{"max_new_tokens":2,"details":true}}"#)
            #expect(details.json?["generated_text"]?.string == "This is")
            #expect(details.json?["details"]?["finish_reason"]?.string == "length")
            #expect(details.json?["details"]?["generated_tokens"] == .int(2))
        }
    }

    @Test func openAIAndAnthropicAnswersCarryARequestID() async throws {
        try await withFakeServer { port, http in
            let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}"#
            let first = try await raw(http, port: port, "/v1/chat/completions", headers: Self.bearer, body: chat)
            let second = try await raw(http, port: port, "/v1/chat/completions", headers: Self.bearer, body: chat)
            let missing = try await raw(http, port: port, "/v1/chat/completions", body: chat)
            #expect(first.headers["x-request-id"]?.hasPrefix("req_") == true)
            #expect(first.headers["x-request-id"] != second.headers["x-request-id"])
            #expect(missing.status == 401 && missing.headers["x-request-id"] != nil)
            let message = try await raw(http, port: port, "/v1/messages", headers: [("x-api-key", "k")],
                                        body: #"{"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}"#)
            #expect(message.headers["request-id"]?.hasPrefix("req_") == true)
        }
    }
}
