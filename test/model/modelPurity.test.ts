import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const modelRoot = join(__dirname, '../../src/model');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('src/model stays pure', () => {
  const files = sourceFiles(modelRoot);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports nothing from the DOM, React, three, comlink or Node built-ins', () => {
    const forbidden = /from\s+['"](react|react-dom(\/.*)?|three(\/.*)?|@react-three\/[^'"]*|comlink|node:[^'"]*|fs|path|os|worker_threads)['"]/;
    const offenders = files.filter((file) => forbidden.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('uses no browser globals and no unseeded randomness', () => {
    const globals = /\b(window|document|navigator|localStorage|self)\.|Math\.random\(/;
    const offenders = files.filter((file) => globals.test(readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(offenders).toEqual([]);
  });

  it('is type-checked with a tsconfig that has no DOM library and no ambient types', () => {
    const config = JSON.parse(readFileSync(join(modelRoot, 'tsconfig.json'), 'utf8'));
    expect(config.compilerOptions.lib).toEqual(['ES2022']);
    expect(config.compilerOptions.types).toEqual([]);
  });
});
