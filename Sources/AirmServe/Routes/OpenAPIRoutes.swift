import Hummingbird

/// `GET /openapi.yaml`: the OpenAPI 3.1 document of these routes, as committed at the
/// repository's root.
struct OpenAPIRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        router.get("openapi.yaml") { request, _ in
            try QueryCheck.only(request)
            return Response(status: .ok, headers: [.contentType: "application/yaml"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
