// Parses LogQL and TraceQL queries with Grafana's published grammars (@grafana/lezer-logql,
// @grafana/lezer-traceql: the parsers behind Grafana's Loki and Tempo query editors) and reports,
// per query, the syntax errors and the names it uses, so the caller can check them against what
// the platform emits.
//
//   node check.mjs queries.json    (queries.json: [{"id": "...", "language": "logql"|"traceql", "query": "..."}])
//
// Prints one JSON array on stdout: [{id, language, errors: [{from, near}], ...names}]
//   logql:   streamLabels (in the stream selector), filterLabels ([{name, afterParser}]: label
//            filters, afterParser when a parser stage such as `| json` comes before them),
//            groupingLabels (by/without), parsers (json, logfmt, ...), extractedLabels (named
//            captures of regexp and pattern stages)
//   traceql: attributes ([{scope, name}] for span./resource./unscoped attributes),
//            spanNames (values compared with `name =` / `span:name =`)
import { readFileSync } from 'node:fs';
import { parser as logql } from '@grafana/lezer-logql';
import { parser as traceql } from '@grafana/lezer-traceql';

const queries = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function errorsOf(tree, text) {
  const errors = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push({ from: node.from, near: text.slice(Math.max(0, node.from - 20), node.from + 20) });
      }
    },
  });
  return errors;
}

function textOf(node, text) {
  return text.slice(node.from, node.to);
}

function unquote(value) {
  const quoted = value.match(/^(["`])(.*)\1$/s);
  return quoted ? quoted[2] : value;
}

function checkLogql(text) {
  const tree = logql.parse(text);
  const result = { streamLabels: [], filterLabels: [], groupingLabels: [], parsers: [], extractedLabels: [] };
  let parserSeenAt = -1;
  tree.iterate({
    enter: (node) => {
      const name = node.type.name;
      if (name === 'LabelParser' || name === 'JsonExpressionParser' || name === 'LogfmtParser'
          || name === 'LogfmtExpressionParser') {
        const stage = textOf(node, text).trim();
        result.parsers.push(stage);
        // labels a regexp (?P<name>...) or pattern <name> stage extracts
        const captures = stage.startsWith('regexp') ? stage.matchAll(/\(\?P<(\w+)>/g)
          : stage.startsWith('pattern') ? stage.matchAll(/<(\w+)>/g) : [];
        for (const capture of captures) {
          if (capture[1] !== '_') {
            result.extractedLabels.push(capture[1]);
          }
        }
        if (parserSeenAt < 0 || node.from < parserSeenAt) {
          parserSeenAt = node.from;
        }
      }
      if (name === 'Selector') {
        node.node.getChildren('Matchers').forEach((matchers) => collectMatchers(matchers, text, result.streamLabels));
        return false;
      }
      if (name === 'LabelFilter') {
        const names = [];
        collectIdentifiers(node.node, text, names);
        names.forEach((label) => result.filterLabels.push({ name: label, afterParser: parserSeenAt >= 0 && parserSeenAt < node.from }));
        return false;
      }
      if (name === 'Grouping') {
        collectIdentifiers(node.node, text, result.groupingLabels);
        return false;
      }
      return undefined;
    },
  });
  return { errors: errorsOf(tree, text), ...result };
}

function collectMatchers(matchers, text, into) {
  const cursor = matchers.cursor();
  do {
    if (cursor.type.name === 'Matcher') {
      const identifier = cursor.node.getChild('Identifier');
      if (identifier) {
        into.push(textOf(identifier, text));
      }
    }
  } while (cursor.next() && cursor.from < matchers.to);
}

function collectIdentifiers(node, text, into) {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.type.name === 'Identifier') {
      into.push(textOf(cursor.node, text));
    }
  } while (cursor.next() && cursor.from < end);
}

function checkTraceql(text) {
  const tree = traceql.parse(text);
  const attributes = [];
  const spanNames = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.name === 'AttributeField') {
        const raw = textOf(node, text).trim();
        const match = raw.match(/^(span|resource|event|link|instrumentation)?\.(.+)$/s);
        if (match) {
          attributes.push({ scope: match[1] ?? '', name: unquote(match[2].trim()) });
        }
        else {
          attributes.push({ scope: '?', name: raw });
        }
        return false;
      }
      if (node.type.name === 'FieldExpression') {
        const children = [];
        let child = node.node.firstChild;
        while (child) {
          children.push(child);
          child = child.nextSibling;
        }
        if (children.length === 3 && children[1].type.name === 'FieldOp') {
          const field = textOf(children[0], text).trim();
          const op = textOf(children[1], text).trim();
          const value = textOf(children[2], text).trim();
          if ((field === 'name' || field === 'span:name') && op === '=' && /^".*"$/s.test(value)) {
            spanNames.push(unquote(value));
          }
        }
      }
      return undefined;
    },
  });
  return { errors: errorsOf(tree, text), attributes, spanNames };
}

const report = queries.map(({ id, language, query }) => {
  if (language === 'logql') {
    return { id, language, ...checkLogql(query) };
  }
  if (language === 'traceql') {
    return { id, language, ...checkTraceql(query) };
  }
  return { id, language, errors: [{ from: 0, near: `unknown language ${language}` }] };
});
process.stdout.write(JSON.stringify(report));
