import { jsonSyntaxProblem, locateJsonPath, parseJsonPath } from '../../lib/policy/json-text';

describe('JSON text positions', () => {
  it('accepts valid JSON', () => {
    expect(jsonSyntaxProblem('{"a": [1, 2.5e3, -0, true, null, "x\\n"]}')).toBeUndefined();
  });

  it.each([
    ['', 1, 1, 'the file is empty: write a JSON document'],
    ['{"a": 1,}', 1, 9, "trailing comma before '}': remove the comma"],
    ['[1, 2,]', 1, 7, "trailing comma before ']': remove the comma"],
    ['{"a" 1}', 1, 6, "expected ':' after the property name, found character \"1\": add it"],
    ['{a: 1}', 1, 2, 'expected a double-quoted property name, found character "a": quote the name'],
    ["{'a': 1}", 1, 2, 'expected a double-quoted property name, found character "\'": quote the name'],
    ['{"a": [1, 2}', 1, 12, "expected ',' or ']', found character \"}\": add the missing comma or bracket"],
    ['{"a": "b}', 1, 7, 'string is never closed: add the closing double quote'],
    ['{"a":\n  {"b": 1}\n', 3, 1, "unexpected end of file: the '{' at 1:1 is never closed, close it"],
    ['{"a": tru}', 1, 7, 'unexpected character "t" where a value should be: write a string, number, object, list, true, false or null'],
    ['{} {}', 1, 4, 'unexpected character "{" after the end of the document: remove it'],
    ['{"a": 01}', 1, 8, "expected ',' or '}', found character \"1\": add the missing comma or bracket"],
  ])('locates the error in %j', (text, line, column, message) => {
    expect(jsonSyntaxProblem(text)).toEqual({ line, column, message: `not valid JSON: ${message}` });
  });

  it('finds where the value at a path starts, or its deepest existing ancestor', () => {
    const text = '{\n  "resource": {\n    "t": {\n      "n": { "allow": [ {"p": 1}, {"p": 2} ] }\n    }\n  }\n}\n';
    expect(locateJsonPath(text, ['resource', 't', 'n', 'allow', 1])).toEqual({ line: 4, column: 35, found: 5 });
    expect(locateJsonPath(text, ['resource', 't', 'missing', 'x'])).toEqual({ line: 3, column: 10, found: 2 });
    expect(locateJsonPath(text, [])).toEqual({ line: 1, column: 1, found: 0 });
  });

  it('parses the JSON paths findings carry', () => {
    expect(parseJsonPath('resource.google_compute_firewall.ssh.allow[0].ports')).toEqual(['resource', 'google_compute_firewall', 'ssh', 'allow', 0, 'ports']);
    expect(parseJsonPath('["//"].cxunit.boundaries')).toEqual(['//', 'cxunit', 'boundaries']);
    expect(parseJsonPath('resource_changes[3].change.after')).toEqual(['resource_changes', 3, 'change', 'after']);
  });
});
