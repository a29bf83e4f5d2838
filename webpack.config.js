// Bundles src/index.ts into build/Code.js for Apps Script. esbuild-loader strips the types and
// lowers the syntax; gas-webpack-plugin turns every `global.name = fn` in src/index.ts into a
// top-level `function name() {}` that Apps Script can see as an entry point.
//
// Minified with names kept (issue 15): a smaller file is less for Apps Script to load at the start of
// every execution, and stack traces must still name the function that failed. Each module is minified
// by the loader with esbuild's keepNames, which records every function's and class's own name as a string
// (`name` property, which V8 uses in stack traces), so the second, whole-file pass may shorten the
// identifiers freely. The whole-file pass uses no output format: the entry-point stubs stay top-level
// function declarations with their names (an iife format would wrap and drop them), and the keepNames
// helper stays inside webpack's module scope, so it never becomes a global Apps Script would list.
const path = require('node:path');
const fs = require('node:fs');
const GasPlugin = require('gas-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

class CopyManifestPlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('CopyManifestPlugin', () => {
      fs.copyFileSync(
        path.resolve(__dirname, 'appsscript.json'),
        path.resolve(__dirname, 'build/appsscript.json'),
      );
    });
  }
}

// `--env unminified --env outDir=DIR`: the same bundle without minifying, for the benchmark's "before" size
// (scripts/bench.ts); never pushed.
module.exports = (env = {}) => {
  const unminified = Boolean(env.unminified);
  return {
    mode: 'production',
    context: __dirname,
    entry: './src/index.ts',
    devtool: false,
    output: {
      path: unminified ? path.resolve(env.outDir) : path.resolve(__dirname, 'build'),
      filename: 'Code.js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'esbuild-loader',
          options: { loader: 'ts', target: 'es2020', minify: !unminified, keepNames: true },
        },
      ],
    },
    optimization: {
      minimize: !unminified,
      // `format: undefined` (not absent): esbuild-loader would otherwise choose an iife for the web target.
      minimizer: [new EsbuildPlugin({ target: 'es2020', format: undefined, minify: true })],
    },
    plugins: [new GasPlugin({ comment: false }), ...(unminified ? [] : [new CopyManifestPlugin()])],
    performance: { hints: false },
  };
};
