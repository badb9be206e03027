import APIRuntime

/// A compiled spec in the generator's format, shaped like Partner Center's: shared headers,
/// bearer auth, a paged listing with a `size` and a JSON `filter`, and the error schema; and
/// listings paged as Microsoft Graph's (`@odata.nextLink`) and by a continuation header.
enum TestDocument {
    static let json = #"""
    {
      "api": "Things",
      "auth": "bearer",
      "servers": {"default": "https://things.invalid"},
      "headers": [
        {"name": "Accept", "value": "application/json"},
        {"generate": "uuid", "name": "MS-CorrelationId", "per": "client"},
        {"generate": "uuid", "name": "MS-RequestId", "per": "call"},
        {"default": "en-US", "name": "X-Locale"}
      ],
      "operations": {
        "listThings": {
          "method": "GET",
          "path": "/v1/things",
          "summary": "Lists things.",
          "paging": {"items": "items", "next": ["links", "next"]},
          "parameters": [
            {
              "name": "size", "in": "query", "encoding": "plain", "required": false,
              "schema": {"type": "integer", "minimum": 1, "maximum": 500}
            },
            {
              "name": "filter", "in": "query", "encoding": "json", "required": true,
              "arguments": {"Value": "name"},
              "schema": {
                "type": "object", "additionalProperties": false, "required": ["Field", "Value", "Operator"],
                "properties": {
                  "Field": {"const": "Name"},
                  "Value": {"type": "string"},
                  "Operator": {"const": "starts_with"}
                }
              }
            }
          ],
          "responses": {"200": {"schema": "ThingCollection"}, "default": {"schema": "PartnerCenterError"}}
        },
        "getThingReport": {
          "method": "GET", "path": "/v1/things/{thing-id}/report",
          "parameters": [{"name": "thing-id", "in": "path", "encoding": "plain", "required": true, "schema": {"type": "string"}}],
          "responses": {"200": {"content": "application/pdf"}, "default": {"schema": "PartnerCenterError"}}
        },
        "getThing": {
          "method": "GET",
          "path": "/v1/things/{thing-id}",
          "parameters": [
            {"name": "thing-id", "in": "path", "encoding": "plain", "required": true, "schema": {"type": "string", "minLength": 1}}
          ],
          "responses": {"200": {"schema": "Thing"}, "default": {"schema": "PartnerCenterError"}}
        },
        "createThing": {
          "method": "POST",
          "path": "/v1/things",
          "parameters": [],
          "body": {"schema": {"$ref": "#/schemas/Thing"}, "required": false, "mediaType": "application/json"},
          "responses": {"201": {"schema": "Thing"}, "default": {"schema": "PartnerCenterError"}}
        },
        "createThingOnce": {
          "method": "POST",
          "path": "/v1/things",
          "idempotent": true,
          "parameters": [],
          "body": {"schema": {"$ref": "#/schemas/Thing"}, "required": true},
          "responses": {"201": {"schema": "Thing"}, "default": {"schema": "PartnerCenterError"}}
        },
        "updateThing": {
          "method": "PATCH",
          "path": "/v1/things/{thing-id}",
          "parameters": [
            {"name": "thing-id", "in": "path", "encoding": "plain", "required": true, "schema": {"type": "string"}},
            {"name": "If-Match", "in": "header", "encoding": "plain", "required": true, "schema": {"type": "string"}}
          ],
          "body": {"schema": {"$ref": "#/schemas/Thing"}, "required": true},
          "responses": {"200": {"schema": "Thing"}, "202": {}, "default": {"schema": "PartnerCenterError"}}
        },
        "deleteThing": {
          "method": "DELETE",
          "path": "/v1/things/{thing-id}",
          "parameters": [{"name": "thing-id", "in": "path", "encoding": "plain", "required": true, "schema": {"type": "string"}}],
          "responses": {"204": {}, "default": {"schema": "PartnerCenterError"}}
        },
        "submitForm": {
          "method": "POST",
          "path": "/v1/forms",
          "parameters": [],
          "body": {"schema": {"type": "object", "properties": {"grant_type": {"type": "string"}, "scope": {"type": "string"}}}, "required": true, "mediaType": "application/x-www-form-urlencoded"},
          "responses": {"204": {}}
        },
        "listODataThings": {
          "method": "GET",
          "path": "/v1/odata-things",
          "paging": {"items": "value", "next": ["@odata.nextLink"]},
          "parameters": [],
          "responses": {"200": {"schema": "ODataThingCollection"}}
        },
        "listThingsByContinuation": {
          "method": "GET",
          "path": "/v1/continued-things",
          "paging": {"nextHeader": "MS-ContinuationToken"},
          "parameters": [
            {"name": "size", "in": "query", "encoding": "plain", "required": false, "schema": {"type": "integer", "minimum": 1}}
          ],
          "responses": {"200": {"schema": "ThingList"}}
        },
        "listThingsByOffset": {
          "method": "GET",
          "path": "/v1/offset-things",
          "paging": {"items": "items", "offset": "offset", "size": "size", "total": "totalCount"},
          "parameters": [
            {"name": "offset", "in": "query", "encoding": "plain", "required": false, "schema": {"type": "integer", "minimum": 0}},
            {"name": "size", "in": "query", "encoding": "plain", "required": false, "schema": {"type": "integer", "minimum": 1}}
          ],
          "responses": {"200": {"schema": "ThingCollection"}, "default": {"schema": "PartnerCenterError"}}
        }
      },
      "schemas": {
        "Thing": {
          "type": "object",
          "required": ["id"],
          "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "count": {"type": "integer"},
            "weight": {"type": "number"}
          }
        },
        "ThingCollection": {
          "type": "object",
          "required": ["items"],
          "properties": {
            "totalCount": {"type": "integer"},
            "items": {"type": "array", "items": {"$ref": "#/schemas/Thing"}},
            "links": {"$ref": "#/schemas/Links"}
          }
        },
        "ODataThingCollection": {
          "type": "object",
          "properties": {
            "value": {"type": "array", "items": {"$ref": "#/schemas/Thing"}},
            "@odata.nextLink": {"type": "string"}
          }
        },
        "ThingList": {"type": "array", "items": {"$ref": "#/schemas/Thing"}},
        "Links": {
          "type": "object",
          "properties": {"next": {"$ref": "#/schemas/Link"}, "self": {"$ref": "#/schemas/Link"}}
        },
        "Link": {
          "type": "object",
          "required": ["uri"],
          "properties": {
            "uri": {"type": "string"},
            "method": {"type": "string"},
            "headers": {"type": "array", "items": {"$ref": "#/schemas/KeyValuePair"}}
          }
        },
        "KeyValuePair": {
          "type": "object",
          "properties": {"key": {"type": "string"}, "value": {"type": "string"}}
        },
        "PartnerCenterError": {
          "type": "object",
          "properties": {
            "code": {"type": ["integer", "string"]},
            "data": {"type": "array", "items": {"type": "string"}},
            "description": {"type": "string"},
            "source": {"type": "string"},
            "statusCode": {"type": "integer"},
            "message": {"type": "string"}
          }
        }
      }
    }
    """#

    static let document = APIDocument(json: json)

    /// The `filter` argument of `listThings` for names starting with `prefix`.
    static func filter(_ prefix: String) -> JSONValue {
        .members(["Field": .string("Name"), "Value": .string(prefix), "Operator": .string("starts_with")])
    }
}
