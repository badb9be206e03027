#!/usr/bin/env python3
"""Prints a synthetic spec of N operations (default 100): each a GET with a path and a query
parameter and its own 8-property schema, the shape of Tests/CodeGenTests/LargeSpecTests.swift
and of the specs swift-openapi-generator's figures in issue 14 were measured on.

    synthetic-spec.py N [EXTRA]      EXTRA: a ninth property of the first schema (an edit to time)
"""
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
extra = sys.argv[2] if len(sys.argv) > 2 else None
lines = ["api: Synthetic", "servers:", "  default: https://api.example.com", "auth: bearer", "operations:"]
for i in range(count):
    lines += [
        f"  getThing{i}:", f"    summary: Get thing {i}", "    method: GET", f"    path: /v1/things{i}/{{thing-id}}",
        "    parameters:", "      path:", "        thing-id: { argument: thingId, schema: { type: string, format: uuid } }",
        "      query:", "        size: { schema: { type: integer, minimum: 1, maximum: 500 } }",
        "    responses:", f"      200: {{ $ref: '#/schemas/Thing{i}' }}",
    ]
lines.append("schemas:")
for i in range(count):
    lines += [
        f"  Thing{i}:", "    type: object", "    required: [id]", "    properties:",
        "      id: { type: string, format: uuid }", "      name: { type: string, maxLength: 200 }",
        "      count: { type: integer, minimum: 0 }", "      ratio: { type: number }", "      active: { type: boolean }",
        "      createdAt: { type: string, format: date-time }", "      tags: { type: array, items: { type: string } }",
        "      notes: { type: [string, 'null'] }",
    ]
    if i == 0 and extra:
        lines.append(f"      {extra}: {{ type: string }}")
print("\n".join(lines))
