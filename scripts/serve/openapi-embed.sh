#!/usr/bin/env bash
# Writes openapi.yaml into Sources/AirmServe/OpenAPI/OpenAPIDocument.swift, which serves it at
# GET /openapi.yaml. OpenAPITests fails when the two differ.
set -euo pipefail
cd "$(dirname "$0")/../.."
if grep -q '"""#' openapi.yaml; then echo 'openapi.yaml may not contain """#' >&2; exit 1; fi
{
  printf '// Generated from openapi.yaml by scripts/serve/openapi-embed.sh; edit openapi.yaml, then run it.\n\n'
  printf '/// The OpenAPI 3.1 document of `airm serve`, as committed at the repository'"'"'s root.\n'
  printf 'enum OpenAPIDocument {\n    static let yaml = #"""\n'
  cat openapi.yaml
  printf '\n"""#\n}\n'
} > Sources/AirmServe/OpenAPI/OpenAPIDocument.swift
