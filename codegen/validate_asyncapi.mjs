// Validate the AsyncAPI 3.0 contract (event streams, terminal, webhooks).
//
//     node codegen/validate_asyncapi.mjs [path]      (default: openapi/asyncapi.yaml)
//
// Parses the multi-file source with @asyncapi/parser: the document against the AsyncAPI
// 3.0 schema and its bindings, every $ref (relative ones resolve from the file that holds
// them), and the spec's cross-reference rules (an operation's channel and messages, channel
// servers and parameters). Then checks what the parser's 3.x ruleset leaves out:
//   - every `{name}` in a channel address has a channel parameter (the parser skips a
//     channel with no `parameters` at all);
//   - every message example matches the message's headers and payload schemas, and every
//     payload schema's own `example` matches it.
// Prints every diagnostic with its path; exits 1 when any has error severity (or the
// document cannot be parsed), 0 otherwise, with a one-line summary.
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';

// The JSON Schema validator the parser itself depends on (the same pinned copy).
const requireFromParser = createRequire(createRequire(import.meta.url).resolve('@asyncapi/parser'));
const Ajv = requireFromParser('ajv').default;
const addFormats = requireFromParser('ajv-formats').default;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.resolve(process.argv[2] ?? path.join(root, 'openapi', 'asyncapi.yaml'));
const shown = path.relative(process.cwd(), source) || source;

const SEVERITY = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

const pointer = (parts) =>
  '#/' + parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function report(severity, code, message, at) {
  console.log(`${SEVERITY[severity]} ${code}: ${message}\n  at ${at}`);
}

const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, source).parse();

let errors = 0;
for (const d of diagnostics) {
  if (d.severity === DiagnosticSeverity.Error) errors += 1;
  const file = d.source ? path.relative(process.cwd(), d.source) : shown;
  const line = d.range ? `:${d.range.start.line + 1}` : '';
  report(d.severity, d.code, d.message, `${file}${line} ${pointer(d.path ?? [])}`);
}

function fail(code, message, at) {
  errors += 1;
  report(DiagnosticSeverity.Error, code, message, `${shown} ${at}`);
}

if (document !== undefined) {
  // Channel address variables without a parameter.
  for (const channel of document.channels()) {
    const variables = [...(channel.address() ?? '').matchAll(/{([^}]+)}/g)].map((m) => m[1]);
    const declared = new Set(channel.parameters().all().map((p) => p.id()));
    for (const name of variables.filter((v) => !declared.has(v))) {
      fail('channel-address-parameter', `"{${name}}" in the address has no parameter`, pointer(['channels', channel.id(), 'parameters']));
    }
  }

  // Message examples and payload examples against their schemas.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const check = (schema, value, code, at) => {
    if (schema === undefined) {
      fail(code, 'example given but the message has no such schema', at);
      return;
    }
    const validate = ajv.compile(schema);
    if (!validate(value)) {
      for (const e of validate.errors) fail(code, `${e.instancePath || '/'} ${e.message}`, at);
    }
  };
  for (const channel of document.channels()) {
    for (const message of channel.messages()) {
      const at = (...rest) => pointer(['channels', channel.id(), 'messages', message.id(), ...rest]);
      const payload = message.payload()?.json();
      const headers = message.headers()?.json();
      if (payload !== undefined && typeof payload === 'object' && 'example' in payload) {
        check(payload, payload.example, 'payload-example', at('payload', 'example'));
      }
      message.examples().all().forEach((example, i) => {
        if (example.hasHeaders()) check(headers, example.headers(), 'message-example', at('examples', i, 'headers'));
        if (example.hasPayload()) check(payload, example.payload(), 'message-example', at('examples', i, 'payload'));
      });
    }
  }
}

if (errors > 0 || document === undefined) {
  console.log(`FAILED: ${shown}: ${errors} error(s)`);
  process.exit(1);
}

const count = (collection) => collection.all().length;
console.log(
  `OK: ${shown} (AsyncAPI ${document.version()}): ${count(document.channels())} channels, ` +
    `${count(document.operations())} operations, ${count(document.messages())} messages`,
);
