// Generated from openapi.yaml by scripts/serve/openapi-embed.sh; edit openapi.yaml, then run it.

/// The OpenAPI 3.1 document of `airm serve`, as committed at the repository's root.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: airm serve
  version: "1"
  description: |
    The gateway applications call (docs/serve.md): `POST /ai` answered through the resilience
    policy of the configuration (timeouts, retries, circuit breakers, fallback), a chaos API that
    injects faults in the experiment format, breaker controls, and automated traffic.

    Errors are JSON, `{"error": {"status", "code", "message", "diagnostics"?}}`. With a token
    (`--token` or `AIRM_TOKEN`), every POST needs `Authorization: Bearer <token>`.
servers:
  - url: http://127.0.0.1:8080
tags:
  - name: calls
  - name: health
  - name: chaos
  - name: breakers
  - name: automation
  - name: meta
  - name: observability

paths:
  /ai:
    post:
      tags: [calls]
      operationId: call
      summary: Send a prompt through the policy.
      description: |
        The call starts on the route's first provider, or on `provider`'s leg of the route when
        given, and falls back along the route as the policy says. With `stream: true` the answer
        comes as server-sent events (`answer`, then `done`).
      security: [{bearerAuth: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/CallRequest"}
      responses:
        "200": {$ref: "#/components/responses/CallAnswer"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/RateLimited"}
        "503": {$ref: "#/components/responses/Error"}
  /ai/{provider}:
    post:
      tags: [calls]
      operationId: callProvider
      summary: Send a prompt through the policy, starting on one provider.
      security: [{bearerAuth: []}]
      parameters:
        - name: provider
          in: path
          required: true
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PinnedCallRequest"}
      responses:
        "200": {$ref: "#/components/responses/CallAnswer"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/RateLimited"}
        "503": {$ref: "#/components/responses/Error"}

  /test:
    get:
      tags: [health]
      operationId: health
      summary: Each provider's breaker state and last error.
      responses:
        "200":
          description: Health; `degraded` when no provider of the route can be called.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Health"}

  /chaos:
    get:
      tags: [chaos]
      operationId: listFaults
      summary: The faults not over yet, active or still to come.
      responses:
        "200":
          description: The faults, in the order they were added.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Faults"}
  /chaos/inject:
    post:
      tags: [chaos]
      operationId: injectFault
      summary: Inject one fault, rolled back at its end.
      description: |
        The body is one entry of an experiment's `faults:` (docs/experiment-format.md), in JSON or
        YAML. `at`, `for` and `until` count from now; `for` or `until` is required. A fault the
        loader refuses is answered 422 with located diagnostics; a target that is not a provider
        of this gateway is a 404.
      security: [{bearerAuth: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/FaultInput"}
      responses:
        "201":
          description: The fault as added.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Fault"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "422": {$ref: "#/components/responses/Error"}
  /chaos/stop:
    post:
      tags: [chaos]
      operationId: stopFaults
      summary: Stop one fault by name, or every fault.
      security: [{bearerAuth: []}]
      parameters:
        - name: name
          in: query
          required: false
          schema: {type: string}
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
              additionalProperties: false
      responses:
        "200":
          description: The faults stopped.
          content:
            application/json:
              schema:
                type: object
                properties:
                  stopped:
                    type: array
                    items: {$ref: "#/components/schemas/Fault"}
                required: [stopped]
                additionalProperties: false
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Error"}
        "409": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}

  /circuit-breaker/status:
    get:
      tags: [breakers]
      operationId: breakerStatus
      summary: Every breaker's state.
      responses:
        "200": {$ref: "#/components/responses/Breakers"}
  /circuit-breaker/reset:
    post:
      tags: [breakers]
      operationId: resetBreaker
      summary: Close one breaker (or every one) with a fresh window.
      security: [{bearerAuth: []}]
      parameters: [{$ref: "#/components/parameters/Provider"}]
      requestBody: {$ref: "#/components/requestBodies/BreakerChoice"}
      responses:
        "200": {$ref: "#/components/responses/Breakers"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Error"}
        "409": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
  /circuit-breaker/force-open:
    post:
      tags: [breakers]
      operationId: forceOpenBreaker
      summary: Refuse every call on one breaker (or every one) until a reset.
      security: [{bearerAuth: []}]
      parameters: [{$ref: "#/components/parameters/Provider"}]
      requestBody: {$ref: "#/components/requestBodies/BreakerChoice"}
      responses:
        "200": {$ref: "#/components/responses/Breakers"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Error"}
        "409": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
  /circuit-breaker/disable:
    post:
      tags: [breakers]
      operationId: disableBreaker
      summary: Let every call through one breaker (or every one), counting nothing.
      security: [{bearerAuth: []}]
      parameters: [{$ref: "#/components/parameters/Provider"}]
      requestBody: {$ref: "#/components/requestBodies/BreakerChoice"}
      responses:
        "200": {$ref: "#/components/responses/Breakers"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Error"}
        "409": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}

  /automation:
    get:
      tags: [automation]
      operationId: automationStatus
      summary: The automated traffic running, if any.
      responses:
        "200": {$ref: "#/components/responses/Automation"}
  /automation/start:
    post:
      tags: [automation]
      operationId: startAutomation
      summary: Send calls on a traffic entry's schedule until stopped.
      description: |
        The body is one entry of an experiment's `traffic:` (docs/experiment-format.md) with
        `rate`, `stages` or `burst`, in JSON or YAML, e.g. `{"rate": "0.5/s"}`. It replaces the
        automation running. A stream the loader refuses is answered 422 with located diagnostics.
      security: [{bearerAuth: []}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/StreamInput"}
      responses:
        "201": {$ref: "#/components/responses/Automation"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "413": {$ref: "#/components/responses/Error"}
        "422": {$ref: "#/components/responses/Error"}
  /automation/stop:
    post:
      tags: [automation]
      operationId: stopAutomation
      summary: Stop the automated traffic; calls already sent finish.
      security: [{bearerAuth: []}]
      responses:
        "200": {$ref: "#/components/responses/Automation"}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "413": {$ref: "#/components/responses/Error"}

  /openapi.yaml:
    get:
      tags: [meta]
      operationId: openapi
      summary: This document.
      responses:
        "200":
          description: The OpenAPI 3.1 document.
          content:
            application/yaml:
              schema: {type: string}

  /metrics:
    get:
      tags: [observability]
      operationId: metrics
      summary: Prometheus metrics, in the text exposition format 0.0.4 (docs/serve.md "Metrics").
      responses:
        "200":
          description: "airm_requests_total, airm_attempts_total, airm_request_duration_seconds, airm_breaker_state, airm_breaker_transitions_total, airm_faults_active."
          content:
            text/plain:
              schema: {type: string}
        "400": {$ref: "#/components/responses/Error"}

  /api/history/requests:
    get:
      tags: [observability]
      operationId: listRequests
      summary: The request log, newest first (docs/serve.md "Request log").
      parameters:
        - name: limit
          in: query
          required: false
          description: At most this many rows (default 100).
          schema: {type: integer, minimum: 0, maximum: 1000}
        - name: provider
          in: query
          required: false
          description: Only calls whose last attempt was on this provider.
          schema: {type: string}
        - name: outcome
          in: query
          required: false
          schema: {enum: [ok, fallback, degraded, failed, dropped]}
        - name: since
          in: query
          required: false
          description: Only calls that arrived at or after this time, an RFC 3339 date-time or Unix seconds.
          schema:
            anyOf:
              - {type: string, format: date-time}
              - {type: number}
      responses:
        "200":
          description: The rows.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/RequestLog"}
        "400": {$ref: "#/components/responses/Error"}
        "404": {$ref: "#/components/responses/Error"}

  /api/database/stats:
    get:
      tags: [observability]
      operationId: requestLogStats
      summary: The request log's rows, bytes on disk, oldest and newest call.
      responses:
        "200":
          description: The request log's figures.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/RequestLogStats"}
        "400": {$ref: "#/components/responses/Error"}
        "404": {$ref: "#/components/responses/Error"}

  /events:
    get:
      tags: [observability]
      operationId: events
      summary: The dashboard's live events, as server-sent events (docs/serve.md "Dashboard").
      description: |
        A `snapshot` event first (breaker states, recent transitions, active faults, automation,
        the last requests, stats), then `transition`, `request`, `fault_started`, `fault_stopped`,
        `automation`, `breaker_action` and, every second, `stats`. The stream stays open until the
        client leaves or the server stops.
      responses:
        "200":
          description: The event stream.
          content:
            text/event-stream:
              schema: {type: string}
        "400": {$ref: "#/components/responses/Error"}

  /:
    get:
      tags: [observability]
      operationId: dashboard
      summary: The live dashboard, one page with no external asset.
      responses:
        "200":
          description: The page.
          content:
            text/html:
              schema: {type: string}
        "400": {$ref: "#/components/responses/Error"}

components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      description: Needed on every POST when the server has a token.

  parameters:
    Provider:
      name: provider
      in: query
      required: false
      description: One provider's breaker; every breaker when neither this nor the body names one.
      schema: {type: string}

  requestBodies:
    BreakerChoice:
      required: false
      content:
        application/json:
          schema:
            type: object
            properties:
              provider: {type: string}
            additionalProperties: false

  responses:
    CallAnswer:
      description: The call's answer.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/CallAnswer"}
        text/event-stream:
          schema:
            description: "Each event: `answer` with the CallAnswer as JSON data, then `done`."
            type: object
            properties:
              event: {enum: [answer, done]}
              data: {type: string}
            required: [event, data]
    Breakers:
      description: Every breaker.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Breakers"}
    Automation:
      description: The automated traffic, or null.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/AutomationState"}
    Error:
      description: An error.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    Unauthorized:
      description: The server has a token and the request did not carry it.
      headers:
        WWW-Authenticate:
          required: true
          schema: {type: string}
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    RateLimited:
      description: Too many calls from this client.
      headers:
        Retry-After:
          required: true
          description: Seconds until a call is let through.
          schema: {type: integer, minimum: 1}
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}

  schemas:
    CallRequest:
      type: object
      properties:
        prompt: {type: string, maxLength: 100000}
        provider: {type: string, description: "A provider of the route; the path's, when both are given, must agree."}
        stream: {type: boolean, default: false}
        max_tokens: {type: integer, minimum: 1, maximum: 1000000}
      required: [prompt]
      additionalProperties: false
    PinnedCallRequest:
      type: object
      description: A call whose provider the path names.
      properties:
        prompt: {type: string, maxLength: 100000}
        stream: {type: boolean, default: false}
        max_tokens: {type: integer, minimum: 1, maximum: 1000000}
      required: [prompt]
      additionalProperties: false
    CallAnswer:
      type: object
      properties:
        id: {type: integer, minimum: 1}
        outcome: {enum: [ok, fallback, degraded]}
        provider: {type: string, description: The provider of the last attempt.}
        answer: {type: string}
        attempts: {type: integer, minimum: 0}
        latency_ms: {type: number, minimum: 0}
        fault: {type: string, description: The fault that decided an attempt's outcome, if one did.}
      required: [id, outcome, attempts, latency_ms]
      additionalProperties: false
    Health:
      type: object
      properties:
        status: {enum: [ok, degraded]}
        providers:
          type: array
          items:
            type: object
            properties:
              name: {type: string}
              type: {type: string}
              simulated: {type: boolean}
              breaker: {$ref: "#/components/schemas/BreakerState"}
              last_error:
                type: object
                properties:
                  kind: {type: string}
                  message: {type: string}
                  ago_ms: {type: number, minimum: 0}
                required: [kind, message, ago_ms]
                additionalProperties: false
            required: [name, type, simulated, breaker]
            additionalProperties: false
      required: [status, providers]
      additionalProperties: false
    BreakerState:
      enum: [closed, open, half_open, forced_open, disabled]
    Breakers:
      type: object
      properties:
        breakers:
          type: array
          items:
            type: object
            properties:
              provider: {type: string}
              state: {$ref: "#/components/schemas/BreakerState"}
              open_remaining_ms: {type: number, minimum: 0}
            required: [provider, state]
            additionalProperties: false
      required: [breakers]
      additionalProperties: false
    FaultInput:
      type: object
      description: |
        One entry of an experiment's `faults:` (docs/experiment-format.md "faults"), read as YAML:
        scalars may be strings, numbers or booleans, and the loader's rules decide (422 otherwise).
      properties:
        name: {$ref: "#/components/schemas/Scalar"}
        type:
          enum: [latency, error, timeout, unavailable, intermittent, rate_limit, corrupt, stream_cut, stall, reset]
        target:
          description: A provider, a list of providers, or "*".
          oneOf:
            - {$ref: "#/components/schemas/Scalar"}
            - {type: array, minItems: 1, items: {$ref: "#/components/schemas/Scalar"}}
        at: {$ref: "#/components/schemas/Scalar"}
        for: {$ref: "#/components/schemas/Scalar"}
        until: {$ref: "#/components/schemas/Scalar"}
        probability: {$ref: "#/components/schemas/Scalar"}
      required: [type, target]
    Scalar:
      description: A YAML scalar, e.g. `30s`, `gemini` or `50%`.
      type: [string, number, boolean]
    Fault:
      type: object
      properties:
        name: {type: string}
        type: {type: string}
        target: {type: string}
        origin: {enum: [config, injected]}
        active: {type: boolean}
        starts_in_ms: {type: number, minimum: 0}
        remaining_ms: {type: number, minimum: 0}
      required: [name, type, target, origin, active, starts_in_ms, remaining_ms]
      additionalProperties: false
    Faults:
      type: object
      properties:
        faults:
          type: array
          items: {$ref: "#/components/schemas/Fault"}
      required: [faults]
      additionalProperties: false
    StreamInput:
      type: object
      description: |
        One entry of an experiment's `traffic:` (docs/experiment-format.md "traffic"), read as
        YAML: scalars may be strings, numbers or booleans, and the loader's rules decide (422
        otherwise).
      properties:
        name: {$ref: "#/components/schemas/Scalar"}
        rate: {$ref: "#/components/schemas/Scalar"}
        stages: {type: array, items: {type: object}}
        burst: {type: object}
        arrivals: {enum: [uniform, poisson]}
        start: {$ref: "#/components/schemas/Scalar"}
        duration: {$ref: "#/components/schemas/Scalar"}
        max_in_flight: {$ref: "#/components/schemas/Scalar"}
        request: {type: object}
        prompts: {type: array, items: {$ref: "#/components/schemas/Scalar"}}
    AutomationState:
      type: object
      properties:
        automation:
          oneOf:
            - type: "null"
            - type: object
              properties:
                name: {type: string}
                rate: {type: string}
                running_for_ms: {type: number, minimum: 0}
              required: [name, running_for_ms]
              additionalProperties: false
      required: [automation]
      additionalProperties: false
    Error:
      type: object
      properties:
        error:
          type: object
          properties:
            status: {type: integer, minimum: 400, maximum: 599}
            code: {type: string}
            message: {type: string}
            diagnostics:
              type: array
              items:
                type: object
                properties:
                  severity: {enum: [error, warning, note]}
                  message: {type: string}
                  line: {type: integer, minimum: 1}
                  column: {type: integer, minimum: 1}
                  hint: {type: string}
                required: [severity, message]
                additionalProperties: false
          required: [status, code, message]
          additionalProperties: false
      required: [error]
      additionalProperties: false
    RequestLogRow:
      type: object
      properties:
        id: {type: integer, minimum: 1}
        at: {type: string, description: When the call arrived, ISO 8601 with milliseconds.}
        provider: {type: string, description: The provider of the last attempt.}
        outcome: {enum: [ok, fallback, degraded, failed, dropped]}
        attempts: {type: integer, minimum: 0}
        latency_ms: {type: number, minimum: 0}
        fault: {type: string, description: The fault that decided the last attempt, if one did.}
        prompt: {type: string, description: Only with --log-bodies.}
        answer: {type: string, description: Only with --log-bodies.}
      required: [id, at, outcome, attempts, latency_ms]
      additionalProperties: false
    RequestLog:
      type: object
      properties:
        requests:
          type: array
          items: {$ref: "#/components/schemas/RequestLogRow"}
      required: [requests]
      additionalProperties: false
    RequestLogStats:
      type: object
      properties:
        path: {type: string}
        rows: {type: integer, minimum: 0}
        bytes: {type: integer, minimum: 0, description: The database file and its write-ahead log.}
        oldest: {type: string}
        newest: {type: string}
      required: [path, rows, bytes]
      additionalProperties: false

"""#
}
