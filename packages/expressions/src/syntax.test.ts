import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { evaluateExpressionSync } from './evaluate.js';
import { evalSample, sampleContext, templateSample } from './test-fixtures.js';

const extra = {
  list: [3, 1, 2],
  people: [
    { name: 'ann', age: 30 },
    { name: 'bob', age: 20 },
    { name: 'cy', age: 40 },
  ],
  map: { a: 1, b: 2, c: 3 },
  nested: { x: { y: [{ z: 'deep' }] } },
  empty: '',
  nothing: null,
  csv: 'a,b,,c,,',
  text: '  Hello World  ',
};

// [expression, expected result] — Spinnaker's result typing: numbers stay numbers, lists stay lists.
const cases: [string, unknown][] = [
  // literals
  ["'single'", 'single'],
  ['"double"', 'double'],
  ["'it''s'", "it's"],
  ['"say ""hi"""', 'say "hi"'],
  ['42', 42],
  ['3.5', 3.5],
  ['1e3', 1000],
  ['0x1F', 31],
  ['10L', 10],
  ['true', true],
  ['FALSE', false],
  ['null', null],
  ['{1, 2, 3}', [1, 2, 3]],
  ['{}', []],
  ['{:}', {}],
  ["{a: 1, 'b c': 'x', 3: true}", { a: 1, 'b c': 'x', '3': true }],
  ['{{1, 2}, {3}}', [[1, 2], [3]]],
  // property paths and indexers
  ['trigger.parameters.env', 'prod'],
  ["trigger['parameters']['env']", 'prod'],
  ["trigger.parameters['env']", 'prod'],
  ['list[0]', 3],
  ["list['1']", 1],
  ['nested.x.y[0].z', 'deep'],
  ["'abc'[1]", 'b'],
  ['people[1].name', 'bob'],
  ['trigger.parameters.missing', null],
  ['own', 'mine'],
  ['image', 'own-image'],
  ['manifests[0].metadata.namespace', 'prod'],
  ['#root.own', 'mine'],
  ["#root['trigger'].user", 'alice'],
  // safe navigation, elvis, ternary
  ['nothing?.foo', null],
  ['nothing?.foo?.bar', null],
  ['nothing?.size()', null],
  ["nothing ?: 'default'", 'default'],
  ["empty ?: 'default'", 'default'],
  ["trigger.parameters.env ?: 'default'", 'prod'],
  ["1 > 2 ? 'yes' : 'no'", 'no'],
  ["true ? 'a' : false ? 'b' : 'c'", 'a'],
  // relational and logical operators
  ['1 == 1', true],
  ["'a' == 'a'", true],
  ["'1' == 1", false],
  ['null == null', true],
  ['1 != 2', true],
  ['1 < 2', true],
  ['2 <= 2', true],
  ['3 > 2', true],
  ['2 >= 3', false],
  ["'abc' < 'abd'", true],
  ['1 lt 2 and 2 gt 1', true],
  ['1 eq 1 && 2 ne 2', false],
  ['false or true', true],
  ['false || false', false],
  ['not false', true],
  ['!true', false],
  ["!'false'", true],
  ['trigger.parameters.flag and true', true],
  ['2 between {1, 3}', true],
  ["'x' instanceof T(String)", true],
  ['1 instanceof T(String)', false],
  // arithmetic and concatenation
  ['1 + 2 * 3', 7],
  ['(1 + 2) * 3', 9],
  ['7 / 2', 3],
  ['7.0 / 2', 3.5],
  ['7 % 3', 1],
  ['7 mod 3 + 8 div 4', 3],
  ['2 ^ 10', 1024],
  ['-5 + +2', -3],
  ["'a' + 'b'", 'ab'],
  ["'n' + 1", 'n1'],
  ["1 + 'n'", '1n'],
  ["'v' + null", 'vnull'],
  ["'l' + {1, 2}", 'l1,2'],
  ["'m' + {a: 1}", 'm{a=1}'],
  ["'ab' * 3", 'ababab'],
  // matches
  ["'release-1.2' matches 'release-\\d+\\.\\d+'", true],
  ["'release' matches 'rel'", false],
  ["trigger.parameters.env matches 'prod|staging'", true],
  // selection and projection
  ['people.?[age > 25].![name]', ['ann', 'cy']],
  ['people.^[age > 25].name', 'ann'],
  ['people.$[age > 25].name', 'cy'],
  ['people.?[age > 100]', []],
  ['people.^[age > 100]', null],
  ['people.![age * 2]', [60, 40, 80]],
  ['list.?[#this > 1]', [3, 2]],
  ['list.![#this + 1]', [4, 2, 3]],
  ['map.?[value > 1]', { b: 2, c: 3 }],
  ['map.![key]', ['a', 'b', 'c']],
  ["map.^[key == 'c']", { c: 3 }],
  ["execution.stages.?[type == 'manualJudgment'][0].name", 'Approve'],
  ["execution.stages.?[name == 'Soak'].size()", 1],
  ['people.?[age > #root.list[1] * 25].size()', 2],
  // string methods
  ["'abc'.contains('b')", true],
  ["'abc'.startsWith('ab')", true],
  ["'abc'.endsWith('bc')", true],
  ["'abc'.toUpperCase()", 'ABC'],
  ["'ABC'.toLowerCase()", 'abc'],
  ["'abcdef'.substring(2)", 'cdef'],
  ["'abcdef'.substring(1, 3)", 'bc'],
  ["'abcabc'.indexOf('c')", 2],
  ["'abcabc'.lastIndexOf('c')", 5],
  ["'a-b-c'.replace('-', '+')", 'a+b+c'],
  ["'a1b22'.replaceAll('[0-9]+', '#')", 'a#b#'],
  ["'a1b22'.replaceFirst('[0-9]', '#')", 'a#b22'],
  ["'v1.2.3'.replaceAll('v(\\d)', 'V$1')", 'V1.2.3'],
  ["csv.split(',')", ['a', 'b', '', 'c']],
  ["'a.b.c'.split('\\.')", ['a', 'b', 'c']],
  ["'a b'.split(' ').size()", 2],
  ['text.trim()', 'Hello World'],
  ["'abc'.length()", 3],
  ["'abc'.length", 3],
  ["''.isEmpty()", true],
  ["''.empty", true],
  ["'x'.equals('x')", true],
  ["'X'.equalsIgnoreCase('x')", true],
  ["'abc'.matches('a.c')", true],
  ["'abc'.charAt(1)", 'b'],
  ["'a'.concat('b')", 'ab'],
  ["'b'.compareTo('a')", 1],
  ["'ab'.repeat(2)", 'abab'],
  ["'hello'.hashCode()", 99162322],
  ['trigger.parameters.env.toString()', 'prod'],
  // list and map methods
  ['list.size()', 3],
  ['list.get(2)', 2],
  ['list.contains(1)', true],
  ['list.indexOf(2)', 2],
  ['list.isEmpty()', false],
  ['list.subList(1, 3)', [1, 2]],
  ['list.toString()', '[3, 1, 2]'],
  ['map.size()', 3],
  ["map.get('b')", 2],
  ["map.containsKey('c')", true],
  ["map.containsKey('z')", false],
  ['map.containsValue(3)', true],
  ['map.keySet()', ['a', 'b', 'c']],
  ['map.values()', [1, 2, 3]],
  ["map.getOrDefault('z', 9)", 9],
  ['map.isEmpty()', false],
  ['map.toString()', '{a=1, b=2, c=3}'],
  ['map.entrySet()[0].key', 'a'],
  ['(5).toString()', '5'],
  ['true.toString()', 'true'],
  ['2.7.intValue()', 2],
  // static types and constructors from the allow-list
  ['T(java.lang.Math).max(3, 7)', 7],
  ['T(Math).abs(-2)', 2],
  ['T(Math).round(2.5)', 3],
  ['T(Math).floor(2.7) + T(Math).ceil(2.1)', 5],
  ['T(Math).PI > 3.14', true],
  ["T(Integer).parseInt('12') + 1", 13],
  ["T(java.lang.Integer).valueOf('7')", 7],
  ['T(Integer).MAX_VALUE', 2147483647],
  ["T(Double).parseDouble('1.5')", 1.5],
  ["T(Boolean).parseBoolean('TRUE')", true],
  ['T(String).valueOf(5)', '5'],
  ["T(String).join('-', {'a', 'b'})", 'a-b'],
  ["new Integer('41') + 1", 42],
  ["new String('s')", 's'],
  ["new Boolean('true')", true],
  ['T(java.util.UUID).randomUUID().toString().length()', 36],
  ['T(java.time.Instant).ofEpochMilli(0)', '1970-01-01T00:00:00.000Z'],
  // variables
  ['#this.own', 'mine'],
  ['#undefinedVariable', null],
  // Java-style getters Spinnaker exposes on stages
  ["#stage('Approve').hasSucceeded", true],
  ["#stage('Approve').hasFailed", false],
  ["#stage('Deploy')['status'].toString() == 'SUCCEEDED'", true],
];

describe('syntax forms and result typing', () => {
  it.each(cases)('%s', (expression, expected) => {
    expect(evalSample(expression, undefined, extra)).toEqual(expected);
  });
});

describe('templates', () => {
  it.each<[string, unknown]>([
    ['${trigger.parameters.replicas}', '3'],
    ['${ 1 + 2 }', 3],
    ['${true}', true],
    ['${ {1, 2} }', [1, 2]],
    ['${ {a: 1} }', { a: 1 }],
    ['${ {a: {b: "}"}} }', { a: { b: '}' } }],
    ["${ 'a}b' }", 'a}b'],
    ['image:${trigger.parameters.env}-${1 + 1}', 'image:prod-2'],
    [' ${1}', ' 1'],
    ['n=${ {1, 2} }', 'n=1,2'],
    ['no expression here', 'no expression here'],
    ['$notAnExpression {x}', '$notAnExpression {x}'],
    ['cost: $5 and {braces}', 'cost: $5 and {braces}'],
    ["${'$'}{trigger.user}", '${trigger.user}'],
    ['a-${trigger.parameters.missing}-b', 'a-${trigger.parameters.missing}-b'],
  ])('%s', (template, expected) => {
    expect(templateSample(template)).toEqual(expected);
  });

  it('refuses a map inside mixed text, as Spring cannot convert it to String', () => {
    expect(() => templateSample('m=${ {a: 1} }')).toThrow(/cannot convert from java.util.LinkedHashMap/);
  });

  it.each(['${', '${}', '${ 1 + }', "${'unterminated}", '${ a ]}'])(
    'reports a parse error for %s',
    (template) => {
      expect(() => templateSample(template)).toThrow(ExpressionError);
    },
  );
});

describe('errors that help', () => {
  it.each<[string, string, RegExp]>([
    [
      'trigger.buildInfo.nope.deeper',
      'NOT_FOUND',
      /cannot be found on null \(trigger\.buildInfo\.nope\.deeper\)/,
    ],
    ['list[10]', 'NOT_FOUND', /has '3' elements, index '10' is invalid/],
    ['nothing.size()', 'NOT_FOUND', /on null context object/],
    ["'a' - 1", 'EVALUATION', /operator 'SUBTRACT' is not supported/],
    ["'abc'.nope()", 'EVALUATION', /Method nope\(\) cannot be found on type java.lang.String/],
    ['#nope()', 'EVALUATION', /Function 'nope' could not be found/],
    ['1 / 0', 'EVALUATION', /by zero/],
    ["1 < 'a'", 'EVALUATION', /Cannot compare/],
    ['people.?[name]', 'EVALUATION', /selection criteria is not boolean/],
    ["'abc'.substring(5)", 'EVALUATION', /StringIndexOutOfBounds/],
    ["new Integer('x')", 'EVALUATION', /NumberFormatException: For input string: "x"/],
    ['nothing and true', 'EVALUATION', /cannot convert from null to boolean/],
  ])('%s fails with %s', (expression, code, message) => {
    let error: unknown;
    try {
      evalSample(expression, undefined, extra);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).code).toBe(code);
    expect((error as ExpressionError).message).toMatch(message);
  });

  it('makes a missing key an error when unknown keys are not allowed (trigger-time evaluation)', () => {
    const ctx = { ...sampleContext(), allowUnknownKeys: false };
    expect(evaluateExpressionSync('trigger.parameters.env', ctx)).toBe('prod');
    expect(() => evaluateExpressionSync('trigger.parameters.missing', ctx)).toThrow(
      /Property or field 'missing' cannot be found on object of type 'java.util.LinkedHashMap'/,
    );
  });
});
