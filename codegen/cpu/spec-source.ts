/**
 * Reads an elementwise op's math out of its spec's source text, so the generated kernels and the
 * reference kernel share ONE definition.
 *
 * How: the spec files under src/ir/ops are parsed with ts-morph (syntax only, no type checking).
 * For `defineUnaryOp({ name: 'Exp', scalar: Math.exp })` the `scalar` property's initializer is the
 * math; for the variadic family (`Max`, `Min`, `Sum`) it is the function passed to `foldVariadic`
 * inside the spec's `reference`. The initializer's text is copied into the generated file as a
 * local `const`, and every identifier it uses that the spec module defines or imports is carried
 * along: exported declarations and imports become imports of the same module (re-pathed to the
 * generated file's folder), module-private functions are copied verbatim. V8 inlines the small
 * local function into the generated loop, so the copy costs nothing at run time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Node, Project, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';

/** The op's math as text for a generated module. */
export interface ScalarSource {
  /** Spec file, relative to the repository root (for the generated header). */
  specFile: string;
  /** The function expression (arrow, function, or a reference like `Math.exp`). */
  expression: string;
  /** Module-private helper declarations the expression needs, copied verbatim. */
  helpers: string[];
  /** Named imports the expression needs: module path relative to the repository root (no extension) → names. */
  imports: Map<string, Set<string>>;
}

/** Parses every spec once; ts-morph without a type checker keeps this well under a second. */
export class SpecSources {
  private readonly project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  private readonly files: SourceFile[];

  constructor(private readonly root: string) {
    // Only files that declare elementwise ops are parsed: a text test is far cheaper than a parse.
    this.files = listTs(resolve(root, 'src/ir/ops'))
      .filter((f) => /define(Unary|Binary|Variadic)Op\(/.test(readFileSync(f, 'utf8')))
      .map((f) => this.project.addSourceFileAtPath(f));
  }

  /** The `scalar` of `defineUnaryOp`/`defineBinaryOp({ name })`. */
  scalarOf(factory: 'defineUnaryOp' | 'defineBinaryOp', name: string): ScalarSource {
    const call = this.findCall(factory, name);
    const obj = call.getArguments()[0];
    if (!Node.isObjectLiteralExpression(obj)) throw new Error(`${factory}(${name}): expected an object literal`);
    const prop = obj.getProperty('scalar');
    let init: Node | undefined;
    if (Node.isPropertyAssignment(prop)) init = prop.getInitializer();
    else if (Node.isShorthandPropertyAssignment(prop)) init = prop.getNameNode();
    if (!init) throw new Error(`${factory}(${name}): no scalar property`);
    return this.capture(init, call.getSourceFile());
  }

  /** The fold function of a variadic op: the second argument of `foldVariadic` in its reference. */
  foldOf(name: string): ScalarSource {
    const call = this.findCall('defineVariadicOp', name);
    const fold = call.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => c.getExpression().getText() === 'foldVariadic');
    const fn = fold?.getArguments()[1];
    if (!fn) throw new Error(`defineVariadicOp(${name}): no foldVariadic(inputs, f) in its reference`);
    return this.capture(fn, call.getSourceFile());
  }

  /** `factory:name` → the declaring call, indexed on first use (one walk over every spec file). */
  private calls?: Map<string, CallExpression>;

  private findCall(factory: string, name: string): CallExpression {
    if (!this.calls) {
      this.calls = new Map();
      const factories = new Set(['defineUnaryOp', 'defineBinaryOp', 'defineVariadicOp']);
      for (const file of this.files) {
        // A cheap text test first: most spec files declare no elementwise op.
        const text = file.getFullText();
        if (![...factories].some((f) => text.includes(`${f}(`))) continue;
        for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
          const callee = call.getExpression().getText();
          if (!factories.has(callee)) continue;
          const obj = call.getArguments()[0];
          if (!Node.isObjectLiteralExpression(obj)) continue;
          const nameProp = obj.getProperty('name');
          if (Node.isPropertyAssignment(nameProp)) this.calls.set(`${callee}:${nameProp.getInitializer()?.getText().slice(1, -1)}`, call);
        }
      }
    }
    const call = this.calls.get(`${factory}:${name}`);
    if (!call) throw new Error(`no ${factory}({ name: '${name}' }) under src/ir/ops`);
    return call;
  }

  /** The expression's text plus what it references from its module. */
  private capture(expr: Node, file: SourceFile): ScalarSource {
    const out: ScalarSource = {
      specFile: relative(this.root, file.getFilePath()),
      expression: expr.getText(),
      helpers: [],
      imports: new Map(),
    };
    const copied = new Set<string>();
    const visit = (node: Node) => {
      const ids = Node.isIdentifier(node) ? [node] : node.getDescendantsOfKind(SyntaxKind.Identifier);
      for (const id of ids) {
        const name = id.getText();
        if (copied.has(name)) continue;
        // Property names (`Math.exp`'s `exp`, `{ alpha }` keys) are not free references.
        const parent = id.getParent();
        if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
        const fn = file.getFunction(name);
        const imp = file.getImportDeclarations().find((d) => d.getNamedImports().some((n) => n.getName() === name));
        if (fn && fn.isExported()) {
          addImport(out, this.root, file.getFilePath(), name);
        } else if (fn) {
          copied.add(name);
          visit(fn);
          out.helpers.push(fn.getText().replace(/^export\s+/, ''));
        } else if (imp && !imp.isTypeOnly()) {
          const target = resolve(dirname(file.getFilePath()), imp.getModuleSpecifierValue());
          addImport(out, this.root, target, name);
        } else {
          continue;
        }
        copied.add(name);
      }
    };
    visit(expr);
    return out;
  }
}

function addImport(out: ScalarSource, root: string, modulePath: string, name: string): void {
  const key = relative(root, modulePath).replace(/\.(js|ts)$/, '');
  const set = out.imports.get(key) ?? new Set<string>();
  set.add(name);
  out.imports.set(key, set);
}

function listTs(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const full = join(dir, f);
    return statSync(full).isDirectory() ? listTs(full) : f.endsWith('.ts') ? [full] : [];
  });
}
