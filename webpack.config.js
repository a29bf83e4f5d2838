// Bundles src/index.ts into build/Code.js for Apps Script. esbuild-loader strips the types and
// lowers the syntax; gas-webpack-plugin turns every `global.name = fn` in src/index.ts into a
// top-level `function name() {}` that Apps Script can see as an entry point.
const path = require('node:path');
const fs = require('node:fs');
const GasPlugin = require('gas-webpack-plugin');

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

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/index.ts',
  devtool: false,
  output: {
    path: path.resolve(__dirname, 'build'),
    filename: 'Code.js',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'esbuild-loader',
        options: { loader: 'ts', target: 'es2020' },
      },
    ],
  },
  optimization: {
    // Readable output: an admin can read what runs in the school's Workspace, and Apps Script's
    // stack traces point at meaningful names.
    minimize: false,
  },
  plugins: [new GasPlugin({ comment: false }), new CopyManifestPlugin()],
  performance: { hints: false },
};
